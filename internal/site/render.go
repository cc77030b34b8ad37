package site

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"policysite/internal/l10n"
	"policysite/internal/outdir"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"policysite/internal/sitetree"
)

// Options are how the renderer reads the repository and reports.
type Options struct {
	// Source is the repository, whose layouts, content, i18n, assets and
	// static folders Hugo reads (through an in-memory copy).
	Source fs.FS
	// Root is where the repository is, absolute, for Hugo's messages; the
	// in-memory project lives at the same path. "" is /policysite.
	Root string
	// HugoProject, when set, is a directory into which the project that
	// Hugo builds is also written, so that the Hugo CLI can build the same
	// pages (the performance reference) and so that templates can be
	// debugged.
	HugoProject string
	// Progress, when not nil, hears how the render advances.
	Progress plan.Progress
	// RenderGCPercent, when not 0, is the garbage collector's target
	// (debug.SetGCPercent) while Hugo renders, the process's own setting
	// being restored after. Hugo holds every page it renders until the
	// last is written, so a first build's heap peaks then.
	RenderGCPercent int
}

// ErrMissedMessages is returned when the plan's strings lack a message
// that the pages need: Hugo's render would be for nothing, so it does not
// run, and the caller names every message missing.
var ErrMissedMessages = errors.New("i18n/ lacks messages the site needs")

// Rendering is a render prepared: the project Hugo will build, with a
// content file for every page of the plan. A build prepares it, publishes
// its documents (package publish), then runs it: Hugo may not write a
// page over a document.
type Rendering struct {
	g        *generator
	cfg      map[string]any
	warnings []Message
}

// Prepare writes Hugo's project, in memory, from pl: the repository's
// layouts, content, i18n, assets and static files, and a page for every
// policy, edition, redline and comparison. Once it returns, the renderer
// needs nothing more of the plan's annotated bodies (plan.ReleaseBodies).
func Prepare(ctx context.Context, pl *plan.Plan, o Options, out *outdir.Dir) (*Rendering, error) {
	if o.Progress == nil {
		o.Progress = plan.NoProgress{}
	}
	// Hugo reads a list of config files split at commas, so a folder
	// with a comma in its path would lose the project's config, and Hugo
	// would build with its defaults. The project is in memory and
	// messages name files relative to it: any root will do.
	if o.Root == "" || strings.ContainsRune(o.Root, ',') {
		o.Root = "/policysite"
	}
	// check refuses the same, before a build comes here: these are for a
	// caller that renders a plan without checking.
	if err := sitetree.Files(o.Source).Err(); err != nil {
		return nil, err
	}
	if err := collisions(o.Source, pl); err != nil {
		return nil, err
	}
	p := newProject(o.Root)
	for _, d := range sitetree.Dirs {
		if err := p.copyDir(o.Source, d); err != nil {
			return nil, fmt.Errorf("read %s: %w", d, err)
		}
	}
	if err := writeStrings(p, pl); err != nil {
		return nil, err
	}
	g := &generator{pl: pl, o: o, p: p, out: out}
	if err := g.generate(); err != nil {
		return nil, err
	}
	if err := g.anyPair(ctx); err != nil {
		return nil, err
	}
	cfg := hugoConfig(pl, p.root)
	if err := g.languageChoice(cfg); err != nil {
		return nil, err
	}
	var warnings []Message
	for _, n := range pl.Notes {
		warnings = append(warnings, Message{Text: n})
	}
	warnings = append(warnings, g.warnings...)
	notes, err := g.discoveryConfig(cfg)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, notes...)
	if o.HugoProject != "" {
		if err := p.dump(o.HugoProject, cfg); err != nil {
			return nil, fmt.Errorf("write the Hugo project: %w", err)
		}
		if err := g.dumpStatic(o.HugoProject); err != nil {
			return nil, fmt.Errorf("write the Hugo project: %w", err)
		}
	}
	return &Rendering{g: g, cfg: cfg, warnings: warnings}, nil
}

// Run has Hugo render the prepared project into the output, finishing the
// redline pages as Hugo writes them, then copies the static files.
func (r *Rendering) Run(ctx context.Context) ([]Message, error) {
	g, cfg, warnings := r.g, r.cfg, r.warnings
	pl, o, p, out := g.pl, g.o, g.p, g.out
	if len(pl.Strings.Missed()) > 0 {
		return warnings, ErrMissedMessages
	}
	// Whatever the preparing left is garbage now: the render starts from
	// the smallest heap, which its collector's target multiplies.
	runtime.GC()
	// The count is of the edition and redline pages Hugo renders, which
	// the finisher sees; the policy pages and the home page are few.
	o.Progress.Phase("rendering pages", len(g.pages))
	p.finish = g.finisher(out.Root())
	p.wrote = out.Wrote
	p.taken = out.Made
	var gc int
	if o.RenderGCPercent != 0 {
		gc = debug.SetGCPercent(o.RenderGCPercent)
	}
	msgs, err := p.run(ctx, cfg, out.Root(), pl.Now)
	if o.RenderGCPercent != 0 {
		debug.SetGCPercent(gc)
	}
	msgs = append(warnings, msgs...)
	if err != nil {
		return msgs, err
	}
	if err := p.publishStatic(out); err != nil {
		return msgs, err
	}
	p.dropContent()
	return msgs, nil
}

// hugoConfig is Hugo's configuration of the project at root. Its cache
// folders are inside the project, which is in memory: Hugo writes nothing
// to disk but the pages.
func hugoConfig(pl *plan.Plan, root string) map[string]any {
	langs := map[string]any{}
	for i, l := range pl.Config.Langs {
		langs[string(l.Code)] = map[string]any{
			"weight": i + 1,
			"locale": string(l.Code),
			"label":  l.Name,
			"title":  l.Title,
			"params": map[string]any{"company": l.Company},
		}
	}
	return map[string]any{
		"baseURL":                        pl.BaseURL,
		"title":                          pl.Config.Langs[0].Title,
		"defaultContentLanguage":         string(pl.Config.Langs[0].Code),
		"defaultContentLanguageInSubdir": true,
		"disableKinds":                   []string{"taxonomy", "term", "rss", "sitemap", "robotstxt"},
		"noBuildLock":                    true,
		// Which editions to publish is decided in Go at --now; Hugo must not
		// drop pages by comparing their dates with the wall clock.
		"buildFuture":  true,
		"buildExpired": true,
		"timeZone":     pl.Config.TimeZone,
		"cacheDir":     filepath.Join(root, ".policysite-hugo-cache"),
		"resourceDir":  filepath.Join(root, ".policysite-hugo-resources"),
		"languages":    langs,
		"markup": map[string]any{
			"goldmark": map[string]any{
				// Raw HTML in Markdown is never passed through: an edition's
				// reaches its page sanitised, by another way (markup.go).
				"renderer": map[string]any{"unsafe": false},
				// Attribute lists after blocks ({#id .class}) as well as
				// after headings: an edition's Kramdown lists become
				// such lists, filtered (markup.go).
				"parser": map[string]any{"attribute": map[string]any{"title": true, "block": true}},
			},
			"tableOfContents": map[string]any{"startLevel": 2, "endLevel": 3, "ordered": false},
		},
		"params": map[string]any{"policysite": map[string]any{"now": pl.Now.Format(time.RFC3339)}},
	}
}

// writeStrings gives Hugo each language's messages as the plan's strings
// hold them: a site's i18n/<lang>.toml may hold only the messages it
// changes, merged into the built-in theme's (l10n.Load), and the templates
// must translate with what Go writes.
func writeStrings(p *hugoProject, pl *plan.Plan) error {
	for _, l := range pl.Config.Codes() {
		data := pl.Strings.File(l)
		if data == nil {
			continue
		}
		if err := p.write(l10n.Dir+"/"+string(l)+".toml", data); err != nil {
			return err
		}
	}
	return nil
}

// collisions refuses a policy whose URL a hand-written page already uses.
func collisions(src fs.FS, pl *plan.Plan) error {
	slugs := make([]string, len(pl.Policies))
	for i, pol := range pl.Policies {
		slugs[i] = pol.Slug
	}
	return sitetree.Collisions(src, slugs, pl.Config.Codes()).Err()
}

// generator writes the plan's pages into Hugo's project.
type generator struct {
	pl  *plan.Plan
	o   Options
	p   *hugoProject
	out *outdir.Dir
	// pages are the edition and redline pages, which the build finishes
	// as Hugo writes them.
	pages []*renderedPage
	// fragments are the sanitised raw HTML of the edition pages, which
	// the finisher puts on the edition and policy pages.
	fragments fragments
	// policyPages are the output paths of the policy pages, which show
	// the edition in force.
	policyPages []string
	// warnings are about the sources of the pages, in the order of the
	// pages.
	warnings []Message
}

// generate writes the policy, edition and redline pages.
func (g *generator) generate() error {
	g.o.Progress.Phase("preparing pages", 0)
	type edition struct {
		pol *policy.Policy
		l   policy.Lang
		tl  *policy.Timeline
		e   *policy.Edition
	}
	var eds []edition
	for _, pol := range g.pl.Policies {
		for _, l := range g.pl.Config.Codes() {
			tl := g.pl.Timelines[pol.Slug][l]
			if tl == nil || len(tl.Published()) == 0 {
				continue
			}
			if err := g.policyPage(pol, l, tl); err != nil {
				return err
			}
			for _, e := range tl.Published() {
				eds = append(eds, edition{pol, l, tl, e})
			}
		}
	}
	// Edition pages are made on all cores; each reads only the plan.
	pages := make([]*renderedPage, len(eds))
	errs := make([]error, len(eds))
	plan.Parallel(len(eds), func(i int) {
		ed := eds[i]
		pages[i], errs[i] = g.editionPage(ed.pol, ed.l, ed.tl, ed.e)
	})
	for i, rp := range pages {
		if errs[i] != nil {
			return errs[i]
		}
		g.p.rename[filepath.Join(g.p.root, filepath.FromSlash(rp.rel))] = sourceFile{eds[i].e.File, eds[i].e.BodyLine}
		g.pages = append(g.pages, rp)
		g.warnings = append(g.warnings, rp.warnings...)
	}
	byPath := map[string]*plan.Comparison{}
	for _, c := range g.pl.Comparisons {
		byPath[c.Path] = c
	}
	for _, c := range g.pl.Comparisons {
		if err := g.comparisonPage(c, byPath); err != nil {
			return err
		}
	}
	return nil
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
