package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite"
	"policysite/internal/testfs"
)

// germanForEnglish makes the English of the site at root German, a
// language the built-in theme lacks: its editions, pages, sums and
// settings, and an i18n/de.toml that is the theme's English file, the
// site's own and only file for the language. Only in such a language can
// a site's strings lack a message, since the theme's fill in every other
// language's.
func germanForEnglish(t *testing.T, root string) {
	t.Helper()
	for _, dir := range []string{"versions", "content"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".en.md") {
				return err
			}
			return os.Rename(path, strings.TrimSuffix(path, ".en.md")+".de.md")
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	replace := func(rel, old, new string) {
		path := filepath.Join(root, rel)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s holds no %q", rel, old)
		}
		testfs.WriteFile(t, path, bytes.ReplaceAll(data, []byte(old), []byte(new)))
	}
	replace("versions/versions.sum", ".en.md ", ".de.md ")
	replace("policysite.toml", `code = "en"`, `code = "de"`)
	en, err := fs.ReadFile(policysite.Theme(), "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, filepath.Join(root, "i18n", "de.toml"), en)
}
