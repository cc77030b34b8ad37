package redline

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Version names what Diff returns and how MarshalBinary writes it. Bump it
// whenever Diff's result for some input may change (the alignment, the
// tokens, the limits, the grouping into clauses) or Result's fields change:
// caches of redlines are keyed by it, and a stale one would otherwise be
// published as if freshly computed. TestVersionChangesWithTheResults fails
// when the golden cases' results change under the same Version.
const Version = "redline 3"

// encodingTag starts every encoding, so that bytes of another format or
// version are refused rather than misread.
const encodingTag = "RL2\x00"

// MarshalBinary encodes the result, including what rendering needs beyond
// the exported fields, so that a decoded Result renders the same HTML and
// text as the original.
func (r *Result) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 256+64*len(r.Ops))
	b = append(b, encodingTag...)
	b = appendOps(b, r.Ops)
	b = appendLen(b, len(r.Clauses), r.Clauses == nil)
	for _, c := range r.Clauses {
		b = appendString(b, c.Number)
		b = appendString(b, c.OldNumber)
		b = appendString(b, c.Anchor)
		b = appendString(b, c.Title)
		b = appendString(b, string(c.Change))
		b = appendInts(b, c.Ops[0], c.Ops[1], c.paras[0], c.paras[1])
	}
	b = appendLen(b, len(r.Moves), r.Moves == nil)
	for _, m := range r.Moves {
		b = appendInts(b, m.ID, m.From, m.To)
		b = appendOps(b, m.Ops)
	}
	b = appendInts(b, statFields(&r.Stats)...)
	b = appendLen(b, len(r.Links), r.Links == nil)
	for _, l := range r.Links {
		b = appendInts(b, l.Clause, l.Op)
		b = appendString(b, l.Text)
		b = appendString(b, l.Old)
		b = appendString(b, l.New)
	}
	b = appendLen(b, len(r.Formats), r.Formats == nil)
	for _, f := range r.Formats {
		b = appendInts(b, f.Clause, f.Op, boolInt(f.Emphasis))
		b = appendString(b, f.Old)
		b = appendString(b, f.New)
	}
	b = appendLen(b, len(r.paras), r.paras == nil)
	for _, p := range r.paras {
		b = appendInts(b, p.a, p.b, p.an, p.bn, p.ops[0], p.ops[1], p.move)
		b = appendString(b, string(p.change))
	}
	return b, nil
}

// statFields lists the counts of st in the order they are encoded.
func statFields(st *Stats) []int {
	return []int{st.Changed, st.Inserted, st.Deleted, st.Renumbered, st.Moved, st.Minor, st.Unchanged, st.WordsDeleted, st.WordsInserted,
		st.Formatted, st.NumbersChanged, st.LinksChanged, st.BreaksInserted, st.BreaksDeleted}
}

// statPointers lists the counts of st in the order they are encoded.
func statPointers(st *Stats) []*int {
	return []*int{&st.Changed, &st.Inserted, &st.Deleted, &st.Renumbered, &st.Moved, &st.Minor, &st.Unchanged, &st.WordsDeleted, &st.WordsInserted,
		&st.Formatted, &st.NumbersChanged, &st.LinksChanged, &st.BreaksInserted, &st.BreaksDeleted}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// links and formats read what MarshalBinary wrote of them.
func (d *decoder) links() []LinkChange {
	n, ok := d.length()
	if !ok {
		return nil
	}
	out := make([]LinkChange, n)
	for i := range out {
		l := &out[i]
		l.Clause, l.Op = d.int(), d.int()
		l.Text, l.Old, l.New = d.str(), d.str(), d.str()
	}
	return out
}

func (d *decoder) formats() []FormatChange {
	n, ok := d.length()
	if !ok {
		return nil
	}
	out := make([]FormatChange, n)
	for i := range out {
		f := &out[i]
		f.Clause, f.Op, f.Emphasis = d.int(), d.int(), d.int() != 0
		f.Old, f.New = d.str(), d.str()
	}
	return out
}

// UnmarshalBinary decodes what MarshalBinary wrote. It refuses bytes that
// are cut short, have bytes left over, or hold ranges outside the result,
// so that rendering a decoded Result cannot fail.
func (r *Result) UnmarshalBinary(data []byte) error {
	if len(data) < len(encodingTag) || string(data[:len(encodingTag)]) != encodingTag {
		return errors.New("redline: not an encoded result of this version")
	}
	d := decoder{b: data[len(encodingTag):]}
	var out Result
	out.Ops = d.ops()
	if n, ok := d.length(); ok {
		out.Clauses = make([]Clause, n)
	}
	for i := range out.Clauses {
		c := &out.Clauses[i]
		c.Number, c.OldNumber, c.Anchor, c.Title = d.str(), d.str(), d.str(), d.str()
		c.Change = Change(d.str())
		c.Ops[0], c.Ops[1], c.paras[0], c.paras[1] = d.int(), d.int(), d.int(), d.int()
	}
	if n, ok := d.length(); ok {
		out.Moves = make([]Move, n)
	}
	for i := range out.Moves {
		m := &out.Moves[i]
		m.ID, m.From, m.To = d.int(), d.int(), d.int()
		m.Ops = d.ops()
	}
	for _, p := range statPointers(&out.Stats) {
		*p = d.int()
	}
	out.Links = d.links()
	out.Formats = d.formats()
	if n, ok := d.length(); ok {
		out.paras = make([]para, n)
	}
	for i := range out.paras {
		p := &out.paras[i]
		p.a, p.b, p.an, p.bn, p.ops[0], p.ops[1], p.move = d.int(), d.int(), d.int(), d.int(), d.int(), d.int(), d.int()
		p.change = Change(d.str())
	}
	if d.err != nil {
		return d.err
	}
	if len(d.b) > 0 {
		return fmt.Errorf("redline: %d bytes after the encoded result", len(d.b))
	}
	if err := out.checkRanges(); err != nil {
		return err
	}
	*r = out
	return nil
}

// Outline is what pages and summaries show of a redline without its
// operations: the counts, whether the texts are the same, and the changed
// clauses.
type Outline struct {
	Stats   Stats
	Same    bool
	Clauses []Clause
}

// Outline returns r's outline.
func (r *Result) Outline() Outline {
	return Outline{Stats: r.Stats, Same: r.Same(), Clauses: r.Clauses}
}

// DecodeOutline reads the outline of what MarshalBinary wrote, skipping the
// operations, moves and paragraphs rather than decoding them: a rebuild of
// a large site reads thousands of cached redlines for their outlines only.
// It refuses what UnmarshalBinary refuses for its shape (a foreign tag,
// bytes cut short or left over), but does not check the ranges it skips.
func DecodeOutline(data []byte) (Outline, error) {
	if len(data) < len(encodingTag) || string(data[:len(encodingTag)]) != encodingTag {
		return Outline{}, errors.New("redline: not an encoded result of this version")
	}
	d := decoder{b: data[len(encodingTag):]}
	out := Outline{Same: d.skipOps()}
	if n, ok := d.length(); ok {
		out.Clauses = make([]Clause, n)
	}
	for i := range out.Clauses {
		c := &out.Clauses[i]
		c.Number, c.OldNumber, c.Anchor, c.Title = d.str(), d.str(), d.str(), d.str()
		c.Change = Change(d.str())
		c.Ops[0], c.Ops[1], c.paras[0], c.paras[1] = d.int(), d.int(), d.int(), d.int()
	}
	n, _ := d.length()
	for range n {
		d.int()
		d.int()
		d.int()
		d.skipOps()
	}
	for _, p := range statPointers(&out.Stats) {
		*p = d.int()
	}
	if links, formats := d.links(), d.formats(); len(links) > 0 || len(formats) > 0 {
		out.Same = false // as Result.Same
	}
	n, _ = d.length()
	for range n {
		for range 7 {
			d.int()
		}
		d.skip()
	}
	if d.err != nil {
		return Outline{}, d.err
	}
	if len(d.b) > 0 {
		return Outline{}, fmt.Errorf("redline: %d bytes after the encoded result", len(d.b))
	}
	return out, nil
}

// checkRanges reports a range that does not fit the result.
func (r *Result) checkRanges() error {
	in := func(lo, hi, n int) bool { return 0 <= lo && lo <= hi && hi <= n }
	for _, c := range r.Clauses {
		if !in(c.Ops[0], c.Ops[1], len(r.Ops)) || !in(c.paras[0], c.paras[1], len(r.paras)) {
			return errors.New("redline: a clause's range is outside the result")
		}
	}
	for _, p := range r.paras {
		if !in(p.ops[0], p.ops[1], len(r.Ops)) || p.an < 0 || p.bn < 0 {
			return errors.New("redline: a paragraph's range is outside the result")
		}
	}
	for _, l := range r.Links {
		if !in(l.Op, l.Op, len(r.Ops)-1) || !in(l.Clause, l.Clause, len(r.Clauses)-1) {
			return errors.New("redline: a link change is outside the result")
		}
	}
	for _, f := range r.Formats {
		if !in(f.Op, f.Op, len(r.Ops)-1) || !in(f.Clause, f.Clause, len(r.Clauses)-1) {
			return errors.New("redline: a formatting change is outside the result")
		}
	}
	moves := map[int]bool{}
	for _, m := range r.Moves {
		if !in(m.From, m.From, len(r.Clauses)-1) || !in(m.To, m.To, len(r.Clauses)-1) {
			return errors.New("redline: a move's clause is outside the result")
		}
		moves[m.ID] = true
	}
	for _, p := range r.paras {
		if p.move != 0 && !moves[p.move] {
			return errors.New("redline: a paragraph names a move the result lacks")
		}
	}
	for _, o := range r.Ops {
		if o.Move != 0 && !moves[o.Move] {
			return errors.New("redline: an operation names a move the result lacks")
		}
	}
	return nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendInts(b []byte, v ...int) []byte {
	for _, x := range v {
		b = binary.AppendVarint(b, int64(x))
	}
	return b
}

// appendLen writes a slice's length, and whether it is nil, which JSON
// tells apart (null or []).
func appendLen(b []byte, n int, isNil bool) []byte {
	if isNil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

func appendOps(b []byte, ops []Op) []byte {
	b = appendLen(b, len(ops), ops == nil)
	for _, o := range ops {
		var flags byte
		if o.Minor {
			flags |= 1
		}
		if o.Renumber {
			flags |= 2
		}
		if o.Break {
			flags |= 4
		}
		if o.Format {
			flags |= 8
		}
		b = append(b, kindCode(o.Op), flags)
		b = appendInts(b, o.Move)
		b = appendString(b, o.Text)
	}
	return b
}

var kinds = [...]Kind{Equal, Insert, Delete}

func kindCode(k Kind) byte {
	for i, x := range kinds {
		if x == k {
			return byte(i)
		}
	}
	return 0xff
}

// decoder reads what the append functions wrote; after the first error
// every read returns zero.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("redline: encoded result cut short or damaged at %s", what)
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("a number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || int64(int(v)) != v {
		d.fail("a number")
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a length, refusing one larger than the bytes left could hold
// (every element takes at least one byte), so that damaged bytes never
// allocate much.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail("a length")
		return 0
	}
	return int(n)
}

// length reads what appendLen wrote: the length, and false for nil.
func (d *decoder) length() (int, bool) {
	n := d.uvarint()
	if n == 0 {
		return 0, false
	}
	if n-1 > uint64(len(d.b)) {
		d.fail("a length")
		return 0, false
	}
	return int(n - 1), true
}

func (d *decoder) str() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// skip passes over what appendString wrote.
func (d *decoder) skip() {
	n := d.count()
	d.b = d.b[n:]
}

// skipOps passes over what appendOps wrote, and tells whether every
// operation was Equal, as Result.Same does.
func (d *decoder) skipOps() (same bool) {
	same = true
	n, _ := d.length()
	for range n {
		if len(d.b) < 2 || d.b[0] >= byte(len(kinds)) || d.b[1] > 15 {
			d.fail("an operation")
			return false
		}
		same = same && kinds[d.b[0]] == Equal
		d.b = d.b[2:]
		d.int()
		d.skip()
	}
	return same
}

func (d *decoder) ops() []Op {
	n, ok := d.length()
	if !ok {
		return nil
	}
	ops := make([]Op, n)
	for i := range ops {
		if len(d.b) < 2 || d.b[0] >= byte(len(kinds)) || d.b[1] > 15 {
			d.fail("an operation")
			return nil
		}
		ops[i].Op, ops[i].Minor, ops[i].Renumber = kinds[d.b[0]], d.b[1]&1 != 0, d.b[1]&2 != 0
		ops[i].Break, ops[i].Format = d.b[1]&4 != 0, d.b[1]&8 != 0
		d.b = d.b[2:]
		ops[i].Move = d.int()
		ops[i].Text = d.str()
	}
	return ops
}
