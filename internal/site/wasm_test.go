package site

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
	"policysite/internal/testfs"
)

// CopyWasmSources is copyWasmSources for the site_test package.
var CopyWasmSources = copyWasmSources

// copyWasmSources copies into dst what compiling wasmPkg needs from this
// repository: go.mod, go.sum and the Go files of every package of the
// module it is made of. It skips the test when go is not on PATH.
func copyWasmSources(t *testing.T, dst string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: the WebAssembly build cannot be tested")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out, err := goOutput(context.Background(), goBin, repo, "list", "-deps",
		"-f", `{{if and .Module .Module.Main}}{{.Dir}}{{end}}`, "./"+wasmPkg)
	if err != nil {
		t.Fatal(err)
	}
	copyFile := func(rel string) {
		data, err := os.ReadFile(filepath.Join(repo, rel))
		if err != nil {
			t.Fatal(err)
		}
		testfs.WriteFile(t, filepath.Join(dst, rel), data)
	}
	copyFile("go.mod")
	copyFile("go.sum")
	for _, dir := range strings.Fields(out) {
		rel, err := filepath.Rel(repo, dir)
		if err != nil {
			t.Fatal(err)
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				copyFile(filepath.Join(rel, filepath.Base(f)))
			}
		}
	}
}

// TestWasmIsReproducibleAndCached: two compiles of the same sources give
// the same bytes, and a repeated build takes the module from the cache
// instead of compiling.
func TestWasmIsReproducibleAndCached(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles twice; skipped with -short")
	}
	root := t.TempDir()
	copyWasmSources(t, root)
	ctx := context.Background()
	cacheA, cacheB := t.TempDir(), t.TempDir()
	a, err := buildWasm(ctx, root, cacheA)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(a.wasm, []byte("\x00asm")) {
		t.Fatalf("redline.wasm is not WebAssembly: % x", a.wasm[:min(8, len(a.wasm))])
	}
	if !bytes.Contains(a.execJS, []byte("globalThis.Go = class")) {
		t.Error("wasm_exec.js does not define Go")
	}
	// Another folder, an empty cache and an empty Go build cache: a
	// compile from scratch.
	other := t.TempDir()
	copyWasmSources(t, other)
	t.Setenv("GOCACHE", t.TempDir())
	b, err := buildWasm(ctx, other, cacheB)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.wasm, b.wasm) {
		t.Errorf("two compiles of the same sources differ: %d and %d bytes", len(a.wasm), len(b.wasm))
	}

	cached, err := filepath.Glob(filepath.Join(cacheA, "*.wasm"))
	if err != nil || len(cached) != 1 {
		t.Fatalf("cache holds %v (%v), want one module", cached, err)
	}
	// A marked cache entry shows whether the next build reads it.
	if err := os.WriteFile(cached[0], []byte("\x00asm cached"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := buildWasm(ctx, root, cacheA)
	if err != nil {
		t.Fatal(err)
	}
	if string(c.wasm) != "\x00asm cached" {
		t.Error("a repeated build compiled again instead of using the cache")
	}

	// A module unused for long goes when another is compiled; a recent
	// one stays.
	stale, recent := filepath.Join(cacheB, "stale.wasm"), filepath.Join(cacheB, "recent.wasm")
	testfs.WriteFile(t, stale, []byte("\x00asm"))
	testfs.WriteFile(t, recent, []byte("\x00asm"))
	long := time.Now().Add(-wasmCacheTTL - time.Hour)
	if err := os.Chtimes(stale, long, long); err != nil {
		t.Fatal(err)
	}
	trimCache(cacheB, "")
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale module stayed in the cache")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Error("a recent module left the cache")
	}
}

// TestWasmCacheKey: the key follows every source the module is made of and
// nothing else, so a stale module is never served and a moved repository
// still hits the cache.
func TestWasmCacheKey(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	ctx := context.Background()
	key := func(root string) string {
		t.Helper()
		k, err := wasmKey(ctx, goBin, root, "go1.test")
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	root, moved := t.TempDir(), t.TempDir()
	copyWasmSources(t, root)
	copyWasmSources(t, moved)
	base := key(root)
	if key(moved) != base {
		t.Error("the key depends on where the repository is")
	}
	if k, _ := wasmKey(ctx, goBin, root, "go1.other"); k == base {
		t.Error("the key ignores the Go version")
	}
	appendTo := func(rel, s string) {
		t.Helper()
		path := filepath.Join(root, filepath.FromSlash(rel))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(data, s...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prev := base
	for _, rel := range []string{"internal/redline/render.go", "internal/redline/wasm/main.go", "internal/clause/clause.go", "go.sum"} {
		if rel == "go.sum" {
			appendTo(rel, "example.com/x v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")
		} else {
			appendTo(rel, "\n// changed\n")
		}
		k := key(root)
		if k == prev {
			t.Errorf("the key ignores a change to %s", rel)
		}
		prev = k
	}
	// A test file is not part of the module.
	testfs.WriteFile(t, filepath.Join(root, "internal/redline/extra_test.go"), []byte("package redline\n"))
	if key(root) != prev {
		t.Error("the key changed with a test file")
	}
}

func TestNoWasmSourceIsNoWarning(t *testing.T) {
	_, err := buildWasm(context.Background(), t.TempDir(), t.TempDir())
	if err != errNoWasmSource {
		t.Errorf("err = %v, want errNoWasmSource", err)
	}
}

// TestPluralSamples: one whole number per category, each in its category.
func TestPluralSamples(t *testing.T) {
	for lang, want := range map[string]map[string]int{
		"ru": {"one": 1, "few": 2, "many": 0},
		"en": {"one": 1, "other": 0},
	} {
		got := pluralSamples(policy.Lang(lang))
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", lang, got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %d, want %d", lang, k, got[k], v)
			}
		}
	}
}
