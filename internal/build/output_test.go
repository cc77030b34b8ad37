package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/testfs"
)

// inodes returns the file of each path under dir, for os.SameFile.
func inodes(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	out := map[string]os.FileInfo{}
	for rel := range testfs.Tree(t, dir) {
		info, err := os.Stat(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		out[rel] = info
	}
	return out
}

// wantTree fails unless got and want hold the same files with the same
// bytes, and names those that differ.
func wantTree(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(data, got[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// TestRebuildLinksUnchangedFiles: a build over a previous output links the
// files that did not change instead of writing them, and its output is
// still byte for byte that of a build from nothing, also after a new
// edition and after a file of the output was edited by hand.
func TestRebuildLinksUnchangedFiles(t *testing.T) {
	root := sample(t)
	// An HTML file of the company's own, as a search engine's verification
	// asks for, counts among the pages too.
	testfs.WriteFile(t, filepath.Join(root, "static", "verify-a1b2.html"), []byte("verification: a1b2\n"))
	cache := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(t.TempDir(), "public")
	build := func() *Report {
		t.Helper()
		rep, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		// The build counts the pages it writes, whether it makes them,
		// takes them from the cache or links them from the previous
		// output, rather than reading the output back.
		html := 0
		for rel := range testfs.Tree(t, out) {
			if strings.HasSuffix(rel, ".html") {
				html++
			}
		}
		if rep.Result.Pages != html || html == 0 {
			t.Errorf("Result.Pages = %d, but the output has %d HTML files", rep.Result.Pages, html)
		}
		return rep
	}
	fresh := func() map[string][]byte {
		t.Helper()
		dir := filepath.Join(t.TempDir(), "public")
		if _, err := Run(context.Background(), Options{Source: root, Out: dir, Now: now, CacheDir: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
		return testfs.Tree(t, dir)
	}

	if rep := build(); rep.Result.Reused != 0 {
		t.Errorf("the first build reused %d files from nowhere", rep.Result.Reused)
	}
	first := inodes(t, out)
	rep := build()
	wantTree(t, "rebuild", testfs.Tree(t, out), fresh())
	// Every edition's page, JSON and text, and every redline's page and
	// JSON, is the previous build's file.
	kept := 0
	for rel, info := range inodes(t, out) {
		edition := strings.Count(filepath.ToSlash(rel), "/") >= 3 && !strings.Contains(rel, "compare")
		if edition && !os.SameFile(info, first[rel]) {
			t.Errorf("%s was written again, though nothing changed", rel)
		}
		if os.SameFile(info, first[rel]) {
			kept++
		}
	}
	if kept != rep.Result.Reused || kept == 0 {
		t.Errorf("%d files are the previous build's, Result.Reused = %d", kept, rep.Result.Reused)
	}

	// A file edited by hand in the output is made again.
	edited := filepath.Join(out, "en", "privacy", "2023-03-01", "index.json")
	orig, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, edited, bytes.Replace(orig, []byte(`"schema_version"`), []byte(`"schema_versioN"`), 1))
	// Even if the edit kept its modification time, the size differs.
	testfs.WriteFile(t, filepath.Join(out, "en", "privacy", "2023-03-01", "text.txt"), []byte("edited"))
	build()
	wantTree(t, "after a hand edit", testfs.Tree(t, out), fresh())

	// A new edition: only what it touches is written.
	addEdition(t, root)
	before := inodes(t, out)
	build()
	wantTree(t, "after a new edition", testfs.Tree(t, out), fresh())
	after := inodes(t, out)
	for _, rel := range []string{"ru/privacy/2023-03-01/index.json", "ru/privacy/2024-02-15/changes/index.html", "en/terms/2024-11-01/index.html"} {
		rel = filepath.FromSlash(rel)
		if !os.SameFile(after[rel], before[rel]) {
			t.Errorf("%s was written again after an edition of another policy or language", rel)
		}
	}
	if _, ok := before[filepath.FromSlash("ru/privacy/2026-02-01/index.json")]; ok {
		t.Fatal("the new edition was there before it was written")
	}
}

// TestLateFailureLeavesLinkedOutputUntouched: a build that fails after it
// has linked files of the previous output into its own leaves the previous
// output as it was, byte for byte and with its modification times.
func TestLateFailureLeavesLinkedOutputUntouched(t *testing.T) {
	root := sample(t)
	cache := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	before := testfs.Tree(t, out)
	times := map[string]time.Time{}
	for rel, info := range inodes(t, out) {
		times[rel] = info.ModTime()
	}
	// A static file where the build publishes an edition's JSON fails the
	// build only once pages, texts and redlines are in place.
	testfs.WriteFile(t, filepath.Join(root, "static", "ru", "privacy", "2024-02-15", "changes.json"), []byte("{}\n"))
	_, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: cache})
	if err == nil || !strings.Contains(err.Error(), "ru/privacy/2024-02-15/changes.json") {
		t.Fatalf("err = %v, want one naming ru/privacy/2024-02-15/changes.json", err)
	}
	wantTree(t, "after a failed build", testfs.Tree(t, out), before)
	for rel, info := range inodes(t, out) {
		if !info.ModTime().Equal(times[rel]) {
			t.Errorf("%s: modification time changed", rel)
		}
	}
	siblings, _ := os.ReadDir(filepath.Dir(out))
	if len(siblings) != 1 {
		t.Errorf("a failed build left %d entries beside the output", len(siblings))
	}
}
