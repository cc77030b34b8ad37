package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"policysite/internal/testfs"
)

// TestCacheChangesNoByte builds the sample with a cold cache, a warm one, a
// deleted one and one whose entries (the packs of redlines, analyses and
// pages, and the output memo) are all damaged: every output tree is the same, byte for byte. Then, with the
// warm cache, after a new edition: the same bytes as a build without it.
func TestCacheChangesNoByte(t *testing.T) {
	root := sample(t)
	cache := filepath.Join(t.TempDir(), "cache")
	outs := t.TempDir()
	n := 0
	buildWith := func(cache string) map[string][]byte {
		t.Helper()
		n++
		out := filepath.Join(outs, "public", string(rune('a'+n)))
		if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: cache}); err != nil {
			t.Fatal(err)
		}
		return testfs.Tree(t, out)
	}
	buildTree := func() map[string][]byte { return buildWith(cache) }
	cold := buildTree()
	for _, kind := range []string{"redlines", "analyses", "pages"} {
		if packs, _ := filepath.Glob(filepath.Join(cache, kind, "*.pack")); len(packs) == 0 {
			t.Fatalf("the build wrote no %s to the cache", kind)
		}
	}
	steps := []struct {
		name   string
		before func()
	}{
		{"warm", func() {}},
		{"deleted", func() {
			if err := os.RemoveAll(cache); err != nil {
				t.Fatal(err)
			}
		}},
		{"damaged", func() {
			packs, _ := filepath.Glob(filepath.Join(cache, "*", "*.pack"))
			memos, _ := filepath.Glob(filepath.Join(cache, "outputs", "??", "*"))
			for _, f := range append(packs, memos...) {
				if err := os.WriteFile(f, []byte("damaged"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}},
	}
	for _, s := range steps {
		s.before()
		got := buildTree()
		if len(got) != len(cold) {
			t.Fatalf("%s cache: %d files, want %d", s.name, len(got), len(cold))
		}
		for name, data := range cold {
			if !bytes.Equal(data, got[name]) {
				t.Errorf("%s cache: %s differs", s.name, name)
			}
		}
	}

	buildTree() // the cache is warm again
	addEdition(t, root)
	want := buildWith(filepath.Join(t.TempDir(), "empty"))
	got := buildTree()
	if len(got) != len(want) || len(got) == len(cold) {
		t.Fatalf("after a new edition: %d files, want %d (and not %d)", len(got), len(want), len(cold))
	}
	for name, data := range want {
		if !bytes.Equal(data, got[name]) {
			t.Errorf("after a new edition with a warm cache: %s differs", name)
		}
	}
}

// phases records the phases a build reports.
type phases struct {
	mu     sync.Mutex
	names  []string
	totals map[string]int
	done   map[string]int
	cur    string
}

func (p *phases) Phase(name string, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.names = append(p.names, name)
	p.totals[name] = total
	p.cur = name
}

func (p *phases) Done(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done[p.cur] += n
}

func TestBuildReportsProgress(t *testing.T) {
	root := sample(t)
	p := &phases{totals: map[string]int{}, done: map[string]int{}}
	rep, err := Run(context.Background(), Options{Source: root, Out: filepath.Join(t.TempDir(), "public"), Now: now,
		CacheDir: t.TempDir(), Progress: p})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.names) == 0 || p.names[0] != "reading editions" {
		t.Errorf("phases = %q, want reading editions first", p.names)
	}
	// With an empty cache, Hugo renders every edition and redline page.
	for name, want := range map[string]int{"redlines": rep.Result.Redlines, "rendering pages": rep.Result.Editions + rep.Result.Redlines} {
		if p.totals[name] != want || p.done[name] != want {
			t.Errorf("%s: %d of %d done, want %d", name, p.done[name], p.totals[name], want)
		}
	}
}
