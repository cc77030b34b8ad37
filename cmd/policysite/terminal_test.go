package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"policysite/internal/testfs"
)

// terminalSite is a repository whose second edition carries a title-setting
// OSC sequence, a screen clear and a right-to-left override.
const terminalSite = `
-- policysite.toml --
time_zone = "Europe/Moscow"

[[languages]]
code = "en"
name = "English"
title = "Documents"
-- versions/terms/2024-01-10.en.md --
---
title: Terms
---
## 1. General

1.1. The user must follow the rules.
-- versions/terms/2024-05-20.en.md --
---
title: Terms
---
## 1. General

1.1. The user ` + "\x1b]0;pwned\x07" + `shall follow the ` + "\x1b[2J" + `rules.

1.2. Disputes go to ` + "\u202e" + `court.
`

// rawControls are what must never reach a terminal from a repository.
var rawControls = []string{"\x1b]", "\x07", "\x1b[2J", "\u202e"}

func terminalRepo(t *testing.T, extra string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range txtar.Parse([]byte(terminalSite + extra)).Files {
		testfs.WriteFile(t, filepath.Join(root, f.Name), f.Data)
	}
	testfs.CopyTree(t, "../../i18n", filepath.Join(root, "i18n"))
	return root
}

// TestDiffEscapesControls: a policy's control characters reach the
// terminal written out, coloured or not; policysite's own colours stay.
func TestDiffEscapesControls(t *testing.T) {
	root := terminalRepo(t, "")
	for _, color := range []string{"never", "always"} {
		stdout, stderr, code := runCLI("diff", "--source", root, "--color", color, "terms", "2024-01-10", "2024-05-20")
		if code != 0 {
			t.Fatalf("--color %s: exit %d: %s", color, code, stderr)
		}
		for _, raw := range rawControls {
			if strings.Contains(stdout+stderr, raw) {
				t.Errorf("--color %s: %q reaches the terminal raw:\n%q", color, raw, stdout)
			}
		}
		for _, shown := range []string{`\x1b]0;pwned\x07`, `\x1b[2J`, `\u202e`} {
			if !strings.Contains(stdout, shown) {
				t.Errorf("--color %s: %s is not shown:\n%q", color, shown, stdout)
			}
		}
		if colored := strings.Contains(stdout, "\x1b[32;4m"); colored != (color == "always") {
			t.Errorf("--color %s: coloured %v:\n%q", color, colored, stdout)
		}
	}
}

// TestMessagesEscapeControls: messages that quote a file name or a
// source show its control characters rather than print them.
func TestMessagesEscapeControls(t *testing.T) {
	bad := "-- versions/terms/2024-06-01\u202e.en.md --\n---\ntitle: T\n---\nText\n" +
		"-- versions/pwn\x1b]0;pwned\x07\x1b[2J/2024-07-01.en.md --\n---\ntitle: T\n---\nText\n"
	root := terminalRepo(t, bad)
	for _, args := range [][]string{
		{"check", "--source", root},
		{"diff", "--source", root, "terms", "2024-01-10", "2024-05-20"},
		{"build", "--source", root, "--out", filepath.Join(t.TempDir(), "public")},
	} {
		stdout, stderr, code := runCLI(args...)
		if code == 0 {
			t.Errorf("%s: exit 0, want a failure", args[0])
		}
		for _, raw := range append(rawControls, "\x1b") {
			if strings.Contains(stdout+stderr, raw) {
				t.Errorf("%s: %q printed raw:\n%q\n%q", args[0], raw, stdout, stderr)
			}
		}
		if !strings.Contains(stdout+stderr, `\u202e`) {
			t.Errorf("%s: the file name's override is not shown:\n%q\n%q", args[0], stdout, stderr)
		}
	}
}

// TestJSONSafeEscapesWhatATerminalObeys: C1 controls and bidi or
// zero-width characters leave as \u escapes, and the document decodes to
// the same strings.
func TestJSONSafeEscapesWhatATerminalObeys(t *testing.T) {
	in := []string{"csi \u009b2J", "osc \u009d0;t\u009c", "rlo \u202e", "zwsp \u200b", "tag \U000e0041", "plain ü и 中"}
	doc, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	safe := jsonSafe(doc)
	if bytes.ContainsFunc(safe, unsafeInJSON) {
		t.Errorf("jsonSafe left a raw control: %q", safe)
	}
	var out []string
	if err := json.Unmarshal(safe, &out); err != nil || !slices.Equal(out, in) {
		t.Errorf("decoded %q, %v; want %q", out, err, in)
	}
	if !bytes.Contains(safe, []byte("plain ü и 中")) {
		t.Errorf("printable text was escaped: %s", safe)
	}
}
