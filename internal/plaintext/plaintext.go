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
	w := parse(markdown)
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
}

// Blocks returns the blocks that Of joins, each with its line in the
// Markdown, so that a block can be matched with the clause that starts on
// that line.
func Blocks(markdown string) []Block {
	w := parse(markdown)
	out := make([]Block, len(w.out))
	for i, s := range w.out {
		out[i] = Block{Text: s, Line: w.lines[i]}
	}
	return out
}

func parse(markdown string) *writer {
	src := []byte(markdown)
	doc := md.Parser().Parse(text.NewReader(src))
	w := &writer{src: src}
	if strings.IndexByte(markdown, '<') >= 0 {
		w.html = sanitized(doc, w)
	}
	w.blocks(doc)
	return w
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
}

// emit adds a block of text that comes from node n.
func (w *writer) emit(s string, n ast.Node) {
	if s = fold(s); s != "" {
		w.out = append(w.out, s)
		w.lines = append(w.lines, w.line(n))
	}
}

// emitAt adds a block of text that starts on line.
func (w *writer) emitAt(s string, line int) {
	if s = fold(s); s != "" {
		w.out = append(w.out, s)
		w.lines = append(w.lines, line)
	}
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
		w.block(c, "")
	}
}

// block writes one block; prefix (a list marker) goes before its first line.
func (w *writer) block(n ast.Node, prefix string) {
	switch n := n.(type) {
	case *ast.Heading, *ast.Paragraph, *ast.TextBlock:
		text := w.inline(n)
		if w.endsInKramdown(n) {
			text = withoutKramdown(text)
		}
		w.emit(prefix+text, n)
	case *ast.List:
		num := n.Start
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			marker := "• "
			if n.IsOrdered() {
				marker = strconv.Itoa(num) + string(n.Marker) + " "
				num++
			}
			w.item(c, marker)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(w.src))
		}
		w.emit(prefix+b.String(), n)
	case *ast.HTMLBlock:
		w.htmlBlock(w.html[n], w.line(n), prefix)
	case *ast.ThematicBreak:
	case *east.Table:
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			var cells []string
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, fold(w.inline(c)))
			}
			w.emit(strings.Join(cells, " | "), r)
		}
	case *east.FootnoteList:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if f, ok := c.(*east.Footnote); ok {
				w.item(f, "["+strconv.Itoa(f.Index)+"] ")
			}
		}
	default:
		// Block quotes, definition lists and anything else: their blocks.
		first := true
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeInline {
				w.emit(prefix+w.inline(n), n)
				return
			}
			p := ""
			if first {
				p = prefix
			}
			w.block(c, p)
			first = false
		}
	}
}

// item writes a list item whose first block carries marker.
func (w *writer) item(n ast.Node, marker string) {
	if n.FirstChild() == nil {
		w.emit(marker, n)
		return
	}
	first := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p := ""
		if first {
			p = marker
		}
		w.block(c, p)
		first = false
	}
}

// inline returns the text of n's inline children.
func (w *writer) inline(n ast.Node) string {
	var b bytes.Buffer
	w.inlines(&b, n)
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
			b.Write(c.URL(w.src))
		case *ast.RawHTML:
			// Inline tags are not text, but one that breaks a line or
			// starts a block parts the words around it.
			if breaksWords(w.html[c]) {
				b.WriteByte(' ')
			}
		case *east.FootnoteLink:
			b.WriteString("[" + strconv.Itoa(c.Index) + "]")
		case *east.FootnoteBacklink:
		default:
			w.inlines(b, c)
		}
	}
}

// fold trims every line, folds runs of spaces, and joins the lines of a
// block with spaces, as redline.Normalize does. It runs over every block of
// every edition, so it walks the bytes once instead of using a regexp.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.SplitSeq(s, "\n") {
		// Every folded space is also one that TrimSpace removes, so
		// trimming before folding gives what trimming after does.
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		start, inRun := 0, false
		for i, r := range line {
			if isFoldSpace(r) {
				if !inRun {
					b.WriteString(line[start:i])
					b.WriteByte(' ')
					inRun = true
				}
				continue
			}
			if inRun {
				start, inRun = i, false
			}
		}
		b.WriteString(line[start:])
	}
	return b.String()
}

// isFoldSpace reports whether r is a space that fold folds: the ones a
// policy's author types between words, including no-break spaces.
func isFoldSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00A0', '\u2007', '\u202F':
		return true
	}
	return false
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
	loc := trailingKramdownRe.FindIndex(last)
	if loc == nil {
		return false
	}
	open := bytes.LastIndex(last[:loc[1]], []byte("{:"))
	return open == 0 || last[open-1] != '\\'
}
