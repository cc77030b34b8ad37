package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"policysite/internal/config"
	"policysite/internal/importer"
	"policysite/internal/policy"
	"policysite/internal/repofs"
)

// importCmd brings an existing history of a policy into versions/: from a
// folder of dated files or from one file's git history.
type importCmd struct {
	getenv func(string) string

	source, lang, from, order, gitRepo, gitPath, title string
	dateFromText, force, dryRun                        bool
}

const importUsage = "usage: policysite import <policy> --lang en (--from DIR [--order FILE] | --git REPO --path FILE) [--title T] [--date-from-text] [--dry-run] [--force]"

func (c *importCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.lang, "lang", "", "the `language` of the texts (required)")
	fs.StringVar(&c.from, "from", "", "a `dir` of files whose names start with their date, 2024-02-01-ab12.md")
	fs.StringVar(&c.order, "order", "", "with --from, a `file` listing the files oldest first, one per line: a name that starts with its date, or a date and a name, as in 2019-05-20 privacy-v3.md (default: by date, then name)")
	fs.StringVar(&c.gitRepo, "git", "", "a git `repo` whose history of --path to import")
	fs.StringVar(&c.gitPath, "path", "", "with --git, the `file` in the repository, as of its latest commit")
	fs.StringVar(&c.title, "title", "", "every edition's `title` (default: the source's front matter title, else its first heading of level 1 or 2, else its file's name, with a note)")
	fs.BoolVar(&c.dateFromText, "date-from-text", false, "make the date a text states near its top (\"Effective date: …\", «Дата вступления в силу: …») its effective date when later than posted")
	fs.BoolVar(&c.dryRun, "dry-run", false, "print what would be written, and write nothing")
	fs.BoolVar(&c.force, "force", false, "replace existing editions of the same ids")
	return fs
}

// Run imports the history, writing every file or none.
func (c *importCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := c.flags(stderr)
	pos, err := parseArgs(flags, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{importUsage}
	}
	slug := pos[0]
	if err := c.checkFlags(slug); err != nil {
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
	lang := policy.Lang(c.lang)
	if cfg.Lang(lang) == nil {
		return &usageError{fmt.Sprintf("--lang %q: the site's languages are %s", c.lang, policy.JoinLangs(cfg.Codes()))}
	}

	var (
		states  []importer.State
		skipped []string
		from    string
	)
	if c.from != "" {
		states, skipped, err = importer.FromDir(c.from, c.order)
		from = c.from
	} else {
		states, skipped, err = importer.FromGit(ctx, c.gitRepo, c.gitPath)
		from = c.gitPath + " in " + c.gitRepo
	}
	if err != nil {
		return err
	}
	plan, err := importer.Make(states, importer.Options{
		Repo: repo, Policy: slug, Lang: lang, Title: c.title,
		DateFromText: c.dateFromText, Location: cfg.Location,
	})
	if err != nil {
		return err
	}
	if ex := plan.Existing(); len(ex) > 0 && !c.force && !c.dryRun {
		return (&importer.ExistsError{Files: ex})
	}
	if !c.dryRun {
		if err := importer.Write(root, plan, c.force); err != nil {
			return err
		}
	}

	// What the source left out is listed with what the plan left out, so
	// that every file of --from is accounted for.
	plan.Skipped = append(skipped, plan.Skipped...)
	c.report(stdout, plan, append(plan.Notes, plan.TitleNotes()...), fmt.Sprintf("%s in %s", slug, lang), from)
	return nil
}

// checkFlags reports the command-line mistakes that need no repository.
func (c *importCmd) checkFlags(slug string) error {
	switch {
	case !policy.ValidSlug(slug):
		return &usageError{fmt.Sprintf("policy %q must be named with lowercase letters, digits and hyphens ([a-z0-9-]+), as it becomes the policy's URL", slug)}
	case c.lang == "":
		return &usageError{"--lang is required: the language of the texts, such as --lang en"}
	case (c.from == "") == (c.gitRepo == ""):
		return &usageError{"give one of --from DIR or --git REPO --path FILE"}
	case c.gitRepo != "" && c.gitPath == "":
		return &usageError{"--git needs --path: the file in the repository"}
	case c.gitRepo == "" && c.gitPath != "":
		return &usageError{"--path goes with --git"}
	case c.order != "" && c.from == "":
		return &usageError{"--order goes with --from"}
	}
	return nil
}

// report says what the import wrote, or would write with --dry-run: of
// what ("privacy in en"), from where.
func (c *importCmd) report(stdout io.Writer, plan *importer.Plan, notes []string, what, from string) {
	verb := "Imported"
	if c.dryRun {
		verb = "Would import"
	}
	for _, f := range plan.Files {
		extra := ""
		if f.Effective != "" {
			extra = ", effective " + f.Effective
		}
		if f.Exists {
			extra += ", replacing the file there"
		}
		sayf(stdout, "%s (from %s%s)\n", f.Rel, f.From, extra)
	}
	for _, s := range plan.Skipped {
		sayln(stdout, "skipped "+s)
	}
	for _, n := range notes {
		sayln(stdout, "note: "+n)
	}
	sayf(stdout, "%s %d edition%s of %s from %d state%s of %s (%d skipped).\n",
		verb, len(plan.Files), plural(len(plan.Files)), what, plan.States, plural(plan.States), from, len(plan.Skipped))
	if c.dryRun {
		fmt.Fprintln(stdout, "Dry run: nothing written.")
		if ex := plan.Existing(); len(ex) > 0 && !c.force {
			sayf(stdout, "Without --force the import would refuse to replace: %s\n", strings.Join(ex, ", "))
		}
		return
	}
	fmt.Fprintln(stdout, "Next: policysite check, which reports the editions as not recorded until you record them; add a summary to each edition if you like; then policysite record, so that the posted editions cannot change, and commit them with versions/versions.sum.")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
