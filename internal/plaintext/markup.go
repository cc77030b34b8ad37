package plaintext

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Markup is what of a Markdown text the site does not hand Hugo's
// goldmark as it is written: its raw HTML, which the site sanitises, and
// its attribute lists, which it filters.
type Markup struct {
	HTML  []HTML
	Lists []List
	// Less are the offsets of the "<" of its text (not of code, links or
	// raw HTML) that no backslash escapes. Where raw HTML makes way for
	// other text, such a "<" could start a tag with the text after it.
	Less []int
}

// HTML is one piece of raw HTML as goldmark finds it: an HTML block, or an
// inline tag (an element's start and end tags are two pieces).
type HTML struct {
	// Start and End are the piece's bytes in the Markdown, from its first
	// byte to its last, without the newline that ends a block.
	Start, End int
	// Line is the 1-based line on which it starts.
	Line int
	// Block is true for an HTML block.
	Block bool
	// Raw is the HTML, without what Markdown's containers put before its
	// lines ("> " in a quote).
	Raw string
	// Lines are the byte ranges of each line of a block's HTML, without its
	// newline: what to blank to remove the block and keep its lines.
	Lines [][2]int

	node ast.Node
}

// List is an attribute list: "{#id .class key=value}", which Hugo's
// goldmark reads at the end of a heading, and on a line of its own after
// a block when block attributes are on; or Kramdown's "{: #id .class}",
// which goldmark does not read and would show as text.
type List struct {
	// Start and End are the bytes the list takes: for a heading, the lists
	// at its end with the space before them; else the list alone.
	Start, End int
	// Line is the 1-based line it is on.
	Line int
	// Heading is true for lists at the end of a heading.
	Heading bool
	// Attrs are the attributes as goldmark reads them; a Kramdown list
	// that goldmark cannot read (a reference to a definition) has none.
	Attrs []Attr
	// Text is true when the list starts a line with more text after it:
	// not a list to Markdown, but one that Hugo's block attributes would
	// take, dropping the rest of the line. Start is its brace.
	Text bool
}

// Attr is one attribute of a List.
type Attr struct{ Name, Value string }

// FindMarkup returns the raw HTML and the attribute lists of markdown, in
// the order of the text. A list that holds raw HTML is only a list.
func FindMarkup(markdown string) Markup {
	src := []byte(markdown)
	return findMarkup(md.Parser().Parse(text.NewReader(src)), &writer{src: src})
}

// findMarkup is FindMarkup of doc, parsed from w's source.
func findMarkup(doc ast.Node, w *writer) Markup {
	f := &finder{src: w.src, w: w}
	_ = ast.Walk(doc, f.visit)
	var keep []HTML
	for _, h := range f.m.HTML {
		if !f.inList(h.Start) {
			keep = append(keep, h)
		}
	}
	f.m.HTML = keep
	return f.m
}

type finder struct {
	src []byte
	w   *writer // for lines
	m   Markup
}

func (f *finder) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.HTMLBlock:
		f.m.HTML = append(f.m.HTML, f.block(n))
		return ast.WalkSkipChildren, nil
	case *ast.CodeSpan:
		return ast.WalkSkipChildren, nil
	case *ast.Text:
		f.less(n.Segment)
	case *ast.RawHTML:
		f.m.HTML = append(f.m.HTML, f.inline(n))
	case *ast.Heading:
		f.heading(n)
	case *ast.Paragraph, *ast.TextBlock:
		for i := range n.Lines().Len() {
			f.line(n.Lines().At(i).Start)
		}
	case *east.TableRow, *east.TableHeader:
		// A list after a table's rows is one more row to goldmark without
		// block attributes, and the table's attributes with them.
		if c := n.FirstChild(); c != nil && c.Lines().Len() > 0 {
			if start := c.Lines().At(0).Start; !bytes.ContainsRune(f.src[lineStart(f.src, start):start], '|') {
				f.line(start)
			}
		}
	}
	return ast.WalkContinue, nil
}

// less records the unescaped "<" of a text's segment.
func (f *finder) less(seg text.Segment) {
	v := seg.Value(f.src)
	for i := bytes.IndexByte(v, '<'); i >= 0; {
		// Counted in the source: a segment may start after the backslash.
		slashes := 0
		for j := seg.Start + i - 1; j >= 0 && f.src[j] == '\\'; j-- {
			slashes++
		}
		if slashes%2 == 0 {
			f.m.Less = append(f.m.Less, seg.Start+i)
		}
		next := bytes.IndexByte(v[i+1:], '<')
		if next < 0 {
			break
		}
		i += 1 + next
	}
}

// block is an HTML block's piece.
func (f *finder) block(n *ast.HTMLBlock) HTML {
	lines := n.Lines()
	var segs []text.Segment
	for i := range lines.Len() {
		segs = append(segs, lines.At(i))
	}
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	h := HTML{Start: -1, Block: true, Line: f.w.line(n), node: n}
	var raw strings.Builder
	for _, s := range segs {
		v := s.Value(f.src)
		raw.Write(v)
		stop := s.Start + len(bytes.TrimRight(v, "\r\n"))
		if h.Start < 0 {
			h.Start = s.Start
		}
		h.End = stop
		h.Lines = append(h.Lines, [2]int{s.Start, stop})
	}
	if h.Start < 0 {
		h.Start = 0
	}
	h.Raw = strings.TrimRight(raw.String(), "\r\n")
	return h
}

// inline is an inline tag's piece.
func (f *finder) inline(n *ast.RawHTML) HTML {
	h := HTML{Start: -1, node: n}
	var raw strings.Builder
	for i := range n.Segments.Len() {
		s := n.Segments.At(i)
		raw.Write(s.Value(f.src))
		if h.Start < 0 {
			h.Start = s.Start
		}
		h.End = s.Stop
	}
	h.Line = f.w.lineAt(h.Start)
	h.Raw = raw.String()
	return h
}

var (
	// kramdownRe is a Kramdown attribute list alone on a line.
	kramdownRe = regexp.MustCompile(`^\{:([^{}\n]*)\}[ \t]*\r?$`)
	// trailingRe is the attribute lists at the end of a heading's line.
	trailingRe = regexp.MustCompile(`(?:[ \t]*\{[^{}\n]*\})+[ \t]*\r?$`)
	groupRe    = regexp.MustCompile(`\{[^{}\n]*\}`)
)

// line records the list, if any, that starts the line whose text starts
// at off: where Hugo's block attributes would read one.
func (f *finder) line(off int) {
	le := lineEnd(f.src, off)
	// Block parsers read a line after its indentation; four columns make
	// it code, or a paragraph's continuation.
	rest := f.src[off:le]
	trimmed := bytes.TrimLeft(rest, " \t")
	if len(trimmed) == 0 || trimmed[0] != '{' || len(rest)-len(trimmed) > 3 {
		return
	}
	start := off + len(rest) - len(trimmed)
	line := f.w.lineAt(start)
	if m := kramdownRe.FindSubmatch(trimmed); m != nil {
		end := start + bytes.LastIndexByte(trimmed, '}') + 1
		f.m.Lists = append(f.m.Lists, List{Start: start, End: end, Line: line, Attrs: kramdownAttrs(m[1])})
		return
	}
	r := text.NewReader(trimmed)
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return
	}
	_, pos := r.Position()
	if len(bytes.TrimSpace(trimmed[pos.Start:])) > 0 {
		f.m.Lists = append(f.m.Lists, List{Start: start, End: start + 1, Line: line, Text: true})
		return
	}
	f.m.Lists = append(f.m.Lists, List{Start: start, End: start + pos.Start, Line: line, Attrs: convert(attrs)})
}

// heading records the lists at the end of a heading, Kramdown's and
// goldmark's, from the last one back to the first that is no list.
func (f *finder) heading(n *ast.Heading) {
	if n.Lines().Len() == 0 {
		return
	}
	seg := n.Lines().At(n.Lines().Len() - 1)
	ls, le := lineStart(f.src, seg.Start), lineEnd(f.src, seg.Start)
	line := f.src[ls:le]
	loc := trailingRe.FindIndex(line)
	if loc == nil {
		return
	}
	groups := groupRe.FindAllIndex(line[loc[0]:], -1)
	var attrs [][]Attr
	first := len(groups)
	for i := len(groups) - 1; i >= 0; i-- {
		g := line[loc[0]+groups[i][0] : loc[0]+groups[i][1]]
		a, ok := listAttrs(g)
		if !ok {
			break
		}
		attrs = append([][]Attr{a}, attrs...)
		first = i
	}
	if first == len(groups) {
		return
	}
	start := ls + loc[0] + groups[first][0]
	// The space before the first list goes with it.
	for start > ls && (f.src[start-1] == ' ' || f.src[start-1] == '\t') {
		start--
	}
	end := ls + len(bytes.TrimRight(line, " \t\r"))
	var all []Attr
	for _, a := range attrs {
		all = append(all, a...)
	}
	f.m.Lists = append(f.m.Lists, List{Start: start, End: end, Line: f.w.lineAt(start), Heading: true, Attrs: all})
}

// listAttrs reads one list: Kramdown's, or goldmark's if goldmark reads it.
func listAttrs(g []byte) ([]Attr, bool) {
	if m := kramdownRe.FindSubmatch(g); m != nil {
		return kramdownAttrs(m[1]), true
	}
	r := text.NewReader(g)
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return nil, false
	}
	return convert(attrs), true
}

// kramdownAttrs reads the inside of a Kramdown list as goldmark reads
// "{…}"; a list goldmark cannot read (one naming a definition) has none.
func kramdownAttrs(inner []byte) []Attr {
	r := text.NewReader(append(append([]byte("{"), inner...), '}'))
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return nil
	}
	return convert(attrs)
}

// convert gives goldmark's attributes as strings; a value that is no
// string (a number, an array) is kept as goldmark wrote it.
func convert(attrs parser.Attributes) []Attr {
	out := make([]Attr, 0, len(attrs))
	for _, a := range attrs {
		v, _ := a.Value.([]byte)
		out = append(out, Attr{Name: string(a.Name), Value: string(v)})
	}
	return out
}

// inList reports whether off falls inside a list.
func (f *finder) inList(off int) bool {
	for _, l := range f.m.Lists {
		if l.Start <= off && off < l.End && !l.Text {
			return true
		}
	}
	return false
}

// lineStart and lineEnd are the bounds of the line holding off, without
// its newline.
func lineStart(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

func lineEnd(src []byte, off int) int {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	return off + i
}
