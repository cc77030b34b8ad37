// Package clausetext is the one reader of clause numbers in policysite. It
// reads them in an edition's plain text, cut into blocks (the headings,
// paragraphs, list items and table rows that internal/plaintext writes):
// the text that the redline compares, that the browser's comparison reads,
// and that internal/clause maps back onto the Markdown for the edition
// page's anchors. Reading the same blocks the same way is what makes the
// page's clauses (index.json), the redline's (changes.json) and the
// findings of change-terms agree.
//
// Markdown syntax is gone by then: escapes ("1\."), heading marks, setext
// underlines, emphasis, empty anchor links and attribute lists have been
// rendered away by goldmark, so the forms that converters and crawlers
// write all read as "1. Title". What is left to decide is which numbers
// open a clause: Read looks at the document as a whole for that (see
// sequence.go and toc.go), because a block alone cannot tell clause 2 from
// the second item of an enumeration, or a heading from its entry in a
// table of contents.
//
// It imports nothing but the standard library, so that the redline's
// WebAssembly module stays small.
package clausetext

import (
	"strings"
	"unicode/utf8"
)

// Mark is a clause number that opens a block.
type Mark struct {
	// Block is the index of the block in the slice given to Read.
	Block int
	// Start and End are the bytes of the number in the block as written:
	// "6." in "6. Moral rights", "3.4.1" in "• 3.4.1 Text".
	Start, End int
	// Number is the clause's number: "3.4.1", or "B.6" for clause 6 of
	// the section lettered B.
	Number string
	// Repeat is true when an earlier Mark has the same Number. The first
	// one gets the anchor; a repeat is still a clause of its own.
	Repeat bool
}

// Anchor returns the HTML id of a clause number: "3.4.1" gives "c-3-4-1"
// and "B.6" gives "c-b-6". It depends only on the number, so that a link
// to a clause works in every edition that has it.
func Anchor(number string) string {
	return "c-" + strings.ToLower(strings.ReplaceAll(number, ".", "-"))
}

// Read returns the clause numbers that open blocks, in order. Blocks are
// one line of text each, as internal/plaintext writes them (a list item
// carries its marker, "• " or "3. "); runs of spaces count as one.
func Read(blocks []string) []Mark {
	cands := candidates(blocks)
	toc := tocEntries(cands)
	r := newReader(cands)
	for i := range cands {
		if !toc[i] {
			r.next(i)
		}
	}
	return r.marks
}

// Title returns block without the clause-like number it starts with:
// "3. Cookies" gives "Cookies", "• 2.1. Scope" gives "Scope". It reads the
// form alone, not whether the number is a clause in its document.
func Title(block string) string {
	c, ok := scan(block)
	if !ok {
		return block
	}
	return strings.TrimLeftFunc(block[c.end:], IsSpace)
}

// Lead returns the end of the clause-like number that s starts with, 0
// when it starts with none. The redline uses it to leave a clause number
// out of its word counts wherever an operation's text starts with one.
func Lead(s string) int {
	c, ok := scan(s)
	if !ok {
		return 0
	}
	return c.end
}

// IsSpace reports the spaces that the redline's normalisation folds into
// one, and the line breaks: the spaces that may stand between a clause
// number and its text.
func IsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u00A0', '\u2007', '\u202F', '\u2060', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200A'
}

// lastRune is the last rune of s that is not a space, or 0.
func lastRune(s string) rune {
	s = strings.TrimRightFunc(s, IsSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}
