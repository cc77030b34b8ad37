package site_test

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"policysite/internal/site"
	"policysite/internal/testfs"
)

// discoveryFixture is the site fixture with a terms policy posted in Russian
// only, and a hand-written page translated into both languages.
func discoveryFixture(t *testing.T) string {
	t.Helper()
	root := fixture(t)
	files := map[string]string{
		"versions/terms/2023-06-01.ru.md": "---\ntitle: Условия\nposted: 2023-06-01T10:00:00+03:00\n---\n## 1. Общие положения\n\n1.1. Текст.\n",
		"content/about.ru.md":             "---\ntitle: О сайте\n---\nО сайте.\n",
		"content/about.en.md":             "---\ntitle: About\n---\nAbout.\n",
	}
	for name, data := range files {
		testfs.WriteFile(t, filepath.Join(root, name), []byte(data))
	}
	return root
}

// setConfig puts top-level keys before the fixture's [[languages]] and
// replaces its base_url with base, if base is not empty.
func setConfig(t *testing.T, root, base, keys string) {
	t.Helper()
	path := filepath.Join(root, "policysite.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if base != "" {
		s = strings.Replace(s, `base_url = "https://policies.example/"`, `base_url = "`+base+`"`, 1)
	}
	if err := os.WriteFile(path, []byte(keys+"\n"+s), 0o644); err != nil {
		t.Fatal(err)
	}
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		Lastmod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

type sitemapURL struct {
	Loc     string        `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
	Lastmod string        `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	Links   []sitemapLink `xml:"http://www.w3.org/1999/xhtml link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

func decodeXML(t *testing.T, dir, name string, v any) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(read(t, dir, name)))
	dec.Strict = true
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestSitemapIndexListsEveryLanguage(t *testing.T) {
	out, _ := build(t, discoveryFixture(t))
	var idx sitemapIndex
	decodeXML(t, out, "sitemap.xml", &idx)
	var locs []string
	for _, s := range idx.Sitemaps {
		locs = append(locs, s.Loc)
		if s.Lastmod != "" {
			if _, err := time.Parse(time.RFC3339, s.Lastmod); err != nil {
				t.Errorf("lastmod of %s: %v", s.Loc, err)
			}
		}
	}
	want := []string{"https://policies.example/ru/sitemap.xml", "https://policies.example/en/sitemap.xml"}
	if !slices.Equal(locs, want) {
		t.Errorf("sitemap index lists %q, want %q", locs, want)
	}
}

// sitemapEntries reads both language sitemaps, keyed by <loc>.
func sitemapEntries(t *testing.T, out string) map[string]sitemapURL {
	t.Helper()
	entries := map[string]sitemapURL{}
	for _, l := range []string{"ru", "en"} {
		var set urlSet
		decodeXML(t, out, l+"/sitemap.xml", &set)
		if len(set.URLs) == 0 {
			t.Fatalf("%s/sitemap.xml lists no pages", l)
		}
		for _, u := range set.URLs {
			if _, dup := entries[u.Loc]; dup {
				t.Errorf("%s is listed twice", u.Loc)
			}
			entries[u.Loc] = u
			p, err := url.Parse(u.Loc)
			if err != nil || p.Scheme != "https" || p.Host != "policies.example" {
				t.Errorf("loc %q is not an absolute URL of the site", u.Loc)
				continue
			}
			if !strings.HasPrefix(p.Path, "/"+l+"/") {
				t.Errorf("%s/sitemap.xml lists %s, a page of another language", l, u.Loc)
			}
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p.Path), "index.html")); err != nil {
				t.Errorf("%s lists %s, which the build did not write", l, u.Loc)
			}
			if u.Lastmod != "" {
				if _, err := time.Parse(time.RFC3339, u.Lastmod); err != nil {
					t.Errorf("lastmod of %s: %v", u.Loc, err)
				}
			}
		}
	}
	return entries
}

func TestSitemapAlternatesAreTrueTranslations(t *testing.T) {
	out, _ := build(t, discoveryFixture(t))
	entries := sitemapEntries(t, out)
	const base = "https://policies.example/"
	for _, p := range []string{
		"ru/", "en/", "ru/privacy/", "en/privacy/", "ru/privacy/2023-01-10/", "ru/privacy/2024-05-01/",
		"en/privacy/2024-10-01/", "ru/terms/", "ru/about/", "en/about/",
	} {
		if _, ok := entries[base+p]; !ok {
			t.Errorf("the sitemaps lack /%s", p)
		}
	}
	for loc := range entries {
		if strings.Contains(loc, "404") {
			t.Errorf("the sitemaps list the 404 page %s", loc)
		}
	}
	for loc, u := range entries {
		if len(u.Links) == 0 {
			continue
		}
		alts := map[string]string{}
		for _, l := range u.Links {
			if l.Rel != "alternate" {
				t.Errorf("%s: link rel %q", loc, l.Rel)
			}
			if _, dup := alts[l.Hreflang]; dup {
				t.Errorf("%s: hreflang %q twice", loc, l.Hreflang)
			}
			alts[l.Hreflang] = l.Href
		}
		lang := strings.Split(strings.TrimPrefix(loc, base), "/")[0]
		if alts[lang] != loc {
			t.Errorf("%s: the alternates do not include the page itself: %v", loc, alts)
		}
		if len(alts) < 3 {
			t.Errorf("%s: alternates without a translation: %v", loc, alts)
		}
		// The first configured language is Russian.
		if want := alts["ru"]; alts["x-default"] != want || want == "" {
			t.Errorf("%s: x-default = %q, want the Russian version %q", loc, alts["x-default"], want)
		}
		for hl, href := range alts {
			if hl != "ru" && hl != "en" && hl != "x-default" {
				t.Errorf("%s: hreflang %q is not a language code of the site", loc, hl)
			}
			if hl == "x-default" || href == loc {
				continue
			}
			other, ok := entries[href]
			if !ok {
				t.Errorf("%s names %s (%s), which no sitemap lists", loc, href, hl)
				continue
			}
			if !slices.ContainsFunc(other.Links, func(l sitemapLink) bool { return l.Href == loc && l.Hreflang == lang }) {
				t.Errorf("%s names %s, which does not name it back", loc, href)
			}
		}
	}
	// The Russian-only edition leads readers of English to the nearest
	// edition, but that is no translation for the sitemap.
	only := base + "ru/privacy/2024-05-01/"
	if !strings.Contains(read(t, out, "ru/privacy/2024-05-01/index.html"), `href="/en/privacy/2023-01-10/"`) {
		t.Fatal("the fixture's Russian-only edition no longer links the nearest English edition; the test checks nothing")
	}
	if links := entries[only].Links; len(links) != 0 {
		t.Errorf("%s has no translation, yet the sitemap gives alternates: %+v", only, links)
	}
	for _, u := range entries {
		for _, l := range u.Links {
			if l.Href == only && u.Loc != only {
				t.Errorf("%s names the Russian-only edition as its translation", u.Loc)
			}
		}
	}
	if links := entries[base+"ru/terms/"].Links; len(links) != 0 {
		t.Errorf("a policy in Russian only has alternates: %+v", links)
	}
	if alts := entries[base+"en/about/"].Links; !slices.ContainsFunc(alts, func(l sitemapLink) bool { return l.Href == base+"ru/about/" }) {
		t.Errorf("a hand-written page lacks its translation: %+v", alts)
	}
}

func TestRobotsTxtNamesTheSitemap(t *testing.T) {
	out, _ := build(t, discoveryFixture(t))
	robots := read(t, out, "robots.txt")
	for _, w := range []string{"User-agent: *\n", "Allow: /\n", "\nSitemap: https://policies.example/sitemap.xml\n"} {
		if !strings.Contains(robots, w) {
			t.Errorf("robots.txt lacks %q:\n%s", w, robots)
		}
	}
	for _, p := range []string{"ru/robots.txt", "en/robots.txt"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s exists; robots.txt belongs at the root only", p)
		}
	}
}

func TestPagesLinkThePolicies(t *testing.T) {
	out, _ := build(t, discoveryFixture(t))
	tests := []struct {
		page, privacy, terms string
	}{
		{"ru/index.html", "https://policies.example/ru/privacy/", "https://policies.example/ru/terms/"},
		{"ru/privacy/2024-05-01/index.html", "https://policies.example/ru/privacy/", "https://policies.example/ru/terms/"},
		{"ru/about/index.html", "https://policies.example/ru/privacy/", "https://policies.example/ru/terms/"},
		{"ru/404.html", "https://policies.example/ru/privacy/", "https://policies.example/ru/terms/"},
		// The terms are in Russian only: English pages link them there.
		{"en/index.html", "https://policies.example/en/privacy/", "https://policies.example/ru/terms/"},
		{"en/privacy/2023-01-10/index.html", "https://policies.example/en/privacy/", "https://policies.example/ru/terms/"},
		{"en/404.html", "https://policies.example/en/privacy/", "https://policies.example/ru/terms/"},
	}
	// Every page but the well-known redirect to the policy, which has no
	// head of ours.
	for name, data := range testfs.Tree(t, out) {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, ".well-known/") {
			continue
		}
		for _, rel := range []string{`rel="privacy-policy"`, `rel="terms-of-service"`} {
			if n := bytes.Count(data, []byte(rel)); n != 1 {
				t.Errorf("%s has %s %d times, want once", name, rel, n)
			}
		}
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			html := read(t, out, tc.page)
			for _, w := range []string{
				`<link rel="privacy-policy" href="` + tc.privacy + `">`,
				`<link rel="terms-of-service" href="` + tc.terms + `">`,
			} {
				if n := strings.Count(html, w); n != 1 {
					t.Errorf("has %s %d times, want once", w, n)
				}
			}
		})
	}
}

func TestWellKnownPrivacyPolicy(t *testing.T) {
	const ours = "# policysite: the privacy policy in the reader's language, else in the site's default language\n"
	tests := []struct {
		name      string
		keys      string
		static    string // static/_redirects
		redirects string
		target    string
		title     string
	}{
		{
			name: "in both languages",
			redirects: ours +
				"/.well-known/privacy-policy /en/privacy/ 302! Language=en\n" +
				"/.well-known/privacy-policy /ru/privacy/ 302!\n",
			target: "https://policies.example/ru/privacy/",
			title:  "Политика",
		},
		{
			name:   "after the repository's own rules",
			static: "/old /ru/ 301\n/* /ru/404.html 404",
			redirects: "/old /ru/ 301\n/* /ru/404.html 404\n" + ours +
				"/.well-known/privacy-policy /en/privacy/ 302! Language=en\n" +
				"/.well-known/privacy-policy /ru/privacy/ 302!\n",
			target: "https://policies.example/ru/privacy/",
			title:  "Политика",
		},
		{
			name:      "a policy in one language",
			keys:      `privacy_policy = "terms"`,
			redirects: ours + "/.well-known/privacy-policy /ru/terms/ 302!\n",
			target:    "https://policies.example/ru/terms/",
			title:     "Условия",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := discoveryFixture(t)
			setConfig(t, root, "", tc.keys)
			if tc.static != "" {
				testfs.WriteFile(t, filepath.Join(root, "static/_redirects"), []byte(tc.static))
			}
			out, _ := build(t, root)
			if got := read(t, out, "_redirects"); got != tc.redirects {
				t.Errorf("_redirects:\n%s\nwant:\n%s", got, tc.redirects)
			}
			page := read(t, out, ".well-known/privacy-policy/index.html")
			for _, w := range []string{
				"<!DOCTYPE html>\n<html lang=\"ru\">",
				`<meta charset="utf-8">`,
				"<title>" + tc.title + "</title>",
				`<link rel="canonical" href="` + tc.target + `">`,
				`<meta http-equiv="refresh" content="0; url=` + tc.target + `">`,
				`<a href="` + tc.target + `">Перейти к документу «` + tc.title + `»</a>`,
			} {
				if !strings.Contains(page, w) {
					t.Errorf("the well-known page lacks %s:\n%s", w, page)
				}
			}
		})
	}
}

func TestDiscoveryWithoutAPrivacyPolicy(t *testing.T) {
	root := fixture(t)
	if err := os.Rename(filepath.Join(root, "versions/privacy"), filepath.Join(root, "versions/cookies")); err != nil {
		t.Fatal(err)
	}
	out, res := build(t, root)
	for _, p := range []string{".well-known", "_redirects"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s exists without a privacy policy", p)
		}
	}
	for _, p := range []string{"ru/index.html", "en/cookies/index.html"} {
		if html := read(t, out, p); strings.Contains(html, `rel="privacy-policy"`) || strings.Contains(html, `rel="terms-of-service"`) {
			t.Errorf("%s links a policy the site does not have", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "sitemap.xml")); err != nil {
		t.Error("no sitemap.xml")
	}
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "privacy") || strings.Contains(m.Text, "well-known") {
			t.Errorf("unexpected message: %s", m.Text)
		}
	}
}

// TestNamedPolicyNotPostedYet: a policy named in the config but posted
// after now has no page yet, so nothing links it; the build says so.
func TestNamedPolicyNotPostedYet(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "versions/cookies/2030-01-01.ru.md"), []byte("---\ntitle: Куки\n---\nТекст.\n"))
	setConfig(t, root, "", `terms_of_service = "cookies"`)
	out, res := build(t, root)
	if html := read(t, out, "ru/index.html"); strings.Contains(html, `rel="terms-of-service"`) {
		t.Error("pages link a policy that is not posted yet")
	}
	if !slices.ContainsFunc(res.Messages, func(m site.Message) bool {
		return atALine(m.Text, `terms_of_service: policy "cookies" has no edition posted yet`)
	}) {
		t.Errorf("no warning about the unposted policy: %+v", res.Messages)
	}
}

func TestDiscoveryConfigNamesAMissingPolicy(t *testing.T) {
	tests := []struct{ keys, want string }{
		{`privacy_policy = "nope"`, `privacy_policy: there is no policy "nope": versions/nope/ has no editions`},
		{`terms_of_service = "terms"`, `terms_of_service: there is no policy "terms"`},
	}
	for _, tc := range tests {
		t.Run(tc.keys, func(t *testing.T) {
			root := fixture(t)
			setConfig(t, root, "", tc.keys)
			_, err := buildInto(root, t.TempDir())
			if err == nil || !atALine(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q at the key's line of policysite.toml", err, tc.want)
			}
		})
	}
}

// atALine reports whether s holds msg after "policysite.toml:N: ", the
// line of the key the message is about.
func atALine(s, msg string) bool {
	return regexp.MustCompile(`policysite\.toml:[1-9][0-9]*: ` + regexp.QuoteMeta(msg)).MatchString(s)
}

func TestDiscoveryWithARelativeBaseURL(t *testing.T) {
	root := discoveryFixture(t)
	setConfig(t, root, "/", "")
	out, res := build(t, root)
	for _, p := range []string{"sitemap.xml", "ru/sitemap.xml", "en/sitemap.xml", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s exists, though its URLs cannot be absolute", p)
		}
	}
	if !slices.ContainsFunc(res.Messages, func(m site.Message) bool {
		return !m.Error && strings.Contains(m.Text, "sitemap.xml") && strings.Contains(m.Text, "absolute base_url")
	}) {
		t.Errorf("no warning that sitemap.xml needs an absolute base_url: %+v", res.Messages)
	}
	if html := read(t, out, "en/index.html"); !strings.Contains(html, `<link rel="privacy-policy" href="/en/privacy/">`) {
		t.Error("the privacy-policy link is not root-relative")
	}
	page := read(t, out, ".well-known/privacy-policy/index.html")
	if !strings.Contains(page, `<meta http-equiv="refresh" content="0; url=/ru/privacy/">`) {
		t.Errorf("the well-known page does not lead to /ru/privacy/:\n%s", page)
	}
	if _, err := os.Stat(filepath.Join(out, "_redirects")); err != nil {
		t.Error("no _redirects")
	}
}

// TestDiscoveryBelowTheRoot: a site deployed in a folder of its host has a
// sitemap, but no well-known address, which only the root can have.
func TestDiscoveryBelowTheRoot(t *testing.T) {
	root := discoveryFixture(t)
	setConfig(t, root, "https://policies.example/legal/", "")
	out, res := build(t, root)
	if robots := read(t, out, "robots.txt"); !strings.Contains(robots, "Sitemap: https://policies.example/legal/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", robots)
	}
	var idx sitemapIndex
	decodeXML(t, out, "sitemap.xml", &idx)
	if len(idx.Sitemaps) != 2 || idx.Sitemaps[0].Loc != "https://policies.example/legal/ru/sitemap.xml" {
		t.Errorf("sitemap index: %+v", idx.Sitemaps)
	}
	for _, p := range []string{".well-known", "_redirects"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s exists below the host's root", p)
		}
	}
	if !slices.ContainsFunc(res.Messages, func(m site.Message) bool { return strings.Contains(m.Text, "/.well-known/privacy-policy is left out") }) {
		t.Errorf("no warning that the well-known address is left out: %+v", res.Messages)
	}
}

// TestStaticRobotsTxtWins: the repository's own robots.txt is published
// instead of the generated one, and the build does not fail on the two.
func TestStaticRobotsTxtWins(t *testing.T) {
	root := discoveryFixture(t)
	const own = "User-agent: *\nDisallow: /drafts/\n"
	testfs.WriteFile(t, filepath.Join(root, "static/robots.txt"), []byte(own))
	out, _ := build(t, root)
	if got := read(t, out, "robots.txt"); got != own {
		t.Errorf("robots.txt = %q, want the repository's", got)
	}
	if _, err := os.Stat(filepath.Join(out, "sitemap.xml")); err != nil {
		t.Error("no sitemap.xml")
	}
}

func TestDiscoveryFilesAreByteIdentical(t *testing.T) {
	root := discoveryFixture(t)
	a, _ := build(t, root)
	b, _ := build(t, root)
	for _, p := range []string{
		"sitemap.xml", "ru/sitemap.xml", "en/sitemap.xml", "robots.txt", "_redirects",
		".well-known/privacy-policy/index.html", "en/privacy/index.html",
	} {
		if read(t, a, p) != read(t, b, p) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}
