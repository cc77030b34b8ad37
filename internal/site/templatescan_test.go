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
