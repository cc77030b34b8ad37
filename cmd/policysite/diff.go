package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/overlay"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"policysite/internal/redline"
	"policysite/internal/source"
)

// diffCmd prints the redline between two editions of a policy.
type diffCmd struct {
	getenv func(string) string

	source, lang, color string
	json                bool
}

func (c *diffCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.lang, "lang", "", "the `language` of the editions to compare (default: the site's first language)")
	fs.StringVar(&c.color, "color", "auto", "colour the redline: `auto` (on a terminal, unless NO_COLOR is set), always or never")
	fs.BoolVar(&c.json, "json", false, "print the structured redline as JSON instead")
	return fs
}

// diffJSON is what --json prints. Fields are added, never renamed.
type diffJSON struct {
	SchemaVersion int    `json:"schema_version"`
	Policy        string `json:"policy"`
	Lang          string `json:"lang"`
	From          string `json:"from"`
	To            string `json:"to"`
	Summary       string `json:"summary"`
	Same          bool   `json:"same"`
	// ChangeTermsChanged: the editions differ in how changes take effect.
	ChangeTermsChanged bool             `json:"change_terms_changed"`
	Stats              redline.Stats    `json:"stats"`
	Clauses            []redline.Clause `json:"clauses"`
	Moves              []redline.Move   `json:"moves"`
	Ops                []redline.Op     `json:"ops"`
	// Links and Formats are the links whose address changed and the
	// paragraphs whose formatting did, as in changes.json.
	Links   []redline.LinkChange   `json:"links"`
	Formats []redline.FormatChange `json:"formats"`
}

func (c *diffCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := c.flags(stderr)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return &usageError{"usage: policysite diff <policy> <from> <to> [--lang ru] [--json]; see policysite diff --help"}
	}
	switch c.color {
	case "auto", "always", "never":
	default:
		return &usageError{fmt.Sprintf("--color %q: want auto, always or never", c.color)}
	}
	root, err := siteRoot(c.source)
	if err != nil {
		return err
	}
	repo := overlay.Site(root)
	cfg, err := config.Load(repo)
	if err != nil {
		return err
	}
	lang := cfg.Codes()[0]
	if c.lang != "" {
		lang = policy.Lang(c.lang)
		if cfg.Lang(lang) == nil {
			return &usageError{fmt.Sprintf("--lang %q: the site's languages are %s", c.lang, policy.JoinLangs(cfg.Codes()))}
		}
	}
	ids := make([]policy.ID, 2)
	for i, s := range pos[1:] {
		if ids[i], err = policy.ParseID(s); err != nil {
			return &usageError{fmt.Sprintf("%q is not an edition id such as 2024-03-01 or 2024-03-01.2", s)}
		}
	}
	src, err := source.Load(source.Options{FS: repo, Langs: cfg.Codes(), Location: cfg.Location})
	if err != nil {
		return reportSourceErrors(stderr, err)
	}
	pol, eds, err := findEditions(src.Policies, pos[0], lang, ids)
	if err != nil {
		return err
	}
	strs, err := l10n.Load(repo, cfg.Codes())
	if err != nil {
		return err
	}
	loc := strs.For(lang)
	// The very comparison the site's redline page shows, from the same
	// analysis and plain texts.
	cmp, from, to := plan.Pair(eds[0], eds[1], nil)
	res, err := cmp.Result()
	if err != nil {
		return err
	}
	summary, err := plan.Summary(loc, cmp, from, to)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(stdout, diffJSON{
			SchemaVersion: 1, Policy: pol.Slug, Lang: string(lang), From: ids[0].String(), To: ids[1].String(),
			Summary: summary, Same: res.Same(), ChangeTermsChanged: !from.Terms.SameRules(to.Terms),
			Stats: res.Stats, Clauses: res.Clauses, Moves: res.Moves, Ops: res.Ops, Links: res.Links, Formats: res.Formats,
		})
	}
	labels, err := redline.LocalLabels(loc)
	if err != nil {
		return err
	}
	color := c.color == "always" || c.color == "auto" && c.getenv("NO_COLOR") == "" && isTerminal(stdout)
	sayf(stdout, "%s (%s): %s → %s\n%s\n", pol.Slug, lang, ids[0], ids[1], summary)
	if res.Same() {
		return nil
	}
	fmt.Fprintln(stdout)
	return res.WriteText(stdout, redline.TextOptions{Color: color, Labels: labels})
}

// findEditions finds the editions ids of policy slug in lang, or says
// which policies or editions there are.
func findEditions(pols []*policy.Policy, slug string, lang policy.Lang, ids []policy.ID) (*policy.Policy, []*policy.Edition, error) {
	var pol *policy.Policy
	var slugs []string
	for _, p := range pols {
		slugs = append(slugs, p.Slug)
		if p.Slug == slug {
			pol = p
		}
	}
	if pol == nil {
		return nil, nil, fmt.Errorf("no policy %q in versions/; there are: %s", slug, strings.Join(slugs, ", "))
	}
	eds := make([]*policy.Edition, len(ids))
	for i, id := range ids {
		if eds[i] = pol.Find(lang, id); eds[i] == nil {
			var have []string
			for _, e := range pol.Editions[lang] {
				have = append(have, e.ID.String())
			}
			return nil, nil, fmt.Errorf("policy %s has no edition %s in %s; its editions in %s are: %s", pol.Slug, id, lang, lang, strings.Join(have, ", "))
		}
	}
	return pol, eds, nil
}

// reportSourceErrors prints every source error on its own line.
func reportSourceErrors(stderr io.Writer, err error) error {
	var list policy.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	for _, e := range list {
		sayln(stderr, e)
	}
	return errReported
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// printJSON prints v as indented JSON, with what a terminal would obey
// escaped (jsonSafe).
func printJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(jsonSafe(b.Bytes()))
	return err
}
