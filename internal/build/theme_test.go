package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"policysite"
	"policysite/internal/testfs"
)

// bareSite writes testdata/bare.txtar, a repository of versions/,
// content/ and policysite.toml only, into a temporary folder.
func bareSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	ar, err := txtar.ParseFile("testdata/bare.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(f.Name)), f.Data)
	}
	testfs.RecordDir(t, root)
	return root
}

// copyTheme writes every file of the built-in theme into root, at its
// path, as a site that kept the theme's files would hold them.
func copyTheme(t *testing.T, root string) {
	t.Helper()
	err := fs.WalkDir(policysite.Theme(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(policysite.Theme(), path)
		testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(path)), data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// buildTree builds root and returns its output.
func buildTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	return testfs.Tree(t, out)
}

// TestABareSiteBuildsWithTheTheme: a site repository of versions/,
// content/ and policysite.toml alone builds every kind of page, each with
// the theme's stylesheet, byte for byte as the same site holding a copy
// of the theme's files does.
func TestABareSiteBuildsWithTheTheme(t *testing.T) {
	bare := bareSite(t)
	for _, d := range []string{"layouts", "i18n", "assets"} {
		if _, err := os.Stat(filepath.Join(bare, d)); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("the bare site has %s/", d)
		}
	}
	got := buildTree(t, bare)
	kinds := map[string][]string{}
	css := ""
	for name := range got {
		if strings.HasPrefix(name, "css/site.min.") {
			css = "/" + name
		}
	}
	if css == "" {
		t.Fatal("no stylesheet published")
	}
	for name, data := range got {
		m := kindRE.FindSubmatch(data)
		if m == nil {
			continue
		}
		kinds[string(m[1])] = append(kinds[string(m[1])], name)
		if !bytes.Contains(data, []byte(css)) {
			t.Errorf("%s does not link the theme's stylesheet %s", name, css)
		}
	}
	for _, kind := range []string{"language-choice", "home", "page", "404", "policy", "edition", "changes", "compare-any"} {
		if len(kinds[kind]) == 0 {
			t.Errorf("no page of kind %s; the kinds are %v", kind, slices.Sorted(maps.Keys(kinds)))
		}
	}
	if !slices.ContainsFunc(slices.Collect(maps.Keys(got)), func(n string) bool { return strings.HasPrefix(n, "js/compare.min.") }) {
		t.Error("the theme's script for comparisons is not published")
	}

	full := bareSite(t)
	copyTheme(t, full)
	if d := treeDiff(got, buildTree(t, full)); d != "" {
		t.Errorf("the bare site against the same site with the theme's files: %s", d)
	}
}

// kindRE finds a page's kind, which baseof.html writes as its body's class.
var kindRE = regexp.MustCompile(`<body class="kind-([a-z0-9-]+)"`)

// TestOverridingOnePartialAndOneString: a site's partial at the theme's
// path replaces the theme's, and a site's i18n/en.toml holding one message
// replaces that message only, on the pages Hugo renders and in what Go
// writes (the feeds). Undoing the change in the output gives the theme's
// output back byte for byte, so nothing else changed.
func TestOverridingOnePartialAndOneString(t *testing.T) {
	base := buildTree(t, bareSite(t))
	const (
		footer    = `<p class="contact">Write to legal@example.com</p>`
		theirs    = "What changed since the previous edition"
		ours      = "Changes against the edition before"
		enStrings = "[see_changes]\nother = \"" + ours + "\"\n"
	)
	for _, tc := range []struct {
		name       string
		file, data string
		old, new   string
		// in are files that must show the change.
		in []string
	}{
		{"a partial", "layouts/_partials/brand-footer.html", footer, "", footer,
			[]string{"ru/index.html", "en/404.html", "en/privacy/2026-02-01/index.html", "ru/privacy/compare/index.html"}},
		{"a message", "i18n/en.toml", enStrings, theirs, ours,
			[]string{"en/privacy/2026-02-01/index.html", "en/privacy/index.xml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := bareSite(t)
			testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(tc.file)), []byte(tc.data))
			got := buildTree(t, root)
			for _, name := range tc.in {
				if !bytes.Contains(got[name], []byte(tc.new)) {
					t.Errorf("%s does not show %q", name, tc.new)
				}
			}
			changed := 0
			undone := map[string][]byte{}
			for name, data := range got {
				if strings.HasPrefix(name, "ru/") && bytes.Contains(data, []byte(ours)) {
					t.Errorf("%s, in Russian, shows the English message", name)
				}
				undone[name] = undo(data, tc.old, tc.new)
				if !bytes.Equal(data, base[name]) {
					changed++
				}
			}
			if changed == 0 {
				t.Fatal("the output did not change")
			}
			if d := treeDiff(undone, base); d != "" {
				t.Errorf("with %q undone, the output differs from the theme's: %s", tc.new, d)
			}
		})
	}
}

// undo replaces new with old in data; an empty old removes new.
func undo(data []byte, old, new string) []byte {
	return bytes.ReplaceAll(data, []byte(new), []byte(old))
}

// TestLinksOutOfTheRepositoryStayRefused: read over the theme, the
// repository's symbolic links are still seen as links and refused, in a
// folder the theme has too (layouts/_partials) as in one it lacks
// (versions/).
func TestLinksOutOfTheRepositoryStayRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.html")
	testfs.WriteFile(t, outside, []byte("secret"))
	for _, tc := range []struct{ link, want string }{
		{"layouts/_partials/brand-footer.html", "layouts/_partials/brand-footer.html: a symbolic link: layouts/ holds files, not links"},
		{"versions/privacy/2027-01-01.en.md", "symbolic link leads outside the repository"},
	} {
		t.Run(tc.link, func(t *testing.T) {
			root := bareSite(t)
			link := filepath.Join(root, filepath.FromSlash(tc.link))
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, link); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			out := filepath.Join(t.TempDir(), "public")
			_, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: t.TempDir()})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the refused build wrote %s", out)
			}
		})
	}
}
