package site

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"policysite/internal/policy"
	"policysite/internal/redline"
)

// comparison is one redline page: an edition against the one before it.
//
// A superseded edition is compared with the edition in force in the
// reader's browser (the compare page, wasm.go), not on a page of its own:
// such pages would all change whenever a new edition takes effect, so one
// new edition would cost as many new redlines as the archive has editions,
// most of them large, while the chain of "changes" pages only ever grows by
// one.
type comparison struct {
	pol      *policy.Policy
	lang     policy.Lang
	tl       *policy.Timeline
	from, to *policy.Edition
	path     string // the page's path: "ru/privacy/2024-02-15/changes/"
	// enc is the redline in its binary encoding, which result decodes
	// where the redline is written out: decoded, the redlines of a large
	// site are hundreds of megabytes, which would be held while Hugo
	// renders every page. When the cache holds the encoding, enc is nil
	// and result reads it from there: even encoded, a large site's
	// redlines are tens of megabytes. stats, same and clauses are what the
	// redline page and the summaries show of it.
	enc   []byte
	cache *redlineCache
	// old and new are the two plain texts, for computing the redline
	// again if the cache loses it.
	old, new string
	stats    redline.Stats
	same     bool
	clauses  []redline.Clause
	key      string // the redline's key in the redline cache
	labels   redline.Labels
	// cached is true when the page came whole from the page cache.
	cached bool
}

// viewsSlot is where a redline page's two views go. They are put in after
// Hugo has written the page, so that Hugo never holds them: on a site of
// thousands of editions they would be most of its memory.
const viewsSlot = "<!--policysite:redline-views-->"

func changesPath(pol string, l policy.Lang, to policy.ID) string {
	return editionPath(pol, l, to) + "changes/"
}

// compareWithInForcePath is the compare page set to compare an edition
// with the edition in force, which the page selects itself: the address
// does not change when another edition takes effect.
func compareWithInForcePath(pol string, l policy.Lang, from policy.ID) string {
	return string(l) + "/" + pol + "/compare/?from=" + from.String()
}

// planComparisons lists every redline page the site has, in a fixed order.
func (g *generator) planComparisons() []*comparison {
	var out []*comparison
	for _, pol := range g.in.Policies {
		for _, l := range g.in.Config.Codes() {
			tl := g.timelines[pol.Slug][l]
			if tl == nil {
				continue
			}
			pub := tl.Published()
			for i := 1; i < len(pub); i++ {
				out = append(out, &comparison{pol: pol, lang: l, tl: tl, from: pub[i-1], to: pub[i],
					path: changesPath(pol.Slug, l, pub[i].ID)})
			}
		}
	}
	return out
}

// plainTexts computes, on all cores, the plain text of every published
// edition and its SHA-256 once: the redlines compare them, the site
// publishes them, and the pages and JSON name them by their hash.
func (g *generator) plainTexts() {
	var eds []*policy.Edition
	for _, pol := range g.in.Policies {
		for _, l := range g.in.Config.Codes() {
			if tl := g.timelines[pol.Slug][l]; tl != nil {
				eds = append(eds, tl.Published()...)
			}
		}
	}
	type plain struct {
		text, sum string
		lines     []int
	}
	out := make([]plain, len(eds))
	parallel(len(eds), func(i int) {
		blocks := g.analyses[eds[i]].Blocks
		texts := make([]string, len(blocks))
		lines := make([]int, len(blocks))
		for j, b := range blocks {
			texts[j], lines[j] = b.Text, b.Line
		}
		text := strings.Join(texts, "\n\n")
		out[i] = plain{text, sha([]byte(text)), lines}
	})
	g.texts = make(map[*policy.Edition]string, len(eds))
	g.textSums = make(map[*policy.Edition]string, len(eds))
	g.lines = make(map[*policy.Edition][]int, len(eds))
	for i, e := range eds {
		g.texts[e], g.textSums[e], g.lines[e] = out[i].text, out[i].sum, out[i].lines
	}
}

// diffAll computes the redlines on all cores, or reads them from cache.
// Each result depends only on its two texts, so the order of the work does
// not show in the output.
func (g *generator) diffAll(cmps []*comparison) {
	// A text is made ready for redlines once, when a pair the cache does
	// not hold first needs it: most editions are in two pairs.
	type ready struct {
		once sync.Once
		t    *redline.Text
	}
	texts := map[*policy.Edition]*ready{}
	for _, c := range cmps {
		for _, e := range []*policy.Edition{c.from, c.to} {
			if texts[e] == nil {
				texts[e] = &ready{}
			}
		}
	}
	prepared := func(e *policy.Edition) *redline.Text {
		r := texts[e]
		r.once.Do(func() { r.t = redline.Prepare(g.texts[e]) })
		return r.t
	}
	parallel(len(cmps), func(i int) {
		c := cmps[i]
		c.old, c.new, c.cache = g.texts[c.from], g.texts[c.to], g.cache
		c.key = redlineKey(g.textSums[c.from], g.textSums[c.to])
		o, enc, stored := g.cache.diff(c.key, func() *redline.Result {
			return redline.DiffTexts(prepared(c.from), prepared(c.to))
		})
		c.stats, c.same, c.clauses = o.Stats, o.Same, o.Clauses
		if !stored {
			c.enc = enc
		}
		g.in.Progress.Done(1)
	})
}

func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// changedClause is an entry in a redline page's list of changed clauses.
type changedClause struct {
	Number    string `json:"number"`
	OldNumber string `json:"old_number"`
	Anchor    string `json:"anchor"`
	Title     string `json:"title"`
	Change    string `json:"change"`
	// Label says the change in the page's language.
	Label string `json:"label"`
}

func (g *generator) comparisonPage(c *comparison, byPath map[string]*comparison) error {
	loc := g.in.Strings.For(c.lang)
	from, err := g.ref(c.lang, c.tl, c.from)
	if err != nil {
		return err
	}
	to, err := g.ref(c.lang, c.tl, c.to)
	if err != nil {
		return err
	}
	summary, err := g.summary(c)
	if err != nil {
		return err
	}
	title, err := loc.T("changes_title", map[string]any{"Date": to.IDDate})
	if err != nil {
		return err
	}
	labels, err := redline.LocalLabels(loc)
	if err != nil {
		return err
	}
	if labels.Old, err = loc.T("edition_column", map[string]any{"Date": from.IDDate}); err != nil {
		return err
	}
	if labels.New, err = loc.T("edition_column", map[string]any{"Date": to.IDDate}); err != nil {
		return err
	}
	changed := []changedClause{}
	for _, cl := range c.clauses {
		if cl.Change == redline.Unchanged {
			continue
		}
		label, err := loc.T("redline_change_"+string(cl.Change), nil)
		if err != nil {
			return err
		}
		changed = append(changed, changedClause{Number: cl.Number, OldNumber: cl.OldNumber, Anchor: cl.Anchor,
			Title: cl.Title, Change: string(cl.Change), Label: label})
	}
	var alts []alternate
	for _, ol := range g.in.Config.Langs {
		if ol.Code == c.lang {
			continue
		}
		// A translation only if it compares the same two editions: the
		// editions before an edition may differ between languages.
		p := string(ol.Code) + strings.TrimPrefix(c.path, string(c.lang))
		o := byPath[p]
		if o != nil && o.from.ID == c.from.ID && o.to.ID == c.to.ID {
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: p, Exact: true})
			continue
		}
		// The other language compares the same edition with another one,
		// because its history differs: a reader may still want it, told so,
		// and without hreflang, since it is not a translation.
		if o != nil {
			oloc := g.in.Strings.For(ol.Code)
			from, err := oloc.Date(o.from.ID.Date)
			if err != nil {
				return err
			}
			note, err := oloc.T("redline_other_pair", map[string]any{"Date": from})
			if err != nil {
				return err
			}
			short, err := oloc.T("redline_other_pair_short", nil)
			if err != nil {
				return err
			}
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: p, Note: note, Short: short})
		}
	}
	ps := map[string]any{
		"kind":         "changes",
		"policy":       c.pol.Slug,
		"policy_path":  string(c.lang) + "/" + c.pol.Slug + "/",
		"policy_title": policyTitle(c.tl),
		"lang":         string(c.lang),
		"from":         from,
		"to":           to,
		"summary":      summary,
		"same":         c.same,
		"changed":      changed,
		"stats":        c.stats,
		"alternates":   alts,
	}
	fm := map[string]any{
		"title":  title,
		"layout": "changes",
		"ps":     ps,
	}
	c.labels = labels
	rel := "content/" + strings.TrimPrefix(c.path, string(c.lang)+"/") + "index." + string(c.lang) + ".md"
	// The page shows the redline, which Go puts in after Hugo: its key
	// stands for it in the page's.
	return g.deferPage(rel, c.path+"index.html", c.key, fm, "", c)
}

// result is the redline, decoded from what the comparison holds or, when
// it holds nothing, from the cache. An entry that another build removed or
// damaged since is computed again: the output never depends on the cache.
func (c *comparison) result() (*redline.Result, error) {
	enc := c.enc
	if enc == nil {
		if r := decodeRedline(c.cache.Get(c.key)); r != nil {
			return r, nil
		}
		return redline.Diff(c.old, c.new), nil
	}
	var r redline.Result
	if err := r.UnmarshalBinary(enc); err != nil {
		return nil, fmt.Errorf("redline %s: %w", c.path, err)
	}
	return &r, nil
}

// fillViews puts c's views into the slot of its page, as Hugo rendered it.
func fillViews(c *comparison, page []byte) ([]byte, error) {
	at := bytes.Index(page, []byte(viewsSlot))
	if at < 0 {
		// A company's own changes.html may leave the views out.
		return page, nil
	}
	r, err := c.result()
	if err != nil {
		return nil, err
	}
	inline, side := r.HTML(c.labels)
	var b bytes.Buffer
	b.Grow(len(page) + len(inline) + len(side) + 200)
	b.Write(page[:at])
	fmt.Fprintf(&b, "<div class=\"rl-view rl-view-inline\" id=\"view-inline\">\n%s</div>\n<div class=\"rl-view rl-view-side\" id=\"view-side\">\n%s</div>", inline, side)
	b.Write(page[at+len(viewsSlot):])
	return b.Bytes(), nil
}
