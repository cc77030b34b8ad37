package modsum

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"policysite/internal/testfs"
)

// copyInputs copies into dst the files the module is compiled from, as
// Inputs lists them in this repository, and returns the go command.
func copyInputs(t *testing.T, dst string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: the sources of the module cannot be listed")
	}
	repo, err := filepath.Abs("../../../../..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Inputs(context.Background(), goBin, repo, Env(""))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		testfs.WriteFile(t, filepath.Join(dst, filepath.FromSlash(f)), data)
	}
	return goBin
}

// TestInputsSumFollowsEverySource: the sum follows every source the module
// is made of and nothing else, so that a stale module is always seen, and
// the same sources give the same sum wherever the repository is.
func TestInputsSumFollowsEverySource(t *testing.T) {
	root, moved := t.TempDir(), t.TempDir()
	goBin := copyInputs(t, root)
	copyInputs(t, moved)
	sum := func(root string) string {
		t.Helper()
		files, err := Inputs(context.Background(), goBin, root, Env(""))
		if err != nil {
			t.Fatal(err)
		}
		_, s, err := Hash(root, files)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	prev := sum(root)
	if sum(moved) != prev {
		t.Error("the sum depends on where the repository is")
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
	for _, rel := range []string{"internal/redline/redline.go", "internal/redline/render.go", "internal/redline/wasm/main.go", "internal/clause/clausetext/clausetext.go", "go.sum"} {
		if rel == "go.sum" {
			appendTo(rel, "example.com/x v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")
		} else {
			appendTo(rel, "\n// changed\n")
		}
		s := sum(root)
		if s == prev {
			t.Errorf("the sum ignores a change to %s", rel)
		}
		prev = s
	}
	// A new file of the package is compiled in; a test file is not.
	testfs.WriteFile(t, filepath.Join(root, "internal/redline/extra.go"), []byte("package redline\n"))
	if s := sum(root); s == prev {
		t.Error("the sum ignores a new file of internal/redline")
	} else {
		prev = s
	}
	testfs.WriteFile(t, filepath.Join(root, "internal/redline/extra_test.go"), []byte("package redline\n"))
	if sum(root) != prev {
		t.Error("the sum changed with a test file")
	}
}

func TestRecordRoundTrips(t *testing.T) {
	rec := &Record{
		Go:        "go1.26.8",
		Inputs:    []File{{Path: "go.mod", Sum: Sum([]byte("a"))}, {Path: "internal/redline/redline.go", Sum: Sum([]byte("b"))}},
		InputsSum: Sum([]byte("c")),
		Outputs:   []File{{Path: WasmFile, Sum: Sum([]byte("d"))}, {Path: ExecJSFile, Sum: Sum([]byte("e"))}},
	}
	got, err := Parse(rec.Format())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rec) {
		t.Errorf("Parse(Format(r)) = %+v, want %+v", got, rec)
	}
	if got.Output(WasmFile) != Sum([]byte("d")) || got.Output("other") != "" {
		t.Error("Output does not find the recorded sums")
	}
	for _, bad := range []string{"", "go go1.26.8\n", "go go1.26.8\ninputs x\nstray\n"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) accepted it", bad)
		}
	}
}
