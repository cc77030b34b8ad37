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
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"

	"policysite/internal/plaintext"
	"policysite/internal/policy"
)

// MaxFileSize bounds one edition's file. Real policies are tens of
// kilobytes; a file far past this is a mistake (a pasted binary, a log).
const MaxFileSize = 4 << 20

// knownKeys are the front matter keys an edition may use.
var knownKeys = []string{"title", "posted", "effective", "summary"}

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

	var delim string
	switch strings.TrimRight(lines[0], " \t\n") {
	case "---":
		delim = "---"
	case "+++":
		delim = "+++"
	default:
		return fail(1, "no front matter: an edition starts with a line \"---\" (YAML) or \"+++\" (TOML)")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\n") == delim {
			end = i
			break
		}
	}
	if end < 0 {
		return fail(1, "front matter opened here is never closed: add a line %q after it", delim)
	}
	fm := strings.Join(lines[1:end], "")
	// Line numbers in fm are offset by the opening delimiter.
	var (
		fields map[string]field
		err    error
	)
	if delim == "---" {
		fields, err = parseYAML(fm, 1)
	} else {
		fields, err = parseTOML(fm, 1)
	}
	if err != nil {
		var se *lineError
		if errors.As(err, &se) {
			// A parser may place an error past the front matter; the
			// closing line is where the author would look.
			return fail(min(max(se.line, 1), end+1), "front matter: %s", se.msg)
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
	var warnings []*policy.Warning
	for _, k := range sortedKeys(fields) {
		if !contains(knownKeys, k) {
			msg := fmt.Sprintf("unknown front matter key %q is ignored", k)
			if near := nearest(k, knownKeys); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			warnings = append(warnings, policy.Errorf(o.File, fields[k].line, "%s", msg))
		}
	}

	title, ok := fields["title"]
	if !ok {
		return fail(1, "front matter has no title: add `title: …`")
	}
	if title.kind != kindString || strings.TrimSpace(title.str) == "" {
		return fail(title.line, "title must be non-empty text")
	}
	e.Title = strings.TrimSpace(title.str)

	if f, ok := fields["summary"]; ok {
		if f.kind != kindString {
			return fail(f.line, "summary must be text")
		}
		e.Summary = strings.TrimSpace(f.str)
	}

	fileDate := time.Date(o.Name.ID.Date.Year(), o.Name.ID.Date.Month(), o.Name.ID.Date.Day(), 0, 0, 0, 0, o.Location)
	e.Posted = fileDate
	if f, ok := fields["posted"]; ok {
		t, hasTime, err := f.moment(o.Location)
		if err != nil {
			return fail(f.line, "posted: %v", err)
		}
		e.Posted, e.PostedHasTime = t, hasTime
		if y, m, d := t.In(o.Location).Date(); y != fileDate.Year() || m != fileDate.Month() || d != fileDate.Day() {
			warnings = append(warnings, policy.Errorf(o.File, f.line,
				"posted %s is not the date in the file name (%s); the file name's date is the edition's id",
				t.In(o.Location).Format("2006-01-02"), o.Name.ID.Date.Format("2006-01-02")))
		}
	}
	e.Effective, e.EffectiveHasTime = e.Posted, e.PostedHasTime
	if f, ok := fields["effective"]; ok {
		t, hasTime, err := f.moment(o.Location)
		if err != nil {
			return fail(f.line, "effective: %v", err)
		}
		if t.Before(e.Posted) {
			return fail(f.line, "effective (%s) is before posted (%s): an edition cannot take effect before it is posted",
				t.Format(time.RFC3339), e.Posted.Format(time.RFC3339))
		}
		e.Effective, e.EffectiveHasTime, e.EffectiveSet = t, hasTime, true
	}

	if strings.TrimSpace(e.Body) == "" {
		// A file that ends on the closing line has no line BodyLine.
		return fail(min(e.BodyLine, len(lines)), "the edition has no text after its front matter")
	}
	if _, bad := plaintext.EscapeShortcodes(e.Body); bad >= 0 {
		mark := e.Body[bad : bad+3]
		closer := ">}}"
		if mark == "{{%" {
			closer = "%}}"
		}
		line, _ := position([]byte(e.Body), bad)
		return fail(e.BodyLine+line-1,
			"%q in code with no %q after it cannot be shown as written: Hugo, which renders the pages, reads it as the start of a shortcode; close it with %q or move it out of the code", mark, closer, closer)
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

type fieldKind int

const (
	kindString fieldKind = iota
	kindTime             // a TOML date-time with an offset
	kindLocalDateTime
	kindLocalDate
	kindOther
)

// field is one front matter value with the line it is on.
type field struct {
	line int
	kind fieldKind
	str  string
	t    time.Time
}

type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

var (
	yamlLineRe   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlAnchorRe = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// yamlParserProblems are the problems that yaml.v3's parser, rather than
// its scanner, reports. It numbers their lines from 0 (and leaves line 0
// out), where the scanner numbers from 1.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

func parseYAML(src string, offset int) (map[string]field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, yamlError(err.Error(), src, offset)
	}
	out := map[string]field{}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &lineError{root.Line + offset, "front matter must be a set of `key: value` lines"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, dup := out[k.Value]; dup {
			return nil, &lineError{k.Line + offset, fmt.Sprintf("key %q is given twice", k.Value)}
		}
		f := field{line: k.Line + offset, kind: kindOther}
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			f.kind, f.str = kindString, v.Value
		}
		out[k.Value] = f
	}
	return out, nil
}

// yamlError gives a yaml.v3 error the line of the file it is on.
func yamlError(msg, src string, offset int) *lineError {
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		if yamlParserProblems[m[2]] {
			n++
		}
		return &lineError{n + offset, m[2]}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	n := 1
	// An alias to an anchor never defined comes without a line.
	if m := yamlAnchorRe.FindStringSubmatch("yaml: " + msg); m != nil {
		for i, l := range strings.Split(src, "\n") {
			if strings.Contains(l, "*"+m[1]) {
				n = i + 1
				break
			}
		}
	}
	return &lineError{n + offset, msg}
}

func parseTOML(src string, offset int) (map[string]field, error) {
	var m map[string]any
	if err := toml.Unmarshal([]byte(src), &m); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, &lineError{row + offset, de.Error()}
		}
		return nil, err
	}
	lines := strings.Split(src, "\n")
	out := map[string]field{}
	for k, v := range m {
		f := field{line: tomlKeyLine(lines, k) + offset, kind: kindOther}
		switch v := v.(type) {
		case string:
			f.kind, f.str = kindString, v
		case time.Time:
			f.kind, f.t = kindTime, v
		case toml.LocalDateTime:
			f.kind, f.str = kindLocalDateTime, v.String()
		case toml.LocalDate:
			f.kind, f.str = kindLocalDate, v.String()
		}
		out[k] = f
	}
	return out, nil
}

// tomlKeyLine finds the line that sets key, since go-toml reports positions
// only for syntax errors: `key =`, a quoted key, a dotted key `key.sub =`,
// or a table `[key]`.
func tomlKeyLine(lines []string, key string) int {
	re := regexp.MustCompile(`^\s*(?:\[\[?\s*)?(?:` + regexp.QuoteMeta(key) + `|"` + regexp.QuoteMeta(key) + `"|'` + regexp.QuoteMeta(key) + `')\s*[=.\]]`)
	for i, l := range lines {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 1
}

// moment reads a date or date-time. A value without a zone is in loc; a
// bare date means its first minute. hasTime tells whether a time of day was
// written.
func (f field) moment(loc *time.Location) (t time.Time, hasTime bool, err error) {
	switch f.kind {
	case kindTime:
		return f.t, true, nil
	case kindLocalDateTime, kindLocalDate, kindString:
		return parseMoment(strings.TrimSpace(f.str), loc)
	}
	return time.Time{}, false, fmt.Errorf("want a date (2024-03-01) or a date-time (2024-03-01T10:00:00+03:00)")
}

var momentLayouts = []struct {
	layout  string
	zoned   bool
	hasTime bool
}{
	{time.RFC3339, true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02 15:04:05Z07:00", true, true},
	{"2006-01-02T15:04:05", false, true},
	{"2006-01-02T15:04", false, true},
	{"2006-01-02 15:04:05", false, true},
	{"2006-01-02 15:04", false, true},
	{"2006-01-02", false, false},
}

var momentShapeRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)

func parseMoment(s string, loc *time.Location) (time.Time, bool, error) {
	for _, l := range momentLayouts {
		var (
			t   time.Time
			err error
		)
		if l.zoned {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err == nil {
			return t, l.hasTime, nil
		}
	}
	if m := momentShapeRe.FindStringSubmatch(s); m != nil {
		if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
			return time.Time{}, false, fmt.Errorf("%s is not a date that exists", s[:10])
		}
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date (2024-03-01) or a date-time (2024-03-01T10:00:00+03:00)", s)
}

// hashHex is the SHA-256 of data in hex.
func hashHex(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
