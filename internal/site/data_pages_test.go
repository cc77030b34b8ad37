package site_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

// TestEditionPagesDescribeThemselves: each edition page links its JSON and
// carries a schema.org description: its version, the period it was in
// force, its translations and the policy it is an edition of.
func TestEditionPagesDescribeThemselves(t *testing.T) {
	_, out := sample(t)
	ldRe := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)
	tests := []struct {
		page     string
		coverage string
		langs    []string
	}{
		{"ru/privacy/2024-02-15/index.html", "2024-03-01T00:00:00+03:00/2024-07-10T09:30:00+03:00", []string{"en"}},
		{"ru/privacy/2024-07-10/index.html", "2024-07-10T09:30:00+03:00/2025-09-01T12:00:00+03:00", nil},
		{"en/privacy/2025-09-01/index.html", "2025-09-01T12:00:00+03:00/..", []string{"ru"}},
		{"ru/terms/2026-11-16/index.html", "2027-01-01T00:00:00+03:00/..", []string{"en"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			html := read(t, out, tt.page)
			dir := strings.TrimSuffix(tt.page, "index.html")
			if !strings.Contains(html, `<link rel="alternate" type="application/json" href="https://prichal.example/`+dir+`index.json"`) {
				t.Error("the page does not link its JSON")
			}
			if !strings.Contains(html, `<link rel="alternate" type="application/json" href="https://prichal.example/policies.json"`) {
				t.Error("the page does not link the site index")
			}
			m := ldRe.FindStringSubmatch(html)
			if m == nil {
				t.Fatal("no JSON-LD")
			}
			var ld struct {
				Type             string `json:"@type"`
				ID               string `json:"@id"`
				Version          string `json:"version"`
				InLanguage       string `json:"inLanguage"`
				DatePublished    string `json:"datePublished"`
				TemporalCoverage string `json:"temporalCoverage"`
				ExampleOfWork    struct {
					ID string `json:"@id"`
				} `json:"exampleOfWork"`
				WorkTranslation []struct {
					ID         string `json:"@id"`
					InLanguage string `json:"inLanguage"`
				} `json:"workTranslation"`
			}
			if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
				t.Fatalf("JSON-LD: %v", err)
			}
			parts := strings.Split(dir, "/")
			if ld.Type != "DigitalDocument" || ld.ID != "https://prichal.example/"+dir || ld.Version != parts[2] || ld.InLanguage != parts[0] {
				t.Errorf("JSON-LD = %+v", ld)
			}
			if ld.TemporalCoverage != tt.coverage {
				t.Errorf("temporalCoverage = %q, want %q", ld.TemporalCoverage, tt.coverage)
			}
			if want := "https://prichal.example/" + parts[0] + "/" + parts[1] + "/"; ld.ExampleOfWork.ID != want {
				t.Errorf("exampleOfWork = %q, want %q", ld.ExampleOfWork.ID, want)
			}
			var langs []string
			for _, w := range ld.WorkTranslation {
				langs = append(langs, w.InLanguage)
				if w.ID != "https://prichal.example/"+w.InLanguage+"/"+parts[1]+"/"+parts[2]+"/" {
					t.Errorf("workTranslation %s", w.ID)
				}
			}
			if !slices.Equal(langs, tt.langs) {
				t.Errorf("workTranslation languages = %v, want %v", langs, tt.langs)
			}
		})
	}
}

// TestPolicyPagesLinkTheirFeeds: readers and feed readers find the feeds.
func TestPolicyPagesLinkTheirFeeds(t *testing.T) {
	_, out := sample(t)
	for _, l := range []string{"ru", "en"} {
		html := read(t, out, l+"/privacy/index.html")
		for _, want := range []string{
			`<link rel="alternate" type="application/feed+json" href="https://prichal.example/` + l + `/privacy/feed.json"`,
			`<link rel="alternate" type="application/atom+xml" href="https://prichal.example/` + l + `/privacy/index.xml"`,
			`<a href="/` + l + `/privacy/index.xml" type="application/atom+xml">`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s/privacy/ lacks %s", l, want)
			}
		}
	}
}

// TestDataNeverReplacesAFile: a static file where the site publishes its
// data fails the build, naming the address.
func TestDataNeverReplacesAFile(t *testing.T) {
	for _, rel := range []string{
		"ru/privacy/feed.json",
		"ru/privacy/2024-05-01/index.json",
		"ru/privacy/2024-05-01/text.txt",
	} {
		t.Run(rel, func(t *testing.T) {
			root := fixture(t)
			testfs.WriteFile(t, filepath.Join(root, "static", rel), []byte("{}"))
			_, err := buildInto(root, t.TempDir())
			if err == nil || !strings.Contains(err.Error(), "/"+rel) {
				t.Fatalf("err = %v, want one naming /%s", err, rel)
			}
		})
	}
}

// TestPathBaseURLGivesRelativeDocuments: with a base_url that is a path,
// the JSON documents carry rooted URLs and there is no Atom feed, whose
// ids must be absolute.
func TestPathBaseURLGivesRelativeDocuments(t *testing.T) {
	root := fixture(t)
	cfg := read(t, root, "policysite.toml")
	testfs.WriteFile(t, filepath.Join(root, "policysite.toml"), []byte(strings.Replace(cfg, `base_url = "https://policies.example/"`, `base_url = "/legal/"`, 1)))
	out, _ := build(t, root)
	var e map[string]any
	if err := json.Unmarshal([]byte(read(t, out, "ru/privacy/2024-05-01/index.json")), &e); err != nil {
		t.Fatal(err)
	}
	if e["url"] != "/legal/ru/privacy/2024-05-01/" {
		t.Errorf("url = %v", e["url"])
	}
	if _, err := os.Stat(filepath.Join(out, "ru/privacy/index.xml")); err == nil {
		t.Error("an Atom feed without absolute ids")
	}
	if strings.Contains(read(t, out, "ru/privacy/index.html"), "atom+xml") {
		t.Error("the policy page links an Atom feed that does not exist")
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) []byte {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		testfs.WriteFile(t, path, got)
		return got
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/site -run %s -update to create it)", err, t.Name())
	}
	return want
}

// TestPublishedFieldsKeepTheirNameAndType: the documents of the fixture
// site still have every field of the golden copies, with the same JSON
// type. New fields may appear; none may vanish, be renamed or change type.
// Rewrite the golden files with -update only to add fields.
func TestPublishedFieldsKeepTheirNameAndType(t *testing.T) {
	out, _ := build(t, fixture(t))
	for _, tc := range []struct{ file, golden string }{
		{"ru/privacy/2024-05-01/index.json", "edition.golden.json"},
		{"ru/privacy/2024-05-01/changes.json", "changes.golden.json"},
		{"ru/privacy/feed.json", "feed.golden.json"},
		{"policies.json", "policies.golden.json"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := []byte(read(t, out, tc.file))
			want := golden(t, tc.golden, got)
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			for _, p := range shapeDiff("", w, g) {
				t.Error(p)
			}
			if !bytes.Equal(got, want) {
				t.Logf("%s differs from testdata/%s in values only", tc.file, tc.golden)
			}
		})
	}
}

// shapeDiff lists where got lacks a field of want or has another type.
// Arrays are compared element by element, as far as both go, so that a
// field that exists only in some elements is still checked; a null in
// want matches anything, since it stands for "absent here".
func shapeDiff(path string, want, got any) []string {
	if want == nil {
		return nil
	}
	if fmt.Sprintf("%T", want) != fmt.Sprintf("%T", got) {
		return []string{fmt.Sprintf("%s: was %T, now %T", path, want, got)}
	}
	var out []string
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: gone", path, k))
				continue
			}
			if w[k] != nil && gv == nil {
				out = append(out, fmt.Sprintf("%s.%s: was %T, now null", path, k, w[k]))
				continue
			}
			out = append(out, shapeDiff(path+"."+k, w[k], gv)...)
		}
	case []any:
		g := got.([]any)
		for i := 0; i < len(w) && i < len(g); i++ {
			out = append(out, shapeDiff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
	}
	return out
}

// TestAPageNeverReplacesADocument: the documents are published before
// Hugo renders, and Hugo may not write a page over one: a hand-written
// page at a document's address fails the build, naming it.
func TestAPageNeverReplacesADocument(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "content", "feed-page.en.md"),
		[]byte("---\ntitle: Feed\nurl: /en/privacy/feed.json\n---\nNot a feed.\n"))
	_, err := buildInto(root, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), ": /en/privacy/feed.json is where the site publishes its data") {
		t.Fatalf("err = %v, want one naming en/privacy/feed.json", err)
	}
}
