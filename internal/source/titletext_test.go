package source

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"policysite/internal/policy"
)

// TestChooseTitleTakesTheFirstPlaceThatGivesOne: --title, then the front
// matter's title, then the first heading, then the file's name.
func TestChooseTitleTakesTheFirstPlaceThatGivesOne(t *testing.T) {
	fm := func(s string) *string { return &s }
	const body = "# From the *heading*\n\nText.\n"
	tests := []struct {
		name string
		src  TitleSources
		want Title
	}{
		{"given", TitleSources{Given: " Given  **as is** ", FrontMatter: fm("F"), Body: body, FileName: "n.md"}, Title{Text: "Given **as is**", Origin: TitleGiven}},
		{"front matter", TitleSources{FrontMatter: fm("**Privacy** Policy"), Body: body, FileName: "n.md"}, Title{Text: "Privacy Policy", Origin: TitleFrontMatter}},
		{"heading", TitleSources{Body: body, FileName: "n.md"}, Title{Text: "From the heading", Origin: TitleHeading, Line: 1}},
		{"file name", TitleSources{Body: "Text.\n", FileName: "LiveJournal/Terms of Service.md"}, Title{Text: "Terms of Service", Origin: TitleFileName}},
		{"nothing", TitleSources{Body: "Text.\n"}, Title{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ChooseTitle(tc.src)
			if err != nil || got != tc.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// TestPlainTitleRemovesMarkdownAndKeepsText: a front matter title loses its
// Markdown as a heading does, and keeps what only looks like Markdown.
func TestPlainTitleRemovesMarkdownAndKeepsText(t *testing.T) {
	for in, want := range map[string]string{
		"**Privacy** Policy":                     "Privacy Policy",
		"__Privacy__ _Policy_ *of* the ~~site~~": "Privacy Policy of the site",
		"[](#1-introduction)1\\. Introduction":   "1. Introduction",
		"[Terms](https://example.com) of Use":    "Terms of Use",
		"`code` <b>bold</b> &laquo;x&raquo;":     "code bold «x»",
		"Terms {: #terms}":                       "Terms",
		"Terms {#terms}":                         "Terms",
		"Политика *конфиденциальности*":          "Политика конфиденциальности",
		"  spaced \t out \n over lines ":         "spaced out over lines",
		"C# and F#":                              "C# and F#",
		"#1 policy":                              "#1 policy",
		"AT&T Terms":                             "AT&T Terms",
		"5 * 3 = 15":                             "5 * 3 = 15",
		"Terms_of_Service":                       "Terms_of_Service",
		"1. Introduction":                        "1. Introduction",
		"- dash":                                 "- dash",
		"> quote":                                "> quote",
		"a \\{: b}":                              "a {: b}",
		"Terms \\# not a comment":                "Terms # not a comment",
		"":                                       "",
	} {
		got, err := PlainTitle(in)
		if err != nil || got != want {
			t.Errorf("PlainTitle(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := PlainTitle(strings.Repeat("[", 200)); err == nil || !strings.Contains(err.Error(), "brackets") {
		t.Errorf("a title of 200 brackets: err = %v, want the nesting limits' error", err)
	}
}

func TestFileTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Terms of Service.md":             "Terms of Service",
		"LiveJournal/Terms of Service.md": "Terms of Service",
		`C:\old\Privacy Policy.markdown`:  "Privacy Policy",
		"2024-02-01_privacy_notice.txt":   "privacy notice",
		"2024-02-01-terms.md":             "terms",
		"2024-02-01.md":                   "2024-02-01",
		"terms-v1.2":                      "terms-v1.2",
		"README":                          "README",
		"":                                "",
	} {
		if got := FileTitle(in); got != want {
			t.Errorf("FileTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParseEditionTakesTheTitleFromTheFirstHeading: an edition without a
// front matter title takes its first heading's, which the body then does
// not say twice; lines keep their numbers in the file.
func TestParseEditionTakesTheTitleFromTheFirstHeading(t *testing.T) {
	tests := []struct {
		name, src, title, body string
		bodyLine               int
	}{
		{"an ATX heading after blank lines", "---\nposted: 2024-03-01\n---\n\n# Privacy **Policy**\n\n1.1. Text.\n", "Privacy Policy", "1.1. Text.\n", 7},
		{"a setext heading", "---\nsummary: s\n---\nUser Agreement\n===\n1.1. Text.\n", "User Agreement", "1.1. Text.\n", 6},
		{"TOML, CRLF", "+++\r\nposted = 2024-03-01\r\n+++\r\n## Terms\r\n\r\nText.\r\n", "Terms", "Text.\n", 6},
		{"a heading after text stays", "---\nposted: 2024-03-01\n---\nIntro.\n\n## Terms\n", "Terms", "Intro.\n\n## Terms\n", 4},
		{"a numbered section stays", "---\nposted: 2024-03-01\n---\n## 1\\. General\n\n1.1. Text.\n", "1. General", "## 1\\. General\n\n1.1. Text.\n", 4},
		{"the front matter's title wins, and the heading stays", "---\ntitle: '**Privacy** Policy'\n---\n# Other\n\nText.\n", "Privacy Policy", "# Other\n\nText.\n", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _, err := parse(t, "2024-03-01.en.md", tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if e.Title != tc.title || e.Body != tc.body || e.BodyLine != tc.bodyLine {
				t.Errorf("title %q, body %q at line %d; want %q, %q at %d", e.Title, e.Body, e.BodyLine, tc.title, tc.body, tc.bodyLine)
			}
		})
	}
}

// TestParseEditionWithoutAUsableTitle: no front matter title and no
// heading is an error at line 1; a heading that would leak a bidi control,
// at its line; a front matter title that is only Markdown, at its line;
// and a text that is its title heading alone has no text.
func TestParseEditionWithoutAUsableTitle(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		want      string
	}{
		{"no title and no heading", "---\nposted: 2024-03-01\n---\nText.\n\n### Not level 1 or 2\n", 1, "front matter has no title, and the text no heading"},
		{"a heading that leaves a bidi control open", "---\nposted: 2024-03-01\n---\n\n# Terms \u202e\n", 5, "the title, taken from this heading: title: bidi control U+202E is never closed"},
		{"a front matter title of Markdown alone", "---\ntitle: '<b></b>'\n---\n# Terms\n", 2, "title must be non-empty text"},
		{"the title heading alone", "---\nposted: 2024-03-01\n---\n# Terms\n\n", 6, "no text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := parse(t, "2024-03-01.en.md", tc.src)
			var se *policy.SourceError
			if !errors.As(err, &se) || se.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want line %d and %q", err, tc.line, tc.want)
			}
		})
	}
}

// FuzzWrittenTitleReadsBack: a title WriteEdition accepts is read back by
// ParseEdition as the same text, with its white space collapsed, whatever
// Markdown it seems to hold.
func FuzzWrittenTitleReadsBack(f *testing.F) {
	for _, s := range []string{"**Privacy** Policy", "1\\. x", "C#", "a #", "&amp; &x", "[a](b) ![c](d) {: e} {#f}", "<b>x</b> `y`", "\\", "_a_b_", "~~s~~ | t", "*", "x {.y}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		if !utf8.ValidString(title) || strings.ContainsFunc(title, unicode.IsControl) || titleProblem(collapse(title)) != "" {
			return
		}
		if _, err := PlainTitle(title); err != nil {
			return // over the nesting limits
		}
		written, plain, err := writtenTitle(title)
		if err != nil {
			t.Fatalf("writtenTitle(%q): %v", title, err)
		}
		if got, err := PlainTitle(written); err != nil || got != plain || plain != collapse(title) {
			t.Fatalf("%q written %q reads back %q, %v", title, written, got, err)
		}
	})
}
