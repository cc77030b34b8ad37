package build

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

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

// goWatch is a Progress that, when the editions start being read, waits
// for the stand-in go command of TestModuleIsMadeWhileEditionsAreRead to
// have run.
type goWatch struct {
	mark string
	ran  bool
}

func (w *goWatch) Phase(name string, total int) {
	if name != "reading editions" {
		return
	}
	// The build waits here, so the command can only have run if the
	// module was started before the editions were read. A build that
	// started it later would keep the test here until the deadline.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(w.mark); err == nil {
			w.ran = true
			return
		}
	}
}

func (w *goWatch) Done(int) {}

// standInGo makes the repository at root one whose build compiles the
// comparison's module (its main.go is all the build looks for), and puts
// first on PATH a go command that runs script, a shell script, instead;
// sleep stays on PATH for it.
func standInGo(t *testing.T, root, script string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in go command is a shell script")
	}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command for the stand-in go")
	}
	testfs.WriteFile(t, filepath.Join(root, "internal/redline/wasm/main.go"), []byte("package main\n"))
	bin := t.TempDir()
	testfs.WriteFile(t, filepath.Join(bin, "go"), []byte("#!/bin/sh\n"+script))
	if err := os.Chmod(filepath.Join(bin, "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(filepath.ListSeparator)+filepath.Dir(sleep))
}

// TestModuleIsMadeWhileEditionsAreRead: the in-browser comparison's module
// waits on the go command, which on a fresh CI machine compiles for
// seconds; the build starts it before it reads the editions, and uses
// what it made.
func TestModuleIsMadeWhileEditionsAreRead(t *testing.T) {
	root := sample(t)
	mark := filepath.Join(t.TempDir(), "go-ran")
	standInGo(t, root, ": >\"$POLICYSITE_TEST_GO_RAN\"\necho 'the stand-in go' >&2\nexit 1\n")
	t.Setenv("POLICYSITE_TEST_GO_RAN", mark)
	w := &goWatch{mark: mark}
	rep, err := Run(context.Background(), Options{Source: root, Out: filepath.Join(t.TempDir(), "public"), Now: now, Progress: w})
	if err != nil {
		t.Fatal(err)
	}
	if !w.ran {
		t.Error("the go command had not run when the editions started being read")
	}
	used := false
	for _, m := range rep.Result.Messages {
		used = used || strings.Contains(m.Text, "the in-browser comparison of any two editions is left out: go env: the stand-in go")
	}
	if !used {
		t.Errorf("the build did not report what the module's go command said: %v", rep.Result.Messages)
	}
}

// TestWaitForTheModuleIsAStepOfTheProgress: a build that reaches the
// compare pages before the module is made (a first build on a machine
// that has not compiled Go before) says so, then goes back to preparing
// pages.
func TestWaitForTheModuleIsAStepOfTheProgress(t *testing.T) {
	root := sample(t)
	release := filepath.Join(t.TempDir(), "release")
	// The stand-in go waits until the build says it waits for it (or 30 s).
	standInGo(t, root, "i=0\nwhile [ ! -e \"$POLICYSITE_TEST_RELEASE\" ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done\necho 'the stand-in go' >&2\nexit 1\n")
	t.Setenv("POLICYSITE_TEST_RELEASE", release)
	p := &releasing{phases: phases{totals: map[string]int{}, done: map[string]int{}}, release: release}
	if _, err := Run(context.Background(), Options{Source: root, Out: filepath.Join(t.TempDir(), "public"), Now: now, Progress: p}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(p.names, ", ")
	if want := "preparing pages, compiling the comparison, preparing pages, rendering pages"; !strings.Contains(got, want) {
		t.Errorf("phases = %s, want them to include %s", got, want)
	}
}

// releasing records the phases, and lets the stand-in go command finish
// once the build says it waits for it.
type releasing struct {
	phases
	release string
}

func (r *releasing) Phase(name string, total int) {
	r.phases.Phase(name, total)
	if name == "compiling the comparison" {
		if err := os.WriteFile(r.release, nil, 0o644); err != nil {
			panic(err)
		}
	}
}
