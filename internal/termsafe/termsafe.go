// Package termsafe makes text from a repository safe to print on a
// terminal. A policy's text, a file name or a translation may hold bytes
// that a terminal obeys rather than shows: an escape sequence can set the
// window's title, clear the screen or forge a line, and a bidi control
// can reverse what follows it. Escape writes each of them visibly instead.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character a terminal could obey written as a
// visible escape: C0 controls other than newline and tab, and DEL, as \xNN;
// C1 controls (U+0080–U+009F) and the bidi controls (U+061C, U+200E,
// U+200F, U+202A–U+202E, U+2066–U+2069) as \uNNNN; a byte that is not
// UTF-8, which a terminal might read as a C1 control, as \xNN. Any other
// text, a backslash included, is unchanged, so that ordinary messages read
// as before.
func Escape(s string) string {
	i := unsafeAt(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0x80 && unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unsafeAt is the index of the first byte Escape changes, or -1.
func unsafeAt(s string) int {
	for i, r := range s {
		if unsafe(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return i
		}
	}
	return -1
}

// unsafe reports whether a terminal could act on r rather than show it.
func unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true // C0 controls and DEL
	case r >= 0x80 && r <= 0x9f:
		return true // C1 controls
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true // the bidi marks
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidi embeddings, overrides and isolates
	}
	return false
}
