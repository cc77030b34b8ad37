package main

// The hostile inputs of TestBadInputNeverCostsData in bidirectional and
// invisible characters: a title that shows nothing, and bidi controls
// left open, which reverse the text the site shows after a title or a
// summary (the site's name in the <title>, the next entry of a feed).

func bidiInputs() []badInput {
	const file = "versions/privacy/2024-07-01.en.md"
	body := "## 1. General\n\n1.1. Text.\n"
	return []badInput{
		{
			name:  "a title of only zero-width characters fails at its line",
			setup: writeRecorded(file, edition("\u200b\u200c\u200d\u2060\ufeff", "", body)),
			want:  []string{file + ":2: title must be non-empty text: it holds only invisible characters"},
		},
		{
			name:  "a title of only bidi controls fails at its line",
			setup: writeRecorded(file, edition("\u202e\u202c", "", body)),
			want:  []string{file + ":2: title must be non-empty text: it holds only invisible characters"},
		},
		{
			name:  "a title with a right-to-left override never closed fails at its line",
			setup: writeRecorded(file, edition("Privacy \u202epolicy", "", body)),
			want:  []string{file + ":2: title: bidi control U+202E is never closed"},
		},
		{
			name:  "a title with an isolate never closed fails at its line",
			setup: writeRecorded(file, edition("Privacy \u2066policy", "", body)),
			want:  []string{file + ":2: title: bidi control U+2066 is never closed"},
		},
		{
			name:  "a title that closes an isolate it never opened fails at its line",
			setup: writeRecorded(file, edition("Privacy \u2069policy", "", body)),
			want:  []string{file + ":2: title: bidi control U+2069 closes nothing"},
		},
		{
			name:  "a title that closes an override inside an isolate out of order fails at its line",
			setup: writeRecorded(file, edition("P \u2067a \u202eb\u2069 c\u202c", "", body)),
			want:  []string{file + ":2: title: bidi control U+202E is still open where U+2069 closes"},
		},
		{
			name:   "a title with balanced isolates builds",
			setup:  writeRecorded(file, edition("Privacy policy \u2067سياسة\u2069", "", body)),
			builds: true,
			check:  published("en/privacy/2024-07-01"),
		},
		{
			// fixed with issue 22
			name:  "a summary with a right-to-left override never closed fails at its line",
			setup: writeRecorded(file, edition("Privacy policy", "summary: New \u202eterms\n", body)),
			want:  []string{file + ":3: bidi control U+202E is never closed"},
		},
		{
			// fixed with issue 22
			name:  "a summary with an isolate never closed fails at its line",
			setup: writeRecorded(file, edition("Privacy policy", "summary: New \u2066terms\n", body)),
			want:  []string{file + ":3: bidi control U+2066 is never closed"},
		},
		{
			name:   "a summary with balanced isolates builds",
			setup:  writeRecorded(file, edition("Privacy policy", "summary: New \u2067شروط\u2069 terms\n", body)),
			builds: true,
		},
	}
}
