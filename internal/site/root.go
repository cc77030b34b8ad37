package site

import (
	"path/filepath"

	"policysite/internal/policy"
)

// The page at the site's root. Every page lives below a language's folder
// (/ru/, /en/), so the root is left to choose among them. Hugo would write
// there a redirect to the default language with an absolute URL, which
// leads a local preview to the deployed host and makes a reader of another
// language pass through a page in the wrong one. Instead the root is a
// small page of its own in every language, with no script and no automatic
// redirect: a host that redirects by the browser's language (netlify.toml)
// never shows it, and any other host shows the choice.

// languageChoiceFile is the content file of the root page, in the default
// language, without its language and extension. Its name keeps it out of
// the way of a hand-written page.
const languageChoiceFile = "content/policysite-language-choice"

// languageChoiceLayout is the template of the root page,
// layouts/language-choice.html; a company restyles the page there.
const languageChoiceLayout = "language-choice"

// choice is the root page's entry for one language.
type choice struct {
	Lang  string `json:"lang"`
	Name  string `json:"name"`
	Title string `json:"title"`
	// Path is the language's home, relative to base_url.
	Path string `json:"path"`
	// Link is the link's text, in the language itself.
	Link string `json:"link"`
}

// languageChoice turns Hugo's redirect at the root off in cfg and adds the
// root page to the project.
func (g *generator) languageChoice(cfg map[string]any) error {
	// Named disableDefaultLanguageRedirect before Hugo v0.154.5, which keeps
	// that name as an alias.
	cfg["disableDefaultSiteRedirect"] = true
	def := g.pl.Config.Langs[0].Code
	rel := languageChoiceFile + "." + string(def) + ".md"
	if _, err := g.p.fs.Stat(filepath.Join(g.p.root, filepath.FromSlash(rel))); err == nil {
		return policy.Errorf(rel, 0, "uses the name of the generated page at the site's root: rename it")
	}
	var langs []choice
	for _, l := range g.pl.Config.Langs {
		link, err := g.pl.Strings.For(l.Code).T("language_choice_link", nil)
		if err != nil {
			return err
		}
		langs = append(langs, choice{Lang: string(l.Code), Name: l.Name, Title: l.Title, Path: string(l.Code) + "/", Link: link})
	}
	fm := map[string]any{
		"title":  g.pl.Config.Langs[0].Title,
		"layout": languageChoiceLayout,
		// A leading slash keeps Hugo from putting the page under the
		// language's folder.
		"url": "/",
		// The sitemaps list each language's pages; this page belongs to
		// none, and no list of pages should show it.
		"sitemap": map[string]any{"disable": true},
		"build":   map[string]any{"list": "never"},
		"ps":      map[string]any{"kind": "language-choice", "languages": langs},
	}
	return g.writePage(rel, fm, "")
}
