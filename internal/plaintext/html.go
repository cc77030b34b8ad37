package plaintext

import (
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"policysite/internal/sanitize"
)

// The plain text of raw HTML is the text of what the site shows of it, its
// sanitised HTML (package sanitize), so that what the page drops (a
// script's code) is no text either. In a text without raw HTML nothing
// here runs. The form is:
//
//   - An HTML block gives one block per table row, and one per paragraph
//     of text: the text of a p, div, h1–h6, blockquote, dt, dd, li or
//     caption, or text between such elements.
//   - A table row is its cells' texts in the order they are written,
//     header cells included, joined by " | ", as a Markdown table's row is;
//     a cell spanning columns or rows is one cell, written once. Whatever a
//     cell holds (paragraphs, lists, a table) is its text on one line.
//   - A list item starts with "• ", or with its number and "." in an
//     ordered list (counting from its start attribute), as in Markdown.
//   - Within a block, <br> and the tags of blocks part words with a space,
//     and other tags (b, a, sup, span…) with nothing: "m<sup>2</sup>" is
//     "m2".
//   - Tags inline in Markdown text are no text either; a <br> or a block's
//     tag there parts the words around it.
//
// A block's line is the line of the HTML on which it starts, counted by
// the newlines that the sanitised HTML keeps: exact unless removed markup
// before it in the same HTML block spanned lines.

// blockTags are the elements whose tags part words.
var blockTags = []string{
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dl", "dt", "dd",
	"ul", "ol", "li", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
	"tr", "th", "td", "hr", "br",
}

// sanitized returns the sanitised HTML of each piece of raw HTML of doc,
// the pieces read together as the site reads them (FindMarkup).
func sanitized(doc ast.Node, w *writer) map[ast.Node]string {
	m := findMarkup(doc, w)
	if len(m.HTML) == 0 {
		return nil
	}
	raw := make([]string, len(m.HTML))
	for i, h := range m.HTML {
		raw[i] = h.Raw
	}
	clean, _ := sanitize.Pieces(raw)
	out := make(map[ast.Node]string, len(m.HTML))
	for i, h := range m.HTML {
		out[h.node] = clean[i]
	}
	return out
}

// breaksWords reports whether inline HTML parts the words around it.
func breaksWords(html string) bool {
	for _, t := range sanitize.Tokens(html) {
		if t.Kind != sanitize.Text && slices.Contains(blockTags, t.Tag) {
			return true
		}
	}
	return false
}

// htmlText writes the blocks of one HTML block.
type htmlText struct {
	w      *writer
	line   int    // the HTML block's first line
	prefix string // a Markdown list's marker, before the first block
	form   string // the form that prefix gives its block
	marker string // an HTML list item's marker, before the next block

	cur     strings.Builder
	curLine int

	inRow   bool
	row     []string
	rowLine int
	cell    strings.Builder
	inCell  bool
	nested  int // tables inside the row's cells

	lists []int // the next number of each open ordered list, -1 for a bulleted one

	// The marks of cur, of cell, and of the row's cells read so far, when
	// the writer gathers marks; rowLen is the length of those cells
	// joined.
	curSpans, cellSpans spanList
	rowSpans            []span
	rowLen              int
}

// htmlBlock writes the blocks of an HTML block's sanitised HTML, which
// starts on line; l goes before its first block.
func (w *writer) htmlBlock(html string, line int, l lead) {
	h := &htmlText{w: w, line: line, prefix: l.text, form: l.form}
	for _, t := range sanitize.Tokens(html) {
		switch {
		case t.Kind == sanitize.Text:
			h.text(t)
		case h.inRow:
			h.rowTag(t)
		default:
			h.tag(t)
		}
		// The tags that make marks (links, emphasis) are none of the
		// tags above, so this may come after them.
		if w.m != nil && t.Kind != sanitize.Text {
			h.mark(t)
		}
	}
	h.endRow()
	h.flush()
}

// mark follows a tag that may open or end a mark, in the text it is in.
func (h *htmlText) mark(t sanitize.Token) {
	if h.inRow {
		h.cellSpans.tag(t, h.cell.Len())
	} else {
		h.curSpans.tag(t, h.cur.Len())
	}
}

func (h *htmlText) text(t sanitize.Token) {
	if h.inRow {
		h.cell.WriteString(t.Text)
		return
	}
	if strings.TrimSpace(h.cur.String()) == "" {
		// The block starts on the line of its first word.
		h.curLine = h.line + t.Line + strings.Count(t.Text[:len(t.Text)-len(strings.TrimLeft(t.Text, " \t\r\n"))], "\n")
	}
	h.cur.WriteString(t.Text)
}

// tag reads a tag outside a table row.
func (h *htmlText) tag(t sanitize.Token) {
	switch {
	case t.Tag == "br":
		h.cur.WriteByte(' ')
	case t.Kind == sanitize.Start && (t.Tag == "tr" || t.Tag == "td" || t.Tag == "th"):
		h.flush()
		h.inRow, h.rowLine = true, h.line+t.Line
		if t.Tag != "tr" {
			h.inCell = true
		}
	case t.Tag == "ul" || t.Tag == "ol":
		h.flush()
		if t.Kind == sanitize.End {
			if len(h.lists) > 0 {
				h.lists = h.lists[:len(h.lists)-1]
			}
			return
		}
		next := -1
		if t.Tag == "ol" {
			next = 1
			if n, err := strconv.Atoi(t.Attrs["start"]); err == nil {
				next = n
			}
		}
		h.lists = append(h.lists, next)
	case t.Tag == "li":
		h.flush()
		if t.Kind == sanitize.Start {
			h.marker = h.itemMarker()
		}
	case slices.Contains(blockTags, t.Tag):
		h.flush()
	}
}

// itemMarker is the marker of the next item of the innermost list.
func (h *htmlText) itemMarker() string {
	n := len(h.lists) - 1
	if n < 0 || h.lists[n] < 0 {
		return "• "
	}
	h.lists[n]++
	return strconv.Itoa(h.lists[n]-1) + ". "
}

// rowTag reads a tag inside a table row.
func (h *htmlText) rowTag(t sanitize.Token) {
	start := t.Kind == sanitize.Start
	switch {
	case h.nested > 0 || start && t.Tag == "table":
		if t.Tag == "table" {
			if start {
				h.nested++
			} else {
				h.nested--
			}
		}
		if slices.Contains(blockTags, t.Tag) {
			h.cell.WriteByte(' ')
		}
	case t.Tag == "td" || t.Tag == "th":
		h.endCell()
		h.inCell = start
	case t.Tag == "tr":
		h.endRow()
		if start {
			h.inRow, h.rowLine = true, h.line+t.Line
		}
	case t.Tag == "table" || t.Tag == "thead" || t.Tag == "tbody" || t.Tag == "tfoot":
		h.endRow()
	case slices.Contains(blockTags, t.Tag):
		h.cell.WriteByte(' ')
	}
}

// endCell ends the cell being read, if any.
func (h *htmlText) endCell() {
	// The elements opened in a cell end with it, as on the page.
	h.cellSpans.closeAll(h.cell.Len())
	if h.inCell || strings.TrimSpace(h.cell.String()) != "" {
		raw := h.cell.String()
		cell := fold(raw)
		at := 0
		if len(h.row) > 0 {
			at = h.rowLen + len(" | ")
		}
		if spans := h.cellSpans.spans; len(spans) > 0 {
			h.w.m.refold(raw, cell, spans)
			shiftSpans(spans, at)
			h.rowSpans = append(h.rowSpans, spans...)
		}
		h.row = append(h.row, cell)
		h.rowLen = at + len(cell)
	}
	h.cell.Reset()
	h.cellSpans.spans = h.cellSpans.spans[:0]
	h.inCell = false
}

// endRow writes the row being read, if any.
func (h *htmlText) endRow() {
	if !h.inRow {
		return
	}
	h.endCell()
	if len(h.row) > 0 {
		h.emit(strings.Join(h.row, " | "), h.rowLine, h.rowSpans)
	}
	h.row, h.inRow, h.nested = nil, false, 0
	h.rowSpans, h.rowLen = h.rowSpans[:0], 0
}

// flush writes the text read outside rows, if any.
func (h *htmlText) flush() {
	// The elements open go on in the next block, as a browser opens
	// them again after a block's end.
	open := h.curSpans.closeAll(h.cur.Len())
	if strings.TrimSpace(h.cur.String()) != "" {
		h.emit(h.cur.String(), h.curLine, h.curSpans.spans)
	}
	h.cur.Reset()
	h.curSpans.restart(open)
}

// emit writes a block with the markers due; spans are its marks.
func (h *htmlText) emit(s string, line int, spans []span) {
	if fold(s) == "" {
		return
	}
	pre := h.prefix + h.marker
	shiftSpans(spans, len(pre))
	h.w.emitAt(pre+s, line, lead{form: h.form}.or("html"), spans)
	h.prefix, h.form, h.marker = "", "", ""
}
