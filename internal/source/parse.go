// Package source reads versions/: one Markdown file per edition and
// language, with front matter, into policy.Edition values.
package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"policysite/internal/plaintext"
	"policysite/internal/policy"
)

// MaxFileSize bounds one edition's file. Real policies are tens of
// kilobytes; a file far past this is a mistake (a pasted binary, a log).
const MaxFileSize = 4 << 20

// knownKeys are the front matter keys an edition may use.
var knownKeys = []string{"title", "posted", "effective", "summary", "draft", "material"}

// FileName is a parsed edition file name: <id>.<lang>.md.
type FileName struct {
	ID   policy.ID
	Lang policy.Lang
}

var fileNameRe = regexp.MustCompile(`^([0-9][0-9-]*)\.([A-Za-z_-]+)\.md$`)

// ParseFileName parses "2024-03-01.ru.md" and "2024-03-01-2.en.md". langs
// are the site's languages.
func ParseFileName(name string, langs []policy.Lang) (FileName, error) {
	m := fileNameRe.FindStringSubmatch(name)
	if m == nil {
		return FileName{}, fmt.Errorf("file name %q is not <YYYY-MM-DD>.<lang>.md", name)
	}
	id, err := policy.ParseID(m[1])
	if err != nil {
		return FileName{}, fmt.Errorf("file name: %w", err)
	}
	lang := policy.Lang(m[2])
	for _, l := range langs {
		if l == lang {
			return FileName{ID: id, Lang: lang}, nil
		}
	}
	return FileName{}, fmt.Errorf("unknown language %q in the file name (the site's languages: %s)", m[2], policy.JoinLangs(langs))
}

// ParseOptions tell ParseEdition what it cannot learn from the file.
type ParseOptions struct {
	// File is the path shown in messages, relative to the repository.
	File   string
	Policy string
	Name   FileName
	// Location applies to dates and times written without a zone.
	Location *time.Location
}

// ParseEdition parses one edition file. The error, when not nil, is a
// *policy.SourceError naming the file and, where it can, the line.
// Warnings report what the author probably did not mean.
func ParseEdition(data []byte, o ParseOptions) (*policy.Edition, []*policy.Warning, error) {
	fail := func(line int, format string, args ...any) (*policy.Edition, []*policy.Warning, error) {
		return nil, nil, policy.Errorf(o.File, line, format, args...)
	}
	if len(data) > MaxFileSize {
		return fail(0, "file is %d bytes, over the %d-byte limit for one edition", len(data), MaxFileSize)
	}
	if off := invalidUTF8(data); off >= 0 {
		line, col := position(data, off)
		return fail(line, "invalid UTF-8 at byte offset %d (column %d): save the file as UTF-8", off, col)
	}
	// NUL is valid UTF-8 but never text: a file full of them is UTF-16,
	// which an editor saved as "Unicode".
	if off := bytes.IndexByte(data, 0); off >= 0 {
		line, col := position(data, off)
		return fail(line, "NUL byte at byte offset %d (column %d): the file is not text, or is UTF-16; save it as UTF-8", off, col)
	}
	text := normalize(data)
	lines := strings.SplitAfter(text, "\n")
	delim, end, fields, err := frontMatter(lines)
	if err != nil {
		var se *lineError
		if errors.As(err, &se) {
			return fail(se.line, "%s", se.msg)
		}
		return fail(2, "front matter: %v", err)
	}

	e := &policy.Edition{
		Policy:       o.Policy,
		ID:           o.Name.ID,
		Lang:         o.Name.Lang,
		File:         o.File,
		SourceSHA256: hashHex(data),
		TOML:         delim == "+++",
		BodyLine:     end + 2,
		Body:         strings.Join(lines[end+1:], ""),
	}
	warnings := unknownKeys(fields, o.File)

	if err := setTitle(e, fields, o.File); err != nil {
		return nil, nil, err
	}

	if err := setOptional(e, fields, o.File); err != nil {
		return nil, nil, err
	}

	dateWarnings, err := setDates(e, fields, o)
	warnings = append(warnings, dateWarnings...)
	if err != nil {
		return nil, nil, err
	}

	if strings.TrimSpace(e.Body) == "" {
		// A file that ends on the closing line has no line BodyLine.
		return fail(min(e.BodyLine, len(lines)), "the edition has no text after its front matter")
	}
	// Before Hugo sees the text: it would take hours on some of it.
	if err := CheckNesting(o.File, e.BodyLine, e.Body); err != nil {
		return nil, nil, err
	}
	if err := checkShortcodes(e); err != nil {
		return nil, nil, err
	}
	return e, warnings, nil
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8(b []byte) int {
	// Almost every file is valid, which utf8.Valid tells several times
	// faster than decoding rune by rune.
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// position returns the line of data's byte off, counting lines as
// normalize does (so that every message of a file agrees), and its column
// in characters, as editors count them. Everything before off is valid
// UTF-8.
func position(data []byte, off int) (line, col int) {
	line, start := 1, 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		start = 3
	}
	for i := start; i < off; i++ {
		switch data[i] {
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				continue // counted at the \n
			}
			fallthrough
		case '\n':
			line++
			start = i + 1
		}
	}
	return line, 1 + utf8.RuneCount(data[min(start, off):off])
}

// normalize drops a UTF-8 byte order mark and turns CRLF and lone CR into
// LF: editors on every system produce them and none of them is meaningful.
func normalize(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	s := string(b)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// hashHex is the SHA-256 of data in hex.
func hashHex(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// setOptional sets e's summary, draft and material from fields, where
// the front matter gives them.
func setOptional(e *policy.Edition, fields map[string]field, file string) error {
	if f, ok := fields["summary"]; ok {
		if f.kind != kindString {
			return policy.Errorf(file, f.line, "summary must be text")
		}
		e.Summary = strings.TrimSpace(f.str)
		if msg := bidiProblem("summary", e.Summary); msg != "" {
			return policy.Errorf(file, f.line, "%s", msg)
		}
	}
	if f, ok := fields["draft"]; ok {
		if !f.isBool {
			return policy.Errorf(file, f.line, "draft must be true or false, unquoted")
		}
		e.Draft = f.b
		if e.Draft {
			e.DraftLine = f.line
		}
	}
	// A quoted "true" or a yes would leave the author unsure whether check
	// holds the edition to a notice period kept for material changes.
	if f, ok := fields["material"]; ok {
		if !f.isBool {
			return policy.Errorf(file, f.line, "material must be true or false, unquoted")
		}
		e.Material = f.b
	}
	return nil
}

// setTitle sets e's title from its front matter, else from its first
// heading (ChooseTitle), which then leaves the body: the page shows the
// title above the text (see WithoutTitleHeading).
func setTitle(e *policy.Edition, fields map[string]field, file string) error {
	titles := TitleSources{Body: e.Body}
	title, ok := fields["title"]
	if ok {
		if title.kind != kindString {
			return policy.Errorf(file, title.line, "title must be non-empty text")
		}
		titles.FrontMatter = &title.str
	}
	t, err := ChooseTitle(titles)
	switch {
	case err != nil && t.Origin == TitleHeading:
		return policy.Errorf(file, e.BodyLine+t.Line-1, "the title, taken from this heading: %v", err)
	case err != nil:
		return policy.Errorf(file, title.line, "%v", err)
	case t.Origin == TitleNone:
		return policy.Errorf(file, 1, "front matter has no title, and the text no heading (`# Title`) to take it from: add `title: …`")
	}
	e.Title = t.Text
	if t.Origin == TitleHeading {
		var n int
		e.Body, n = WithoutTitleHeading(e.Body, e.Title)
		e.BodyLine += n
	}
	return nil
}

// checkShortcodes refuses a shortcode mark in code that never closes:
// Hugo, which renders the pages, would read it as a shortcode's start.
func checkShortcodes(e *policy.Edition) error {
	_, bad := plaintext.EscapeShortcodes(e.Body)
	if bad < 0 {
		return nil
	}
	mark := e.Body[bad : bad+3]
	closer := ">}}"
	if mark == "{{%" {
		closer = "%}}"
	}
	line, _ := position([]byte(e.Body), bad)
	return policy.Errorf(e.File, e.BodyLine+line-1,
		"%q in code with no %q after it cannot be shown as written: Hugo, which renders the pages, reads it as the start of a shortcode; close it with %q or move it out of the code", mark, closer, closer)
}
