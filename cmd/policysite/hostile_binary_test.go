package main

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// The hostile inputs of TestBadInputNeverCostsData that are not text: NUL
// bytes and invalid UTF-8 in each part of an edition, UTF-16 with its byte
// order mark, an image saved under an edition's name, and the same in the
// site's own files.

// utf16File is s encoded as UTF-16 with a byte order mark, little- or
// big-endian, as editors on Windows save "Unicode".
func utf16File(s string, order binary.ByteOrder) string {
	units := utf16.Encode([]rune("\uFEFF" + s))
	b := make([]byte, 2*len(units))
	for i, u := range units {
		order.PutUint16(b[2*i:], u)
	}
	return string(b)
}

// pngFile is the start of a PNG image: its signature and header chunk.
const pngFile = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

func binaryInputs() []badInput {
	const file = "versions/privacy/2024-07-01.en.md"
	body := "## 1. General\n\n1.1. Text.\n"
	return []badInput{
		{
			name:  "a NUL byte in the text fails with its line and byte offset",
			setup: writeRecorded(file, edition("Privacy policy", "", body+"\n1.2. Te\x00xt.\n")),
			want:  []string{file + ":8: NUL byte at byte offset"},
		},
		{
			name:  "a NUL byte in the title fails at the title's line",
			setup: writeRecorded(file, edition("Privacy\x00 policy", "", body)),
			want:  []string{file + ":2: NUL byte at byte offset 18 (column 15)"},
		},
		{
			name:  "invalid UTF-8 in the title fails at the title's line",
			setup: writeRecorded(file, edition("Privacy \xc3\x28 policy", "", body)),
			want:  []string{file + ":2: invalid UTF-8 at byte offset 19 (column 16)"},
		},
		{
			name:  "invalid UTF-8 in the summary fails at the summary's line",
			setup: writeRecorded(file, edition("Privacy policy", "summary: New \xed\xa0\x80 terms\n", body)),
			want:  []string{file + ":3: invalid UTF-8 at byte offset"},
		},
		{
			name:  "invalid UTF-8 in the front matter's closing line fails at it",
			setup: writeRecorded(file, "---\ntitle: Privacy policy\n---\xfe\n"+body),
			want:  []string{file + ":3: invalid UTF-8 at byte offset 29 (column 4)"},
		},
		{
			name:  "UTF-16 little-endian with a byte order mark fails at the mark",
			setup: writeRecorded(file, utf16File(edition("Privacy policy", "", body), binary.LittleEndian)),
			want:  []string{file + ":1: invalid UTF-8 at byte offset 0 (column 1)"},
		},
		{
			name:  "UTF-16 big-endian with a byte order mark fails at the mark",
			setup: writeRecorded(file, utf16File(edition("Privacy policy", "", body), binary.BigEndian)),
			want:  []string{file + ":1: invalid UTF-8 at byte offset 0 (column 1)"},
		},
		{
			name:  "a PNG image named as an edition fails at its first byte",
			setup: writeRecorded(file, pngFile),
			want:  []string{file + ":1: invalid UTF-8 at byte offset 0 (column 1)"},
		},
		{
			name:  "a file of only a byte order mark fails: no front matter",
			setup: writeRecorded(file, "\uFEFF"),
			want:  []string{file + ":1: no front matter"},
		},
		{
			name:  "an escape sequence in a YAML title fails at its line",
			setup: writeRecorded(file, edition("Terms \x1b]0;pwned\x07", "", body)),
			want:  []string{file + ":2: front matter: control characters are not allowed"},
		},
		{
			// TOML spells any control as \uXXXX, and XML 1.0 has no way to
			// write most C0 controls: a feed that holds one is no feed.
			name:   "an escape sequence in a TOML title fails at its line, or leaves every feed well-formed",
			setup:  writeRecorded(file, "+++\ntitle = \"Terms \\u001B]0;pwned\\u0007\"\n+++\n"+body),
			either: true,
		},
		{
			name:  "invalid UTF-8 in policysite.toml fails at its line",
			setup: writeRecorded("policysite.toml", strings.Replace(goodRepo["policysite.toml"], `"Documents"`, "\"Docu\xffments\"", 1)),
			want:  []string{oneLine("policysite.toml:", "UTF-8")},
		},
		{
			name:  "a NUL byte in policysite.toml fails",
			setup: writeRecorded("policysite.toml", strings.Replace(goodRepo["policysite.toml"], `"Documents"`, "\"Docu\x00ments\"", 1)),
			want:  []string{oneLine("policysite.toml")},
		},
		{
			name:   "invalid UTF-8 in a page of content/ fails or is shown replaced",
			setup:  writeRecorded("content/_index.en.md", "---\ntitle: Docu\xffments\n---\nWelcome \xfe.\n"),
			either: true,
		},
		{
			name:   "a binary file in static/ is published as it is",
			setup:  writeRecorded("static/logo.png", pngFile),
			builds: true,
			check:  sameFile("logo.png", pngFile),
		},
	}
}
