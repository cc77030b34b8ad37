package source

import (
	"errors"
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
)

// TestParseEditionRefusesTitlesThatShowNothingOrLeakBidi: a title of
// invisible characters is empty, and a bidi control it leaves open would
// reverse what the page shows after it; both are errors at the title's
// line, in YAML and TOML.
func TestParseEditionRefusesTitlesThatShowNothingOrLeakBidi(t *testing.T) {
	tests := []struct {
		name, title string
		want        string
	}{
		{"zero-width spaces and joiners", "\u200B\u200C\u200D", "holds only invisible characters"},
		{"a word joiner and a BOM", " \u2060\uFEFF ", "holds only invisible characters"},
		{"bidi marks", "\u200E\u200F", "holds only invisible characters"},
		{"a closed isolate around nothing", "\u2068\u2069", "holds only invisible characters"},
		{"an unterminated right-to-left override", "Terms \u202E of use", "bidi control U+202E is never closed: close it with U+202C"},
		{"an unterminated isolate", "Terms \u2067", "bidi control U+2067 is never closed: close it with U+2069"},
		{"a pop with nothing to close", "Terms \u202C", "bidi control U+202C closes nothing"},
		{"an isolate closed while an override inside is open", "\u2067a\u202Eb\u2069", "U+202E is still open where U+2069 closes"},
	}
	for _, tc := range tests {
		for _, format := range []struct{ name, src string }{
			{"YAML", "---\nsummary: s\ntitle: \"" + tc.title + "\"\n---\nx\n"},
			{"TOML", "+++\nsummary = \"s\"\ntitle = \"" + tc.title + "\"\n+++\nx\n"},
		} {
			t.Run(tc.name+"/"+format.name, func(t *testing.T) {
				_, _, err := parse(t, "2024-03-01.ru.md", format.src)
				var se *policy.SourceError
				if !errors.As(err, &se) {
					t.Fatalf("err = %v, want a *policy.SourceError", err)
				}
				if se.File != "versions/privacy/2024-03-01.ru.md" || se.Line != 3 {
					t.Errorf("at %s:%d, want the title's line 3 (%v)", se.File, se.Line, err)
				}
				if !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error %q does not mention %q", err, tc.want)
				}
			})
		}
	}
}

// TestParseEditionRefusesASummaryThatLeaksBidi: the summary is shown
// inside the site's own text as the title is, so an open bidi control in
// it is an error at its line; closed ones are kept.
func TestParseEditionRefusesASummaryThatLeaksBidi(t *testing.T) {
	for summary, want := range map[string]string{
		"Clause 3 \u202Echanged":     "summary: bidi control U+202E is never closed",
		"Clause 3 \u2069":            "summary: bidi control U+2069 closes nothing",
		"Clause \u2067שלום\u2069 ok": "",
	} {
		_, _, err := parse(t, "2024-03-01.ru.md", "---\ntitle: T\nsummary: \""+summary+"\"\n---\nx\n")
		if want == "" {
			if err != nil {
				t.Errorf("%+q: %v", summary, err)
			}
			continue
		}
		var se *policy.SourceError
		if !errors.As(err, &se) || se.Line != 3 || !strings.Contains(err.Error(), want) {
			t.Errorf("%+q: err = %v, want %q at line 3", summary, err, want)
		}
		var b strings.Builder
		if err := WriteEdition(&b, FrontMatter{Title: "T", Summary: summary, Posted: time.Date(2026, 12, 1, 0, 0, 0, 0, msk)}, "x\n"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("WriteEdition with summary %+q: err = %v, want %q", summary, err, want)
		}
	}
}

// TestParseEditionAcceptsTitlesWithClosedBidi: controls closed in order,
// and invisible characters beside visible text, are kept as written.
func TestParseEditionAcceptsTitlesWithClosedBidi(t *testing.T) {
	for _, title := range []string{
		"Политика \u2067שלום\u2069 конфиденциальности",
		"\u202Bעברית\u202C and \u2066English\u2069",
		"\u2067a\u202Eb\u202C\u2069",
		"Zero\u200Bwidth",
	} {
		e, _, err := parse(t, "2024-03-01.ru.md", "---\ntitle: \""+title+"\"\n---\nx\n")
		if err != nil {
			t.Errorf("%+q: %v", title, err)
			continue
		}
		if e.Title != title {
			t.Errorf("title = %+q, want %+q", e.Title, title)
		}
	}
}

// TestWriteEditionRefusesWhatTheParserRefuses: new and import cannot write
// a title or a moment that the parser would refuse.
func TestWriteEditionRefusesWhatTheParserRefuses(t *testing.T) {
	posted := time.Date(2026, 12, 1, 10, 0, 0, 0, msk)
	tests := []struct {
		name string
		fm   FrontMatter
		want string
	}{
		{"an invisible title", FrontMatter{Title: "\u200B\u202E\u202C", Posted: posted}, "holds only invisible characters"},
		{"a title with an override left open", FrontMatter{Title: "Terms \u202Eof use", Posted: posted}, "U+202E is never closed"},
		{"posted at +24:00", FrontMatter{Title: "T", Posted: time.Date(2026, 12, 1, 10, 0, 0, 0, time.FixedZone("", 24*3600)), PostedHasTime: true}, "posted 2026-12-01T10:00:00+24:00: bad UTC offset"},
		{"posted at +15:30", FrontMatter{Title: "T", Posted: time.Date(2026, 12, 1, 10, 0, 0, 0, time.FixedZone("", 15*3600+1800)), PostedHasTime: true}, "no time zone is +15:30"},
		{"effective with an offset of seconds", FrontMatter{Title: "T", Posted: posted, PostedHasTime: true, Effective: time.Date(2026, 12, 2, 10, 0, 0, 0, time.FixedZone("", 3*3600+30)), EffectiveHasTime: true}, "+03:00:30 is not an offset RFC 3339 can write"},
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
