package site_test

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"policysite/internal/config"
	"policysite/internal/plaintext"
	"policysite/internal/policy"
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
				if e["json"] != "/"+tc.lang+"/privacy/"+id+"/index.json" {
					t.Errorf("edition %s: JSON at %q", id, e["json"])
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
