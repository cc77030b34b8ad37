package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
	"policysite/internal/source"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustID(t *testing.T, s string) policy.ID {
	t.Helper()
	id, err := policy.ParseID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestParsePosted(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	for _, tc := range []struct {
		in, want, value string // want is RFC 3339; empty when in is refused
	}{
		{"2026-12-01", "2026-12-01T00:00:00+03:00", "2026-12-01"},
		{" 2026-12-01 ", "2026-12-01T00:00:00+03:00", "2026-12-01"},
		{"2026-12-01T10:00:00+03:00", "2026-12-01T10:00:00+03:00", "2026-12-01T10:00:00+03:00"},
		{"2026-11-30T22:30:00Z", "2026-12-01T01:30:00+03:00", "2026-11-30T22:30:00Z"},
		{"2026-02-30", "", ""},
		{"2026-12-01 10:00", "", ""}, // no zone: ambiguous on a command line
		{"tomorrow", "", ""},
		{"", "", ""},
	} {
		m, err := parsePosted(tc.in, msk)
		// value is what the front matter gets.
		got, value := m.t, source.FormatMoment(m.t, m.hasTime)
		if tc.want == "" {
			if err == nil {
				t.Errorf("parsePosted(%q) = %v, want an error", tc.in, got)
			} else if !strings.Contains(err.Error(), "is not a date such as 2026-12-01 or an RFC 3339 date-time") {
				t.Errorf("parsePosted(%q): error %q does not say what is wanted", tc.in, err)
			}
			continue
		}
		want, _ := time.Parse(time.RFC3339, tc.want)
		if err != nil || !got.Equal(want) || value != tc.value {
			t.Errorf("parsePosted(%q) = %v, %q, %v; want %v, %q", tc.in, got, value, err, want, tc.value)
		}
	}
}

func TestNextMidnight(t *testing.T) {
	for _, tc := range []struct {
		zone, now, want string
	}{
		{"Europe/Moscow", "2026-11-21T10:00:00+03:00", "2026-11-22T00:00:00+03:00"},
		// Just before midnight in Moscow, the next midnight is minutes away.
		{"Europe/Moscow", "2026-11-21T20:59:00Z", "2026-11-22T00:00:00+03:00"},
		// Midnight itself is not after itself.
		{"Europe/Moscow", "2026-11-22T00:00:00+03:00", "2026-11-23T00:00:00+03:00"},
		// The site's zone decides the day, not --now's.
		{"Europe/Moscow", "2026-11-21T22:00:00-05:00", "2026-11-23T00:00:00+03:00"},
		{"UTC", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z"},
		// A day of 23 hours: midnight is still midnight.
		{"Europe/Berlin", "2026-03-29T12:00:00+02:00", "2026-03-30T00:00:00+02:00"},
	} {
		now, _ := time.Parse(time.RFC3339, tc.now)
		want, _ := time.Parse(time.RFC3339, tc.want)
		if got := nextMidnight(now, mustLoc(t, tc.zone)); !got.Equal(want) {
			t.Errorf("nextMidnight(%s in %s) = %s, want %s", tc.now, tc.zone, got.Format(time.RFC3339), tc.want)
		}
	}
}

func TestNewID(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	for _, tc := range []struct {
		posted string
		taken  []string
		want   string
	}{
		{"2026-12-01T00:00:00+03:00", nil, "2026-12-01"},
		{"2026-12-01T00:00:00+03:00", []string{"2025-09-01", "2026-11-30"}, "2026-12-01"},
		{"2026-12-01T00:00:00+03:00", []string{"2025-09-01", "2026-12-01"}, "2026-12-01-2"},
		{"2026-12-01T15:00:00+03:00", []string{"2026-12-01", "2026-12-01-2"}, "2026-12-01-3"},
		// After the highest of the day, not in a gap, so that the new
		// edition follows the day's others.
		{"2026-12-01T15:00:00+03:00", []string{"2026-12-01", "2026-12-01-3"}, "2026-12-01-4"},
		// The same id in two languages counts once.
		{"2026-12-01T00:00:00+03:00", []string{"2026-12-01", "2026-12-01"}, "2026-12-01-2"},
		// The date is the site's: 22:30 UTC is the next day in Moscow.
		{"2026-11-30T22:30:00Z", []string{"2026-11-30"}, "2026-12-01"},
	} {
		posted, _ := time.Parse(time.RFC3339, tc.posted)
		var taken []policy.ID
		for _, s := range tc.taken {
			taken = append(taken, mustID(t, s))
		}
		if got := newID(posted, msk, taken); got.String() != tc.want {
			t.Errorf("newID(%s, %v) = %s, want %s", tc.posted, tc.taken, got, tc.want)
		}
	}
}

// TestDraftParses checks that every file new writes reads back, with the
// repository's own parser, as the edition it means: the copied title and
// body, the new posted moment, no effective and an empty summary.
func TestDraftParses(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	body := "\n## 1. Общие положения\n\n1.1. Текст: «кавычки» и # не комментарий.\n"
	for _, tc := range []struct {
		name, file, posted string
	}{
		{"yaml", "---\ntitle: Политика конфиденциальности\nposted: 2025-09-01T12:00:00+03:00\nsummary: Было.\n---\n" + body, "2026-12-01"},
		{"yaml moment", "---\ntitle: Terms\neffective: 2025-10-01\n---\n" + body, "2026-12-01T10:00:00+03:00"},
		{"toml", "+++\ntitle = \"Условия\"\nposted = 2025-09-01\nsummary = \"Было.\"\n+++\n" + body, "2026-12-01"},
		{"toml moment", "+++\ntitle = 'Terms'\n+++\n" + body, "2026-11-30T22:30:00Z"},
		{"crlf and bom", "\uFEFF---\r\ntitle: Terms\r\n---\r\n" + strings.ReplaceAll(body, "\n", "\r\n"), "2026-12-01"},
		{"title with yaml syntax", "---\ntitle: '\"Terms\": #1 - null'\n---\n" + body, "2026-12-01"},
		{"title that reads as null", "---\ntitle: 'null'\n---\n" + body, "2026-12-01"},
		{"title that reads as a number", "---\ntitle: '2024'\n---\n" + body, "2026-12-01"},
		{"toml title with quotes", "+++\ntitle = \"It's \\\"the\\\" terms\"\n+++\n" + body, "2026-12-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcName := source.FileName{ID: mustID(t, "2025-09-01"), Lang: "ru"}
			src, _, err := source.ParseEdition([]byte(tc.file), source.ParseOptions{File: "src.md", Policy: "p", Name: srcName, Location: msk})
			if err != nil {
				t.Fatal(err)
			}
			m, err := parsePosted(tc.posted, msk)
			if err != nil {
				t.Fatal(err)
			}
			data, err := draft(src, m)
			if err != nil {
				t.Fatal(err)
			}
			posted := m.t
			id := newID(posted, msk, nil)
			e, warns, err := source.ParseEdition(data, source.ParseOptions{File: "new.md", Policy: "p", Name: source.FileName{ID: id, Lang: "ru"}, Location: msk})
			if err != nil {
				t.Fatalf("the draft does not parse: %v\n%s", err, data)
			}
			for _, w := range warns {
				t.Errorf("warning: %v", w)
			}
			if e.Title != src.Title {
				t.Errorf("title %q, want %q", e.Title, src.Title)
			}
			if e.Body != src.Body {
				t.Errorf("body %q, want %q", e.Body, src.Body)
			}
			if !e.Posted.Equal(posted) || e.PostedHasTime != strings.Contains(tc.posted, "T") {
				t.Errorf("posted %v (time given: %v), want %v", e.Posted, e.PostedHasTime, posted)
			}
			if e.EffectiveSet || !e.Effective.Equal(posted) {
				t.Errorf("effective %v (set: %v), want posted", e.Effective, e.EffectiveSet)
			}
			if e.Summary != "" {
				t.Errorf("summary %q, want empty", e.Summary)
			}
			if !e.Draft {
				t.Errorf("the new edition is not a draft, which a build would publish:\n%s", data)
			}
			if strings.Contains(string(data), "\r") || strings.HasPrefix(string(data), "\uFEFF") {
				t.Errorf("the draft keeps a CR or a BOM:\n%q", data)
			}
			if tom := strings.HasPrefix(tc.file, "+++") || strings.HasPrefix(tc.file, "\uFEFF+++"); tom != strings.HasPrefix(string(data), "+++\n") {
				t.Errorf("front matter format not kept:\n%s", data)
			}
		})
	}
}

// TestDraftWritesATitleOfTwoLinesOnOne: the parser reads a title of
// several lines on one, as the page shows it, so a draft copies it.
func TestDraftWritesATitleOfTwoLinesOnOne(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	src, _, err := source.ParseEdition([]byte("---\ntitle: |\n  Terms\n  of use\n---\nText.\n"), source.ParseOptions{
		File: "versions/p/2025-09-01.en.md", Policy: "p", Name: source.FileName{ID: mustID(t, "2025-09-01"), Lang: "en"}, Location: msk,
	})
	if err != nil {
		t.Fatal(err)
	}
	pol := &policy.Policy{Slug: "p", Editions: map[policy.Lang][]*policy.Edition{"en": {src}}}
	posted := moment{t: time.Date(2026, 12, 1, 0, 0, 0, 0, msk)}
	f, _, err := draftFile(pol, "en", mustID(t, "2026-12-01"), posted, posted.t, msk)
	if err != nil || !strings.Contains(string(f.data), "\ntitle: Terms of use\n") {
		t.Errorf("err = %v, file:\n%s", err, f.data)
	}
}

func TestSourceEdition(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ed := func(id, posted, effective string) *policy.Edition {
		return &policy.Edition{ID: mustID(t, id), Posted: at(posted), Effective: at(effective)}
	}
	a := ed("2024-01-01", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")
	b := ed("2024-06-01", "2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z") // upcoming until July
	c := ed("2024-09-01", "2024-09-01T00:00:00Z", "2024-09-01T00:00:00Z")
	d := ed("2024-05-01", "2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z") // a draft, posted before b
	d.Draft = true
	for _, tc := range []struct {
		name string
		eds  []*policy.Edition
		now  string
		want *policy.Edition
		why  string
	}{
		{"in force, not the upcoming or unposted", []*policy.Edition{a, b, c}, "2024-06-15T00:00:00Z", a, ""},
		{"in force after it takes effect", []*policy.Edition{a, b, c}, "2024-08-01T00:00:00Z", b, ""},
		{"latest posted when none is in force", []*policy.Edition{b, c}, "2024-06-15T00:00:00Z", b, "none is in force"},
		{"latest when none is posted", []*policy.Edition{b, c}, "2024-01-01T00:00:00Z", c, "none is posted"},
		{"in force, not a draft posted since", []*policy.Edition{a, d, b}, "2024-06-15T00:00:00Z", a, ""},
		{"the latest draft when every edition is one", []*policy.Edition{d}, "2024-06-15T00:00:00Z", d, "every edition is a draft"},
	} {
		var published []*policy.Edition
		for _, e := range tc.eds {
			if !e.Draft {
				published = append(published, e)
			}
		}
		from, why := sourceEdition(policy.NewTimeline(published, at(tc.now)), tc.eds)
		if from != tc.want || (tc.why == "") != (why == "") || !strings.Contains(why, tc.why) {
			t.Errorf("%s: got %s (%q), want %s (%q)", tc.name, from.ID, why, tc.want.ID, tc.why)
		}
	}
}

// TestWriteAllNeverOverwrites checks that a file that appeared after the
// check is not replaced, and that the run then leaves none of its files.
func TestWriteAllNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "2026-12-01.en.md")
	if err := os.WriteFile(existing, []byte("the author's work"), 0o666); err != nil {
		t.Fatal(err)
	}
	files := []newFile{
		{rel: "versions/p/2026-12-01.ru.md", data: []byte("new ru")},
		{rel: "versions/p/2026-12-01.en.md", data: []byte("new en")},
	}
	err := writeAll(dir, files)
	if err == nil || !strings.Contains(err.Error(), "versions/p/2026-12-01.en.md already exists") {
		t.Fatalf("writeAll = %v, want a refusal naming the existing file", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "2026-12-01.ru.md")); !os.IsNotExist(err) {
		t.Errorf("the file written before the refusal is left behind (%v)", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "the author's work" {
		t.Errorf("the existing file was changed to %q", b)
	}
	if err := writeAll(dir, files[:1]); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "2026-12-01.ru.md")); string(b) != "new ru" {
		t.Errorf("written %q", b)
	}
}
