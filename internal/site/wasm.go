package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"policysite/internal/cache"
	"policysite/internal/policy"
)

// The in-browser comparison of any two editions. Pre-rendered redlines
// cover each edition against the one before it and each superseded edition
// against the one in force; every other pair is computed in the reader's
// browser by internal/redline itself, compiled to WebAssembly, from the
// editions' plain texts published beside their pages.

// wasmPkg is the command compiled to WebAssembly, relative to the
// repository.
const wasmPkg = "internal/redline/wasm"

// wasmRecipe names the way the module is compiled; change it whenever
// goBuildArgs or wasmEnv change, so that the cache forgets older builds.
const wasmRecipe = "policysite wasm 1"

// The files of the in-browser comparison in the output, shared by every
// language and policy.
const (
	wasmOut     = "redline/redline.wasm"
	wasmExecOut = "redline/wasm_exec.js"
)

// goBuildArgs compile the same bytes on every machine with the same Go:
// no paths, no build ID, no version-control stamp.
var goBuildArgs = []string{"build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-o"}

// wasmEnv is the environment of every go command the build runs. Variables
// that would change the compiled bytes are pinned, so that the output and
// the cache key depend only on the sources and the Go version.
func wasmEnv() []string {
	return append(os.Environ(),
		"GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOWASM=", "GOEXPERIMENT=",
		"GOWORK=off", "GOFLAGS=-mod=readonly")
}

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

// errNoWasmSource says the repository does not hold policysite's code (a
// repository of policies only), so there is nothing to compile.
var errNoWasmSource = errors.New("no " + wasmPkg + " in the repository")

// wasmCacheDir is where compiled modules are kept between builds, beside
// the redlines (see cache.DefaultDir), or "" when there is no cache folder.
func wasmCacheDir() string {
	dir := cache.DefaultDir()
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "wasm")
}

// Module is the WebAssembly module of the in-browser comparison as it is
// being made. Making it waits on the go command, which on a machine whose
// Go build cache is empty (a fresh CI runner) compiles for seconds, and
// needs nothing from the editions: so a build starts it first and reads,
// checks and compares the editions meanwhile.
type Module struct {
	done   chan struct{}
	cancel context.CancelFunc
	wb     *wasmBuild
	err    error
}

// StartModule begins making the module of the repository at root. The
// caller must Stop it, whether or not the build got as far as using it.
func StartModule(ctx context.Context, root string) *Module {
	// The module does not hear of ctx's end by itself: the build looks at
	// ctx where it waits for the module (wait), and Stop ends the module.
	// So the points where a build looks at its context are the same from
	// run to run, as the interruption tests need.
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m := &Module{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(m.done)
		m.wb, m.err = buildWasm(ctx, root, wasmCacheDir())
	}()
	return m
}

// wait returns the module once it is made, or ctx's error if ctx ends
// first.
func (m *Module) wait(ctx context.Context) (*wasmBuild, error) {
	done := ctx.Done()
	// An ended ctx wins over a module that is ready too.
	select {
	case <-done:
		return nil, ctx.Err()
	default:
	}
	select {
	case <-m.done:
		return m.wb, m.err
	case <-done:
		return nil, ctx.Err()
	}
}

// ready reports whether the module is made, without waiting.
func (m *Module) ready() bool {
	select {
	case <-m.done:
		return true
	default:
		return false
	}
}

// compilingPhase is the step of the progress while a build waits for the
// module.
const compilingPhase = "compiling the comparison"

// Stop abandons the module if it is still being made, and returns once no
// go command it started is left running.
func (m *Module) Stop() {
	m.cancel()
	<-m.done
}

// buildWasm compiles wasmPkg of the repository at root to WebAssembly and
// reads wasm_exec.js from the same Go. A compiled module is kept in
// cacheDir under a hash of the Go version and every source file it is made
// of, so that a repeated build does not compile; cacheDir "" turns the
// cache off.
func buildWasm(ctx context.Context, root, cacheDir string) (*wasmBuild, error) {
	if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(wasmPkg), "main.go")); err != nil {
		return nil, errNoWasmSource
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, errors.New("the Go toolchain (go) is not on PATH")
	}
	env, err := goOutput(ctx, goBin, root, "env", "GOROOT", "GOVERSION")
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(env), "\n")
	if len(lines) != 2 {
		return nil, fmt.Errorf("go env: unexpected output %q", env)
	}
	goroot, goversion := lines[0], lines[1]
	execJS, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, fmt.Errorf("read Go's wasm_exec.js: %w", err)
	}
	key, err := wasmKey(ctx, goBin, root, goversion)
	if err != nil {
		return nil, err
	}
	cached := filepath.Join(cacheDir, key+".wasm")
	if cacheDir != "" {
		if data, err := os.ReadFile(cached); err == nil {
			// The modification time says when a module was last used, for
			// trimCache.
			now := time.Now()
			_ = os.Chtimes(cached, now, now)
			return newWasmBuild(data, execJS), nil
		}
	}
	data, err := compileWasm(ctx, goBin, root)
	if err != nil {
		return nil, err
	}
	if cacheDir != "" {
		// A cache that cannot be written only costs the next build time.
		_ = cache.WriteAtomic(cached, data)
		trimCache(cacheDir, cached)
	}
	return newWasmBuild(data, execJS), nil
}

// wasmCacheTTL is how long a cached module may go unused before a new one
// replaces it: each is megabytes, and every change of the redline code
// makes another.
const wasmCacheTTL = 7 * 24 * time.Hour

// trimCache removes the cached modules other than keep that no build has
// used for wasmCacheTTL. Another checkout that still needs one compiles it
// again; nothing else depends on them.
func trimCache(dir, keep string) {
	old, _ := filepath.Glob(filepath.Join(dir, "*.wasm"))
	for _, f := range old {
		if info, err := os.Stat(f); err == nil && f != keep && time.Since(info.ModTime()) > wasmCacheTTL {
			_ = os.Remove(f)
		}
	}
}

// wasmKey hashes what the compiled bytes depend on: the recipe, the Go
// version, go.mod and go.sum (which pin go-diff), and the files of every
// package of this module that the command is made of, as go list sees
// them for js/wasm. Paths are hashed relative to the module, so that the
// key does not depend on where the repository is.
func wasmKey(ctx context.Context, goBin, root, goversion string) (string, error) {
	out, err := goOutput(ctx, goBin, root, "list", "-deps",
		"-f", `{{if and .Module .Module.Main}}{{.Module.Dir}}{{"\t"}}{{.Dir}}{{range .GoFiles}}{{"\t"}}{{.}}{{end}}{{end}}`, "./"+wasmPkg)
	if err != nil {
		return "", err
	}
	var mod string
	var files []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		mod = f[0]
		rel, err := filepath.Rel(mod, f[1])
		if err != nil {
			return "", fmt.Errorf("go list: %w", err)
		}
		for _, name := range f[2:] {
			files = append(files, filepath.ToSlash(filepath.Join(rel, name)))
		}
	}
	if mod == "" {
		return "", fmt.Errorf("go list: no package of this module in %s", wasmPkg)
	}
	files = append(files, "go.mod", "go.sum")
	sort.Strings(files)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", wasmRecipe, goversion)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(mod, filepath.FromSlash(f)))
		if err != nil {
			return "", fmt.Errorf("hash the sources of %s: %w", wasmPkg, err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// compileWasm runs go build into a temporary file and returns its bytes.
func compileWasm(ctx context.Context, goBin, root string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "policysite-wasm-")
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", wasmPkg, err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "redline.wasm")
	args := append(append([]string{}, goBuildArgs...), out, "./"+wasmPkg)
	if _, err := goOutput(ctx, goBin, root, args...); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", wasmPkg, err)
	}
	return data, nil
}

// goOutput runs the go command in root and returns its standard output; an
// error carries the first lines of what it printed on standard error.
func goOutput(ctx context.Context, goBin, root string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = root
	cmd.Env = wasmEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if lines := strings.Split(msg, "\n"); len(lines) > 5 {
			msg = strings.Join(append(lines[:5], "…"), "\n")
		}
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("go %s: %s", args[0], msg)
	}
	return stdout.String(), nil
}

// sri is a Subresource Integrity value, which browsers check before they
// run a script or, through fetch, instantiate a module.
func sri(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// anyPair adds the comparison of any two editions: the WebAssembly module
// with its loader, and a compare page per policy and language that has two
// editions or more. The browser compares the texts that publishData
// writes beside each edition's page ({lang}/{policy}/{id}/text.txt). The module
// is missing when the repository holds no code to compile it from; when
// the Go toolchain is missing or the compile fails, the build goes on and
// the returned warning says why. Either way the compare pages then say
// that the in-browser comparison is unavailable and list the pre-rendered
// redlines.
func (g *generator) anyPair(ctx context.Context, mod *Module) ([]Message, error) {
	var msgs []Message
	// A first build on a machine whose Go build cache is empty waits here
	// for seconds: the progress says what for, then goes back to what the
	// build was doing.
	waited := !mod.ready()
	if waited {
		g.in.Progress.Phase(compilingPhase, 0)
	}
	wb, err := mod.wait(ctx)
	if waited {
		g.in.Progress.Phase("preparing pages", 0)
	}
	switch {
	case err == nil:
		if err := g.p.write("static/"+wasmOut, wb.wasm); err != nil {
			return nil, err
		}
		if err := g.p.write("static/"+wasmExecOut, wb.execJS); err != nil {
			return nil, err
		}
	case errors.Is(err, errNoWasmSource):
		// A repository of policies only: there is nothing its authors could
		// fix, so no warning.
	case ctx.Err() != nil:
		return nil, ctx.Err()
	default:
		msgs = append(msgs, Message{Text: wasmPkg + ": the in-browser comparison of any two editions is left out: " + err.Error()})
		wb = nil
	}
	redlines := map[string][]*comparison{}
	for _, c := range g.planComparisons() {
		k := c.pol.Slug + "/" + string(c.lang)
		redlines[k] = append(redlines[k], c)
	}
	for _, pol := range g.in.Policies {
		for _, l := range g.in.Config.Codes() {
			tl := g.timelines[pol.Slug][l]
			if tl == nil || len(tl.Published()) < 2 {
				continue
			}
			if err := g.anyPairPage(pol, l, tl, redlines[pol.Slug+"/"+string(l)], wb); err != nil {
				return nil, err
			}
		}
	}
	return msgs, nil
}

// textPath is where an edition's plain text is published.
func textPath(pol string, l policy.Lang, id policy.ID) string {
	return editionPath(pol, l, id) + "text.txt"
}

// textKey is the output memo's key of an edition's text.txt, whose bytes
// are the text whose SHA-256 is sum.
func textKey(sum string) string {
	s := sha256.Sum256([]byte("policysite text 1\x00" + sum))
	return hex.EncodeToString(s[:])
}

// dumpTexts writes every published edition's text into the static/ folder
// of a Hugo project written for the Hugo CLI (Input.HugoProject), where the
// compare pages find them: the build itself writes them straight into its
// output (publishData).
func (g *generator) dumpTexts(dir string) error {
	for _, pe := range g.publishedEditions() {
		path := filepath.Join(dir, "static", filepath.FromSlash(textPath(pe.pol.Slug, pe.l, pe.e.ID)))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(g.texts[pe.e]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// anyEdition is an edition in a compare page's lists.
type anyEdition struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Status string `json:"status"`
	Path   string `json:"path"`
	Text   string `json:"text"`
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
	}
	wasmPluralMessages = []string{
		"redline_changed_lead", "redline_changed", "redline_inserted_lead", "redline_inserted",
		"redline_deleted_lead", "redline_deleted", "redline_renumbered_lead", "redline_renumbered",
		"redline_moved", "redline_minor", "redline_unchanged",
	}
)

// pluralSamples returns, for each CLDR plural category that whole numbers
// fall into in lang, the smallest such number: «one» 1, «few» 2, «many» 0
// in Russian. Rendering a message at each gives all its forms.
func pluralSamples(lang policy.Lang) map[string]int {
	names := map[plural.Form]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one",
		plural.Two: "two", plural.Few: "few", plural.Many: "many"}
	tag := language.Make(string(lang))
	out := map[string]int{}
	for n := 0; n < 1000; n++ {
		name := names[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
		if _, ok := out[name]; !ok {
			out[name] = n
		}
	}
	return out
}

// wasmMessages renders the messages the module needs with %d and %s in
// place of their arguments, every plural form of each.
func (g *generator) wasmMessages(l policy.Lang) (map[string]map[string]string, error) {
	loc := g.in.Strings.For(l)
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
		for cat, n := range pluralSamples(l) {
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
	if u, err := url.Parse(g.in.BaseURL); err == nil && u.Path != "" {
		p = u.Path
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

func (g *generator) anyPairPage(pol *policy.Policy, l policy.Lang, tl *policy.Timeline, redlines []*comparison, wb *wasmBuild) error {
	loc := g.in.Strings.For(l)
	pub := tl.Published()
	base := g.basePath()
	data := anyPairData{Lang: string(l), Editions: map[string]anyEdition{}, Pages: map[string]string{}}
	var eds []anyEdition
	for i := len(pub) - 1; i >= 0; i-- {
		r, err := g.ref(l, tl, pub[i])
		if err != nil {
			return err
		}
		e := anyEdition{ID: r.ID, Date: r.IDDate, Status: r.Status, Path: r.Path, Text: textPath(pol.Slug, l, pub[i].ID)}
		eds = append(eds, e)
		e.Path, e.Text = base+e.Path, base+e.Text
		data.Editions[e.ID] = e
	}
	from, to := pub[len(pub)-2], pub[len(pub)-1]
	if cur := tl.Current(); cur != nil && tl.Previous(cur) != nil {
		from, to = tl.Previous(cur), cur
	}
	var links []redlineLink
	for _, c := range redlines {
		td, err := loc.Date(c.to.ID.Date)
		if err != nil {
			return err
		}
		title, err := loc.T("changes_title", map[string]any{"Date": td})
		if err != nil {
			return err
		}
		links = append(links, redlineLink{Path: c.path, Title: title, From: c.from.ID.String(), To: c.to.ID.String()})
		data.Pages[c.from.ID.String()+"..."+c.to.ID.String()] = base + c.path
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
	for _, ol := range g.in.Config.Langs {
		if otl := g.timelines[pol.Slug][ol.Code]; ol.Code != l && otl != nil && len(otl.Published()) >= 2 {
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
	if wb != nil {
		if data.Messages, err = g.wasmMessages(l); err != nil {
			return err
		}
		if data.Strings, err = g.anyPairStrings(l); err != nil {
			return err
		}
		data.Wasm = base + wasmOut
		data.WasmIntegrity = wb.wasmSRI
		// The module's address changes with its bytes, so that a browser
		// never runs a cached older module for a newer page.
		data.Wasm += "?v=" + wb.version
		js, err := json.Marshal(data)
		if err != nil {
			return err
		}
		ps["wasm"] = map[string]any{"exec_js": wasmExecOut, "exec_js_integrity": wb.execJSSRI}
		// json.Marshal escapes <, > and &, so the block cannot end early.
		ps["data"] = string(js)
	}
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
	loc := g.in.Strings.For(l)
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
	for _, c := range []string{"changed", "inserted", "deleted", "renumbered", "moved", "minor"} {
		s, err := loc.T("redline_change_"+c, nil)
		if err != nil {
			return nil, err
		}
		out["change_"+c] = s
	}
	return out, nil
}
