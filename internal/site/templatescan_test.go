package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzScanTemplate: any text, template or not, is judged without a panic,
// and a use found is on one of the text's lines.
func FuzzScanTemplate(f *testing.F) {
	layouts, _ := filepath.Glob(filepath.Join("..", "..", "layouts", "*", "*.html"))
	top, _ := filepath.Glob(filepath.Join("..", "..", "layouts", "*.html"))
	for _, p := range append(layouts, top...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		`{{ with site }}{{ .Lastmod }}{{ end }}`,
		`{{ $s := site }}{{ range $i, $x := $s.Sites }}{{ $x.Home.Date }}{{ end }}`,
		`{{ (site.GetPage (printf "/%s" .Type)).Title }}`,
		`{{ template "x" .Site }}{{ define "x" }}{{ .Data }}{{ end }}`,
		`{{ .Site.GetPage "section" "/x" }}{{ site.GetPage }}`,
		`{{ range site.Sites }}{{ break }}{{ end }}{{ with .x }}{{ else with site }}{{ .Store }}{{ end }}`,
	} {
		f.Add([]byte(s))
	}
	slugs := map[string]bool{"privacy": true}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, _ := scanTemplate(t.TempDir(), slugs, "layouts/x.html", data)
		if b == nil {
			return
		}
		if lines := 1 + bytes.Count(data, []byte("\n")); b.Line < 1 || b.Line > lines {
			t.Errorf("line %d of a text of %d lines", b.Line, lines)
		}
		if b.Uses == "" {
			t.Error("a use that names nothing")
		}
	})
}

// TestShippedTemplatesAreReadAndCacheable: every template the repository
// ships is read by the parser, not by the regular expressions, and none of
// those that render edition and redline pages keeps them out of the cache.
func TestShippedTemplatesAreReadAndCacheable(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(filepath.Join(root, "layouts"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		b, ok := scanTemplate(root, map[string]bool{"privacy": true, "terms": true}, filepath.ToSlash(rel), data)
		if !ok {
			t.Errorf("%s: Go's parser cannot read it", rel)
		}
		if b != nil && pageTemplates.MatchString(filepath.ToSlash(rel)) {
			t.Errorf("%s keeps pages out of the cache", b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
