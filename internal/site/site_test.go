package site_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	sitebuild "policysite/internal/build"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/policy"
	"policysite/internal/source"
	"policysite/internal/testfs"
)

// testNow falls after the Russian-only edition and before the 2024-10-01
// edition takes effect.
var testNow = time.Date(2024, 10, 15, 12, 0, 0, 0, time.UTC)

// fixture writes testdata/fixture.txtar and the repository's layouts, i18n
// and assets into a temporary repository.
func fixture(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	ar, err := txtar.ParseFile("testdata/fixture.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		testfs.WriteFile(t, filepath.Join(root, f.Name), f.Data)
	}
	for _, d := range []string{"layouts", "i18n", "assets"} {
		testfs.CopyTree(t, filepath.Join("../..", d), filepath.Join(root, d))
	}
	return root
}

func build(t *testing.T, root string) (string, *sitebuild.Result) {
	t.Helper()
	out := t.TempDir()
	res, err := buildInto(root, out)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, res
}

func buildInto(root, out string) (*sitebuild.Result, error) { return buildIntoCached(root, out, "") }

// buildIntoCached builds the repository at root into out, with cacheDir as
// the cache folder ("" for none).
func buildIntoCached(root, out, cacheDir string) (*sitebuild.Result, error) {
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		return nil, err
	}
	strs, err := l10n.Load(os.DirFS(root), cfg.Codes())
	if err != nil {
		return nil, err
	}
	src, err := source.Load(source.Options{FS: os.DirFS(root), Langs: cfg.Codes(), Location: cfg.Location})
	if err != nil {
		return nil, err
	}
	return sitebuild.Site(context.Background(), sitebuild.Input{Source: os.DirFS(root), Root: root, Config: cfg, BaseURL: cfg.BaseURL, Now: testNow,
		Policies: src.Policies, Strings: strs, CacheDir: cacheDir}, out)
}

func TestBuildWritesAPagePerEditionPerLanguage(t *testing.T) {
	out, res := build(t, fixture(t))
	for _, p := range []string{
		"index.html", "ru/index.html", "en/index.html",
		"ru/privacy/index.html", "en/privacy/index.html",
		"ru/privacy/2023-01-10/index.html", "ru/privacy/2024-05-01/index.html", "ru/privacy/2024-10-01/index.html",
		"en/privacy/2023-01-10/index.html", "en/privacy/2024-10-01/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	for _, p := range []string{"ru/privacy/2030-01-01/index.html", "en/privacy/2024-05-01/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s should not exist", p)
		}
	}
	if res.Editions != 5 || res.Unposted != 1 || res.Policies != 1 {
		t.Errorf("result = %+v", res)
	}
}

func TestEditionPagesSayWhereTheyStand(t *testing.T) {
	out, _ := build(t, fixture(t))
	tests := []struct {
		page string
		want []string
		not  []string
	}{
		{"ru/privacy/2023-01-10/index.html", []string{
			`Эта редакция утратила силу.`,
			`<a href="/ru/privacy/">Читать действующую редакцию</a>`,
			`<span class="status status-superseded">Утратила силу</span>`,
			`<time datetime="2023-01-10T12:00:00&#43;03:00">10 января 2023 г., 12:00 (UTC&#43;3)</time>`,
		}, nil},
		{"ru/privacy/2024-05-01/index.html", []string{
			`<span class="status status-in_force">Действует</span>`,
			`Этой редакции нет на языках: English.`,
			`<h2 id="summary-h">Что изменилось</h2>`,
		}, []string{"notice-superseded", "notice-upcoming"}},
		{"ru/privacy/2024-10-01/index.html", []string{
			`Эта редакция размещена, но вступит в силу 1 ноября 2024 г., 00:00 (UTC&#43;3).`,
			`<a href="/ru/privacy/2024-05-01/">До этого момента действует редакция от 1 мая 2024 г.</a>`,
			`<span class="status status-upcoming">Вступит в силу</span>`,
		}, nil},
		{"en/privacy/2024-10-01/index.html", []string{
			`This edition has been posted and takes effect on November 1, 2024, 00:00 (UTC&#43;3).`,
			`Until then, the edition of January 10, 2023 applies`,
		}, nil},
		{"ru/privacy/index.html", []string{
			`Действует с 1 мая 2024 г., 09:30 (UTC&#43;3)`,
			`Новая редакция вступит в силу 1 ноября 2024 г., 00:00 (UTC&#43;3).`,
			`<a href="/ru/privacy/2024-10-01/">Читать новую редакцию</a>`,
			`(3 редакции)`,
			`Второй пункт, исправленный.`,
		}, nil},
		{"en/privacy/index.html", []string{`In force since January 10, 2023`, `(2 editions)`}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			html := read(t, out, tc.page)
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("lacks %s", w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(html, n) {
					t.Errorf("has %s", n)
				}
			}
		})
	}
}

func TestLanguageSwitcherAndHreflang(t *testing.T) {
	out, _ := build(t, fixture(t))
	ru := read(t, out, "ru/privacy/2023-01-10/index.html")
	for _, w := range []string{
		`<link rel="alternate" hreflang="ru" href="https://policies.example/ru/privacy/2023-01-10/">`,
		`<link rel="alternate" hreflang="en" href="https://policies.example/en/privacy/2023-01-10/">`,
		`<link rel="alternate" hreflang="x-default" href="https://policies.example/ru/privacy/2023-01-10/">`,
		`<a href="/en/privacy/2023-01-10/" lang="en" hreflang="en">English</a>`,
	} {
		if !strings.Contains(ru, w) {
			t.Errorf("ru 2023-01-10 lacks %s", w)
		}
	}
	// The Russian-only edition leads to the English edition in force at its
	// effective moment, says so, and claims no hreflang translation.
	only := read(t, out, "ru/privacy/2024-05-01/index.html")
	if !strings.Contains(only, `<a href="/en/privacy/2023-01-10/" lang="en" title="This edition has no translation; the link leads to the nearest edition, of January 10, 2023">English <small lang="en">(nearest edition`) {
		t.Errorf("switcher of the Russian-only edition does not lead to the nearest English edition:\n%s", section(only, "lang-switcher"))
	}
	if strings.Contains(only, `hreflang="en"`) || strings.Contains(only, `hreflang="x-default"`) {
		t.Error("an inexact alternate is announced with hreflang")
	}
}

func TestClauseAnchorsAreStableAcrossEditions(t *testing.T) {
	out, _ := build(t, fixture(t))
	for _, p := range []string{"ru/privacy/2023-01-10/index.html", "ru/privacy/2024-10-01/index.html", "en/privacy/2023-01-10/index.html"} {
		html := read(t, out, p)
		for _, w := range []string{
			`<h2 id="c-1">1. `,
			`<a class="clause-no" id="c-1-1" href="#c-1-1">1.1.</a>`,
			`<a class="clause-no" id="c-3-4-1" href="#c-3-4-1">3.4.1.</a>`,
			`<a href="#c-3">3. `, // table of contents
		} {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %s", p, w)
			}
		}
	}
}

func TestRawHTMLInAPolicyNeverRuns(t *testing.T) {
	out, res := build(t, fixture(t))
	html := read(t, out, "ru/privacy/2024-05-01/index.html")
	if strings.Contains(html, "<script>") || strings.Contains(html, "javascript:") {
		t.Errorf("raw HTML or a javascript: link reached the page:\n%s", section(html, "policy-text"))
	}
	var warned bool
	for _, m := range res.Messages {
		warned = warned || strings.Contains(m.Text, "versions/privacy/2024-05-01.ru.md")
	}
	if !warned {
		t.Errorf("no warning names the source file with raw HTML: %+v", res.Messages)
	}
}

func TestBuildIsByteIdentical(t *testing.T) {
	root := fixture(t)
	a, _ := build(t, root)
	b, _ := build(t, root)
	ta, tb := testfs.Tree(t, a), testfs.Tree(t, b)
	if len(ta) == 0 || len(ta) != len(tb) {
		t.Fatalf("trees differ in size: %d vs %d files", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestHugoIsIsolated: stray HUGO_ variables change nothing, and the source
// tree gets no lock file, resources or caches.
func TestHugoIsIsolated(t *testing.T) {
	root := fixture(t)
	before := testfs.Tree(t, root)
	clean, _ := build(t, root)
	t.Setenv("HUGO_BASEURL", "https://evil.example/")
	t.Setenv("HUGO_TITLE", "Hijacked")
	t.Setenv("HUGO_PARAMS_POLICYSITE_NOW", "1999-01-01T00:00:00Z")
	dirty, _ := build(t, root)
	ta, tb := testfs.Tree(t, clean), testfs.Tree(t, dirty)
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s changed under HUGO_* variables", name)
		}
	}
	after := testfs.Tree(t, root)
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("the build wrote %s into the source tree", name)
		}
	}
}

func TestPolicyCollidingWithContentIsRefused(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "content/privacy.ru.md"), []byte("---\ntitle: x\n---\n"))
	_, err := buildInto(root, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), `content/privacy.ru.md: uses the address of policy "privacy"`) {
		t.Fatalf("err = %v", err)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func section(html, class string) string {
	re := regexp.MustCompile(`(?s)class="` + class + `".{0,800}`)
	return re.FindString(html)
}

// TestTemplatesSeeTheBuildsNow: Hugo's clock, which templates read through
// now and time.Now (a footer's year), is the build's --now, not the wall
// clock, so the same input builds the same bytes on any day.
func TestTemplatesSeeTheBuildsNow(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "layouts/_partials/brand-footer.html"),
		[]byte(`<p class="built">{{ now.Format "2006-01-02" }} {{ time.Now.Year }}</p>`))
	out, _ := build(t, root)
	want := `<p class="built">` + testNow.Format("2006-01-02") + " " + testNow.Format("2006") + `</p>`
	for _, page := range []string{"ru/privacy/index.html", "en/index.html"} {
		if html := read(t, out, page); !strings.Contains(html, want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
}

// TestMissingMessagesAreNamedAtOnce: a repository whose i18n/ is older
// than the policysite it runs lacks the messages added since. The build
// fails naming every one that a language's file lacks, those of the pages
// and those of the feeds alike, rather than one per run.
func TestMissingMessagesAreNamedAtOnce(t *testing.T) {
	root := fixture(t)
	testfs.DropTables(t, filepath.Join(root, "i18n", "en.toml"), "changes_title", "feed_title")
	_, err := buildInto(root, t.TempDir())
	var list policy.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("build: %v, want the missing messages", err)
	}
	want := `i18n/en.toml: lacks "changes_title", "feed_title", which the site needs`
	if len(list) != 1 || !strings.HasPrefix(list[0].Error(), want) {
		t.Errorf("errors = %q, want one starting %q", list.Error(), want)
	}
}

// TestARepositoryPathWithACommaBuildsTheSameSite: Hugo splits its config
// file names at commas; a repository at such a path must not lose the
// project's config and build with Hugo's defaults.
func TestARepositoryPathWithACommaBuildsTheSameSite(t *testing.T) {
	plain := fixture(t)
	comma := filepath.Join(t.TempDir(), "legal,site")
	testfs.CopyTree(t, plain, comma)
	outPlain, _ := build(t, plain)
	outComma, _ := build(t, comma)
	want, got := testfs.Tree(t, outPlain), testfs.Tree(t, outComma)
	if len(got) != len(want) {
		t.Errorf("%d files at a path with a comma, %d without", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs at a path with a comma", name)
		}
	}
}
