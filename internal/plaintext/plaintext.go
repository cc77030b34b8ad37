// Package plaintext turns an edition's Markdown into the plain text that
// redlines compare and that crawlers receive: one block per heading,
// paragraph, list item or table row, blocks separated by a blank line, with
// the Markdown syntax gone and what a reader sees kept, list numbers
// included; raw HTML counts as the site shows it, sanitised (html.go). It
// also finds, for the renderer, the raw HTML and attribute lists that Hugo
// must not read as written (FindMarkup). It is the only package that
// imports goldmark.
package plaintext

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md parses as the site renders: the same Markdown extensions as Hugo's
// defaults, and heading attributes ({#id}) that are not text.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.DefinitionList, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// Of returns the plain text of a Markdown body. The result is already
// normalised the way the redline package normalises its inputs: one line per
// block, no runs of spaces, blocks separated by one blank line.
func Of(markdown string) string {
	w := &writer{}
	w.parse(markdown)
	return strings.Join(w.out, "\n\n")
}

// Block is one block of the plain text.
type Block struct {
	// Text is the block on one line.
	Text string
	// Line is the 1-based line of the Markdown on which the block's text
	// starts, or 0 when it has no text of its own in the source (a list item
	// whose marker is all there is).
	Line int
	// Form is how the block is set, as textmark.Block's Form says: "h2",
	// "p", "li", "quote p"…
	Form string
}

// Blocks returns the blocks that Of joins, each with its line in the
// Markdown, so that a block can be matched with the clause that starts on
// that line.
func Blocks(markdown string) []Block {
	w := &writer{forms: []string{}}
	w.parse(markdown)
	out := make([]Block, len(w.out))
	for i, s := range w.out {
		out[i] = Block{Text: s, Line: w.lines[i], Form: w.forms[i]}
	}
	return out
}

// parse writes the blocks of markdown with w, which says what besides the
// text it gathers: forms (Blocks) and marks (Marked), which Of, the
// hottest caller, does without.
func (w *writer) parse(markdown string) {
	w.src = []byte(markdown)
	doc := md.Parser().Parse(text.NewReader(w.src))
	if strings.IndexByte(markdown, '<') >= 0 {
		w.html = sanitized(doc, w)
	}
	w.blocks(doc)
}

type writer struct {
	src   []byte
	out   []string
	lines []int
	// nl holds the offsets of src's newlines, computed on first use.
	nl []int
	// html is the sanitised HTML of each piece of raw HTML (see html.go),
	// as the site shows it.
	html map[ast.Node]string
	// forms, when not nil, gathers each block's form; quote is what the
	// block quotes around the block being written put before its form.
	forms []string
	quote string
	// m, when not nil, gathers the marks (marks.go).
	m *marking
}

// lead is what goes before the first block of a list item (its marker)
// and the form that block then has: the item's, whatever the block is.
type lead struct{ text, form string }

// or is l's form, or form when l has none.
func (l lead) or(form string) string {
	if l.form != "" {
		return l.form
	}
	return form
}

// emit adds a block of text, set as form, that comes from node n; the
// marks pending are marks of s.
func (w *writer) emit(s string, n ast.Node, form string) {
	if f := fold(s); f != "" {
		w.add(s, f, w.line(n), form, w.m.pendingSpans())
	}
	w.m.clearPending()
}

// emitAt adds a block of text, set as form, that starts on line; spans
// are its marks, offsets into s.
func (w *writer) emitAt(s string, line int, form string, spans []span) {
	if f := fold(s); f != "" {
		w.add(s, f, line, form, spans)
	}
}

// add adds the block text, which is raw folded.
func (w *writer) add(raw, text string, line int, form string, spans []span) {
	w.out = append(w.out, text)
	w.lines = append(w.lines, line)
	if w.forms != nil {
		w.forms = append(w.forms, w.quote+form)
	}
	w.m.place(raw, text, spans)
}

// line returns the 1-based line on which n's first source segment starts.
func (w *writer) line(n ast.Node) int {
	off := firstOffset(n)
	if off < 0 {
		return 0
	}
	return w.lineAt(off)
}

// lineAt returns the 1-based line of the byte at off.
func (w *writer) lineAt(off int) int {
	if w.nl == nil {
		w.nl = []int{}
		for i, c := range w.src {
			if c == '\n' {
				w.nl = append(w.nl, i)
			}
		}
	}
	// The number of newlines before off, plus one.
	lo, hi := 0, len(w.nl)
	for lo < hi {
		m := (lo + hi) / 2
		if w.nl[m] < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo + 1
}

// firstOffset returns the offset of the first source text of n, or -1.
func firstOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// blocks writes the block children of n.
func (w *writer) blocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, lead{})
	}
}

// headingForms are the forms of headings by level.
var headingForms = [...]string{"h1", "h1", "h2", "h3", "h4", "h5", "h6"}

// block writes one block; l (a list marker) goes before its first line.
func (w *writer) block(n ast.Node, l lead) {
	switch n := n.(type) {
	case *ast.Heading, *ast.Paragraph, *ast.TextBlock:
		text := w.inline(n)
		if w.endsInKramdown(n) {
			// Marks in the list that goes now lie past the text's end,
			// and placing them (marks.go) cuts them there.
			text = withoutKramdown(text)
		}
		form := "p"
		if h, ok := n.(*ast.Heading); ok {
			form = headingForms[min(max(h.Level, 0), 6)]
		}
		w.m.shift(len(l.text))
		w.emit(l.text+text, n, l.or(form))
	case *ast.List:
		num, form := n.Start, "li"
		if n.IsOrdered() {
			form = "oli"
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			marker := "• "
			if n.IsOrdered() {
				marker = strconv.Itoa(num) + string(n.Marker) + " "
				num++
			}
			w.item(c, lead{marker, form})
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(w.src))
		}
		w.emit(l.text+b.String(), n, l.or("pre"))
	case *ast.HTMLBlock:
		w.htmlBlock(w.html[n], w.line(n), l)
	case *ast.ThematicBreak:
	case *east.Table:
		w.table(n)
	case *east.FootnoteList:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if f, ok := c.(*east.Footnote); ok {
				w.item(f, lead{"[" + strconv.Itoa(f.Index) + "] ", "fn"})
			}
		}
	case *ast.Blockquote:
		w.quoted(n, l)
	case *east.DefinitionDescription:
		w.container(n, lead{l.text, l.or("dd")})
	default:
		w.container(n, l)
	}
}

// container writes the blocks of a block quote, a definition list or
// anything else that holds blocks, or the text of one that holds inlines
// (a definition's term).
func (w *writer) container(n ast.Node, l lead) {
	first := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeInline {
			form := "p"
			if _, ok := n.(*east.DefinitionTerm); ok {
				form = "dt"
			}
			text := w.inline(n)
			w.m.shift(len(l.text))
			w.emit(l.text+text, n, l.or(form))
			return
		}
		p := lead{}
		if first {
			p = l
		}
		w.block(c, p)
		first = false
	}
}

// quoted writes a block quote, whose blocks' forms start "quote ".
func (w *writer) quoted(n *ast.Blockquote, l lead) {
	if w.forms == nil {
		w.container(n, l)
		return
	}
	q := w.quote
	w.quote += "quote "
	w.container(n, l)
	w.quote = q
}

// table writes a table's rows, each its cells joined by " | ".
func (w *writer) table(n *east.Table) {
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		at := 0 // where the cell starts in the row
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			if len(cells) > 0 {
				at += len(" | ")
			}
			from := w.m.pendingLen()
			raw := w.inline(c)
			cell := fold(raw)
			w.m.refoldPending(from, raw, cell, at)
			cells = append(cells, cell)
			at += len(cell)
		}
		form := "tr"
		if _, ok := r.(*east.TableHeader); ok {
			form = "th"
		}
		w.emit(strings.Join(cells, " | "), r, form)
	}
}

// item writes a list item whose first block carries l.
func (w *writer) item(n ast.Node, l lead) {
	if n.FirstChild() == nil {
		w.emit(l.text, n, l.form)
		return
	}
	first := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p := lead{}
		if first {
			p = l
		}
		w.block(c, p)
		first = false
	}
}

// inline returns the text of n's inline children.
func (w *writer) inline(n ast.Node) string {
	var b bytes.Buffer
	w.inlines(&b, n)
	w.m.endRun(b.Len())
	return b.String()
}

func (w *writer) inlines(b *bytes.Buffer, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(w.src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			at := b.Len()
			b.Write(c.URL(w.src))
			w.m.autoLink(c, w.src, at, b.Len())
		case *ast.RawHTML:
			// Inline tags are not text, but one that breaks a line or
			// starts a block parts the words around it.
			if breaksWords(w.html[c]) {
				b.WriteByte(' ')
			}
			w.m.rawHTML(w.html[c], b.Len())
		case *east.FootnoteLink:
			b.WriteString("[" + strconv.Itoa(c.Index) + "]")
		case *east.FootnoteBacklink:
		default:
			if w.m != nil {
				w.marked(b, c)
			} else {
				w.inlines(b, c)
			}
		}
	}
}

// literal returns the byte ranges of markdown that Markdown shows exactly
// as written, where no backslash escapes anything: the text of code spans
// and of code blocks, fenced or indented. They are in the order of the
// text.
func literal(markdown string) [][2]int {
	src := []byte(markdown)
	var out [][2]int
	_ = ast.Walk(md.Parser().Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					out = append(out, [2]int{t.Segment.Start, t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				s := lines.At(i)
				out = append(out, [2]int{s.Start, s.Stop})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// EscapeShortcodes returns markdown written so that Hugo, which renders the
// pages, shows it as it is. Hugo reads "{{<" and "{{%" anywhere in a page's
// Markdown, code included, as the start of a shortcode, and would run one
// that exists ({{< param "title" >}} prints the page's title) or fail the
// build. Each is written as Hugo's own escape, {{</* … */>}} or {{%/* … */%}},
// which Hugo prints without the comment marks whatever lies between, in
// any Markdown. One that never closes is written "{\{<", which Markdown
// prints as "{{<", but not in code, where a backslash is shown: bad is the
// byte offset of the first such one there, or -1.
func EscapeShortcodes(markdown string) (escaped string, bad int) {
	if !strings.Contains(markdown, "{{<") && !strings.Contains(markdown, "{{%") {
		return markdown, -1
	}
	var (
		b      strings.Builder
		code   [][2]int
		parsed bool
	)
	b.Grow(len(markdown) + 16)
	for i := 0; i < len(markdown); {
		j := strings.Index(markdown[i:], "{{")
		if j < 0 {
			b.WriteString(markdown[i:])
			break
		}
		j += i
		if j+2 >= len(markdown) || markdown[j+2] != '<' && markdown[j+2] != '%' {
			// "{{{<" holds a start one byte on.
			b.WriteString(markdown[i : j+1])
			i = j + 1
			continue
		}
		b.WriteString(markdown[i:j])
		mark := markdown[j+2 : j+3]
		closer := mark[:1] + "}}"
		if mark == "<" {
			closer = ">}}"
		}
		if k := strings.Index(markdown[j+3:], closer); k >= 0 {
			inner := markdown[j+3 : j+3+k]
			b.WriteString("{{" + mark + "/*" + inner + "*/" + closer)
			i = j + 3 + k + len(closer)
			continue
		}
		if !parsed {
			code, parsed = literal(markdown), true
		}
		for _, r := range code {
			if r[0] <= j && j < r[1] {
				return "", j
			}
		}
		b.WriteString(`{\{` + mark)
		i = j + 3
	}
	return b.String(), -1
}

// trailingKramdownRe is a Kramdown attribute list that ends a block's text
// ("Effective May 4, 2026 {: datetime="2026-05-04" }"), on the block's
// last line or alone: markup for the page (package site reads it as
// attributes), never words of the text.
var trailingKramdownRe = regexp.MustCompile(`(?:^|\s+)\{:[^{}\n]*\}\s*$`)

// withoutKramdown is s without the attribute list that ends it.
func withoutKramdown(s string) string { return trailingKramdownRe.ReplaceAllString(s, "") }

// endsInKramdown reports whether the source of n, a block of text, ends in
// an attribute list as written, unescaped: "\{: b}" is text.
func (w *writer) endsInKramdown(n ast.Node) bool {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return false
	}
	seg := lines.At(lines.Len() - 1)
	last := seg.Value(w.src)
	// The pattern needs "{:": without it, skip the regular expression,
	// which was most of Of's time on ordinary paragraphs.
	if !bytes.Contains(last, []byte("{:")) {
		return false
	}
	loc := trailingKramdownRe.FindIndex(last)
	if loc == nil {
		return false
	}
	open := bytes.LastIndex(last[:loc[1]], []byte("{:"))
	return open == 0 || last[open-1] != '\\'
}
