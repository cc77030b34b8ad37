package publish

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"strings"

	"policysite/internal/outdir"
	"policysite/internal/plan"
	"policysite/internal/policy"
)

// wellKnownPage is the fallback of /.well-known/privacy-policy for hosts
// that do not read _redirects: an immediate refresh to the policy, and a
// link for readers whose browser does not follow it.
var wellKnownPage = template.Must(template.New("well-known").Parse(`<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }}</title>
<link rel="canonical" href="{{ .URL }}">
<meta http-equiv="refresh" content="0; url={{ .URL }}">
</head>
<body>
<p><a href="{{ .URL }}">{{ .Text }}</a></p>
</body>
</html>
`))

// publishDiscovery writes, after Hugo has run, the files by which hosts and
// crawlers find the privacy policy: /.well-known/privacy-policy as a page
// that sends the reader on, and the Netlify rules that redirect there by the
// reader's language.
func (g *publisher) publishDiscovery() error {
	privacy := g.pl.Privacy
	if privacy == nil || !g.pl.RootBase() {
		return nil
	}
	def := g.pl.Config.Langs[0].Code
	// base_url ends with a slash and, here, is the root of its host.
	page, err := g.wellKnownPage(privacy.Slug, privacy.LangFor(def), g.pl.BaseURL+privacy.Path(def))
	if err != nil {
		return err
	}
	err = g.out.Create(strings.TrimPrefix(plan.WellKnownPath, "/")+"/index.html", page)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: the site already has a page there", plan.WellKnownPath)
	}
	if err != nil {
		return err
	}
	return appendRedirects(g.out, privacy, def)
}

// wellKnownPage renders the fallback page in language l, titled as the
// policy's page in l is.
func (g *publisher) wellKnownPage(slug string, l policy.Lang, target string) ([]byte, error) {
	tl := g.pl.Timelines[slug][l]
	var pub []*policy.Edition
	if tl != nil {
		pub = tl.Published()
	}
	if len(pub) == 0 {
		return nil, fmt.Errorf("%s: policy %q has no published edition in %s", plan.WellKnownPath, slug, l)
	}
	title := pub[len(pub)-1].Title
	if cur := tl.Current(); cur != nil {
		title = cur.Title
	}
	text, err := g.pl.Strings.For(l).T("redirect_link", map[string]any{"Title": title})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", plan.WellKnownPath, err)
	}
	var b bytes.Buffer
	err = wellKnownPage.Execute(&b, map[string]string{"Lang": string(l), "Title": title, "URL": target, "Text": text})
	return b.Bytes(), err
}

// appendRedirects adds to the output's _redirects the rules by which
// Netlify sends /.well-known/privacy-policy to the policy in the reader's
// language. The
// file may already hold the repository's static/_redirects, published just
// before; Netlify applies the first rule that matches, so the repository's
// own rules stay first. The rules are forced (302!) because
// /.well-known/privacy-policy/index.html exists, and Netlify serves an
// existing file rather than an unforced rule.
func appendRedirects(out *outdir.Dir, privacy *plan.SitePolicy, def policy.Lang) error {
	data, err := os.ReadFile(out.Path("_redirects"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	fallback := privacy.Path(def)
	data = append(data, "# policysite: the privacy policy in the reader's language, else in the site's default language\n"...)
	for _, l := range privacy.Langs {
		if p := privacy.Path(l); l != def && p != fallback {
			data = fmt.Appendf(data, "%s /%s 302! Language=%s\n", plan.WellKnownPath, p, l)
		}
	}
	data = fmt.Appendf(data, "%s /%s 302!\n", plan.WellKnownPath, fallback)
	return out.Replace("_redirects", data)
}
