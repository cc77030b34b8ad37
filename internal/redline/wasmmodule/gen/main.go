// Command gen compiles internal/redline/wasm to WebAssembly and writes the
// module, Go's loader for it (wasm_exec.js) and module.sum into
// internal/redline/wasmmodule, which embeds them in policysite. Run it
// through go generate:
//
//	go generate ./internal/redline/wasmmodule
//
// The same sources give the same bytes on every machine: the compile has
// no paths, build ID or version-control stamp in it, every variable of the
// environment that changes the output is pinned (see modsum.Env), and the
// Go version is pinned too. The pin is the version module.sum records:
// every go command the generator runs gets GOTOOLCHAIN set to it, so a
// machine with another Go has the go command fetch that exact toolchain
// through the module proxy (once, into the module cache) rather than
// compile different bytes. go.mod's go line cannot serve as the pin, since
// any newer Go satisfies it, and a toolchain line would switch every go
// command of the repository. To move to another Go, run
//
//	go run ./internal/redline/wasmmodule/gen -go go1.N.M
//
// which compiles with that version and records it. Files are rewritten
// only when their bytes change.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"policysite/internal/redline/wasmmodule/internal/modsum"
)

func main() {
	goVersion := flag.String("go", "", "the Go version to compile with and record, such as go1.26.8 (default: the one module.sum records)")
	flag.Parse()
	if err := generate(context.Background(), *goVersion); err != nil {
		fmt.Fprintln(os.Stderr, "wasmmodule/gen:", err)
		os.Exit(1)
	}
}

// generate writes the module, its loader and module.sum for the Go version
// goVersion, or the recorded one when goVersion is "".
func generate(ctx context.Context, goVersion string) error {
	start := time.Now()
	goBin, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("the go command is not on PATH: %w", err)
	}
	root, err := moduleRoot(ctx, goBin)
	if err != nil {
		return err
	}
	dir := filepath.Join(root, filepath.FromSlash(modsum.Dir))
	if goVersion == "" {
		if goVersion, err = recordedGo(ctx, goBin, dir); err != nil {
			return err
		}
	}
	env := modsum.Env(goVersion)
	goroot, err := checkToolchain(ctx, goBin, root, env, goVersion)
	if err != nil {
		return err
	}
	inputs, err := modsum.Inputs(ctx, goBin, root, env)
	if err != nil {
		return err
	}
	files, inputsSum, err := modsum.Hash(root, inputs)
	if err != nil {
		return err
	}
	wasm, err := compile(ctx, goBin, root, env)
	if err != nil {
		return err
	}
	execJS, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", modsum.ExecJSFile))
	if err != nil {
		return fmt.Errorf("read Go's %s: %w", modsum.ExecJSFile, err)
	}
	rec := &modsum.Record{Go: goVersion, Inputs: files, InputsSum: inputsSum, Outputs: []modsum.File{
		{Path: modsum.WasmFile, Sum: modsum.Sum(wasm)},
		{Path: modsum.ExecJSFile, Sum: modsum.Sum(execJS)},
	}}
	for _, f := range []struct {
		name string
		data []byte
	}{{modsum.WasmFile, wasm}, {modsum.ExecJSFile, execJS}, {modsum.SumFile, rec.Format()}} {
		if err := writeIfChanged(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "wasmmodule/gen: %s, %d bytes, with %s, in %.1f s\n",
		modsum.WasmFile, len(wasm), goVersion, time.Since(start).Seconds())
	return nil
}

// moduleRoot is the folder of the go.mod that the current folder is in.
func moduleRoot(ctx context.Context, goBin string) (string, error) {
	out, err := modsum.Go(ctx, goBin, ".", append(os.Environ(), "GOWORK=off"), "env", "GOMOD")
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(out)
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run from within policysite's module (go env GOMOD is %q)", gomod)
	}
	return filepath.Dir(gomod), nil
}

// recordedGo is the Go version module.sum in dir records, or the go
// command's own when there is no module.sum yet.
func recordedGo(ctx context.Context, goBin, dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, modsum.SumFile))
	if os.IsNotExist(err) {
		out, err := modsum.Go(ctx, goBin, dir, os.Environ(), "env", "GOVERSION")
		return strings.TrimSpace(out), err
	}
	if err != nil {
		return "", err
	}
	rec, err := modsum.Parse(data)
	if err != nil {
		return "", err
	}
	return rec.Go, nil
}

// checkToolchain makes sure that the go commands run with env are Go
// goVersion and see no GOWASM or GOEXPERIMENT (an empty variable does not
// override the user's go env file), and returns their GOROOT.
func checkToolchain(ctx context.Context, goBin, root string, env []string, goVersion string) (string, error) {
	out, err := modsum.Go(ctx, goBin, root, env, "env", "GOVERSION", "GOROOT", "GOWASM", "GOEXPERIMENT")
	if err != nil {
		return "", fmt.Errorf("run Go %s (GOTOOLCHAIN=%s): %w", goVersion, goVersion, err)
	}
	v := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(v) != 4 {
		return "", fmt.Errorf("go env: unexpected output %q", out)
	}
	if v[0] != goVersion {
		return "", fmt.Errorf("GOTOOLCHAIN=%s runs %s: the module must be compiled with %s", goVersion, v[0], goVersion)
	}
	for i, name := range []string{"GOWASM", "GOEXPERIMENT"} {
		if v[2+i] != "" {
			return "", fmt.Errorf("%s is %q in your go env file, which changes the compiled bytes: run go env -u %s", name, v[2+i], name)
		}
	}
	return v[1], nil
}

// compile runs go build into a temporary file and returns its bytes.
func compile(ctx context.Context, goBin, root string, env []string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "policysite-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, modsum.WasmFile)
	args := append(append([]string{}, modsum.BuildArgs...), "-o", out, "./"+modsum.Cmd)
	if _, err := modsum.Go(ctx, goBin, root, env, args...); err != nil {
		return nil, err
	}
	return os.ReadFile(out)
}

// writeIfChanged replaces path with data unless it holds data already,
// through a temporary file, so that an interrupted run leaves the old file
// or the new one.
func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
