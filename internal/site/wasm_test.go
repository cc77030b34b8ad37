package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"policysite/internal/redline/wasmmodule"
)

// TestShippedWasmIsTheEmbeddedModule: every compare page names the
// embedded module and loader by their own digests, made once per process.
func TestShippedWasmIsTheEmbeddedModule(t *testing.T) {
	wb := shippedWasm()
	if !bytes.Equal(wb.wasm, wasmmodule.Module()) || !bytes.Equal(wb.execJS, wasmmodule.ExecJS()) {
		t.Fatal("the published files are not the embedded ones")
	}
	if !bytes.HasPrefix(wb.wasm, []byte("\x00asm")) {
		t.Errorf("redline.wasm is not WebAssembly: % x", wb.wasm[:min(8, len(wb.wasm))])
	}
	if wb.wasmSRI != sri(wasmmodule.Module()) || wb.execJSSRI != sri(wasmmodule.ExecJS()) {
		t.Error("the integrity values are not the files' own")
	}
	sum := sha256.Sum256(wasmmodule.Module())
	if wb.version != hex.EncodeToString(sum[:6]) {
		t.Errorf("version = %q, not the module's short hash", wb.version)
	}
	if shippedWasm() != wb {
		t.Error("the digests are made again on each call")
	}
}
