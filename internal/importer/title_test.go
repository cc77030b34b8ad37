package importer

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"policysite/internal/source"
)

// shared holds real policies beside the checkout (see its
// corpus/README.md); the tests that read it skip when it is absent.
const shared = "../../../shared"

// realTitleSources lists the files of ../shared whose titles
// TestRealTitlesCarryNoMarkdown checks: the latest edition of each file of
// the git bundles, and every file of the flat corpora and the seeds.
func realTitleSources(t *testing.T) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("skipped: %s is not beside the checkout (%v); this test reads the real policies there", shared, err)
	}
	out := map[string][]byte{}
	read := func(name, path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = data
	}
	for _, pattern := range []string{"corpus/*/*/*.md", "corpus/*/*/*/*.md", "seeds/*"} {
		files, _ := filepath.Glob(filepath.Join(shared, pattern))
		for _, f := range files {
			if !strings.Contains(f, "git-histories") {
				read(strings.TrimPrefix(f, shared+"/"), f)
			}
		}
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Log("git is not installed: the git bundles are not read")
		return out
	}
	// A clone of main checks out the latest state of each file.
	for bundle, paths := range map[string][]string{
		"ota":     {"LiveJournal/Terms of Service.md", "Telegram/Privacy Policy.md", "Spotify/Terms of Service.md", "Discord/Terms of Service.md"},
		"github":  {"Policies/acceptable-use-policies/github-acceptable-use-policies.md", "Policies/github-terms/github-corporate-terms-of-service.md"},
		"mozilla": {"ru/websites_tou.md", "en/websites_tou.md"},
	} {
		dir := filepath.Join(t.TempDir(), bundle)
		src := filepath.Join(shared, "corpus", "git-histories", bundle+".bundle")
		if b, err := exec.Command("git", "clone", "-q", src, dir, "-b", "main").CombinedOutput(); err != nil {
			t.Fatalf("git clone %s: %v\n%s", src, err, b)
		}
		for _, p := range paths {
			read(bundle+".bundle:"+p, filepath.Join(dir, p))
		}
	}
	return out
}

// TestRealTitlesCarryNoMarkdown: every real policy, as pandoc, a CMS or a
// crawler wrote it, imports without --title with a title that carries no
// Markdown, and the site's parser reads the file back with it.
func TestRealTitlesCarryNoMarkdown(t *testing.T) {
	files := realTitleSources(t)
	if len(files) == 0 {
		t.Fatalf("no files found in %s", shared)
	}
	origins := map[source.TitleOrigin]string{source.TitleFrontMatter: "front matter", source.TitleHeading: "heading", source.TitleFileName: "file name"}
	for _, name := range sortedKeys(boolKeys(files)) {
		p, err := Make([]State{{Name: name, Date: day("2024-02-01"), Data: files[name]}}, opts(t.TempDir()))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(p.Files) != 1 {
			t.Errorf("%s: %d files, skipped %q", name, len(p.Files), p.Skipped)
			continue
		}
		f := p.Files[0]
		t.Logf("%-70s %-12s %q", name, origins[f.TitleFrom], f.Title)
		if strings.TrimSpace(f.Title) == "" {
			t.Errorf("%s: empty title", name)
		}
		for _, mark := range []string{`\`, "[", "](", "**", "__", "{:", "#"} {
			if strings.Contains(f.Title, mark) {
				t.Errorf("%s: title %q holds %q", name, f.Title, mark)
			}
		}
	}
}

// TestMakeTitlesWithoutFrontMatter: a source with no front matter and no
// --title takes its first heading's title, or its file's name, never a
// refusal; the notes say so, one for each run of editions alike.
func TestMakeTitlesWithoutFrontMatter(t *testing.T) {
	states := []State{
		{Name: "2024-02-01-a.md", Date: day("2024-02-01"), Data: []byte("Terms\n=====\n\n1.1. Text.\n")},
		{Name: "2024-03-01-b.md", Date: day("2024-03-01"), Data: []byte("## **Terms**\n\n1.1. Text, changed.\n")},
		{Name: "commit 0123456789ab Legal/Terms of Service.md", Date: day("2024-04-01"), Data: []byte("1.1. No heading.\n")},
		{Name: "2024-05-01-d.md", Date: day("2024-05-01"), Data: []byte("---\ntitle: Terms\n---\n1.1. Front matter.\n")},
	}
	p, err := Make(states, opts(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, f := range p.Files {
		titles = append(titles, f.Title)
		if !strings.Contains(string(f.Data), "\ntitle: "+f.Title+"\n") || strings.Contains(string(f.Data), "=====") || strings.Contains(string(f.Data), "**") {
			t.Errorf("%s:\n%s", f.Rel, f.Data)
		}
	}
	if want := []string{"Terms", "Terms", "Terms of Service", "Terms"}; !slices.Equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}
	want := []string{
		`versions/privacy/2024-02-01.en.md to versions/privacy/2024-03-01.en.md (2 editions): title "Terms" taken from the first heading of the text, as the source has no front matter title; --title gives another`,
		`versions/privacy/2024-04-01.en.md: title "Terms of Service" taken from the file's name, as the source has no front matter title and no heading of level 1 or 2; --title gives another`,
	}
	if got := p.TitleNotes(); !slices.Equal(got, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func boolKeys(m map[string][]byte) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}
