package clause

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// source is a body cut into lines, with the offset of each and whether it
// lies in fenced code.
type source struct {
	lines  []string // without line ends
	offs   []int
	fenced []bool
}

var fenceRe = regexp.MustCompile("^ {0,3}(```+|~~~+)")

func newSource(body string) *source {
	s := &source{}
	fence := ""
	off := 0
	for raw := range strings.Lines(body) {
		line := strings.TrimRight(raw, "\r\n")
		in := fence != ""
		switch {
		case in && strings.HasPrefix(strings.TrimLeft(line, " "), fence):
			fence = ""
		case !in:
			if m := fenceRe.FindStringSubmatch(line); m != nil {
				fence, in = m[1], true
			}
		}
		s.lines = append(s.lines, line)
		s.offs = append(s.offs, off)
		s.fenced = append(s.fenced, in)
		off += len(raw)
	}
	return s
}

// edit is one place for a clause's anchor: what is inserted, and where.
type edit struct {
	ins [2]insert // the second is empty for a heading's attribute
	// risky marks a place where the Markdown around may read the
	// insertion otherwise than as an anchor (code, raw HTML, a list item
	// turned into a paragraph): settle checks those.
	risky bool
}

type insert struct {
	at   int
	text string
}

func link(off, start, end int, anchor string, risky bool) edit {
	return edit{ins: [2]insert{{off + start, "["}, {off + end, `](#` + anchor + ` "` + LinkTitle + `")`}}, risky: risky}
}

// placements returns the places for the anchor of the clause whose block
// starts on the 1-based line, best first, and whether it is a heading.
// marker is its number as the plain text writes it ("3.", "1.1"), and
// listNum the number of a clause written "3.", whose number may be its
// ordered list item's marker rather than text.
//
//   - An ATX heading takes an `{#id}` attribute, as it always has, unless
//     it has attributes of its own ("{#intro}", "{: #intro}") or a
//     closing sequence of hashes.
//   - A number written in the text, after any heading marks, emphasis and
//     empty anchor links ("**1\.", "[](#x)1.1"), becomes the link.
//   - A list item whose marker is the number ("2. Fees") and that stands
//     alone between blank lines becomes a paragraph whose number is the
//     link, as "2.1. …" paragraphs are: its text is the same, and settle
//     keeps it only where the Markdown reads the same blocks after it.
//   - Otherwise the first word of the text is the link (a list stays a
//     list), or, on a line with none, the first word after it.
func (s *source) placements(line int, marker string, listNum int, anchor string) ([]edit, bool) {
	li := line - 1
	if li < 0 || li >= len(s.lines) || s.fenced[li] {
		return nil, false
	}
	l, off := s.lines[li], s.offs[li]
	lay := readLayout(l)
	pos := skipInline(l, lay.content)
	end := matchMarker(l, pos, marker)
	heading := lay.atx || !lay.container && s.setext(li) || boldLine(l, lay.content)
	// Indented four columns, the line may be code; starting with a tag,
	// raw HTML that the site does not render.
	// Invalid UTF-8 can keep a heading's attribute from being read as one.
	risky := lay.indent >= 4 || lay.code || strings.HasPrefix(l[lay.content:], "<") || !utf8.ValidString(l)
	fromMarker := end < 0 && lay.ordNum > 0 && lay.ordNum == listNum
	alone := lay.indent < 4 && s.alone(li)
	var opts []edit
	if lay.atx && !attrRe.MatchString(l) && !closingRe.MatchString(l) {
		opts = append(opts, edit{ins: [2]insert{{off + len(l), " {#" + anchor + "}"}}, risky: risky})
	}
	switch {
	case end >= 0:
		opts = append(opts, link(off, pos, end, anchor, risky))
	case fromMarker && !lay.atx && alone:
		opts = append(opts, link(off, lay.ordStart, lay.ordEnd, anchor, true))
		fallthrough
	default:
		if ws, we, ok := firstWord(l, lay.content); ok {
			opts = append(opts, link(off, ws, we, anchor, true))
		} else if e, ok := s.wordAfter(li, anchor); ok {
			opts = append(opts, e)
		}
	}
	return opts, heading
}

// wordAfter is the last resort for a clause whose line has no word that
// can take a link ("[2\. The Service](#2-the-service)", a heading made a
// link): the first word of the text that follows, in the clause, within
// a few lines.
func (s *source) wordAfter(li int, anchor string) (edit, bool) {
	for k, seen := li+1, 0; k < len(s.lines) && seen < 3 && !s.fenced[k]; k++ {
		if strings.TrimSpace(s.lines[k]) == "" {
			continue
		}
		seen++
		lay := readLayout(s.lines[k])
		if ws, we, ok := firstWord(s.lines[k], lay.content); ok {
			return link(s.offs[k], ws, we, anchor, true), true
		}
	}
	return edit{}, false
}

var (
	// attrRe is a heading's own attribute list, Kramdown's too.
	attrRe = regexp.MustCompile(`\{[^}]*\}\s*$`)
	// closingRe is an ATX heading's closing sequence: "## 3. Data ##".
	closingRe = regexp.MustCompile(`[ \t]#+[ \t]*$`)
	// setextRe underlines a setext heading.
	setextRe = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
)

// alone reports whether line li stands alone between blank lines (or the
// ends of the body), so that a list item on it can become a paragraph
// without taking the lines around it along.
func (s *source) alone(li int) bool {
	blank := func(k int) bool { return k < 0 || k >= len(s.lines) || strings.TrimSpace(s.lines[k]) == "" }
	return blank(li-1) && blank(li+1)
}

// setext reports whether the paragraph that starts on line li is a setext
// heading: a line of = or - ends it.
func (s *source) setext(li int) bool {
	for k := li + 1; k < len(s.lines) && strings.TrimSpace(s.lines[k]) != ""; k++ {
		if setextRe.MatchString(s.lines[k]) {
			return true
		}
	}
	return false
}

// layout is how a line of Markdown starts: the containers (block quotes,
// list items) and heading marks before its text.
type layout struct {
	indent    int  // columns of white space the line starts with
	container bool // the line opens a list item or is in a block quote
	// code is true when a container's marker is followed by five spaces
	// or more: its text is then indented code.
	code bool
	atx  bool // an ATX heading
	// ordStart and ordEnd are the bytes of the last ordered list marker
	// ("3." without its space), ordNum its number; 0 when none.
	ordStart, ordEnd, ordNum int
	content                  int // where the text starts
}

func readLayout(l string) layout {
	var lay layout
	i := 0
	for ; i < len(l) && (l[i] == ' ' || l[i] == '\t'); i++ {
		lay.indent++
		if l[i] == '\t' {
			lay.indent += 3
		}
	}
	for {
		j := skipSpaces(l, i)
		// Five columns after a container's marker make the rest code; a
		// tab reaches the next multiple of four.
		lay.code = lay.code || lay.container && column(l, j)-column(l, i) >= 5
		i = j
		if i < len(l) && l[i] == '>' {
			lay.container = true
			i++
			continue
		}
		if i < len(l) && strings.IndexByte("-*+", l[i]) >= 0 && spaceAt(l, i+1) {
			lay.container = true
			i++
			continue
		}
		j = i
		for j < len(l) && j-i < 10 && '0' <= l[j] && l[j] <= '9' {
			j++
		}
		if j > i && j-i <= 9 && j < len(l) && (l[j] == '.' || l[j] == ')') && spaceAt(l, j+1) {
			lay.container = true
			lay.ordStart, lay.ordEnd, lay.ordNum = i, j+1, atoi(l[i:j])
			i = j + 1
			continue
		}
		break
	}
	i = skipSpaces(l, i)
	h := i
	for h < len(l) && l[h] == '#' {
		h++
	}
	if n := h - i; n >= 1 && n <= 6 && spaceAt(l, h) {
		lay.atx = true
		i = skipSpaces(l, h)
	}
	lay.content = i
	return lay
}

// spaceAt reports whether l has a space or tab at i, or ends there.
func spaceAt(l string, i int) bool {
	return i >= len(l) || l[i] == ' ' || l[i] == '\t'
}

func skipSpaces(l string, i int) int {
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i
}

// column is the column at which byte i of l starts, tabs expanded to the
// next multiple of four, as CommonMark counts them.
func column(l string, i int) int {
	c := 0
	for k := 0; k < i && k < len(l); k++ {
		if l[k] == '\t' {
			c += 4 - c%4
			continue
		}
		c++
	}
	return c
}

func atoi(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

// emptyLinkRe is an empty anchor link, which converters put before a
// heading's number: "[](#1-introduction)1\. Introduction".
var emptyLinkRe = regexp.MustCompile(`^\[\]\([^)\s]*\)`)

// skipInline skips, from i, what may stand before a number without being
// text: emphasis marks, empty anchor links and spaces.
func skipInline(l string, i int) int {
	for i < len(l) {
		switch {
		case l[i] == '*' || l[i] == '_' || l[i] == ' ' || l[i] == '\t':
			i++
		case emptyLinkRe.MatchString(l[i:]):
			i += len(emptyLinkRe.FindString(l[i:]))
		default:
			return i
		}
	}
	return i
}

// matchMarker returns the end of marker at l[i:] as Markdown may write it,
// a backslash before its dots and brackets ("1\.1\."), or -1.
func matchMarker(l string, i int, marker string) int {
	for k := 0; k < len(marker); k++ {
		c := marker[k]
		if (c == '.' || c == ')') && i+1 < len(l) && l[i] == '\\' && l[i+1] == c {
			i++
		}
		if i >= len(l) || l[i] != c {
			return -1
		}
		i++
	}
	return i
}

// boldLine reports whether the text of a line is set in bold or
// underlined as a whole: a heading in all but name.
func boldLine(l string, i int) bool {
	t := strings.TrimSpace(l[i:])
	for emptyLinkRe.MatchString(t) {
		t = t[len(emptyLinkRe.FindString(t)):]
	}
	return len(t) > 4 && (strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") ||
		strings.HasPrefix(t, "__") && strings.HasSuffix(t, "__"))
}

// firstWord finds, from l[i:], the first run of letters and digits that is
// plain text: not in a link, an image, code, a tag, an entity or an escape,
// where a link around it would not hold.
func firstWord(l string, i int) (start, end int, ok bool) {
	for i < len(l) {
		switch c := l[i]; c {
		case '\\':
			_, n := utf8.DecodeRuneInString(l[min(i+1, len(l)):])
			i += 1 + n
		case '`':
			i = skipCode(l, i)
		case '[', '!':
			i = skipLink(l, i)
		case '<':
			if k := strings.IndexByte(l[i:], '>'); k > 0 {
				i += k + 1
			} else {
				i++
			}
		case '&':
			if k := strings.IndexByte(l[i:], ';'); k > 0 && k < 10 {
				i += k + 1
			} else {
				i++
			}
		default:
			r, n := utf8.DecodeRuneInString(l[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += n
				continue
			}
			end = i
			for end < len(l) {
				r, n := utf8.DecodeRuneInString(l[end:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
					break
				}
				end += n
			}
			return i, end, true
		}
	}
	return 0, 0, false
}

// skipCode skips a code span, or its opening backticks alone when it does
// not close on the line.
func skipCode(l string, i int) int {
	j := i
	for j < len(l) && l[j] == '`' {
		j++
	}
	tick := l[i:j]
	if k := strings.Index(l[j:], tick); k >= 0 {
		return j + k + len(tick)
	}
	return j
}

// skipLink skips "[text](dest)", "![alt](src)", "[text][ref]" or a
// bracketed text: a link inside a link does not hold.
func skipLink(l string, i int) int {
	if l[i] == '!' {
		if i+1 >= len(l) || l[i+1] != '[' {
			return i + 1
		}
		i++
	}
	j := closing(l, i, '[', ']')
	if j < 0 {
		return i + 1
	}
	if j+1 < len(l) && (l[j+1] == '(' || l[j+1] == '[') {
		open, shut := l[j+1], byte(')')
		if open == '[' {
			shut = ']'
		}
		if k := closing(l, j+1, open, shut); k >= 0 {
			return k + 1
		}
	}
	return j + 1
}

// maxLink bounds the length of a link that firstWord skips.
const maxLink = 2048

// closing returns the index of the bracket that closes the one at l[i],
// or -1. It looks no further than a link's text and address can be in a
// policy, so that a line of brackets that never close costs linear time.
func closing(l string, i int, open, shut byte) int {
	depth := 0
	for j := i; j < len(l) && j-i < maxLink; j++ {
		switch l[j] {
		case '\\':
			j++
		case open:
			depth++
		case shut:
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}
