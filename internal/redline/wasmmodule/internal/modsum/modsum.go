// Package modsum knows what the shipped WebAssembly module is made of: the
// environment its go commands run in, the source files it is compiled
// from, and module.sum, the record of both sums that the generator writes
// and the tests read. The policysite binary never imports it: only the
// generator and the tests run the go command.
package modsum

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Cmd is the command compiled to WebAssembly, relative to the module root.
const Cmd = "internal/redline/wasm"

// Dir is the package that ships the module, relative to the module root.
const Dir = "internal/redline/wasmmodule"

// The files of Dir that the generator writes.
const (
	WasmFile   = "redline.wasm"
	ExecJSFile = "wasm_exec.js"
	SumFile    = "module.sum"
)

// BuildArgs compile the same bytes on every machine with the same Go: no
// paths, no build ID, no version-control stamp.
var BuildArgs = []string{"build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid="}

// Env is the environment of the go commands that list and compile the
// module, with toolchain as GOTOOLCHAIN when it is not "". Every variable
// that would change the compiled bytes is set; those whose default is
// empty (GOWASM, GOEXPERIMENT) cannot be set to empty over a value in the
// user's go env file, so the generator checks them (see the generator).
func Env(toolchain string) []string {
	env := append(os.Environ(),
		"GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOWASM=", "GOEXPERIMENT=",
		"GOFIPS140=off", "GOWORK=off", "GOFLAGS=-mod=readonly")
	if toolchain != "" {
		env = append(env, "GOTOOLCHAIN="+toolchain)
	}
	return env
}

// Go runs the go command at goBin in dir with env and returns its standard
// output; an error carries the first lines of its standard error.
func Go(ctx context.Context, goBin, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if lines := strings.Split(msg, "\n"); len(lines) > 8 {
			msg = strings.Join(append(lines[:8], "…"), "\n")
		}
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("go %s: %s", args[0], msg)
	}
	return stdout.String(), nil
}

// listFormat prints, for each package of the main module that Cmd is made
// of, its folder and the files compiled into it.
const listFormat = `{{if and .Module .Module.Main}}{{.Dir}}` +
	`{{range .GoFiles}}{{"\t"}}{{.}}{{end}}{{range .SFiles}}{{"\t"}}{{.}}{{end}}` +
	`{{range .EmbedFiles}}{{"\t"}}{{.}}{{end}}{{"\n"}}{{end}}`

// Inputs lists the files the module is compiled from, relative to root
// (the module root) with slashes, sorted: go.mod and go.sum, which pin
// go-diff, and every file compiled into a package of this module that Cmd
// is made of, as go list sees them for js/wasm. Test files are not among
// them; the standard library and other modules are pinned by the Go
// version and go.sum.
func Inputs(ctx context.Context, goBin, root string, env []string) ([]string, error) {
	out, err := Go(ctx, goBin, root, env, "list", "-deps", "-f", listFormat, "./"+Cmd)
	if err != nil {
		return nil, err
	}
	files := []string{"go.mod", "go.sum"}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		rel, err := filepath.Rel(root, f[0])
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, fmt.Errorf("go list: %s is outside %s", f[0], root)
		}
		for _, name := range f[1:] {
			files = append(files, filepath.ToSlash(filepath.Join(rel, name)))
		}
	}
	if len(files) == 2 {
		return nil, fmt.Errorf("go list: no package of this module in %s", Cmd)
	}
	sort.Strings(files)
	return files, nil
}

// File is a file and the hex SHA-256 of its bytes.
type File struct {
	Path, Sum string
}

// Hash reads files under root and returns each one's sum, and the sum of
// them all: SHA-256 over each path, length and content in turn, so that
// the total does not depend on where the repository is.
func Hash(root string, files []string) ([]File, string, error) {
	total := sha256.New()
	var out []File
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			return nil, "", fmt.Errorf("hash the sources of %s: %w", Cmd, err)
		}
		fmt.Fprintf(total, "%s\x00%d\x00", f, len(data))
		total.Write(data)
		out = append(out, File{Path: f, Sum: Sum(data)})
	}
	return out, hex.EncodeToString(total.Sum(nil)), nil
}

// Sum is the hex SHA-256 of data.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Record is what module.sum holds.
type Record struct {
	// Go is the Go version the module was compiled with, as go env
	// GOVERSION says it ("go1.26.8"); the generator compiles with it again.
	Go string
	// Inputs are the files of Inputs and their sums; InputsSum is Hash's
	// total over them.
	Inputs    []File
	InputsSum string
	// Outputs are WasmFile and ExecJSFile and their sums.
	Outputs []File
}

const header = "# What redline.wasm and wasm_exec.js were generated from and with, written by\n" +
	"# go generate ./internal/redline/wasmmodule: do not edit.\n"

// Format writes r as module.sum: one "key value…" line each.
func (r *Record) Format() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	fmt.Fprintf(&b, "go %s\n", r.Go)
	for _, f := range r.Inputs {
		fmt.Fprintf(&b, "input %s %s\n", f.Sum, f.Path)
	}
	fmt.Fprintf(&b, "inputs %s\n", r.InputsSum)
	for _, f := range r.Outputs {
		fmt.Fprintf(&b, "output %s %s\n", f.Sum, f.Path)
	}
	return b.Bytes()
}

// Parse reads module.sum as Format writes it.
func Parse(data []byte) (*Record, error) {
	r := &Record{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		switch {
		case f[0] == "go" && len(f) == 2:
			r.Go = f[1]
		case f[0] == "input" && len(f) == 3:
			r.Inputs = append(r.Inputs, File{Path: f[2], Sum: f[1]})
		case f[0] == "inputs" && len(f) == 2:
			r.InputsSum = f[1]
		case f[0] == "output" && len(f) == 3:
			r.Outputs = append(r.Outputs, File{Path: f[2], Sum: f[1]})
		default:
			return nil, fmt.Errorf("%s:%d: unknown line %q", SumFile, n, line)
		}
	}
	if r.Go == "" || r.InputsSum == "" {
		return nil, errors.New(SumFile + ": no go or inputs line")
	}
	return r, nil
}

// Output returns the recorded sum of the output named name, or "".
func (r *Record) Output(name string) string {
	for _, f := range r.Outputs {
		if f.Path == name {
			return f.Sum
		}
	}
	return ""
}
