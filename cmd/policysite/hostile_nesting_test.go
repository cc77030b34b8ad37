package main

import (
	"strings"
)

// The hostile inputs of TestBadInputNeverCostsData by nesting: Markdown
// whose blocks nest deeper than any document, which a recursive parser or
// renderer pays for with its stack or with time.

// nestedList is n list items, each nested in the one before by two more
// spaces of indentation.
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- x\n")
	}
	return b.String()
}

func nestingInputs() []badInput {
	const file = "versions/privacy/2024-07-01.en.md"
	head := "## 1. General\n\n1.1. Text.\n\n" // the text, from line 4; line 8 follows it
	// Each fails at the line where it first goes over its limit, before
	// Hugo spends minutes on it (see source.CheckNesting). fixed with
	// issue 22: every row made with refused.
	refused := func(name, markdown, want string) badInput {
		return badInput{name: name, setup: writeRecorded(file, edition("Privacy policy", "", head+markdown)), want: []string{file + want}}
	}
	return []badInput{
		refused("100,000 nested block quotes fail at their line, naming the nesting",
			strings.Repeat(">", 100_000)+" quoted\n", ":8: nesting"),
		refused("100,000 nested list markers on one line fail at their line, naming the nesting",
			strings.Repeat("- ", 100_000)+"x\n", ":8: nesting"),
		refused("100,000 nested ordered list markers fail at their line, naming the nesting",
			strings.Repeat("1. ", 100_000)+"x\n", ":8: nesting"),
		// 2,000 levels are as deep as indentation goes within the size
		// limit of an edition; the 33rd item, on line 40, is one too deep.
		refused("a list nested 2,000 deep by indentation fails where it is too deep, naming the nesting",
			nestedList(2000), ":40: nesting"),
		refused("100,000 nested brackets fail at their line",
			strings.Repeat("[", 100_000)+"x\n", ":8: brackets nested"),
		refused("32,000 links opened in one paragraph fail at their line",
			strings.Repeat("[a](", 32_000)+"x\n", ":8: 32000 brackets or inline HTML openers"),
		refused("100 HTML comments left open in one paragraph fail at their line",
			strings.Repeat("a <!-- b ", 100)+"\n", ":8: 100 inline HTML comments"),
		refused("a word of 50,000 emphasis marks fails at its line",
			strings.Repeat("_a", 50_000)+"\n", ":8: a word with"),
		{
			name:   "100,000 nested HTML elements in the text build with the markup left out",
			setup:  writeRecorded(file, edition("Privacy policy", "", head+strings.Repeat("<div>", 100_000)+"x\n")),
			either: true,
		},
		{
			name:   "a list nested 32 deep, the limit, builds",
			setup:  writeRecorded(file, edition("Privacy policy", "", head+nestedList(32))),
			builds: true,
		},
	}
}
