package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spf13/afero"

	"policysite/internal/testfs"
)

// newPrev returns a previous output with an index.html and files.
func newPrev(t *testing.T, files map[string]string) string {
	t.Helper()
	prev := filepath.Join(t.TempDir(), "public")
	testfs.WriteFile(t, filepath.Join(prev, "index.html"), []byte("<p>home</p>"))
	for rel, data := range files {
		testfs.WriteFile(t, filepath.Join(prev, filepath.FromSlash(rel)), []byte(data))
	}
	return prev
}

func readString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	ia, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	ib, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	return os.SameFile(ia, ib)
}

// TestOutputLinksOnlyTheSameBytes: create links a file from the previous
// output when, and only when, its bytes are the same there.
func TestOutputLinksOnlyTheSameBytes(t *testing.T) {
	prev := newPrev(t, map[string]string{
		"a/same.json":   "same",
		"a/longer.json": "same, and more",
		"a/other.json":  "othr",
	})
	tests := []struct {
		rel  string
		data string
		link bool
	}{
		{"a/same.json", "same", true},
		{"a/longer.json", "same", false},
		{"a/other.json", "same", false},
		{"a/new.json", "same", false},
	}
	o := newOutput(filepath.Join(t.TempDir(), "tmp"), prev, "")
	for _, tc := range tests {
		if err := o.create(tc.rel, []byte(tc.data)); err != nil {
			t.Fatal(err)
		}
		path := o.path(tc.rel)
		if got := readString(t, path); got != tc.data {
			t.Errorf("%s holds %q, want %q", tc.rel, got, tc.data)
		}
		old := filepath.Join(prev, filepath.FromSlash(tc.rel))
		if _, err := os.Stat(old); err == nil && sameFile(t, path, old) != tc.link {
			t.Errorf("%s: linked = %v, want %v", tc.rel, !tc.link, tc.link)
		}
	}
	if n := o.reused.Load(); n != 1 {
		t.Errorf("reused = %d, want 1", n)
	}
	if err := o.create("a/same.json", []byte("same")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("creating a file twice: err = %v, want fs.ErrExist", err)
	}
}

// TestNothingWritesThroughALink: every way the build writes a file that
// may be linked from the previous output leaves the previous output as it
// was.
func TestNothingWritesThroughALink(t *testing.T) {
	tests := []struct {
		name  string
		write func(o *output, path string) error
		want  string // the new output's file
	}{
		{"replace", func(o *output, _ string) error { return o.replace("f.txt", []byte("new")) }, "new"},
		{"Hugo creates", func(_ *output, path string) error {
			return afero.WriteFile(publishFs{Fs: afero.NewOsFs()}, path, []byte("new"), 0o644)
		}, "new"},
		{"Hugo appends", func(_ *output, path string) error {
			f, err := publishFs{Fs: afero.NewOsFs()}.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o644)
			if err != nil {
				return err
			}
			if _, err := f.WriteString(" and new"); err != nil {
				return err
			}
			return f.Close()
		}, "old and new"},
		{"Hugo opens for writing in place", func(_ *output, path string) error {
			f, err := publishFs{Fs: afero.NewOsFs()}.OpenFile(path, os.O_RDWR, 0o644)
			if err != nil {
				return err
			}
			if _, err := f.WriteString("N"); err != nil {
				return err
			}
			return f.Close()
		}, "Nld"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prev := newPrev(t, map[string]string{"f.txt": "old"})
			o := newOutput(filepath.Join(t.TempDir(), "tmp"), prev, "")
			if err := o.create("f.txt", []byte("old")); err != nil {
				t.Fatal(err)
			}
			if !sameFile(t, o.path("f.txt"), filepath.Join(prev, "f.txt")) {
				t.Fatal("the file was not linked")
			}
			if err := tc.write(o, o.path("f.txt")); err != nil {
				t.Fatal(err)
			}
			if got := readString(t, o.path("f.txt")); got != tc.want {
				t.Errorf("the new output's file holds %q, want %q", got, tc.want)
			}
			if got := readString(t, filepath.Join(prev, "f.txt")); got != "old" {
				t.Errorf("the previous output's file holds %q, want %q", got, "old")
			}
		})
	}
	t.Run("Hugo creates exclusively", func(t *testing.T) {
		prev := newPrev(t, map[string]string{"f.txt": "old"})
		o := newOutput(filepath.Join(t.TempDir(), "tmp"), prev, "")
		if err := o.create("f.txt", []byte("old")); err != nil {
			t.Fatal(err)
		}
		_, err := publishFs{Fs: afero.NewOsFs()}.OpenFile(o.path("f.txt"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			t.Errorf("err = %v, want fs.ErrExist", err)
		}
	})
}

// TestOutputMemo: a file made from a key is linked, without being made,
// by the next build over the output that gives the same key, and made
// again when the key or the file has changed.
func TestOutputMemo(t *testing.T) {
	cache := t.TempDir()
	final := filepath.Join(t.TempDir(), "public")
	// build makes an output of the files, keyed, and puts it at final; it
	// returns which files it had to make.
	build := func(files map[string]string) map[string]bool {
		t.Helper()
		tmp := final + ".tmp"
		o := newOutput(tmp, final, cache)
		made := map[string]bool{}
		for rel, key := range files {
			err := o.emit(rel, key, func() ([]byte, error) {
				made[rel] = true
				return []byte("made from " + key), nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := o.create("index.html", []byte("home")); err != nil {
			t.Fatal(err)
		}
		o.saveMemo()
		if err := os.RemoveAll(final); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, final); err != nil {
			t.Fatal(err)
		}
		return made
	}
	tests := []struct {
		name   string
		before func()
		files  map[string]string
		made   []string
	}{
		{"first", nil, map[string]string{"a.json": "k1", "b.json": "k2", "c.json": ""}, []string{"a.json", "b.json", "c.json"}},
		{"same keys", nil, map[string]string{"a.json": "k1", "b.json": "k2", "c.json": ""}, []string{"c.json"}},
		{"a key changed", nil, map[string]string{"a.json": "k1", "b.json": "k3", "c.json": ""}, []string{"b.json", "c.json"}},
		{"a file edited", func() {
			testfs.WriteFile(t, filepath.Join(final, "a.json"), []byte("edited by hand"))
		}, map[string]string{"a.json": "k1", "b.json": "k3"}, []string{"a.json"}},
		{"a file touched", func() {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(final, "b.json"), later, later); err != nil {
				t.Fatal(err)
			}
		}, map[string]string{"a.json": "k1", "b.json": "k3"}, []string{"b.json"}},
		{"the memo damaged", func() {
			entries, _ := filepath.Glob(filepath.Join(cache, "outputs", "??", "*"))
			if len(entries) != 1 {
				t.Fatalf("%d memos in the cache, want 1", len(entries))
			}
			testfs.WriteFile(t, entries[0], []byte("damaged"))
		}, map[string]string{"a.json": "k1", "b.json": "k3"}, []string{"a.json", "b.json"}},
	}
	for _, tc := range tests {
		if tc.before != nil {
			tc.before()
		}
		made := build(tc.files)
		for rel, key := range tc.files {
			want := false
			for _, m := range tc.made {
				want = want || m == rel
			}
			if made[rel] != want {
				t.Errorf("%s: %s made = %v, want %v", tc.name, rel, made[rel], want)
			}
			if got := readString(t, filepath.Join(final, rel)); got != "made from "+key {
				t.Errorf("%s: %s holds %q", tc.name, rel, got)
			}
		}
	}
}
