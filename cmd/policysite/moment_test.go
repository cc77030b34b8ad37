package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/testfs"
)

// TestMomentFlagsRefuseOffsetsNoZoneUses: --now and --posted refuse an
// offset past RFC 3339's ±23:59 (which time.Parse reads) or outside the
// -12:00 to +14:00 that time zones use, naming the flag and the offset.
func TestMomentFlagsRefuseOffsetsNoZoneUses(t *testing.T) {
	root := t.TempDir()
	testfs.WriteFile(t, filepath.Join(root, "policysite.toml"), []byte(goodRepo["policysite.toml"]))
	msk := mustLoc(t, "Europe/Moscow")
	for _, tc := range []struct{ in, want string }{
		{"2026-12-01T10:00:00+24:00", "+24:00 is not an offset from UTC"},
		{"2026-12-01T10:00:00-24:00", "-24:00 is not an offset from UTC"},
		{"2026-12-01T10:00:00+03:60", "+03:60 is not an offset from UTC"},
		{"2026-12-01T10:00:00+15:30", "no time zone is +15:30 from UTC"},
	} {
		n := nowFlag{value: tc.in, source: &root}
		if _, err := n.get(); err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), `--now "`+tc.in+`": bad UTC offset: `+tc.want) {
			t.Errorf("--now %s: error %v, want a usage error saying %q", tc.in, err, tc.want)
		}
		if _, err := parsePosted(tc.in, msk); err == nil || !strings.Contains(err.Error(), `--posted "`+tc.in+`": bad UTC offset: `+tc.want) {
			t.Errorf("--posted %s: error %v, want %q", tc.in, err, tc.want)
		}
	}
}

// TestDateFlagsStartTheDayAsFrontMatterDoes: a date alone on the command
// line is the first moment of that day in the site's zone, as in front
// matter, even where the clock skips midnight.
func TestDateFlagsStartTheDayAsFrontMatterDoes(t *testing.T) {
	havana := mustLoc(t, "America/Havana")
	m, err := parsePosted("2024-03-10", havana)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.t.Format(time.RFC3339); got != "2024-03-10T01:00:00-04:00" {
		t.Errorf("--posted 2024-03-10 in Havana = %s, want 2024-03-10T01:00:00-04:00, when the day starts", got)
	}
	if got := nextMidnight(time.Date(2024, 3, 9, 12, 0, 0, 0, havana), havana).Format(time.RFC3339); got != "2024-03-10T01:00:00-04:00" {
		t.Errorf("nextMidnight before a skipped midnight = %s, want 2024-03-10T01:00:00-04:00", got)
	}
}

// TestNewWritesNoFileForABadOffset: new --posted with an offset no zone
// uses fails with a usage error and leaves versions/ as it was.
func TestNewWritesNoFileForABadOffset(t *testing.T) {
	root := t.TempDir()
	for name, data := range goodRepo {
		testfs.WriteFile(t, filepath.Join(root, name), []byte(data))
	}
	for _, posted := range []string{"2026-12-01T10:00:00+24:00", "2026-12-01T10:00:00+15:30"} {
		_, stderr, code := runCLI("new", "privacy", "--source", root, "--posted", posted, "--now", badNow)
		if code != 2 || !strings.Contains(stderr, `--posted "`+posted+`": bad UTC offset`) {
			t.Errorf("new --posted %s: exit status %d, stderr %q; want 2 and the offset named", posted, code, stderr)
		}
	}
	entries, err := os.ReadDir(filepath.Join(root, "versions", "privacy"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("versions/privacy holds %s, want the 4 editions it had", strings.Join(names, ", "))
	}
}
