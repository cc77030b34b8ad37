package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"policysite/internal/config"
	"policysite/internal/policy"
)

// sitePolicy is a policy that pages announce with a link type, such as the
// privacy policy.
type sitePolicy struct {
	slug string
	// langs are the languages in which the policy has a published page, in
	// config order.
	langs []policy.Lang
}

// langFor is the language of the policy's page for a reader of language l:
// l when the policy is published in it, else the first configured language
// that has it.
func (sp *sitePolicy) langFor(l policy.Lang) policy.Lang {
	if slices.Contains(sp.langs, l) {
		return l
	}
	return sp.langs[0]
}

// path is the policy's page for a reader of language l.
func (sp *sitePolicy) path(l policy.Lang) string {
	return string(sp.langFor(l)) + "/" + sp.slug + "/"
}

// sitePolicies resolves privacy_policy and terms_of_service. A key naming no
// policy is an error, since it is a typo or a policy that was removed; an
// omitted key falls back to the conventional slug silently, since a site
// need not have such a policy at all. A policy whose editions are all posted
// after Now has no page to link yet.
func sitePolicies(in Input) (privacy, terms *sitePolicy, msgs []Message, err error) {
	var errs policy.ErrorList
	resolve := func(key, slug, fallback string) *sitePolicy {
		explicit := slug != ""
		if !explicit {
			slug = fallback
		}
		i := slices.IndexFunc(in.Policies, func(p *policy.Policy) bool { return p.Slug == slug })
		if i < 0 {
			if explicit {
				errs = append(errs, policy.Errorf(config.FileName, 0, "%s: there is no policy %q: versions/%s/ has no editions", key, slug, slug))
			}
			return nil
		}
		sp := &sitePolicy{slug: slug}
		for _, l := range in.Config.Codes() {
			if eds := in.Policies[i].Editions[l]; len(eds) > 0 && len(policy.NewTimeline(eds, in.Now).Published()) > 0 {
				sp.langs = append(sp.langs, l)
			}
		}
		if len(sp.langs) == 0 {
			if explicit {
				msgs = append(msgs, Message{Text: fmt.Sprintf("%s: %s: policy %q has no edition posted yet, so pages link to none", config.FileName, key, slug)})
			}
			return nil
		}
		return sp
	}
	privacy = resolve("privacy_policy", in.Config.PrivacyPolicy, "privacy")
	terms = resolve("terms_of_service", in.Config.TermsOfService, "terms")
	if err := errs.Err(); err != nil {
		return nil, nil, nil, err
	}
	return privacy, terms, msgs, nil
}

// absoluteBase reports whether base is an absolute URL; a root-relative
// base_url gives no way to write the absolute URLs that sitemaps need.
func absoluteBase(base string) bool {
	u, err := url.Parse(base)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// rootBase reports whether base is the root of its host, where
// /.well-known/ must be.
func rootBase(base string) bool {
	u, err := url.Parse(base)
	return err == nil && u.Path == "/"
}

// discoveryConfig adds to Hugo's configuration what crawlers use to find
// the site's pages: the sitemap, robots.txt, and the per-language links to
// the privacy policy and the terms of service.
func discoveryConfig(in Input, cfg map[string]any) ([]Message, error) {
	privacy, terms, msgs, err := sitePolicies(in)
	if err != nil {
		return nil, err
	}
	if absoluteBase(in.BaseURL) {
		enable := []string{"sitemap", "robotstxt"}
		// A repository's own static/robots.txt or static/sitemap.xml wins;
		// Hugo's would collide with it when static files are published.
		for _, f := range []struct{ name, kind string }{{"robots.txt", "robotstxt"}, {"sitemap.xml", "sitemap"}} {
			if _, err := os.Stat(filepath.Join(in.Root, "static", f.name)); err == nil {
				enable = slices.DeleteFunc(enable, func(k string) bool { return k == f.kind })
			}
		}
		kinds, _ := cfg["disableKinds"].([]string)
		cfg["disableKinds"] = slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return slices.Contains(enable, k) })
		cfg["enableRobotsTXT"] = slices.Contains(enable, "robotstxt")
	} else {
		msgs = append(msgs, Message{Text: fmt.Sprintf("sitemap.xml, robots.txt and the Atom feeds are left out, and the JSON documents carry rooted URLs: they need an absolute base_url such as https://example.com/ (in %s or --base-url), not %q", config.FileName, in.BaseURL)})
	}
	if privacy != nil && !rootBase(in.BaseURL) {
		msgs = append(msgs, Message{Text: fmt.Sprintf("/.well-known/privacy-policy is left out: base_url %q is not the root of its host, where well-known addresses must be", in.BaseURL)})
	}
	langs, _ := cfg["languages"].(map[string]any)
	for _, l := range in.Config.Langs {
		lang, _ := langs[string(l.Code)].(map[string]any)
		params, _ := lang["params"].(map[string]any)
		if params == nil {
			return nil, fmt.Errorf("hugo config: language %q has no params", l.Code)
		}
		links := map[string]any{}
		if privacy != nil {
			links["privacy_policy"] = privacy.path(l.Code)
		}
		if terms != nil {
			links["terms_of_service"] = terms.path(l.Code)
		}
		params["discovery"] = links
	}
	return msgs, nil
}

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

// wellKnownPath is the privacy policy's well-known address (RFC 8615), as
// the draft "Policy Discovery" (https://mikewest.github.io/privacy-policy-discovery/)
// names it; the draft asks for a redirect from it to the policy.
const wellKnownPath = "/.well-known/privacy-policy"

// publishDiscovery writes, after Hugo has run, the files by which hosts and
// crawlers find the privacy policy: /.well-known/privacy-policy as a page
// that sends the reader on, and the Netlify rules that redirect there by the
// reader's language.
func (g *generator) publishDiscovery() error {
	privacy, _, _, err := sitePolicies(g.in)
	if err != nil || privacy == nil || !rootBase(g.in.BaseURL) {
		return err
	}
	def := g.in.Config.Langs[0].Code
	// base_url ends with a slash and, here, is the root of its host.
	page, err := g.wellKnownPage(privacy.slug, privacy.langFor(def), g.in.BaseURL+privacy.path(def))
	if err != nil {
		return err
	}
	err = g.out.create(strings.TrimPrefix(wellKnownPath, "/")+"/index.html", page)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: the site already has a page there", wellKnownPath)
	}
	if err != nil {
		return err
	}
	return appendRedirects(g.out, privacy, def)
}

// wellKnownPage renders the fallback page in language l, titled as the
// policy's page in l is.
func (g *generator) wellKnownPage(slug string, l policy.Lang, target string) ([]byte, error) {
	tl := g.timelines[slug][l]
	var pub []*policy.Edition
	if tl != nil {
		pub = tl.Published()
	}
	if len(pub) == 0 {
		return nil, fmt.Errorf("%s: policy %q has no published edition in %s", wellKnownPath, slug, l)
	}
	title := pub[len(pub)-1].Title
	if cur := tl.Current(); cur != nil {
		title = cur.Title
	}
	text, err := g.in.Strings.For(l).T("redirect_link", map[string]any{"Title": title})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", wellKnownPath, err)
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
func appendRedirects(out *output, privacy *sitePolicy, def policy.Lang) error {
	data, err := os.ReadFile(out.path("_redirects"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	fallback := privacy.path(def)
	data = append(data, "# policysite: the privacy policy in the reader's language, else in the site's default language\n"...)
	for _, l := range privacy.langs {
		if p := privacy.path(l); l != def && p != fallback {
			data = fmt.Appendf(data, "%s /%s 302! Language=%s\n", wellKnownPath, p, l)
		}
	}
	data = fmt.Appendf(data, "%s /%s 302!\n", wellKnownPath, fallback)
	return out.replace("_redirects", data)
}
