package source

import (
	"strings"

	"policysite/internal/policy"
)

// MaxNesting caps how many block quotes and list items may enclose a line
// of an edition, and how deeply brackets may nest in a paragraph. goldmark,
// Hugo's Markdown renderer, with Hugo's block quote hook, takes time that
// grows with the square of the depth: 10,000 `>` on one line took 1.4 s,
// 100,000 took 90 s, and a file of MaxFileSize would take hours. Real
// policies nest 3 to 5 levels (sub-clauses in a numbered section, a quoted
// clause; the real editions of the corpus reach 4 as counted here); 32
// leaves room, while a file of MaxFileSize nested 32 deep on every line
// costs goldmark about a second, and Hugo no more a block than depth 1 does.
const MaxNesting = 32

// What else goldmark takes more than linear time on, and the caps that keep
// it linear; the real editions of the corpus stay far below them (8 openers
// in a paragraph, 2 marks in a word). The times are goldmark's, on 4 MiB of
// text that stays just under each cap, against 0.3 s for plain text.
const (
	// maxOpeners caps the brackets and inline HTML openers (`[`, `<!`,
	// `<?`) in a paragraph: for each, goldmark may scan ahead to the end of
	// the paragraph, or back over its lines (a link label), so 32,000 `[a](`
	// on one line took 4 s. Under the cap, 2 to 3 s.
	maxOpeners = 128
	// maxComments caps the inline HTML openers (`<!--`, `<?`, `<!X`) not yet
	// followed by `-->` in a paragraph: goldmark scans to the paragraph's end
	// for the end of each; 256 took 43 s, 8 take 2 s.
	maxComments = 8
	// maxWordMarks caps the emphasis, code and typographic marks (`*`, `_`,
	// `~`, backquote, `'`, `--`, `...`) followed by a letter or digit in a
	// word of the characters an e-mail address may hold: after each, the
	// linkify extension scans the rest of the word for an address, so 32,000
	// `_a` took 2.4 s. Under the cap, 1.3 s.
	maxWordMarks = 32
)

// The measures, indexes of a counts.
const (
	mDepth    = iota // block quotes and list items around a line
	mBrackets        // brackets open at once in a paragraph
	mOpeners         // see maxOpeners
	mComments        // see maxComments
	mMarks           // see maxWordMarks
	nMeasures
)

type counts [nMeasures]int

var nestingLimits = counts{MaxNesting, MaxNesting, maxOpeners, maxComments, maxWordMarks}

const slower = ": Hugo's Markdown renderer takes time that grows with the square of "

var nestingMessages = [nMeasures]string{
	"nesting %d levels deep (block quotes or lists), over the limit of %d" + slower + "the depth; flatten the quotes and lists",
	"brackets nested %d deep, over the limit of %d" + slower + "the depth; close them, or write \\[ for a bracket that opens no link",
	"%d brackets or inline HTML openers (`[`, `<!`, `<?`) in one paragraph, over the limit of %d" + slower + "their number; split the paragraph with blank lines",
	"%d inline HTML comments (`<!--`, `<?`) left open in one paragraph, over the limit of %d" + slower + "their number; close them with `-->`",
	"a word with %d emphasis or typographic marks (`*`, `_`, `~`, backquotes, `'`, `--`, `...`), over the limit of %d" + slower + "the word's length; put spaces between them",
}

// CheckNesting returns an error naming file and the file's line at the first
// line of body that nests block quotes and lists deeper than MaxNesting, or
// that holds more inline constructs than goldmark, Hugo's Markdown renderer,
// handles in linear time. body is Markdown with LF line ends; firstLine is
// the line of the file on which it starts. It takes time linear in body, so
// that it refuses in milliseconds a file that Hugo would spend hours on.
func CheckNesting(file string, firstLine int, body string) *policy.SourceError {
	r := measureNesting(body, nestingLimits)
	if r.over < 0 {
		return nil
	}
	return policy.Errorf(file, firstLine+r.line-1, nestingMessages[r.over], r.max[r.over], nestingLimits[r.over])
}

// nestingResult is what measureNesting saw: the largest counts up to the
// line it stopped at, which is the first to go over a limit, if any.
type nestingResult struct {
	over int // the measure over its limit, or -1
	line int // 1-based; the last line when none went over
	max  counts
}

// measureNesting scans text line by line and stops at the first line that
// goes over one of lim. It takes time linear in text.
func measureNesting(text string, lim counts) nestingResult {
	var sc nestingScanner
	res := nestingResult{over: -1}
	for start, n := 0, 1; start < len(text); n++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text) - start
		}
		c := sc.scanLine(strings.TrimSuffix(text[start:start+end], "\r"))
		start += end + 1
		res.line = n
		for k, v := range c {
			res.max[k] = max(res.max[k], v)
			if v > lim[k] && res.over < 0 {
				res.over = k
			}
		}
		if res.over >= 0 {
			return res
		}
	}
	return res
}

// nestingScanner bounds from above, line by line, the block quotes and list
// items that goldmark has open, without following its column rules, which
// differ from CommonMark's with tabs (`* \t>` opens two containers there):
// each container a line continues takes a `>` or, for a list item, at least
// 2 columns of white space (a tab counting 4); each it opens takes a marker;
// a lazy line, which continues a paragraph, keeps them all. It follows the
// fenced code at the top level, where nothing can be open, the HTML blocks
// that would hide a fence, and the paragraphs and tables in which inline
// openers add up, counting anew only where goldmark surely starts a block.
type nestingScanner struct {
	depth     int  // bound after the previous line
	text      bool // the previous line may be a paragraph's
	fenceChar byte // '`' or '~' inside top-level fenced code, else 0
	fenceLen  int
	fenceLost bool   // fenced code may be open that it did not see: it sees none more
	htmlEnd   string // what ends an HTML block: "" none, "\n" a blank line
	para      inline // the paragraph's counts
	header    string // the previous line, when it may be a table's header
	table     bool   // the paragraph is a table: each row is parsed alone
	noTable   bool   // a delimiter row failed: goldmark looks for no table further
}

// scanLine reads one line and returns its counts.
func (sc *nestingScanner) scanLine(s string) counts {
	var c counts
	if sc.fenceChar != 0 {
		if closesFence(s, sc.fenceChar, sc.fenceLen) {
			sc.fenceChar = 0
		}
		return c
	}
	p := scanPrefix(s)
	rest := s[p.end:]
	depth := min(sc.depth+p.quotes+p.items, p.quotes+p.cap)
	switch {
	case rest == "":
		depth = sc.depth + p.quotes + p.items // list items go on over blank lines
	case sc.text:
		depth = max(sc.depth, depth) // a lazy line goes on in them all
	}
	// A line of nothing but white space and `>` ends any paragraph.
	ends := rest == "" && p.items == 0
	sc.depth, sc.text, c[mDepth] = depth, !ends, depth
	top := depth == 0 && p.end <= 3 && !strings.ContainsRune(s[:p.end], '\t')
	switch {
	case sc.htmlEnd == "\n" && strings.Trim(s, " \t") == "", sc.htmlEnd != "" && sc.htmlEnd != "\n" && strings.Contains(s, sc.htmlEnd):
		sc.htmlEnd = "" // the HTML block ends with this line
	case sc.htmlEnd == "" && strings.HasPrefix(rest, "<"):
		// At any depth, as the block may outlast what the bound tells.
		sc.htmlEnd = htmlBlockEnd(rest)
	}
	if opensFence(rest) {
		if top && sc.htmlEnd == "" && !sc.fenceLost {
			sc.fenceChar, sc.fenceLen = rest[0], runOf(rest, rest[0])
			sc.resetParagraph()
			return c
		}
		// goldmark may open fenced code here, whose closing line would read
		// as an opening one from now on.
		sc.fenceLost = true
	}
	if ends || newBlock(s) {
		sc.resetParagraph()
	}
	if rest == "" {
		return c
	}
	if p.end == 0 && atxHeading(s) {
		var h inline // a heading's text is parsed alone
		c[mMarks] = h.add(s, &c)
		sc.resetParagraph()
		return c
	}
	sc.paragraph(s, depth == 0 && p.end == 0, &c)
	return c
}

func (sc *nestingScanner) resetParagraph() {
	sc.para, sc.header, sc.table, sc.noTable = inline{}, "", false, false
}

// paragraph adds a line of text to its paragraph's counts, or counts it
// alone as a table's row. plain tells that the line is at the top level
// with nothing before its text, where tables are recognised.
func (sc *nestingScanner) paragraph(s string, plain bool, c *counts) {
	header := sc.header
	sc.header = ""
	if sc.table && plain && s[0] == '|' {
		var row inline
		c[mMarks] = row.add(s, c)
		return
	}
	sc.table = false
	if cols := tableColumns(strings.TrimLeft(s, " \t")); cols > 0 && !sc.noTable {
		if plain && header != "" && !strings.ContainsRune(s, '\t') && cols == headerCells(header) {
			sc.table, sc.para = true, inline{}
			return
		}
		sc.noTable = true // goldmark stops at the first delimiter row
	}
	// Not a line that may be a block of its own, or a link reference
	// definition, which goldmark takes out of the paragraph first.
	if plain && !strings.ContainsAny(s[:1], "-*_=#>`~<[") && !strings.ContainsRune(s, '\t') {
		sc.header = s
	}
	c[mMarks] = sc.para.add(s, c)
}

// newBlock reports whether a line surely starts a new block, ending any
// paragraph: a heading, a thematic break or setext underline, a bulleted
// list item or an ordered one numbered 1, with nothing but `>` and fewer
// than 4 spaces before it, which a paragraph cannot take as its text.
func newBlock(s string) bool {
	i := 0
	for i < len(s) && (s[i] == '>' || s[i] == ' ') && (s[i] == '>' || !strings.HasPrefix(s[i:], "    ")) {
		i++
	}
	s = s[i:]
	switch {
	case s == "", s[0] == '\t':
		return false
	case atxHeading(s), strings.IndexByte("-*_=`~", s[0]) >= 0 && runOf(s, s[0]) >= 3 && strings.Trim(s, " \t"+s[:1]) == "":
		return true
	}
	n := listMarker(s)
	return n > 0 && (n == 1 || strings.TrimLeft(s[:n-1], "0") == "1") && strings.Trim(s[n:], " \t") != ""
}

// prefix is what a line's leading run of white space and container markers
// (`>`, `-`, `+`, `*`, `1.`, `1)`) can hold.
type prefix struct {
	end    int // where the text after the run starts
	quotes int // `>`
	items  int // list markers
	cap    int // most list items the run may continue and open at once
}

// scanPrefix reads a line's leading run of white space and markers. The
// containers that the line continues come first: block quotes, each taking
// a `>`, and list items, each taking at least 2 columns of white space; then
// come those it opens, each taking a marker.
func scanPrefix(s string) prefix {
	var p prefix
	var tb breaks
	ws := 0 // columns of white space before the first list marker
	for p.end < len(s) {
		switch b := s[p.end]; {
		case b == ' ' || b == '\t':
			w := 1 + 3*strings.IndexByte(" \t", b)
			if p.end > 0 && s[p.end-1] == '>' {
				w-- // the space that the `>` takes
			}
			ws += w * (1 - min(p.items, 1))
		case b == '>':
			p.quotes++
		default:
			n := listMarker(s[p.end:])
			if n == 0 || n == 1 && tb.at(s, p.end) {
				p.cap = p.items + ws/2
				return p
			}
			p.items++
			p.end += n
			continue
		}
		p.end++
	}
	p.cap = p.items + ws/2
	return p
}

// listMarker returns the length of the list marker that s starts with, or
// 0: a bullet or a number of up to 9 digits and `.` or `)`, followed by
// white space or the end of the line.
func listMarker(s string) int {
	n := 1
	if b := s[0]; b != '-' && b != '+' && b != '*' {
		n = 0
		for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n > 9 || n >= len(s) || s[n] != '.' && s[n] != ')' {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// breaks tells in constant time, after reading the line once, whether a
// thematic break (`* * *`), which takes precedence over a list item, starts
// at a byte of a line, as scanPrefix asks at every marker. For "-*_"[k],
// from[k] follows the last byte that is neither it nor white space, and
// to[k] is its own third last.
type breaks struct {
	done     bool
	from, to [3]int
}

func (tb *breaks) at(s string, i int) bool {
	k := strings.IndexByte("-*_", s[i])
	if k < 0 {
		return false
	}
	if !tb.done {
		tb.done, tb.to = true, [3]int{-1, -1, -1}
		var seen [3]int
		for j := len(s) - 1; j >= 0; j-- {
			for m := range tb.from {
				if s[j] == "-*_"[m] {
					if seen[m]++; seen[m] == 3 {
						tb.to[m] = j
					}
				} else if s[j] != ' ' && s[j] != '\t' && tb.from[m] == 0 {
					tb.from[m] = j + 1
				}
			}
		}
	}
	return tb.from[k] <= i && i <= tb.to[k]
}

// atxHeading reports whether s is an ATX heading with no indentation.
func atxHeading(s string) bool {
	n := runOf(s, '#')
	return n >= 1 && n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t')
}

// runOf returns how many times s starts with b.
func runOf(s string, b byte) int {
	n := 0
	for n < len(s) && s[n] == b {
		n++
	}
	return n
}

// opensFence reports whether s, unindented, opens fenced code.
func opensFence(s string) bool {
	if s == "" || s[0] != '`' && s[0] != '~' {
		return false
	}
	n := runOf(s, s[0])
	return n >= 3 && (s[0] == '~' || !strings.Contains(s[n:], "`"))
}

// closesFence reports whether line closes fenced code opened with n times b.
func closesFence(line string, b byte, n int) bool {
	s := strings.TrimLeft(line, " ")
	if len(line)-len(s) > 3 {
		return false
	}
	m := runOf(s, b)
	return m >= n && strings.Trim(s[m:], " \t") == ""
}

// htmlBlockEnd returns what ends the HTML block that s, a line starting
// with `<`, may start: the marker of a kind that runs over blank lines, ""
// when it follows on the line, or "\n" for a blank line. Where it errs, the
// end comes late, which only keeps fenced code from being recognised.
func htmlBlockEnd(s string) string {
	low := strings.ToLower(s[:min(len(s), 10)])
	end, from := "\n", 0
	switch {
	case strings.HasPrefix(low, "<!--"):
		end, from = "-->", 4
	case strings.HasPrefix(low, "<?"):
		end, from = "?>", 2
	case strings.HasPrefix(low, "<![cdata["):
		end, from = "]]>", 9
	case strings.HasPrefix(low, "<!"):
		end, from = ">", 2
	default:
		for _, tag := range []string{"script", "pre", "style", "textarea"} {
			if strings.HasPrefix(low[1:], tag) {
				end, from = "</"+tag+">", 1
			}
		}
	}
	if end != "\n" && strings.Contains(s[from:], end) {
		return ""
	}
	return end
}

// inline holds what makes goldmark slow in a paragraph's text so far.
type inline struct{ openers, brackets, comments int }

// add reads a line of text into in, raising c's inline counts to what in
// reaches, and returns the most marks in one of its words. It reads code
// spans as text, which can only count more.
func (in *inline) add(s string, c *counts) (marks int) {
	word := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b == '\\' && i+1 < len(s) && s[i+1] > ' ' && s[i+1] < 0x7f && !isASCIIAlnum(s[i+1]):
			i++ // an escaped byte opens nothing, and `\` ends a word
			word = 0
			continue
		case b == '[':
			in.openers++
			in.brackets++
			c[mBrackets] = max(c[mBrackets], in.brackets)
		case b == ']' && in.brackets > 0:
			in.brackets--
		case b == '<' && i+1 < len(s) && (s[i+1] == '!' || s[i+1] == '?'):
			in.openers++
			in.comments++
		case b == '-' && strings.HasPrefix(s[i:], "-->"):
			in.comments = 0
		}
		if !isEmailByte(b) {
			word = 0
			continue
		}
		mark := strings.IndexByte("*_~`'", b) >= 0 ||
			b == '-' && i > 0 && s[i-1] == '-' ||
			b == '.' && i > 1 && s[i-1] == '.' && s[i-2] == '.'
		if mark && i+1 < len(s) && isASCIIAlnum(s[i+1]) {
			word++
			marks = max(marks, word)
		}
	}
	c[mOpeners] = max(c[mOpeners], in.openers)
	c[mComments] = max(c[mComments], in.comments)
	return marks
}

// isEmailByte reports whether b may be in the local part of an e-mail
// address, as goldmark's linkify extension scans it.
func isEmailByte(b byte) bool {
	return isASCIIAlnum(b) || strings.IndexByte("!#$%&'*+-./=?^_`{|}~", b) >= 0
}

func isASCIIAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// tableColumns returns the columns of a table's delimiter row (`|---|:-:|`),
// or 0 when s is not one, as goldmark's table extension reads it.
func tableColumns(s string) int {
	if strings.Trim(s, " \t-|:") != "" || strings.Trim(s, "-") == "" {
		return 0
	}
	cols := strings.Split(s, "|")
	if strings.Trim(cols[0], " \t") == "" {
		cols = cols[1:]
	}
	if len(cols) > 0 && strings.Trim(cols[len(cols)-1], " \t") == "" {
		cols = cols[:len(cols)-1]
	}
	for _, col := range cols {
		col = strings.TrimSuffix(strings.TrimPrefix(strings.Trim(col, " \t"), ":"), ":")
		if col == "" || strings.Trim(col, "-") != "" {
			return 0
		}
	}
	return len(cols)
}

// headerCells returns the cells of s read as a table's header row, as
// goldmark's table extension splits it: at each `|` that no `\` precedes.
func headerCells(s string) int {
	s = strings.Trim(s, " \t")
	pos, limit := 0, len(s)
	if limit > 0 && s[0] == '|' {
		pos++
	}
	if limit > 0 && s[limit-1] == '|' {
		limit--
	}
	n := 0
	for pos < limit {
		end := pos
		for end < limit && (s[end] != '|' || end > 0 && s[end-1] == '\\') {
			end++
		}
		n++
		pos = end + 1
	}
	return n
}
