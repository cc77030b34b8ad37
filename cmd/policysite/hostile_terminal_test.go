package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

// terminalEdition is an edition of the policy "terms" whose title,
// summary and changed clause carry s. The front matter is TOML, whose
// strings can spell any control as \uXXXX: YAML refuses them.
func terminalEdition(s string) string {
	return "+++\ntitle = " + tomlControls("Terms "+s) + "\nsummary = " + tomlControls("New "+s+" rules") +
		"\n+++\n## 1. General\n\n1.1. The user " + s + " shall follow the rules.\n"
}

// tomlControls writes s as a TOML basic string, its controls escaped.
func tomlControls(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			fmt.Fprintf(&b, `\u%04X`, r)
		case r == '"' || r == '\\':
			b.WriteRune('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ownColours removes the colours policysite itself writes (internal/redline's
// deleted, inserted, note and reset), and no other sequence.
var ownColours = strings.NewReplacer("\x1b[31;9m", "", "\x1b[32;4m", "", "\x1b[2m", "", "\x1b[0m", "")

// rawControl is the first character of s that a terminal obeys rather
// than shows: ESC, BEL and the other C0 controls but newline and tab, and
// the C1 controls (U+0080–U+009F), which some terminals read as ESC and a
// letter (U+009B as CSI, U+009D as OSC). It returns "" when there is none.
func rawControl(s string) string {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x80 && r <= 0x9f {
			return fmt.Sprintf("%U", r)
		}
	}
	return ""
}

// TestDiffPrintsNoRawControls: whatever control characters an edition's
// title, summary or text carries, `policysite diff` prints none of them
// raw, in colour, without and as JSON. TestDiffEscapesControls covers the
// 7-bit sequences in the text in colour and without; these are the 8-bit
// ones, and JSON, which a CI log shows on a terminal too.
func TestDiffPrintsNoRawControls(t *testing.T) {
	tests := []struct {
		name, text string
		flags      []string
	}{
		{"an OSC title sequence, as JSON", "\x1b]0;title\x07", []string{"--json"}},
		{"a screen clear, as JSON", "\x1b[2J", []string{"--json"}},
		{"a C1 CSI screen clear", "\u009b2J", []string{"--color", "never"}},
		{"a C1 CSI screen clear, in colour", "\u009b2J", []string{"--color", "always"}},
		{"a C1 CSI screen clear, as JSON", "\u009b2J", []string{"--json"}},
		{"a C1 OSC title ended by a C1 ST", "\u009d0;title\u009c", []string{"--color", "never"}},
		{"a C1 OSC title ended by a C1 ST, as JSON", "\u009d0;title\u009c", []string{"--json"}},
		{"a C1 next line and DCS", "\u0085\u0090q\u009c", []string{"--color", "always"}},
		{"a backspace that hides text", "sell\b\b\b\bkeep", []string{"--color", "never"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			testfs.WriteFile(t, filepath.Join(root, "policysite.toml"), []byte(goodRepo["policysite.toml"]))
			testfs.WriteFile(t, filepath.Join(root, "versions/terms/2024-01-10.en.md"), []byte(terminalEdition("")))
			testfs.WriteFile(t, filepath.Join(root, "versions/terms/2024-05-20.en.md"), []byte(terminalEdition(tc.text)))
			args := append([]string{"diff", "--source", root, "--lang", "en"}, tc.flags...)
			stdout, stderr, err := runCommand(context.Background(), append(args, "terms", "2024-01-10", "2024-05-20")...)
			if err != nil {
				t.Fatalf("diff failed: %v\n%s", err, stderr)
			}
			if c := rawControl(ownColours.Replace(stdout)); c != "" {
				t.Errorf("stdout holds %s raw:\n%q", c, stdout)
			}
			if c := rawControl(stderr); c != "" {
				t.Errorf("stderr holds %s raw:\n%q", c, stderr)
			}
			if !strings.Contains(stdout, "shall follow") {
				t.Errorf("the changed clause is not shown:\n%s", stdout)
			}
		})
	}
}
