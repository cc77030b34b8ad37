package main

import (
	"os"
	"path/filepath"
	"testing"

	"policysite/internal/testfs"
)

// The hostile inputs of TestBadInputNeverCostsData that are symbolic
// links: one that leads out of the repository could publish any file of
// the machine that builds the site, or run it as a template. Editions and
// policy folders may link inside the repository; the site's own folders
// (content, layouts, i18n, assets, static) hold no links at all.

// linkOutside returns a setup that moves the file or folder rel of the
// repository out of it, to a folder of the test's, and leaves a symbolic
// link to it in its place: the same content, from outside. A rel that is
// not there becomes a file outside that says "secret".
func linkOutside(rel string) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		at := filepath.Join(root, filepath.FromSlash(rel))
		outside := filepath.Join(t.TempDir(), filepath.Base(at))
		if _, err := os.Stat(at); os.IsNotExist(err) {
			testfs.WriteFile(t, outside, []byte("secret\n"))
		} else if err := os.Rename(at, outside); err != nil {
			t.Fatal(err)
		}
		symlinkOrSkip(t, outside, at)
	}
}

// linkTo returns a setup that puts at rel a symbolic link whose target is
// target, as written.
func linkTo(rel, target string) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		at := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.RemoveAll(at); err != nil {
			t.Fatal(err)
		}
		symlinkOrSkip(t, target, at)
	}
}

// refusedLink is the row of a link at rel out of the repository, which
// the build must refuse with a message that names rel and says text.
func refusedLink(rel, text string) badInput {
	return badInput{
		name:  "a symbolic link out of the repository as " + rel + " is refused",
		setup: linkOutside(rel),
		want:  []string{oneLine(rel, text)},
	}
}

func symlinkInputs() []badInput {
	const file = "versions/privacy/2024-07-01.en.md"
	text := enEdition("Privacy policy", "", "1.1. The operator processes data.")
	return []badInput{
		refusedLink("policysite.toml", "outside the repository"),       // fixed with issue 22
		refusedLink("versions", "outside the repository"),              // fixed with issue 22
		refusedLink("versions/versions.sum", "outside the repository"), // fixed with issue 22
		// The site's folders hold no link at all, so the message may say
		// that rather than where the link leads.
		refusedLink("i18n/en.toml", "symbolic link"),         // fixed with issue 22
		refusedLink("content/_index.en.md", "symbolic link"), // fixed with issue 22
		refusedLink("layouts/baseof.html", "symbolic link"),  // fixed with issue 22
		refusedLink("static/x.txt", "symbolic link"),         // fixed with issue 22
		refusedLink("assets/x.css", "symbolic link"),         // fixed with issue 22
		{
			name:   "a symbolic link from an edition to a file inside the repository builds",
			setup:  then(writeSource("drafts/privacy.md", text), linkTo(file, "../../drafts/privacy.md"), recordEditions),
			builds: true,
			check:  published("en/privacy/2024-07-01"),
		},
		{
			name:   "a symbolic link from a policy folder to one inside the repository builds",
			setup:  then(linkTo("versions/terms", "privacy"), recordEditions),
			builds: true,
			check:  published("en/terms/2024-05-20"),
		},
		{
			name: "a symbolic link by absolute path, even into the repository, is refused",
			setup: func(t *testing.T, root string) {
				writeSource("drafts/privacy.md", text)(t, root)
				linkTo(file, filepath.Join(root, "drafts", "privacy.md"))(t, root)
			},
			want: []string{oneLine(file, "outside the repository")},
		},
		{
			name:  "a symbolic link that climbs out of the repository by .. is refused",
			setup: linkTo(file, "../../../../../../../../../../etc/hostname"),
			want:  []string{oneLine(file, "outside the repository")},
		},
		{
			name:  "symbolic links that lead to each other are refused, not followed for ever",
			setup: then(linkTo(file, "2024-07-02.en.md"), linkTo("versions/privacy/2024-07-02.en.md", "2024-07-01.en.md")),
			want:  []string{oneLine(file, "symbolic link")},
		},
		{
			name:  "a symbolic link to nothing is refused as broken",
			setup: linkTo(file, "2024-07-09.en.md"),
			want:  []string{oneLine(file, "broken symbolic link")},
		},
		{
			// fixed with issue 22
			name:  "a symbolic link inside the repository in layouts/ is refused",
			setup: then(writeSource("drafts/baseof.html", "{{ block \"main\" . }}{{ end }}"), linkTo("layouts/baseof.html", "../drafts/baseof.html")),
			want:  []string{oneLine("layouts/baseof.html", "symbolic link")},
		},
	}
}
