package main

import (
	"bytes"
	"fmt"
	"io"
	"unicode"
	"unicode/utf16"

	"policysite/internal/termsafe"
)

// sayln prints a message line, as fmt.Fprintln does, with the control
// characters that file names, translations or a policy's text may carry
// written visibly: see termsafe.Escape. Every message that can quote the
// repository goes through it or sayf.
func sayln(w io.Writer, a ...any) {
	io.WriteString(w, termsafe.Escape(fmt.Sprintln(a...)))
}

// sayf is sayln with a format, as fmt.Fprintf.
func sayf(w io.Writer, format string, a ...any) {
	io.WriteString(w, termsafe.Escape(fmt.Sprintf(format, a...)))
}

// printError prints the error that ended the program, unless the command
// has printed it already.
func printError(w io.Writer, err error) {
	if err != errReported {
		sayln(w, "policysite:", err)
	}
}

// jsonSafe writes the C1 controls and the invisible formatting characters
// (bidi controls among them) of a JSON document as \u escapes, which
// encoding/json leaves raw: printed on a terminal, U+009B starts a control
// sequence as ESC [ does. They can only be in strings, where the escape
// means the same character, so the document says the same.
func jsonSafe(doc []byte) []byte {
	if !bytes.ContainsFunc(doc, unsafeInJSON) {
		return doc
	}
	var b bytes.Buffer
	for _, r := range string(doc) {
		if !unsafeInJSON(r) {
			b.WriteRune(r)
			continue
		}
		if r > 0xFFFF {
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, "\\u%04x\\u%04x", r1, r2)
			continue
		}
		fmt.Fprintf(&b, "\\u%04x", r)
	}
	return b.Bytes()
}

func unsafeInJSON(r rune) bool {
	return r >= 0x80 && r <= 0x9F || unicode.Is(unicode.Cf, r)
}
