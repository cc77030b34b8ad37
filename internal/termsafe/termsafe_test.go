package termsafe

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is unchanged", "versions/terms/2024-01-10.ru.md:3: Условия", "versions/terms/2024-01-10.ru.md:3: Условия"},
		{"newline and tab stay", "a\n\tb\n", "a\n\tb\n"},
		{"backslashes stay", `C:\policy\x1b`, `C:\policy\x1b`},
		{"empty", "", ""},
		{"an OSC title is shown, not set", "a\x1b]0;pwned\x07b", `a\x1b]0;pwned\x07b`},
		{"a screen clear is shown", "\x1b[2J", `\x1b[2J`},
		{"carriage return cannot overwrite a line", "ok\rforged", `ok\x0dforged`},
		{"NUL, backspace, DEL", "\x00\x08\x7f", `\x00\x08\x7f`},
		{"C1 controls", "\u0085\u009b31m\u0080\u009f", `\u0085\u009b31m\u0080\u009f`},
		{"no-break space and Latin-1 letters stay", "\u00a0é", "\u00a0é"},
		{"right-to-left override in a file name", "versions/\u202egpj.md", `versions/\u202egpj.md`},
		{"every bidi control", "\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
			`\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c`},
		{"zero-width joiner stays", "a\u200db", "a\u200db"},
		{"a raw 8-bit CSI byte", "a\x9b2Jb", `a\x9b2Jb`},
		{"a truncated UTF-8 sequence", "я\xd1", `я\xd1`},
		{"a real replacement character stays", "a\uFFFDb", "a\uFFFDb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Escape(tc.in); got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzEscape: whatever the input, the output holds no
// character a terminal could act on.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"\x1b]0;x\x07", "\u202e", "\xff\xfe", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		if i := unsafeAt(out); i >= 0 {
			t.Fatalf("Escape(%q) = %q, unsafe at %d", s, out, i)
		}
	})
}
