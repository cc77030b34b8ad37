package site

import (
	"fmt"
	"path/filepath"
	"policysite/internal/config"
	"slices"
)

// discoveryConfig adds to Hugo's configuration what crawlers use to find
// the site's pages: the sitemap, robots.txt, and the per-language links to
// the privacy policy and the terms of service.
func (g *generator) discoveryConfig(cfg map[string]any) ([]Message, error) {
	pl := g.pl
	privacy, terms := pl.Privacy, pl.Terms
	var msgs []Message
	if pl.AbsoluteBase() {
		enable := []string{"sitemap", "robotstxt"}
		// A repository's own static/robots.txt or static/sitemap.xml wins;
		// Hugo's would collide with it when static files are published.
		for _, f := range []struct{ name, kind string }{{"robots.txt", "robotstxt"}, {"sitemap.xml", "sitemap"}} {
			if _, err := g.p.fs.Stat(filepath.Join(g.p.root, "static", f.name)); err == nil {
				enable = slices.DeleteFunc(enable, func(k string) bool { return k == f.kind })
			}
		}
		kinds, _ := cfg["disableKinds"].([]string)
		cfg["disableKinds"] = slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return slices.Contains(enable, k) })
		cfg["enableRobotsTXT"] = slices.Contains(enable, "robotstxt")
	} else {
		msgs = append(msgs, Message{Text: fmt.Sprintf("sitemap.xml, robots.txt and the Atom feeds are left out, and the JSON documents carry rooted URLs: they need an absolute base_url such as https://example.com/ (in %s or --base-url), not %q", config.FileName, pl.BaseURL)})
	}
	if privacy != nil && !pl.RootBase() {
		msgs = append(msgs, Message{Text: fmt.Sprintf("/.well-known/privacy-policy is left out: base_url %q is not the root of its host, where well-known addresses must be", pl.BaseURL)})
	}
	langs, _ := cfg["languages"].(map[string]any)
	for _, l := range pl.Config.Langs {
		lang, _ := langs[string(l.Code)].(map[string]any)
		params, _ := lang["params"].(map[string]any)
		if params == nil {
			return nil, fmt.Errorf("hugo config: language %q has no params", l.Code)
		}
		links := map[string]any{}
		if privacy != nil {
			links["privacy_policy"] = privacy.Path(l.Code)
		}
		if terms != nil {
			links["terms_of_service"] = terms.Path(l.Code)
		}
		params["discovery"] = links
	}
	return msgs, nil
}
