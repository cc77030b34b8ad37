package sitetree

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"policysite/internal/policy"
)

func TestFilesRefusesLinksAndPipesInTheSiteFolders(t *testing.T) {
	repo := fstest.MapFS{
		"layouts/home.html":        {Data: []byte("ok")},
		"layouts/x.html":           {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
		"content/_index.en.md":     {Mode: fs.ModeNamedPipe},
		"static/robots-extra.txt":  {Data: []byte("ok")},
		"static/.hidden-link":      {Data: []byte("../x"), Mode: fs.ModeSymlink},
		"assets/site.css":          {Data: []byte("ok")},
		"i18n/en.toml":             {Mode: fs.ModeSocket},
		"versions/privacy/link.md": {Data: []byte("../x"), Mode: fs.ModeSymlink},
	}
	got := messages(Files(repo))
	// In the order of Dirs.
	want := []string{
		"layouts/x.html: a symbolic link: layouts/ holds files, not links (a link could publish a file nobody reviewed there); copy the file in its place",
		"content/_index.en.md: not a regular file (a named pipe): content/ holds plain files",
		"i18n/en.toml: not a regular file (a socket): i18n/ holds plain files",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFilesRefusesAPageNestedTooDeep(t *testing.T) {
	repo := fstest.MapFS{
		"content/_index.en.md": {Data: []byte("---\ntitle: Home\n---\n> quoted\n\n" + strings.Repeat(">", 100000) + " x\n")},
		"content/about.en.md":  {Data: []byte("---\ntitle: About\n---\n1. one\n   - two\n")},
	}
	got := messages(Files(repo))
	if len(got) != 1 || !strings.HasPrefix(got[0], "content/_index.en.md:6: nesting 100000 levels deep") {
		t.Errorf("Files = %q; want one error at content/_index.en.md:6", got)
	}
}

func TestFilesRefusesPagesHugoWouldRefuseOrEmbed(t *testing.T) {
	repo := fstest.MapFS{
		"content/help.en.md":     {Data: []byte("---\ntitle: Help\nmarkup: html\n---\n<p>x</p>\n")},
		"content/faq.en.md":      {Data: []byte("+++\ntitle = \"FAQ\"\nmarkup = \"md\"\n+++\nText.\n\n{{< youtube abc >}}\n")},
		"content/raw.html":       {Data: []byte("<script>x</script>")},
		"content/ok.en.markdown": {Data: []byte("---\ntitle: OK\n---\n{{< figure src=\"a.png\" >}}\nmarkup: html is text here\n")},
		"content/img/logo.png":   {Data: []byte("\x89PNG")},
		"content/news.en.md":     {Data: []byte("---\ntitle: News\n---\n{{<\n  gist u 1 >}}\n")},
	}
	got := messages(Files(repo))
	want := []string{
		`content/faq.en.md:7: the "youtube" shortcode embeds another site's frame or script, which policysite does not publish; link to it instead`,
		`content/help.en.md:3: markup "html": content pages are Markdown; remove the key`,
		`content/news.en.md:4: the "gist" shortcode embeds another site's frame or script, which policysite does not publish; link to it instead`,
		`content/raw.html: content pages are Markdown (.md): Hugo refuses .html or runs another program for it`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFilesAcceptsASiteWithoutItsOwnFolders(t *testing.T) {
	if errs := Files(fstest.MapFS{"policysite.toml": {Data: []byte("x")}}); len(errs) != 0 {
		t.Errorf("Files = %v; want nothing", errs)
	}
}

func TestCollisionsNamesEveryPageAtAPolicysAddress(t *testing.T) {
	repo := fstest.MapFS{
		"content/about.en.md":     {Data: []byte("x")},
		"content/about.ru.md":     {Data: []byte("x")},
		"content/terms/_index.md": {Data: []byte("x")},
		"content/privacy-faq.md":  {Data: []byte("x")},
	}
	got := messages(Collisions(repo, []string{"about", "privacy", "terms"}, []policy.Lang{"ru", "en"}))
	want := []string{
		`content/about.ru.md: uses the address of policy "about" (versions/about/): rename one of them`,
		`content/about.en.md: uses the address of policy "about" (versions/about/): rename one of them`,
		`content/terms: uses the address of policy "terms" (versions/terms/): rename one of them`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Collisions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func messages(errs policy.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}
