package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"policysite/internal/cache"
	"policysite/internal/check"
	"policysite/internal/overlay"
	"policysite/internal/policy"
	"policysite/internal/sum"
)

// recordCmd records the hashes of approved editions in
// versions/versions.sum: the step of publishing that freezes an edition.
// With --unfreeze it takes an edition not yet posted out of the file, the
// one deliberate way to change a recorded text.
type recordCmd struct {
	getenv func(string) string

	source   string
	now      nowFlag
	unfreeze []string
}

func (c *recordCmd) help() string {
	return "Usage: policysite record [--unfreeze <file>] [flags]\n\n" +
		"Records in versions/versions.sum the hashes of the editions that are not drafts,\n" +
		"posted or not yet: from then on they cannot change, and check and build fail if\n" +
		"they do. Record an edition before its posted moment: a build that would publish\n" +
		"an edition not recorded fails. --unfreeze removes the entry of an edition not\n" +
		"yet posted, so that its text may change; a posted edition stays frozen, and a\n" +
		"correction is a new edition (policysite new)."
}

func (c *recordCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.now.value, "now", "", "check, and tell posted editions from those not yet posted, as of this `moment`: a date (2026-12-01, midnight in the site's time zone) or RFC 3339 (2026-12-01T10:00:00+03:00) (default: the current time)")
	fs.Func("unfreeze", "remove the entry of the edition `file` (versions/privacy/2026-12-01.en.md), which must not be posted yet, instead of recording; may be repeated", func(s string) error {
		c.unfreeze = append(c.unfreeze, s)
		return nil
	})
	c.now.source = &c.source
	return fs
}

func (c *recordCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := c.flags(stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	now, err := c.now.get()
	if err != nil {
		return err
	}
	root, err := siteRoot(c.source)
	if err != nil {
		return err
	}
	repo := overlay.Site(root)
	r, err := check.RunIn(ctx, root, repo, now, cache.DefaultDir())
	if err != nil {
		return err
	}
	// Recording freezes what is there: only a repository that passes the
	// checks may be recorded, so that a broken or silently edited edition
	// is never frozen as it is. An edition published but not recorded is
	// the error recording resolves, once the author has checked its text;
	// a changed edition not yet posted is the error unfreezing resolves,
	// which needs only the config.
	var errs []*policy.SourceError
	for _, e := range r.Errors {
		if r.Site == nil || len(c.unfreeze) == 0 && !errors.Is(e, sum.ErrNotRecorded) {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		for _, e := range errs {
			sayln(stderr, check.Format(e, "error"))
		}
		fmt.Fprintln(stderr, "record: nothing recorded; fix the errors first")
		return errReported
	}
	f, err := sum.Read(repo)
	if err != nil {
		return err
	}
	var all []*policy.Edition
	for _, p := range r.Policies {
		for _, l := range r.Site.Codes() {
			all = append(all, p.Editions[l]...)
		}
	}
	if len(c.unfreeze) > 0 {
		return c.unfreezeAll(root, f, all, now, stdout)
	}
	added := f.Record(all)
	if len(added) == 0 {
		fmt.Fprintf(stdout, "Nothing to record: every edition that is not a draft is in %s.\n", sum.Path)
		return nil
	}
	if err := f.Write(root); err != nil {
		return fmt.Errorf("write %s: %w", sum.Path, err)
	}
	posted := map[string]time.Time{}
	for _, e := range all {
		posted[e.File] = e.Posted
	}
	for _, a := range added {
		// In the site's time zone, as the editions' own dates are.
		if p := posted[a]; p.After(now) {
			sayf(stdout, "recorded %s, to be posted %s\n", a, p.In(r.Site.Location).Format(time.RFC3339))
		} else {
			sayln(stdout, "recorded", a)
		}
	}
	fmt.Fprintf(stdout, "Recorded %d edition(s) in %s; commit it with them. From now on they cannot change: a correction is a new edition.\n", len(added), sum.Path)
	return nil
}

// unfreezeAll removes the entries of c.unfreeze from f, each only if its
// edition is not posted as of the check's now, and writes f: all of them
// or, on any refusal, none.
func (c *recordCmd) unfreezeAll(root string, f *sum.File, all []*policy.Edition, now time.Time, stdout io.Writer) error {
	var files []string
	for _, u := range c.unfreeze {
		file := repoPath(root, u)
		if err := f.Unfreeze(file, all, now); err != nil {
			return fmt.Errorf("record --unfreeze: %w; nothing unfrozen", err)
		}
		files = append(files, file)
	}
	if err := f.Write(root); err != nil {
		return fmt.Errorf("write %s: %w", sum.Path, err)
	}
	for _, file := range files {
		sayln(stdout, "unfrozen", file)
	}
	fmt.Fprintf(stdout, "Removed %d edition(s) from %s: edit them, then run policysite record once their text is final, and commit %s with them.\n", len(files), sum.Path, sum.Path)
	return nil
}

// repoPath is the edition file arg, as given on the command line, as a
// path in the repository at root ("versions/privacy/2026-12-01.en.md"):
// a path from the current folder when it leads into root, else a path
// from root.
func repoPath(root, arg string) string {
	if abs, err := filepath.Abs(arg); err == nil {
		if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(arg))
}
