package source

import (
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
)

// writeEdition is WriteEdition into a string.
func writeEdition(fm FrontMatter, body string) (string, error) {
	var b strings.Builder
	err := WriteEdition(&b, fm, body)
	return b.String(), err
}

// TestWriteEditionReadsBack: what WriteEdition writes, ParseEdition reads
// back as the same fields, in YAML and in TOML, whatever the title holds.
func TestWriteEditionReadsBack(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	day := func(s string) time.Time {
		v, err := time.ParseInLocation(time.DateOnly, s, msk)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	const body = "\n## 1. Общие положения\n\n1.1. Текст: «кавычки» и # не комментарий.\n"
	base := FrontMatter{Title: "Terms", Posted: day("2026-12-01")}
	with := func(f func(*FrontMatter)) FrontMatter {
		fm := base
		f(&fm)
		return fm
	}
	title := func(s string) FrontMatter { return with(func(fm *FrontMatter) { fm.Title = s }) }
	tests := []struct {
		name string
		fm   FrontMatter
		body string
		// title is what is read back when not fm.Title.
		title string
	}{
		{name: "a plain title", fm: base},
		{name: "a Cyrillic title", fm: title("Политика конфиденциальности ООО «Ромашка»")},
		{name: "double and single quotes", fm: title(`"Terms" of the 'site' and it's "best"`)},
		{name: "a colon", fm: title("Privacy: the notice")},
		{name: "a colon and space at the end", fm: title("Privacy:")},
		{name: "a leading #", fm: title("#1 policy")},
		{name: "a # after a space", fm: title("Terms # not a comment")},
		{name: "spaces around", fm: title("  Terms \t"), title: "Terms"},
		{name: "words YAML reads as other values", fm: title("null")},
		{name: "yes", fm: title("yes")},
		{name: "a number", fm: title("2024")},
		{name: "a date", fm: title("2024-03-01")},
		{name: "a tilde", fm: title("~")},
		{name: "YAML indicators", fm: title("- [x] {y} &a *b !c %d @e `f` |g >h")},
		{name: "TOML quotes", fm: title(`''' """ \ \n`)},
		{name: "a tab inside, written as the space the parser reads", fm: title("Terms\tof  use"), title: "Terms of use"},
		{name: "Markdown's marks, escaped so that they stay text", fm: title(`**Privacy** \ [a](b) <b> &amp; _x_ {: #id} ~~y~~ ![i](j) C#`)},
		{name: "an escape that a plain title holds", fm: title(`1\. Introduction`)},
		{name: "a long title", fm: title(strings.Repeat("Условия использования сервиса, ", 12) + "конец")},
		{name: "an emoji", fm: title("Terms 📜")},
		{name: "posted at a moment", fm: with(func(fm *FrontMatter) { fm.Posted, fm.PostedHasTime = at("2026-12-01T10:00:00+03:00"), true })},
		{name: "posted in UTC", fm: with(func(fm *FrontMatter) { fm.Posted, fm.PostedHasTime = at("2026-11-30T22:30:00Z"), true })},
		{name: "posted in another zone", fm: with(func(fm *FrontMatter) { fm.Posted, fm.PostedHasTime = at("2026-11-30T18:30:00-05:30"), true })},
		{name: "posted with fractions of a second", fm: with(func(fm *FrontMatter) { fm.Posted, fm.PostedHasTime = at("2026-12-01T10:00:00.25+03:00"), true })},
		{name: "effective a later date", fm: with(func(fm *FrontMatter) { fm.Effective = day("2027-01-01") })},
		{name: "effective the same day", fm: with(func(fm *FrontMatter) { fm.Effective = day("2026-12-01") })},
		{name: "effective at a moment in another zone", fm: with(func(fm *FrontMatter) {
			fm.Posted, fm.PostedHasTime = at("2026-12-01T10:00:00+03:00"), true
			fm.Effective, fm.EffectiveHasTime = at("2026-12-01T09:00:00Z"), true
		})},
		{name: "a draft", fm: with(func(fm *FrontMatter) { fm.Draft = true })},
		{name: "a draft with effective", fm: with(func(fm *FrontMatter) { fm.Draft, fm.Effective = true, day("2027-01-01") })},
		{name: "a summary", fm: with(func(fm *FrontMatter) { fm.Summary = `Clause 2: "data" # kept` })},
		{name: "a summary in a draft", fm: with(func(fm *FrontMatter) { fm.Draft, fm.Summary = true, "Новое: сроки" })},
		{name: "a CRLF body", fm: with(func(fm *FrontMatter) { fm.Effective = day("2027-01-01") }), body: "Line 1\r\n\r\nLine 2\r\n"},
		{name: "a body without a final newline", fm: base, body: "Text."},
	}
	for _, tc := range tests {
		for _, format := range []string{"yaml", "toml"} {
			t.Run(tc.name+", "+format, func(t *testing.T) {
				fm := tc.fm
				fm.TOML = format == "toml"
				b := tc.body
				if b == "" {
					b = body
				}
				want := fm.Title
				if tc.title != "" {
					want = tc.title
				}
				checkReadsBack(t, fm, b, want)
			})
		}
	}
}

// checkReadsBack writes fm and b, parses the file, and checks that it
// reads back as fm with title and the body b.
func checkReadsBack(t *testing.T, fm FrontMatter, b, title string) {
	t.Helper()
	data, err := writeEdition(fm, b)
	if err != nil {
		t.Fatal(err)
	}
	name := FileName{ID: policy.ID{Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Seq: 1}, Lang: "ru"}
	e, warns, err := ParseEdition([]byte(data), ParseOptions{File: "f.md", Policy: "p", Name: name, Location: msk})
	if err != nil {
		t.Fatalf("does not parse: %v\n%s", err, data)
	}
	for _, w := range warns {
		if !strings.Contains(w.Error(), "is not the date in the file name") {
			t.Errorf("warning: %v\n%s", w, data)
		}
	}
	if e.Title != title {
		t.Errorf("title %q, want %q\n%s", e.Title, title, data)
	}
	if !e.Posted.Equal(fm.Posted) || e.PostedHasTime != fm.PostedHasTime {
		t.Errorf("posted %v (time given: %v), want %v (%v)\n%s", e.Posted, e.PostedHasTime, fm.Posted, fm.PostedHasTime, data)
	}
	wantEff, wantEffTime := fm.Effective, fm.EffectiveHasTime
	if fm.Effective.IsZero() {
		wantEff, wantEffTime = fm.Posted, fm.PostedHasTime
	}
	if e.EffectiveSet == fm.Effective.IsZero() || !e.Effective.Equal(wantEff) || e.EffectiveHasTime != wantEffTime {
		t.Errorf("effective %v (set: %v, time given: %v), want %v\n%s", e.Effective, e.EffectiveSet, e.EffectiveHasTime, wantEff, data)
	}
	if e.Summary != fm.Summary {
		t.Errorf("summary %q, want %q", e.Summary, fm.Summary)
	}
	if e.Body != normalize([]byte(b)) {
		t.Errorf("body %q, want %q", e.Body, b)
	}
	if e.Draft != fm.Draft {
		t.Errorf("read as a draft: %v, want %v\n%s", e.Draft, fm.Draft, data)
	}
	if e.TOML != fm.TOML {
		t.Errorf("read as TOML: %v\n%s", e.TOML, data)
	}
	if crlf := strings.Contains(b, "\r\n"); crlf != (strings.Count(data, "\r\n") == strings.Count(data, "\n")) {
		t.Errorf("line endings mixed:\n%q", data)
	}
}

// TestWriteEditionRefuses: front matter that would not read back as given
// is refused rather than written.
func TestWriteEditionRefuses(t *testing.T) {
	posted := time.Date(2026, 12, 1, 0, 0, 0, 0, msk)
	tests := []struct {
		name string
		fm   FrontMatter
		want string
	}{
		{"a title of two lines", FrontMatter{Title: "Terms\nof use", Posted: posted}, `the title "Terms\nof use" is more than one line`},
		{"a title with a carriage return", FrontMatter{Title: "Terms\rof use", Posted: posted}, "is more than one line"},
		{"a summary of two lines", FrontMatter{Title: "T", Summary: "a\nb", Posted: posted}, `the summary "a\nb" is more than one line`},
		{"an empty title", FrontMatter{Posted: posted}, "the title is empty"},
		{"a title of spaces", FrontMatter{Title: " \t ", Posted: posted}, "the title is empty"},
		{"a title that is not UTF-8", FrontMatter{Title: "T\xff", Posted: posted}, "is not UTF-8 text"},
		{"a NUL in the title", FrontMatter{Title: "T\x00", Posted: posted}, "holds a control character"},
		{"no posted", FrontMatter{Title: "T"}, "posted is not set"},
		{"effective before posted", FrontMatter{Title: "T", Posted: posted, Effective: posted.AddDate(0, 0, -1)}, "effective 2026-11-30 is before posted 2026-12-01"},
	}
	for _, tc := range tests {
		for _, toml := range []bool{false, true} {
			fm := tc.fm
			fm.TOML = toml
			var b strings.Builder
			err := WriteEdition(&b, fm, "Text.\n")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s (TOML %v): err = %v, want %q", tc.name, toml, err, tc.want)
			}
			if b.Len() > 0 {
				t.Errorf("%s (TOML %v): wrote %q before refusing", tc.name, toml, b.String())
			}
		}
	}
}

// TestWriteEditionFormat pins the bytes `policysite new` and `policysite
// import` write, which authors see and edit.
func TestWriteEditionFormat(t *testing.T) {
	posted := time.Date(2024, 6, 2, 0, 0, 0, 0, msk)
	tests := []struct {
		name string
		fm   FrontMatter
		body string
		want string
	}{
		{"a draft, as new writes it", FrontMatter{Title: "Условия", Posted: posted, Draft: true}, "\nText.\n",
			"---\ntitle: Условия\nposted: 2024-06-02\n# effective: only if the edition takes effect later than it is posted, as a date or an RFC 3339 moment; without it, it takes effect when posted\n# summary: one line on what changed, shown above the text\nsummary: \"\"\n# draft: true keeps the edition off the site whatever its posted date; delete the line when the edition is ready\ndraft: true\n---\n\nText.\n"},
		{"a draft in TOML", FrontMatter{TOML: true, Title: "It's", Posted: posted.Add(10 * time.Hour), PostedHasTime: true, Draft: true}, "Text.\n",
			"+++\ntitle = \"It's\"\nposted = 2024-06-02T10:00:00+03:00\n# effective = only if the edition takes effect later than it is posted, as a date or an RFC 3339 moment; without it, it takes effect when posted\n# summary = one line on what changed, shown above the text\nsummary = \"\"\n# draft = true keeps the edition off the site whatever its posted date; delete the line when the edition is ready\ndraft = true\n+++\nText.\n"},
		{"an import", FrontMatter{Title: "Privacy: the notice", Posted: posted, Effective: posted.AddDate(0, 1, 0)}, "Text.\n",
			"---\ntitle: 'Privacy: the notice'\nposted: 2024-06-02\neffective: 2024-07-02\n---\nText.\n"},
		{"an import with CRLF", FrontMatter{Title: "T", Posted: posted}, "Text.\r\n",
			"---\r\ntitle: T\r\nposted: 2024-06-02\r\n---\r\nText.\r\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := writeEdition(tc.fm, tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
