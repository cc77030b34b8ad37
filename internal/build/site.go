package build

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"policysite/internal/cache"
	"policysite/internal/check"
	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/outdir"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"policysite/internal/publish"
	"policysite/internal/site"
)

// Input is everything a build renders, once the sources are read and
// checked.
type Input struct {
	// Source is the repository, read through the file system: Hugo's
	// layouts, content, i18n, assets and static folders.
	Source fs.FS
	// Root is where Source is, absolute, for Hugo's messages; "" is fine.
	Root     string
	Config   *config.Site
	BaseURL  string
	Now      time.Time
	Policies []*policy.Policy
	Strings  *l10n.Bundle
	// Analyses are what package check read in each edition, when the
	// caller has run it; the plan reads the editions it lacks.
	Analyses map[*policy.Edition]*check.Analysis
	// HugoProject, when set, also receives the project handed to Hugo.
	HugoProject string
	// CacheDir is the folder in which redlines are kept between builds
	// (see cache.DefaultDir); "" computes every one.
	CacheDir string
	// CacheWarning is the warning of a cache the caller wrote in CacheDir
	// (check's analyses), if any: a cache folder that cannot be written
	// costs one warning, whichever cache found it.
	CacheWarning string
	// Progress, when not nil, hears how the build advances.
	Progress plan.Progress
	// RenderGCPercent is site.Options'.
	RenderGCPercent int
	// Preview is Options'.
	Preview bool
}

// Result tells what a build wrote.
type Result struct {
	Policies  int
	Languages int
	// Editions counts published edition pages over all languages.
	Editions int
	// Unposted counts editions left out because they are posted after
	// Now, and Drafts those left out because they are drafts.
	Unposted, Drafts int
	// Redlines counts the redline pages over all languages, and
	// ComputedRedlines those whose redline the build computed rather than
	// read from the cache.
	Redlines         int
	ComputedRedlines int
	// Pages counts the HTML files written.
	Pages    int
	Messages []site.Message
	// NextChange is the first moment after Now at which an edition is
	// posted or takes effect: the site shows the change only once built
	// again then. It is zero when nothing is due.
	NextChange time.Time
}

// Site builds the site into outDir, which must exist and be empty: it
// computes the plan, prepares Hugo's project from it, publishes the
// plan's documents, has Hugo render the pages, and writes the discovery
// files. Every output byte is a function of the input: the redline cache
// only spares computing what it holds.
func Site(ctx context.Context, in Input, outDir string) (*Result, error) {
	// A message that i18n/ lacks is noted rather than fatal, so that the
	// build stops once with every one (see missedMessages).
	strs := in.Strings.Lenient()
	rc := newRedlineCache(in.CacheDir)
	pl, err := plan.Make(ctx, plan.Input{Config: in.Config, BaseURL: in.BaseURL, Now: in.Now, Policies: in.Policies,
		Strings: strs, Analyses: in.Analyses, Redlines: rc, Progress: in.Progress, Preview: in.Preview})
	if err != nil {
		return nil, err
	}
	// What the plan took of the analyses it holds; the rest (each
	// edition's blocks) is garbage from here.
	in.Analyses = nil
	res := &Result{Policies: pl.Shown, Languages: len(in.Config.Langs), Editions: len(pl.Editions),
		Unposted: pl.Unposted, Drafts: pl.Drafts, Redlines: len(pl.Comparisons), NextChange: pl.NextChange,
		ComputedRedlines: int(rc.computed.Load())}
	out := outdir.New(outDir)
	// The order keeps the heap small while Hugo renders, which is when it
	// peaks: Hugo's project is written, then the documents, and what only
	// they need is let go of before the render.
	r, err := site.Prepare(ctx, pl, site.Options{Source: in.Source, Root: in.Root, HugoProject: in.HugoProject,
		Progress: in.Progress, RenderGCPercent: in.RenderGCPercent}, out)
	if err != nil {
		return res, err
	}
	pl.ReleaseBodies()
	if in.Progress != nil {
		in.Progress.Phase("writing JSON and feeds", 0)
	}
	if err := publish.Documents(pl, out); err != nil {
		return res, err
	}
	pl.ReleaseTexts()
	msgs, err := r.Run(ctx)
	res.Messages = msgs
	if errors.Is(err, site.ErrMissedMessages) {
		// The build has failed, so the discovery files would be for
		// nothing; they still ask for their messages, so that the error
		// names every one missing. What they write is thrown away with
		// the output folder.
		_ = publish.Discovery(pl, out)
		return res, missedMessages(strs)
	}
	if err != nil {
		return res, err
	}
	if err := publish.Discovery(pl, out); err != nil {
		return res, err
	}
	if err := missedMessages(strs); err != nil {
		return res, err
	}
	res.Pages = out.Pages()
	rc.Trim()
	cache.RemoveRetired(in.CacheDir)
	// A cache folder that cannot be written costs one warning, not two.
	if w := cmp.Or(rc.Warning(), in.CacheWarning); w != "" {
		res.Messages = append(res.Messages, site.Message{Text: w})
	}
	return res, nil
}

// missedMessages is the error for the messages that the build asked
// strings for and i18n/ lacks, one per language's file, or nil. A
// repository whose i18n/ is older than the policysite it runs lacks the
// messages added since; it learns them all at once.
func missedMessages(strs *l10n.Bundle) error {
	var list policy.ErrorList
	for _, g := range strs.Missed() {
		quoted := make([]string, len(g.Missing))
		for i, id := range g.Missing {
			quoted[i] = strconv.Quote(id)
		}
		list = append(list, policy.Errorf(l10n.Dir+"/"+string(g.Lang)+".toml", 0,
			"lacks %s, which the site needs; policysite's built-in i18n/en.toml has each, with a description for translators",
			strings.Join(quoted, ", ")))
	}
	return list.Err()
}
