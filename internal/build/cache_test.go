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

// TestRedlineCacheChangesNoByte builds the sample with a cold cache, a
// warm one, a deleted one and one whose entries are all damaged: every
// output tree is the same, byte for byte.
func TestRedlineCacheChangesNoByte(t *testing.T) {
	root := sample(t)
	cache := filepath.Join(t.TempDir(), "cache")
	outs := t.TempDir()
	n := 0
	buildTree := func() map[string][]byte {
		t.Helper()
		n++
		out := filepath.Join(outs, "public", string(rune('a'+n)))
		if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: cache}); err != nil {
			t.Fatal(err)
		}
		return testfs.Tree(t, out)
	}
	cold := buildTree()
	entries, _ := filepath.Glob(filepath.Join(cache, "redlines", "??", "*"))
	if len(entries) == 0 {
		t.Fatal("the build wrote no cache entries")
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
			for _, f := range entries {
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
	for _, name := range []string{"redlines", "writing redlines"} {
		if p.totals[name] != rep.Result.Redlines || p.done[name] != rep.Result.Redlines {
			t.Errorf("%s: %d of %d done, want %d", name, p.done[name], p.totals[name], rep.Result.Redlines)
		}
	}
}
