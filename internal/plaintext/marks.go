package plaintext

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"policysite/internal/sanitize"
	"policysite/internal/textmark"
)

// The marks of a text (package textmark) are gathered as the writer writes
// it, from the same parse. Each mark is first a span of the raw text of
// the block being written (before fold, the list marker and the Kramdown
// list that goes); when the block is added, its spans are carried through
// fold by foldMap and moved to the block's place in the whole text. Only
// Marked gathers them: for Of and Blocks the writer's marking is nil, and
// each of its methods returns at once.

// Marked returns the plain text of a Markdown body, exactly Of's result,
// and its marks: how each block is set (textmark's forms, and "fn" for a
// footnote), where its links point, and which of its words are
// emphasised. Links and styles in raw HTML count as the sanitised HTML
// keeps them (a with its href; b, strong, i, em), so an HTML link's target
// is the sanitiser's URL; an image's description, an attribute on the
// page, has no marks, and a footnote's number is no link.
func Marked(markdown string) (string, textmark.Marks) {
	w := &writer{forms: []string{}, m: &marking{}}
	w.parse(markdown)
	return strings.Join(w.out, "\n\n"), w.marks()
}

// MarkedBlocks is Blocks and Marked from one parse: the blocks, and the
// marks of the text they make joined a blank line apart.
func MarkedBlocks(markdown string) ([]Block, textmark.Marks) {
	w := &writer{forms: []string{}, m: &marking{}}
	w.parse(markdown)
	out := make([]Block, len(w.out))
	for i, s := range w.out {
		out[i] = Block{Text: s, Line: w.lines[i], Form: w.forms[i]}
	}
	return out, w.marks()
}

// marks are the marks the writer gathered, offsets into its blocks joined.
func (w *writer) marks() textmark.Marks {
	marks := textmark.Marks{
		Blocks: make([]textmark.Block, len(w.out)),
		Links:  w.m.links,
		Styles: w.m.styles,
	}
	at := 0
	for i, s := range w.out {
		marks.Blocks[i] = textmark.Block{Form: w.forms[i], Start: at, End: at + len(s)}
		at += len(s) + len("\n\n")
	}
	// Trimming and snapping to runes can move a start past a later one's.
	slices.SortStableFunc(marks.Links, func(a, b textmark.Link) int { return cmp.Compare(a.Start, b.Start) })
	slices.SortStableFunc(marks.Styles, func(a, b textmark.Style) int { return cmp.Compare(a.Start, b.Start) })
	// Empty lists, not nil ones, so that JSON shows them as lists.
	if marks.Links == nil {
		marks.Links = []textmark.Link{}
	}
	if marks.Styles == nil {
		marks.Styles = []textmark.Style{}
	}
	return marks
}

// span is a mark while its text is written: a link (to target) or a style
// of kind, over [start, end) of the text; end is -1 while it is open.
type span struct {
	link         bool
	kind, target string
	start, end   int
}

// spanList is the spans of one text being written, and the elements of
// raw HTML open in it that make spans.
type spanList struct {
	spans []span
	open  []openElement
}

// openElement is an element of raw HTML that is open: its tag, and the
// index of its span.
type openElement struct {
	tag string
	i   int
}

// start opens s at at and returns its index.
func (l *spanList) start(s span, at int) int {
	s.start, s.end = at, -1
	l.spans = append(l.spans, s)
	return len(l.spans) - 1
}

// htmlSpans are the spans that elements of sanitised HTML make.
var htmlSpans = map[string]span{
	"a":      {link: true},
	"strong": {kind: "strong"}, "b": {kind: "strong"},
	"em": {kind: "em"}, "i": {kind: "em"},
	"del": {kind: "del"}, "s": {kind: "del"}, "code": {kind: "code"},
}

// tag follows a tag of sanitised HTML that comes at at.
func (l *spanList) tag(t sanitize.Token, at int) {
	s, ok := htmlSpans[t.Tag]
	if !ok || t.Kind == sanitize.Text {
		return
	}
	// An end tag ends the element it names; a link's start tag ends the
	// link before it, as links do not nest.
	if t.Kind == sanitize.End || s.link {
		for j := len(l.open) - 1; j >= 0; j-- {
			if l.open[j].tag == t.Tag {
				l.spans[l.open[j].i].end = at
				l.open = slices.Delete(l.open, j, j+1)
				break
			}
		}
	}
	if t.Kind != sanitize.Start {
		return
	}
	if s.link {
		// The sanitiser drops an address it does not allow: no link.
		href, ok := t.Attrs["href"]
		if !ok {
			return
		}
		s.target = href
	}
	l.open = append(l.open, openElement{t.Tag, l.start(s, at)})
}

// closeAll ends the spans of the elements still open at at, and returns
// those elements.
func (l *spanList) closeAll(at int) []openElement {
	open := l.open
	for _, e := range open {
		l.spans[e.i].end = at
	}
	l.open = nil
	return open
}

// restart empties l for the next block, in which the elements open (from
// closeAll) go on, as a browser opens them again after a block's end.
func (l *spanList) restart(open []openElement) {
	if len(open) == 0 {
		l.spans = l.spans[:0]
		return
	}
	again := make([]span, len(open))
	for k, e := range open {
		again[k] = l.spans[e.i]
	}
	l.spans = l.spans[:0]
	for k, e := range open {
		l.open = append(l.open, openElement{e.tag, l.start(again[k], 0)})
	}
}

// shiftSpans moves spans by k bytes.
func shiftSpans(spans []span, k int) {
	for i := range spans {
		spans[i].start += k
		if spans[i].end >= 0 {
			spans[i].end += k
		}
	}
}

// marking gathers the marks of a text as the writer writes it. A nil
// marking gathers nothing.
type marking struct {
	// pending is the spans of the Markdown block being written.
	pending spanList
	// image counts the images being written: their descriptions, which
	// are text but no marked text on the page, get no marks.
	image  int
	links  []textmark.Link
	styles []textmark.Style
	// at is where the next block starts in the text.
	at int
	// scratch is foldMap's, kept for the next block.
	scratch []int
}

// pendingSpans is the spans of the Markdown block being written.
func (m *marking) pendingSpans() []span {
	if m == nil {
		return nil
	}
	return m.pending.spans
}

// clearPending readies the pending spans for the next block.
func (m *marking) clearPending() {
	if m != nil {
		m.pending.spans, m.pending.open = m.pending.spans[:0], m.pending.open[:0]
	}
}

// pendingLen is the number of pending spans, where the next goes.
func (m *marking) pendingLen() int {
	if m == nil {
		return 0
	}
	return len(m.pending.spans)
}

// shift moves the pending spans by k bytes: a list marker goes before
// their text.
func (m *marking) shift(k int) {
	if m != nil && k != 0 {
		shiftSpans(m.pending.spans, k)
	}
}

// refoldPending carries the pending spans from the index from on, of raw,
// to folded, fold(raw), which starts at at in the text being written.
func (m *marking) refoldPending(from int, raw, folded string, at int) {
	if m == nil || from == len(m.pending.spans) {
		return
	}
	m.refold(raw, folded, m.pending.spans[from:])
	shiftSpans(m.pending.spans[from:], at)
}

// endRun ends, at at, the elements of inline raw HTML that a block or a
// table cell leaves open: the sanitised page closes them there.
func (m *marking) endRun(at int) {
	if m != nil {
		m.pending.closeAll(at)
	}
}

// autoLink marks an autolink, written at [start, end), with the address
// that the page's link has: an email address's with "mailto:".
func (m *marking) autoLink(n *ast.AutoLink, src []byte, start, end int) {
	if m == nil || m.image > 0 {
		return
	}
	target := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(target), "mailto:") {
		target = "mailto:" + target
	}
	i := m.pending.start(span{link: true, target: target}, start)
	m.pending.spans[i].end = end
}

// rawHTML follows the tags of a piece of inline raw HTML, sanitised, that
// comes at at.
func (m *marking) rawHTML(html string, at int) {
	if m == nil || m.image > 0 || html == "" {
		return
	}
	for _, t := range sanitize.Tokens(html) {
		m.pending.tag(t, at)
	}
}

// marked writes n, an inline that holds inlines, and marks what it is.
func (w *writer) marked(b *bytes.Buffer, n ast.Node) {
	if _, ok := n.(*ast.Image); ok {
		w.m.image++
		w.inlines(b, n)
		w.m.image--
		return
	}
	s, ok := inlineSpan(n)
	if !ok || w.m.image > 0 {
		w.inlines(b, n)
		return
	}
	i := w.m.pending.start(s, b.Len())
	w.inlines(b, n)
	w.m.pending.spans[i].end = b.Len()
}

// inlineSpan is the span that inline n makes, if any.
func inlineSpan(n ast.Node) (span, bool) {
	switch n := n.(type) {
	case *ast.Link:
		// The destination as written, escapes and references resolved
		// as the page's link resolves them, but not percent-encoded.
		dest := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(n.Destination)))
		return span{link: true, target: string(dest)}, true
	case *ast.Emphasis:
		if n.Level >= 2 {
			return span{kind: "strong"}, true
		}
		return span{kind: "em"}, true
	case *east.Strikethrough:
		return span{kind: "del"}, true
	case *ast.CodeSpan:
		return span{kind: "code"}, true
	}
	return span{}, false
}

// place adds the marks of a block, text, which is raw folded: spans are
// their ranges in raw. Every block comes through here, in order, so that
// the next one's place is known.
func (m *marking) place(raw, text string, spans []span) {
	if m == nil {
		return
	}
	base := m.at
	m.at += len(text) + len("\n\n")
	if len(spans) == 0 {
		return
	}
	m.refold(raw, text, spans)
	for _, s := range spans {
		a, b := snap(text, s.start, s.end)
		if a >= b {
			// A run that folds to nothing, or an empty link's text.
			continue
		}
		if s.link {
			m.links = append(m.links, textmark.Link{Start: base + a, End: base + b, Target: s.target})
		} else {
			m.styles = append(m.styles, textmark.Style{Kind: s.kind, Start: base + a, End: base + b})
		}
	}
}

// refold carries spans of raw to folded, fold(raw), trimming the spaces
// at their ends: a space around a run is the words', not the run's.
func (m *marking) refold(raw, folded string, spans []span) {
	n := len(raw) + 1
	m.scratch = slices.Grow(m.scratch[:0], n)[:n]
	if foldMap(raw, m.scratch, nil) != len(folded) {
		// foldMap reads as fold does; tests hold it to that. Should they
		// ever part, no mark is better than a wrong one.
		for i := range spans {
			spans[i].start, spans[i].end = 0, 0
		}
		return
	}
	for i := range spans {
		s := &spans[i]
		end := s.end
		if end < 0 {
			end = len(raw)
		}
		a := m.scratch[min(max(s.start, 0), len(raw))]
		b := m.scratch[min(max(end, 0), len(raw))]
		for a < b && folded[a] == ' ' {
			a++
		}
		for b > a && folded[b-1] == ' ' {
			b--
		}
		s.start, s.end = a, b
	}
}

// snap widens [a, b) of text to whole runes. Only invalid UTF-8, whose
// bytes two nodes can write halves of one rune with, needs it.
func snap(text string, a, b int) (int, int) {
	a, b = min(max(a, 0), len(text)), min(max(b, 0), len(text))
	for a > 0 && a < len(text) && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	return a, b
}
