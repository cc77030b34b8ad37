package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/afero"

	"policysite/internal/cache"
)

// The page cache. Hugo's rendering is most of a build once the redlines are
// cached, and a new edition changes few pages: its own, its redline, the
// page of the edition it replaces and the policy's pages. Edition and
// redline pages are therefore kept between builds, under a hash of
// everything their HTML depends on:
//
//   - the page's own content file, which the build writes with every fact
//     the page shows (its dates, status, neighbours, translations, the
//     policy's title, the change-terms box and the text), and, for a redline
//     page, the redline that Go puts into it after Hugo;
//   - the site key: the policysite executable, by its Go build ID (so also
//     Hugo's version and this package's code), Hugo's configuration but for
//     the build's "now", every file of layouts/, content/, i18n/ and
//     assets/, and the policies' slugs.
//
// A page found in the cache is written into the output before Hugo runs, and
// Hugo is told not to render it (build.render = "link"), so it still knows
// the page, its address and its title. Deleting the cache changes no output
// byte; only the time a build takes.
//
// This holds as long as the templates that render edition and redline pages
// read nothing from other pages: ours take everything from the page's own
// params. A template that does (lists a section's pages, looks up a page by
// a computed path or one the build makes, reads the home page's or the
// site's dates, "now", the environment or a file, or uses partialCached or
// templates.Defer) turns the cache off for the build, and pageCacheOff says
// where; templatescan.go reads the templates.

// pageCache decides, for each edition and redline page, whether its HTML is
// in the cache.
type pageCache struct {
	store *cache.Packs
	site  []byte // the site key; nil when the cache is off
	// off says which template turned the cache off for this build.
	off *CacheBlocker
}

// CacheBlocker is what in a template turned the page cache off: its file,
// line and what it uses that reaches beyond the page.
type CacheBlocker struct {
	File string // "layouts/_partials/footer.html"
	Line int
	Uses string // ".RegularPages"
}

func (b *CacheBlocker) String() string {
	return fmt.Sprintf("%s:%d uses %s", b.File, b.Line, b.Uses)
}

// volatileConfig are the keys of Hugo's configuration that change between
// builds without changing an edition page: Hugo's own cache folders, which
// depend on where the repository is. The build's "now" (params.policysite)
// is left out of the key too: no shipped template reads it, and
// pageCacheOff refuses templates that read the clock.
var volatileConfig = []string{"cacheDir", "resourceDir"}

// newPageCache returns the cache in root's pages/ folder for a site whose
// project p Hugo will build with cfg; files is sourceHash of the project.
// It is off when root is "" or for the reasons pageCacheOff gives.
func newPageCache(root string, p *hugoProject, files []byte, cfg map[string]any, slugs []string) *pageCache {
	c := &pageCache{store: cache.NewPacks(root, "pages", "page")}
	if !c.store.On() {
		return c
	}
	exe, err := cache.ProgramHash()
	isSlug := map[string]bool{}
	for _, s := range slugs {
		isSlug[s] = true
	}
	if c.off = pageCacheOff(p, isSlug); c.off != nil || err != nil {
		// Without the program's hash, a page of another version of
		// policysite could be taken for this one's: no cache, silently,
		// as on a system without a cache folder.
		c.store = cache.NewPacks("", "", "page")
		return c
	}
	h := sha256.New()
	fmt.Fprintf(h, "policysite page cache 1\x00%s\x00", exe)
	stable := map[string]any{}
	for k, v := range cfg {
		stable[k] = v
	}
	for _, k := range volatileConfig {
		delete(stable, k)
	}
	// Every other param is kept: a template may read it.
	if params, ok := cfg["params"].(map[string]any); ok {
		kept := map[string]any{}
		for k, v := range params {
			if k != "policysite" {
				kept[k] = v
			}
		}
		stable["params"] = kept
	}
	js, err := json.Marshal(stable) // map keys are sorted
	if err != nil {
		panic(err) // the configuration is built from JSON-able values
	}
	h.Write(js)
	h.Write(files)
	// A page looked up by a path may appear with a new policy (fixedPage).
	fmt.Fprintf(h, "\x00%q", slices.Sorted(maps.Keys(isSlug)))
	c.site = h.Sum(nil)
	return c
}

// sourceHash hashes the repository's files that pages are made with: every
// file of layouts/, content/, i18n/ and assets/. It runs before the build
// adds its own pages to content/, which the page keys cover one by one.
func (p *hugoProject) sourceHash() []byte {
	h := sha256.New()
	for _, dir := range []string{"layouts", "content", "i18n", "assets"} {
		_ = afero.Walk(p.fs, filepath.Join(p.root, dir), func(path string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			data, err := afero.ReadFile(p.fs, path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(p.root, path)
			fmt.Fprintf(h, "\x00%s\x00%d\x00", filepath.ToSlash(rel), len(data))
			h.Write(data)
			return nil
		})
	}
	return h.Sum(nil)
}

// key is the cache key of the page published at out whose content file is
// content; extra is anything else it shows (a redline's key).
func (c *pageCache) key(out string, content []byte, extra string) string {
	h := sha256.New()
	h.Write(c.site)
	fmt.Fprintf(h, "\x00%s\x00%s\x00%d\x00", out, extra, len(content))
	h.Write(content)
	return hex.EncodeToString(h.Sum(nil))
}

// blockers are what, in a template that renders edition or redline pages,
// makes a page depend on more than its own content file: other pages
// (collections, neighbours, a page looked up by a computed path), the clock,
// files, the network, or state shared between pages. Translations are
// allowed: an edition's are the same edition in other languages, which its
// params list (alternates) and whose texts are recorded, and our partials
// use them on hand-written pages only.
var blockers = regexp.MustCompile(`\.(Pages|RegularPages|RegularPagesRecursive|AllPages|Sections|Parent|Ancestors|CurrentSection|FirstSection|NextInSection|PrevInSection|Next|Prev)\b|(site|\.Site|hugo)\.(Lastmod|LastChange|Store|Data)\b|\bnow\b|\btime\.Now\b|GetPage\s+[^"\s]|\b(partialCached|readFile|readDir|fileExists|getJSON|getCSV|GetRemote)\b|\btemplates\.Defer\b|\bos\.`)

// The two uses that blockers cannot judge alone. A page looked up by a
// literal path is fine when it is a single page of the repository's own
// content/, whose files are in the site key, or when there is none there
// and the build makes none: the build makes pages only under the policies'
// slugs, which are in the site key too. It is not fine when the build
// makes it (a policy's page takes its title from the edition in force), nor
// for a section, whose dates are its newest page's. The home page is fine
// for its address and title, not for its dates.
var (
	literalGetPage = regexp.MustCompile(`GetPage\s+"([^"]*)"`)
	homeUse        = regexp.MustCompile(`\bHome\b(\.[A-Za-z]+)?`)
	homeFine       = map[string]bool{".RelPermalink": true, ".Permalink": true, ".Title": true, ".LinkTitle": true}
)

// reachesBeyond returns what in the template action act makes a page
// depend on more than its own content file, or "" for nothing; root is the
// repository.
func reachesBeyond(root string, slugs map[string]bool, act []byte) string {
	if b := blockers.Find(act); b != nil {
		return string(b)
	}
	for _, m := range literalGetPage.FindAllSubmatch(act, -1) {
		if !fixedPage(root, slugs, string(m[1])) {
			return string(m[0])
		}
	}
	for _, m := range homeUse.FindAllSubmatch(act, -1) {
		if !homeFine[string(m[1])] {
			return string(m[0])
		}
	}
	return ""
}

// fixedPage reports whether the page that GetPage finds at path (nil, if
// none) is one that no build of the same site key can change: a single
// page of the repository's content/ folder (about.md, about.ru.md, or a
// leaf bundle about/index.md), or no page at all outside the policies'
// slugs. A path relative to the page is not.
func fixedPage(root string, slugs map[string]bool, path string) bool {
	rel := strings.Trim(path, "/")
	if !strings.HasPrefix(path, "/") || rel == "" || strings.Contains(path, "..") {
		return false
	}
	// Hugo finds pages by their paths in lower case.
	if first, _, _ := strings.Cut(rel, "/"); slugs[strings.ToLower(first)] {
		return false
	}
	base := filepath.Join(root, "content", filepath.FromSlash(rel))
	for _, pattern := range []string{base + ".*", filepath.Join(base, "index.*")} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return true
		}
	}
	// A section of the repository, or nothing.
	_, err := os.Stat(base)
	return errors.Is(err, os.ErrNotExist)
}

// pageTemplates are the templates that can render an edition or redline
// page: their own layouts (edition, changes), baseof and every partial and
// render hook, since a partial's name can be computed. fallbackTemplates
// are what Hugo falls back to when a layout is missing.
var (
	pageTemplates     = regexp.MustCompile(`^layouts/((baseof|edition|changes)(\.[^/]+)?\.html|_partials/.*|partials/.*|_markup/.*|_default/baseof.*)$`)
	fallbackTemplates = regexp.MustCompile(`^layouts/((page|single|list|section)(\.[^/]+)?\.html|_default/.*)$`)
)

// actions finds template actions, and comments, which are left out.
var (
	actions  = regexp.MustCompile(`(?s)\{\{-?(.*?)-?\}\}`)
	comments = regexp.MustCompile(`(?s)^\s*/\*.*\*/\s*$`)
)

// pageCacheOff returns the first place in the project's templates that
// keeps pages from being cached, or nil.
func pageCacheOff(p *hugoProject, slugs map[string]bool) *CacheBlocker {
	var off *CacheBlocker
	fallback := false
	for _, l := range []string{"edition.html", "changes.html"} {
		if _, err := p.fs.Stat(filepath.Join(p.root, "layouts", l)); err != nil {
			fallback = true
		}
	}
	_ = afero.Walk(p.fs, filepath.Join(p.root, "layouts"), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || off != nil {
			return nil
		}
		rel, _ := filepath.Rel(p.root, path)
		rel = filepath.ToSlash(rel)
		if !pageTemplates.MatchString(rel) && !(fallback && fallbackTemplates.MatchString(rel)) {
			return nil
		}
		data, err := afero.ReadFile(p.fs, path)
		if err != nil {
			off = &CacheBlocker{File: rel, Uses: err.Error()}
			return nil
		}
		if b, ok := scanTemplate(p.root, slugs, rel, data); ok {
			off = b
			return nil
		}
		for _, m := range actions.FindAllSubmatchIndex(data, -1) {
			act := data[m[2]:m[3]]
			if comments.Match(act) {
				continue
			}
			if b := reachesBeyond(p.root, slugs, act); b != "" {
				off = &CacheBlocker{File: rel, Line: 1 + bytes.Count(data[:m[0]], []byte("\n")), Uses: strings.TrimSpace(b)}
				return nil
			}
		}
		return nil
	})
	return off
}

// deferredPage is an edition or redline page whose content file waits for
// the page cache's verdict: a page the cache holds is written as it is and
// its content file tells Hugo not to render it.
type deferredPage struct {
	rel   string // the content file
	out   string // the HTML file in the output: "ru/privacy/2024-02-15/index.html"
	extra string // what else the page shows: its redline's key
	data  []byte // the content file
	// link is the content file Hugo gets instead when the cache holds the
	// page, or nil for data with noRender.
	link []byte
	cmp  *comparison
	// key is the page's cache key, and cached whether the HTML came from
	// the cache; stored is whether this build put it into the cache.
	key            string
	cached, stored bool
}

// deferPage is writePage for a page the cache may hold.
func (g *generator) deferPage(rel, out, extra string, fm map[string]any, body string, c *comparison) error {
	data, err := pageData(fm, body)
	if err != nil {
		return err
	}
	link, err := linkData(fm)
	if err != nil {
		return err
	}
	g.pages = append(g.pages, &deferredPage{rel: rel, out: out, extra: extra, data: data, link: link, cmp: c})
	return nil
}

// linkData is the content file of a page that Hugo must know but not
// render: what other pages read of it (its address, title and dates for
// the sitemap, and its alternates for hreflang), without the rest of its
// front matter and its body. Hugo parses thousands of these in a rebuild,
// so they are kept small.
func linkData(fm map[string]any) ([]byte, error) {
	link := map[string]any{"build": map[string]any{"render": "link"}}
	for _, k := range []string{"title", "layout", "date", "lastmod"} {
		if v, ok := fm[k]; ok {
			link[k] = v
		}
	}
	if ps, ok := fm["ps"].(map[string]any); ok {
		keep := map[string]any{}
		for _, k := range []string{"kind", "policy", "lang", "alternates"} {
			if v, ok := ps[k]; ok {
				keep[k] = v
			}
		}
		link["ps"] = keep
	}
	return pageData(link, "")
}

// noRender, put first in a content file's front matter, keeps Hugo from
// rendering a page whose HTML the cache gave, while it still knows its
// address and title.
const noRender = `{"build":{"render":"link"},`

// placePages writes the deferred pages' content files into the project,
// and the HTML of those that the cache holds into the output.
func (g *generator) placePages() error {
	errs := make([]error, len(g.pages))
	parallel(len(g.pages), func(i int) {
		dp := g.pages[i]
		data := dp.data
		if g.pc.site != nil {
			dp.key = g.pc.key(dp.out, dp.data, dp.extra)
			dp.cached, errs[i] = g.placeCached(dp)
			if errs[i] != nil {
				return
			}
			if dp.cached {
				if dp.cmp != nil {
					dp.cmp.cached = true
				}
				if dp.link != nil {
					data = dp.link
				} else {
					data = append([]byte(noRender), dp.data[1:]...)
				}
			}
		}
		errs[i] = g.p.write(dp.rel, data)
		// The project holds it now; a large site's pages are tens of MB.
		dp.data, dp.link = nil, nil
	})
	return errors.Join(errs...)
}

// placeCached puts dp's HTML into the output when the previous output or
// the cache has it, and tells whether it did.
func (g *generator) placeCached(dp *deferredPage) (bool, error) {
	if g.out.reuse(dp.out, dp.key) {
		// The entry is not read, but still used: keep it from being trimmed.
		g.pc.store.Keep(dp.key)
		return true, nil
	}
	html := g.pc.store.Get(dp.key)
	if html == nil {
		return false, nil
	}
	if err := g.out.create(dp.out, html); err != nil {
		return false, err
	}
	g.out.made(dp.out, dp.key)
	return true, nil
}

// finisher is what the build does to each edition and redline page as
// Hugo publishes it (see publishFs): a redline page gets its views, and
// the page cache keeps the page, which storePages takes back if Hugo
// warned about it. Doing both as the page is written, rather than reading
// thousands of pages back once Hugo is done, spares a large site's first
// build a file read, and a redline page a rewrite, each.
func (g *generator) finisher(outDir string) func(name string) func([]byte) ([]byte, error) {
	rendered := map[string]*deferredPage{}
	for _, dp := range g.pages {
		if !dp.cached {
			rendered[filepath.Join(outDir, filepath.FromSlash(dp.out))] = dp
		}
	}
	return func(name string) func([]byte) ([]byte, error) {
		dp := rendered[filepath.Clean(name)]
		if dp == nil {
			return nil
		}
		return func(html []byte) ([]byte, error) {
			defer g.in.Progress.Done(1)
			if dp.cmp != nil {
				var err error
				if html, err = fillViews(dp.cmp, html); err != nil {
					return nil, fmt.Errorf("write the redline at %s: %w", dp.out, err)
				}
			}
			if g.pc.site != nil {
				dp.stored = g.pc.store.Put(dp.key, html)
			}
			return html, nil
		}
	}
}

// storePages keeps the pages that Hugo rendered in this build for the
// next one, but for those that Hugo's messages name, so that a cached page
// never hides a warning that rendering it again would give. A message that
// names no page (a template's) keeps every page out, and so does a render
// that failed, whose messages need not name every page they concern. The
// finisher has stored the pages already; this takes back the ones that
// must not be kept.
func (g *generator) storePages(msgs []Message, failed bool) {
	if g.pc.site == nil {
		return
	}
	skip := make([]bool, len(g.pages))
	for i := range skip {
		skip[i] = failed
	}
	for _, m := range msgs {
		named := false
		for i, dp := range g.pages {
			name, ok := g.p.rename[filepath.Join(g.p.root, filepath.FromSlash(dp.rel))]
			if !ok {
				name = dp.rel
			}
			if strings.Contains(m.Text, name) {
				skip[i], named = true, true
			}
		}
		if !named {
			for i := range skip {
				skip[i] = true
			}
			break
		}
	}
	parallel(len(g.pages), func(i int) {
		dp := g.pages[i]
		switch {
		case !dp.stored:
		case skip[i]:
			g.pc.store.Remove(dp.key)
		default:
			g.out.made(dp.out, dp.key)
		}
	})
}
