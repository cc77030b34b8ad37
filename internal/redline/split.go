package redline

import (
	"slices"
	"strings"
)

// Paragraphs split or joined. A paragraph cut in two, or two run together,
// would otherwise be one paragraph changed and one deleted or inserted
// whole, every word of it marked. pairRegion instead pairs one old
// paragraph with several consecutive new ones (or the other way round),
// and diffGroup compares their words as one stream, so that only the
// changed words, and the break itself, are marked.

const (
	// maxGroup is the most paragraphs one paragraph is split into or
	// joined from.
	maxGroup = 64
	// maxGrouping caps deleted × inserted paragraphs in one changed region
	// for looking for splits and joins, a bigger search than pairing.
	maxGrouping = 10000
	// minGroupDice is how alike a paragraph and the ones it was split into
	// must be: a split that also rewrote the text is shown as what it is.
	minGroupDice = 0.8
)

// step is a move of pairRegion's alignment.
type step struct {
	kind   uint8
	an, bn int // for stepGroup
}

const (
	stepDel uint8 = iota
	stepIns
	stepPair
	stepGroup
)

// group is a candidate split (an == 1) or join (bn == 1) and its score.
type group struct {
	an, bn int
	score  float64
}

// grouper finds the splits and joins that start at a pair of positions of
// a changed region.
type grouper struct {
	d        *differ
	dels     []int
	ins      []int
	on       bool
	scratch  []int32
	scratch2 []int32
	out      []group
}

func newGrouper(d *differ, dels, ins []int, on bool) *grouper {
	return &grouper{d: d, dels: dels, ins: ins, on: on}
}

// groups returns the splits of dels[x] into ins[y:y+k] and the joins of
// dels[x:x+k] into ins[y] that are alike enough. A group scores its
// likeness times half the paragraphs it covers, so that a true split
// outweighs pairing its first part and inserting the rest, while a
// paragraph merely followed by a new one is not taken for a split.
func (g *grouper) groups(x, y int) []group {
	g.out = g.out[:0]
	if !g.on {
		return nil
	}
	d := g.d
	if k := g.extend(d.A[g.dels[x]], g.ins[y:], d.B); k != nil {
		for _, c := range k {
			g.out = append(g.out, group{an: 1, bn: c.n, score: c.dice * float64(1+c.n) / 2})
		}
	}
	if k := g.extend(d.B[g.ins[y]], g.dels[x:], d.A); k != nil {
		for _, c := range k {
			g.out = append(g.out, group{an: c.n, bn: 1, score: c.dice * float64(1+c.n) / 2})
		}
	}
	return g.out
}

type candidate struct {
	n    int
	dice float64
}

// extend tries one paragraph against 2, 3, … of the consecutive paragraphs
// idx of the other side. The paragraphs after the first must open no
// clause: a new clause number is a new clause, not a piece of the old one.
func (g *grouper) extend(one *block, idx []int, side []*block) []candidate {
	d := g.d
	w := d.words(one)
	if len(w) == 0 || len(idx) < 2 {
		return nil
	}
	// The first piece must be mostly words of the one paragraph: a cheap
	// test that rules out nearly every pair before any merging.
	first := d.words(side[idx[0]])
	if len(first) == 0 || float64(common(w, first)) < minGroupDice*float64(len(first)) {
		return nil
	}
	var out []candidate
	merged := append(g.scratch[:0], first...)
	for k := 1; k < len(idx) && k < maxGroup; k++ {
		b := side[idx[k]]
		if b.marker != "" || strings.TrimSpace(b.text) == "" {
			break
		}
		g.scratch2 = mergeSorted(g.scratch2[:0], merged, d.words(b))
		merged, g.scratch2 = g.scratch2, merged
		// Dice at least minGroupDice needs the lengths within a ratio.
		if float64(len(merged)) > float64(len(w))*(2/minGroupDice-1) {
			break
		}
		if float64(len(merged))*(2/minGroupDice-1) < float64(len(w)) {
			continue
		}
		if s := dice(w, merged); s >= minGroupDice {
			out = append(out, candidate{n: k + 1, dice: s})
		}
	}
	g.scratch = merged
	return out
}

// mergeSorted appends the merge of two sorted lists to dst.
func mergeSorted(dst, a, b []int32) []int32 {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			dst = append(dst, a[i])
			i++
		} else {
			dst = append(dst, b[j])
			j++
		}
	}
	dst = append(dst, a[i:]...)
	return append(dst, b[j:]...)
}

// diffGroup is the word diff of a paragraph and the ones it was split
// into, or of the ones joined and the paragraph they make: one stream of
// words each, so that a word that crossed the break is equal. Every
// paragraph break inserted or deleted, and the space that stands for it on
// the other side, is an operation of its own marked Break.
func (d *differ) diffGroup(as, bs []*block) []Op {
	ops := d.diffTokenRuns(concatTokens(as), concatTokens(bs), as[0].marker, bs[0].marker)
	var out []Op
	for _, o := range ops {
		if o.Op == Equal {
			out = append(out, o)
			continue
		}
		for _, piece := range splitBreaks(o.Text) {
			p := o
			p.Text = piece
			out = append(out, p)
		}
	}
	markBreaks(out)
	// Pieces that are not breaks join their neighbours again.
	var l opList
	for _, o := range out {
		l.add(o)
	}
	return l
}

// markBreaks marks Break the paragraph breaks that split or join text:
// a blank line inserted or deleted between text that stays, and the space
// that stands for it on the other side. A blank line that comes with
// inserted or deleted words next to it belongs to them: a paragraph
// added after another is not a paragraph split.
func markBreaks(ops []Op) {
	// neighbour returns the first operation from i in direction step that
	// is not white space alone, or nil.
	neighbour := func(i, step int) *Op {
		for k := i + step; k >= 0 && k < len(ops); k += step {
			if ops[k].Op == Equal || !isBlank(ops[k].Text) {
				return &ops[k]
			}
		}
		return nil
	}
	split := func(i int) bool {
		o := ops[i]
		for _, n := range []*Op{neighbour(i, -1), neighbour(i, 1)} {
			if n != nil && n.Op == o.Op {
				return false
			}
		}
		return true
	}
	for i, o := range ops {
		if o.Op != Equal && isBlank(o.Text) && strings.Contains(o.Text, "\n\n") {
			ops[i].Break = split(i)
		}
	}
	// The stand-in spaces: next to a break, among white space only.
	for i, o := range ops {
		if o.Op == Equal || !isBlank(o.Text) || o.Break {
			continue
		}
		for _, step := range []int{-1, 1} {
			for k := i + step; k >= 0 && k < len(ops) && ops[k].Op != Equal && isBlank(ops[k].Text); k += step {
				if ops[k].Break && strings.Contains(ops[k].Text, "\n\n") {
					ops[i].Break = true
				}
			}
		}
	}
}

// concatTokens is the tokens of consecutive blocks as one run.
func concatTokens(bs []*block) []token {
	if len(bs) == 1 {
		return bs[0].tokens()
	}
	var ts []token
	for _, b := range bs {
		ts = append(ts, b.tokens()...)
	}
	return ts
}

// splitBreaks cuts s around its runs of white space that hold a blank
// line, so that a break never shares an operation with words.
func splitBreaks(s string) []string {
	if !strings.Contains(s, "\n\n") || isBlank(s) {
		return []string{s}
	}
	var out []string
	for len(s) > 0 {
		i := strings.Index(s, "\n\n")
		if i < 0 {
			out = append(out, s)
			break
		}
		lo := i
		for lo > 0 && isSpaceByte(s[lo-1]) {
			lo--
		}
		hi := i
		for hi < len(s) && isSpaceByte(s[hi]) {
			hi++
		}
		out = append(out, s[:lo], s[lo:hi])
		s = s[hi:]
	}
	return slices.DeleteFunc(out, func(p string) bool { return p == "" })
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' }

// streamRegions replaces the alignment of a changed region by one stream
// of words over all its paragraphs (diffGroup) when that marks fewer
// changes: a word that crossed a paragraph boundary ("…; or" moved to the
// end of a list item inserted after it) is then equal, as git's word diff
// reads it, rather than deleted in one paragraph and inserted in another.
// A region with a moved paragraph, or with a clause number after its
// first paragraph on either side, keeps its alignment: moves and clauses
// are shown as such.
func (d *differ) streamRegions(paras []para, regions [][2]int) []para {
	if len(regions) == 0 {
		return paras
	}
	out := make([]para, 0, len(paras))
	last := 0
	for _, rg := range regions {
		out = append(out, paras[last:rg[0]]...)
		last = rg[1]
		region := paras[rg[0]:rg[1]]
		if g, ok := d.stream(region); ok {
			out = append(out, g)
		} else {
			out = append(out, region...)
		}
	}
	return append(out, paras[last:]...)
}

// stream returns a region as one para when its stream of words marks
// fewer changes than its alignment.
func (d *differ) stream(region []para) (para, bool) {
	if len(region) < 2 {
		return para{}, false
	}
	a0, b0, an, bn := -1, -1, 0, 0
	for _, p := range region {
		if p.move != 0 {
			return para{}, false
		}
		for k, b := range d.olds(&p) {
			if a0 < 0 {
				a0 = p.a + k
			} else if b.marker != "" {
				return para{}, false
			}
			an++
		}
		for k, b := range d.news(&p) {
			if b0 < 0 {
				b0 = p.b + k
			} else if b.marker != "" {
				return para{}, false
			}
			bn++
		}
	}
	as, bs := d.A[a0:a0+an], d.B[b0:b0+bn]
	na, nb := 0, 0
	for _, b := range as {
		na += len(b.tokens())
	}
	for _, b := range bs {
		nb += len(b.tokens())
	}
	if na*nb > maxWordDiff {
		return para{}, false
	}
	aligned := 0
	for i := range region {
		p := &region[i]
		if p.a >= 0 && p.b >= 0 {
			// Kept for run's second pass, which would compute them again.
			p.pre = d.pairOps(p)
			aligned += spans(p.pre)
		} else {
			aligned++
		}
	}
	ops := d.diffGroup(as, bs)
	if spans(ops) >= aligned {
		return para{}, false
	}
	return para{a: a0, b: b0, an: an, bn: bn, pre: ops}, true
}

// pairOps is the word diff of a paired para: computed already, or of its
// blocks, or of the streams of a split or joined paragraph.
func (d *differ) pairOps(p *para) []Op {
	switch {
	case p.pre != nil:
		return p.pre
	case p.an > 1 || p.bn > 1:
		return d.diffGroup(d.olds(p), d.news(p))
	}
	return d.diffBlocks(d.A[p.a], d.B[p.b])
}
