package site

import (
	"path/filepath"
	"testing"
)

func TestMessagesNameEditionsByFileAndLine(t *testing.T) {
	p := newProject("/policysite")
	page := filepath.Join(p.root, "content/privacy/2024-05-01/_index.ru.md")
	p.rename[page] = sourceFile{File: "versions/privacy/2024-05-01.ru.md", BodyLine: 6}
	p.paths = p.pathReplacer()
	p.pagePos = pagePosRe(p.root)
	for in, want := range map[string]string{
		`Raw HTML omitted while rendering "` + page + `"`:               `Raw HTML omitted while rendering "versions/privacy/2024-05-01.ru.md:6"`,
		`"` + page + `:12:7": failed to render shortcode`:               `"versions/privacy/2024-05-01.ru.md:16": failed to render shortcode`,
		page + `:2: at the body's first line`:                           `versions/privacy/2024-05-01.ru.md:6: at the body's first line`,
		page + `:1:1: in the front matter`:                              `versions/privacy/2024-05-01.ru.md:6: in the front matter`,
		`"/policysite/content/privacy/_index.ru.md:3:1": a policy page`: `"content/privacy/_index.ru.md:3:1": a policy page`,
		`template "/policysite/layouts/edition.html:4:2": bad`:          `template "layouts/edition.html:4:2": bad`,
	} {
		if got := p.clean(in); got != want {
			t.Errorf("clean(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}
