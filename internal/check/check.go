// Package check validates a repository without building it: the config,
// every edition's source, the integrity of recorded editions against
// versions/versions.sum and of that file against its git history,
// translation drift, and dates against each edition's own clauses on how
// the policy changes. `policysite check` runs it alone; `policysite build`
// runs it first and builds only when it finds no error.
package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"policysite/internal/changeterms"
	"policysite/internal/clause"
	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/policy"
	"policysite/internal/sitetree"
	"policysite/internal/source"
	"policysite/internal/sum"
)

// Report is what a check found, and what it read on the way, so that a
// build need not read it again.
type Report struct {
	Site     *config.Site
	Strings  *l10n.Bundle
	Policies []*policy.Policy
	// Analyses are what the check read in every edition, posted or not.
	Analyses map[*policy.Edition]*Analysis
	// Errors stop a build; Warnings do not, unless it is strict. Both are
	// sorted by file and line.
	Errors   []*policy.SourceError
	Warnings []*policy.Warning
	// Notes are what the author should know and is no problem: each
	// draft, which no build publishes. Sorted as the warnings are;
	// --strict does not count them.
	Notes []*policy.Warning
	// CacheWarning, when not "", says that the analyses could not be kept
	// in the cache folder, so that the next run reads every edition again.
	// It is about the machine, not the sources: no finding, and --strict
	// does not count it.
	CacheWarning string
}

// slugs are the policies' slugs, in order.
func slugs(pols []*policy.Policy) []string {
	out := make([]string, len(pols))
	for i, p := range pols {
		out[i] = p.Slug
	}
	return out
}

// Err returns the errors as one error, or nil.
func (r *Report) Err() error { return policy.ErrorList(r.Errors).Err() }

// Run checks the repository repo (os.DirFS of its folder, or a
// fstest.MapFS in tests) as of now. It returns an error only when the
// check itself could not run (an unreadable config, say); what is wrong
// with the sources is in the report, its files named by their paths in
// repo. cacheDir is the folder of policysite's caches (see package cache),
// or "" to read every edition afresh.
func Run(ctx context.Context, repo fs.FS, now time.Time, cacheDir string) (*Report, error) {
	return RunIn(ctx, "", repo, now, cacheDir)
}

// RunIn is Run on the repository in the folder root, read through repo
// (overlay.Site(root)): with the folder on disk, the check also holds
// versions/versions.sum to what its git history committed (sum.History),
// so that an entry removed or changed to fit a changed edition is found.
// root "" checks repo alone, as Run does.
func RunIn(ctx context.Context, root string, repo fs.FS, now time.Time, cacheDir string) (*Report, error) {
	cfg, err := config.Load(repo)
	if err != nil {
		var se *policy.SourceError
		if errors.As(err, &se) {
			return &Report{Errors: []*policy.SourceError{se}}, nil
		}
		return nil, err
	}
	strs, err := l10n.Load(repo, cfg.Codes())
	if err != nil {
		return nil, err
	}
	r := &Report{Site: cfg, Strings: strs}
	for _, g := range strs.Gaps() {
		r.Warnings = append(r.Warnings, i18nGap(g))
	}
	// What the renderer will read of the site's own folders, so that check
	// refuses all that build would.
	r.Errors = append(r.Errors, sitetree.Files(repo)...)
	src, err := source.Load(source.Options{FS: repo, Langs: cfg.Codes(), Location: cfg.Location})
	if src != nil {
		r.Warnings = append(r.Warnings, src.Warnings...)
	}
	if err != nil {
		var list policy.ErrorList
		if !errors.As(err, &list) {
			return nil, err
		}
		r.Errors = append(r.Errors, list...)
		r.sort()
		return r, nil
	}
	r.Policies = src.Policies
	r.Errors = append(r.Errors, sitetree.Collisions(repo, slugs(r.Policies), cfg.Codes())...)
	if len(r.Policies) == 0 {
		// A new repository: the site builds, with nothing to show.
		r.Warnings = append(r.Warnings, policy.Errorf(source.Dir, 0,
			"no policy yet: write a policy's first edition as %s/<policy>/<YYYY-MM-DD>.<lang>.md (docs/authoring.md, \"Source format\"), or bring its history in with policysite import", source.Dir))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var all []*policy.Edition
	for _, p := range r.Policies {
		for _, l := range cfg.Codes() {
			all = append(all, p.Editions[l]...)
		}
	}
	sums, err := r.verifySums(ctx, root, repo, all, now)
	if err != nil {
		return nil, err
	}
	recorded := func(e *policy.Edition) bool { return sums != nil && sums.Recorded(e) }

	r.Analyses, r.CacheWarning = analyze(all, cacheDir)
	r.Warnings = append(r.Warnings, numbering(all, r.Analyses)...)
	r.Warnings = append(r.Warnings, language(all)...)
	terms := make(map[*policy.Edition]changeterms.Terms, len(all))
	for e, a := range r.Analyses {
		terms[e] = a.Terms
	}
	for _, p := range r.Policies {
		// The dates and translations of what is published: a draft is
		// neither the edition before another nor a translation yet.
		pub := withoutDrafts(p)
		for _, l := range cfg.Codes() {
			r.Warnings = append(r.Warnings, changeterms.Check(pub.Editions[l], terms)...)
		}
		errs, warns := drift(pub, cfg, r.Analyses)
		r.Errors = append(r.Errors, errs...)
		r.Warnings = append(r.Warnings, warns...)
		r.Warnings = append(r.Warnings, identical(pub, cfg, r.Analyses, recorded)...)
	}
	r.Notes = drafts(all)
	r.sort()
	return r, ctx.Err()
}

// verifySums reads versions.sum of repo and verifies every edition, all,
// against it and, when root is a folder in a git work tree, the file
// against its history, adding what it finds to r. It returns the file, or
// nil when it could not be read, which r then says why.
func (r *Report) verifySums(ctx context.Context, root string, repo fs.FS, all []*policy.Edition, now time.Time) (*sum.File, error) {
	sums, err := sum.Read(repo)
	if err != nil {
		var list policy.ErrorList
		if !errors.As(err, &list) {
			return nil, err
		}
		r.Errors = append(r.Errors, list...)
		return nil, nil
	}
	var hist *sum.Committed
	if root != "" {
		if hist, err = sum.History(ctx, root); err != nil {
			// The check ran without what git could not say: a warning,
			// which --strict refuses, not a silent pass.
			r.Warnings = append(r.Warnings, policy.Errorf(sum.Path, 0, "its history in git was not verified: %v", err))
		}
	}
	errs, warns := sums.Verify(all, now, hist)
	r.Errors = append(r.Errors, errs...)
	r.Warnings = append(r.Warnings, warns...)
	return sums, nil
}

func (r *Report) sort() {
	by := func(a, b *policy.SourceError) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), strings.Compare(a.Error(), b.Error()))
	}
	slices.SortStableFunc(r.Errors, by)
	slices.SortStableFunc(r.Warnings, by)
	slices.SortStableFunc(r.Notes, by)
}

// drift compares the translations of each edition of a policy. The same
// edition in two languages must have the same numbered clauses: a clause
// missing from one translation is an error, since a reader of that language
// would be bound by a different text. An edition without a translation,
// and an edition newer than every edition in another language, are
// warnings: the site then shows the nearest edition in that language and
// says which language prevails.
func drift(p *policy.Policy, cfg *config.Site, an map[*policy.Edition]*Analysis) (errs []*policy.SourceError, warns []*policy.Warning) {
	langs := p.Langs(cfg.Codes())
	if len(langs) < 2 {
		return nil, nil
	}
	prevailing := cfg.PrevailingLanguage
	if !slices.Contains(langs, prevailing) {
		prevailing = langs[0]
	}
	name := func(l policy.Lang) string {
		if lang := cfg.Lang(l); lang != nil {
			return lang.Name + " (" + string(l) + ")"
		}
		return string(l)
	}
	for _, l := range langs {
		latestOther := map[policy.Lang]*policy.Edition{}
		for _, o := range langs {
			if eds := p.Editions[o]; o != l && len(eds) > 0 {
				latestOther[o] = eds[len(eds)-1]
			}
		}
		for _, e := range p.Editions[l] {
			for _, o := range langs {
				if o == l {
					continue
				}
				tr := p.Find(o, e.ID)
				if tr == nil {
					if last := latestOther[o]; e.ID.Compare(last.ID) > 0 {
						warns = append(warns, policy.Errorf(e.File, 0, "newer than every edition in %s (the latest is %s): the %s pages still show an older text; add %s",
							name(o), last.ID, o, strings.Replace(e.File, "."+string(l)+".md", "."+string(o)+".md", 1)))
					} else {
						warns = append(warns, policy.Errorf(e.File, 0, "has no translation into %s: the %s pages lead to the nearest edition in that language instead; add %s",
							name(o), o, strings.Replace(e.File, "."+string(l)+".md", "."+string(o)+".md", 1)))
					}
					continue
				}
				// Each pair is compared once, from the reference text's side,
				// and reported in the translation, which is the text to fix.
				if reference(p, langs, prevailing, e.ID) == l {
					errs = append(errs, compareClauses(e, tr, an)...)
				}
			}
		}
	}
	return errs, warns
}

// reference is the language whose edition id the other translations are
// compared with: the prevailing language when it has the edition, else the
// first language that has it.
func reference(p *policy.Policy, langs []policy.Lang, prevailing policy.Lang, id policy.ID) policy.Lang {
	if p.Find(prevailing, id) != nil {
		return prevailing
	}
	for _, l := range langs {
		if p.Find(l, id) != nil {
			return l
		}
	}
	return ""
}

// compareClauses reports the numbered clauses that one translation has and
// the other lacks, in the translation's file at the line of the clause
// before the gap (or the clause itself when it is extra).
func compareClauses(orig, tr *policy.Edition, an map[*policy.Edition]*Analysis) []*policy.SourceError {
	a, b := an[orig].Clauses, an[tr].Clauses
	inB := map[string]clause.Clause{}
	for _, c := range b {
		inB[c.Number] = c
	}
	inA := map[string]bool{}
	for _, c := range a {
		inA[c.Number] = true
	}
	var out []*policy.SourceError
	var missing []string
	for _, c := range a {
		if _, ok := inB[c.Number]; !ok {
			missing = append(missing, c.Number)
		}
	}
	if len(missing) > 0 {
		out = append(out, policy.Errorf(tr.File, 0, "lacks clause%s %s, which %s has: the translations of one edition must have the same clauses",
			plural(len(missing)), strings.Join(missing, ", "), orig.File))
	}
	for _, c := range b {
		if !inA[c.Number] {
			out = append(out, policy.Errorf(tr.File, line(tr, c), "clause %s is not in %s: the translations of one edition must have the same clauses",
				c.Number, orig.File))
		}
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func line(e *policy.Edition, c clause.Clause) int {
	if e.BodyLine <= 0 {
		return 0
	}
	return e.BodyLine + c.Line - 1
}

// Format writes a diagnostic for people: "file:line: warning: message".
func Format(e *policy.SourceError, severity string) string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	return loc + ": " + severity + ": " + e.Err.Error()
}

// i18nGap is the warning for a language's file that lacks messages another
// has.
func i18nGap(g l10n.Gap) *policy.Warning {
	const shown = 5
	list := strings.Join(g.Missing[:min(len(g.Missing), shown)], ", ")
	if len(g.Missing) > shown {
		list += fmt.Sprintf(" and %d more", len(g.Missing)-shown)
	}
	return policy.Errorf(l10n.Dir+"/"+string(g.Lang)+".toml", 0,
		"lacks %d message(s) that %s/%s.toml has: %s; pages in %s show them in the site's first language or not at all, and a build stops at those policysite writes itself",
		len(g.Missing), l10n.Dir, g.From, list, g.Lang)
}

// UnrecordedAsWarnings makes the errors of editions published but not
// recorded in versions.sum warnings, for a preview (policysite serve): it
// publishes nothing, and an author previews an edition whose text is not
// final yet, which recording would freeze.
func (r *Report) UnrecordedAsWarnings() {
	kept := r.Errors[:0]
	for _, e := range r.Errors {
		if errors.Is(e, sum.ErrNotRecorded) {
			r.Warnings = append(r.Warnings, e)
		} else {
			kept = append(kept, e)
		}
	}
	r.Errors = kept
	r.sort()
}
