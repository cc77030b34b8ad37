package outdir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestCreateNeverReplacesAFile(t *testing.T) {
	o := New(t.TempDir())
	if err := o.Create("a/b/page.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := o.Create("a/b/page.html", []byte("second")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("a second Create: %v, want fs.ErrExist", err)
	}
	data, err := os.ReadFile(filepath.Join(o.Root(), "a", "b", "page.html"))
	if err != nil || string(data) != "first" {
		t.Errorf("the file holds %q, %v; want the first bytes", data, err)
	}
	if err := o.Replace("a/b/page.html", []byte("replaced")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(o.Path("a/b/page.html")); string(data) != "replaced" {
		t.Errorf("after Replace the file holds %q", data)
	}
}

func TestPagesCountsEachHTMLFileOnce(t *testing.T) {
	o := New(t.TempDir())
	for _, rel := range []string{"index.html", "ru/index.html", "ru/feed.json", "x/404.html"} {
		if err := o.Create(rel, nil); err != nil {
			t.Fatal(err)
		}
	}
	o.Wrote(o.Path("index.html")) // Hugo's own report of the same file
	if n := o.Pages(); n != 3 {
		t.Errorf("Pages() = %d, want 3", n)
	}
}

func TestMadeNamesOnlyTheFilesCreateMade(t *testing.T) {
	o := New(t.TempDir())
	if err := o.Create("ru/p/index.json", nil); err != nil {
		t.Fatal(err)
	}
	o.Wrote(o.Path("ru/p/index.html")) // another writer's
	if !o.Made(o.Path("ru/p/index.json")) || o.Made(o.Path("ru/p/index.html")) || o.Made(o.Path("ru/p/other.json")) {
		t.Error("Made does not tell Create's files from the others")
	}
}
