package clausetext

import (
	"strconv"
	"strings"
)

// reader walks a document's candidates in order and keeps the ones that
// continue its numbering.
//
// A multi-level number ("3.2.", "3.2.1") says where it stands and is a
// clause wherever it opens a block, as it always was. A single number
// ("3.") does not: the same "2." may be clause 2 or the second item of an
// enumeration inside clause 1.4. Markdown's indentation would often tell,
// but the plain text has none, and the redline, in the browser too, reads
// only the plain text: were the page to decide by indentation, the page
// and the redline would name different clauses. So the reader decides by
// the consistency of the sequence, as a reader of the printed page does:
//
//   - the top level counts up: after clause 3 comes 4 (a skipped number is
//     taken too, as long as no enumeration is open, and so is the
//     first number of a document or a section, whatever it is);
//   - a 1 after the top level has started opens an enumeration, nested in
//     the clause before it, and its items count up from there; an
//     enumeration may open inside another;
//   - when a number continues both the top level and an open enumeration
//     (clause 2 after a one-item list, or item 4 of a list under clause
//     3.2), the text ahead decides: children numbered after it ("4.1")
//     make it a clause, children of the clause before ("3.3") an item; a
//     list that goes on (5, 6…) is read to its end first; otherwise a
//     heading-like text (short, no final stop) is a clause and a sentence
//     an item.
//
// Section letters ("A.", "B.") count up from A, before any number or as
// an annex after them, and restart the numbers under them: clause 6 of
// section B is "B.6", a different clause from "C.6".
type reader struct {
	cands []cand
	marks []Mark
	seen  map[string]bool

	section rune  // the current section letter, 0 for none
	item    rune  // the last letter read as an item of an enumeration, 0 after a clause
	numbers bool  // a numbered clause has been taken
	top     int   // the last top-level number taken in this section
	enums   []int // the open enumerations, outermost first: their last item
	multi   []int // the last multi-level number taken, nil after a single one
	// dotted is true when the document writes some multi-level number
	// with a final dot or bracket: a bare "2.5" is then a clause only
	// where it continues the numbering, as "1.1 Privacy" does after
	// "1. Introduction", and not an amount opening a paragraph.
	dotted bool
}

func newReader(cands []cand) *reader {
	r := &reader{cands: cands, seen: map[string]bool{}}
	for _, c := range cands {
		if c.kind == multi && !c.bare {
			r.dotted = true
		}
	}
	return r
}

// next reads candidate i.
func (r *reader) next(i int) {
	c := &r.cands[i]
	switch c.kind {
	case letter:
		first := r.section == 0 && (c.letter == 'A' || c.letter == 'А')
		if first && (!r.numbers || r.restartsAfter(i)) || r.section != 0 && r.nextSection(c) {
			r.take(c, string(c.letter))
			r.section, r.top, r.enums, r.multi = c.letter, 0, nil, nil
		} else {
			r.item = c.letter
		}
	case multi:
		if c.bare && r.dotted && !r.continues(c.parts) {
			return
		}
		num := joinParts(c.parts)
		if c.letter != 0 {
			num = string(c.letter) + "." + num
		} else if r.section != 0 {
			num = string(r.section) + "." + num
		}
		r.take(c, num)
		r.top, r.enums, r.multi, r.numbers = c.parts[0], nil, c.parts, true
	case single:
		r.single(i, c)
	}
}

// single reads a single number: a top-level clause, an item of an
// enumeration, or neither.
func (r *reader) single(i int, c *cand) {
	n := c.parts[0]
	// A skipped number (clause 3 deleted, 4 kept) is taken for the top
	// level only when no enumeration goes on with it, and, while one is
	// open, only one number on.
	next := n == r.top+1
	gap := n > r.top+1 && (len(r.enums) == 0 || n-r.top <= 2)
	level := -1 // the deepest enumeration that n continues
	for k := len(r.enums) - 1; k >= 0; k-- {
		if r.enums[k]+1 == n {
			level = k
			break
		}
	}
	switch {
	case next && (level < 0 || r.clauseAhead(i)), gap && level < 0:
		r.takeTop(c, n)
		r.top = n
	case level >= 0:
		r.enums = append(r.enums[:level], n)
	case n == 1 && (r.top > 0 || r.multi != nil):
		r.enums = append(r.enums, 1)
	case n <= r.top && len(r.enums) == 0:
		// A number the top level has passed, with no list open: a
		// repeated or misplaced clause, which check warns about.
		r.takeTop(c, n)
	}
}

func (r *reader) takeTop(c *cand, n int) {
	num := strconv.Itoa(n)
	if r.section != 0 {
		num = string(r.section) + "." + num
	}
	r.take(c, num)
	r.enums, r.multi, r.numbers = nil, nil, true
}

func (r *reader) take(c *cand, number string) {
	r.item = 0
	r.marks = append(r.marks, Mark{Block: c.block, Start: c.start, End: c.end, Number: number, Repeat: r.seen[number]})
	r.seen[number] = true
}

// maxAhead is how far the reader looks ahead to decide a number: far
// enough for any real list, and a bound on the work a long one costs.
const maxAhead = 64

// clauseAhead decides a single number at i that continues both the top
// level and an enumeration, by the candidates after it (see reader).
func (r *reader) clauseAhead(i int) bool {
	c := &r.cands[i]
	last := c.parts[0] // the last number of the list that goes on from i
	for j := i + 1; j < len(r.cands) && j <= i+maxAhead; j++ {
		d := &r.cands[j]
		if d.kind == single && d.parts[0] == last+1 {
			last++ // the list goes on: read on to its end
			continue
		}
		if d.kind == multi && d.letter == 0 {
			if d.parts[0] > r.top && d.parts[0] <= last {
				return true
			}
			if d.parts[0] == r.top {
				return false
			}
		}
		break
	}
	return c.short()
}

// restartsAfter decides a section letter A at i that comes after numbered
// clauses: an annex ("А. Приложение", then "1. Форма") when the numbers
// after the letters start again at 1, and an enumeration inside a clause
// ("A. read; B. copy.", then "3.3.") when they go on. With no number
// after them, a heading-like text makes them sections.
func (r *reader) restartsAfter(i int) bool {
	for j := i + 1; j < len(r.cands) && j <= i+maxAhead; j++ {
		switch d := &r.cands[j]; {
		case d.kind == letter:
			continue
		case d.letter != 0:
			return false
		default:
			for _, p := range d.parts {
				if p != 1 {
					return false
				}
			}
			return len(d.parts) > 1 || r.top > 1
		}
	}
	return r.cands[i].short()
}

// continues reports whether a bare multi-level number continues the
// numbering: it is under the current top-level clause, or follows the last
// multi-level number at its level.
func (r *reader) continues(parts []int) bool {
	if parts[0] == r.top {
		return true
	}
	m := r.multi
	if len(m) != len(parts) {
		return false
	}
	last := len(parts) - 1
	for k := range last {
		if m[k] != parts[k] {
			return false
		}
	}
	return parts[last] == m[last]+1
}

// nextSection reports whether a letter continues the sections: the next
// letter, or, for a heading-like text, a later one or the same again (a
// document may slip, "K. Advertising" then "K. Payment" then "M."),
// which check warns about. An enumeration inside a section ("A. read;
// B. copy.") reads as sentences that follow a letter that was an item,
// and stays out.
func (r *reader) nextSection(c *cand) bool {
	if nextLetter(r.section, c.letter) && (c.short() || r.item == 0 || !nextLetter(r.item, c.letter)) {
		return true
	}
	latin := func(l rune) bool { return l <= 'Z' }
	return c.short() && latin(c.letter) == latin(r.section) && alphabet(c.letter) >= alphabet(r.section)
}

// alphabet is a letter's place in its alphabet.
func alphabet(l rune) int {
	if l <= 'Z' {
		return int(l - 'A')
	}
	return strings.IndexRune(russian, l)
}

// russian is the Russian alphabet, in order.
const russian = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"

// nextLetter reports whether b is the letter after a: B after A, Б after А.
// A Russian list may skip Ё, Й and the letters no word starts with.
func nextLetter(a, b rune) bool {
	if 'A' <= a && a < 'Z' {
		return b == a+1
	}
	rs := []rune(russian)
	for k, l := range rs {
		if l != a {
			continue
		}
		for _, next := range rs[k+1:] {
			if next == b {
				return true
			}
			if next != 'Ё' && next != 'Й' && next != 'Ъ' && next != 'Ы' && next != 'Ь' {
				return false
			}
		}
	}
	return false
}

func joinParts(parts []int) string {
	b := make([]byte, 0, 3*len(parts))
	for k, p := range parts {
		if k > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendInt(b, int64(p), 10)
	}
	return string(b)
}
