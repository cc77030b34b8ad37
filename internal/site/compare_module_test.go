package site_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/policy"
	"policysite/internal/redline"
	"policysite/internal/testfs"
	"policysite/internal/textmark"
)

// nodeDriver runs the published module under Node as compare.js does in a
// browser: it loads wasm_exec.js, starts the module and calls
// policysiteRedline with the arguments of each job of a JSON file,
// printing the results.
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
  const out = jobs.map((args) => Object.assign({}, globalThis.policysiteRedline(...args)));
  fs.writeFileSync(process.argv[5], JSON.stringify(out));
  process.exit(0);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
`

type wasmResult struct {
	Inline  string `json:"inline"`
	Side    string `json:"side"`
	Summary string `json:"summary"`
	Stats   string `json:"stats"`
	Clauses string `json:"clauses"`
	Same    bool   `json:"same"`
	Error   string `json:"error"`
}

// runWasm runs the module published in out on each job's arguments.
func runWasm(t *testing.T, out string, jobs [][]any) []wasmResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: the WebAssembly module is not run (install Node.js to run this test)")
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
	if len(got) != len(jobs) {
		t.Fatalf("%d results, want %d", len(got), len(jobs))
	}
	return got
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

// markedDoc is a text of the given blocks (testfs.Marked) as a redline
// compares it.
func markedDoc(t *testing.T, links map[string]string, blocks ...string) redline.Doc {
	t.Helper()
	text, marks := testfs.Marked(t, links, blocks...)
	return redline.Doc{Text: text, Marks: marks}
}

// markedPair differs in what the words do not show: a link re-pointed, a
// heading's level, a paragraph split in two.
func markedPair(t *testing.T) (old, new redline.Doc) {
	old = markedDoc(t, map[string]string{"нам": "mailto:old@example.com"},
		"h2|1. Контакты",
		"p|1.1. Напишите нам по почте, и мы ответим в течение десяти рабочих дней после получения письма.")
	new = markedDoc(t, map[string]string{"нам": "mailto:privacy@example.com"},
		"h3|1. Контакты",
		"p|1.1. Напишите нам по почте,",
		"p|и мы ответим в течение десяти рабочих дней после получения письма.")
	return old, new
}

// editionDoc reads an edition's index.json from the build: its text and
// its marks, as compare.js passes them to the module.
func editionDoc(t *testing.T, out, lang, id string) (redline.Doc, string) {
	t.Helper()
	data := read(t, out, lang+"/privacy/"+id+"/index.json")
	var doc struct {
		Text string `json:"text"`
		textmark.Marks
	}
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Blocks == nil || doc.Links == nil || doc.Styles == nil {
		t.Errorf("%s/%s/index.json: blocks, links or styles missing or null", lang, id)
	}
	marks, err := json.Marshal(doc.Marks)
	if err != nil {
		t.Fatal(err)
	}
	return redline.Doc{Text: doc.Text, Marks: doc.Marks}, string(marks)
}

func marksJSON(t *testing.T, m textmark.Marks) string {
	t.Helper()
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestWasmMatchesNative runs the published module under Node on pairs no
// page pre-renders, with the messages of the published compare page, and
// holds its output to what the Go package gives natively: with the
// editions' marks (five arguments) as compare.js calls it, and with plain
// texts alone (three).
func TestWasmMatchesNative(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
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
		old, new       *redline.Doc // nil: the editions' index.json
		plain          bool         // call with the texts alone
	}
	synthOld, synthNew := synthetic("Вступление.")
	markedOld, markedNew := markedPair(t)
	pairs := []pair{
		{lang: "ru", from: "2023-01-10", to: "2024-10-01"},
		{lang: "ru", from: "2024-10-01", to: "2023-01-10"},
		{lang: "ru", from: "2023-01-10", to: "2024-05-01"},
		{lang: "en", from: "2023-01-10", to: "2024-10-01"},
		{lang: "ru", from: "2023-01-10", to: "2024-05-01", old: &redline.Doc{Text: synthOld}, new: &redline.Doc{Text: synthNew}, plain: true},
		{lang: "en", from: "2023-01-10", to: "2024-10-01", old: &redline.Doc{Text: synthOld}, new: &redline.Doc{Text: synthNew}, plain: true},
		{lang: "ru", from: "2023-01-10", to: "2024-05-01", old: &redline.Doc{Text: synthOld}, new: &redline.Doc{Text: synthOld}, plain: true},
		{lang: "ru", from: "2023-01-10", to: "2024-05-01", old: &markedOld, new: &markedNew},
		{lang: "en", from: "2023-01-10", to: "2024-10-01", old: &markedOld, new: &markedNew},
		{lang: "ru", from: "2023-01-10", to: "2024-05-01", old: &markedOld, new: &markedNew, plain: true},
	}
	var jobs [][]any
	var want []wasmResult
	for _, p := range pairs {
		d := readData(t, read(t, out, p.lang+"/privacy/compare/index.html"))
		var old, new redline.Doc
		var oldMarks, newMarks string
		if p.old == nil {
			old, oldMarks = editionDoc(t, out, p.lang, p.from)
			new, newMarks = editionDoc(t, out, p.lang, p.to)
		} else {
			old, new = *p.old, *p.new
			oldMarks, newMarks = marksJSON(t, old.Marks), marksJSON(t, new.Marks)
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
		if p.plain {
			jobs = append(jobs, []any{old.Text, new.Text, string(page)})
			old.Marks, new.Marks = textmark.Marks{}, textmark.Marks{}
		} else {
			jobs = append(jobs, []any{old.Text, new.Text, string(page), oldMarks, newMarks})
		}
		want = append(want, native(t, strs.For(policy.Lang(p.lang)), old, new, d.Editions[p.from]["date"], d.Editions[p.to]["date"]))
	}
	got := runWasm(t, out, jobs)
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
	for _, w := range []string{"перенесено из п. 2.2", "25 пунктов без изменений: вступление–1.24", "Изменено 2 пункта, добавлен 1"} {
		if !strings.Contains(got[4].Inline+got[4].Summary, w) {
			t.Errorf("the synthetic pair lacks %q:\n%s\n%s", w, got[4].Summary, got[4].Inline)
		}
	}
	if got[6].Summary != "Текст не изменился." || !got[6].Same {
		t.Errorf("identical texts: %q, same %v", got[6].Summary, got[6].Same)
	}
	// With their marks, the link, the heading and the split are shown;
	// without, only the split.
	var st redline.Stats
	if err := json.Unmarshal([]byte(got[7].Stats), &st); err != nil {
		t.Fatal(err)
	}
	if st.LinksChanged != 1 || st.BreaksInserted != 1 || !strings.Contains(got[7].Inline, "mailto:privacy@example.com") ||
		!strings.Contains(got[7].Inline, `class="rl-format-note"`) || !strings.Contains(got[7].Inline, `class="rl-break"`) {
		t.Errorf("the marked pair: stats %s\n%s", got[7].Stats, got[7].Inline)
	}
	if strings.Contains(got[9].Inline, "mailto:") || strings.Contains(got[9].Inline, `class="rl-format-note"`) {
		t.Errorf("the marked pair without its marks shows links or formatting:\n%s", got[9].Inline)
	}
}

// TestWasmRefusesWhatItCannotUse: a call with a wrong number of
// arguments, one not a string or marks that are not JSON gets an error
// that says so, and the module goes on answering.
func TestWasmRefusesWhatItCannotUse(t *testing.T) {
	root := fixture(t)
	out, _ := build(t, root)
	d := readData(t, read(t, out, "ru/privacy/compare/index.html"))
	page, err := json.Marshal(map[string]any{"lang": d.Lang, "old": "Было", "new": "Стало", "messages": d.Messages})
	if err != nil {
		t.Fatal(err)
	}
	p := string(page)
	got := runWasm(t, out, [][]any{
		{"a", "b", p, "{}"},
		{"a", "b", p, "{}", "{blocks"},
		{"a", "b", p, 1, "{}"},
		{"a", "b", p, `{"blocks":[{"form":"h9","start":0,"end":40}],"links":[],"styles":[]}`, ""},
		{"a", "b", p, "", ""},
	})
	for i, want := range []string{"three strings", "the new text's marks", "strings, not number"} {
		if !strings.Contains(got[i].Error, want) {
			t.Errorf("job %d: error %q, want one saying %q", i, got[i].Error, want)
		}
	}
	// Marks that do not describe their text are left out, as the
	// pre-rendered redlines leave them out.
	for _, g := range got[3:] {
		if g.Error != "" || g.Same || !strings.Contains(g.Inline, "<del>") {
			t.Errorf("a comparison with marks left out: %+v", g)
		}
	}
}

// native is what the module must give: the redline package run in Go with
// the site's messages, as the pre-rendered pages use it.
func native(t *testing.T, loc *l10n.Localizer, old, new redline.Doc, fromDate, toDate string) wasmResult {
	t.Helper()
	res := redline.DiffDocs(old, new)
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
