package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/outdir"
	"policysite/internal/plan"
	"policysite/internal/redline/wasmmodule"
	"policysite/internal/source"
)

// testPlan is the plan of a small repository in memory: a privacy policy
// with two Russian editions and one English one.
func testPlan(t *testing.T) *plan.Plan {
	t.Helper()
	ed := func(title, posted, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nposted: " + posted + "\n---\n" + body + "\n")}
	}
	fsys := fstest.MapFS{
		"policysite.toml":                   {Data: []byte("base_url = \"https://policies.example/\"\n\n[[languages]]\ncode = \"ru\"\nname = \"Русский\"\ntitle = \"Документы\"\n\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"Documents\"\n")},
		"versions/privacy/2024-01-01.ru.md": ed("Политика", "2024-01-01T00:00:00Z", "1.1. Первый пункт.\n\n1.2. Новая редакция вступает в силу с момента размещения."),
		"versions/privacy/2025-01-01.ru.md": ed("Политика", "2025-01-01T00:00:00Z", "1.1. Первый пункт, уточнённый.\n\n1.2. Новая редакция вступает в силу с момента размещения."),
		"versions/privacy/2024-01-01.en.md": ed("Policy", "2024-01-01T00:00:00Z", "1.1. First clause.\n\n1.2. A new edition takes effect when it is posted."),
	}
	for _, l := range []string{"ru", "en"} {
		data, err := os.ReadFile("../../i18n/" + l + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		fsys["i18n/"+l+".toml"] = &fstest.MapFile{Data: data}
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	strs, err := l10n.Load(fsys, cfg.Codes())
	if err != nil {
		t.Fatal(err)
	}
	src, err := source.Load(source.Options{FS: fsys, Langs: cfg.Codes(), Location: cfg.Location})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := plan.Make(context.Background(), plan.Input{Config: cfg, BaseURL: cfg.BaseURL,
		Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Policies: src.Policies, Strings: strs})
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// TestDocumentsSayWhatThePlanSays: every published edition gets its text,
// exactly the plan's, and a JSON document that names the text's hash;
// every comparison its changes.json; each policy and language its feed;
// the site its index, schemas and comparison module.
func TestDocumentsSayWhatThePlanSays(t *testing.T) {
	pl := testPlan(t)
	out := outdir.New(t.TempDir())
	if err := Documents(pl, out); err != nil {
		t.Fatal(err)
	}
	eds := pl.Published()
	if len(eds) != 3 {
		t.Fatalf("%d published editions, want 3", len(eds))
	}
	for _, e := range eds {
		text, err := os.ReadFile(out.Path(plan.TextPath(e.Policy, e.Lang, e.ID)))
		if err != nil {
			t.Fatal(err)
		}
		if string(text) != pl.Editions[e].Text {
			t.Errorf("%s: text.txt is not the plan's text", e.File)
		}
		doc := readJSON(t, out.Path(plan.EditionJSONPath(e.Policy, e.Lang, e.ID)))
		sum := sha256.Sum256(text)
		if doc["text_sha256"] != hex.EncodeToString(sum[:]) || doc["markdown"] != e.Body || doc["text"] != string(text) {
			t.Errorf("%s: index.json does not name its text and source", e.File)
		}
		if doc["status"] != string(pl.Timelines[e.Policy][e.Lang].StatusOf(e)) {
			t.Errorf("%s: status %v", e.File, doc["status"])
		}
	}
	for _, c := range pl.Comparisons {
		doc := readJSON(t, out.Path(plan.ChangesJSONPath(c.Policy.Slug, c.Lang, c.To.ID)))
		want, _ := pl.Summary(c)
		if doc["summary"] != want || doc["url"] != pl.URL(c.Path) {
			t.Errorf("%s: changes.json says %v at %v", c.Path, doc["summary"], doc["url"])
		}
	}
	for _, rel := range []string{plan.FeedPath("privacy", "ru"), plan.FeedPath("privacy", "en"),
		plan.AtomPath("privacy", "ru"), plan.IndexPath, plan.SchemaPath("edition.schema.json")} {
		if _, err := os.Stat(out.Path(rel)); err != nil {
			t.Errorf("%s: %v", rel, err)
		}
	}
	for rel, want := range map[string][]byte{plan.WasmPath: wasmmodule.Module(), plan.WasmExecPath: wasmmodule.ExecJS()} {
		if got, err := os.ReadFile(out.Path(rel)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not the embedded file: %v", rel, err)
		}
	}
}

// TestDocumentsNeverReplaceAFile: a file already where a document goes
// fails the publishing, naming the address, and stays as it was.
func TestDocumentsNeverReplaceAFile(t *testing.T) {
	pl := testPlan(t)
	out := outdir.New(t.TempDir())
	rel := plan.FeedPath("privacy", "en")
	if err := os.MkdirAll(filepath.Dir(out.Path(rel)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out.Path(rel), []byte("a page"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Documents(pl, out)
	if err == nil || !strings.Contains(err.Error(), "/"+rel+" is where the site publishes its data") {
		t.Fatalf("err = %v, want one naming /%s", err, rel)
	}
	if data, _ := os.ReadFile(out.Path(rel)); string(data) != "a page" {
		t.Errorf("the file was replaced: %q", data)
	}
}

// TestDiscoveryRedirectsToThePrivacyPolicy: with a base_url at the root of
// its host, the well-known address leads to the privacy policy, after the
// repository's own _redirects rules.
func TestDiscoveryRedirectsToThePrivacyPolicy(t *testing.T) {
	pl := testPlan(t)
	out := outdir.New(t.TempDir())
	if err := out.Create("_redirects", []byte("/old /new 301")); err != nil {
		t.Fatal(err)
	}
	if err := Discovery(pl, out); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(out.Path(".well-known/privacy-policy/index.html"))
	if err != nil || !bytes.Contains(page, []byte(`href="https://policies.example/ru/privacy/"`)) {
		t.Errorf("the well-known page %q, %v; want a link to the Russian privacy policy", page, err)
	}
	rules, err := os.ReadFile(out.Path("_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(rules), "/old /new 301\n") || !strings.Contains(string(rules), "/.well-known/privacy-policy /en/privacy/ 302! Language=en") {
		t.Errorf("_redirects:\n%s", rules)
	}
}

// TestDiscoveryPageEscapesTheTitle: a policy's title is text on the
// well-known page, never markup.
func TestDiscoveryPageEscapesTheTitle(t *testing.T) {
	pl := testPlan(t)
	for _, e := range pl.Published() {
		e.Title = `P</title><script>alert(1)</script>"`
	}
	out := outdir.New(t.TempDir())
	if err := Discovery(pl, out); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(out.Path(".well-known/privacy-policy/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("<script")) || !bytes.Contains(page, []byte("&lt;script&gt;")) {
		t.Errorf("the title is not escaped:\n%s", page)
	}
}
