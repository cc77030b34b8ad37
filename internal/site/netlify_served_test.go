package site_test

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"policysite/internal/config"
	"policysite/internal/testfs"
)

// netlifySample builds the sample site (internal/testfs) as Netlify would
// build the repository, in the languages of the repository's
// policysite.toml: netlify.toml has rules per language, which must fit the
// languages of the site it deploys, while the sample has every kind of
// page to hold its other rules to. It returns the output folder and the
// config of the site built.
func netlifySample(t *testing.T) (string, *config.Site) {
	t.Helper()
	own, err := config.Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	root := testfs.Sample(t)
	inLanguages(t, root, own.Langs)
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := buildAt(t, root, sampleNow)
	return out, cfg
}

// inLanguages turns the site in root into one in langs, in their order:
// each gets the content pages and editions of the same language, else of
// the site's last one, as its own; the others' are removed, and
// versions.sum and policysite.toml follow. It leaves a site already in
// langs as it is.
func inLanguages(t *testing.T, root string, langs []config.Language) {
	t.Helper()
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	if slices.EqualFunc(cfg.Langs, langs, func(a, b config.Language) bool { return a.Code == b.Code }) {
		return
	}
	have := cfg.Codes()
	// to[l] are the languages that get the files of the site's language l.
	to := map[string][]string{}
	for _, l := range langs {
		from := l.Code
		if !slices.Contains(have, from) {
			from = have[len(have)-1]
		}
		to[string(from)] = append(to[string(from)], string(l.Code))
	}
	// rename gives the names in langs of a file named <stem>.<lang>.md.
	rename := func(name string) []string {
		stem, _ := strings.CutSuffix(name, ".md")
		i := strings.LastIndex(stem, ".")
		var out []string
		for _, l := range to[stem[i+1:]] {
			out = append(out, stem[:i+1]+l+".md")
		}
		return out
	}
	for name, data := range testfs.Tree(t, root) {
		name = filepath.ToSlash(name)
		if !strings.HasPrefix(name, "content/") && !strings.HasPrefix(name, "versions/") || !strings.HasSuffix(name, ".md") {
			continue
		}
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
		for _, n := range rename(name) {
			testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(n)), data)
		}
	}
	// A recorded edition keeps its hash under each of its new names.
	var sums []string
	for line := range strings.Lines(read(t, root, "versions/versions.sum")) {
		key, hash, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok || strings.HasPrefix(key, "#") {
			continue
		}
		for _, n := range rename(key) {
			sums = append(sums, n+" "+hash+"\n")
		}
	}
	slices.Sort(sums)
	testfs.WriteFile(t, filepath.Join(root, "versions", "versions.sum"), []byte(strings.Join(sums, "")))
	head, _, ok := strings.Cut(read(t, root, "policysite.toml"), "\n[[languages]]")
	if !ok {
		t.Fatal("the sample's policysite.toml has no [[languages]]")
	}
	tables, err := toml.Marshal(struct {
		Languages []config.Language `toml:"languages"`
	}{langs})
	if err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, filepath.Join(root, "policysite.toml"), []byte(head+"\n"+string(tables)))
}

// servedPaths maps the URL path at which Netlify serves each file of the
// built site to the file, relative and with slashes. _redirects is read by
// Netlify, not served.
func servedPaths(t *testing.T, out string) map[string]string {
	t.Helper()
	paths := map[string]string{}
	for name := range testfs.Tree(t, out) {
		name = filepath.ToSlash(name)
		switch {
		case name == "_redirects":
		case name == "index.html":
			paths["/"] = name
		case path.Base(name) == "index.html":
			paths["/"+path.Dir(name)+"/"] = name
		default:
			paths["/"+name] = name
		}
	}
	return paths
}

// netlifyMatch reports whether a path pattern of netlify.toml matches the
// URL path p, as Netlify documents its patterns: "*" as a whole last segment
// matches the rest of the path, nothing included; ":name" matches one
// segment; any other segment matches itself. A trailing slash is optional.
// Other uses of "*" are not documented, and an error.
func netlifyMatch(pattern, p string) (bool, error) {
	split := func(s string) []string {
		if s = strings.Trim(s, "/"); s == "" {
			return nil
		}
		return strings.Split(s, "/")
	}
	pat, segs := split(pattern), split(p)
	for i, ps := range pat {
		switch {
		case ps == "*" && i == len(pat)-1:
			return true, nil
		case strings.Contains(ps, "*"):
			return false, &patternError{pattern}
		case i >= len(segs):
			return false, nil
		case strings.HasPrefix(ps, ":"):
		case ps != segs[i]:
			return false, nil
		}
	}
	return len(pat) == len(segs), nil
}

type patternError struct{ pattern string }

func (e *patternError) Error() string {
	return e.pattern + `: "*" only as the whole last segment`
}

// fingerprinted are the files that Hugo names by their content.
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{64}\.(css|js)$`)

// wantType is the Content-Type netlify.toml should give a file, or "" for
// the type Netlify gives it by its extension.
func wantType(name string) string {
	switch base := path.Base(name); {
	case base == "feed.json":
		return "application/feed+json; charset=utf-8"
	case path.Ext(base) == ".json":
		return "application/json; charset=utf-8"
	case base == "index.xml":
		return "application/atom+xml; charset=utf-8"
	case base == "text.txt":
		return "text/plain; charset=utf-8"
	case path.Ext(base) == ".wasm":
		return "application/wasm"
	}
	return ""
}

// TestNetlifyHeadersFitTheSite: every header rule serves a file of the
// built site; no two rules that match one path set the same header, which
// Netlify could join into one value; every path gets the security headers
// and one Cache-Control, immutable exactly for fingerprinted files; and
// the documents get their exact type and CORS.
func TestNetlifyHeadersFitTheSite(t *testing.T) {
	c := readNetlify(t)
	out, _ := netlifySample(t)
	served := servedPaths(t, out)
	if _, ok := served["/redline/redline.wasm"]; !ok {
		t.Fatal("the sample was built without its WebAssembly module")
	}
	used := make([]bool, len(c.Headers))
	for p, name := range served {
		// set[header] lists the rules that set it for p.
		set := map[string][]int{}
		values := map[string]string{}
		for i, h := range c.Headers {
			ok, err := netlifyMatch(h.For, p)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				continue
			}
			used[i] = true
			for k, v := range h.Values {
				k = strings.ToLower(k)
				set[k] = append(set[k], i)
				values[k] = v
			}
		}
		for k, rules := range set {
			if len(rules) > 1 {
				var fors []string
				for _, i := range rules {
					fors = append(fors, c.Headers[i].For)
				}
				t.Errorf("%s: %s is set by %d rules (%s); Netlify would join their values", p, k, len(rules), strings.Join(fors, ", "))
			}
		}
		for _, k := range []string{"content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy"} {
			if values[k] == "" {
				t.Errorf("%s: no %s", p, k)
			}
		}
		switch cc := values["cache-control"]; {
		case cc == "":
			t.Errorf("%s: no Cache-Control", p)
		case fingerprinted.MatchString(name) != strings.Contains(cc, "immutable"):
			t.Errorf("%s: Cache-Control %q; immutable is for files named by their content, and only them", p, cc)
		case !strings.Contains(cc, "immutable") && !strings.Contains(cc, "must-revalidate") && !strings.Contains(cc, "no-cache"):
			t.Errorf("%s: Cache-Control %q does not revalidate", p, cc)
		}
		want := wantType(name)
		if got := values["content-type"]; got != want {
			t.Errorf("%s: Content-Type %q, want %q", p, got, want)
		}
		wantCORS := ""
		if strings.HasSuffix(want, "charset=utf-8") {
			wantCORS = "*"
		}
		if got := values["access-control-allow-origin"]; got != wantCORS {
			t.Errorf("%s: Access-Control-Allow-Origin %q, want %q", p, got, wantCORS)
		}
	}
	for i, ok := range used {
		if !ok {
			t.Errorf("header rule %s matches no file of the built site", c.Headers[i].For)
		}
	}
}

// cspSources are the only sources the policy may name: the site itself and
// WebAssembly; data: only for images.
var cspSources = map[string]bool{"'self'": true, "'none'": true, "'wasm-unsafe-eval'": true}

// TestNetlifyCSPHoldsForTheSite: the Content-Security-Policy allows no
// inline script or style and no other host, and the built pages need
// neither: every script is a same-origin file or a data block, and no
// element has a style or an event handler attribute.
func TestNetlifyCSPHoldsForTheSite(t *testing.T) {
	c := readNetlify(t)
	var csp string
	for _, h := range c.Headers {
		if h.For == "/*" {
			csp = h.Values["Content-Security-Policy"]
		}
	}
	if csp == "" {
		t.Fatal(`netlify.toml: no Content-Security-Policy for "/*"`)
	}
	dirs := map[string][]string{}
	for d := range strings.SplitSeq(csp, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		dirs[f[0]] = f[1:]
		for _, s := range f[1:] {
			if !cspSources[s] && (s != "data:" || f[0] != "img-src") {
				t.Errorf("CSP %s allows %s", f[0], s)
			}
		}
	}
	for d, want := range map[string]string{
		"default-src": "'self'", "script-src": "'wasm-unsafe-eval'", "style-src": "'self'",
		"object-src": "'none'", "base-uri": "'self'", "frame-ancestors": "'none'",
	} {
		if !slices.Contains(dirs[d], want) {
			t.Errorf("CSP %s %v, want %s in it", d, dirs[d], want)
		}
	}

	out, _ := netlifySample(t)
	scriptEl := regexp.MustCompile(`(?is)(<script\b[^>]*>).*?</script>`)
	tag := regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	attr := regexp.MustCompile(`(?i)\s(style|on[a-z]+)\s*=`)
	url := regexp.MustCompile(`(?i)\s(?:src|href|action)="([^"]*)"`)
	scripts := 0
	for name, data := range testfs.Tree(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		// A script's text is not markup: keep only its opening tag.
		html := scriptEl.ReplaceAllString(string(data), "$1")
		if regexp.MustCompile(`(?i)<style\b`).MatchString(html) {
			t.Errorf("%s: a <style> element", name)
		}
		for _, tg := range tag.FindAllString(html, -1) {
			if m := attr.FindStringSubmatch(tg); m != nil {
				t.Errorf("%s: %s attribute in %s", name, m[1], tg)
			}
			for _, u := range url.FindAllStringSubmatch(tg, -1) {
				if strings.HasPrefix(strings.ToLower(strings.TrimSpace(u[1])), "javascript:") {
					t.Errorf("%s: a javascript: URL in %s", name, tg)
				}
			}
			if !regexp.MustCompile(`(?i)^<script\b`).MatchString(tg) {
				continue
			}
			scripts++
			src := regexp.MustCompile(`\ssrc="([^"]*)"`).FindStringSubmatch(tg)
			data := strings.Contains(tg, `type="application/json"`) || strings.Contains(tg, `type="application/ld+json"`)
			switch {
			case src != nil && (!strings.HasPrefix(src[1], "/") || strings.HasPrefix(src[1], "//")):
				t.Errorf("%s: a script from elsewhere than the site: %s", name, tg)
			case src == nil && !data:
				t.Errorf("%s: inline script %s", name, tg)
			}
		}
		for _, m := range regexp.MustCompile(`<link\b[^>]*rel="stylesheet"[^>]*>`).FindAllString(html, -1) {
			if !strings.Contains(m, `href="/`) || strings.Contains(m, `href="//`) {
				t.Errorf("%s: a stylesheet from elsewhere than the site: %s", name, m)
			}
		}
	}
	if scripts == 0 {
		t.Error("no script at all: the compare pages and JSON-LD lost theirs")
	}
}

// TestNetlifyRedirectsLeadToFiles: every redirect of netlify.toml and of
// the build's _redirects leads to a file of the built site.
func TestNetlifyRedirectsLeadToFiles(t *testing.T) {
	c := readNetlify(t)
	out, _ := netlifySample(t)
	exists := func(to string) bool {
		rel := strings.TrimPrefix(to, "/")
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		_, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel)))
		return err == nil
	}
	for _, r := range c.Redirects {
		if !exists(r.To) {
			t.Errorf("netlify.toml: %s leads to %s, which the built site does not have", r.From, r.To)
		}
	}
	data, err := os.ReadFile(filepath.Join(out, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	rules := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		rules++
		if len(f) < 3 {
			t.Errorf("_redirects: %q has no status", sc.Text())
			continue
		}
		if _, err := strconv.Atoi(strings.TrimSuffix(f[2], "!")); err != nil {
			t.Errorf("_redirects: %q: status %s", sc.Text(), f[2])
		}
		if !exists(f[1]) {
			t.Errorf("_redirects: %s leads to %s, which the built site does not have", f[0], f[1])
		}
	}
	if rules == 0 {
		t.Error("_redirects has no rule for /.well-known/privacy-policy")
	}
}

// TestRootOffersEveryLanguage: the page at / is a page of its own, in every
// language, for hosts that do not redirect by language: no redirect, no
// script, a link to each language's home in that language, and hreflang
// alternates with itself as x-default.
func TestRootOffersEveryLanguage(t *testing.T) {
	out, cfg := netlifySample(t)
	html := read(t, out, "index.html")
	for _, bad := range []string{"http-equiv", "<script", "<meta http-equiv=\"refresh\""} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("/ has %s", bad)
		}
	}
	base := cfg.BaseURL
	for _, w := range []string{
		`<link rel="canonical" href="` + base + `">`,
		`<link rel="alternate" hreflang="x-default" href="` + base + `">`,
		// Like every page, it names the privacy policy.
		`<link rel="privacy-policy" href="`,
	} {
		if !strings.Contains(html, w) {
			t.Errorf("/ lacks %s", w)
		}
	}
	for _, l := range cfg.Langs {
		code := string(l.Code)
		for _, w := range []string{
			`<link rel="alternate" hreflang="` + code + `" href="` + base + code + `/">`,
			`lang="` + code + `"`,
			`href="/` + code + `/"`,
			l.Title,
		} {
			if !strings.Contains(html, w) {
				t.Errorf("/ lacks %s", w)
			}
		}
	}
	// The page is no language's: no sitemap lists it.
	for name, data := range testfs.Tree(t, out) {
		if strings.HasSuffix(name, "sitemap.xml") && bytes.Contains(data, []byte("<loc>"+base+"</loc>")) {
			t.Errorf("%s lists the root page", name)
		}
	}
}
