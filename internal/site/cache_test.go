package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"policysite/internal/site"
	"policysite/internal/testfs"
)

// buildCached builds root into a fresh folder with the redline cache in
// cacheDir ("" for none) and returns the output's files.
func buildCached(t *testing.T, root, cacheDir string) (map[string][]byte, *site.Result) {
	t.Helper()
	out := t.TempDir()
	res, err := buildIntoCached(root, out, cacheDir)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return testfs.Tree(t, out), res
}

func sameTrees(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	if len(want) == 0 || len(want) != len(got) {
		t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(data, got[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

func noCacheMessage(t *testing.T, res *site.Result) {
	t.Helper()
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "cache cannot") {
			t.Errorf("message: %s", m.Text)
		}
	}
}

// cachePacks lists the packs of the redline and page caches.
func cachePacks(t *testing.T, cacheDir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(cacheDir, "*", "*.pack"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestRedlineCacheChangesNoByte: a build without a cache, with a cold one
// and with a warm one write the same bytes.
func TestRedlineCacheChangesNoByte(t *testing.T) {
	root := fixture(t)
	cache := t.TempDir()
	none, res := buildCached(t, root, "")
	if res.Redlines == 0 {
		t.Fatal("the fixture has no redlines; the test proves nothing")
	}
	cold, _ := buildCached(t, root, cache)
	if packs := cachePacks(t, cache); len(packs) != 2 {
		t.Fatalf("a cold build wrote the packs %v, want one of redlines and one of pages", packs)
	}
	warm, res := buildCached(t, root, cache)
	sameTrees(t, "cold cache", none, cold)
	sameTrees(t, "warm cache", none, warm)
	noCacheMessage(t, res)
	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	again, _ := buildCached(t, root, cache)
	sameTrees(t, "deleted cache", none, again)
}

// TestRedlineCacheDamageIsRecomputed: packs with a byte of every entry
// changed, packs cut short and damaged indexes cost their entries, which
// are computed again: the output does not change, and the build after
// takes every page from the cache again.
func TestRedlineCacheDamageIsRecomputed(t *testing.T) {
	root := fixture(t)
	for _, tc := range []struct {
		name  string
		spoil func(pack, index []byte) ([]byte, []byte)
	}{
		{"a byte of every entry", func(pack, index []byte) ([]byte, []byte) {
			pack = bytes.Clone(pack)
			for j := 0; j < len(pack); j += 16 {
				pack[j] ^= 0x55
			}
			return pack, index
		}},
		{"cut short", func(pack, index []byte) ([]byte, []byte) { return pack[:len(pack)/2], index }},
		{"the index", func(pack, index []byte) ([]byte, []byte) { return pack, []byte("not an index") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := t.TempDir()
			want, _ := buildCached(t, root, cache)
			_, warm := buildCached(t, root, cache)
			if warm.CachedPages == 0 {
				t.Fatal("a warm build took no page from the cache; the test proves nothing")
			}
			for _, f := range cachePacks(t, cache) {
				index := strings.TrimSuffix(f, ".pack") + ".idx"
				pack, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				idx, err := os.ReadFile(index)
				if err != nil {
					t.Fatal(err)
				}
				pack, idx = tc.spoil(pack, idx)
				testfs.WriteFile(t, f, pack)
				testfs.WriteFile(t, index, idx)
			}
			got, res := buildCached(t, root, cache)
			sameTrees(t, "damaged cache", want, got)
			noCacheMessage(t, res)
			if res.CachedPages >= warm.CachedPages {
				t.Errorf("%d pages came from a damaged cache", res.CachedPages)
			}
			got, res = buildCached(t, root, cache)
			sameTrees(t, "cache after the damage", want, got)
			if res.CachedPages != warm.CachedPages {
				t.Errorf("after the damage, %d pages came from the cache, want %d", res.CachedPages, warm.CachedPages)
			}
		})
	}
}

// TestRedlineCacheUnwritable: a cache folder that cannot be created costs
// one warning, not the build.
func TestRedlineCacheUnwritable(t *testing.T) {
	root := fixture(t)
	want, _ := buildCached(t, root, "")
	file := filepath.Join(t.TempDir(), "a-file")
	testfs.WriteFile(t, file, []byte("x"))
	got, res := buildCached(t, root, file)
	sameTrees(t, "unwritable cache", want, got)
	n := 0
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "redline cache") {
			n++
			if m.Error {
				t.Errorf("the cache's message is an error: %s", m.Text)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d messages about the cache, want 1: %+v", n, res.Messages)
	}
}

// laterEdition is a Russian edition of the fixture's privacy policy posted
// and in force before testNow: 2024-05-01 is superseded by it, and it comes
// before the upcoming 2024-10-01.
var laterEdition = []byte(`---
title: Политика
posted: 2024-08-01T10:00:00+03:00
---
## 1. Общие положения

1.1. Первый пункт, уточнённый.

1.2. Второй пункт, исправленный.

## 3. Изменения

3.4.1. Новая редакция вступает в силу с момента размещения.
`)

// TestPageCacheRebuildsOnlyWhatANewEditionChanges: after a new edition, a
// build with the cache of the build before writes the bytes of a build
// without any cache, and it renders only the pages the edition changes.
func TestPageCacheRebuildsOnlyWhatANewEditionChanges(t *testing.T) {
	root := fixture(t)
	cache := t.TempDir()
	buildCached(t, root, cache)
	if _, res := buildCached(t, root, cache); res.CachedPages == 0 || res.PageCacheOff != nil {
		t.Fatalf("a warm build took %d pages from the cache (off: %v)", res.CachedPages, res.PageCacheOff)
	}
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2024-08-01.ru.md"), laterEdition)
	want, _ := buildCached(t, root, "")
	got, res := buildCached(t, root, cache)
	sameTrees(t, "after a new edition", want, got)
	noCacheMessage(t, res)
	// Rendered again: the new edition and its redline; 2024-05-01 and its
	// redline, which show it superseded now; 2024-10-01 and its redline,
	// whose previous edition is the new one; the English redline of
	// 2024-10-01, whose language switcher says that the Russian one now
	// compares with another edition. The other three pages (the two
	// editions of 2023-01-10 and the English 2024-10-01) come from the
	// cache.
	if res.CachedPages != 3 {
		t.Errorf("%d pages came from the cache, want 3", res.CachedPages)
	}
}

// TestPageCacheNeverHidesAWarning: a build whose Hugo warns keeps no page,
// so the next build renders them again and warns again.
func TestPageCacheNeverHidesAWarning(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "layouts/_partials/brand-footer.html"), []byte(`{{ warnf "footer: %s" "check me" }}`))
	cache := t.TempDir()
	for i := range 2 {
		_, res := buildCached(t, root, cache)
		warned := false
		for _, m := range res.Messages {
			warned = warned || strings.Contains(m.Text, "footer: check me")
		}
		if !warned || res.CachedPages != 0 {
			t.Errorf("build %d: warned %v, %d pages from the cache", i+1, warned, res.CachedPages)
		}
	}
	if pages, _ := filepath.Glob(filepath.Join(cache, "pages", "??", "*")); len(pages) != 0 {
		t.Errorf("%d pages kept from builds that warned", len(pages))
	}
}

// TestPageCacheKeepsNoPageHugoWarnedAbout: a warning that names a page
// keeps that page, and only it, out of the cache, so the next build
// renders it again and warns again.
func TestPageCacheKeepsNoPageHugoWarnedAbout(t *testing.T) {
	root := fixture(t)
	layout := read(t, root, "layouts/edition.html")
	testfs.WriteFile(t, filepath.Join(root, "layouts/edition.html"),
		[]byte(`{{ if eq .Params.ps.edition.id "2024-05-01" }}{{ warnf "look at %s" .File.Filename }}{{ end }}`+layout))
	cache := t.TempDir()
	var total int
	for i := range 2 {
		_, res := buildCached(t, root, cache)
		warned := false
		for _, m := range res.Messages {
			warned = warned || strings.Contains(m.Text, "look at versions/privacy/2024-05-01.ru.md")
		}
		if !warned {
			t.Errorf("build %d did not warn: %v", i+1, res.Messages)
		}
		if i == 0 {
			total = res.Editions + res.Redlines
			continue
		}
		// Only ru/privacy/2024-05-01 is named: its page is rendered again.
		if res.CachedPages != total-1 {
			t.Errorf("build %d took %d of %d pages from the cache, want all but the one warned about", i+1, res.CachedPages, total)
		}
	}
}

// TestPageCacheOffForATemplateThatReadsOtherPages: a footer listing every
// page would make each page depend on all others, so the cache is off, the
// build says where, and the output is a cacheless build's.
func TestPageCacheOffForATemplateThatReadsOtherPages(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "layouts/_partials/brand-footer.html"),
		[]byte("{{/* Every edition, newest first. */}}\n<ul>{{ range site.RegularPages }}<li>{{ .Title }}</li>{{ end }}</ul>"))
	want, _ := buildCached(t, root, "")
	cache := t.TempDir()
	for i := range 2 {
		got, res := buildCached(t, root, cache)
		sameTrees(t, "cache off", want, got)
		if res.CachedPages != 0 {
			t.Errorf("build %d took %d pages from the cache", i+1, res.CachedPages)
		}
		if w := "layouts/_partials/brand-footer.html:2 uses .RegularPages"; res.PageCacheOff == nil || res.PageCacheOff.String() != w {
			t.Errorf("PageCacheOff = %v, want %q", res.PageCacheOff, w)
		}
	}
}

// TestPageCacheKeepsNothingOfAFailedRender: pages go into the cache as Hugo
// writes them, so a render that fails after writing some must take them
// back: the next build renders them again and reports again.
func TestPageCacheKeepsNothingOfAFailedRender(t *testing.T) {
	root := fixture(t)
	layout := read(t, root, "layouts/edition.html")
	testfs.WriteFile(t, filepath.Join(root, "layouts/edition.html"),
		[]byte(`{{ if eq .Params.ps.edition.id "2024-05-01" }}{{ errorf "broken %s" .File.Filename }}{{ end }}`+layout))
	cache := t.TempDir()
	if _, err := buildIntoCached(root, t.TempDir(), cache); err == nil {
		t.Fatal("a template error did not fail the build")
	}
	if pages, _ := filepath.Glob(filepath.Join(cache, "pages", "??", "*")); len(pages) != 0 {
		t.Errorf("%d pages kept from a build whose render failed", len(pages))
	}
}

// TestPageCacheOffForAPageTheBuildMakes: a footer that shows how many
// editions the privacy policy has reads the policy's page, which a new
// edition changes without changing the older editions' own content: the
// cache is off, and the output is a cacheless build's.
func TestPageCacheOffForAPageTheBuildMakes(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "layouts/_partials/brand-footer.html"),
		[]byte(`{{ with site.GetPage "/privacy" }}<p class="policy-count">{{ .Params.ps.count }}</p>{{ end }}`))
	cache := t.TempDir()
	before, _ := buildCached(t, root, cache)
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2024-08-01.ru.md"), laterEdition)
	want, _ := buildCached(t, root, "")
	const page = "ru/privacy/2023-01-10/index.html"
	count := regexp.MustCompile(`<p class="policy-count">\d+</p>`)
	if a, b := count.Find(before[page]), count.Find(want[page]); a == nil || bytes.Equal(a, b) {
		t.Fatalf("%s shows %s before the new edition and %s after: the test cannot see a stale page", page, a, b)
	}
	got, res := buildCached(t, root, cache)
	sameTrees(t, "after a new edition", want, got)
	if w := `layouts/_partials/brand-footer.html:1 uses GetPage "/privacy"`; res.PageCacheOff == nil || res.PageCacheOff.String() != w {
		t.Errorf("PageCacheOff = %v, want %q", res.PageCacheOff, w)
	}
}

// TestPageCacheOffForTheSitesDate: inside {{ with site }}, .Lastmod is the
// newest page's date, which a new edition changes on every page although
// the older editions' own content stays the same. The cache is off, and
// the output is a cacheless build's.
func TestPageCacheOffForTheSitesDate(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "layouts/_partials/brand-footer.html"),
		[]byte("{{ with site }}\n<p class=\"site-date\">{{ .Lastmod.Format \"2006-01-02\" }}</p>{{ end }}"))
	cache := t.TempDir()
	before, _ := buildCached(t, root, cache)
	// Newer than every edition posted by the build's now.
	newest := bytes.Replace(laterEdition, []byte("posted: 2024-08-01"), []byte("posted: 2024-10-10"), 1)
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2024-10-10.ru.md"), newest)
	want, _ := buildCached(t, root, "")
	const page = "ru/privacy/2023-01-10/index.html"
	date := regexp.MustCompile(`<p class="site-date">[0-9-]+</p>`)
	if a, b := date.Find(before[page]), date.Find(want[page]); a == nil || bytes.Equal(a, b) {
		t.Fatalf("%s shows %s before the new edition and %s after: the test cannot see a stale page", page, a, b)
	}
	got, res := buildCached(t, root, cache)
	sameTrees(t, "after a new edition", want, got)
	if w := "layouts/_partials/brand-footer.html:2 uses site.Lastmod"; res.PageCacheOff == nil || res.PageCacheOff.String() != w {
		t.Errorf("PageCacheOff = %v, want %q", res.PageCacheOff, w)
	}
}
