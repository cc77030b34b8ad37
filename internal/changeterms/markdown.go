package changeterms

import (
	"strings"

	"policysite/internal/clause"
	"policysite/internal/plaintext"
)

// FromMarkdown returns the blocks of an edition's Markdown body, each with
// its clause.
func FromMarkdown(body string) []Block {
	_, cls := clause.Annotate(body)
	return FromBlocks(plaintext.Blocks(body), cls)
}

// FromBlocks is FromMarkdown for a body whose plain text blocks and
// clauses are at hand.
func FromBlocks(pb []plaintext.Block, cls []clause.Clause) []Block {
	texts := make([]string, len(pb))
	lines := make([]int, len(pb))
	for i, b := range pb {
		texts[i], lines[i] = b.Text, b.Line
	}
	return Blocks(strings.Join(texts, "\n\n"), lines, cls)
}

// Blocks splits an edition's plain text (blocks separated by a blank line,
// as plaintext.Of writes it) into Blocks. lines holds the Markdown line of
// each block and cls the clauses that clause.Annotate found: a block belongs
// to the last clause that starts on or before its line.
func Blocks(text string, lines []int, cls []clause.Clause) []Block {
	if text == "" {
		return nil
	}
	parts := strings.Split(text, "\n\n")
	out := make([]Block, len(parts))
	c := -1
	for i, p := range parts {
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		for c+1 < len(cls) && line > 0 && cls[c+1].Line <= line {
			c++
		}
		out[i] = Block{Text: p, Line: line}
		if c >= 0 {
			out[i].Clause = cls[c].Number
		}
	}
	return out
}
