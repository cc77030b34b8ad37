package redline

import (
	"slices"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffBlocks is the word diff of two paired paragraphs.
func (d *differ) diffBlocks(a, b *block) []Op {
	if a.text == b.text {
		return []Op{{Op: Equal, Text: a.text}}
	}
	return d.diffTokenRuns(a.tokens(), b.tokens(), a.marker, b.marker)
}

// diffTokenRuns is the word diff of two runs of tokens whose clause
// numbers, if any, are markerA and markerB: a number changed is a
// renumbering, one operation, never words.
//
// It is done twice when the texts differ: with punctuation marks as tokens
// of their own, which marks the least text, and with each run between
// spaces as one token, as git's word diff reads it. The second wins when
// it marks fewer changes: a link's brackets removed around three words
// ("[Privacy Policy](…)." → "Privacy Policy.") read better as two words
// changed than as three marks around equal words.
func (d *differ) diffTokenRuns(ta, tb []token, markerA, markerB string) []Op {
	fine := d.diffTokenRuns1(ta, tb, markerA, markerB)
	if spans(fine) <= 1 {
		return fine
	}
	coarse := d.diffTokenRuns1(coarsen(ta), coarsen(tb), markerA, markerB)
	if spans(coarse) < spans(fine) {
		return coarse
	}
	return fine
}

// coarsen joins each run of tokens between spaces into one token, but a
// clause number.
func coarsen(ts []token) []token {
	out := make([]token, 0, len(ts))
	for _, t := range ts {
		if n := len(out); n > 0 && t.kind != tSpace && t.kind != tMarker && out[n-1].kind != tSpace && out[n-1].kind != tMarker {
			last := &out[n-1]
			last.text += t.text
			last.key += t.key
			if t.kind == tWord {
				last.kind = tWord
			}
			continue
		}
		out = append(out, t)
	}
	return out
}

// spans counts the runs of changes in ops as ChangedSpans does.
func spans(ops []Op) int {
	n, in := 0, false
	for _, o := range ops {
		changed := o.Op != Equal && !(o.Break && isBlank(o.Text))
		if changed && !in {
			n++
		}
		if changed || o.Op == Equal {
			in = changed
		}
	}
	return n
}

func (d *differ) diffTokenRuns1(ta, tb []token, markerA, markerB string) []Op {
	var ops opList
	if markerA != "" && markerB != "" {
		// What stands before the numbers (a list's bullet) first.
		ia, ib := markerAt(ta), markerAt(tb)
		if ia > 0 || ib > 0 {
			d.diffTokens(&ops, ta[:ia], tb[:ib])
		}
		if markerA == markerB {
			ops.add(Op{Op: Equal, Text: markerA})
		} else {
			ops.add(Op{Op: Delete, Text: markerA, Renumber: true})
			ops.add(Op{Op: Insert, Text: markerB, Renumber: true})
		}
		ta, tb = ta[ia+1:], tb[ib+1:]
	}
	d.diffTokens(&ops, ta, tb)
	return ops
}

// markerAt is the index of a block's clause number among its tokens.
func markerAt(ts []token) int {
	for i, t := range ts {
		if t.kind == tMarker {
			return i
		}
	}
	return -1
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
	pa, pb := runePrefix(ta), runePrefix(tb)
	// A change's length is the longer of its two sides.
	size := func(c span) int { return max(pa[c.a1]-pa[c.a0], pb[c.b1]-pb[c.b0]) }
	for k := 1; k+1 < len(spans); {
		e := spans[k]
		if !e.eq || spans[k-1].eq || spans[k+1].eq {
			k++
			continue
		}
		l, r := spans[k-1], spans[k+1]
		n := pa[e.a1] - pa[e.a0]
		if n <= size(l) && n <= size(r) || onlyPunctOrSpace(ta[e.a0:e.a1]) || !hasSpace(ta[e.a0:e.a1]) {
			merged := span{a0: l.a0, a1: r.a1, b0: l.b0, b1: r.b1}
			spans = slices.Replace(spans, k-1, k+2, merged)
			// The merged change may now swallow the equal run before it.
			k = max(1, k-2)
			continue
		}
		k++
	}
	return spans
}

// runePrefix returns the number of runes in ts[:i] for every i.
func runePrefix(ts []token) []int {
	p := make([]int, len(ts)+1)
	for i, t := range ts {
		p[i+1] = p[i] + utf8.RuneCountInString(t.text)
	}
	return p
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
		if last.Op == o.Op && last.Minor == o.Minor && last.Renumber == o.Renumber && last.Move == o.Move && last.Break == o.Break && last.Format == o.Format {
			last.Text += o.Text
			return
		}
		// Keep every change as its deletion followed by its insertion.
		if n > 1 && o.Op == Delete && last.Op == Insert {
			prev := &(*l)[n-2]
			if prev.Op == Delete && prev.Minor == o.Minor && prev.Renumber == o.Renumber && prev.Break == o.Break && prev.Format == o.Format {
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
