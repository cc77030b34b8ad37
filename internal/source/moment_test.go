package source

import (
	"errors"
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
)

var (
	berlin = mustLoc("Europe/Berlin")
	havana = mustLoc("America/Havana")
)

// parseIn parses src as versions/privacy/<name> with the site's time zone
// loc.
func parseIn(t *testing.T, name, src string, loc *time.Location) (*policy.Edition, []*policy.Warning, error) {
	t.Helper()
	fn, err := ParseFileName(name, langs)
	if err != nil {
		t.Fatalf("ParseFileName(%q): %v", name, err)
	}
	return ParseEdition([]byte(src), ParseOptions{File: "versions/privacy/" + name, Policy: "privacy", Name: fn, Location: loc})
}

// TestParseEditionRefusesMomentsThatNameNoTime: an offset past RFC 3339's
// ±23:59 or no time zone's, and a local time the clock skips, are errors
// at their line, in YAML and TOML, rather than published or moved.
func TestParseEditionRefusesMomentsThatNameNoTime(t *testing.T) {
	tests := []struct {
		name, file, src string
		loc             *time.Location
		line            int
		want            string
	}{
		{"offset +24:00", "2024-03-01.ru.md", "---\ntitle: T\nposted: 2024-03-01T10:00:00+24:00\n---\nx\n", msk, 3, "posted: bad UTC offset: +24:00 is not an offset from UTC"},
		{"offset -24:00 in effective", "2024-03-01.ru.md", "---\ntitle: T\neffective: 2024-03-02T10:00:00-24:00\n---\nx\n", msk, 3, "effective: bad UTC offset: -24:00 is not an offset"},
		{"offset minutes 60, which Go reads as the next hour", "2024-03-01.ru.md", "---\ntitle: T\nposted: 2024-03-01T10:00:00+03:60\n---\nx\n", msk, 3, "+03:60 is not an offset from UTC"},
		{"offset +23:60", "2024-03-01.ru.md", "---\ntitle: T\nposted: 2024-03-01T10:00:00+23:60\n---\nx\n", msk, 3, "+23:60 is not an offset from UTC"},
		{"offset +24:00 without seconds", "2024-03-01.ru.md", "---\ntitle: T\nposted: 2024-03-01T10:00+24:00\n---\nx\n", msk, 3, "+24:00 is not an offset"},
		{"offset +24:00 after a space", "2024-03-01.ru.md", "---\ntitle: T\nposted: \"2024-03-01 10:00:00+24:00\"\n---\nx\n", msk, 3, "+24:00 is not an offset"},
		{"offset +15:30, which no zone uses", "2024-03-01.ru.md", "---\ntitle: T\nposted: 2024-03-01T10:00:00+15:30\n---\nx\n", msk, 3, "no time zone is +15:30 from UTC"},
		{"offset -12:30, which no zone uses", "2024-03-01.ru.md", "---\ntitle: T\n\nposted: 2024-03-01T10:00:00-12:30\n---\nx\n", msk, 4, "no time zone is -12:30 from UTC"},
		{"TOML offset +15:30", "2024-03-01.ru.md", "+++\ntitle = \"T\"\nposted = 2024-03-01T10:00:00+15:30\n+++\nx\n", msk, 3, "posted: bad UTC offset: no time zone is +15:30"},
		{"TOML offset +24:00", "2024-03-01.ru.md", "+++\ntitle = \"T\"\nposted = 2024-03-01T10:00:00+24:00\n+++\nx\n", msk, 3, "offset"},
		{"TOML offset +24:00 as a string", "2024-03-01.ru.md", "+++\ntitle = \"T\"\neffective = \"2024-03-02T10:00:00+24:00\"\n+++\nx\n", msk, 3, "effective: bad UTC offset: +24:00"},
		{"a time in the summer-time gap", "2024-03-31.ru.md", "---\ntitle: T\nposted: 2024-03-31T02:30:00\n---\nx\n", berlin, 3, "posted: 2024-03-31T02:30:00 does not exist in Europe/Berlin: the clock skips from 02:00 to 03:00 there"},
		{"a time in the gap, written with a space", "2024-03-31.ru.md", "---\ntitle: T\nposted: \"2024-03-31 02:00\"\n---\nx\n", berlin, 3, "2024-03-31 02:00 does not exist in Europe/Berlin"},
		{"TOML local date-time in the gap", "2024-03-01.ru.md", "+++\ntitle = \"T\"\neffective = 2024-03-31T02:59:59\n+++\nx\n", berlin, 3, "effective: 2024-03-31T02:59:59 does not exist in Europe/Berlin: the clock skips from 02:00 to 03:00"},
		{"a gap at midnight", "2024-03-10.ru.md", "---\ntitle: T\nposted: 2024-03-10T00:30\n---\nx\n", havana, 3, "the clock skips from 00:00 to 01:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := parseIn(t, tc.file, tc.src, tc.loc)
			var se *policy.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *policy.SourceError", err)
			}
			if se.File != "versions/privacy/"+tc.file || se.Line != tc.line {
				t.Errorf("at %s:%d, want line %d (%v)", se.File, se.Line, tc.line, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

// TestParseEditionReadsLocalTimes: offsets time zones use are accepted; a
// local time is read on the clock of the site's zone, the first of two
// where the clock goes back (with a warning at the line), and a date alone
// is the first moment of its day even where midnight is skipped or comes
// twice.
func TestParseEditionReadsLocalTimes(t *testing.T) {
	tests := []struct {
		name, file, src string
		loc             *time.Location
		posted          string
		warn            string
	}{
		{"the furthest east", "2024-02-29.ru.md", "---\ntitle: T\nposted: 2024-03-01T10:00:00+14:00\n---\nx\n", msk, "2024-03-01T10:00:00+14:00", ""},
		{"the furthest west", "2024-03-02.ru.md", "---\ntitle: T\nposted: 2024-03-01T10:00:00-12:00\n---\nx\n", msk, "2024-03-01T10:00:00-12:00", ""},
		{"a quarter-hour offset", "2024-03-01.ru.md", "+++\ntitle = \"T\"\nposted = 2024-03-01T10:00:00+05:45\n+++\nx\n", msk, "2024-03-01T10:00:00+05:45", ""},
		{"the first minute after the gap", "2024-03-31.ru.md", "---\ntitle: T\nposted: 2024-03-31T03:00\n---\nx\n", berlin, "2024-03-31T03:00:00+02:00", ""},
		{"the last minute before the gap", "2024-03-31.ru.md", "---\ntitle: T\nposted: 2024-03-31T01:59\n---\nx\n", berlin, "2024-03-31T01:59:00+01:00", ""},
		{"a time the clock shows twice", "2024-10-27.ru.md", "---\ntitle: T\nposted: 2024-10-27T02:30:00\n---\nx\n", berlin, "2024-10-27T02:30:00+02:00",
			"versions/privacy/2024-10-27.ru.md:3: posted: 2024-10-27T02:30:00 happens twice in Europe/Berlin, as the clock goes back; it is read as the first, 2024-10-27T02:30:00+02:00, not 2024-10-27T02:30:00+01:00"},
		{"a TOML local time the clock shows twice", "2024-10-27.ru.md", "+++\ntitle = \"T\"\nposted = 2024-10-27T02:00:00\n+++\nx\n", berlin, "2024-10-27T02:00:00+02:00",
			"versions/privacy/2024-10-27.ru.md:3: posted: 2024-10-27T02:00:00 happens twice"},
		{"a date whose midnight is skipped", "2024-03-10.ru.md", "---\ntitle: T\nposted: 2024-03-10\n---\nx\n", havana, "2024-03-10T01:00:00-04:00", ""},
		{"a file date whose midnight is skipped", "2024-03-10.ru.md", "---\ntitle: T\n---\nx\n", havana, "2024-03-10T01:00:00-04:00", ""},
		{"a file date whose midnight comes twice", "2024-11-03.ru.md", "---\ntitle: T\n---\nx\n", havana, "2024-11-03T00:00:00-04:00", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, warns, err := parseIn(t, tc.file, tc.src, tc.loc)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Posted.Format(time.RFC3339); got != tc.posted {
				t.Errorf("posted = %s, want %s", got, tc.posted)
			}
			var got []string
			for _, w := range warns {
				got = append(got, w.Error())
			}
			all := strings.Join(got, "\n")
			if tc.warn == "" && all != "" || !strings.Contains(all, tc.warn) {
				t.Errorf("warnings %q, want %q", all, tc.warn)
			}
		})
	}
}

func TestParseRFC3339(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"2026-12-01T10:00:00+03:00", "2026-12-01T10:00:00+03:00", ""},
		{"2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z", ""},
		{"2026-12-01T10:00:00+24:00", "", "+24:00 is not an offset from UTC"},
		{"2026-12-01T10:00:00+02:60", "", "+02:60 is not an offset from UTC"},
		{"2026-12-01T10:00:00+15:30", "", "no time zone is +15:30"},
		{"2026-12-01", "", "cannot parse"},
	}
	for _, tc := range tests {
		got, err := ParseRFC3339(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseRFC3339(%q): err = %v, want %q", tc.in, err, tc.err)
			}
			if strings.Contains(tc.err, "offset") || strings.Contains(tc.err, "time zone") {
				if !errors.Is(err, ErrOffset) {
					t.Errorf("ParseRFC3339(%q): %v is not ErrOffset", tc.in, err)
				}
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339) != tc.want {
			t.Errorf("ParseRFC3339(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}
