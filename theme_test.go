package policysite

import (
	"io/fs"
	"os"
	"testing"
)

// TestThemeIsTheRepositorysFolders: the binary carries every file of the
// repository's layouts/, i18n/ and assets/ that the renderer copies (not
// hidden), the folders starting with "_" included, byte for byte.
func TestThemeIsTheRepositorysFolders(t *testing.T) {
	repo := os.DirFS(".")
	n := 0
	for _, dir := range []string{"layouts", "i18n", "assets"} {
		err := fs.WalkDir(repo, dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name()[0] == '.' {
				return err
			}
			want, err := fs.ReadFile(repo, path)
			if err != nil {
				return err
			}
			got, err := fs.ReadFile(Theme(), path)
			if err != nil {
				t.Errorf("the theme lacks %s: %v", path, err)
				return nil
			}
			if string(got) != string(want) {
				t.Errorf("the theme's %s differs from the repository's", path)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{"layouts/baseof.html", "layouts/_partials/brand-footer.html", "layouts/_markup/render-link.html", "i18n/en.toml", "assets/css/site.css"} {
		if _, err := fs.Stat(Theme(), path); err != nil {
			t.Errorf("the theme lacks %s: %v", path, err)
		}
	}
	if n == 0 {
		t.Error("no file compared")
	}
}
