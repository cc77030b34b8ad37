package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// pageKinds are the kinds of page of the sample site, each as a path with
// %s for the language. The sample's posted editions never change
// (versions/versions.sum), so their dates can be named here.
var pageKinds = []struct{ name, path string }{
	{"home", "/%s/"},
	{"about", "/%s/about/"},
	{"policy", "/%s/privacy/"},
	{"policy with an upcoming edition", "/%s/terms/"},
	{"edition in force", "/%s/privacy/2025-09-01/"},
	{"superseded edition", "/%s/privacy/2024-02-15/"},
	{"upcoming edition", "/%s/terms/2026-11-16/"},
	{"redline", "/%s/privacy/2025-09-01/changes/"},
	{"compare page", "/%s/privacy/compare/"},
	{"not found", "/%s/404.html"},
}

// russianOnly is the sample's edition that has no English translation.
const russianOnly = "/ru/privacy/2024-07-10/"

// pageCase is one page of one language.
type pageCase struct{ name, lang, path string }

// pageCases returns every kind of page in every language, the Russian-only
// edition, and the page at the root, which offers both languages under the
// first one's lang.
func pageCases() []pageCase {
	var cases []pageCase
	for _, k := range pageKinds {
		for _, l := range langs {
			cases = append(cases, pageCase{k.name + "/" + l, l, fmt.Sprintf(k.path, l)})
		}
	}
	return append(cases,
		pageCase{"edition only in Russian/ru", "ru", russianOnly},
		pageCase{"language choice at the root", "ru", "/"})
}

// pageFacts are what every page must have.
type pageFacts struct {
	Title    string `json:"title"`
	Lang     string `json:"lang"`
	MainText string `json:"main"`
	H1       string `json:"h1"`
	Path     string `json:"path"`
}

const pageFactsJS = `({
	title: document.title,
	lang: document.documentElement.lang,
	main: (document.querySelector("main") || {innerText: ""}).innerText.trim(),
	h1: (document.querySelector("h1") || {innerText: ""}).innerText.trim(),
	path: location.pathname,
})`

func TestPagesRenderWithoutConsoleErrors(t *testing.T) {
	s := sampleSite(t)
	startBrowser(t)
	for _, c := range pageCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.open(s, c.path)
			f := eval[pageFacts](tb, pageFactsJS)
			if f.Title == "" {
				t.Errorf("%s has no title", c.path)
			}
			if f.Lang != c.lang {
				t.Errorf("%s: <html lang=%q>, want %q", c.path, f.Lang, c.lang)
			}
			if f.H1 == "" {
				t.Errorf("%s has no visible h1", c.path)
			}
			if f.MainText == "" {
				t.Errorf("%s: main has no text", c.path)
			}
			tb.noConsoleErrors()
		})
	}
}

func TestLanguageSwitcherLeadsToTheSameEdition(t *testing.T) {
	s := sampleSite(t)
	startBrowser(t)
	for _, c := range []struct {
		from, to, toLang string
	}{
		{"/ru/privacy/2024-02-15/", "/en/privacy/2024-02-15/", "en"},
		{"/en/privacy/2024-02-15/", "/ru/privacy/2024-02-15/", "ru"},
		{"/ru/terms/2026-11-16/", "/en/terms/2026-11-16/", "en"},
		{"/en/privacy/", "/ru/privacy/", "ru"},
	} {
		t.Run(strings.Trim(c.from, "/"), func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.open(s, c.from)
			sel := fmt.Sprintf(`.lang-switcher a[hreflang=%q]`, c.toLang)
			tb.click(sel)
			f := eval[pageFacts](tb, pageFactsJS)
			if f.Path != c.to || f.Lang != c.toLang {
				t.Errorf("the %s link on %s led to %s with lang %q, want %s with lang %q", c.toLang, c.from, f.Path, f.Lang, c.to, c.toLang)
			}
			tb.noConsoleErrors()
		})
	}
}

func TestLanguageSwitcherLeadsAnUntranslatedEditionToTheNearestOne(t *testing.T) {
	s := sampleSite(t)
	tb := newTab(t)
	tb.open(s, russianOnly)
	type link struct {
		Href, Title, Text, Hreflang string
	}
	l := eval[*link](tb, `(() => {
		const a = document.querySelector(".lang-switcher a[lang=en]");
		return a && {Href: a.getAttribute("href"), Title: a.title, Text: a.textContent, Hreflang: a.getAttribute("hreflang") || ""};
	})()`)
	if l == nil {
		t.Fatalf("%s has no link to English in its language switcher", russianOnly)
	}
	// The nearest English edition is the one of 2024-02-15, the last posted
	// before 2024-07-10.
	const nearest = "/en/privacy/2024-02-15/"
	if l.Href != nearest {
		t.Errorf("the English link leads to %s, want the nearest edition %s", l.Href, nearest)
	}
	if l.Hreflang != "" {
		t.Errorf("the English link has hreflang=%q, but the nearest edition is not a translation", l.Hreflang)
	}
	// The note is the link's title for pointers and hidden text for screen
	// readers: it must say which edition the link leads to.
	if !strings.Contains(l.Title, "February 15, 2024") || !strings.Contains(l.Text, l.Title) {
		t.Errorf("the English link does not carry its note: title %q, text %q", l.Title, l.Text)
	}
	if note := eval[string](tb, `(document.querySelector(".notice-language") || {innerText: ""}).innerText`); note == "" {
		t.Errorf("%s does not say that it has no English translation", russianOnly)
	}
	tb.click(".lang-switcher a[lang=en]")
	f := eval[pageFacts](tb, pageFactsJS)
	if f.Path != nearest || f.Lang != "en" {
		t.Errorf("the link led to %s with lang %q, want %s with lang en", f.Path, f.Lang, nearest)
	}
	tb.noConsoleErrors()
}

// policiesIndex is the part of policies.json the tests read.
type policiesIndex struct {
	Policies []struct {
		Slug      string `json:"slug"`
		Languages []struct {
			Lang     string `json:"lang"`
			Editions []struct {
				ID  string `json:"id"`
				URL string `json:"url"`
			} `json:"editions"`
		} `json:"languages"`
	} `json:"policies"`
}

// editionPaths returns the paths of a policy's published editions in a
// language, from policies.json, oldest first.
func editionPaths(t *testing.T, s *builtSite, slug, lang string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(s.dir, "policies.json"))
	if err != nil {
		t.Fatal(err)
	}
	var idx policiesIndex
	if err := json.Unmarshal(data, &idx); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range idx.Policies {
		for _, l := range p.Languages {
			if p.Slug != slug || l.Lang != lang {
				continue
			}
			for _, e := range l.Editions {
				u, err := url.Parse(e.URL)
				if err != nil {
					t.Fatal(err)
				}
				paths = append(paths, u.Path)
			}
		}
	}
	if len(paths) == 0 {
		t.Fatalf("policies.json lists no %s edition of %s", lang, slug)
	}
	return paths
}

func TestArchiveLinksLeadToEachEdition(t *testing.T) {
	s := sampleSite(t)
	startBrowser(t)
	for _, lang := range langs {
		for _, slug := range []string{"privacy", "terms"} {
			policy := fmt.Sprintf("/%s/%s/", lang, slug)
			want := editionPaths(t, s, slug, lang)
			for i := range want {
				t.Run(fmt.Sprintf("%s/%s/row%d", lang, slug, i+1), func(t *testing.T) {
					t.Parallel()
					tb := newTab(t)
					tb.open(s, policy)
					hrefs := eval[[]string](tb, `[...document.querySelectorAll(".archive tbody th[scope=row] a")].map(a => a.getAttribute("href"))`)
					if !sameSet(hrefs, want) {
						t.Fatalf("the archive on %s links %v, want every edition in policies.json: %v", policy, hrefs, want)
					}
					sel := fmt.Sprintf(".archive tbody tr:nth-child(%d) th[scope=row] a", i+1)
					text := eval[string](tb, fmt.Sprintf(`document.querySelector(%q).textContent.trim()`, sel))
					href := hrefs[i]
					tb.click(sel)
					f := eval[pageFacts](tb, pageFactsJS)
					if f.Path != href {
						t.Errorf("the archive link %q led to %s, want %s", text, f.Path, href)
					}
					lede := eval[string](tb, `(document.querySelector(".doc-header .lede") || {innerText: ""}).innerText`)
					if f.H1 == "" || !strings.Contains(lede, text) {
						t.Errorf("%s: heading %q, lede %q; want a heading and the edition's date %q", href, f.H1, lede, text)
					}
					tb.noConsoleErrors()
				})
			}
		}
	}
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// visibilityJS describes an element found by a CSS selector: whether it
// exists, whether it or an ancestor is display: none (and which), its own
// computed display, and its box.
const visibilityJS = `((sel) => {
	const el = document.querySelector(sel);
	if (!el) return {exists: false};
	let hiddenBy = "";
	for (let e = el; e; e = e.parentElement) {
		if (getComputedStyle(e).display === "none") {
			hiddenBy = e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : "");
			break;
		}
	}
	const r = el.getBoundingClientRect();
	return {exists: true, hiddenBy, display: getComputedStyle(el).display, width: r.width, height: r.height,
		text: el.innerText.trim().length};
})(%q)`

type visibility struct {
	Exists   bool    `json:"exists"`
	HiddenBy string  `json:"hiddenBy"`
	Display  string  `json:"display"`
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
	Text     int     `json:"text"`
}

// shown reports whether the element has a box on the page.
func (v visibility) shown() bool {
	return v.Exists && v.HiddenBy == "" && v.Width > 0 && v.Height > 0
}

// visible describes the first element matching sel, failing the test when
// there is none.
func visible(tb *tab, sel string) visibility {
	tb.t.Helper()
	v := eval[visibility](tb, fmt.Sprintf(visibilityJS, sel))
	if !v.Exists {
		tb.t.Fatalf("%s: no element", sel)
	}
	return v
}

// marksJS counts the <del> and <ins> elements of a view that are shown and
// have text a reader sees.
const marksJS = `((sel) => {
	const count = (tag) => [...document.querySelectorAll(sel + " " + tag)]
		.filter(e => e.checkVisibility() && e.innerText.trim() !== "" && e.getBoundingClientRect().width > 0).length;
	return {del: count("del"), ins: count("ins")};
})(%q)`

type marks struct {
	Del int `json:"del"`
	Ins int `json:"ins"`
}

func TestRedlineSwitchesBetweenInlineAndSideBySide(t *testing.T) {
	s := sampleSite(t)
	startBrowser(t)
	for _, lang := range langs {
		p := fmt.Sprintf("/%s/privacy/2025-09-01/changes/", lang)
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.open(s, p)
			checkInline := func(when string) {
				t.Helper()
				if v := visible(tb, ".rl-view-inline"); !v.shown() {
					t.Errorf("%s: the inline view is not shown (hidden by %q, %+v)", when, v.HiddenBy, v)
				}
				if v := visible(tb, ".rl-view-side"); v.shown() {
					t.Errorf("%s: the side-by-side view is shown too", when)
				}
				if m := eval[marks](tb, fmt.Sprintf(marksJS, ".rl-view-inline")); m.Del == 0 || m.Ins == 0 {
					t.Errorf("%s: the inline view shows %d <del> and %d <ins> with text, want some of each", when, m.Del, m.Ins)
				}
			}
			checkInline("at first")

			tb.do("choose the side-by-side view", chromedp.Click(chromedp.CSS(`label[for="rl-view-side"]`), chromedp.NodeVisible))
			if v := visible(tb, ".rl-view-side"); !v.shown() {
				t.Errorf("after choosing side by side, its view is not shown (hidden by %q, display %s)", v.HiddenBy, v.Display)
			}
			if v := visible(tb, ".rl-view-side table"); !v.shown() {
				t.Errorf("after choosing side by side, its table is not shown")
			}
			if rows := eval[int](tb, `document.querySelectorAll(".rl-view-side table tbody tr").length`); rows == 0 {
				t.Errorf("the side-by-side table has no rows")
			}
			if v := visible(tb, ".rl-view-inline"); v.shown() || v.Display != "none" {
				t.Errorf("after choosing side by side, the inline view is still shown (display %s)", v.Display)
			}
			if m := eval[marks](tb, fmt.Sprintf(marksJS, ".rl-view-side")); m.Del == 0 || m.Ins == 0 {
				t.Errorf("the side-by-side view shows %d <del> and %d <ins> with text, want some of each", m.Del, m.Ins)
			}

			tb.do("choose the inline view again", chromedp.Click(chromedp.CSS(`label[for="rl-view-inline"]`), chromedp.NodeVisible))
			checkInline("back to inline")
			tb.noConsoleErrors()
		})
	}
}

func TestComparePageComputesARedlineInTheBrowser(t *testing.T) {
	s := sampleSite(t)
	startBrowser(t)
	for _, c := range []struct {
		lang, from, to string
		prerendered    string // the same pair, rendered by the build
	}{
		// No "to": as a superseded edition's page links it, the page
		// compares with the edition in force, 2025-09-01.
		{"ru", "2024-07-10", "", "/ru/privacy/2025-09-01/changes/"},
		{"en", "2023-03-01", "2024-02-15", "/en/privacy/2024-02-15/changes/"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			p := fmt.Sprintf("/%s/privacy/compare/?from=%s", c.lang, c.from)
			if c.to != "" {
				p += "&to=" + c.to
			}
			tb.open(s, p)
			if !eval[bool](tb, `!!document.getElementById("cmp-form")`) {
				notice := eval[string](tb, `(document.querySelector("main .notice") || {innerText: ""}).innerText`)
				skipWithout(t, fmt.Sprintf("the build did not include the WebAssembly module (it compiles it with the Go toolchain; see the build's messages below), so the compare page says: %q", notice))
			}
			// The page computes at once when the address names both
			// editions; it shows either the result or a status.
			done, err := chromedp.Run(tb.ctx, chromedp.Poll[string](`(() => {
				if (!document.getElementById("cmp-summary").hidden) return "result";
				const st = document.getElementById("cmp-status");
				const working = JSON.parse(document.getElementById("cmp-data").textContent).strings.working;
				return !st.hidden && st.textContent !== working ? "status: " + st.textContent : "";
			})()`, chromedp.WithPollingTimeout(45*time.Second), chromedp.WithPollingInterval(100*time.Millisecond)))
			if err != nil {
				t.Fatalf("%s showed no result: %v", p, err)
			}
			if done != "result" {
				t.Fatalf("%s showed no result but %s", p, done)
			}
			if text := eval[string](tb, `document.getElementById("cmp-summary-text").innerText`); text == "" {
				t.Errorf("%s: the result has no summary", p)
			}
			if m := eval[marks](tb, fmt.Sprintf(marksJS, "#view-inline")); m.Del == 0 || m.Ins == 0 {
				t.Errorf("%s: the inline view shows %d <del> and %d <ins> with text, want some of each", p, m.Del, m.Ins)
			}
			got := eval[string](tb, `document.getElementById("view-inline").innerHTML.trim()`)
			tb.noConsoleErrors()

			// The browser runs the build's own redline code, so the result is
			// the pre-rendered page's.
			tb.open(s, c.prerendered)
			want := eval[string](tb, `document.querySelector(".rl-view-inline").innerHTML.trim()`)
			if got != want {
				t.Errorf("the redline computed in the browser differs from %s:\n got: %.300s…\nwant: %.300s…", c.prerendered, got, want)
			}
		})
	}
}

func TestPrintShowsOnlyTheDocument(t *testing.T) {
	s := sampleSite(t)
	startBrowser(t)
	// The site's header with its navigation and language switcher, and its
	// footer, on every page; the pager of a document's footer where there
	// is one. All shown on screen and gone on paper.
	chrome := []string{".site-header", ".site-nav", ".lang-switcher", ".site-footer"}
	for _, k := range []struct {
		name, path string
		extra      []string // more of the site's navigation, hidden on paper
		text       string   // the document, shown on paper
		side       bool     // choose the side-by-side view first: paper still gets the inline one
	}{
		{"policy", "/%s/privacy/", nil, ".policy-text", false},
		{"edition", "/%s/privacy/2024-02-15/", []string{".doc-footer .pager"}, ".policy-text", false},
		{"redline", "/%s/privacy/2025-09-01/changes/", []string{".doc-footer .pager", ".rl-switch"}, ".rl-view-inline", true},
	} {
		for _, lang := range langs {
			t.Run(k.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				p := fmt.Sprintf(k.path, lang)
				tb.open(s, p)
				if k.side {
					tb.do("choose the side-by-side view", chromedp.Click(chromedp.CSS(`label[for="rl-view-side"]`), chromedp.NodeVisible))
				}
				hidden := append(slices.Clone(chrome), k.extra...)
				for _, sel := range hidden {
					if !visible(tb, sel).shown() {
						t.Errorf("%s: %s is not shown on screen, so hiding it on paper proves nothing", p, sel)
					}
				}
				if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
					t.Fatalf("emulate print media: %v", err)
				}
				if !eval[bool](tb, `matchMedia("print").matches`) {
					t.Fatal("print media is not emulated")
				}
				for _, sel := range append(hidden, ".skip-link") {
					if v := visible(tb, sel); v.HiddenBy == "" {
						t.Errorf("%s in print: %s is displayed (display %s)", p, sel, v.Display)
					}
				}
				if v := visible(tb, k.text); !v.shown() || v.Text == 0 {
					t.Errorf("%s in print: the document %s is not shown (hidden by %q, %+v)", p, k.text, v.HiddenBy, v)
				}
				if k.side {
					if v := visible(tb, ".rl-view-side"); v.shown() {
						t.Errorf("%s in print: the side-by-side view is shown besides the inline one", p)
					}
				}
				tb.noConsoleErrors()
			})
		}
	}
}
