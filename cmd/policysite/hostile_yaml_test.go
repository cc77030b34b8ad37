package main

import (
	"fmt"
	"strings"
)

// The hostile inputs of TestBadInputNeverCostsData that attack the front
// matter's parser: aliases that expand to billions of nodes, nesting that
// a recursive parser pays for with its stack, and tags that ask a parser
// to build objects. Each must fail at once with its file and line, or be
// ignored with a warning; none may hang a build or fill its memory (every
// command runs under runLimit).

// laughs is a billion laughs: nine levels of anchors, each a list of nine
// aliases of the one before, 9⁹ strings when expanded. The last level is
// anchored at "&top".
func laughs() string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), ", "))
	}
	b.WriteString("top: &top [*l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8]\n")
	return b.String()
}

func yamlInputs() []badInput {
	const file = "versions/privacy/2024-07-01.en.md"
	body := "## 1. General\n\n1.1. Text.\n"
	deep := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	big := strings.Repeat("lol ", 1<<18) // a megabyte
	// In edition's front matter the title is line 2, what follows from 3;
	// a billion laughs takes lines 3 to 12.
	return []badInput{
		{
			name:   "a billion laughs of unknown keys is ignored with warnings at their lines",
			setup:  writeRecorded(file, edition("Privacy policy", laughs(), body)),
			want:   []string{file + `:3: unknown front matter key "l0" is ignored`},
			either: true,
		},
		{
			name:  "a summary that is a billion laughs fails at its line",
			setup: writeRecorded(file, edition("Privacy policy", laughs()+"summary: *top\n", body)),
			want:  []string{file + ":13: summary must be text"},
		},
		{
			name:  "a title that is a billion laughs fails at its line",
			setup: writeRecorded(file, "---\n"+laughs()+"title: *top\n---\n"+body),
			want:  []string{file + ":12: title must be"},
		},
		{
			name:   "a megabyte anchor aliased a thousand times is ignored with warnings",
			setup:  writeRecorded(file, edition("Privacy policy", "big: &big '"+big+"'\nmany: ["+strings.TrimSuffix(strings.Repeat("*big, ", 1000), ", ")+"]\n", body)),
			want:   []string{file + `:3: unknown front matter key "big" is ignored`},
			either: true,
		},
		{
			name:  "a summary nested 100,000 lists deep fails at its line",
			setup: writeRecorded(file, edition("Privacy policy", "summary: "+deep+"\n", body)),
			want:  []string{file + ":3: front matter: "},
		},
		{
			name:  "a summary nested 100,000 maps deep fails at its line",
			setup: writeRecorded(file, edition("Privacy policy", "summary: "+strings.Repeat("{a: ", 100_000)+"1"+strings.Repeat("}", 100_000)+"\n", body)),
			want:  []string{file + ":3: front matter: "},
		},
		{
			name:  "a TOML front matter nested 100,000 arrays deep fails at its line",
			setup: writeRecorded(file, "+++\ntitle = 'Privacy policy'\nsummary = "+deep+"\n+++\n"+body),
			want:  []string{file + ":3: front matter: "},
		},
		{
			name:   "an anchor that holds itself is ignored with a warning at its line",
			setup:  writeRecorded(file, edition("Privacy policy", "loop: &a [*a]\n", body)),
			want:   []string{file + `:3: unknown front matter key "loop" is ignored`},
			either: true,
		},
		{
			name:  "a summary that is an anchor holding itself fails at its line",
			setup: writeRecorded(file, edition("Privacy policy", "summary: &a [*a]\n", body)),
			want:  []string{file + ":3: summary must be text"},
		},
		{
			name:  "an alias of no anchor fails at its line",
			setup: writeRecorded(file, edition("Privacy policy", "summary: *nowhere\n", body)),
			want:  []string{file + ":3: front matter: unknown anchor 'nowhere' referenced"},
		},
		{
			name:  "a title given only by a merge key is not read: the edition, with no heading either, has no title",
			setup: writeRecorded(file, "---\nbase: &base {title: Privacy policy}\n<<: *base\n---\n1.1. Text.\n"),
			want:  []string{file + ":1: front matter has no title"},
		},
		{
			name:  "a !!binary title is refused or read as its text, never decoded",
			setup: writeRecorded(file, edition("!!binary UHJpdmFjeSA8c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+", "", body)),
			// "Privacy <script>alert(1)</script>", were it decoded.
			either: true,
		},
		{
			name:  "a summary with a custom tag is refused or read as its text, never built into an object",
			setup: writeRecorded(file, edition("Privacy policy", "summary: !ruby/object:Gem::Installer {i: x}\n", body)),
			want:  []string{file + ":3: summary must be text"},
		},
		{
			name:   "a title with a custom tag on a scalar is read as its text",
			setup:  writeRecorded(file, edition("!ruby/object:Gem::Installer Privacy policy", "", body)),
			either: true,
		},
		{
			name:  "policysite.toml nested 100,000 arrays deep fails at its line",
			setup: writeRecorded("policysite.toml", "policies = "+deep+"\n"+goodRepo["policysite.toml"]),
			want:  []string{"policysite.toml:1: "},
		},
		{
			name:  "a string table of i18n/ nested 100,000 arrays deep fails, naming it",
			setup: writeRecorded("i18n/en.toml", "x = "+deep+"\n"),
			want:  []string{"i18n/en.toml"},
		},
	}
}
