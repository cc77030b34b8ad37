package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"policysite/internal/build"
	"policysite/internal/cache"
	"policysite/internal/check"
	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/overlay"
	"policysite/internal/policy"
)

// renderGCPercent is the garbage collector's target while Hugo renders,
// unless GOGC says otherwise. Hugo holds every page it renders until the
// last is written, so a first build's heap peaks then, and Go's default
// (100) lets it reach twice what is live. A cold build of 1,000 editions
// per language peaked at about 1,150 MiB with 70, 1,100 MiB with 60 and
// 1,070 MiB with 50, which cost 4% more time. A lower target costs CPU
// time in every phase that allocates, so it holds only while Hugo
// renders: memory is what fails a build on a small CI machine, time only
// makes it wait (docs/performance.md).
const renderGCPercent = 60

type buildCmd struct {
	getenv func(string) string
	// clock, when not nil, replaces time.Now for the progress display.
	clock func() time.Time

	source, out, baseURL, hugoProject string
	now                               nowFlag
	strict                            bool
}

func (c *buildCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository to build: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.out, "out", "public", "write the site to `dir`, replacing the previous build only when this one succeeds")
	fs.StringVar(&c.now.value, "now", "", nowUsage)
	c.now.source = &c.source
	fs.StringVar(&c.baseURL, "base-url", "", "the `URL` the site is deployed at, overriding base_url in policysite.toml")
	fs.BoolVar(&c.strict, "strict", false, "treat warnings as errors: the build fails and the previous output stays")
	fs.StringVar(&c.hugoProject, "hugo-project", "", "also write the project handed to Hugo into `dir` (for debugging templates and for the benchmark's Hugo CLI reference)")
	return fs
}

func (c *buildCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := c.flags(stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	now, err := c.now.get()
	if err != nil {
		return err
	}
	if _, err := siteRoot(c.source); err != nil {
		return err
	}
	// Whether a failed build has kept a previous output, or there was none.
	_, statErr := os.Stat(filepath.Join(c.out, "index.html"))
	hadOutput := statErr == nil
	start := time.Now()
	clock := c.clock
	if clock == nil {
		clock = time.Now
	}
	pr := newProgress(stderr, isTerminal(stderr), clock)
	pr.loc = c.earlyLocalizer()
	stop := pr.run(ttyEvery)
	var cacheDir string
	if c.getenv != nil {
		cacheDir = c.getenv(cache.Env)
	}
	renderGC := 0
	if c.getenv != nil && c.getenv("GOGC") == "" {
		renderGC = renderGCPercent
	}
	rep, err := build.Run(ctx, build.Options{Source: c.source, Out: c.out, Now: now, BaseURL: c.baseURL, HugoProject: c.hugoProject, Strict: c.strict,
		CacheDir: cacheDir, Progress: pr, RenderGCPercent: renderGC})
	stop()
	var loc *l10n.Localizer
	if rep != nil && rep.Strings != nil {
		loc = rep.Strings.For(c.cliLang(rep.Site.Codes()))
	}
	if rep != nil {
		c.printWarnings(stderr, loc, rep)
	}
	if err != nil {
		var list policy.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				sayln(stderr, e)
			}
		} else {
			sayln(stderr, err)
		}
		sayln(stderr, failedLine(loc, c.out, hadOutput))
		return errReported
	}
	c.printSummary(stdout, stderr, loc, rep, time.Since(start))
	return nil
}

// failedLine says that a failed build lost nothing: that the previous
// output in out is unchanged, or, when there was none, that nothing was
// written. It is said even when the repository's strings did not load or
// lack the message, in English then.
func failedLine(loc *l10n.Localizer, out string, hadOutput bool) string {
	key, msg := "build_failed", fmt.Sprintf("Build failed; the previous output in %s is unchanged.", out)
	if !hadOutput {
		key, msg = "build_failed_nothing_written", fmt.Sprintf("Build failed; nothing was written to %s.", out)
	}
	if loc != nil {
		if m, err := loc.T(key, map[string]any{"Out": out}); err == nil {
			return m
		}
	}
	return msg
}

func (c *buildCmd) printWarnings(stderr io.Writer, loc *l10n.Localizer, rep *build.Report) {
	word := "warning"
	if loc != nil {
		if w, err := loc.T("warning", nil); err == nil {
			word = w
		}
	}
	for _, w := range rep.Warnings {
		sayln(stderr, check.Format(w, word))
	}
	if rep.Result != nil {
		for _, m := range rep.Result.Messages {
			if m.Error {
				sayln(stderr, "error:", m.Text)
			} else {
				sayf(stderr, "%s: %s\n", word, m.Text)
			}
		}
	}
}

// printSummary says what the build did, in the user's language. The output
// is in place by then, so a message that the repository's i18n/ lacks (one
// that a newer policysite added) leaves its line out, with a warning, and
// the command still succeeds.
func (c *buildCmd) printSummary(stdout, stderr io.Writer, loc *l10n.Localizer, rep *build.Report, d time.Duration) {
	r := rep.Result
	say := func(s string, err error) {
		if err != nil {
			sayf(stderr, "policysite: the summary leaves a line out: %v\n", err)
			return
		}
		sayln(stdout, s)
	}
	var parts = map[string]any{"Out": rep.Out, "Duration": d.Round(10 * time.Millisecond).String()}
	var err error
	for _, count := range []struct {
		key string
		n   int
	}{{"Policies", r.Policies}, {"Editions", r.Editions}, {"Languages", r.Languages}, {"Pages", r.Pages}} {
		var s string
		if s, err = loc.N(strings.ToLower(count.key)+"_count", count.n, nil); err != nil {
			break
		}
		parts[count.key] = s
	}
	if err == nil {
		say(loc.T("build_summary", parts))
	} else {
		say("", err)
	}
	if r.ComputedRedlines < r.Redlines {
		say(loc.N("computed_redlines_count", r.ComputedRedlines, nil))
	}
	if r.Unposted > 0 {
		say(loc.N("unposted_count", r.Unposted, nil))
	}
	if r.Drafts > 0 {
		say(loc.N("drafts_count", r.Drafts, nil))
	}
	// A static site shows statuses as of its build, so the authors must know
	// when to build again.
	if !r.NextChange.IsZero() {
		// In the site's time zone, as every moment the site shows.
		if d, err := loc.Moment(r.NextChange.In(rep.Site.Location), true); err != nil {
			say("", err)
		} else {
			say(loc.T("next_change", map[string]any{"Date": d}))
		}
	}
}

// earlyLocalizer returns the words of the user's language for what the
// command says while the build runs, or nil when the repository's
// configuration or strings do not load: the build then says why, and the
// progress is in English.
func (c *buildCmd) earlyLocalizer() *l10n.Localizer {
	if c.getenv == nil {
		return nil
	}
	root, err := filepath.Abs(c.source)
	if err != nil {
		return nil
	}
	repo := overlay.Site(root)
	cfg, err := config.Load(repo)
	if err != nil {
		return nil
	}
	strs, err := l10n.Load(repo, cfg.Codes())
	if err != nil {
		return nil
	}
	return strs.For(c.cliLang(cfg.Codes()))
}

// cliLang picks the language of terminal messages: POLICYSITE_LANG, else the
// locale's language when the site has it, else English, else the site's
// default language.
func (c *buildCmd) cliLang(site []policy.Lang) policy.Lang {
	has := func(l string) bool {
		for _, s := range site {
			if string(s) == l {
				return true
			}
		}
		return false
	}
	for _, v := range []string{"POLICYSITE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		val := c.getenv(v)
		if len(val) >= 2 && has(strings.ToLower(val[:2])) {
			return policy.Lang(strings.ToLower(val[:2]))
		}
	}
	if has("en") {
		return "en"
	}
	return site[0]
}
