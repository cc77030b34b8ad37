package wasmmodule

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/redline/wasmmodule/internal/modsum"
	"policysite/internal/testfs"
)

// repo is the module root, from this package's folder.
const repo = "../../.."

// goCommand returns the go command, or skips the test without one.
func goCommand(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: the sources of the module cannot be listed")
	}
	return goBin
}

// record reads the shipped module.sum.
func record(t *testing.T) *modsum.Record {
	t.Helper()
	data, err := os.ReadFile(modsum.SumFile)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := modsum.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestShippedModuleIsCurrent: the sources the module is compiled from are
// those it was generated from, so the site never ships a comparison that
// differs from its pre-rendered redlines.
func TestShippedModuleIsCurrent(t *testing.T) {
	goBin := goCommand(t)
	root, err := filepath.Abs(repo)
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := modsum.Inputs(context.Background(), goBin, root, modsum.Env(""))
	if err != nil {
		t.Fatal(err)
	}
	files, sum, err := modsum.Hash(root, inputs)
	if err != nil {
		t.Fatal(err)
	}
	rec := record(t)
	if sum == rec.InputsSum {
		return
	}
	was := map[string]string{}
	for _, f := range rec.Inputs {
		was[f.Path] = f.Sum
	}
	var changed []string
	for _, f := range files {
		if was[f.Path] != f.Sum {
			changed = append(changed, f.Path)
		}
		delete(was, f.Path)
	}
	for p := range was {
		changed = append(changed, p+" (gone)")
	}
	t.Fatalf("internal/redline changed: run go generate ./internal/redline/wasmmodule (changed since: %s)", strings.Join(changed, ", "))
}

// TestEmbeddedModuleIsTheRecordedOne: the embedded files are WebAssembly
// and Go's loader, the very bytes module.sum records.
func TestEmbeddedModuleIsTheRecordedOne(t *testing.T) {
	if !bytes.HasPrefix(Module(), []byte("\x00asm\x01\x00\x00\x00")) {
		t.Errorf("redline.wasm is not a WebAssembly module: % x", Module()[:min(8, len(Module()))])
	}
	if !bytes.Contains(ExecJS(), []byte("globalThis.Go = class")) {
		t.Error("wasm_exec.js does not define Go")
	}
	rec := record(t)
	for name, data := range map[string][]byte{modsum.WasmFile: Module(), modsum.ExecJSFile: ExecJS()} {
		if got, want := modsum.Sum(data), rec.Output(name); got != want {
			t.Errorf("embedded %s has SHA-256 %s, module.sum records %q", name, got, want)
		}
	}
}

// TestGenerateIsReproducible: the generator, run in another folder with an
// empty Go build cache, writes the shipped bytes again.
func TestGenerateIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the module from scratch; skipped with -short")
	}
	goBin := goCommand(t)
	rec := record(t)
	ctx := context.Background()
	if v, err := modsum.Go(ctx, goBin, ".", os.Environ(), "env", "GOVERSION"); err != nil || strings.TrimSpace(v) != rec.Go {
		// The generator would fetch rec.Go; CI's module check runs it.
		t.Skipf("the go command is %q (%v), the module's Go is %s", strings.TrimSpace(v), err, rec.Go)
	}
	gen := filepath.Join(t.TempDir(), "gen")
	if _, err := modsum.Go(ctx, goBin, ".", os.Environ(), "build", "-o", gen, "./gen"); err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(repo)
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := modsum.Inputs(ctx, goBin, root, modsum.Env(""))
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	for _, f := range append(inputs, modsum.Dir+"/"+modsum.SumFile) {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		testfs.WriteFile(t, filepath.Join(other, filepath.FromSlash(f)), data)
	}
	cmd := exec.Command(gen)
	cmd.Dir = filepath.Join(other, filepath.FromSlash(modsum.Dir))
	cmd.Env = append(os.Environ(), "GOCACHE="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen: %v\n%s", err, out)
	}
	for _, name := range []string{modsum.WasmFile, modsum.ExecJSFile, modsum.SumFile} {
		shipped, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		again, err := os.ReadFile(filepath.Join(cmd.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(shipped, again) {
			t.Errorf("%s generated again differs from the shipped one: %d and %d bytes", name, len(again), len(shipped))
		}
	}
}
