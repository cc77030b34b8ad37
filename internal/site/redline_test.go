package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

func TestRedlinePagesExistForEveryComparison(t *testing.T) {
	out, res := build(t, fixture(t))
	for _, p := range []string{
		// Each edition against the previous one in its language.
		"ru/privacy/2024-05-01/changes/index.html",
		"ru/privacy/2024-10-01/changes/index.html",
		"en/privacy/2024-10-01/changes/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	for _, p := range []string{
		// A first edition has nothing to compare with.
		"ru/privacy/2023-01-10/changes/index.html",
		"en/privacy/2023-01-10/changes/index.html",
		// A superseded edition is compared with the edition in force in
		// the browser, not on a page that every new edition would change.
		"ru/privacy/compare/2023-01-10...2024-05-01/index.html",
		// Unposted editions get no pages at all.
		"ru/privacy/2030-01-01/changes/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("unexpected %s", p)
		}
	}
	if res.Redlines != 3 {
		t.Errorf("Redlines = %d, want 3", res.Redlines)
	}
}

func TestRedlinePageShowsSummaryClausesAndBothViews(t *testing.T) {
	out, _ := build(t, fixture(t))
	page := read(t, out, "ru/privacy/2024-10-01/changes/index.html")
	for _, want := range []string{
		// The summary comes first, with Russian plurals.
		// 3.4.1 now gives a date rather than "on posting", so the summary says first that the change rules changed.
		`<p>Изменился порядок вступления изменений в силу. Изменён 1 пункт, удалён 1.</p>`,
		// The changed clauses link into the text.
		`<a href="#was-c-1-2"><span class="rl-toc-no">1.2</span>`,
		`<span class="rl-badge rl-badge-deleted">удалён</span>`,
		`<a href="#c-3-4-1"><span class="rl-toc-no">3.4.1</span>`,
		`id="c-3-4-1"`,
		// Deletions and insertions are announced in words, not by colour only.
		`<del><span class="visually-hidden">удалено: </span>с момента размещения</del>`,
		`<ins><span class="visually-hidden">добавлено: </span>1 ноября 2024 г</ins>`,
		// Unchanged clauses are folded with their numbers.
		`<details class="rl-fold"><summary>2 пункта без изменений: 1, 1.1</summary>`,
		// The side-by-side view.
		`<table class="rl-side">`,
		`<th scope="col">Редакция от 1 мая 2024 г.</th><th scope="col">Редакция от 1 октября 2024 г.</th>`,
		`<input type="radio" name="rl-view" id="rl-view-side" value="side">`,
		// Both editions are linked.
		`href="/ru/privacy/2024-05-01/"`,
		`href="/ru/privacy/2024-10-01/"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("ru/privacy/2024-10-01/changes/ lacks %s", want)
		}
	}
	if i, j := strings.Index(page, "Изменён 1 пункт"), strings.Index(page, `class="rl-views"`); i < 0 || j < 0 || i > j {
		t.Error("the summary does not come before the redline")
	}
	en := read(t, out, "en/privacy/2024-10-01/changes/index.html")
	for _, want := range []string{
		`<p>The rules on how changes take effect have changed. 1 clause changed, 1 deleted.</p>`,
		`<del><span class="visually-hidden">deleted: </span>`,
		`Edition of January 10, 2023`,
	} {
		if !strings.Contains(en, want) {
			t.Errorf("en/privacy/2024-10-01/changes/ lacks %s", want)
		}
	}
}

func TestRedlineTranslationsCompareTheSameEditions(t *testing.T) {
	out, _ := build(t, fixture(t))
	// The Russian 2024-10-01 edition follows 2024-05-01, the English one
	// follows 2023-01-10: the two redlines are not translations.
	ru := read(t, out, "ru/privacy/2024-10-01/changes/index.html")
	if strings.Contains(ru, `hreflang="en"`) {
		t.Error("ru changes page claims an English translation that compares other editions")
	}
	// The switcher still leads to the English redline of the same edition,
	// saying that it compares it with another one.
	want := `<a href="/en/privacy/2024-10-01/changes/" lang="en" title="In this language the edition is compared with another previous edition, of January 10, 2023">English <small lang="en">(another comparison`
	if !strings.Contains(ru, want) {
		t.Errorf("ru changes page does not lead to the English redline of the same edition:\n%s", section(ru, "lang-switcher"))
	}
}

func TestEditionAndArchiveLinkTheirRedlines(t *testing.T) {
	out, _ := build(t, fixture(t))
	ed := read(t, out, "ru/privacy/2024-05-01/index.html")
	for _, want := range []string{
		`Исправлен пункт 1.2.`, // the author's summary stays
		`Изменён 1 пункт. <a href="/ru/privacy/2024-05-01/changes/">Что изменилось по сравнению с предыдущей редакцией</a>`,
	} {
		if !strings.Contains(ed, want) {
			t.Errorf("edition page lacks %s", want)
		}
	}
	old := read(t, out, "ru/privacy/2023-01-10/index.html")
	if !strings.Contains(old, `<a href="/ru/privacy/compare/?from=2023-01-10">Сравнить с действующей редакцией</a>`) {
		t.Error("superseded edition does not link its comparison with the edition in force")
	}
	if strings.Contains(old, "/ru/privacy/2023-01-10/changes/") {
		t.Error("first edition links a redline it does not have")
	}
	pol := read(t, out, "ru/privacy/index.html")
	for _, want := range []string{
		`<a href="/ru/privacy/2024-10-01/changes/">изменения</a>`,
		`<a href="/ru/privacy/compare/?from=2023-01-10">сравнить с действующей</a>`,
		`<span class="muted">первая редакция</span>`,
	} {
		if !strings.Contains(pol, want) {
			t.Errorf("policy page archive lacks %s", want)
		}
	}
}

func TestRedlineNeverCarriesRawHTML(t *testing.T) {
	out, _ := build(t, fixture(t))
	// 2024-05-01 holds a <script> and a javascript: link.
	for _, p := range []string{"ru/privacy/2024-05-01/changes/index.html", "ru/privacy/2024-10-01/changes/index.html"} {
		page := read(t, out, p)
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "javascript:") {
			t.Errorf("%s carries the policy's raw HTML", p)
		}
	}
}

// TestSupersededPagesStayPutWhenANewEditionTakesEffect: once superseded, an
// edition's page and its JSON keep their bytes when a later edition comes
// into force, and so does its redline's JSON. (Its redline page shows both
// editions' statuses, so it changes when its edition does, and no more.) Archives rely on it, and so does the page
// cache: a new edition re-renders only what it changes.
func TestSupersededPagesStayPutWhenANewEditionTakesEffect(t *testing.T) {
	root := fixture(t)
	before, _ := build(t, root)
	// Posted and in force before testNow: 2024-05-01 is superseded now.
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2024-08-01.ru.md"), laterEdition)
	after, _ := build(t, root)
	for _, p := range []string{
		"ru/privacy/2023-01-10/index.html",
		"ru/privacy/2023-01-10/index.json",
		"ru/privacy/2024-05-01/changes.json",
		"en/privacy/2023-01-10/index.html",
	} {
		if read(t, before, p) != read(t, after, p) {
			t.Errorf("%s changed when a later edition took effect", p)
		}
	}
	// The edition it replaces does change: it is superseded now.
	if read(t, before, "ru/privacy/2024-05-01/index.html") == read(t, after, "ru/privacy/2024-05-01/index.html") {
		t.Error("the edition that was in force still reads the same")
	}
}
