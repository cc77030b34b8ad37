package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"policysite/internal/config"
	"policysite/internal/policy"
	"policysite/internal/repofs"
	"policysite/internal/source"
)

// newCmd starts the next edition of a policy: in each language it copies the
// edition in force to a new file with fresh front matter, so that authors
// edit the text rather than retype it. The file is a draft, which no build
// publishes until its author deletes the draft line.
type newCmd struct {
	// getenv is kept for the shape every command shares; new reads no
	// environment variable yet.
	getenv func(string) string

	source, lang, posted string
	now                  nowFlag
}

const newUsage = "usage: policysite new <policy> [--lang ru,en] [--posted 2026-12-01] [--source DIR] [--now RFC3339]"

func (c *newCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.lang, "lang", "", "the `languages` to start the edition in, separated by commas (default: every site language the policy has editions in)")
	fs.StringVar(&c.posted, "posted", "", "when the new edition is to be posted: a `date` (2026-12-01, midnight in the site's time zone) or an RFC 3339 moment (2026-12-01T10:00:00+03:00) (default: the next midnight after now)")
	fs.StringVar(&c.now.value, "now", "", "the moment that decides which edition is in force, as RFC 3339 (2024-03-01T10:00:00+03:00) (default: the current time)")
	return fs
}

// newFile is one file that new writes.
type newFile struct {
	rel  string // relative to the repository, with slashes, as in source messages
	from *policy.Edition
	// fromWhy says why from is not the edition in force; empty when it is.
	fromWhy string
	data    []byte
}

// Run writes the new edition's files, all of them or, on any mistake, none.
func (c *newCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := c.flags(stderr)
	// Flags may come before or after the policy, as in diff.
	pos, err := parseArgs(flags, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{newUsage}
	}
	now, err := c.now.get()
	if err != nil {
		return err
	}
	root, err := siteRoot(c.source)
	if err != nil {
		return err
	}
	repo := repofs.New(root)
	cfg, err := config.Load(repo)
	if err != nil {
		return err
	}
	// Command-line mistakes are reported before the sources are read.
	langs, err := c.langs(cfg)
	if err != nil {
		return err
	}
	posted, err := c.postedAt(now, cfg.Location)
	if err != nil {
		return err
	}
	src, err := source.Load(source.Options{FS: repo, Langs: cfg.Codes(), Location: cfg.Location})
	if err != nil {
		return reportSourceErrors(stderr, err)
	}
	pol, err := findPolicy(src.Policies, pos[0])
	if err != nil {
		return err
	}
	plan, err := planNew(pol, cfg, langs, posted, now)
	if err != nil {
		return err
	}
	value := source.FormatMoment(posted.t, posted.hasTime)
	if c.posted == "" {
		plan.notes = append(plan.notes, fmt.Sprintf("posted: %s, the next midnight in %s (--posted sets another moment).", value, cfg.Location))
	} else if !posted.t.After(now) {
		plan.notes = append(plan.notes, fmt.Sprintf("posted %s is not after now: once its draft line is deleted and it is recorded (policysite record), the next build publishes the edition.", value))
	}

	// Every target is checked before any is written, so that a refusal
	// leaves the repository as it was.
	for _, f := range plan.files {
		if _, err := fs.Lstat(repo, f.rel); err == nil {
			return fmt.Errorf("%s already exists; policysite new never overwrites a file", f.rel)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := writeAll(filepath.Join(root, source.Dir, pol.Slug), plan.files); err != nil {
		return err
	}

	for _, f := range plan.files {
		from := f.from.ID.String()
		if f.fromWhy != "" {
			from += ", " + f.fromWhy
		}
		sayf(stdout, "%s (from %s)\n", f.rel, from)
	}
	for _, n := range plan.notes {
		sayln(stdout, n)
	}
	fmt.Fprintln(stdout, "Next: edit the text and summary; set posted to the moment the edition is published (and effective, if it takes effect later).")
	fmt.Fprintf(stdout, "The edition is a draft (draft: true), which no build publishes; policysite serve shows it under a banner. Delete that line when it is ready and run policysite record: the first build at or after %s then publishes it.\n", posted.t.In(cfg.Location).Format(time.RFC3339))
	return nil
}

// langs returns the languages --lang names, in its order, or nil for
// every language the policy has editions in.
func (c *newCmd) langs(cfg *config.Site) ([]policy.Lang, error) {
	if c.lang == "" {
		return nil, nil
	}
	var langs []policy.Lang
	for _, s := range strings.Split(c.lang, ",") {
		l := policy.Lang(strings.TrimSpace(s))
		if l == "" || slices.Contains(langs, l) {
			continue
		}
		if cfg.Lang(l) == nil {
			return nil, &usageError{fmt.Sprintf("--lang %q: the site's languages are %s", s, policy.JoinLangs(cfg.Codes()))}
		}
		langs = append(langs, l)
	}
	return langs, nil
}

// postedAt returns when the new edition is to be posted: --posted, or
// the next midnight after now in loc.
func (c *newCmd) postedAt(now time.Time, loc *time.Location) (moment, error) {
	if c.posted == "" {
		return moment{t: nextMidnight(now, loc)}, nil
	}
	m, err := parsePosted(c.posted, loc)
	if err != nil {
		return moment{}, &usageError{err.Error()}
	}
	return m, nil
}

// findPolicy returns the policy slug of policies, or says which there are.
func findPolicy(policies []*policy.Policy, slug string) (*policy.Policy, error) {
	var slugs []string
	for _, p := range policies {
		if p.Slug == slug {
			return p, nil
		}
		slugs = append(slugs, p.Slug)
	}
	there := "there is none yet"
	if len(slugs) > 0 {
		there = "there are: " + strings.Join(slugs, ", ")
	}
	// new continues a policy; its first edition is written by hand or
	// imported.
	return nil, fmt.Errorf("no policy %q in versions/; %s. A policy's first edition is written by hand, as versions/%s/<YYYY-MM-DD>.<lang>.md (docs/authoring.md, \"Source format\"), or imported with its history (policysite import)", slug, there, slug)
}

// writeAll creates every file, never replacing one, and removes those it
// created if any fails, so that a run writes all of its files or none.
func writeAll(dir string, files []newFile) error {
	var done []string
	for _, f := range files {
		path := filepath.Join(dir, filepath.Base(f.rel))
		err := writeNew(path, f.data)
		if err != nil {
			for _, p := range done {
				os.Remove(p)
			}
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s already exists; policysite new never overwrites a file", f.rel)
			}
			return err
		}
		done = append(done, path)
	}
	return nil
}

// writeNew writes a file that must not exist yet: O_EXCL closes the gap
// between the check and the write.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}
