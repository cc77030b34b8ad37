// Package textmark describes what an edition's plain text does not show of
// its Markdown: how each block is set (a heading of some level, a
// paragraph, a list item, a table row), where its links point, and which
// of its words are emphasised. internal/plaintext writes it beside the
// plain text; internal/redline compares it, so that a changed link target
// or a heading turned into a bold line is a change a reader is told of;
// index.json publishes it. It depends on the standard library only, so
// that the redline's WebAssembly module can read it.
package textmark

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Marks is the marks of one plain text. Every offset is a byte offset into
// that text, and every range lies on rune boundaries.
type Marks struct {
	// Blocks has one entry per block of the text (the text cut at its
	// blank lines), in order.
	Blocks []Block `json:"blocks"`
	// Links are the text's links, in order of their start.
	Links []Link `json:"links"`
	// Styles are the text's emphasised runs, in order of their start.
	Styles []Style `json:"styles"`
}

// Block is how one block is set, and its range in the text.
type Block struct {
	// Form is the block's kind: "h1" to "h6" for headings, "p" for a
	// paragraph, "li" for an item of a bulleted list, "oli" for an item
	// of a numbered one, "tr" for a table row ("th" for a header row),
	// "dt" and "dd" for a definition list's terms and descriptions,
	// "pre" for code, "html" for raw HTML's text, "fn" for a footnote.
	// Each block quote around
	// it adds "quote " in front ("quote p").
	Form  string `json:"form"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Link is a link: the range of the text that is its link text, and the
// address it points to, as the Markdown writes it (a reference resolved).
type Link struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Target string `json:"target"`
}

// Style is a run of emphasised text.
type Style struct {
	// Kind is "strong", "em", "del" (struck through) or "code".
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Check reports the first way in which m does not describe text: a range
// outside it or inside a rune, ranges out of order, or blocks that are
// not the text's blocks. A Marks that fails it must not be used.
func (m Marks) Check(text string) error {
	in := func(s, e int) bool {
		return 0 <= s && s <= e && e <= len(text) && boundary(text, s) && boundary(text, e)
	}
	at := 0
	for i, b := range m.Blocks {
		if !in(b.Start, b.End) || b.Start != at {
			return fmt.Errorf("textmark: block %d (%d–%d) is not the next block of the text", i, b.Start, b.End)
		}
		if strings.Contains(text[b.Start:b.End], "\n\n") {
			return fmt.Errorf("textmark: block %d (%d–%d) holds a blank line", i, b.Start, b.End)
		}
		at = b.End
		if i+1 < len(m.Blocks) {
			if !strings.HasPrefix(text[at:], "\n\n") {
				return fmt.Errorf("textmark: block %d does not end at a blank line", i)
			}
			at += 2
		}
	}
	if len(m.Blocks) > 0 && at != len(text) || len(m.Blocks) == 0 && text != "" {
		return fmt.Errorf("textmark: the blocks end at %d, the text at %d", at, len(text))
	}
	last := 0
	for i, l := range m.Links {
		if !in(l.Start, l.End) || l.Start < last {
			return fmt.Errorf("textmark: link %d (%d–%d) is outside the text or out of order", i, l.Start, l.End)
		}
		last = l.Start
	}
	last = 0
	for i, s := range m.Styles {
		if !in(s.Start, s.End) || s.Start < last {
			return fmt.Errorf("textmark: style %d (%d–%d) is outside the text or out of order", i, s.Start, s.End)
		}
		last = s.Start
	}
	return nil
}

// boundary reports whether offset i of s is not inside a rune: no valid
// rune of several bytes starts before i and ends after it. A stray byte
// of invalid UTF-8 is a rune of its own, so a block may start on one.
func boundary(s string, i int) bool {
	if i <= 0 || i >= len(s) {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if utf8.RuneStart(s[j]) {
			_, n := utf8.DecodeRuneInString(s[j:])
			return j+n <= i
		}
	}
	return true
}
