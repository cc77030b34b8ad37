package site_test

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/plaintext"
	"policysite/internal/policy"
	"policysite/internal/redline"
	"policysite/internal/redline/wasmmodule"
	"policysite/internal/source"
	"policysite/internal/testfs"
)

// pageData is the JSON block of a compare page, as compare.js reads it.
type pageData struct {
	Lang          string                       `json:"lang"`
	Wasm          string                       `json:"wasm"`
	WasmIntegrity string                       `json:"wasm_integrity"`
	Editions      map[string]map[string]string `json:"editions"`
	Pages         map[string]string            `json:"pages"`
	Messages      map[string]map[string]string `json:"messages"`
	Strings       map[string]string            `json:"strings"`
}

var dataRe = regexp.MustCompile(`<script type="application/json" id="cmp-data">(.*?)</script>`)

func readData(t *testing.T, html string) pageData {
	t.Helper()
	m := dataRe.FindStringSubmatch(html)
	if m == nil {
		t.Fatal("the compare page has no JSON data block")
	}
	var d pageData
	if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
		t.Fatalf("the data block is not JSON: %v", err)
	}
	return d
}

func TestComparePageListsEveryEdition(t *testing.T) {
	out, res := build(t, fixture(t))
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "in-browser") {
			t.Errorf("warning: %s", m.Text)
		}
	}
	tests := []struct {
		lang     string
		editions []string // newest first, as the archive lists them
		from, to string   // preselected: the edition in force and the one before, else the last two
	}{
		{"ru", []string{
			`<option value="2024-10-01">1 октября 2024 г. (ещё не вступила в силу)</option>`,
			`<option value="2024-05-01"%s>1 мая 2024 г. (действующая)</option>`,
			`<option value="2023-01-10"%s>10 января 2023 г.</option>`,
		}, "2023-01-10", "2024-05-01"},
		{"en", []string{
			`<option value="2024-10-01"%s>October 1, 2024 (not yet in force)</option>`,
			`<option value="2023-01-10"%s>January 10, 2023 (in force)</option>`,
		}, "2023-01-10", "2024-10-01"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			html := read(t, out, tc.lang+"/privacy/compare/index.html")
			for _, sel := range []struct{ name, selected string }{{"from", tc.from}, {"to", tc.to}} {
				re := regexp.MustCompile(`(?s)<select id="cmp-` + sel.name + `" name="` + sel.name + `">(.*?)</select>`)
				m := re.FindStringSubmatch(html)
				if m == nil {
					t.Fatalf("no %s select", sel.name)
				}
				var want []string
				for _, o := range tc.editions {
					s := ""
					if strings.Contains(o, `"`+sel.selected+`"`) {
						s = " selected"
					}
					if strings.Contains(o, "%s") {
						o = fmt.Sprintf(o, s)
					}
					want = append(want, o)
				}
				got := regexp.MustCompile(`<option[^>]*>[^<]*</option>`).FindAllString(m[1], -1)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s select:\n%s\nwant\n%s", sel.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
			for _, w := range []string{`aria-live="polite"`, `id="rl-view-side"`, `class="rl-view rl-view-inline" id="view-inline"`, `<noscript>`} {
				if !strings.Contains(html, w) {
					t.Errorf("lacks %s", w)
				}
			}
			d := readData(t, html)
			if d.Lang != tc.lang || len(d.Editions) != len(tc.editions) {
				t.Errorf("data: lang %q, %d editions", d.Lang, len(d.Editions))
			}
			for id, e := range d.Editions {
				if e["text"] != "/"+tc.lang+"/privacy/"+id+"/text.txt" {
					t.Errorf("edition %s: text at %q", id, e["text"])
				}
			}
			// The policy page links the compare page.
			if p := read(t, out, tc.lang+"/privacy/index.html"); !strings.Contains(p, `<a href="/`+tc.lang+`/privacy/compare/">`) {
				t.Error("the policy page does not link the compare page")
			}
		})
	}
	ru := readData(t, read(t, out, "ru/privacy/compare/index.html"))
	if got := ru.Pages["2023-01-10...2024-05-01"]; got != "/ru/privacy/2024-05-01/changes/" {
		t.Errorf("pre-rendered page of 2023-01-10...2024-05-01 = %q", got)
	}
	if got := ru.Messages["redline_changed_lead"]; got["one"] != "Изменён %d пункт" || got["few"] != "Изменено %d пункта" || got["many"] != "Изменено %d пунктов" {
		t.Errorf("redline_changed_lead forms = %v", got)
	}
	if got := ru.Messages["redline_moved_to"]["other"]; got != "перенесено в п. %s" {
		t.Errorf("redline_moved_to = %q", got)
	}
}

// TestEditionTextsArePublished: each published edition's text.txt is
// exactly what the pre-rendered redlines compare.
func TestEditionTextsArePublished(t *testing.T) {
	root := fixture(t)
	out, _ := build(t, root)
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	src, err := source.Load(source.Options{FS: os.DirFS(root), Langs: cfg.Codes(), Location: cfg.Location})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, pol := range src.Policies {
		for lang, eds := range pol.Editions {
			tl := policy.NewTimeline(eds, testNow)
			for _, e := range eds {
				path := filepath.Join(out, string(lang), pol.Slug, e.ID.String(), "text.txt")
				data, err := os.ReadFile(path)
				if tl.StatusOf(e) == policy.StatusUnposted {
					if err == nil {
						t.Errorf("%s: the text of an unposted edition is published", path)
					}
					continue
				}
				if err != nil {
					t.Error(err)
					continue
				}
				n++
				if want := plaintext.Of(e.Body); string(data) != want {
					t.Errorf("%s differs from plaintext.Of of %s", path, e.File)
				}
			}
		}
	}
	if n != 5 {
		t.Errorf("%d texts checked, want 5", n)
	}
}

func TestWasmIsPublished(t *testing.T) {
	out, _ := build(t, fixture(t))
	mod, err := os.ReadFile(filepath.Join(out, "redline/redline.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(mod, []byte("\x00asm")) {
		t.Error("redline.wasm is not WebAssembly")
	}
	execJS, err := os.ReadFile(filepath.Join(out, "redline/wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mod, wasmmodule.Module()) || !bytes.Equal(execJS, wasmmodule.ExecJS()) {
		t.Error("redline.wasm or wasm_exec.js is not the one policysite embeds")
	}
	html := read(t, out, "ru/privacy/compare/index.html")
	d := readData(t, html)
	if d.WasmIntegrity != sri(mod) {
		t.Errorf("wasm_integrity %s does not match redline.wasm", d.WasmIntegrity)
	}
	if !strings.HasPrefix(d.Wasm, "/redline/redline.wasm?v=") {
		t.Errorf("wasm = %q", d.Wasm)
	}
	// html/template writes + in attributes as &#43;.
	want := `<script src="/redline/wasm_exec.js" integrity="` + strings.ReplaceAll(sri(execJS), "+", "&#43;") + `" defer></script>`
	if !strings.Contains(html, want) {
		t.Errorf("lacks %s", want)
	}
	if !regexp.MustCompile(`<script src="/js/compare\.min\.[0-9a-f]+\.js" integrity="sha256-[^"]+" defer></script>`).MatchString(html) {
		t.Error("compare.js is not loaded with its integrity")
	}
}

func sri(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// TestNoInlineScript: every script is a file or a JSON data block, so a
// Content-Security-Policy without 'unsafe-inline' allows the site.
func TestNoInlineScript(t *testing.T) {
	out, _ := build(t, fixture(t))
	script := regexp.MustCompile(`<script\b[^>]*>`)
	attr := regexp.MustCompile(`\son[a-z]+=`)
	scripts := 0
	for name, data := range testfs.Tree(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, tag := range script.FindAllString(string(data), -1) {
			scripts++
			// A data block is never run, so CSP leaves it alone.
			data := strings.Contains(tag, `type="application/json"`) || strings.Contains(tag, `type="application/ld+json"`)
			if !strings.Contains(tag, " src=") && !data {
				t.Errorf("%s: inline script %s", name, tag)
			}
		}
		if m := attr.FindString(string(data)); m != "" {
			t.Errorf("%s: event handler attribute %s", name, m)
		}
	}
	if scripts == 0 {
		t.Error("no script at all: the compare pages lost theirs")
	}
}

// TestComparisonNeedsNoGo: a repository of policies only, built where no
// go command is, has the in-browser comparison all the same, with the
// module policysite embeds and no warning.
func TestComparisonNeedsNoGo(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out, res := build(t, fixture(t))
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "in-browser") {
			t.Errorf("warning: %s", m.Text)
		}
	}
	mod, err := os.ReadFile(filepath.Join(out, "redline/redline.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mod, wasmmodule.Module()) {
		t.Error("redline.wasm is not the module policysite embeds")
	}
	html := read(t, out, "ru/privacy/compare/index.html")
	if d := readData(t, html); d.WasmIntegrity != sri(mod) {
		t.Errorf("wasm_integrity %s does not match redline.wasm", d.WasmIntegrity)
	}
	if strings.Contains(html, "Сравнение любых двух редакций в браузере сейчас недоступно.") {
		t.Error("the compare page says the comparison is unavailable")
	}
	for _, w := range []string{
		`<a href="/ru/privacy/2024-05-01/changes/">Что изменилось в редакции от 1 мая 2024 г.</a>`,
		`<a href="/ru/privacy/2024-10-01/changes/">Что изменилось в редакции от 1 октября 2024 г.</a>`,
	} {
		if !strings.Contains(html, w) {
			t.Errorf("lacks %s", w)
		}
	}
}

func TestBuildWithWasmIsByteIdentical(t *testing.T) {
	root := fixture(t)
	a, _ := build(t, root)
	b, _ := build(t, root)
	ta, tb := testfs.Tree(t, a), testfs.Tree(t, b)
	if _, ok := ta["redline/redline.wasm"]; !ok {
		t.Fatal("no redline.wasm")
	}
	if len(ta) != len(tb) {
		t.Fatalf("trees differ in size: %d vs %d files", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// nodeDriver runs the published module under Node as compare.js does in a
// browser: it loads wasm_exec.js, starts the module and calls
// policysiteRedline on each job of a JSON file, printing the results.
const nodeDriver = `"use strict";
const fs = require("fs");
globalThis.require = require;
globalThis.fs = fs;
globalThis.path = require("path");
globalThis.TextEncoder ??= require("util").TextEncoder;
globalThis.TextDecoder ??= require("util").TextDecoder;
globalThis.performance ??= require("perf_hooks").performance;
globalThis.crypto ??= require("crypto").webcrypto;
require(process.argv[2]);
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(process.argv[3]), go.importObject).then((r) => {
  go.run(r.instance);
  const jobs = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
  const out = jobs.map((j) => Object.assign({}, globalThis.policysiteRedline(j.old, j.new, j.page)));
  fs.writeFileSync(process.argv[5], JSON.stringify(out));
  process.exit(0);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
`

type wasmJob struct {
	Old  string `json:"old"`
	New  string `json:"new"`
	Page string `json:"page"`
}

type wasmResult struct {
	Inline  string `json:"inline"`
	Side    string `json:"side"`
	Summary string `json:"summary"`
	Stats   string `json:"stats"`
	Clauses string `json:"clauses"`
	Same    bool   `json:"same"`
	Error   string `json:"error"`
}

// synthetic exercises what the fixture's editions do not: moves,
// renumbering, a minor change, runs of unchanged clauses long enough for
// «few» and «many».
func synthetic(lead string) (old, new string) {
	var a, b strings.Builder
	a.WriteString(lead + "\n\n")
	b.WriteString(lead + "\n\n")
	for i := 1; i <= 24; i++ {
		fmt.Fprintf(&a, "1.%d. Пункт номер %d остаётся как был.\n\n", i, i)
		fmt.Fprintf(&b, "1.%d. Пункт номер %d остаётся как был.\n\n", i, i)
	}
	a.WriteString("1.25. Пункт номер 25 будет изменён.\n\n")
	b.WriteString("1.25. Пункт номер 25 изменён.\n\n")
	a.WriteString("2.1. Оператор хранит данные пять лет.\n\n2.2. Абзац, который переедет в третий раздел целиком и без правок.\n\n2.3. Ещё один пункт.\n\n")
	b.WriteString("2.1. Оператор хранит данные три года.\n\n2.2. Ещё один пункт.\n\n2.3. Совсем новый пункт.\n\n")
	a.WriteString("3.1. Третий раздел — с тире.\n\n")
	b.WriteString("3.1. Третий раздел – с тире.\n\nАбзац, который переедет в третий раздел целиком и без правок.\n\n")
	return a.String(), b.String()
}

// TestWasmMatchesNative runs the published module under Node on pairs no
// page pre-renders, with the messages of the published compare page, and
// holds its output to what the Go package gives natively.
func TestWasmMatchesNative(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: the WebAssembly module is not run (install Node.js to run this test)")
	}
	root := fixture(t)
	out, _ := build(t, root)
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	strs, err := l10n.Load(os.DirFS(root), cfg.Codes())
	if err != nil {
		t.Fatal(err)
	}
	type pair struct {
		lang, from, to string
		old, new       string // texts; empty: the editions' text.txt
	}
	synthOld, synthNew := synthetic("Вступление.")
	pairs := []pair{
		{lang: "ru", from: "2023-01-10", to: "2024-10-01"},
		{lang: "ru", from: "2024-10-01", to: "2023-01-10"},
		{lang: "ru", from: "2023-01-10", to: "2024-05-01"},
		{lang: "en", from: "2023-01-10", to: "2024-10-01"},
		{lang: "ru", from: "2023-01-10", to: "2024-05-01", old: synthOld, new: synthNew},
		{lang: "en", from: "2023-01-10", to: "2024-10-01", old: synthOld, new: synthNew},
		{lang: "ru", from: "2023-01-10", to: "2024-05-01", old: synthOld, new: synthOld},
	}
	var jobs []wasmJob
	var want []wasmResult
	for _, p := range pairs {
		d := readData(t, read(t, out, p.lang+"/privacy/compare/index.html"))
		if p.old == "" {
			p.old = read(t, out, p.lang+"/privacy/"+p.from+"/text.txt")
			p.new = read(t, out, p.lang+"/privacy/"+p.to+"/text.txt")
		}
		// As compare.js builds it.
		page, err := json.Marshal(map[string]any{
			"lang":     d.Lang,
			"old":      strings.Replace(d.Strings["edition_column"], "%s", d.Editions[p.from]["date"], 1),
			"new":      strings.Replace(d.Strings["edition_column"], "%s", d.Editions[p.to]["date"], 1),
			"messages": d.Messages,
		})
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, wasmJob{Old: p.old, New: p.new, Page: string(page)})
		want = append(want, native(t, strs.For(policy.Lang(p.lang)), p.old, p.new, d.Editions[p.from]["date"], d.Editions[p.to]["date"]))
	}
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "driver.js"), []byte(nodeDriver))
	data, err := json.Marshal(jobs)
	if err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, filepath.Join(dir, "jobs.json"), data)
	cmd := exec.Command(node, filepath.Join(dir, "driver.js"),
		filepath.Join(out, "redline/wasm_exec.js"), filepath.Join(out, "redline/redline.wasm"),
		filepath.Join(dir, "jobs.json"), filepath.Join(dir, "out.json"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("node: %v\n%s", err, msg)
	}
	var got []wasmResult
	if err := json.Unmarshal([]byte(read(t, dir, "out.json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d results, want %d", len(got), len(want))
	}
	for i, p := range pairs {
		g, w := got[i], want[i]
		name := fmt.Sprintf("%s %s...%s (job %d)", p.lang, p.from, p.to, i)
		if g.Error != "" {
			t.Errorf("%s: %s", name, g.Error)
			continue
		}
		for _, f := range []struct{ what, got, want string }{
			{"summary", g.Summary, w.Summary}, {"stats", g.Stats, w.Stats}, {"clauses", g.Clauses, w.Clauses},
			{"inline view", g.Inline, w.Inline}, {"side-by-side view", g.Side, w.Side},
		} {
			if f.got != f.want {
				t.Errorf("%s: the module's %s differs from the native one:\n%s\nwant\n%s", name, f.what, f.got, f.want)
			}
		}
		if g.Same != w.Same {
			t.Errorf("%s: same = %v, want %v", name, g.Same, w.Same)
		}
	}
	// The synthetic pair reaches the plural forms and labels it is for.
	for _, w := range []string{"перенесено из п. 2.2", "25 пунктов без изменений: вступление–1.24", "Изменено 2 пункта, добавлен 1, перенумерован 1; перенесён 1 абзац."} {
		if !strings.Contains(got[4].Inline+got[4].Summary, w) {
			t.Errorf("the synthetic pair lacks %q:\n%s\n%s", w, got[4].Summary, got[4].Inline)
		}
	}
	if got[6].Summary != "Текст не изменился." || !got[6].Same {
		t.Errorf("identical texts: %q, same %v", got[6].Summary, got[6].Same)
	}
}

// native is what the module must give: the redline package run in Go with
// the site's messages, as the pre-rendered pages use it.
func native(t *testing.T, loc *l10n.Localizer, old, new, fromDate, toDate string) wasmResult {
	t.Helper()
	res := redline.Diff(old, new)
	labels, err := redline.LocalLabels(loc)
	if err != nil {
		t.Fatal(err)
	}
	if labels.Old, err = loc.T("edition_column", map[string]any{"Date": fromDate}); err != nil {
		t.Fatal(err)
	}
	if labels.New, err = loc.T("edition_column", map[string]any{"Date": toDate}); err != nil {
		t.Fatal(err)
	}
	summary, err := redline.Summary(loc, res.Stats)
	if err != nil {
		t.Fatal(err)
	}
	inline, side := res.HTML(labels)
	stats, _ := json.Marshal(res.Stats)
	type changed struct {
		Number    string `json:"number"`
		OldNumber string `json:"old_number"`
		Anchor    string `json:"anchor"`
		Title     string `json:"title"`
		Change    string `json:"change"`
	}
	list := []changed{}
	for _, c := range res.Clauses {
		if c.Change != redline.Unchanged {
			list = append(list, changed{c.Number, c.OldNumber, c.Anchor, c.Title, string(c.Change)})
		}
	}
	clauses, _ := json.Marshal(list)
	return wasmResult{Inline: inline, Side: side, Summary: summary, Stats: string(stats), Clauses: string(clauses), Same: res.Same()}
}
