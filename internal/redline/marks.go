package redline

import (
	"slices"
	"strings"
	"unicode/utf8"

	"policysite/internal/textmark"
)

// The marks of paired paragraphs (Doc) compared: where a link points, and
// how the paragraph is set. Both are read through the paragraph's
// operations: a link or an emphasis is the same one on both sides when
// its text is equal text of the word diff.

// side is the text of one side of a paragraph (several blocks, for a
// split or joined one) and its marks, in bytes of that text.
type side struct {
	links  []textmark.Link
	styles []styleRun
	look   string // how its first block is set (see look)
	marked bool   // the blocks have marks to compare
}

type styleRun struct {
	textmark.Style
	whole bool // it covers its block's whole text
}

// sideOf gathers the marks of consecutive blocks.
func sideOf(bs []*block) side {
	var s side
	at := 0
	for k, b := range bs {
		if b.form == "" {
			return side{}
		}
		for _, l := range b.links {
			s.links = append(s.links, textmark.Link{Start: at + l.Start, End: at + l.End, Target: l.Target})
		}
		for _, st := range b.styles {
			w := covers(b.text, st.Start, st.End)
			s.styles = append(s.styles, styleRun{Style: textmark.Style{Kind: st.Kind, Start: at + st.Start, End: at + st.End}, whole: w})
		}
		if k == 0 {
			s.look = look(b)
		}
		at += len(b.text)
	}
	s.marked = len(bs) > 0
	return s
}

// look is how a block is set: its form, and after it the kinds of the
// styles that cover its whole text ("p strong", a bold line).
func look(b *block) string {
	var kinds []string
	for _, st := range b.styles {
		if covers(b.text, st.Start, st.End) && !slices.Contains(kinds, st.Kind) {
			kinds = append(kinds, st.Kind)
		}
	}
	slices.Sort(kinds)
	return strings.Join(append([]string{b.form}, kinds...), " ")
}

// covers reports whether [s, e) holds all of text but white space and a
// clause number's bullet.
func covers(text string, s, e int) bool {
	lo, hi := 0, len(text)
	for lo < hi && (text[lo] == ' ' || text[lo] == '\n') {
		lo++
	}
	if strings.HasPrefix(text[lo:], "•") {
		lo += len("•")
		for lo < hi && text[lo] == ' ' {
			lo++
		}
	}
	for hi > lo && (text[hi-1] == ' ' || text[hi-1] == '\n') {
		hi--
	}
	return s <= lo && e >= hi && lo < hi
}

// seg is a run of equal text: old bytes [a, a+n) are new bytes [b, b+n).
type seg struct{ a, b, n int }

// segsOf reads the equal runs of a paragraph's operations.
func segsOf(ops []Op) []seg {
	var out []seg
	a, b := 0, 0
	for _, o := range ops {
		n := len(o.Text)
		switch o.Op {
		case Equal:
			out = append(out, seg{a, b, n})
			a += n
			b += n
		case Delete:
			a += n
		case Insert:
			b += n
		}
	}
	return out
}

// toNew maps the old range [s, e) to the new text through the equal runs:
// the new range that its equal parts span, and false when none is equal.
func toNew(segs []seg, s, e int) (int, int, bool) {
	lo, hi, ok := 0, 0, false
	for _, g := range segs {
		x0, x1 := max(s, g.a), min(e, g.a+g.n)
		if x0 >= x1 {
			continue
		}
		n0, n1 := g.b+x0-g.a, g.b+x1-g.a
		if !ok {
			lo, ok = n0, true
		}
		hi = n1
	}
	return lo, hi, ok
}

// equalIn reports whether the new range [s, e) holds equal text that is
// not white space.
func equalIn(segs []seg, newText string, s, e int) bool {
	for _, g := range segs {
		x0, x1 := max(s, g.b), min(e, g.b+g.n)
		if x0 < x1 && strings.TrimSpace(newText[x0:x1]) != "" {
			return true
		}
	}
	return false
}

// linkAt is a link change and the new offset after which it is shown.
type linkAt struct {
	LinkChange
	at int
}

// linkChanges pairs the links of two sides whose texts are (in part)
// equal text, and returns those whose address changed, and links made or
// unmade on equal text. A link whose whole text was inserted or deleted
// is not listed: its words are marked already.
func linkChanges(old, new side, segs []seg, oldText, newText string) []linkAt {
	var out []linkAt
	paired := make([]bool, len(new.links))
	for _, l := range old.links {
		s, e, ok := toNew(segs, l.Start, l.End)
		if !ok || strings.TrimSpace(newText[s:e]) == "" {
			continue
		}
		match := -1
		for j, n := range new.links {
			if !paired[j] && n.Start < e && n.End > s {
				match = j
				break
			}
		}
		if match < 0 {
			if l.Target != "" {
				// A link to nowhere ("[text]()") unmade is no change of
				// address.
				out = append(out, linkAt{LinkChange{Text: oldText[l.Start:l.End], Old: l.Target}, e})
			}
			continue
		}
		paired[match] = true
		if n := new.links[match]; n.Target != l.Target {
			out = append(out, linkAt{LinkChange{Text: newText[n.Start:n.End], Old: l.Target, New: n.Target}, n.End})
		}
	}
	for j, n := range new.links {
		if !paired[j] && n.Target != "" && equalIn(segs, newText, n.Start, n.End) {
			out = append(out, linkAt{LinkChange{Text: newText[n.Start:n.End], New: n.Target}, n.End})
		}
	}
	slices.SortStableFunc(out, func(x, y linkAt) int { return x.at - y.at })
	return out
}

// emphasisChanged reports whether the emphasis inside equal text differs:
// each kind's runs, cut to the equal text, the old ones mapped to the new
// text. A style that covers a whole block is part of its look instead.
func emphasisChanged(old, new side, segs []seg, newText string) bool {
	kinds := map[string]bool{}
	for _, r := range old.styles {
		kinds[r.Kind] = true
	}
	for _, r := range new.styles {
		kinds[r.Kind] = true
	}
	for k := range kinds {
		var a, b [][2]int
		for _, r := range old.styles {
			if r.Kind != k || r.whole {
				continue
			}
			for _, g := range segs {
				x0, x1 := max(r.Start, g.a), min(r.End, g.a+g.n)
				if x0 < x1 {
					a = append(a, [2]int{g.b + x0 - g.a, g.b + x1 - g.a})
				}
			}
		}
		for _, r := range new.styles {
			if r.Kind != k || r.whole {
				continue
			}
			for _, g := range segs {
				x0, x1 := max(r.Start, g.b), min(r.End, g.b+g.n)
				if x0 < x1 {
					b = append(b, [2]int{x0, x1})
				}
			}
		}
		if !slices.Equal(runs(a, newText), runs(b, newText)) {
			return true
		}
	}
	return false
}

// runs merges ranges that touch or are apart by white space only, and
// trims white space at their ends, so that where a run is cut by the
// diff does not read as a change.
func runs(rs [][2]int, text string) [][2]int {
	slices.SortFunc(rs, func(x, y [2]int) int { return x[0] - y[0] })
	var out [][2]int
	for _, r := range rs {
		for r[0] < r[1] && text[r[0]] == ' ' {
			r[0]++
		}
		for r[1] > r[0] && text[r[1]-1] == ' ' {
			r[1]--
		}
		if r[0] >= r[1] {
			continue
		}
		if n := len(out); n > 0 && strings.TrimSpace(text[out[n-1][1]:max(r[0], out[n-1][1])]) == "" {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// splitAt cuts the operations so that each new offset in offs ends one,
// and returns, for each offset, the index of the first operation, not a
// deletion, that ends there.
func splitAt(ops []Op, offs []int) ([]Op, []int) {
	if len(offs) == 0 {
		return ops, nil
	}
	// A cut inside a word moves to the end of its operation: a change
	// never splits a word, and the link's change then follows the word.
	offs = slices.Clone(offs)
	b := 0
	for _, o := range ops {
		if o.Op == Delete {
			continue
		}
		end := b + len(o.Text)
		for i, c := range offs {
			if c > b && c < end && inWord(o.Text, c-b) {
				offs[i] = end
			}
		}
		b = end
	}
	cuts := slices.Clone(offs)
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var out []Op
	b = 0
	for _, o := range ops {
		if o.Op == Delete {
			out = append(out, o)
			continue
		}
		end := b + len(o.Text)
		for _, c := range cuts {
			if c > b && c < end {
				p := o
				p.Text = o.Text[:c-b]
				out = append(out, p)
				o.Text = o.Text[c-b:]
				b = c
			}
		}
		out = append(out, o)
		b = end
	}
	idx := make([]int, len(offs))
	for i, off := range offs {
		idx[i] = len(out) - 1
		pos := 0
		for k, o := range out {
			if o.Op == Delete {
				continue
			}
			pos += len(o.Text)
			if pos == off {
				idx[i] = k
				break
			}
		}
	}
	return out, idx
}

// compareMarks compares the marks of a paired paragraph whose operations
// are ops: it returns the operations, cut where a link's change is shown,
// the link changes (Op indexes into the returned operations), and the
// formatting change, nil when there is none. A list's bullet gained or
// lost is marked Format whether or not the texts have marks.
func (d *differ) compareMarks(p *para, ops []Op) ([]Op, []LinkChange, *FormatChange) {
	markBullets(ops)
	olds, news := d.olds(p), d.news(p)
	o, n := sideOf(olds), sideOf(news)
	if !o.marked || !n.marked {
		return ops, nil, nil
	}
	segs := segsOf(ops)
	newText := joinTexts(news)
	var fc *FormatChange
	if emph := emphasisChanged(o, n, segs, newText); emph || o.look != n.look {
		fc = &FormatChange{Old: looks(olds), New: looks(news), Emphasis: emph}
	}
	found := linkChanges(o, n, segs, joinTexts(olds), newText)
	if len(found) == 0 {
		return ops, nil, fc
	}
	offs := make([]int, len(found))
	for i, l := range found {
		offs[i] = l.at
	}
	ops, idx := splitAt(ops, offs)
	links := make([]LinkChange, len(found))
	for i, l := range found {
		links[i] = l.LinkChange
		links[i].Op = idx[i]
	}
	return ops, links, fc
}

// markBullets marks Format the changes that are only a list's bullets.
func markBullets(ops []Op) {
	for i, o := range ops {
		if o.Op != Equal && !o.Renumber && strings.Trim(o.Text, " •") == "" && strings.Contains(o.Text, "•") {
			ops[i].Format = true
		}
	}
}

func joinTexts(bs []*block) string {
	if len(bs) == 1 {
		return bs[0].text
	}
	var b strings.Builder
	for _, x := range bs {
		b.WriteString(x.text)
	}
	return b.String()
}

// looks is how each block is set, joined by "+".
func looks(bs []*block) string {
	var out []string
	for _, b := range bs {
		out = append(out, look(b))
	}
	return strings.Join(out, "+")
}

// inWord reports whether byte i of s stands between two letters or digits.
func inWord(s string, i int) bool {
	a, _ := utf8.DecodeLastRuneInString(s[:i])
	c, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(a) && isWordRune(c)
}
