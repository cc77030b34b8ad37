package site

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"policysite/internal/changeterms"
	"policysite/internal/check"
	"policysite/internal/clause"
	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/plaintext"
	"policysite/internal/policy"
)

// Input is everything a build renders.
type Input struct {
	// Root is the repository, absolute.
	Root     string
	Config   *config.Site
	BaseURL  string
	Now      time.Time
	Policies []*policy.Policy
	Strings  *l10n.Bundle
	// Analyses are what package check read in each edition, when the
	// caller has run it; the build reads the editions it lacks.
	Analyses map[*policy.Edition]*check.Analysis
	// HugoProject, when set, is a directory into which the project that Hugo
	// builds is also written, so that the Hugo CLI can build the same pages
	// (the performance reference) and so that templates can be debugged.
	HugoProject string
	// CacheDir is the folder in which redlines and rendered pages are kept
	// between builds (in its redlines/ and pages/ folders; see pagecache.go);
	// "" computes and renders everything afresh. See cache.DefaultDir.
	CacheDir string
	// Progress, when not nil, hears how the build advances.
	Progress Progress
	// CacheWarning is the warning of a cache the caller wrote in CacheDir
	// (check's analyses), if any: a cache folder that cannot be written
	// costs one warning, whichever cache found it.
	CacheWarning string
	// RenderGCPercent, when not 0, is the garbage collector's target
	// (debug.SetGCPercent) while Hugo renders, the process's own setting
	// being restored after. Hugo holds every page it renders until the last
	// is written, so a first build's heap peaks then.
	RenderGCPercent int
	// Module, when not nil, is the in-browser comparison's module, which
	// the caller started before it read the editions; else Build starts it.
	// Build does not stop it.
	Module *Module
	// Out is where the caller will put the output, and where the previous
	// build's output may be: a file that would be the same is hard-linked
	// from there rather than written again (see output). Nothing there is
	// written to. "" is a build without a previous output.
	Out string
}

// Progress hears how a build advances, so that a long build can show it.
// Done is called from several goroutines at once.
type Progress interface {
	// Phase starts a step of the build; total counts its items, or is 0
	// when they are not counted.
	Phase(name string, total int)
	// Done says that n more items of the current step are finished.
	Done(n int)
}

type noProgress struct{}

func (noProgress) Phase(string, int) {}
func (noProgress) Done(int)          {}

// Result tells what a build wrote.
type Result struct {
	Policies  int
	Languages int
	// Editions counts published edition pages over all languages.
	Editions int
	// Unposted counts editions left out because they are posted after Now.
	Unposted int
	// Redlines counts the redline pages over all languages, and
	// ComputedRedlines those whose redline the build computed rather than
	// read from the cache.
	Redlines         int
	ComputedRedlines int
	// Pages counts the HTML files written, and CachedPages those of them
	// that came from the page cache.
	Pages       int
	CachedPages int
	// Reused counts the files that were the same in the previous output and
	// were linked from there.
	Reused int
	// PageCacheOff, when not nil, is the template that kept the page cache
	// off although a cache folder was given.
	PageCacheOff *CacheBlocker
	Messages     []Message
	// NextChange is the first moment after Now at which an edition is posted
	// or takes effect: the site shows the change only once built again
	// then. It is zero when nothing is due.
	NextChange time.Time
}

// contentDirs are copied from the repository into Hugo's project.
var contentDirs = []string{"layouts", "content", "i18n", "assets", "static"}

// Build renders the site into outDir, which must exist and be empty.
func Build(ctx context.Context, in Input, outDir string) (*Result, error) {
	if in.Progress == nil {
		in.Progress = noProgress{}
	}
	mod := in.Module
	if mod == nil {
		mod = StartModule(ctx, in.Root)
		defer mod.Stop()
	}
	// A message that i18n/ lacks is noted rather than fatal, so that the
	// build stops once with every one (see missedMessages).
	in.Strings = in.Strings.Lenient()
	p := newProject(in.Root)
	for _, d := range contentDirs {
		if err := p.copyDir(d); err != nil {
			return nil, fmt.Errorf("read %s: %w", d, err)
		}
	}
	if err := checkCollisions(p, in); err != nil {
		return nil, err
	}
	files := p.sourceHash()
	res := &Result{Languages: len(in.Config.Langs)}
	g := &generator{in: in, p: p, res: res, cache: newRedlineCache(in.CacheDir), out: newOutput(outDir, in.Out, in.CacheDir)}
	defer func() {
		res.Reused = int(g.out.reused.Load())
		res.ComputedRedlines = int(g.cache.computed.Load())
	}()
	// Whatever way the build ends, what it computed is kept for the next.
	defer g.closeCaches()
	if err := g.generate(); err != nil {
		return nil, err
	}
	// The analyses' texts and annotated bodies are in the pages and the
	// plain texts now; what is left of them (clauses, terms) the generator
	// keeps apart. Let go of the rest before Hugo renders: on a large site
	// it is tens of megabytes, which would raise the peak by twice as much.
	in.Analyses, g.in.Analyses, g.analyses = nil, nil, nil
	warnings, err := g.anyPair(ctx, mod)
	if err != nil {
		return nil, err
	}
	cfg := hugoConfig(in)
	if err := g.languageChoice(cfg); err != nil {
		return nil, err
	}
	notes, err := discoveryConfig(in, cfg)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, notes...)
	cacheDir := in.CacheDir
	if in.HugoProject != "" {
		// The project must hold every page for the Hugo CLI to render.
		cacheDir = ""
	}
	slugs := make([]string, len(in.Policies))
	for i, pol := range in.Policies {
		slugs[i] = pol.Slug
	}
	g.pc = newPageCache(cacheDir, p, files, cfg, slugs)
	res.PageCacheOff = g.pc.off
	if err := g.placePages(); err != nil {
		return nil, fmt.Errorf("write cached pages: %w", err)
	}
	for _, dp := range g.pages {
		if dp.cached {
			res.CachedPages++
		}
	}
	if in.HugoProject != "" {
		if err := p.dump(in.HugoProject, cfg); err != nil {
			return nil, fmt.Errorf("write the Hugo project: %w", err)
		}
		if err := g.dumpTexts(in.HugoProject); err != nil {
			return nil, fmt.Errorf("write the Hugo project: %w", err)
		}
	}
	// The count is of the edition and redline pages Hugo renders, which
	// the finisher sees; the policy pages and the home page are few.
	if len(in.Strings.Missed()) > 0 {
		// The build has failed, so Hugo's render would be for nothing; the
		// JSON and feeds still ask for their messages, so that the error
		// names every one missing. What they write is thrown away.
		_ = g.publishDiscovery()
		_ = g.publishData()
		return res, missedMessages(in.Strings)
	}
	in.Progress.Phase("rendering pages", len(g.pages)-res.CachedPages)
	p.finish = g.finisher(outDir)
	p.wrote = g.out.wrote
	var gc int
	if in.RenderGCPercent != 0 {
		gc = debug.SetGCPercent(in.RenderGCPercent)
	}
	msgs, err := p.run(ctx, cfg, outDir, in.Now)
	if in.RenderGCPercent != 0 {
		debug.SetGCPercent(gc)
	}
	res.Messages = append(warnings, msgs...)
	g.storePages(msgs, err != nil)
	if err != nil {
		return res, err
	}
	if err := p.publishStatic(g.out); err != nil {
		return res, err
	}
	p.dropContent()
	// Hugo's pages are garbage now, but the collector's next target is
	// twice the heap they made live: the JSON and feeds would grow the
	// heap that far before it ran again. On the 1,000-edition site that
	// was a fifth of the build's peak.
	runtime.GC()
	in.Progress.Phase("writing JSON and feeds", 0)
	if err := g.publishDiscovery(); err != nil {
		return res, fmt.Errorf("write discovery files: %w", err)
	}
	if err := g.publishData(); err != nil {
		return res, fmt.Errorf("write JSON and feeds: %w", err)
	}
	if err := missedMessages(in.Strings); err != nil {
		return res, err
	}
	res.Pages = g.out.countPages()
	g.closeCaches()
	// A cache folder that cannot be written costs one warning, not two.
	if w := cmp.Or(g.cache.Warning(), g.pc.store.Warning(), in.CacheWarning); w != "" {
		res.Messages = append(res.Messages, Message{Text: w})
	}
	g.out.saveMemo()
	return res, nil
}

// closeCaches finishes the build's packs of redlines and pages; it may be
// called again.
func (g *generator) closeCaches() {
	g.cache.Close()
	if g.pc != nil {
		g.pc.store.Close()
	}
}

func hugoConfig(in Input) map[string]any {
	langs := map[string]any{}
	for i, l := range in.Config.Langs {
		langs[string(l.Code)] = map[string]any{
			"weight": i + 1,
			"locale": string(l.Code),
			"label":  l.Name,
			"title":  l.Title,
			"params": map[string]any{"company": l.Company},
		}
	}
	return map[string]any{
		"baseURL":                        in.BaseURL,
		"title":                          in.Config.Langs[0].Title,
		"defaultContentLanguage":         string(in.Config.Langs[0].Code),
		"defaultContentLanguageInSubdir": true,
		"disableKinds":                   []string{"taxonomy", "term", "rss", "sitemap", "robotstxt"},
		"noBuildLock":                    true,
		// Which editions to publish is decided in Go at --now; Hugo must not
		// drop pages by comparing their dates with the wall clock.
		"buildFuture":  true,
		"buildExpired": true,
		"timeZone":     in.Config.TimeZone,
		"cacheDir":     filepath.Join(in.Root, ".policysite-hugo-cache"),
		"resourceDir":  filepath.Join(in.Root, ".policysite-hugo-resources"),
		"languages":    langs,
		"markup": map[string]any{
			"goldmark": map[string]any{
				// Raw HTML in a policy is never passed through.
				"renderer": map[string]any{"unsafe": false},
				"parser":   map[string]any{"attribute": map[string]any{"title": true, "block": false}},
			},
			"tableOfContents": map[string]any{"startLevel": 2, "endLevel": 3, "ordered": false},
		},
		"params": map[string]any{"policysite": map[string]any{"now": in.Now.Format(time.RFC3339)}},
	}
}

// checkCollisions refuses a policy whose URL a hand-written page already uses.
func checkCollisions(p *hugoProject, in Input) error {
	var errs policy.ErrorList
	for _, pol := range in.Policies {
		cands := []string{"content/" + pol.Slug, "content/" + pol.Slug + ".md"}
		for _, l := range in.Config.Langs {
			cands = append(cands, "content/"+pol.Slug+"."+string(l.Code)+".md")
		}
		for _, c := range cands {
			if _, err := p.fs.Stat(filepath.Join(p.root, filepath.FromSlash(c))); err == nil {
				errs = append(errs, policy.Errorf(c, 0, "uses the address of policy %q (versions/%s/): rename one of them", pol.Slug, pol.Slug))
			}
		}
	}
	return errs.Err()
}

type generator struct {
	in  Input
	p   *hugoProject
	res *Result
	// timelines[slug][lang]
	timelines map[string]map[policy.Lang]*policy.Timeline
	// changes holds each edition's redline against the previous one.
	changes map[*policy.Edition]*comparison
	// cmps are all the redline pages.
	cmps  []*comparison
	cache *redlineCache
	out   *output
	// pages are the edition and redline pages, which the page cache may
	// hold; pc is that cache.
	pages []*deferredPage
	pc    *pageCache
	// texts holds the plain text of every published edition, textSums
	// their SHA-256 in hex, and lines the Markdown line on which each of
	// its blocks starts.
	texts    map[*policy.Edition]string
	textSums map[*policy.Edition]string
	lines    map[*policy.Edition][]int
	// clauses holds each published edition's numbered clauses.
	clauses map[*policy.Edition][]clause.Clause
	// analyses holds what each published edition reads as, and terms what
	// it says about changes.
	analyses map[*policy.Edition]*check.Analysis
	terms    map[*policy.Edition]changeterms.Terms
}

func (g *generator) generate() error {
	g.timelines = map[string]map[policy.Lang]*policy.Timeline{}
	g.clauses = map[*policy.Edition][]clause.Clause{}
	for _, pol := range g.in.Policies {
		g.timelines[pol.Slug] = map[policy.Lang]*policy.Timeline{}
		for _, l := range g.in.Config.Codes() {
			if eds := pol.Editions[l]; len(eds) > 0 {
				g.timelines[pol.Slug][l] = policy.NewTimeline(eds, g.in.Now)
			}
		}
	}
	cmps := g.planComparisons()
	g.cmps = cmps
	g.analyze()
	g.plainTexts()
	g.in.Progress.Phase("redlines", len(cmps))
	g.diffAll(cmps)
	g.in.Progress.Phase("preparing pages", 0)
	g.changes = map[*policy.Edition]*comparison{}
	byPath := map[string]*comparison{}
	for _, c := range cmps {
		byPath[c.path] = c
		g.changes[c.to] = c
	}
	type edition struct {
		pol *policy.Policy
		l   policy.Lang
		tl  *policy.Timeline
		e   *policy.Edition
	}
	var eds []edition
	for _, pol := range g.in.Policies {
		shown := false
		for _, l := range g.in.Config.Codes() {
			tl := g.timelines[pol.Slug][l]
			if tl == nil {
				continue
			}
			pub := tl.Published()
			g.res.Unposted += len(tl.Editions) - len(pub)
			if len(pub) == 0 {
				continue
			}
			shown = true
			if err := g.policyPage(pol, l, tl); err != nil {
				return err
			}
			for _, e := range pub {
				eds = append(eds, edition{pol, l, tl, e})
				// The edition's JSON lists the same clauses, after Hugo.
				g.clauses[e] = g.analyses[e].Clauses
			}
		}
		if shown {
			g.res.Policies++
		}
	}
	// Edition pages are made on all cores; each reads only what is above.
	pages := make([]*deferredPage, len(eds))
	errs := make([]error, len(eds))
	parallel(len(eds), func(i int) {
		ed := eds[i]
		pages[i], errs[i] = g.editionPage(ed.pol, ed.l, ed.tl, ed.e)
	})
	for i, dp := range pages {
		if errs[i] != nil {
			return errs[i]
		}
		g.p.rename[filepath.Join(g.p.root, filepath.FromSlash(dp.rel))] = eds[i].e.File
		g.pages = append(g.pages, dp)
	}
	g.res.Editions = len(eds)
	g.res.NextChange = g.nextChange()
	for _, c := range cmps {
		if err := g.comparisonPage(c, byPath); err != nil {
			return err
		}
	}
	g.res.Redlines = len(cmps)
	return nil
}

// ref is how a page's params describe an edition.
type ref struct {
	ID    string `json:"id"`
	Path  string `json:"path"`
	Title string `json:"title"`
	// IDDate is the edition's date as the language writes it.
	IDDate           string `json:"id_date"`
	Posted           string `json:"posted"`
	PostedDisplay    string `json:"posted_display"`
	Effective        string `json:"effective"`
	EffectiveDisplay string `json:"effective_display"`
	// EffectiveOnPosting is true when the edition took effect as it was posted.
	EffectiveOnPosting bool   `json:"effective_on_posting"`
	Status             string `json:"status"`
	// ChangesPath is the redline against the previous edition, if any.
	ChangesPath string `json:"changes_path,omitempty"`
	// ComparePath, for a superseded edition, is the compare page set to
	// compare it with the edition in force.
	ComparePath string `json:"compare_path,omitempty"`
}

func editionPath(pol string, l policy.Lang, id policy.ID) string {
	return string(l) + "/" + pol + "/" + id.String() + "/"
}

// ref describes e; with tl nil, only by what never changes (no status and
// no redline links), as an edition page names its neighbours: their status
// changes with every new edition, and the page must not (see pagecache.go).
func (g *generator) ref(l policy.Lang, tl *policy.Timeline, e *policy.Edition) (*ref, error) {
	if e == nil {
		return nil, nil
	}
	loc := g.in.Strings.For(l)
	idDate, err := loc.Date(e.ID.Date)
	if err != nil {
		return nil, err
	}
	posted, err := loc.Moment(e.Posted, e.PostedHasTime)
	if err != nil {
		return nil, err
	}
	eff, err := loc.Moment(e.Effective, e.EffectiveHasTime)
	if err != nil {
		return nil, err
	}
	r := &ref{
		ID: e.ID.String(), Path: editionPath(e.Policy, l, e.ID), Title: e.Title,
		IDDate: idDate, Posted: e.Posted.Format(time.RFC3339), PostedDisplay: posted,
		Effective: e.Effective.Format(time.RFC3339), EffectiveDisplay: eff,
		EffectiveOnPosting: e.Effective.Equal(e.Posted),
	}
	if tl != nil {
		st := tl.StatusOf(e)
		r.Status = string(st)
		if st != policy.StatusUnposted && tl.Previous(e) != nil {
			r.ChangesPath = changesPath(e.Policy, l, e.ID)
		}
		if st == policy.StatusSuperseded && tl.Current() != nil {
			r.ComparePath = compareWithInForcePath(e.Policy, l, e.ID)
		}
	}
	return r, nil
}

// alternate is a language-switcher entry.
type alternate struct {
	Lang string `json:"lang"`
	Name string `json:"name"`
	Path string `json:"path"`
	// Exact is false when the link leads to the nearest edition because this
	// one has no translation; such links get no hreflang.
	Exact bool   `json:"exact"`
	Note  string `json:"note,omitempty"`
	// Short marks an inexact link in a word or two, in the target language.
	Short string `json:"short,omitempty"`
}

func (g *generator) policyPage(pol *policy.Policy, l policy.Lang, tl *policy.Timeline) error {
	cur, err := g.ref(l, tl, tl.Current())
	if err != nil {
		return err
	}
	pub := tl.Published()
	var archive, upcoming []*ref
	for i := len(pub) - 1; i >= 0; i-- {
		r, err := g.ref(l, tl, pub[i])
		if err != nil {
			return err
		}
		archive = append(archive, r)
		if r.Status == string(policy.StatusUpcoming) {
			upcoming = append([]*ref{r}, upcoming...)
		}
	}
	var alts []alternate
	for _, ol := range g.in.Config.Langs {
		if ol.Code == l {
			continue
		}
		if otl := g.timelines[pol.Slug][ol.Code]; otl != nil && len(otl.Published()) > 0 {
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: string(ol.Code) + "/" + pol.Slug + "/", Exact: true})
		}
	}
	title := policyTitle(tl)
	var currentPage string
	if c := tl.Current(); c != nil {
		currentPage = "/" + pol.Slug + "/" + c.ID.String()
	}
	ps := map[string]any{
		"kind":         "policy",
		"policy":       pol.Slug,
		"lang":         string(l),
		"current":      cur,
		"current_page": currentPage,
		"archive":      archive,
		"upcoming":     upcoming,
		"count":        len(pub),
		"alternates":   alts,
		"feed_path":    feedPath(pol.Slug, l),
	}
	if absoluteBase(g.in.BaseURL) {
		ps["atom_path"] = atomPath(pol.Slug, l)
	}
	fm := map[string]any{
		"title":  title,
		"layout": "policy",
		"weight": g.weight(pol.Slug),
		"ps":     ps,
	}
	rel := "content/" + pol.Slug + "/_index." + string(l) + ".md"
	return g.writePage(rel, fm, "")
}

// weight orders policies as config's `policies` lists them, then by slug.
func (g *generator) weight(slug string) int {
	if i := slices.Index(g.in.Config.Policies, slug); i >= 0 {
		return i + 1
	}
	i, _ := slices.BinarySearchFunc(g.in.Policies, slug, func(p *policy.Policy, s string) int { return strings.Compare(p.Slug, s) })
	return len(g.in.Config.Policies) + 1 + i
}

// editionPage makes the page of edition e; it is called for many editions
// at once.
func (g *generator) editionPage(pol *policy.Policy, l policy.Lang, tl *policy.Timeline, e *policy.Edition) (*deferredPage, error) {
	self, err := g.ref(l, tl, e)
	if err != nil {
		return nil, err
	}
	prev, err := g.ref(l, nil, tl.Previous(e))
	if err != nil {
		return nil, err
	}
	next, err := g.ref(l, nil, tl.Next(e))
	if err != nil {
		return nil, err
	}
	var until *ref
	if tl.StatusOf(e) == policy.StatusUpcoming {
		if until, err = g.ref(l, nil, tl.AppliesUntil(e)); err != nil {
			return nil, err
		}
	}
	loc := g.in.Strings.For(l)
	var (
		alts    []alternate
		missing []string
	)
	for _, ol := range g.in.Config.Langs {
		if ol.Code == l {
			continue
		}
		otl := g.timelines[pol.Slug][ol.Code]
		if tr := pol.Find(ol.Code, e.ID); tr != nil && otl.StatusOf(tr) != policy.StatusUnposted {
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: editionPath(pol.Slug, ol.Code, e.ID), Exact: true})
			continue
		}
		missing = append(missing, ol.Name)
		if otl == nil {
			continue
		}
		if near := otl.Nearest(e.Effective); near != nil {
			d, err := g.in.Strings.For(ol.Code).Date(near.ID.Date)
			if err != nil {
				return nil, err
			}
			note, err := g.in.Strings.For(ol.Code).T("nearest_translation", map[string]any{"Date": d})
			if err != nil {
				return nil, err
			}
			short, err := g.in.Strings.For(ol.Code).T("nearest_short", nil)
			if err != nil {
				return nil, err
			}
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: editionPath(pol.Slug, ol.Code, near.ID), Note: note, Short: short})
		}
	}
	// A translation says which language's text prevails if they differ.
	var prevails string
	if pl := g.in.Config.PrevailingLanguage; pl != "" && pl != l && pol.Find(pl, e.ID) != nil {
		name := display.Tags(language.Make(string(l))).Name(language.Make(string(pl)))
		if prevails, err = loc.T("prevailing_note", map[string]any{"Language": name}); err != nil {
			return nil, err
		}
	}
	var onlyIn string
	if len(missing) > 0 {
		if onlyIn, err = loc.T("only_in_language", map[string]any{"Languages": strings.Join(missing, ", ")}); err != nil {
			return nil, err
		}
	}
	var changes string
	if c := g.changes[e]; c != nil {
		if changes, err = g.summary(c); err != nil {
			return nil, err
		}
	}
	body, clauses := g.analyses[e].Annotated, g.analyses[e].Clauses
	body, bad := plaintext.EscapeShortcodes(markTerms(body, g.terms[e]))
	if bad >= 0 {
		// source.ParseEdition refuses such a text.
		return nil, policy.Errorf(e.File, e.BodyLine, "a shortcode mark in code that never closes")
	}
	box, err := g.describeTerms(l, g.terms[e])
	if err != nil {
		return nil, err
	}
	jsonld, err := g.jsonLD(pol, l, tl, e)
	if err != nil {
		return nil, err
	}
	ps := map[string]any{
		"kind":          "edition",
		"policy":        pol.Slug,
		"policy_path":   string(l) + "/" + pol.Slug + "/",
		"policy_title":  policyTitle(tl),
		"lang":          string(l),
		"edition":       self,
		"applies_until": until,
		"previous":      prev,
		"next":          next,
		"summary":       e.Summary,
		"changes":       changes,
		"alternates":    alts,
		"only_in_note":  onlyIn,
		"prevails_note": prevails,
		"clauses":       len(clauses),
		"source":        e.File,
		"json_path":     editionJSONPath(pol.Slug, l, e.ID),
		"text_path":     textPath(pol.Slug, l, e.ID),
		"jsonld":        jsonld,
		"change_terms":  box,
		"feed_path":     feedPath(pol.Slug, l),
	}
	if absoluteBase(g.in.BaseURL) {
		ps["atom_path"] = atomPath(pol.Slug, l)
	}
	fm := map[string]any{
		"title":   e.Title,
		"layout":  "edition",
		"date":    e.Posted.Format(time.RFC3339),
		"lastmod": e.Posted.Format(time.RFC3339),
		"ps":      ps,
	}
	// A branch bundle, so that its redline page can live beneath it.
	rel := "content/" + pol.Slug + "/" + e.ID.String() + "/_index." + string(l) + ".md"
	data, err := pageData(fm, body)
	if err != nil {
		return nil, err
	}
	dp := &deferredPage{rel: rel, out: editionPath(pol.Slug, l, e.ID) + "index.html", data: data}
	// The policy page shows the edition in force through Hugo, which then
	// needs all of it.
	if tl.Current() != e {
		if dp.link, err = linkData(fm); err != nil {
			return nil, err
		}
	}
	return dp, nil
}

// writePage writes a content file.
func (g *generator) writePage(rel string, fm map[string]any, body string) error {
	data, err := pageData(fm, body)
	if err != nil {
		return err
	}
	return g.p.write(rel, data)
}

// pageData is a content file with JSON front matter, which needs no
// escaping beyond what encoding/json does. It is not indented: only Hugo
// reads it, and a large site makes thousands.
func pageData(fm map[string]any, body string) ([]byte, error) {
	data, err := json.Marshal(fm)
	if err != nil {
		return nil, err
	}
	data = append(data, '\n')
	return append(data, body...), nil
}

// nextChange is Result.NextChange.
func (g *generator) nextChange() time.Time {
	var next time.Time
	for _, pol := range g.in.Policies {
		for _, eds := range pol.Editions {
			for _, e := range eds {
				for _, t := range []time.Time{e.Posted, e.Effective} {
					if t.After(g.in.Now) && (next.IsZero() || t.Before(next)) {
						next = t
					}
				}
			}
		}
	}
	return next
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
			"lacks %s, which the site needs; the same file in policysite's own repository has each, with a description for translators",
			strings.Join(quoted, ", ")))
	}
	return list.Err()
}
