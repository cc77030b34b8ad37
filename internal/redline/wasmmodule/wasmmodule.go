// Package wasmmodule ships the in-browser comparison of any two editions:
// internal/redline compiled to WebAssembly (internal/redline/wasm), and
// the loader of the Go version that compiled it. Both are generated ahead
// and kept in the repository, so that building a site needs no Go
// toolchain; module.sum records what they were generated from, and the
// package's tests and CI fail when internal/redline changed since.
package wasmmodule

//go:generate go run ./gen

import _ "embed"

//go:embed redline.wasm
var module []byte

//go:embed wasm_exec.js
var execJS []byte

// Module returns the WebAssembly module. The bytes are shared: callers
// must not modify them.
func Module() []byte { return module }

// ExecJS returns wasm_exec.js, Go's JavaScript that runs Module in a
// browser. The bytes are shared: callers must not modify them.
func ExecJS() []byte { return execJS }
