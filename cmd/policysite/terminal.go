package main

import (
	"fmt"
	"io"

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
