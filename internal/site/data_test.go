package site_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	sitebuild "policysite/internal/build"
	"regexp"
	"strings"
	"testing"
	"time"

	"policysite/internal/api"
	"policysite/internal/api/apitest"
	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/plaintext"
	"policysite/internal/source"
	"policysite/internal/testfs"
)

var update = flag.Bool("update", false, "rewrite the golden documents in testdata/")

// sampleNow is a moment at which the sample site has an edition of every
// status: superseded, in force and upcoming.
var sampleNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// sample writes the sample site (internal/testfs) into a temporary
// repository and builds it.
func sample(t *testing.T) (root, out string) {
	t.Helper()
	root = testfs.Sample(t)
	out = t.TempDir()
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	strs, err := l10n.Load(os.DirFS(root), cfg.Codes())
	if err != nil {
		t.Fatal(err)
	}
	src, err := source.Load(source.Options{FS: os.DirFS(root), Langs: cfg.Codes(), Location: cfg.Location})
	if err != nil {
		t.Fatal(err)
	}
	in := sitebuild.Input{Source: os.DirFS(root), Root: root, Config: cfg, BaseURL: cfg.BaseURL, Now: sampleNow, Policies: src.Policies, Strings: strs}
	if _, err := sitebuild.Site(t.Context(), in, out); err != nil {
		t.Fatalf("build: %v", err)
	}
	return root, out
}

// docs returns the site's files whose path matches re, decoded.
func docs(t *testing.T, out string, re string) map[string]map[string]any {
	t.Helper()
	m := regexp.MustCompile(re)
	got := map[string]map[string]any{}
	for name, data := range testfs.Tree(t, out) {
		if !m.MatchString(name) {
			continue
		}
		var v map[string]any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got[name] = v
	}
	if len(got) == 0 {
		t.Fatalf("no file matches %s", re)
	}
	return got
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// siteRel turns one of the site's absolute URLs into a path in out.
func siteRel(t *testing.T, base, url string) string {
	t.Helper()
	rel, ok := strings.CutPrefix(url, base)
	if !ok {
		t.Fatalf("%s is not under the site's address %s", url, base)
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

// TestEditionDocumentsAreExact: every edition's JSON gives the hashes of
// its source file as it is in versions/ and of its text, the body of that
// file, the text published as text.txt, and links that lead to files.
func TestEditionDocumentsAreExact(t *testing.T) {
	root, out := sample(t)
	const base = "https://prichal.example/"
	eds := docs(t, out, `^(ru|en)/[a-z-]+/[0-9-]+/index\.json$`)
	if len(eds) < 10 {
		t.Fatalf("only %d edition documents", len(eds))
	}
	for name, d := range eds {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(d["source_path"].(string))))
		if err != nil {
			t.Fatalf("%s: source_path: %v", name, err)
		}
		if got := d["source_sha256"]; got != sha(src) {
			t.Errorf("%s: source_sha256 = %v, want the hash of %s", name, got, d["source_path"])
		}
		text := d["text"].(string)
		if got := d["text_sha256"]; got != sha([]byte(text)) {
			t.Errorf("%s: text_sha256 = %v, want the hash of text", name, got)
		}
		md := d["markdown"].(string)
		if !strings.HasSuffix(strings.ReplaceAll(string(src), "\r\n", "\n"), md) || !strings.Contains(string(src), "\n---") {
			t.Errorf("%s: markdown is not the body of %s", name, d["source_path"])
		}
		if want := plaintext.Of(md); text != want {
			t.Errorf("%s: text is not the plain text of markdown", name)
		}
		if got := read(t, out, siteRel(t, base, d["text_url"].(string))); got != text {
			t.Errorf("%s: text.txt differs from text", name)
		}
		if self := siteRel(t, base, d["json_url"].(string)); self != name {
			t.Errorf("%s: json_url leads to %s", name, self)
		}
		for _, k := range []string{"url", "policy_url", "changes_url", "changes_json_url"} {
			if u, ok := d[k].(string); ok {
				read(t, out, siteRel(t, base, u))
			}
		}
		for _, k := range []string{"previous", "next", "superseded_by"} {
			if r, ok := d[k].(map[string]any); ok {
				read(t, out, siteRel(t, base, r["url"].(string)))
				read(t, out, siteRel(t, base, r["json_url"].(string)))
			}
		}
		// Every clause's text is part of the edition's text, in order, and
		// its anchor is in the edition's page.
		page := read(t, out, siteRel(t, base, d["url"].(string)))
		at := 0
		for _, c := range d["clauses"].([]any) {
			c := c.(map[string]any)
			i := strings.Index(text[at:], c["text"].(string))
			if c["text"] == "" || i < 0 {
				t.Errorf("%s: clause %v: its text %q is not next in the edition's text", name, c["number"], c["text"])
				continue
			}
			at += i + len(c["text"].(string))
			if !strings.Contains(page, `id="`+c["anchor"].(string)+`"`) {
				t.Errorf("%s: clause %v: no element with id %v in the page", name, c["number"], c["anchor"])
			}
			if !strings.HasPrefix(c["text"].(string), c["number"].(string)) {
				t.Errorf("%s: clause %v: text %q does not start with its number", name, c["number"], c["text"])
			}
		}
	}
}

// TestChangesRebuildBothTexts: the operations of every changes.json give
// back the previous edition's text (equal and delete) and this edition's
// (equal and insert), and the clauses cover the operations in order.
func TestChangesRebuildBothTexts(t *testing.T) {
	_, out := sample(t)
	const base = "https://prichal.example/"
	all := docs(t, out, `^(ru|en)/[a-z-]+/[0-9-]+/changes\.json$`)
	for name, d := range all {
		text := func(k string) string {
			ref := d[k].(map[string]any)
			var e map[string]any
			if err := json.Unmarshal([]byte(read(t, out, siteRel(t, base, ref["json_url"].(string)))), &e); err != nil {
				t.Fatal(err)
			}
			return e["text"].(string)
		}
		var old, new strings.Builder
		ops := d["ops"].([]any)
		for _, o := range ops {
			o := o.(map[string]any)
			switch o["op"] {
			case "equal":
				old.WriteString(o["text"].(string))
				new.WriteString(o["text"].(string))
			case "delete":
				old.WriteString(o["text"].(string))
			case "insert":
				new.WriteString(o["text"].(string))
			default:
				t.Fatalf("%s: op %v", name, o["op"])
			}
		}
		if old.String() != text("from") {
			t.Errorf("%s: equal+delete do not give the previous edition's text", name)
		}
		if new.String() != text("to") {
			t.Errorf("%s: equal+insert do not give this edition's text", name)
		}
		next := 0
		for _, c := range d["clauses"].([]any) {
			r := c.(map[string]any)["ops"].([]any)
			if int(r[0].(float64)) != next {
				t.Errorf("%s: clause %v starts at op %v, want %d", name, c.(map[string]any)["number"], r[0], next)
			}
			next = int(r[1].(float64))
		}
		if next != len(ops) {
			t.Errorf("%s: clauses end at op %d of %d", name, next, len(ops))
		}
		if d["to"].(map[string]any)["json_url"] != base+strings.TrimSuffix(name, "changes.json")+"index.json" {
			t.Errorf("%s: to is not the edition it sits under", name)
		}
	}
}

// TestEveryDocumentMatchesItsSchema validates every JSON file of the built
// sample site against the schemas the site publishes, with no field the
// schema does not describe, and checks the feeds against the JSON Feed 1.1
// and Atom rules. A JSON or XML file of a kind the test does not know fails
// it, so that a new kind of document cannot go out unchecked.
func TestEveryDocumentMatchesItsSchema(t *testing.T) {
	_, out := sample(t)
	v, err := apitest.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	kinds := []struct {
		re     *regexp.Regexp
		schema string
		check  func([]byte) []error
	}{
		{regexp.MustCompile(`^policies\.json$`), "policies.schema.json", nil},
		{regexp.MustCompile(`^[a-z]{2,3}/[a-z0-9-]+/[0-9-]+/index\.json$`), "edition.schema.json", nil},
		{regexp.MustCompile(`^[a-z]{2,3}/[a-z0-9-]+/[0-9-]+/changes\.json$`), "changes.schema.json", nil},
		{regexp.MustCompile(`^[a-z]{2,3}/[a-z0-9-]+/feed\.json$`), "feed.schema.json", apitest.CheckJSONFeed},
		{regexp.MustCompile(`^[a-z]{2,3}/[a-z0-9-]+/index\.xml$`), "", apitest.CheckAtom},
		// The site's sitemaps are checked by the discovery tests.
		{regexp.MustCompile(`^([a-z]{2,3}/)?sitemap\.xml$`), "", nil},
	}
	seen := map[string]int{}
	for name, data := range testfs.Tree(t, out) {
		if !strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		if rest, ok := strings.CutPrefix(name, "schema/"); ok {
			want, err := api.Schema(rest)
			if err != nil || !bytes.Equal(data, want) {
				t.Errorf("%s is not the schema the package holds (%v)", name, err)
			}
			seen["schema"]++
			continue
		}
		known := false
		for _, k := range kinds {
			if !k.re.MatchString(name) {
				continue
			}
			known = true
			seen[k.re.String()]++
			if k.schema != "" {
				if err := v.Validate(k.schema, data); err != nil {
					t.Errorf("%s: %v", name, err)
				}
				if err := v.Strict(k.schema, data); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
			if k.check != nil {
				for _, err := range k.check(data) {
					t.Errorf("%s: %v", name, err)
				}
			}
			break
		}
		if !known {
			t.Errorf("%s: a document of a kind no test checks", name)
		}
	}
	if seen["schema"] != len(api.SchemaFiles) {
		t.Errorf("%d schemas published, want %d", seen["schema"], len(api.SchemaFiles))
	}
	for _, k := range kinds[:5] {
		if seen[k.re.String()] == 0 {
			t.Errorf("no file matches %s", k.re)
		}
	}
}

// TestDocumentsAreReadableUTF8: text is written as it is: no escaped
// Cyrillic, and no escaped <, > or &.
func TestDocumentsAreReadableUTF8(t *testing.T) {
	_, out := sample(t)
	escaped := regexp.MustCompile(`\\u0(0[0-9a-fA-F]{2}|4[0-9a-fA-F]{2})`)
	n := 0
	for name, data := range testfs.Tree(t, out) {
		if !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, "schema/") {
			continue
		}
		n++
		if m := escaped.Find(data); m != nil {
			t.Errorf("%s: escaped character %s", name, m)
		}
	}
	ru := read(t, out, "ru/privacy/2024-02-15/index.json")
	if !strings.Contains(ru, `"title": "Политика конфиденциальности"`) {
		t.Error("a Russian title is not written as it is")
	}
	if n < 20 {
		t.Errorf("only %d JSON files", n)
	}
}
