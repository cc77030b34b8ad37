package changeterms

import (
	"strings"

	"policysite/internal/clause"
	"policysite/internal/clause/clausetext"
	"policysite/internal/plaintext"
)

// FromMarkdown returns the blocks of an edition's Markdown body, each with
// its clause.
func FromMarkdown(body string) []Block {
	_, cls := clause.Annotate(body)
	return FromBlocks(plaintext.Blocks(body), cls)
}

// FromBlocks is FromMarkdown for a body whose plain text blocks and
// clauses (as clause.Annotate gives them) are at hand.
//
// A block belongs to the last clause that opens on or before it, read with
// clausetext.Read, the reader clause.Annotate uses, on the same blocks.
// The clauses Annotate returns will not do for that: they leave out a
// number's repeats, which carry no anchor, and lettered terms repeat
// numbers when a section letter repeats ("K. Advertising", then "K.
// Payment"), so every block of the second section would belong to the
// last clause of the first. cls only tells which numbered lines are set
// as headings.
func FromBlocks(pb []plaintext.Block, cls []clause.Clause) []Block {
	texts := make([]string, 0, len(pb))
	idx := make([]int, 0, len(pb)) // the block of each text
	for i, b := range pb {
		t := b.Text
		if i == 0 {
			t = strings.TrimPrefix(t, "\uFEFF")
		}
		// Read is given the blocks as Annotate gives them: trimmed, and
		// without the empty ones.
		if t = strings.TrimFunc(t, clausetext.IsSpace); t != "" {
			texts = append(texts, t)
			idx = append(idx, i)
		}
	}
	number := make([]string, len(pb))
	for _, m := range clausetext.Read(texts) {
		number[idx[m.Block]] = m.Number
	}
	headings := map[int]bool{}
	for _, c := range cls {
		if c.Heading {
			headings[c.Line] = true
		}
	}
	out := make([]Block, len(pb))
	current := ""
	for i, b := range pb {
		if number[i] != "" {
			current = number[i]
		}
		form := strings.TrimPrefix(b.Form, "quote ")
		out[i] = Block{Text: b.Text, Clause: current, Line: b.Line,
			Heading: len(form) == 2 && form[0] == 'h' && form[1] >= '1' && form[1] <= '6' || b.Line > 0 && headings[b.Line]}
	}
	return out
}
