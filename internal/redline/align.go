package redline

import (
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
	paras := d.align()

	// Pass 2: words inside paired paragraphs, then their links and
	// formatting.
	r := &d.res
	for k := range paras {
		p := &paras[k]
		start := len(r.Ops)
		switch {
		case p.a >= 0 && p.b >= 0:
			ops := d.pairOps(p)
			p.pre = nil
			ops, p.links, p.format = d.compareMarks(p, ops)
			for i := range p.links {
				p.links[i].Op += start
			}
			if p.format != nil {
				p.format.Op = start
			}
			d.emit(ops)
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
	if len(p.links) > 0 {
		// An address is part of the text: a re-pointed link changes
		// what the clause says.
		return Changed
	}
	c := Unchanged
	if p.format != nil {
		c = Formatted
	}
	for _, o := range ops {
		switch {
		case o.Op == Equal:
		case o.Break || o.Format:
			c = Formatted
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
	g := newGrouper(d, dels, ins, m*n <= maxGrouping)
	// best[x][y]: the highest total score aligning dels[x:] with ins[y:];
	// how[x][y]: the step that gives it.
	best := make([][]float64, m+1)
	how := make([][]step, m+1)
	for x := range best {
		best[x] = make([]float64, n+1)
		how[x] = make([]step, n+1)
	}
	for y := n - 1; y >= 0; y-- {
		how[m][y] = step{kind: stepIns}
	}
	for x := m - 1; x >= 0; x-- {
		how[x][n] = step{kind: stepDel}
		for y := n - 1; y >= 0; y-- {
			v, h := best[x+1][y], step{kind: stepDel}
			if best[x][y+1] > v {
				v, h = best[x][y+1], step{kind: stepIns}
			}
			if s := d.pairScore(d.A[dels[x]], d.B[ins[y]], minDice); s > 0 && best[x+1][y+1]+s > v {
				v, h = best[x+1][y+1]+s, step{kind: stepPair}
			}
			for _, c := range g.groups(x, y) {
				if t := best[x+c.an][y+c.bn] + c.score; t > v {
					v, h = t, step{kind: stepGroup, an: c.an, bn: c.bn}
				}
			}
			best[x][y], how[x][y] = v, h
		}
	}
	for x, y := 0, 0; x < m || y < n; {
		switch h := how[x][y]; h.kind {
		case stepPair:
			out = append(out, para{a: dels[x], b: ins[y]})
			x++
			y++
		case stepGroup:
			out = append(out, para{a: dels[x], b: ins[y], an: h.an, bn: h.bn})
			x += h.an
			y += h.bn
		case stepDel:
			out = append(out, para{a: dels[x], b: -1})
			x++
		default:
			out = append(out, para{a: -1, b: ins[y]})
			y++
		}
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
func (d *differ) pairScore(a, b *block, minDice float64) float64 {
	wa, wb := d.words(a), d.words(b)
	s := dice(wa, wb)
	sameNum := a.number != "" && a.number == b.number
	switch {
	case s >= minDice:
	case sameNum && s >= 0.25:
	case sameNum && len(wa) <= 12 && len(wb) <= 12:
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
func dice(a, b []int32) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(common(a, b)) / float64(len(a)+len(b))
}

// common counts the words two sorted lists share, repeats included.
func common(a, b []int32) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
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
		if len(d.words(A)) < 2 {
			continue
		}
		best, bestS := -1, 0.0
		for _, y := range byKey[A.key] {
			if !taken[y] {
				best, bestS = y, 1
				break
			}
		}
		if best < 0 && scan && len(d.words(A)) >= 4 {
			for y, kk := range ins {
				if taken[y] {
					continue
				}
				if s := dice(d.words(A), d.words(d.B[paras[kk].b])); s >= 0.8 && s > bestS {
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

// align is pass 1: paragraphs, compared without their clause numbers, so
// that a clause that only moved from 4.2 to 5.2 is the same paragraph;
// then the changed regions between equal ones aligned (pairRegion), moves
// found, and regions read as one stream where that marks less.
func (d *differ) align() []para {
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
	var regions [][2]int // the changed regions' ranges in paras
	i, j := 0, 0
	var dels, ins []int
	flush := func() {
		if len(dels) > 0 && len(ins) > 0 {
			regions = append(regions, [2]int{len(paras), len(paras)})
		}
		paras = append(paras, d.pairRegion(dels, ins)...)
		if len(dels) > 0 && len(ins) > 0 {
			regions[len(regions)-1][1] = len(paras)
		}
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
	paras = d.streamRegions(paras, regions)
	return paras
}
