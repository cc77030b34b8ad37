package config

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"policysite/internal/policy"
)

// numbered is a config whose lines the tests below refer to by number.
var numbered = []string{
	/* 1 */ "# The site's config.",
	/* 2 */ `base_url = "https://x.example/"`,
	/* 3 */ `time_zone = "Europe/Moscow"`,
	/* 4 */ `policies = ["privacy", "terms"]`,
	/* 5 */ `privacy_policy = "privacy"`,
	/* 6 */ `terms_of_service = "terms"`,
	/* 7 */ `prevailing_language = "ru"`,
	/* 8 */ "",
	/* 9 */ "[[languages]]",
	/* 10 */ `code = "ru"`,
	/* 11 */ `name = "Русский"`,
	/* 12 */ `title = "Документы"`,
	/* 13 */ "",
	/* 14 */ "[[languages]] # the second",
	/* 15 */ `code = "en"`,
	/* 16 */ `name = "English"`,
	/* 17 */ `title = "Documents"`,
}

// numberedWith returns the numbered config with line n (1-based) replaced
// by with, which may hold several lines or none.
func numberedWith(n int, with string) string {
	lines := append([]string(nil), numbered...)
	lines[n-1] = with
	return strings.Join(lines, "\n") + "\n"
}

// TestErrorsNameTheLine: every mistake in the config is reported at the
// line of the key that holds it, or of the table that lacks a key, so that
// the author goes straight to it.
func TestErrorsNameTheLine(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown time zone", numberedWith(3, `time_zone = "Europe/Mscow"`),
			`policysite.toml:3: time_zone "Europe/Mscow": unknown time zone Europe/Mscow`},
		{"time zone under a quoted key", numberedWith(3, `"time_zone" = "Mars/Olympus"`), `policysite.toml:3: time_zone "Mars/Olympus"`},
		{"time zone under a key in capitals", numberedWith(3, `Time_Zone = "Mars/Olympus"`), `policysite.toml:3: time_zone "Mars/Olympus"`},
		{"time zone written twice, in two cases", numberedWith(3, "time_zone = \"UTC\"\nTIME_ZONE = \"Mars/Olympus\""), `policysite.toml:4: time_zone "Mars/Olympus"`},
		{"base_url alone, in capitals", `BAse_url="00000000"`, `policysite.toml:1: base_url: "00000000": give an absolute URL`},
		{"time zone of another type", numberedWith(3, `time_zone = 3`), "policysite.toml:3: toml: cannot decode TOML integer into struct field"},
		{"base_url", numberedWith(2, `base_url = "https://x.example"`), `policysite.toml:2: base_url: "https://x.example" must end with a slash`},
		{"policy slug", numberedWith(4, `policies = ["privacy", "Terms"]`), `policysite.toml:4: policies: "Terms" is not a policy slug ([a-z0-9-]+)`},
		{"policy slug in a list over lines", numberedWith(4, "policies = [\n  \"privacy\",\n  # the terms\n  \"../terms\",\n]"),
			`policysite.toml:7: policies: "../terms" is not a policy slug`},
		{"privacy_policy", numberedWith(5, `privacy_policy = "Privacy"`), `policysite.toml:5: privacy_policy: "Privacy" is not a policy slug ([a-z0-9-]+)`},
		{"terms_of_service", numberedWith(6, `terms_of_service = "terms/2024"`), `policysite.toml:6: terms_of_service: "terms/2024" is not a policy slug ([a-z0-9-]+)`},
		{"prevailing_language", numberedWith(7, `prevailing_language = "de"`),
			`policysite.toml:7: prevailing_language "de" is not one of the site's languages (ru, en)`},
		{"unknown key", numberedWith(8, `timezone = "UTC"`), `policysite.toml:8: unknown key "timezone"`},
		{"unknown key in the second language", numberedWith(16, `nam = "English"`), `policysite.toml:16: unknown key "languages.nam"`},
		{"second language's code", numberedWith(15, `code = "EN"`),
			`policysite.toml:15: languages[1]: code "EN" must be a lowercase ISO 639 code such as "ru"`},
		{"language twice", numberedWith(15, `code = "ru"`), `policysite.toml:15: language "ru" is listed twice`},
		{"code missing", numberedWith(15, ""), `policysite.toml:14: languages[1]: code "" must be a lowercase ISO 639 code such as "ru"`},
		{"title missing", numberedWith(17, ""), `policysite.toml:14: language "en" needs a name and a title`},
		{"name empty", numberedWith(16, `name = ""`), `policysite.toml:16: language "en" needs a name and a title`},
		{"no languages", strings.Join(numbered[:7], "\n") + "\n", "policysite.toml:1: no [[languages]]: the site needs at least one"},
		{"an empty list of languages", strings.Join(numbered[:7], "\n") + "\n\nlanguages = []\n", "policysite.toml:9: no [[languages]]"},
		{"languages as inline tables", strings.Join(numbered[:7], "\n") + "\nlanguages = [\n  {code = \"ru\", name = \"Р\", title = \"Д\"},\n  {code = \"RU\", name = \"Р\", title = \"Д\"},\n]\n",
			`policysite.toml:10: languages[1]: code "RU"`},
		{"a header in a multi-line string", strings.Replace(numberedWith(12, "title = \"\"\"\n[[languages]]\ncode = \"xx\"\n\"\"\""), `code = "en"`, `code = "EN"`, 1),
			`policysite.toml:18: languages[1]: code "EN"`},
		{"unterminated string", numberedWith(11, `name = "Русский`), "policysite.toml:11: toml: "},
		{"value missing at the end", strings.Join(numbered, "\n") + "\nmore =", "policysite.toml:18: toml: "},
		// go-toml takes [[LANGUAGES]] for the same field, but as a new
		// array: the languages before it are dropped.
		{"a language header in capitals", strings.Replace(numberedWith(14, "[[LANGUAGES]]"), `code = "en"`, `Code = "EN"`, 1),
			`policysite.toml:15: languages[0]: code "EN"`},
		{"headers in two cases", strings.Join(numbered, "\n") + "\n[[Languages]]\ncode = \"de\"\nname = \"D\"\ntitle = \"D\"\n[[languages]]\ncode = \"de\"\n",
			`policysite.toml:23: language "de" is listed twice`},
		{"table redefined", numberedWith(13, "[languages]"), "policysite.toml:13: toml: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(FileName, []byte(tc.src))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v\nwant it to start with %s", err, tc.want)
			}
		})
	}
}

// TestNumberedIsGood: the config the tests above break is itself accepted,
// so that each of them fails for its own mistake.
func TestNumberedIsGood(t *testing.T) {
	if _, err := Parse(FileName, []byte(strings.Join(numbered, "\n"))); err != nil {
		t.Fatal(err)
	}
}

// indexed is a document with a key, table or array element of each kind
// that TestLineIndex looks up by line.
const indexed = `# base_url = "in a comment"
base_url = "/"
"quoted" = 1
dotted.key = 2
text = """
[[languages]]
code = 'in a string'
"""
list = [
  "a",
  ["b", "c"],
  [],
  {k = 1},
]

[[languages]]
code = "ru"

[[languages]]
code = "en"
inline = { a = 1,
  b = 2 }

[languages.extra]
x = 1

[[a]]
[[a.b]]
[[a]]
[[a.b]]
y = 1

[t]
z = 1

[[Up]]
Key = 1
`

// TestLineIndex: the paths of keys, tables and array elements, each at the
// line where it is written, and no line for what is not there.
func TestLineIndex(t *testing.T) {
	x := indexLines([]byte(indexed))
	tests := []struct {
		path string
		want int
	}{
		{"", 1},
		{"base_url", 2},
		{"quoted", 3},
		{"dotted.key", 4},
		{"dotted", 0},
		{"text", 5},
		{"list", 9},
		{"list[0]", 10},
		{"list[1]", 11},
		{"list[1][1]", 11},
		{"list[2]", 9},
		{"list[3]", 13},
		{"list[3].k", 13},
		{"list[4]", 0},
		{"languages", 0},
		{"languages[0]", 16},
		{"languages[0].code", 17},
		{"languages[1]", 19},
		{"languages[1].code", 20},
		{"languages[1].inline.b", 22},
		{"languages[1].extra", 24},
		{"languages[1].extra.x", 25},
		{"languages[2]", 0},
		{"a[0]", 27},
		{"a[0].b[0]", 28},
		{"a[1]", 29},
		{"a[1].b[0]", 30},
		{"a[1].b[0].y", 31},
		{"a[0].b[1]", 0},
		{"t.z", 34},
		{"z", 0},
		{"up[0]", 36},
		{"up[0].key", 37},
		{"Up[0]", 0},
	}
	for _, tc := range tests {
		if got := x.line(tc.path); got != tc.want {
			t.Errorf("line(%q) = %d, want %d", tc.path, got, tc.want)
		}
	}
	if got := x.line("missing", "languages[1]", "base_url"); got != 19 {
		t.Errorf("line falls back to %d, want 19", got)
	}
}

// TestLineIndexOfAMistake: a document that does not parse is indexed up to
// its mistake, and an empty one has no root line.
func TestLineIndexOfAMistake(t *testing.T) {
	x := indexLines([]byte("a = 1\n=\nb = 2\n"))
	if x.line("a") != 1 || x.line("b") != 0 {
		t.Errorf("a at %d, b at %d; want 1 and 0", x.line("a"), x.line("b"))
	}
	if got := indexLines(nil).line(""); got != 0 {
		t.Errorf("the root of an empty document at %d, want 0", got)
	}
}

// FuzzParse: whatever the file holds, Parse does not panic, and each error
// names a line of the file, or none only when the file is empty.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte(strings.Join(numbered, "\n")))
	f.Add([]byte(numberedWith(15, `code = "ru"`)))
	f.Add([]byte(numberedWith(12, "title = \"\"\"\n[[languages]]\n\"\"\"")))
	f.Add([]byte("languages = [{code = \"ru\", name = \"Р\", title = \"Д\"}, {code = \"x\"}]\n"))
	f.Add([]byte("[[a]]\n[[a.b]]\n[a.c]\n"))
	f.Add([]byte("base_url = \n"))
	f.Add([]byte("\r\n\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse(FileName, data)
		if err == nil {
			return
		}
		var se *policy.SourceError
		if !errors.As(err, &se) {
			t.Fatalf("%T is not a SourceError: %v", err, err)
		}
		n := lineCount(data)
		if len(data) == 0 && se.Line != 0 || len(data) > 0 && (se.Line < 1 || se.Line > n) {
			t.Fatalf("line %d of a document of %d lines (%d bytes): %v", se.Line, n, len(data), err)
		}
	})
}

// lineCount returns how many lines data has, counting a last line without
// a line feed.
func lineCount(data []byte) int {
	n := bytes.Count(data, []byte{'\n'})
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}
