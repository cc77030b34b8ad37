package source

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
)

var (
	msk   = mustLoc("Europe/Moscow")
	langs = []policy.Lang{"ru", "en"}
)

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func parse(t *testing.T, name, src string) (*policy.Edition, []*policy.Warning, error) {
	t.Helper()
	fn, err := ParseFileName(name, langs)
	if err != nil {
		t.Fatalf("ParseFileName(%q): %v", name, err)
	}
	return ParseEdition([]byte(src), ParseOptions{File: "versions/privacy/" + name, Policy: "privacy", Name: fn, Location: msk})
}

func TestParseEditionFrontMatterRules(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name, file, src            string
		posted, effective          time.Time
		postedTime, effectiveTime  bool
		effectiveSet               bool
		title, summary, bodyPrefix string
	}{
		{
			name: "posted defaults to the file date at midnight in the site zone",
			file: "2024-03-01.ru.md", src: "---\ntitle: Политика\n---\nТекст\n",
			posted: at("2024-03-01T00:00:00+03:00"), effective: at("2024-03-01T00:00:00+03:00"),
			title: "Политика", bodyPrefix: "Текст",
		},
		{
			name: "effective defaults to posted",
			file: "2024-03-01.ru.md", src: "---\ntitle: T\nposted: 2024-03-01T10:00:00+03:00\n---\nx\n",
			posted: at("2024-03-01T10:00:00+03:00"), effective: at("2024-03-01T10:00:00+03:00"),
			postedTime: true, effectiveTime: true, title: "T", bodyPrefix: "x",
		},
		{
			name: "effective later than posted",
			file: "2024-03-01.en.md", src: "---\ntitle: T\nposted: 2024-03-01T10:00:00+03:00\neffective: 2024-04-01\nsummary: Changed 3.1.\n---\nx\n",
			posted: at("2024-03-01T10:00:00+03:00"), effective: at("2024-04-01T00:00:00+03:00"),
			postedTime: true, effectiveSet: true, title: "T", summary: "Changed 3.1.", bodyPrefix: "x",
		},
		{
			name: "a date-time without zone is in the site zone",
			file: "2024-03-01.ru.md", src: "---\ntitle: T\nposted: \"2024-03-01 09:30\"\n---\nx\n",
			posted: at("2024-03-01T09:30:00+03:00"), effective: at("2024-03-01T09:30:00+03:00"),
			postedTime: true, effectiveTime: true, title: "T", bodyPrefix: "x",
		},
		{
			name: "TOML front matter with native date-times",
			file: "2024-03-01.ru.md", src: "+++\ntitle = \"T\"\nposted = 2024-03-01T10:00:00+03:00\neffective = 2024-03-15\n+++\nx\n",
			posted: at("2024-03-01T10:00:00+03:00"), effective: at("2024-03-15T00:00:00+03:00"),
			postedTime: true, effectiveSet: true, title: "T", bodyPrefix: "x",
		},
		{
			name: "BOM and CRLF are accepted",
			file: "2024-03-01.ru.md", src: "\uFEFF---\r\ntitle: T\r\n---\r\nline one\r\nline two\r\n",
			posted: at("2024-03-01T00:00:00+03:00"), effective: at("2024-03-01T00:00:00+03:00"),
			title: "T", bodyPrefix: "line one\nline two\n",
		},
		{
			name: "same-day second edition",
			file: "2024-03-01-2.ru.md", src: "---\ntitle: T\nposted: 2024-03-01T18:00:00+03:00\n---\nx\n",
			posted: at("2024-03-01T18:00:00+03:00"), effective: at("2024-03-01T18:00:00+03:00"),
			postedTime: true, effectiveTime: true, title: "T", bodyPrefix: "x",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _, err := parse(t, tc.file, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if !e.Posted.Equal(tc.posted) || !e.Effective.Equal(tc.effective) {
				t.Errorf("posted, effective = %v, %v; want %v, %v", e.Posted, e.Effective, tc.posted, tc.effective)
			}
			if e.PostedHasTime != tc.postedTime || e.EffectiveHasTime != tc.effectiveTime || e.EffectiveSet != tc.effectiveSet {
				t.Errorf("hasTime = %v, %v, set = %v; want %v, %v, %v", e.PostedHasTime, e.EffectiveHasTime, e.EffectiveSet, tc.postedTime, tc.effectiveTime, tc.effectiveSet)
			}
			if e.Title != tc.title || e.Summary != tc.summary {
				t.Errorf("title, summary = %q, %q", e.Title, e.Summary)
			}
			if !strings.HasPrefix(e.Body, tc.bodyPrefix) {
				t.Errorf("body = %q, want prefix %q", e.Body, tc.bodyPrefix)
			}
			if sum := sha256.Sum256([]byte(tc.src)); e.SourceSHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("SourceSHA256 is not the hash of the file's exact bytes")
			}
			if toml := strings.HasPrefix(strings.TrimPrefix(tc.src, "\uFEFF"), "+++"); e.TOML != toml {
				t.Errorf("TOML = %v, want %v", e.TOML, toml)
			}
		})
	}
}

func TestParseEditionRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		want      string
	}{
		{"missing title", "---\nposted: 2024-03-01\n---\nx\n", 1, "no title"},
		{"empty title", "---\ntitle: \"  \"\n---\nx\n", 2, "title must be non-empty"},
		{"effective before posted", "---\ntitle: T\nposted: 2024-03-01T10:00:00+03:00\neffective: 2024-02-28\n---\nx\n", 4, "before posted"},
		{"date that does not exist", "---\ntitle: T\nposted: 2024-02-30\n---\nx\n", 3, "2024-02-30 is not a date that exists"},
		{"date that does not parse", "---\ntitle: T\neffective: soon\n---\nx\n", 3, `"soon" is not a date`},
		{"front matter never closed", "---\ntitle: T\n\nText\n", 1, "never closed"},
		{"no front matter", "Just text\n", 1, "no front matter"},
		{"YAML syntax error", "---\ntitle: T\nposted: [2024\n---\nx\n", 3, "front matter: did not find expected ',' or ']'"},
		{"YAML scanner error", "---\ntitle: T\n  bad: indent\n---\nx\n", 3, "front matter: mapping values are not allowed"},
		{"YAML key expected", "---\ntitle: T\nsummary: x\n- a\n---\nx\n", 4, "front matter: did not find expected key"},
		{"YAML alias to no anchor", "---\ntitle: T\nsummary: *a\n---\nx\n", 3, "unknown anchor 'a'"},
		{"TOML syntax error", "+++\ntitle = \"T\nposted = 1\n+++\nx\n", 2, "front matter"},
		{"key twice", "---\ntitle: A\ntitle: B\n---\nx\n", 3, "given twice"},
		{"empty body", "---\ntitle: T\n---\n\n  \n", 4, "no text"},
		{"empty body, file ends on the closing line", "---\ntitle: T\n---", 3, "no text"},
		{"invalid UTF-8", "---\ntitle: T\n---\nok\nbad \xff here\n", 5, "invalid UTF-8 at byte offset 24 (column 5)"},
		{"invalid UTF-8 after Cyrillic, column in characters", "---\ntitle: T\n---\nТекст \xff\n", 4, "invalid UTF-8 at byte offset 28 (column 7)"},
		{"invalid UTF-8 with CR line endings", "\uFEFF---\rtitle: T\r---\r\rx\xff\r", 5, "invalid UTF-8 at byte offset 22 (column 2)"},
		{"invalid UTF-8 with CRLF line endings", "---\r\ntitle: T\r\n---\r\n\xc3\x28\r\n", 4, "invalid UTF-8 at byte offset 20 (column 1)"},
		{"NUL byte of UTF-16", "-\x00-\x00-\x00\n\x00", 1, "NUL byte at byte offset 1 (column 2)"},
		{"a list as title", "---\ntitle: [a, b]\n---\nx\n", 2, "title must be non-empty text"},
		{"a shortcode mark in code that never closes", "---\ntitle: T\n---\n1. Scope.\n\n```\n{{< open\n```\n", 7, `"{{<" in code with no ">}}" after it`},
		{"the other shortcode mark, in a code span", "---\ntitle: T\n---\nx `{{% y` z\n", 4, `"{{%" in code with no "%}}" after it`},
		{"a shortcode mark in code, CR line endings", "---\rtitle: T\r---\rx\r\r    {{< a\r", 6, `"{{<" in code with no ">}}" after it`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := parse(t, "2024-03-01.ru.md", tc.src)
			var se *policy.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *policy.SourceError", err)
			}
			if se.File != "versions/privacy/2024-03-01.ru.md" {
				t.Errorf("File = %q", se.File)
			}
			if tc.line > 0 && se.Line != tc.line {
				t.Errorf("Line = %d, want %d (%v)", se.Line, tc.line, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "versions/privacy/2024-03-01.ru.md:") {
				t.Errorf("error %q does not start with the file", err)
			}
		})
	}
}

func TestParseEditionRejectsOversizedFile(t *testing.T) {
	src := "---\ntitle: T\n---\n" + strings.Repeat("x", MaxFileSize)
	_, _, err := parse(t, "2024-03-01.ru.md", src)
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v, want a size error", err)
	}
}

func TestParseEditionWarnings(t *testing.T) {
	_, warns, err := parse(t, "2024-03-01.ru.md", "---\ntitle: T\npostd: 2024-03-01\nposted: 2024-03-02\n---\nx\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.Error())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`versions/privacy/2024-03-01.ru.md:3: unknown front matter key "postd" is ignored (did you mean "posted"?)`,
		`versions/privacy/2024-03-01.ru.md:4: posted 2024-03-02 is not the date in the file name`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings %q lack %q", all, want)
		}
	}
}

// TestTOMLWarningsNameTheKeysLine: go-toml gives no positions for keys, so
// the parser finds them, in each way TOML can write one.
func TestTOMLWarningsNameTheKeysLine(t *testing.T) {
	_, warns, err := parse(t, "2024-03-01.ru.md", "+++\ntitle = \"T\"\n'postd' = 2024-03-01\nmeta.a = 1\n[extra]\nb = 2\n+++\nx\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.Error())
	}
	want := []string{
		`versions/privacy/2024-03-01.ru.md:5: unknown front matter key "extra" is ignored`,
		`versions/privacy/2024-03-01.ru.md:4: unknown front matter key "meta" is ignored`,
		`versions/privacy/2024-03-01.ru.md:3: unknown front matter key "postd" is ignored (did you mean "posted"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseFileName(t *testing.T) {
	tests := []struct {
		name, id string
		lang     policy.Lang
		err      string
	}{
		{"2024-03-01.ru.md", "2024-03-01", "ru", ""},
		{"2024-03-01-2.en.md", "2024-03-01-2", "en", ""},
		{"2024-03-01-12.en.md", "2024-03-01-12", "en", ""},
		{"2024-13-01.ru.md", "", "", "not a date that exists"},
		{"2024-02-30.ru.md", "", "", "not a date that exists"},
		{"2024-03-01-1.ru.md", "", "", "numbered -2"},
		{"2024-03-01.de.md", "", "", `unknown language "de"`},
		{"2024-03-01.md", "", "", "is not <YYYY-MM-DD>.<lang>.md"},
		{"draft.ru.md", "", "", "is not <YYYY-MM-DD>.<lang>.md"},
		{"2024-3-1.ru.md", "", "", "not an edition id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fn, err := ParseFileName(tc.name, langs)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fn.ID.String() != tc.id || fn.Lang != tc.lang {
				t.Errorf("got %s.%s", fn.ID, fn.Lang)
			}
		})
	}
}

// FuzzParseEdition: no input makes the parser panic; every error and
// warning is a *policy.SourceError that starts with the file's path and
// points at a line the file has; and whatever is accepted is a valid
// edition.
func FuzzParseEdition(f *testing.F) {
	f.Add([]byte("---\ntitle: T\nposted: 2024-03-01T10:00:00+03:00\n---\n1.1. x\n"))
	f.Add([]byte("+++\ntitle = \"T\"\n+++\nx\n"))
	f.Add([]byte("\uFEFF---\r\ntitle: T\r\n---\r\nx"))
	f.Add([]byte("---\rtitle: T\rpostd: 2024-03-01\r---\rx\r"))
	f.Add([]byte("---\ntitle: T\nposted: [2024\n---\nx\n"))
	f.Add([]byte("+++\ntitle = \"T\nposted = 1\n+++\nx\n"))
	f.Add([]byte("+++\ntitle = \"T\"\n[extra]\na.b = 1\n+++\nx\n"))
	f.Add([]byte("---\ntitle: T\neffective: 2024-02-30\n---\nx\n"))
	f.Add([]byte("---\ntitle: T\n---"))
	f.Add([]byte("---\ntitle: T\n---\nbad \xff\n"))
	f.Add([]byte("-\x00-\x00-\x00\n\x00"))
	f.Add([]byte("---\ntitle: \"\u202eT\"\nposted: 2024-03-01T10:00:00+23:60\n---\nx\n"))
	f.Add([]byte("+++\ntitle = \"\u200b\"\nposted = 2024-03-01T10:00:00+15:30\n+++\nx\n"))
	f.Add([]byte("---\nposted: 2024-03-01\n---\n\n## [](#t)**T** {: #t}\n\nx\n"))
	f.Add([]byte("---\nsummary: s\n---\r- a\r\rT\r===\r"))
	f.Add([]byte("---\ntitle: \"\\\\*x* <b>\"\n---\n# \u202e\n"))
	const file = "versions/p/2024-03-01.ru.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		fn := FileName{ID: policy.ID{Date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Seq: 1}, Lang: "ru"}
		e, warns, err := ParseEdition(data, ParseOptions{File: file, Policy: "p", Name: fn, Location: msk})
		lines := len(strings.SplitAfter(normalize(data), "\n"))
		check := func(what string, err error) {
			var se *policy.SourceError
			if !errors.As(err, &se) || se.File != file {
				t.Fatalf("%s is not a *policy.SourceError of the file: %v", what, err)
			}
			if !strings.HasPrefix(err.Error(), file+":") {
				t.Fatalf("%s does not start with the file: %v", what, err)
			}
			if se.Line < 0 || se.Line > lines {
				t.Fatalf("%s is on line %d of a file of %d lines: %v", what, se.Line, lines, err)
			}
		}
		for _, w := range warns {
			check("a warning", w)
		}
		if err != nil {
			check("the error", err)
			return
		}
		if titleProblem(e.Title) != "" || checkOffset(e.Posted) != nil || checkOffset(e.Effective) != nil || e.Effective.Before(e.Posted) || strings.TrimSpace(e.Body) == "" {
			t.Fatalf("accepted an invalid edition: %+v", e)
		}
	})
}
