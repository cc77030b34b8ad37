package source

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"policysite/internal/plaintext"
)

// TitleOrigin says where an edition's title comes from.
type TitleOrigin int

const (
	// TitleNone: nothing gave a title.
	TitleNone TitleOrigin = iota
	// TitleGiven: the caller gave it (import's --title).
	TitleGiven
	// TitleFrontMatter: the front matter's title.
	TitleFrontMatter
	// TitleHeading: the text's first heading of level 1 or 2.
	TitleHeading
	// TitleFileName: the name of the file the text came from.
	TitleFileName
)

// Title is an edition's title and where it comes from.
type Title struct {
	// Text is the title as the site shows it: one line, Markdown removed.
	Text   string
	Origin TitleOrigin
	// Line is, for TitleHeading, the line of the body on which the heading
	// starts.
	Line int
}

// TitleSources are the places ChooseTitle may take a title from.
type TitleSources struct {
	// Given is plain text, taken as it is written; "" gives none.
	Given string
	// FrontMatter is the front matter's title, in Markdown, or nil when
	// the front matter has none.
	FrontMatter *string
	// Body is the Markdown text after the front matter.
	Body string
	// FileName is the path or name of the file the text came from; ""
	// gives none.
	FileName string
}

// ChooseTitle returns an edition's title: s.Given when not empty; else the
// front matter's title; else the first heading of level 1 or 2 of the
// body that shows some text; else the file's name. Markdown is removed
// from the front matter's title and the heading, as the page's <title>,
// its <h1> and the JSON show a title as plain text; and white space is
// collapsed everywhere. It is the rule of the parser, which gives no file
// name, and of import. With nothing to take, the Title's Origin is
// TitleNone.
//
// The error, when not nil, says why the title taken cannot be one (a
// front matter title empty without its Markdown, a bidi control left
// open); the Title returned with it says where it was taken from.
func ChooseTitle(s TitleSources) (Title, error) {
	if given := collapse(s.Given); given != "" {
		return checked(Title{Text: given, Origin: TitleGiven})
	}
	if s.FrontMatter != nil {
		text, err := PlainTitle(*s.FrontMatter)
		t := Title{Text: text, Origin: TitleFrontMatter}
		if err != nil {
			return t, err
		}
		return checked(t)
	}
	for h := range headings(s.Body) {
		if h.level > 2 {
			continue
		}
		// One that says nothing, `## [](#top)`, is an anchor's holder,
		// and one over the nesting limits is refused with the body.
		text, err := PlainTitle(h.text)
		if err != nil || !visible(text) {
			continue
		}
		return checked(Title{Text: text, Origin: TitleHeading, Line: h.line})
	}
	if name := FileTitle(s.FileName); name != "" {
		return checked(Title{Text: name, Origin: TitleFileName})
	}
	return Title{}, nil
}

// checked returns t with the error titleProblem finds in it.
func checked(t Title) (Title, error) {
	if msg := titleProblem(t.Text); msg != "" {
		return t, errors.New(msg)
	}
	return t, nil
}

// PlainTitle returns a title written in Markdown as plain text on one
// line: backslash escapes, link and image syntax, emphasis marks, code
// spans' backquotes, HTML tags, Kramdown attribute lists ({: #id }) and
// heading attributes ({#id}) removed, entities decoded, white space
// collapsed. Texts converted from Word or crawled from a site carry all of
// them, and a page's <title> would show them as written. It refuses a
// title with more nesting or inline markup than Markdown reads in linear
// time, as the parser refuses such a body.
func PlainTitle(s string) (string, error) {
	s = collapse(s)
	if s == "" {
		return "", nil
	}
	// The title is read as the text of an ATX heading, where Markdown
	// reads no list, quote or code block, and takes heading attributes
	// off; a final #, which would close the heading, is kept by a closing
	// # of its own.
	md := "# " + s
	if strings.HasSuffix(s, "#") {
		md += " #"
	}
	if r := measureNesting(md, nestingLimits); r.over >= 0 {
		return "", fmt.Errorf("title: "+nestingMessages[r.over], r.max[r.over], nestingLimits[r.over])
	}
	md = removeUnescaped(md, imageRe)
	md = removeUnescaped(md, ialRe)
	return collapse(plaintext.Of(md)), nil
}

var (
	// imageRe is an image: Markdown keeps its description as text, but a
	// logo's description is not a title's words.
	imageRe = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	// ialRe is a Kramdown attribute list, which Markdown that Kramdown
	// wrote (GitHub's, Jekyll sites') puts after headings: `{: #id }`.
	ialRe = regexp.MustCompile(`\{:[^}]*\}`)
)

// removeUnescaped removes from s what re matches, but for a match escaped
// by a backslash, which is text.
func removeUnescaped(s string, re *regexp.Regexp) string {
	var b strings.Builder
	last := 0
	for _, m := range re.FindAllStringIndex(s, -1) {
		slashes := m[0] - len(strings.TrimRight(s[:m[0]], `\`))
		if slashes%2 == 1 {
			continue
		}
		b.WriteString(s[last:m[0]])
		last = m[1]
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// collapse returns s on one line, with each run of white space one space
// and none at either end.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// visible reports whether s shows something: not only white space and
// invisible format characters.
func visible(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) })
}

// markdownMarks are the characters that can make a title's text Markdown
// syntax, which writtenTitle escapes.
const markdownMarks = "\\`*_[]<>{}~#!|"

// writtenTitle returns title, collapsed, as front matter holds it so that
// ParseEdition reads it back: as it is when Markdown would not change it,
// else with every character that could be Markdown escaped. A title
// already plain, such as one ParseEdition read, thus keeps its characters
// when written again, as `policysite new` does.
func writtenTitle(title string) (written, plain string, err error) {
	plain = collapse(title)
	if p, err := PlainTitle(plain); err == nil && p == plain {
		return plain, plain, nil
	}
	var b strings.Builder
	for _, r := range plain {
		switch {
		case r < 0x80 && strings.ContainsRune(markdownMarks, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '&':
			// A backslash does not keep an entity from being decoded.
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	written = b.String()
	if p, err := PlainTitle(written); err != nil || p != plain {
		return "", "", fmt.Errorf("the title %+q cannot be written so that it reads back as it is", plain)
	}
	return written, plain, nil
}

var datePrefixRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[-_. ]*`)

// FileTitle returns the title a file's name gives, for a text with no
// other: the name without its folders, its extension and a leading date,
// with underscores as spaces. "Policies/Terms of Service.md" gives "Terms
// of Service"; "2024-02-01_privacy_notice.txt", "privacy notice".
func FileTitle(name string) string {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	if i := strings.LastIndexByte(base, '.'); i > 0 && strings.ContainsFunc(base[i+1:], unicode.IsLetter) {
		base = base[:i]
	}
	t := collapse(strings.ReplaceAll(datePrefixRe.ReplaceAllString(base, ""), "_", " "))
	if t == "" {
		return collapse(base) // only a date: better than no title
	}
	return t
}

// numberedRe is a section's number ("1.", "3.4.") before its words.
var numberedRe = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3})*\.?(?:\s|$)`)

// WithoutTitleHeading returns body without the heading that says title
// again, and the number of lines taken off, when that heading is the
// body's first block, of level 1 or 2, and numbers no section; it takes
// the blank lines after the heading too. Else it returns body as it is.
//
// The site shows the title above the text, in the page's <h1>: the heading
// left in would show it twice, and one of level 2 would head the table of
// contents. A heading further down is left where it is, as taking it out
// would join what was above it to what was below; and so is a numbered one
// ("1. Introduction", the first section of a text that has no title of its
// own), whose clause anchor (#c-1) links point to.
func WithoutTitleHeading(body, title string) (rest string, lines int) {
	for h := range headings(body) {
		if !h.first || h.level > 2 || numberedRe.MatchString(title) {
			return body, 0
		}
		if text, err := PlainTitle(h.text); err != nil || text != collapse(title) {
			return body, 0
		}
		dropped := body[:h.end]
		return body[h.end:], strings.Count(dropped, "\n") + strings.Count(dropped, "\r") - strings.Count(dropped, "\r\n")
	}
	return body, 0
}
