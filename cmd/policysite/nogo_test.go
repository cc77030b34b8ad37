package main

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"policysite/internal/redline/wasmmodule"
	"policysite/internal/testfs"
)

// noGoSite is a repository of policies only: two editions of one policy in
// two languages, and no Go code.
var noGoSite = map[string]string{
	"policysite.toml": `base_url = "https://docs.example/"
time_zone = "Europe/Moscow"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"

[[languages]]
code = "en"
name = "English"
title = "Documents"
`,
	"content/_index.ru.md": "---\ntitle: Документы\n---\n",
	"content/_index.en.md": "---\ntitle: Documents\n---\n",
	"versions/terms/2024-01-10.ru.md": "---\ntitle: Условия\n---\n## 1. Общие положения\n\n1.1. Текст.\n\n" +
		"1.2. Новая редакция Условий вступает в силу с момента её размещения на сайте.\n",
	"versions/terms/2024-01-10.en.md": "---\ntitle: Terms\n---\n## 1. General\n\n1.1. Text.\n\n" +
		"1.2. A new edition of the Terms takes effect from the moment it is posted on the site.\n",
	"versions/terms/2024-05-20.ru.md": "---\ntitle: Условия\nposted: 2024-05-20\n---\n## 1. Общие положения\n\n1.1. Новый текст.\n\n" +
		"1.2. Новая редакция Условий вступает в силу с момента её размещения на сайте.\n",
	"versions/terms/2024-05-20.en.md": "---\ntitle: Terms\nposted: 2024-05-20\n---\n## 1. General\n\n1.1. New text.\n\n" +
		"1.2. A new edition of the Terms takes effect from the moment it is posted on the site.\n",
}

// TestBuildWithoutGo runs the policysite binary, built here, where PATH
// holds no go command, on a repository of policies only: the site it
// builds has the comparison's module that policysite embeds, Go's loader
// for it, and compare pages that name both by their digests.
func TestBuildWithoutGo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the policysite binary; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH to build policysite with")
	}
	bin := filepath.Join(t.TempDir(), "policysite")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	root := t.TempDir()
	for _, d := range []string{"layouts", "i18n", "assets"} {
		testfs.CopyTree(t, filepath.Join("../..", d), filepath.Join(root, d))
	}
	for name, text := range noGoSite {
		testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(name)), []byte(text))
	}
	// An empty PATH, and nothing of the environment that could lead to a
	// Go toolchain.
	env := []string{"PATH=" + t.TempDir(), "HOME=" + t.TempDir(), "LANG=en_US.UTF-8",
		"POLICYSITE_CACHE_DIR=" + t.TempDir(), "TMPDIR=" + os.TempDir()}
	// Recording first, as a publisher does, so that the build has nothing
	// to warn about.
	for _, args := range [][]string{{"record"}, {"build"}} {
		cmd := exec.Command(bin, append(args, "--now", "2024-06-01T00:00:00Z")...)
		cmd.Dir, cmd.Env = root, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("policysite %s: %v\n%s%s", args[0], err, stdout.String(), stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("policysite %s wrote to stderr: %s", args[0], stderr.String())
		}
	}

	out := filepath.Join(root, "public")
	mod := readFile(t, filepath.Join(out, "redline/redline.wasm"))
	if !bytes.Equal(mod, wasmmodule.Module()) {
		t.Errorf("redline.wasm (%d bytes) is not the embedded module (%d bytes)", len(mod), len(wasmmodule.Module()))
	}
	execJS := readFile(t, filepath.Join(out, "redline/wasm_exec.js"))
	if !bytes.Equal(execJS, wasmmodule.ExecJS()) {
		t.Error("wasm_exec.js is not the embedded one")
	}
	for _, lang := range []string{"ru", "en"} {
		html := string(readFile(t, filepath.Join(out, lang, "terms/compare/index.html")))
		m := regexp.MustCompile(`<script type="application/json" id="cmp-data">(.*?)</script>`).FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("%s: the compare page has no data block: the comparison is left out", lang)
		}
		var data struct {
			Wasm          string `json:"wasm"`
			WasmIntegrity string `json:"wasm_integrity"`
		}
		if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
			t.Fatal(err)
		}
		if data.WasmIntegrity != sri(mod) {
			t.Errorf("%s: wasm_integrity %s does not match redline.wasm", lang, data.WasmIntegrity)
		}
		if !strings.HasPrefix(data.Wasm, "/redline/redline.wasm?v=") {
			t.Errorf("%s: wasm = %q", lang, data.Wasm)
		}
		// html/template writes + in attributes as &#43;.
		want := `<script src="/redline/wasm_exec.js" integrity="` + strings.ReplaceAll(sri(execJS), "+", "&#43;") + `"`
		if !strings.Contains(html, want) {
			t.Errorf("%s: lacks %s", lang, want)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sri is a Subresource Integrity value, as browsers check it.
func sri(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}
