package redline

import (
	"strings"
	"testing"
)

// TestWriteTextEscapesControls: control characters in the editions reach
// the terminal written out, in changed and unchanged text alike, while the
// colours WriteText adds itself stay escape sequences.
func TestWriteTextEscapesControls(t *testing.T) {
	old := "1. Terms\n\n1.1. Plain text \x1b[2J stays.\n\n1.2. We \x1b[2Jmay change these terms.\n"
	new := "1. Terms\n\n1.1. Plain text \x1b[2J stays.\n\n1.2. We \x1b[2Jmay \x1b]0;pwned\x07change these \u202eterms.\n"
	for _, color := range []bool{false, true} {
		var b strings.Builder
		if err := Diff(old, new).WriteText(&b, TextOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, raw := range []string{"\x1b[2J", "\x1b]", "\x07", "\u202e"} {
			if strings.Contains(out, raw) {
				t.Errorf("color %v: %q reaches the terminal raw:\n%q", color, raw, out)
			}
		}
		for _, shown := range []string{`\x1b]0;pwned\x07`, `\x1b[2Jmay`, `\u202e`} {
			if !strings.Contains(out, shown) {
				t.Errorf("color %v: %s is not shown:\n%q", color, shown, out)
			}
		}
		if color != strings.Contains(out, ansiIns) {
			t.Errorf("color %v: insertions coloured %v:\n%q", color, !color, out)
		}
	}
}
