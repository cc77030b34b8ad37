package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/redline"
	"policysite/internal/testfs"
)

func TestRedlineKeyNamesBothTextsInOrder(t *testing.T) {
	a, b, c := sha([]byte("a")), sha([]byte("b")), sha([]byte("c"))
	k := redlineKey(a, b)
	for _, other := range []string{redlineKey(b, a), redlineKey(a, c), redlineKey(c, b)} {
		if other == k {
			t.Errorf("redlineKey(%s…, %s…) is shared with another pair", a[:8], b[:8])
		}
	}
}

func TestPageCacheOffNamesWhatReachesOtherPages(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string // "-" for a file that is absent
		want  string            // a prefix of pageCacheOff; "" for on
		// disk are the repository's own content files, on disk.
		disk []string
	}{
		{"the page's own params", map[string]string{"layouts/edition.html": `{{ .Params.ps.next.path }} {{ $ps.policy_title }} {{ .Title }} {{ .Permalink }}`}, "", nil},
		{"a comment", map[string]string{"layouts/edition.html": "{{/* Lists .Pages of now. */}}\n{{- /* GetPage $x */ -}}"}, "", nil},
		{"a page of the repository by a literal path", map[string]string{"layouts/_partials/header.html": `{{ with site.GetPage "/about" }}{{ .RelPermalink }}{{ end }}`}, "", []string{"content/about.en.md"}},
		{"a leaf bundle of the repository", map[string]string{"layouts/_partials/header.html": `{{ with site.GetPage "/team/" }}{{ .Title }}{{ end }}`}, "", []string{"content/team/index.md"}},
		{"a page the build makes, by a literal path", map[string]string{"layouts/_partials/footer.html": "\n{{ with site.GetPage \"/privacy\" }}{{ .Title }}{{ end }}"}, `layouts/_partials/footer.html:2 uses GetPage "/privacy"`, []string{"content/about.en.md"}},
		{"a page that is nowhere", map[string]string{"layouts/_partials/header.html": `{{ with site.GetPage "/about" }}{{ .RelPermalink }}{{ end }}`}, "", nil},
		{"a page the build makes, in capitals", map[string]string{"layouts/_partials/footer.html": `{{ with site.GetPage "/Privacy" }}{{ .Title }}{{ end }}`}, `layouts/_partials/footer.html:1 uses GetPage "/Privacy"`, nil},
		{"under a policy, made by the build", map[string]string{"layouts/_partials/footer.html": `{{ with site.GetPage "/terms/compare" }}{{ .RelPermalink }}{{ end }}`}, `layouts/_partials/footer.html:1 uses GetPage "/terms/compare"`, nil},
		{"the home page by its path", map[string]string{"layouts/_partials/footer.html": `{{ with site.GetPage "/" }}{{ .Date }}{{ end }}`}, `layouts/_partials/footer.html:1 uses GetPage "/"`, nil},
		{"a section of the repository", map[string]string{"layouts/_partials/footer.html": `{{ (site.GetPage "/news").Date }}`}, `layouts/_partials/footer.html:1 uses GetPage "/news"`, []string{"content/news/_index.md", "content/news/first.md"}},
		{"a path relative to the page", map[string]string{"layouts/edition.html": `{{ with .GetPage "about" }}{{ .Title }}{{ end }}`}, `layouts/edition.html:1 uses GetPage "about"`, []string{"content/about.md"}},
		{"the home page's address", map[string]string{"layouts/_partials/brand.html": `<a href="{{ site.Home.RelPermalink }}">{{ site.Home.Title }}</a>`}, "", nil},
		{"the home page's date", map[string]string{"layouts/_partials/footer.html": `{{ site.Home.Lastmod.Year }}`}, "layouts/_partials/footer.html:1 uses Home.Lastmod", nil},
		{"the home page itself", map[string]string{"layouts/_partials/footer.html": `{{ with .Site.Home }}{{ .Date }}{{ end }}`}, "layouts/_partials/footer.html:1 uses Home", nil},
		{"the clock by its long name", map[string]string{"layouts/_partials/footer.html": `© {{ time.Now.Year }}`}, "layouts/_partials/footer.html:1 uses time.Now", nil},
		{"a deferred template", map[string]string{"layouts/baseof.html": `{{ with (templates.Defer (dict "key" "x")) }}{{ end }}`}, "layouts/baseof.html:1 uses templates.Defer", nil},
		{"translations", map[string]string{"layouts/_partials/hreflang.html": `{{ range .AllTranslations }}{{ .Permalink }}{{ end }}`}, "", nil},
		{"a page by a computed path", map[string]string{"layouts/edition.html": "x\n{{ with site.GetPage (printf \"/%s\" .Params.ps.policy) }}{{ .Title }}{{ end }}"}, "layouts/edition.html:2 uses GetPage (", nil},
		{"a section's pages", map[string]string{"layouts/changes.html": `{{ range .Parent.Pages }}{{ end }}`}, "layouts/changes.html:1 uses .Parent", nil},
		{"the neighbour", map[string]string{"layouts/_partials/footer.html": `{{ with .Next }}{{ .Title }}{{ end }}`}, "layouts/_partials/footer.html:1 uses .Next", nil},
		{"the clock", map[string]string{"layouts/baseof.html": `{{ now.Year }}`}, "layouts/baseof.html:1 uses now", nil},
		{"a shared partial", map[string]string{"layouts/baseof.html": `{{ partialCached "footer.html" . }}`}, "layouts/baseof.html:1 uses partialCached", nil},
		{"a file", map[string]string{"layouts/_markup/render-link.html": `{{ readFile "versions/x.md" }}`}, "layouts/_markup/render-link.html:1 uses readFile", nil},
		{"the site's date", map[string]string{"layouts/_partials/footer.html": `{{ site.Lastmod }}`}, "layouts/_partials/footer.html:1 uses site.Lastmod", nil},
		{"the home page's list, not used by editions", map[string]string{"layouts/home.html": `{{ range site.Sections }}{{ end }}`, "layouts/list.html": `{{ range .Pages }}{{ end }}`}, "", nil},
		{"the site's date, read inside with site", map[string]string{"layouts/_partials/footer.html": "{{ with site }}\n{{ .Title }} {{ .Lastmod.Year }}{{ end }}"}, "layouts/_partials/footer.html:2 uses site.Lastmod", nil},
		{"the site's date, through a variable", map[string]string{"layouts/baseof.html": `{{ $s := site }}{{ $s.Lastmod.Year }}`}, "layouts/baseof.html:1 uses site.Lastmod", nil},
		{"each site's date", map[string]string{"layouts/_partials/footer.html": `{{ range .Site.Sites }}{{ .LastChange }}{{ end }}`}, "layouts/_partials/footer.html:1 uses site.LastChange", nil},
		{"each site's home address", map[string]string{"layouts/_partials/header.html": `{{ range $i, $s := site.Sites }}<a href="{{ $s.Home.RelPermalink }}">{{ $i }} {{ .Language.Lang }}</a>{{ end }}`}, "", nil},
		{"the site handed to a partial", map[string]string{"layouts/baseof.html": `{{ partial "footer.html" site }}`}, "layouts/baseof.html:1 uses site", nil},
		{"the site as a template's data", map[string]string{"layouts/baseof.html": `{{ define "x" }}{{ end }}{{ template "x" .Site }}`}, "layouts/baseof.html:1 uses site", nil},
		{"the environment", map[string]string{"layouts/_partials/footer.html": `{{ if eq (getenv "HUGO_ENV") "staging" }}draft{{ end }}`}, "layouts/_partials/footer.html:1 uses getenv", nil},
		{"a paginator", map[string]string{"layouts/edition.html": `{{ .Paginator.TotalPages }}`}, "layouts/edition.html:1 uses .Paginator", nil},
		{"an image's size", map[string]string{"layouts/_partials/brand.html": `{{ with imageConfig "static/logo.png" }}{{ .Width }}{{ end }}`}, "layouts/_partials/brand.html:1 uses imageConfig", nil},
		{"the build's now as a param", map[string]string{"layouts/_partials/footer.html": `{{ site.Params.policysite.now }}`}, "layouts/_partials/footer.html:1 uses site.Params.policysite", nil},
		{"the build's now by its name", map[string]string{"layouts/_partials/footer.html": `{{ .Param "policysite.now" }}`}, `layouts/_partials/footer.html:1 uses "policysite.now"`, nil},
		{"hugo's store", map[string]string{"layouts/baseof.html": `{{ hugo.Store.Get "n" }}`}, "layouts/baseof.html:1 uses hugo.Store", nil},
		{"words in strings", map[string]string{"layouts/edition.html": `{{ printf "%s" "now" }} {{ i18n "os.Getenv" }} <p title="{{ "site.Lastmod" }}">`}, "", nil},
		{"a template Go cannot parse", map[string]string{"layouts/edition.html": "x\n{{ range .Pages }}{{ end }}{{ end }}"}, "layouts/edition.html:2 uses .Pages", nil},
		{"a fallback when edition.html is gone", map[string]string{"layouts/list.html": `{{ range .Pages }}{{ end }}`, "layouts/edition.html": "-"}, "layouts/list.html:1 uses .Pages", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newProject(t.TempDir())
			for _, rel := range tc.disk {
				testfs.WriteFile(t, filepath.Join(p.root, filepath.FromSlash(rel)), []byte("---\ntitle: x\n---\n"))
			}
			files := map[string]string{"layouts/edition.html": "", "layouts/changes.html": ""}
			for k, v := range tc.files {
				files[k] = v
			}
			for rel, data := range files {
				if data == "-" {
					continue
				}
				if err := p.write(rel, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			var got string
			if b := pageCacheOff(p, map[string]bool{"privacy": true, "terms": true}); b != nil {
				got = b.String()
			}
			if tc.want == "" && got != "" || tc.want != "" && !strings.HasPrefix(got, tc.want) {
				t.Errorf("pageCacheOff = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRedlineComesBackWhenTheCacheLosesIt(t *testing.T) {
	old, new := "1. Scope.\n\n2. We keep logs for a year.", "1. Scope.\n\n2. We keep logs for a month.\n\n3. Contact."
	want, _ := redline.Diff(old, new).MarshalBinary()
	key := redlineKey(sha([]byte(old)), sha([]byte(new)))
	for _, tc := range []struct {
		name  string
		spoil func(rc *redlineCache, dir string) error
	}{
		{"kept", func(*redlineCache, string) error { return nil }},
		{"removed", func(rc *redlineCache, _ string) error { rc.Remove(key); return nil }},
		{"damaged", func(_ *redlineCache, dir string) error {
			// The pack this build writes, under its name until the build ends.
			packs, err := filepath.Glob(filepath.Join(dir, "redlines", ".tmp-*.pack"))
			if err != nil || len(packs) != 1 {
				return fmt.Errorf("packs %v: %v", packs, err)
			}
			return os.WriteFile(packs[0], []byte("not an entry"), 0o644)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rc := newRedlineCache(dir)
			defer rc.Close()
			_, enc, stored := rc.diff(key, func() *redline.Result { return redline.Diff(old, new) })
			if !stored || !bytes.Equal(enc, want) {
				t.Fatalf("diff: stored = %v, encoding matches = %v", stored, bytes.Equal(enc, want))
			}
			// As diffAll keeps it: without the encoding the cache holds.
			c := &comparison{cache: rc, key: key, old: old, new: new}
			if err := tc.spoil(rc, dir); err != nil {
				t.Fatal(err)
			}
			r, err := c.result()
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := r.MarshalBinary(); !bytes.Equal(got, want) {
				t.Error("the redline read back is not the one computed")
			}
		})
	}
	t.Run("no cache", func(t *testing.T) {
		if _, _, stored := newRedlineCache("").diff(key, func() *redline.Result { return redline.Diff(old, new) }); stored {
			t.Error("a build without a cache folder would hold no redline")
		}
	})
}
