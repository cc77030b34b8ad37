package main

import (
	"fmt"
	"strings"

	"policysite/internal/source"
)

// The hostile inputs of TestBadInputNeverCostsData by size: files and
// values far larger than any policy, at and around the limit of one
// edition.

func sizeInputs() []badInput {
	const file = "versions/privacy/2024-07-01.en.md"
	over := fmt.Sprintf("over the %d-byte limit for one edition", source.MaxFileSize)
	return []badInput{
		{
			name:  "an edition one byte over the limit fails unread",
			setup: writeRecorded(file, paddedEdition(source.MaxFileSize+1)),
			want:  []string{fmt.Sprintf("%s: file is %d bytes, %s", file, source.MaxFileSize+1, over)},
		},
		{
			name:   "an edition of exactly the size limit builds",
			setup:  writeRecorded(file, paddedEdition(source.MaxFileSize)),
			builds: true,
			check:  published("en/privacy/2024-07-01"),
		},
		{
			name:  "a 10 MB single line fails at the size limit, unread",
			setup: writeRecorded(file, edition("Privacy policy", "", strings.Repeat("x", 10_000_000))),
			want:  []string{file + ": file is ", over},
		},
		{
			name:  "an empty edition file fails at its first line",
			setup: writeRecorded(file, ""),
			want:  []string{file + ":1: no front matter"},
		},
		{
			name:   "front matter of 20,000 unknown keys fails or warns, with its lines",
			setup:  writeRecorded(file, edition("Privacy policy", manyKeys(20_000), "## 1. General\n\n1.1. Text.\n")),
			want:   []string{file + ":*: unknown front matter key"},
			either: true,
		},
		{
			name:   "a title of a megabyte builds, escaped",
			setup:  writeRecorded(file, edition(strings.Repeat("Privacy <b>policy</b> ", 1<<20/22), "", "## 1. General\n\n1.1. Text.\n")),
			either: true,
		},
		{
			name: "a summary of a megabyte builds, escaped",
			setup: writeRecorded(file, edition("Privacy policy", "summary: "+strings.Repeat("New <i>terms</i>. ", 1<<20/18)+"\n",
				"## 1. General\n\n1.1. Text.\n")),
			either: true,
		},
		{
			name:   "a clause of 100,000 short lines builds",
			setup:  writeRecorded(file, edition("Privacy policy", "", "## 1. General\n\n1.1. "+strings.Repeat("a\n", 100_000))),
			builds: true,
			check:  published("en/privacy/2024-07-01"),
		},
	}
}

// manyKeys is n front matter lines, each an unknown key of its own.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: v\n", i)
	}
	return b.String()
}
