package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"policysite/internal/cache"
	"policysite/internal/check"
	"policysite/internal/overlay"
	"policysite/internal/policy"
	"policysite/internal/sum"
)

// recordCmd records the hashes of newly posted editions in
// versions/versions.sum: the step of publishing that freezes an edition.
type recordCmd struct {
	getenv func(string) string

	source string
	now    nowFlag
}

func (c *recordCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.now.value, "now", "", "record the editions posted as of this `moment`: a date (2026-12-01, midnight in the site's time zone) or RFC 3339 (2026-12-01T10:00:00+03:00) (default: the current time)")
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
	// Recording freezes what is there: only a repository that passes the
	// checks may be recorded, so that a broken or silently edited edition is
	// never frozen as it is.
	repo := overlay.Site(root)
	r, err := check.Run(ctx, repo, now, cache.DefaultDir())
	if err != nil {
		return err
	}
	if len(r.Errors) > 0 {
		for _, e := range r.Errors {
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
	added := f.Record(all, now)
	if len(added) == 0 {
		// In the site's time zone, as the editions' own dates are.
		fmt.Fprintf(stdout, "Nothing to record: every edition posted by %s is in %s.\n", now.In(r.Site.Location).Format(time.RFC3339), sum.Path)
		return nil
	}
	if err := f.Write(root); err != nil {
		return fmt.Errorf("write %s: %w", sum.Path, err)
	}
	for _, a := range added {
		sayln(stdout, "recorded", a)
	}
	fmt.Fprintf(stdout, "Recorded %d edition(s) in %s; commit it with them. From now on they cannot change: a correction is a new edition.\n", len(added), sum.Path)
	return nil
}
