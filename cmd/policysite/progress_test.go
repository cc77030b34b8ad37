package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"policysite/internal/l10n"
	"policysite/internal/policy"
	"policysite/internal/testfs"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestProgressThrottlesAndFormats(t *testing.T) {
	type step struct {
		after time.Duration // the clock moves first
		do    func(p *progress)
	}
	phase := func(name string, total int) func(*progress) { return func(p *progress) { p.Phase(name, total) } }
	done := func(n int) func(*progress) { return func(p *progress) { p.Done(n) } }
	tick := func(p *progress) { p.tick() }
	stop := func(p *progress) { p.stop() }
	tests := []struct {
		name  string
		tty   bool
		steps []step
		want  string
	}{
		{"a short build shows nothing", false, []step{
			{0, phase("reading editions", 0)}, {time.Second, phase("redlines", 10)}, {500 * time.Millisecond, done(10)}, {0, stop},
		}, ""},
		{"a short build on a terminal shows nothing", true, []step{
			{0, phase("reading editions", 0)}, {1900 * time.Millisecond, tick}, {0, stop},
		}, ""},
		{"plain lines at most every 5s", false, []step{
			{0, phase("reading editions", 0)},
			{2 * time.Second, tick},
			{time.Second, phase("redlines", 100)},
			{time.Second, done(40)},
			{3 * time.Second, done(10)},
			{time.Second, tick},
			{5 * time.Second, phase("rendering pages", 0)},
			{0, stop},
		}, "building: reading editions… (2s)\nbuilding: redlines 50/100 (7s)\nbuilding: rendering pages… (13s)\n"},
		{"a terminal redraws one line and clears it", true, []step{
			{0, phase("redlines", 1000)},
			{2 * time.Second, done(5)},
			{50 * time.Millisecond, done(5)},
			{50 * time.Millisecond, done(990)},
			{100 * time.Millisecond, phase("rendering pages", 0)},
			{0, stop},
		}, "\rbuilding: redlines ░░░░░░░░░░░░░░░░░░░░ 5/1000 (2s)" +
			"\rbuilding: redlines ████████████████████ 1000/1000 (2s)" +
			"\rbuilding: rendering pages… (2s)" + strings.Repeat(" ", utf8.RuneCountInString("building: redlines ████████████████████ 1000/1000 (2s)")-utf8.RuneCountInString("building: rendering pages… (2s)")) +
			"\r" + strings.Repeat(" ", len("building: rendering pages… (2s)")-2) + "\r"},
		{"the bar fills as the step advances", true, []step{
			{0, phase("rendering pages", 3996)},
			{2 * time.Second, done(999)},
			{time.Second, done(999)},
			{time.Second, done(1998)},
			{0, stop},
		}, "\rbuilding: rendering pages █████░░░░░░░░░░░░░░░ 999/3996 (2s)" +
			"\rbuilding: rendering pages ██████████░░░░░░░░░░ 1998/3996 (3s)" +
			"\rbuilding: rendering pages ████████████████████ 3996/3996 (4s)" +
			"\r" + strings.Repeat(" ", utf8.RuneCountInString("building: rendering pages ████████████████████ 3996/3996 (4s)")) + "\r"},
		{"nothing after stop", false, []step{
			{0, phase("redlines", 10)}, {0, stop}, {10 * time.Second, done(1)}, {0, tick},
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			var b bytes.Buffer
			p := newProgress(&b, tt.tty, clk.now)
			for _, s := range tt.steps {
				clk.advance(s.after)
				s.do(p)
			}
			if b.String() != tt.want {
				t.Errorf("got  %q\nwant %q", b.String(), tt.want)
			}
		})
	}
}

// ticking is a clock that moves a second each time it is read, so that a
// quick build looks slow to the progress display.
type ticking struct{ fakeClock }

func (c *ticking) now() time.Time {
	c.advance(time.Second)
	return c.fakeClock.now()
}

// envOf is an environment of just vars, for a command's getenv.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// TestSlowBuildPrintsPlainLines: a build that takes long, by its clock,
// prints plain progress lines on a stderr that is not a terminal, in the
// user's language as the summary is, and its summary still goes to stdout
// alone.
func TestSlowBuildPrintsPlainLines(t *testing.T) {
	root := testfs.Sample(t)
	for _, tc := range []struct {
		lang, line, step, summary string
	}{
		{"", `^building: [a-zA-Z JSON]+( \d+/\d+|…) \(\d+s\)$`, "building: rendering pages ", "Built "},
		{"ru", `^сборка: [а-яё JSON]+( \d+/\d+|…) \(\d+ с\)$`, "сборка: вёрстка страниц ", "Собрано: "},
	} {
		clk := &ticking{fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
		cache := t.TempDir()
		c := &buildCmd{getenv: envOf(map[string]string{"POLICYSITE_CACHE_DIR": cache, "POLICYSITE_LANG": tc.lang}), clock: clk.now}
		var stdout, stderr bytes.Buffer
		args := []string{"--source", root, "--out", filepath.Join(t.TempDir(), "public"), "--now", "2026-11-21T12:00:00+03:00"}
		if err := c.Run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
		if strings.Contains(stderr.String(), "\r") {
			t.Errorf("stderr redraws a line, though it is not a terminal: %q", stderr.String())
		}
		n := 0
		for _, l := range strings.Split(stderr.String(), "\n") {
			if regexp.MustCompile(tc.line).MatchString(l) {
				n++
			}
		}
		if n < 2 || !strings.Contains(stderr.String(), tc.step) {
			t.Fatalf("POLICYSITE_LANG=%q: stderr = %q, want progress lines like %s and one of %q", tc.lang, stderr.String(), tc.line, tc.step)
		}
		if !strings.HasPrefix(stdout.String(), tc.summary) {
			t.Errorf("POLICYSITE_LANG=%q: stdout = %q", tc.lang, stdout.String())
		}
	}
}

// TestRenderTunesTheCollectorUnlessGOGCIsSet: while Hugo renders, a build
// runs the collector at renderGCPercent, and the process's own setting
// before and after; a GOGC in the environment is left alone.
func TestRenderTunesTheCollectorUnlessGOGCIsSet(t *testing.T) {
	root := testfs.Sample(t)
	const outside = 123
	defer debug.SetGCPercent(debug.SetGCPercent(outside))
	for _, tc := range []struct {
		gogc string
		want []int // the targets seen during the build, in order, without repeats
	}{
		// The render is the build's last step that reports progress; the
		// target after it is checked below.
		{"", []int{outside, renderGCPercent}},
		{"150", []int{outside}},
	} {
		cache := t.TempDir()
		// The progress display reads the clock on every page rendered.
		var seen []int
		clock := func() time.Time {
			p := debug.SetGCPercent(-1)
			debug.SetGCPercent(p)
			if len(seen) == 0 || seen[len(seen)-1] != p {
				seen = append(seen, p)
			}
			return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		c := &buildCmd{getenv: envOf(map[string]string{"POLICYSITE_CACHE_DIR": cache, "GOGC": tc.gogc}), clock: clock}
		var stdout, stderr bytes.Buffer
		args := []string{"--source", root, "--out", filepath.Join(t.TempDir(), "public"), "--now", "2026-11-21T12:00:00+03:00"}
		if err := c.Run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
		// A last reading of the clock may come after the render has put
		// the target back (the summary's, or a progress tick that lands
		// late): that is the target after it, which is checked below.
		if n := len(seen); n > len(tc.want) && seen[n-1] == outside {
			seen = seen[:n-1]
		}
		if !slices.Equal(seen, tc.want) {
			t.Errorf("GOGC=%q: the collector's targets during the build were %v, want %v", tc.gogc, seen, tc.want)
		}
		if p := debug.SetGCPercent(outside); p != outside {
			t.Errorf("GOGC=%q: after the build the target is %d, want %d again", tc.gogc, p, outside)
		}
	}
}

// TestSummaryWithoutAMessageStillSucceeds: a repository whose own file
// for a language the theme lacks is older than the policysite it runs
// lacks the messages added since. The
// build is in place by the time it sums up, so the summary leaves those
// lines out, says which file lacks which message, and the command
// succeeds.
func TestSummaryWithoutAMessageStillSucceeds(t *testing.T) {
	root := testfs.Sample(t)
	germanForEnglish(t, root)
	testfs.DropTables(t, filepath.Join(root, "i18n", "de.toml"), "computed_redlines_count", "next_change")
	cache := t.TempDir()
	build := func(out string) (stdout, stderr string, err error) {
		c := &buildCmd{getenv: envOf(map[string]string{"POLICYSITE_CACHE_DIR": cache, "POLICYSITE_LANG": "de"})}
		var o, e bytes.Buffer
		// At this --now the sample has an upcoming edition: the summary
		// would say when to build again.
		err = c.Run(context.Background(), []string{"--source", root, "--out", filepath.Join(root, out), "--now", "2025-01-01T00:00:00Z"}, &o, &e)
		return o.String(), e.String(), err
	}
	if _, stderr, err := build("first"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	// Built again with the cache, the summary would count the redlines.
	stdout, stderr, err := build("public")
	if err != nil {
		t.Fatalf("a build whose summary lacks a message failed: %v\n%s", err, stderr)
	}
	if !strings.HasPrefix(stdout, "Built ") {
		t.Errorf("stdout = %q, want the summary's other lines", stdout)
	}
	for _, id := range []string{"computed_redlines_count", "next_change"} {
		if want := `the summary leaves a line out: i18n/de.toml: message "` + id + `"`; !strings.Contains(stderr, want) {
			t.Errorf("stderr = %q, want %q", stderr, want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public", "index.html")); err != nil {
		t.Errorf("the output is not in place: %v", err)
	}
}

// TestTerminalBarIsInTheUsersLanguage: the bar's line comes from
// i18n/progress_bar, as the plain lines come from progress_counted.
func TestTerminalBarIsInTheUsersLanguage(t *testing.T) {
	strs, err := l10n.Load(os.DirFS("../.."), []policy.Lang{"ru", "en"})
	if err != nil {
		t.Fatal(err)
	}
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var b bytes.Buffer
	p := newProgress(&b, true, clk.now)
	p.loc = strs.For("ru")
	p.Phase("rendering pages", 10)
	clk.advance(2 * time.Second)
	p.Done(5)
	if want := "\rсборка: вёрстка страниц ██████████░░░░░░░░░░ 5/10 (2 с)"; b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// TestFailedBuildSaysNothingWasLost: a build that fails says that the
// previous output is unchanged, in English when the repository's strings
// (its own file for a language the theme lacks) lack the message, and
// names what the strings lack.
func TestFailedBuildSaysNothingWasLost(t *testing.T) {
	root := testfs.Sample(t)
	germanForEnglish(t, root)
	testfs.DropTables(t, filepath.Join(root, "i18n", "de.toml"), "build_failed", "changes_title")
	// A previous output, which the build must say it kept.
	testfs.WriteFile(t, filepath.Join(root, "public", "index.html"), []byte("previous\n"))
	c := &buildCmd{getenv: envOf(map[string]string{"POLICYSITE_CACHE_DIR": t.TempDir(), "POLICYSITE_LANG": "de"})}
	var stdout, stderr bytes.Buffer
	err := c.Run(context.Background(), []string{"--source", root, "--out", filepath.Join(root, "public"), "--now", "2026-11-21T12:00:00+03:00"}, &stdout, &stderr)
	if err == nil {
		t.Fatal("the build succeeded without the strings its pages need")
	}
	for _, want := range []string{
		`i18n/de.toml: lacks "changes_title", which the site needs`,
		"Build failed; the previous output in " + filepath.Join(root, "public") + " is unchanged.",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr = %q, want %q", stderr.String(), want)
		}
	}
}
