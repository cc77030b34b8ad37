package site

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"policysite/internal/l10n"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"policysite/internal/publish"
	"policysite/internal/redline/wasmmodule"
)

// The in-browser comparison of any two editions. Pre-rendered redlines
// cover each edition against the one before it and each superseded edition
// against the one in force; every other pair is computed in the reader's
// browser by internal/redline itself, compiled to WebAssembly ahead of the
// build and embedded in policysite (package wasmmodule), from the
// editions' JSON published beside their pages: each plain text with its
// marks, which the pre-rendered redlines compare too.

// wasmBuild is the compiled redline package and Go's loader for it, with
// the digests every compare page names them by. The module is megabytes;
// hashing it once per page made up a third of a small site's build.
type wasmBuild struct {
	wasm, execJS []byte
	// wasmSRI and execJSSRI are the files' Subresource Integrity values;
	// version is a short hash of the module for its address.
	wasmSRI, execJSSRI, version string
}

// newWasmBuild returns the build of wasm and execJS, digests made.
func newWasmBuild(wasm, execJS []byte) *wasmBuild {
	return &wasmBuild{wasm: wasm, execJS: execJS, wasmSRI: sri(wasm), execJSSRI: sri(execJS), version: shortHash(wasm)}
}

// shippedWasm is the module that policysite embeds (see package
// wasmmodule), digests made once per process: serve builds again and
// again.
var shippedWasm = sync.OnceValue(func() *wasmBuild {
	return newWasmBuild(wasmmodule.Module(), wasmmodule.ExecJS())
})

// sri is a Subresource Integrity value, which browsers check before they
// run a script or, through fetch, instantiate a module.
func sri(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// anyPair adds the comparison of any two editions: the WebAssembly module
// with its loader, and a compare page per policy and language that has two
// editions or more. The browser compares the texts and marks of the
// editions' JSON that package publish writes beside each edition's page
// ({lang}/{policy}/{id}/index.json).
func (g *generator) anyPair(ctx context.Context) error {
	// Preparing the pages of a large site takes a while: an interrupted
	// build stops here rather than go on to Hugo's render.
	if err := ctx.Err(); err != nil {
		return err
	}
	wb := shippedWasm()
	redlines := map[string][]*plan.Comparison{}
	for _, c := range g.pl.Comparisons {
		k := c.Policy.Slug + "/" + string(c.Lang)
		redlines[k] = append(redlines[k], c)
	}
	for _, pol := range g.pl.Policies {
		for _, l := range g.pl.Config.Codes() {
			tl := g.pl.Timelines[pol.Slug][l]
			if tl == nil || len(tl.Published()) < 2 {
				continue
			}
			if err := g.anyPairPage(pol, l, tl, redlines[pol.Slug+"/"+string(l)], wb); err != nil {
				return err
			}
		}
	}
	return nil
}

// dumpStatic writes what the build publishes beside Hugo's pages into
// the static/ folder of a Hugo project written for the Hugo CLI
// (Options.HugoProject), where the compare pages find them: every
// published edition's text and JSON and the in-browser comparison's
// module. The build itself has package publish write them into its
// output.
func (g *generator) dumpStatic(dir string) error {
	write := func(rel string, data []byte) error {
		path := filepath.Join(dir, "static", filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, data, 0o644)
	}
	wb := shippedWasm()
	if err := write(plan.WasmPath, wb.wasm); err != nil {
		return err
	}
	if err := write(plan.WasmExecPath, wb.execJS); err != nil {
		return err
	}
	return publish.EditionFiles(g.pl, write)
}

// anyEdition is an edition in a compare page's lists. JSON is the
// address of its index.json, whose text and marks the browser compares.
type anyEdition struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Status string `json:"status"`
	Path   string `json:"path"`
	JSON   string `json:"json"`
}

// redlineLink is a pre-rendered redline listed on a compare page.
type redlineLink struct {
	Path  string `json:"path"`
	Title string `json:"title"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// anyPairData is what compare.js reads from the page's JSON block. Paths
// are URLs with the base URL's path.
type anyPairData struct {
	Lang          string                `json:"lang"`
	Wasm          string                `json:"wasm"`
	WasmIntegrity string                `json:"wasm_integrity"`
	Editions      map[string]anyEdition `json:"editions"`
	// Pages maps "from...to" to the pre-rendered redline of that pair.
	Pages map[string]string `json:"pages"`
	// Messages are for the WebAssembly module (see internal/redline/wasm).
	Messages map[string]map[string]string `json:"messages"`
	// Strings are the script's own: %s stands for a date or a clause
	// number, {from} and {to} for links to the two editions.
	Strings map[string]string `json:"strings"`
}

// The messages redline.Summary and redline.LocalLabels use, which the
// WebAssembly module asks for by id.
var (
	wasmPlainMessages = []string{
		"redline_no_changes", "redline_deleted_label", "redline_inserted_label",
		"redline_moved_to", "redline_moved_from", "redline_opening",
		"redline_moved_to_opening", "redline_moved_from_opening",
		"redline_link_label", "redline_link_old", "redline_link_new", "redline_formatted_label",
		"redline_break_inserted_label", "redline_break_deleted_label",
	}
	wasmPluralMessages = []string{
		"redline_changed_lead", "redline_changed", "redline_inserted_lead", "redline_inserted",
		"redline_deleted_lead", "redline_deleted", "redline_numbers_changed",
		"redline_moved", "redline_links_changed", "redline_formatted",
		"redline_breaks_inserted", "redline_breaks_deleted", "redline_minor", "redline_unchanged",
	}
)

// wasmMessages renders the messages the module needs with %d and %s in
// place of their arguments, every plural form of each.
func (g *generator) wasmMessages(l policy.Lang) (map[string]map[string]string, error) {
	loc := g.pl.Strings.For(l)
	out := map[string]map[string]string{}
	for _, id := range wasmPlainMessages {
		s, err := loc.T(id, map[string]any{"Number": "%s"})
		if err != nil {
			return nil, err
		}
		out[id] = map[string]string{"other": s}
	}
	for _, id := range wasmPluralMessages {
		out[id] = map[string]string{}
		for cat, n := range l10n.PluralSamples(l) {
			// The count still picks the form; "%d" replaces it in the text.
			s, err := loc.N(id, n, map[string]any{"Count": "%d", "Numbers": "%s"})
			if err != nil {
				return nil, err
			}
			out[id][cat] = s
		}
	}
	return out, nil
}

// basePath is the path of the base URL, which every URL the script
// fetches begins with: "/" or "/legal/".
func (g *generator) basePath() string {
	p := "/"
	if u, err := url.Parse(g.pl.BaseURL); err == nil && u.Path != "" {
		p = u.Path
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

func (g *generator) anyPairPage(pol *policy.Policy, l policy.Lang, tl *policy.Timeline, redlines []*plan.Comparison, wb *wasmBuild) error {
	loc := g.pl.Strings.For(l)
	pub := tl.Published()
	base := g.basePath()
	data := anyPairData{Lang: string(l), Editions: map[string]anyEdition{}, Pages: map[string]string{}}
	var eds []anyEdition
	for i := len(pub) - 1; i >= 0; i-- {
		r, err := g.ref(l, tl, pub[i])
		if err != nil {
			return err
		}
		e := anyEdition{ID: r.ID, Date: r.IDDate, Status: r.Status, Path: r.Path, JSON: plan.EditionJSONPath(pol.Slug, l, pub[i].ID)}
		eds = append(eds, e)
		e.Path, e.JSON = base+e.Path, base+e.JSON
		data.Editions[e.ID] = e
	}
	from, to := pub[len(pub)-2], pub[len(pub)-1]
	if cur := tl.Current(); cur != nil && tl.Previous(cur) != nil {
		from, to = tl.Previous(cur), cur
	}
	var links []redlineLink
	for _, c := range redlines {
		td, err := loc.Date(c.To.ID.Date)
		if err != nil {
			return err
		}
		title, err := loc.T("changes_title", map[string]any{"Date": td})
		if err != nil {
			return err
		}
		links = append(links, redlineLink{Path: c.Path, Title: title, From: c.From.ID.String(), To: c.To.ID.String()})
		data.Pages[c.From.ID.String()+"..."+c.To.ID.String()] = base + c.Path
	}
	title := pub[len(pub)-1].Title
	if cur := tl.Current(); cur != nil {
		title = cur.Title
	}
	pageTitle, err := loc.T("compare_any_title", map[string]any{"Policy": title})
	if err != nil {
		return err
	}
	var alts []alternate
	for _, ol := range g.pl.Config.Langs {
		if otl := g.pl.Timelines[pol.Slug][ol.Code]; ol.Code != l && otl != nil && len(otl.Published()) >= 2 {
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: string(ol.Code) + "/" + pol.Slug + "/compare/", Exact: true})
		}
	}
	ps := map[string]any{
		"kind":        "compare-any",
		"policy":      pol.Slug,
		"policy_path": string(l) + "/" + pol.Slug + "/",
		"lang":        string(l),
		"editions":    eds,
		"from":        from.ID.String(),
		"to":          to.ID.String(),
		"redlines":    links,
		"alternates":  alts,
	}
	if data.Messages, err = g.wasmMessages(l); err != nil {
		return err
	}
	if data.Strings, err = g.anyPairStrings(l); err != nil {
		return err
	}
	data.Wasm = base + plan.WasmPath
	data.WasmIntegrity = wb.wasmSRI
	// The module's address changes with its bytes, so that a browser
	// never runs a cached older module for a newer page.
	data.Wasm += "?v=" + wb.version
	js, err := json.Marshal(data)
	if err != nil {
		return err
	}
	ps["wasm"] = map[string]any{"exec_js": plan.WasmExecPath, "exec_js_integrity": wb.execJSSRI}
	// json.Marshal escapes <, > and &, so the block cannot end early.
	ps["data"] = string(js)
	fm := map[string]any{"title": pageTitle, "layout": "compare", "ps": ps}
	return g.writePage("content/"+pol.Slug+"/compare/_index."+string(l)+".md", fm, "")
}

// shortHash is a short hex digest of b, for cache busting.
func shortHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

// anyPairStrings are the script's messages.
func (g *generator) anyPairStrings(l policy.Lang) (map[string]string, error) {
	loc := g.pl.Strings.For(l)
	out := map[string]string{}
	for key, m := range map[string]struct {
		id   string
		data map[string]any
	}{
		"edition_column": {"edition_column", map[string]any{"Date": "%s"}},
		"compared_with":  {"compared_with", map[string]any{"From": "{from}", "To": "{to}"}},
		"was_number":     {"redline_was_number", map[string]any{"Number": "%s"}},
		"working":        {"compare_any_working", nil},
		"same_edition":   {"compare_any_same_edition", nil},
		"failed":         {"compare_any_failed", nil},
		"page_link":      {"compare_any_page_link", nil},
		"unknown":        {"compare_any_unknown_edition", nil},
	} {
		s, err := loc.T(m.id, m.data)
		if err != nil {
			return nil, err
		}
		out[key] = s
	}
	for _, c := range []string{"changed", "inserted", "deleted", "renumbered", "moved", "formatted", "minor"} {
		s, err := loc.T("redline_change_"+c, nil)
		if err != nil {
			return nil, err
		}
		out["change_"+c] = s
	}
	return out, nil
}
