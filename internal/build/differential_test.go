package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"policysite/internal/testfs"
)

// ownSite writes testdata/site.txtar with the repository's layouts, i18n
// and assets into a temporary repository.
func ownSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		testfs.WriteFile(t, filepath.Join(root, f.Name), f.Data)
	}
	for _, d := range []string{"layouts", "i18n", "assets"} {
		testfs.CopyTree(t, filepath.Join("../..", d), filepath.Join(root, d))
	}
	testfs.RecordDir(t, root)
	return root
}

// edit replaces old with new in the file rel of root, and fails if old is
// not there, so that an edit never silently tests nothing.
func edit(t *testing.T, root, rel, old, new string) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(rel))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s holds no %q", rel, old)
	}
	testfs.WriteFile(t, path, bytes.Replace(data, []byte(old), []byte(new), 1))
}

// damageCache flips the last byte of every entry in cacheDir and cuts
// every other entry short, and tells how many entries it found.
func damageCache(t *testing.T, cacheDir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(cacheDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil || len(data) == 0 {
			return err
		}
		n++
		data[len(data)-1] ^= 1
		if n%2 == 0 {
			data = data[:len(data)/2]
		}
		return os.WriteFile(path, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCacheChangesNoOutputByte is the build's differential test. After
// each of the edits a company makes (a new edition, a corrected one, an
// edited template, i18n string, config value, content page, asset), the site is built with
// no cache at all (the reference) and then with a cache kept from every
// build before (warm), with that cache deleted (cold), and with every
// entry of it damaged; each time over the previous output. Every output
// is the reference, byte for byte: the cache holds only entries that are
// pure functions of their keys, and nothing else carries from one build
// to the next.
func TestCacheChangesNoOutputByte(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site 32 times")
	}
	root := ownSite(t)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(t.TempDir(), "public")
	n := 0
	buildWith := func(cache, out string) map[string][]byte {
		t.Helper()
		n++
		if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: cache}); err != nil {
			t.Fatalf("build %d: %v", n, err)
		}
		return testfs.Tree(t, out)
	}
	steps := []struct {
		name string
		edit func()
	}{
		{"the first build", func() {}},
		{"a new edition", func() {
			data, err := os.ReadFile(filepath.Join(root, "versions/privacy/2025-03-01.en.md"))
			if err != nil {
				t.Fatal(err)
			}
			data = bytes.Replace(data, []byte("2025-03-01T12"), []byte("2026-02-01T12"), 1)
			data = bytes.Replace(data, []byte("10 days"), []byte("14 days"), 1)
			testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2026-02-01.en.md"), data)
			testfs.RecordDir(t, root)
		}},
		{"a corrected edition", func() {
			edit(t, root, "versions/privacy/2025-03-01.ru.md", "через 10 дней", "через 15 дней")
			// Recorded afresh, which no author may do to a posted edition:
			// this is about what the cache keeps, not about versions.sum.
			testfs.RecordDir(t, root)
		}},
		{"an edited template", func() {
			edit(t, root, "layouts/baseof.html", "</head>", "<meta name=\"x-edited\" content=\"template\">\n</head>")
		}},
		{"an edited i18n string", func() {
			edit(t, root, "i18n/en.toml", `other = "Skip to content"`, `other = "Skip to the content"`)
		}},
		{"an edited config value", func() {
			edit(t, root, "policysite.toml", `company = "Example LLC"`, `company = "Example Ltd"`)
		}},
		{"an edited content page", func() {
			edit(t, root, "content/about.en.md", "Who publishes", "Which company publishes")
		}},
		{"an edited asset", func() {
			path := filepath.Join(root, "assets/css/site.css")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			testfs.WriteFile(t, path, append(data, "\n.x-edited { color: inherit; }\n"...))
		}},
	}
	var prev map[string][]byte
	for _, s := range steps {
		s.edit()
		want := buildWith("", filepath.Join(t.TempDir(), "reference"))
		if prev != nil && sameTree(prev, want) {
			t.Fatalf("after %s: the reference output did not change, so the step tests nothing", s.name)
		}
		prev = want
		check := func(cache string) {
			t.Helper()
			got := buildWith(cacheDir, out)
			if d := treeDiff(got, want); d != "" {
				t.Errorf("after %s, with a %s cache: %s", s.name, cache, d)
			}
		}
		check("warm")
		if err := os.RemoveAll(cacheDir); err != nil {
			t.Fatal(err)
		}
		check("deleted")
		for _, kind := range []string{"redlines", "analyses"} {
			if entries, _ := filepath.Glob(filepath.Join(cacheDir, kind, "??", "*")); len(entries) == 0 {
				t.Fatalf("after %s: the build kept no %s in the cache", s.name, kind)
			}
		}
		if damageCache(t, cacheDir) == 0 {
			t.Fatal("no cache entries to damage")
		}
		check("damaged")
	}
}

// treeDiff names the first files in which got and want differ, or is "".
func treeDiff(got, want map[string][]byte) string {
	var diffs []string
	for name, data := range want {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, name+" is missing")
		case !bytes.Equal(g, data):
			diffs = append(diffs, name+" differs")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, name+" is extra")
		}
	}
	if len(diffs) == 0 {
		return ""
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], "…")
	}
	return strings.Join(diffs, "; ")
}
