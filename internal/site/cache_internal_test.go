package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/redline"
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
	}{
		{"the page's own params", map[string]string{"layouts/edition.html": `{{ .Params.ps.next.path }} {{ $ps.policy_title }} {{ .Title }} {{ .Permalink }}`}, ""},
		{"a comment", map[string]string{"layouts/edition.html": "{{/* Lists .Pages of now. */}}\n{{- /* GetPage $x */ -}}"}, ""},
		{"a page by a literal path", map[string]string{"layouts/_partials/header.html": `{{ with site.GetPage "/about" }}{{ .RelPermalink }}{{ end }}`}, ""},
		{"translations", map[string]string{"layouts/_partials/hreflang.html": `{{ range .AllTranslations }}{{ .Permalink }}{{ end }}`}, ""},
		{"a page by a computed path", map[string]string{"layouts/edition.html": "x\n{{ with site.GetPage (printf \"/%s\" .Params.ps.policy) }}{{ .Title }}{{ end }}"}, "layouts/edition.html:2 uses GetPage ("},
		{"a section's pages", map[string]string{"layouts/changes.html": `{{ range .Parent.Pages }}{{ end }}`}, "layouts/changes.html:1 uses .Parent"},
		{"the neighbour", map[string]string{"layouts/_partials/footer.html": `{{ with .Next }}{{ .Title }}{{ end }}`}, "layouts/_partials/footer.html:1 uses .Next"},
		{"the clock", map[string]string{"layouts/baseof.html": `{{ now.Year }}`}, "layouts/baseof.html:1 uses now"},
		{"a shared partial", map[string]string{"layouts/baseof.html": `{{ partialCached "footer.html" . }}`}, "layouts/baseof.html:1 uses partialCached"},
		{"a file", map[string]string{"layouts/_markup/render-link.html": `{{ readFile "versions/x.md" }}`}, "layouts/_markup/render-link.html:1 uses readFile"},
		{"the site's date", map[string]string{"layouts/_partials/footer.html": `{{ site.Lastmod }}`}, "layouts/_partials/footer.html:1 uses site.Lastmod"},
		{"the home page's list, not used by editions", map[string]string{"layouts/home.html": `{{ range site.Sections }}{{ end }}`, "layouts/list.html": `{{ range .Pages }}{{ end }}`}, ""},
		{"a fallback when edition.html is gone", map[string]string{"layouts/list.html": `{{ range .Pages }}{{ end }}`, "layouts/edition.html": "-"}, "layouts/list.html:1 uses .Pages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newProject(t.TempDir())
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
			if b := pageCacheOff(p); b != nil {
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
