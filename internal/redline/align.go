package redline

import (
	"slices"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// runeIndex gives each distinct token (or paragraph) key its own rune, so
// that go-diff's rune diff works on tokens. Surrogates are skipped: Go
// turns them into U+FFFD, which would make different tokens equal.
type runeIndex struct {
	m    map[string]rune
	next rune
}

func newRuneIndex() *runeIndex { return &runeIndex{m: map[string]rune{}, next: 1} }

// get returns the rune for key, or false when the runes are used up.
func (x *runeIndex) get(key string) (rune, bool) {
	if r, ok := x.m[key]; ok {
		return r, true
	}
	if x.next == 0xD800 {
		x.next = 0xE000
	}
	if x.next > 0x10FFFF {
		return 0, false
	}
	r := x.next
	x.next++
	x.m[key] = r
	return r, true
}

// diffRunes diffs two rune strings and returns the edit script as runs.
func (d *differ) diffRunes(a, b []rune) []diffmatchpatch.Diff {
	return d.dmp.DiffMainRunes(a, b, false)
}

func (d *differ) run() *Result {
	// Pass 1: paragraphs, compared without their clause numbers, so that a
	// clause that only moved from 4.2 to 5.2 is the same paragraph.
	bx := newRuneIndex()
	ra := make([]rune, len(d.A))
	rb := make([]rune, len(d.B))
	for i, b := range d.A {
		ra[i], _ = bx.get(b.key)
	}
	for i, b := range d.B {
		rb[i], _ = bx.get(b.key)
	}
	var paras []para
	i, j := 0, 0
	var dels, ins []int
	flush := func() {
		paras = append(paras, d.pairRegion(dels, ins)...)
		dels, ins = dels[:0], ins[:0]
	}
	for _, df := range d.diffRunes(ra, rb) {
		n := len([]rune(df.Text))
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			for k := 0; k < n; k++ {
				paras = append(paras, para{a: i, b: j})
				i++
				j++
			}
		case diffmatchpatch.DiffDelete:
			for k := 0; k < n; k++ {
				dels = append(dels, i)
				i++
			}
		case diffmatchpatch.DiffInsert:
			for k := 0; k < n; k++ {
				ins = append(ins, j)
				j++
			}
		}
	}
	flush()
	d.findMoves(paras)

	// Pass 2: words inside paired paragraphs.
	r := &d.res
	for k := range paras {
		p := &paras[k]
		start := len(r.Ops)
		switch {
		case p.a >= 0 && p.b >= 0:
			d.emit(d.diffBlocks(d.A[p.a], d.B[p.b]))
		case p.a >= 0:
			d.emit([]Op{{Op: Delete, Text: d.A[p.a].text, Move: p.move}})
		default:
			d.emit([]Op{{Op: Insert, Text: d.B[p.b].text, Move: p.move}})
		}
		p.ops = [2]int{start, len(r.Ops)}
		p.change = paraChange(r.Ops[start:len(r.Ops)], p)
	}
	r.paras = paras
	d.group()
	return r
}

// emit appends a paragraph's operations; operations never merge across
// paragraphs, so that clauses own whole operations.
func (d *differ) emit(ops []Op) {
	d.res.Ops = append(d.res.Ops, ops...)
}

func paraChange(ops []Op, p *para) Change {
	if p.move != 0 {
		return Moved
	}
	if p.a < 0 {
		return Inserted
	}
	if p.b < 0 {
		return Deleted
	}
	c := Unchanged
	for _, o := range ops {
		switch {
		case o.Op == Equal:
		case isBlank(o.Text):
			// A blank line gained or lost at the end of the text.
		case o.Renumber:
			if c == Unchanged || c == Minor {
				c = Renumbered
			}
		case o.Minor:
			if c == Unchanged {
				c = Minor
			}
		default:
			return Changed
		}
	}
	return c
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// pairRegion aligns the deleted and inserted paragraphs between two equal
// ones. Paragraphs that are similar enough, in order, become pairs diffed
// word by word; the rest stay deleted or inserted (and may yet be moves).
func (d *differ) pairRegion(dels, ins []int) []para {
	var out []para
	if len(dels) == 0 || len(ins) == 0 {
		for _, a := range dels {
			out = append(out, para{a: a, b: -1})
		}
		for _, b := range ins {
			out = append(out, para{a: -1, b: b})
		}
		return out
	}
	m, n := len(dels), len(ins)
	if m*n > maxPairing {
		return d.pairByNumber(dels, ins)
	}
	// When as many paragraphs went as came, they stand in the same places,
	// and fewer words in common are enough to read them as edits.
	minDice := 0.5
	if m == n {
		minDice = 0.3
	}
	score := func(x, y int) float64 { return pairScore(d.A[dels[x]], d.B[ins[y]], minDice) }
	// best[x][y]: the highest total score aligning dels[x:] with ins[y:].
	best := make([][]float64, m+1)
	for x := range best {
		best[x] = make([]float64, n+1)
	}
	sc := make([][]float64, m)
	for x := m - 1; x >= 0; x-- {
		sc[x] = make([]float64, n)
		for y := n - 1; y >= 0; y-- {
			s := score(x, y)
			sc[x][y] = s
			v := max(best[x+1][y], best[x][y+1])
			if s > 0 && best[x+1][y+1]+s > v {
				v = best[x+1][y+1] + s
			}
			best[x][y] = v
		}
	}
	x, y := 0, 0
	for x < m && y < n {
		s := sc[x][y]
		switch {
		case s > 0 && best[x][y] == best[x+1][y+1]+s:
			out = append(out, para{a: dels[x], b: ins[y]})
			x++
			y++
		case best[x][y] == best[x+1][y]:
			out = append(out, para{a: dels[x], b: -1})
			x++
		default:
			out = append(out, para{a: -1, b: ins[y]})
			y++
		}
	}
	for ; x < m; x++ {
		out = append(out, para{a: dels[x], b: -1})
	}
	for ; y < n; y++ {
		out = append(out, para{a: -1, b: ins[y]})
	}
	return out
}

// pairByNumber pairs, in order, paragraphs with equal clause numbers: the
// cheap alignment for regions too big to compare every pair.
func (d *differ) pairByNumber(dels, ins []int) []para {
	var out []para
	at := map[string][]int{} // number → positions in ins
	for y, b := range ins {
		if num := d.B[b].number; num != "" {
			at[num] = append(at[num], y)
		}
	}
	y := 0
	for _, a := range dels {
		num := d.A[a].number
		match := -1
		if num != "" {
			for _, c := range at[num] {
				if c >= y {
					match = c
					break
				}
			}
		}
		if match < 0 {
			out = append(out, para{a: a, b: -1})
			continue
		}
		for ; y < match; y++ {
			out = append(out, para{a: -1, b: ins[y]})
		}
		out = append(out, para{a: a, b: ins[y]})
		y++
	}
	for ; y < len(ins); y++ {
		out = append(out, para{a: -1, b: ins[y]})
	}
	return out
}

// pairScore is how well two paragraphs pair, 0 when they should not: the
// share of words they have in common, helped by an equal clause number.
func pairScore(a, b *block, minDice float64) float64 {
	s := dice(a.wordList(), b.wordList())
	sameNum := a.number != "" && a.number == b.number
	switch {
	case s >= minDice:
	case sameNum && s >= 0.25:
	case sameNum && len(a.wordList()) <= 12 && len(b.wordList()) <= 12:
		// Two short headings under one number: a renamed section.
		s = 0.3
	default:
		return 0
	}
	if sameNum {
		s += 0.1
	}
	return s
}

// dice is the Sørensen–Dice coefficient of two sorted word lists.
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			common++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// findMoves pairs a deleted paragraph with an inserted one elsewhere when
// their texts are the same or nearly so.
func (d *differ) findMoves(paras []para) {
	var dels, ins []int // indexes into paras
	for k, p := range paras {
		switch {
		case p.b < 0:
			dels = append(dels, k)
		case p.a < 0:
			ins = append(ins, k)
		}
	}
	if len(dels) == 0 || len(ins) == 0 {
		return
	}
	taken := make([]bool, len(ins))
	byKey := map[string][]int{}
	for y, k := range ins {
		byKey[d.B[paras[k].b].key] = append(byKey[d.B[paras[k].b].key], y)
	}
	scan := len(dels)*len(ins) <= maxMoveScan
	id := 0
	for _, k := range dels {
		A := d.A[paras[k].a]
		if len(A.wordList()) < 2 {
			continue
		}
		best, bestS := -1, 0.0
		for _, y := range byKey[A.key] {
			if !taken[y] {
				best, bestS = y, 1
				break
			}
		}
		if best < 0 && scan && len(A.wordList()) >= 4 {
			for y, kk := range ins {
				if taken[y] {
					continue
				}
				if s := dice(A.wordList(), d.B[paras[kk].b].wordList()); s >= 0.8 && s > bestS {
					best, bestS = y, s
				}
			}
		}
		if best < 0 {
			continue
		}
		taken[best] = true
		id++
		paras[k].move = id
		paras[ins[best]].move = id
	}
}

// diffBlocks is the word diff of two paired paragraphs.
func (d *differ) diffBlocks(a, b *block) []Op {
	if a.text == b.text {
		return []Op{{Op: Equal, Text: a.text}}
	}
	var ops opList
	ta, tb := a.tokens(), b.tokens()
	if a.marker != "" && b.marker != "" {
		if a.marker == b.marker {
			ops.add(Op{Op: Equal, Text: a.marker})
		} else {
			ops.add(Op{Op: Delete, Text: a.marker, Renumber: true})
			ops.add(Op{Op: Insert, Text: b.marker, Renumber: true})
		}
		ta, tb = ta[1:], tb[1:]
	}
	d.diffTokens(&ops, ta, tb)
	return ops
}

// diffTokens appends the word diff of two token runs.
func (d *differ) diffTokens(ops *opList, ta, tb []token) {
	// Common ends first, so the size cap looks only at what differs.
	p := 0
	for p < len(ta) && p < len(tb) && ta[p].key == tb[p].key {
		p++
	}
	s := 0
	for s < len(ta)-p && s < len(tb)-p && ta[len(ta)-1-s].key == tb[len(tb)-1-s].key {
		s++
	}
	ops.equal(ta[:p], tb[:p])
	ma, mb := ta[p:len(ta)-s], tb[p:len(tb)-s]
	if spans, ok := d.wordSpans(ma, mb); ok {
		for _, sp := range cleanup(spans, ma, mb) {
			if sp.eq {
				ops.equal(ma[sp.a0:sp.a1], mb[sp.b0:sp.b1])
			} else {
				ops.add(Op{Op: Delete, Text: join(ma[sp.a0:sp.a1])})
				ops.add(Op{Op: Insert, Text: join(mb[sp.b0:sp.b1])})
			}
		}
	} else {
		ops.add(Op{Op: Delete, Text: join(ma)})
		ops.add(Op{Op: Insert, Text: join(mb)})
	}
	ops.equal(ta[len(ta)-s:], tb[len(tb)-s:])
}

// span is a run of equal tokens, or a change, in token indexes.
type span struct {
	eq             bool
	a0, a1, b0, b1 int
}

// wordSpans runs go-diff on the tokens; false when the middles are too big
// or the tokens too many to give runes.
func (d *differ) wordSpans(ta, tb []token) ([]span, bool) {
	if len(ta) == 0 || len(tb) == 0 {
		return []span{{a1: len(ta), b1: len(tb)}}, true
	}
	if len(ta)*len(tb) > maxWordDiff {
		return nil, false
	}
	ra := make([]rune, len(ta))
	rb := make([]rune, len(tb))
	var ok bool
	for i, t := range ta {
		if ra[i], ok = d.runes.get(t.key); !ok {
			return nil, false
		}
	}
	for i, t := range tb {
		if rb[i], ok = d.runes.get(t.key); !ok {
			return nil, false
		}
	}
	var out []span
	i, j := 0, 0
	for _, df := range d.diffRunes(ra, rb) {
		n := len([]rune(df.Text))
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			out = append(out, span{eq: true, a0: i, a1: i + n, b0: j, b1: j + n})
			i += n
			j += n
		case diffmatchpatch.DiffDelete:
			out = addChange(out, i, i+n, j, j)
			i += n
		case diffmatchpatch.DiffInsert:
			out = addChange(out, i, i, j, j+n)
			j += n
		}
	}
	return out, true
}

func addChange(out []span, a0, a1, b0, b1 int) []span {
	if k := len(out) - 1; k >= 0 && !out[k].eq {
		out[k].a1, out[k].b1 = max(out[k].a1, a1), max(out[k].b1, b1)
		return out
	}
	return append(out, span{a0: a0, a1: a1, b0: b0, b1: b1})
}

// cleanup is go-diff's semantic clean-up done on tokens: an equal run no
// longer than the changes on both sides of it is folded into them, so that
// a reworded sentence reads as one deletion and one insertion instead of a
// comb of single words. Lengths are in characters. Equal runs of only
// punctuation and space, or inside one word, are folded too.
func cleanup(spans []span, ta, tb []token) []span {
	length := func(ts []token) int {
		n := 0
		for _, t := range ts {
			n += len([]rune(t.text))
		}
		return n
	}
	for changed := true; changed; {
		changed = false
		for k := 1; k+1 < len(spans); k++ {
			e := spans[k]
			if !e.eq || spans[k-1].eq || spans[k+1].eq {
				continue
			}
			l, r := spans[k-1], spans[k+1]
			// A change's length is the longer of its two sides.
			n := length(ta[e.a0:e.a1])
			if n <= max(length(ta[l.a0:l.a1]), length(tb[l.b0:l.b1])) && n <= max(length(ta[r.a0:r.a1]), length(tb[r.b0:r.b1])) ||
				onlyPunctOrSpace(ta[e.a0:e.a1]) || !hasSpace(ta[e.a0:e.a1]) {
				merged := span{a0: l.a0, a1: r.a1, b0: l.b0, b1: r.b1}
				spans = slices.Replace(spans, k-1, k+2, merged)
				changed = true
				break
			}
		}
	}
	return spans
}

// hasSpace reports white space among ts. An equal run without any lies
// inside one whitespace-delimited word ("AUTOTITLE" in `"AUTOTITLE."` →
// `AUTOTITLE.`), and changes on both sides of it read as one change.
func hasSpace(ts []token) bool {
	for _, t := range ts {
		if t.kind == tSpace {
			return true
		}
	}
	return false
}

func onlyPunctOrSpace(ts []token) bool {
	for _, t := range ts {
		if t.kind == tWord || t.kind == tMarker {
			return false
		}
	}
	return true
}

func join(ts []token) string {
	if len(ts) == 1 {
		return ts[0].text
	}
	n := 0
	for _, t := range ts {
		n += len(t.text)
	}
	b := make([]byte, 0, n)
	for _, t := range ts {
		b = append(b, t.text...)
	}
	return string(b)
}

// opList builds a paragraph's operations, merging neighbours of one kind.
type opList []Op

func (l *opList) add(o Op) {
	if o.Text == "" {
		return
	}
	if n := len(*l); n > 0 {
		last := &(*l)[n-1]
		if last.Op == o.Op && last.Minor == o.Minor && last.Renumber == o.Renumber && last.Move == o.Move {
			last.Text += o.Text
			return
		}
		// Keep every change as its deletion followed by its insertion.
		if n > 1 && o.Op == Delete && last.Op == Insert {
			prev := &(*l)[n-2]
			if prev.Op == Delete && prev.Minor == o.Minor && prev.Renumber == o.Renumber {
				prev.Text += o.Text
				return
			}
		}
	}
	*l = append(*l, o)
}

// equal adds token runs equal by key: identical tokens as Equal, tokens
// that differ only in ё/е or dash form as a minor change.
func (l *opList) equal(ta, tb []token) {
	for i := 0; i < len(ta); {
		if ta[i].text != tb[i].text {
			l.add(Op{Op: Delete, Text: ta[i].text, Minor: true})
			l.add(Op{Op: Insert, Text: tb[i].text, Minor: true})
			i++
			continue
		}
		// A run of identical tokens becomes one string at once.
		j := i + 1
		for j < len(ta) && ta[j].text == tb[j].text {
			j++
		}
		l.add(Op{Op: Equal, Text: join(ta[i:j])})
		i = j
	}
}
