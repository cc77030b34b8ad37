package site

import (
	"fmt"
	"path/filepath"
	"policysite/internal/plan"
	"policysite/internal/redline"
)

// renderedPage is an edition or redline page that Hugo renders and the
// build finishes as Hugo writes it (see publishFs).
type renderedPage struct {
	rel string           // the content file: "content/privacy/2024-02-15/_index.ru.md"
	out string           // the HTML file in the output: "ru/privacy/2024-02-15/index.html"
	cmp *plan.Comparison // the redline the page shows, or nil
	// labels are the redline's column headings and marks in the page's
	// language.
	labels redline.Labels
	// warnings are about an edition page's source (see markup).
	warnings []Message
}

// finisher is what the build does to pages as Hugo publishes them: an
// edition's page and a policy's (which shows the edition in force) get the
// sanitised HTML of the edition's raw HTML (see markup.go), a redline
// page gets its views, and the progress hears of each edition and redline
// page. Doing it as the page is written, rather than reading thousands of
// pages back once Hugo is done, spares a large site's build a file read
// and a rewrite per page.
func (g *generator) finisher(outDir string) func(name string) func([]byte) ([]byte, error) {
	pages := make(map[string]*renderedPage, len(g.pages))
	for _, rp := range g.pages {
		pages[filepath.Join(outDir, filepath.FromSlash(rp.out))] = rp
	}
	policies := make(map[string]bool, len(g.policyPages))
	for _, p := range g.policyPages {
		policies[filepath.Join(outDir, filepath.FromSlash(p))] = true
	}
	return func(name string) func([]byte) ([]byte, error) {
		name = filepath.Clean(name)
		if policies[name] {
			return func(html []byte) ([]byte, error) { return g.fragments.fill(html), nil }
		}
		rp := pages[name]
		if rp == nil {
			return nil
		}
		return func(html []byte) ([]byte, error) {
			defer g.o.Progress.Done(1)
			if rp.cmp == nil {
				return g.fragments.fill(html), nil
			}
			html, err := fillViews(rp.cmp, rp.labels, html)
			if err != nil {
				return nil, fmt.Errorf("write the redline at %s: %w", rp.out, err)
			}
			return html, nil
		}
	}
}
