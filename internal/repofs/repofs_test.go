package repofs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repo makes a repository with a file, a folder and whatever extra makes,
// next to a file outside it.
func repo(t *testing.T, extra func(root, outside string)) *FS {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "repo")
	outside := filepath.Join(base, "secret.txt")
	for name, data := range map[string]string{
		"repo/policysite.toml":                "base_url = \"https://x.example/\"\n",
		"repo/versions/privacy/2024-01-10.md": "text\n",
		"secret.txt":                          "not the site's\n",
	} {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if extra != nil {
		extra(root, outside)
	}
	return New(root)
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

func TestOpenReadsRegularFilesAndLinksInside(t *testing.T) {
	f := repo(t, func(root, _ string) {
		link(t, "policysite.toml", filepath.Join(root, "same.toml"))
		link(t, "versions/privacy", filepath.Join(root, "p"))
	})
	for _, name := range []string{"policysite.toml", "same.toml", "p/2024-01-10.md"} {
		if _, err := fs.ReadFile(f, name); err != nil {
			t.Errorf("ReadFile(%s): %v", name, err)
		}
	}
	entries, err := fs.ReadDir(f, "p")
	if err != nil || len(entries) != 1 {
		t.Errorf("ReadDir(p) = %v, %v; want the folder's one file", entries, err)
	}
}

func TestOpenRefusesLinksOutOfTheRepository(t *testing.T) {
	f := repo(t, func(root, outside string) {
		link(t, outside, filepath.Join(root, "absolute.toml"))
		link(t, "../secret.txt", filepath.Join(root, "relative.toml"))
		link(t, "..", filepath.Join(root, "up"))
		link(t, "versions/../../secret.txt", filepath.Join(root, "sly.toml"))
	})
	for _, name := range []string{"absolute.toml", "relative.toml", "up/secret.txt", "sly.toml"} {
		_, err := fs.ReadFile(f, name)
		if !errors.Is(err, ErrOutside) {
			t.Errorf("ReadFile(%s) = %v; want ErrOutside", name, err)
		}
		if _, err := fs.Stat(f, name); !errors.Is(err, ErrOutside) {
			t.Errorf("Stat(%s) = %v; want ErrOutside", name, err)
		}
	}
	if _, err := fs.ReadDir(f, "up"); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadDir(up) = %v; want ErrOutside", err)
	}
}

func TestMissingFilesAreNotExist(t *testing.T) {
	f := repo(t, func(root, _ string) { link(t, "gone.toml", filepath.Join(root, "broken.toml")) })
	if _, err := f.Open("none.toml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file = %v; want fs.ErrNotExist, so that the theme's file shows through", err)
	}
	if _, err := f.Open("broken.toml"); err == nil || !strings.Contains(err.Error(), "broken symbolic link") {
		t.Errorf("Open of a broken link = %v; want it called broken", err)
	}
}

func TestShownQuotesWhatCouldMisleadAReader(t *testing.T) {
	for in, want := range map[string]string{
		"versions/privacy/2024-01-10.ru.md": "versions/privacy/2024-01-10.ru.md",
		"политика/2024-01-10.ru.md":         "политика/2024-01-10.ru.md",
		"a\nb":                              `"a\nb"`,
		"evil\u202egpj.md":                  `"evil\u202egpj.md"`,
		"zero\u200bwidth":                   `"zero\u200bwidth"`,
		"\x1b]0;title\a":                    `"\x1b]0;title\a"`,
		"bad\xffutf8":                       `"bad\xffutf8"`,
	} {
		if got := Shown(in); got != want {
			t.Errorf("Shown(%q) = %s; want %s", in, got, want)
		}
	}
}
