package source

import (
	"iter"
	"strings"
)

// heading is a heading at the top level of a Markdown body.
type heading struct {
	level int
	// text is its Markdown: an ATX heading's line without its #s, or the
	// lines of a setext heading's text joined by spaces.
	text string
	// line is the 1-based line of the body on which it starts.
	line int
	// first tells that nothing but blank lines comes before it.
	first bool
	// end is the offset in the body after its last line (a setext
	// heading's underline) and the blank lines after it.
	end int
}

// headings yields the ATX (`# Title`) and setext (`Title` over `===` or
// `---`) headings of body in order, as Markdown reads them: not in fenced
// or indented code, nor in HTML blocks, block quotes or list items, whose
// headings are parts of them rather than of the document. Lines end with
// LF, CRLF or CR, so that it reads a source as it is as well as a body the
// parser has normalised. It takes time linear in what it reads.
func headings(body string) iter.Seq[heading] {
	return func(yield func(heading) bool) {
		var sc headingScanner
		for n, start := 1, 0; start < len(body); n++ {
			line, next := nextLine(body, start)
			if h, ok := sc.scan(line, n); ok {
				h.end = skipBlank(body, next)
				if !yield(h) {
					return
				}
			}
			start = next
		}
	}
}

// nextLine returns the line of s that starts at start, without its end,
// and the offset of the line after it.
func nextLine(s string, start int) (line string, next int) {
	i := strings.IndexAny(s[start:], "\r\n")
	if i < 0 {
		return s[start:], len(s)
	}
	next = start + i + 1
	if s[start+i] == '\r' && next < len(s) && s[next] == '\n' {
		next++
	}
	return s[start : start+i], next
}

// skipBlank returns the offset of the first line of s from off on that is
// not blank, or len(s).
func skipBlank(s string, off int) int {
	for off < len(s) {
		line, next := nextLine(s, off)
		if !isBlank(line) {
			break
		}
		off = next
	}
	return off
}

func isBlank(s string) bool { return strings.Trim(s, " \t") == "" }

// headingScanner follows, line by line, the blocks of a Markdown text as
// far as finding its top-level headings needs. It follows CommonMark's
// rules where converters' output depends on them (fences, setext
// underlines, lists that end at an unindented paragraph) and approximates
// the rest: a list item's or block quote's lines are those indented, lazy
// or marked after it, up to an unindented line after a blank one.
type headingScanner struct {
	fence     byte // '`' or '~' in fenced code, else 0
	fenceLen  int
	htmlEnd   string // what ends the HTML block it is in: "" none, "\n" a blank line
	container bool   // in a block quote or a list
	blank     bool   // the previous line is blank
	table     bool   // in a table's rows
	seen      bool   // a block came before this line
	para      []string
	paraLine  int
	paraFirst bool
}

// scan reads line n, and returns the heading that it ends, if any.
func (sc *headingScanner) scan(raw string, n int) (heading, bool) {
	if sc.fence != 0 {
		if closesFence(raw, sc.fence, sc.fenceLen) {
			sc.fence = 0
		}
		return heading{}, false
	}
	blank, wasBlank := isBlank(raw), sc.blank
	sc.blank = blank
	if sc.htmlEnd != "" {
		if sc.htmlEnd == "\n" && blank || sc.htmlEnd != "\n" && strings.Contains(raw, sc.htmlEnd) {
			sc.htmlEnd = ""
		}
		return heading{}, false
	}
	if blank {
		sc.para, sc.table = nil, false
		return heading{}, false
	}
	s := strings.TrimLeft(raw, " \t")
	indent := columns(raw[:len(raw)-len(s)])
	if sc.container {
		interrupts := indent < 4 && (atxHeading(s) || opensFence(s) || thematicBreak(s))
		if indent >= 2 || s[0] == '>' || listMarker(s) > 0 || !wasBlank && !interrupts {
			return heading{}, false
		}
		sc.container = false
	}
	if indent >= 4 { // a paragraph's next line, or indented code
		if sc.para != nil {
			sc.para = append(sc.para, s)
		}
		sc.seen = true
		return heading{}, false
	}
	return sc.block(s, n)
}

// block reads line n, s without its indentation of at most 3 columns, at
// the top level.
func (sc *headingScanner) block(s string, n int) (heading, bool) {
	switch {
	case opensFence(s):
		sc.fence, sc.fenceLen = s[0], runOf(s, s[0])
	case atxHeading(s):
		h := heading{level: runOf(s, '#'), text: atxText(s), line: n, first: !sc.seen}
		sc.endBlock()
		return h, true
	case sc.para != nil && setextLevel(s) > 0:
		h := heading{level: setextLevel(s), text: strings.Join(sc.para, " "), line: sc.paraLine, first: sc.paraFirst}
		sc.endBlock()
		return h, true
	case thematicBreak(s):
	case s[0] == '>':
		sc.container = true
	case listMarker(s) > 0 && (sc.para == nil || newBlock(s)):
		// An ordered list can interrupt a paragraph only from 1, and no
		// list with an empty item: else the line goes on the paragraph.
		sc.container = true
	case sc.para == nil && htmlStart(s):
		sc.htmlEnd = htmlBlockEnd(s)
	case sc.table:
		return heading{}, false // a row
	case len(sc.para) == 1 && delimiterRow(s):
		sc.para, sc.table = nil, true
		return heading{}, false
	default:
		if sc.para == nil {
			sc.paraLine, sc.paraFirst, sc.seen = n, !sc.seen, true
		}
		sc.para = append(sc.para, strings.TrimRight(s, " \t"))
		return heading{}, false
	}
	sc.endBlock()
	return heading{}, false
}

func (sc *headingScanner) endBlock() {
	sc.para, sc.table, sc.seen = nil, false, true
}

// columns is the width of white space, a tab reaching the next multiple
// of 4.
func columns(ws string) int {
	n := 0
	for _, c := range ws {
		if c == '\t' {
			n += 4 - n%4
		} else {
			n++
		}
	}
	return n
}

// atxText returns the text of ATX heading s: after its opening #s, and
// before a closing run of them that follows a space or is all there is.
func atxText(s string) string {
	t := strings.Trim(s[runOf(s, '#'):], " \t")
	k := len(t) - len(strings.TrimRight(t, "#"))
	if k == len(t) || k > 0 && (t[len(t)-k-1] == ' ' || t[len(t)-k-1] == '\t') {
		t = strings.TrimRight(t[:len(t)-k], " \t")
	}
	return t
}

// setextLevel returns 1 for a line of `=`, 2 for one of `-`, else 0.
func setextLevel(s string) int {
	s = strings.TrimRight(s, " \t")
	switch {
	case s == "":
		return 0
	case strings.Trim(s, "=") == "":
		return 1
	case strings.Trim(s, "-") == "":
		return 2
	}
	return 0
}

// thematicBreak reports whether s is 3 or more of one of `-`, `*`, `_`,
// with white space between them.
func thematicBreak(s string) bool {
	if s == "" || strings.IndexByte("-*_", s[0]) < 0 {
		return false
	}
	return runOf(strings.NewReplacer(" ", "", "\t", "").Replace(s), s[0]) >= 3 &&
		strings.Trim(s, " \t"+s[:1]) == ""
}

// htmlStart reports whether s may open an HTML block: a tag, a closing
// tag, a comment, a declaration or a processing instruction.
func htmlStart(s string) bool {
	if len(s) < 2 || s[0] != '<' {
		return false
	}
	c := s[1]
	return c == '/' || c == '!' || c == '?' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// delimiterRow reports whether s is the row under a table's header: cells
// of `-` with `:` for alignment, between pipes. Without a pipe, a line of
// `-` under text is a setext underline.
func delimiterRow(s string) bool {
	return strings.Contains(s, "|") && strings.Contains(s, "-") && strings.Trim(s, "|:- \t") == ""
}
