package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"policysite/internal/redline/wasmmodule"
	"policysite/internal/testfs"
)

// TestBuildNeverRunsGo: a build publishes the comparison's module that
// policysite embeds, with nothing to wait for, and never starts the go
// command, which a machine that builds sites need not have. The only go on
// PATH is a stand-in that leaves a mark when it runs.
func TestBuildNeverRunsGo(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in go command is a shell script")
	}
	root := sample(t)
	// The repository's own Go sources change nothing: the module is the
	// embedded one, not compiled from them.
	testfs.WriteFile(t, filepath.Join(root, "go.mod"), []byte("module policysite\n\ngo 1.26.0\n"))
	testfs.WriteFile(t, filepath.Join(root, "internal/redline/wasm/main.go"), []byte("//go:build js && wasm\n\npackage main\n\nfunc main() { undefined() }\n"))
	mark := filepath.Join(t.TempDir(), "go-ran")
	bin := t.TempDir()
	testfs.WriteFile(t, filepath.Join(bin, "go"), []byte("#!/bin/sh\n: >\""+mark+"\"\nexit 1\n"))
	if err := os.Chmod(filepath.Join(bin, "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)

	p := &phases{totals: map[string]int{}, done: map[string]int{}}
	out := filepath.Join(t.TempDir(), "public")
	rep, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: t.TempDir(), Progress: p})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(mark); err == nil {
		t.Error("the build ran the go command")
	}
	for _, m := range rep.Result.Messages {
		if strings.Contains(m.Text, "in-browser") {
			t.Errorf("warning: %s", m.Text)
		}
	}
	for name, want := range map[string][]byte{"redline/redline.wasm": wasmmodule.Module(), "redline/wasm_exec.js": wasmmodule.ExecJS()} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not the embedded one: %d bytes, want %d", name, len(got), len(want))
		}
	}
	// Nothing is waited for: no step but the build's own.
	if got, want := strings.Join(p.names, ", "), "reading editions, redlines, preparing pages, writing JSON and feeds, rendering pages"; got != want {
		t.Errorf("phases = %s, want %s", got, want)
	}
}
