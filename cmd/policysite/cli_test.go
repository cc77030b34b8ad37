package main

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"policysite/internal/testfs"
)

// runCLI runs the command line args as main does, and returns what it
// printed and its exit status.
func runCLI(args ...string) (stdout, stderr string, code int) {
	var o, e bytes.Buffer
	if err := run(context.Background(), args, &o, &e); err != nil {
		printError(&e, err)
		code = exitCode(err)
	}
	return o.String(), e.String(), code
}

// singleDashRe matches a flag spelled the flag package's way, -out, at the
// start of a help line.
var singleDashRe = regexp.MustCompile(`(?m)^\s+-[a-z]`)

// TestEveryCommandAnswersHelp: for every command, --help and -h print what
// `policysite help CMD` prints, on stdout, with exit status 0: a usage
// line with its arguments, and its flags spelled --flag.
func TestEveryCommandAnswersHelp(t *testing.T) {
	var names []string
	for name := range commands() {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			want, stderr, code := runCLI("help", name)
			if code != 0 || stderr != "" {
				t.Fatalf("help %s: exit status %d, stderr %q", name, code, stderr)
			}
			if !strings.HasPrefix(want, "Usage: policysite "+name) {
				t.Errorf("help %s does not start with its usage line:\n%s", name, want)
			}
			if singleDashRe.MatchString(want) {
				t.Errorf("help %s spells a flag with one dash:\n%s", name, want)
			}
			if f, ok := commands()[name].(flagged); ok {
				f.flags(&bytes.Buffer{}).VisitAll(func(fl *flag.Flag) {
					if !strings.Contains(want, "\n  --"+fl.Name) {
						t.Errorf("help %s does not list --%s:\n%s", name, fl.Name, want)
					}
				})
			}
			for _, args := range [][]string{
				{name, "--help"},
				{name, "-h"},
				{name, "-help"},
				{name, "--source", t.TempDir(), "--help"},
			} {
				stdout, stderr, code := runCLI(args...)
				if code != 0 {
					t.Errorf("%s: exit status %d, want 0", strings.Join(args, " "), code)
				}
				if stderr != "" {
					t.Errorf("%s: stderr = %q, want nothing", strings.Join(args, " "), stderr)
				}
				if stdout != want {
					t.Errorf("%s printed:\n%s\nwant what help %s prints:\n%s", strings.Join(args, " "), stdout, name, want)
				}
			}
		})
	}
}

// TestHelpShowsArguments: a command's help shows its positional arguments.
func TestHelpShowsArguments(t *testing.T) {
	for _, tc := range []struct{ cmd, want string }{
		{"diff", "Usage: policysite diff <policy> <from> <to> [flags]\n"},
		{"new", "Usage: policysite new <policy> [flags]\n"},
		{"import", "Usage: policysite import <policy> --lang <lang> (--from <dir>"},
		{"build", "  --out dir\n"},
	} {
		stdout, _, _ := runCLI(tc.cmd, "--help")
		if !strings.Contains(stdout, tc.want) {
			t.Errorf("%s --help does not say %q:\n%s", tc.cmd, tc.want, stdout)
		}
	}
}

// TestCommandLineMistakes: a mistake in the command line exits with status
// 2, prints nothing on stdout, and says where the help is.
func TestCommandLineMistakes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--bogus"}, "flag provided but not defined: -bogus; see policysite build --help"},
		{[]string{"diff", "privacy"}, "see policysite diff --help"},
		{[]string{"help", "publish"}, `unknown command "publish"`},
		{[]string{"help", "build", "check"}, "usage: policysite help [<command>]"},
		{[]string{"version", "now"}, "version takes no arguments"},
	} {
		stdout, stderr, code := runCLI(tc.args...)
		if code != 2 {
			t.Errorf("%s: exit status %d, want 2", strings.Join(tc.args, " "), code)
		}
		if stdout != "" {
			t.Errorf("%s: stdout = %q, want nothing", strings.Join(tc.args, " "), stdout)
		}
		if !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "Usage of") {
			t.Errorf("%s: stderr = %q, want %q and not the flag package's usage", strings.Join(tc.args, " "), stderr, tc.want)
		}
	}
}

// TestOutsideASiteSaysSo: a command run on a folder without
// policysite.toml says that it is not a site and how to go on, exits with
// status 1, and does not claim to have kept an output.
func TestOutsideASiteSaysSo(t *testing.T) {
	empty := t.TempDir()
	from := t.TempDir()
	for _, args := range [][]string{
		{"build"},
		{"check"},
		{"record"},
		{"new", "privacy"},
		{"import", "privacy", "--lang", "en", "--from", from},
		{"diff", "privacy", "2024-01-01", "2024-02-01"},
		{"serve", "--addr", "127.0.0.1:0"},
	} {
		t.Run(args[0], func(t *testing.T) {
			for _, tc := range []struct {
				source, where, init string
			}{
				{empty, empty + " is not a site: it has no policysite.toml", "`policysite init " + empty + "`"},
				{filepath.Join(empty, "nowhere"), filepath.Join(empty, "nowhere") + " does not exist", "`policysite init " + filepath.Join(empty, "nowhere") + "`"},
			} {
				stdout, stderr, code := runCLI(append(args, "--source", tc.source)...)
				if code != 1 {
					t.Errorf("exit status %d, want 1", code)
				}
				for _, want := range []string{tc.where, tc.init, "--source DIR"} {
					if !strings.Contains(stderr, want) {
						t.Errorf("stderr = %q, want %q", stderr, want)
					}
				}
				if strings.Contains(stderr+stdout, "previous output") {
					t.Errorf("claims a previous output: %q", stderr)
				}
			}
		})
	}
	// Without --source, the folder is the current one.
	t.Chdir(empty)
	_, stderr, _ := runCLI("check")
	if want := "this folder is not a site: it has no policysite.toml. Start a site there with `policysite init`, or give the folder of an existing site with --source DIR"; !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

// TestFailedBuildWithoutAPreviousOutput: a failed build that had no
// previous output says that nothing was written, not that an output was
// kept; with one, it says that one is unchanged.
func TestFailedBuildWithoutAPreviousOutput(t *testing.T) {
	root := t.TempDir()
	testfs.WriteFile(t, filepath.Join(root, "policysite.toml"), []byte(goodRepo["policysite.toml"]))
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2024-01-10.ru.md"), []byte("---\ntitle: [unclosed\n---\nText.\n"))
	out := filepath.Join(root, "public")
	_, stderr, code := runCLI("build", "--source", root, "--out", out, "--now", badNow)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if want := "Build failed; nothing was written to " + out + "."; !strings.Contains(stderr, want) || strings.Contains(stderr, "previous output") {
		t.Errorf("stderr = %q, want %q and no previous output", stderr, want)
	}
	testfs.WriteFile(t, filepath.Join(out, "index.html"), []byte("previous\n"))
	_, stderr, _ = runCLI("build", "--source", root, "--out", out, "--now", badNow)
	if want := "the previous output in " + out + " is unchanged"; !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

// TestNowTakesADate: --now takes an RFC 3339 moment, or a plain date as
// midnight in the site's time zone, as a date in front matter is.
func TestNowTakesADate(t *testing.T) {
	root := t.TempDir()
	testfs.WriteFile(t, filepath.Join(root, "policysite.toml"), []byte(goodRepo["policysite.toml"]))
	for _, tc := range []struct {
		value, want string
	}{
		{"2026-12-01", "2026-12-01T00:00:00+03:00"},
		{" 2026-12-01 ", "2026-12-01T00:00:00+03:00"},
		{"2026-12-01T10:00:00+01:00", "2026-12-01T10:00:00+01:00"},
		{"2026-11-30T21:00:00Z", "2026-11-30T21:00:00Z"},
	} {
		n := nowFlag{value: tc.value, source: &root}
		got, err := n.get()
		if err != nil {
			t.Errorf("%q: %v", tc.value, err)
			continue
		}
		if got.Format(time.RFC3339) != tc.want {
			t.Errorf("%q gives %s, want %s", tc.value, got.Format(time.RFC3339), tc.want)
		}
	}
	for _, bad := range []string{"yesterday", "2026-13-01", "01.12.2026", "2026-12-01 10:00"} {
		n := nowFlag{value: bad, source: &root}
		if _, err := n.get(); err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "nor a date such as 2026-12-01") {
			t.Errorf("%q: error %v, want a usage error naming both forms", bad, err)
		}
	}
	// On the command line, a build as of a date sees the editions posted by
	// that midnight in the site's time zone.
	_, stderr, code := runCLI("check", "--source", root, "--now", "2026-12-01")
	if code != 0 {
		t.Errorf("check --now 2026-12-01: exit status %d; stderr %q", code, stderr)
	}
}

// TestRecordSpeaksInTheSitesTimeZone: record's messages give moments in
// the site's time zone, whatever the zone the edition or --now was
// written in.
func TestRecordSpeaksInTheSitesTimeZone(t *testing.T) {
	root := t.TempDir()
	testfs.WriteFile(t, filepath.Join(root, "policysite.toml"), []byte(goodRepo["policysite.toml"]))
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2024-07-01.ru.md"),
		[]byte(ruEdition("Политика", "posted: 2024-07-01T07:00:00Z\n", "1.1. Оператор обрабатывает данные.")))
	stdout, stderr, code := runCLI("record", "--source", root, "--now", "2024-06-01T00:00:00Z")
	if code != 0 {
		t.Fatalf("exit status %d; stderr %q", code, stderr)
	}
	if want := "recorded versions/privacy/2024-07-01.ru.md, to be posted 2024-07-01T10:00:00+03:00\n"; !strings.Contains(stdout, want) {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
}

// TestBuildSummarySpeaksInTheSitesTimeZone: the build's summary gives the
// moment of the next change in the site's time zone, whatever the zone the
// edition or --now was written in.
func TestBuildSummarySpeaksInTheSitesTimeZone(t *testing.T) {
	t.Setenv("POLICYSITE_LANG", "en")
	root := t.TempDir()
	for name, data := range goodRepo {
		// The next edition is posted at 10:00 in Moscow, written in UTC.
		data = strings.Replace(data, "posted: 2024-05-20T10:00:00+03:00", "posted: 2024-05-20T07:00:00Z", 1)
		testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(name)), []byte(data))
	}
	testfs.RecordDir(t, root)
	stdout, stderr, code := runCLI("build", "--source", root, "--out", filepath.Join(root, "out"), "--now", "2024-05-01T00:00:00Z")
	if code != 0 {
		t.Fatalf("exit status %d; stderr %q", code, stderr)
	}
	if want := "Next change: May 20, 2024, 10:00 (UTC+3)"; !strings.Contains(stdout, want) {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
}
