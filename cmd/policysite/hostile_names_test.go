package main

import (
	"strings"
	"testing"
)

// The hostile inputs of TestBadInputNeverCostsData in names: policy
// folders and edition files whose names would make a bad address, clash
// with a page of the site, hide in a listing or forge a message, and slugs
// in policysite.toml that climb out of the site.

func hostileNameInputs() []badInput {
	text := enEdition("Privacy policy", "", "1.1. The operator processes data.")
	cfg := goodRepo["policysite.toml"]
	return []badInput{
		{
			name:  "a policy slug ../x in policysite.toml is refused at its line",
			setup: writeRecorded("policysite.toml", strings.Replace(cfg, "time_zone", "policies = [\"privacy\", \"../x\"]\ntime_zone", 1)),
			want:  []string{`policysite.toml:2: policies: "../x" is not a policy slug`},
		},
		{
			name:  "a privacy_policy of ../x in policysite.toml is refused at its line",
			setup: writeRecorded("policysite.toml", strings.Replace(cfg, "time_zone", "privacy_policy = \"../x\"\ntime_zone", 1)),
			want:  []string{`policysite.toml:2: privacy_policy: "../x" is not a policy slug`},
		},
		{
			// fixed with issue 22: check must see the clash, as the build does.
			name:  "a policy folder at the address of a page of content/ is refused, naming the page",
			setup: writeRecorded("versions/about/2024-07-01.en.md", text, "content/about.en.md", "---\ntitle: About\n---\nAbout us.\n"),
			want:  []string{`content/about.en.md: uses the address of policy "about"`},
		},
		{
			name:  "a policy folder named CON is refused",
			setup: writeRecorded("versions/CON/2024-07-01.en.md", text),
			want:  []string{`versions/CON: policy folder "CON" must be named`},
		},
		{
			name:  "a policy folder with a trailing dot is refused",
			setup: writeRecorded("versions/privacy./2024-07-01.en.md", text),
			want:  []string{`versions/privacy.: policy folder "privacy." must be named`},
		},
		{
			name:  "a policy folder that starts with a hyphen is refused",
			setup: writeRecorded("versions/-privacy/2024-07-01.en.md", text),
			want:  []string{`versions/-privacy: policy folder "-privacy" must be named`},
		},
		{
			name:  "a policy folder with a right-to-left override is refused, shown escaped",
			setup: writeRecorded("versions/terms\u202efdp.exe/2024-07-01.en.md", text),
			want:  []string{`versions/"terms\u202efdp.exe": policy folder`},
			never: []string{"versions/terms\u202e"},
		},
		{
			name:  "a policy folder with a line break is refused, quoted, so it cannot pose as another message",
			setup: writeRecorded("versions/x\n2024-01-10.en.md:1: fake/2024-07-01.en.md", text),
			want:  []string{`versions/"x\n2024-01-10.en.md:1: fake": policy folder`},
			never: []string{"2024-01-10.en.md:1: fake"},
		},
		{
			name:   "a policy folder name of 64 characters builds",
			setup:  writeRecorded("versions/"+strings.Repeat("a", 64)+"/2024-07-01.en.md", text),
			builds: true,
			check:  published("en/" + strings.Repeat("a", 64) + "/2024-07-01"),
		},
		{
			name:  "a language in capitals in a file name is refused as unknown",
			setup: writeRecorded("versions/privacy/2024-07-01.EN.md", text),
			want:  []string{`versions/privacy/2024-07-01.EN.md: unknown language "EN" in the file name`},
		},
		{
			name:  "an extension in capitals is refused",
			setup: writeRecorded("versions/privacy/2024-07-01.en.MD", text),
			want:  []string{`versions/privacy/2024-07-01.en.MD: file name "2024-07-01.en.MD" is not <YYYY-MM-DD>.<lang>.md`},
		},
		{
			name:  "a file name with a trailing space is refused",
			setup: writeRecorded("versions/privacy/2024-07-01.en.md ", text),
			want:  []string{`versions/privacy/2024-07-01.en.md : file name "2024-07-01.en.md " is not`},
		},
		{
			name:  "a file name that is not UTF-8 is refused, shown escaped",
			setup: writeRecorded("versions/privacy/2024-07-01\xff.en.md", text),
			want:  []string{`versions/privacy/"2024-07-01\xff.en.md": file name`},
		},
		{
			name:   "a hidden edition file is skipped",
			setup:  writeRecorded("versions/privacy/.2024-01-01.ru.md", "not an edition\x00"),
			builds: true,
			check:  unpublished("ru/privacy/2024-01-01"),
		},
		{
			name:   "a hidden policy folder is skipped",
			setup:  writeRecorded("versions/.trash/2024-07-01.en.md", text),
			builds: true,
			check:  unpublished("en/.trash"),
		},
		{
			// Hugo reads a comma in the path of its configuration file as
			// a list of two files.
			name:   "a repository in a folder with a comma in its name builds the same site",
			folder: "a,b",
			setup:  func(*testing.T, string) {},
			builds: true,
			check:  then(published("en/privacy/2024-05-20"), unpublished("privacy"), unpublished("categories")),
		},
		{
			name:   "a repository in a folder with spaces, # and %, named in Cyrillic, builds the same site",
			folder: "Документы #1 50%",
			setup:  func(*testing.T, string) {},
			builds: true,
			check:  then(published("en/privacy/2024-05-20"), unpublished("privacy"), unpublished("categories")),
		},
		{
			name:  "a folder inside a policy folder is refused",
			setup: writeRecorded("versions/privacy/old/2024-07-01.en.md", text),
			want:  []string{"versions/privacy/old: unexpected folder"},
		},
		{
			name:  "a file directly in versions/ is refused",
			setup: writeRecorded("versions/2024-07-01.en.md", text),
			want:  []string{"versions/2024-07-01.en.md: not a policy folder"},
		},
	}
}
