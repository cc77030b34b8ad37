package site_test

import (
	"context"
	"fmt"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"policysite/internal/check"
)

var (
	termsBoxRe = regexp.MustCompile(`(?s)<aside class="change-terms".*?</aside>`)
	boxItemRe  = regexp.MustCompile(`(?s)<dd[ >].*?</dd>`)
	boxRowRe   = regexp.MustCompile(`(?s)<div class="ct-row[^"]*">.*?</div>`)
)

// termsBoxOf returns the box on changes of an HTML page.
func termsBoxOf(t *testing.T, page string) string {
	t.Helper()
	box := termsBoxRe.FindString(page)
	if box == "" {
		t.Fatal("the page has no box on changes")
	}
	return box
}

// boxItem returns the statement (the <dd>) of box that contains text, or "".
func boxItem(box, text string) string {
	for _, dd := range boxItemRe.FindAllString(box, -1) {
		if strings.Contains(dd, text) {
			return dd
		}
	}
	return ""
}

// boxStatement is a statement the box must make: its words, the clauses
// it cites (the links' text, in order) and one sentence it quotes, all as
// the HTML writes them.
type boxStatement struct {
	text     string
	cites    []string
	sentence string
}

func (st boxStatement) check(t *testing.T, box string) {
	t.Helper()
	dd := boxItem(box, st.text)
	if dd == "" {
		t.Errorf("the box does not say %q:\n%s", st.text, box)
		return
	}
	var links []string
	for _, c := range st.cites {
		n := c[strings.LastIndex(c, " ")+1:]
		links = append(links, `<a href="#c-`+strings.ReplaceAll(n, ".", "-")+`">`+c+`</a>`)
	}
	if want := `<span class="ct-cites">(` + strings.Join(links, ", ") + `)</span>`; len(st.cites) > 0 && !strings.Contains(dd, want) {
		t.Errorf("%q does not cite %s:\n%s", st.text, want, dd)
	}
	if !strings.Contains(dd, "<summary>") || !strings.Contains(dd, "<blockquote><p>"+st.sentence+"</p></blockquote>") {
		t.Errorf("%q does not quote, on request, %q:\n%s", st.text, st.sentence, dd)
	}
}

// changeBox has a policy whose clause 9 says every kind of thing about
// changes, in Russian and English, and one that says nothing about them.
const changeBox = `
-- policysite.toml --
base_url = "https://policies.example/"
time_zone = "Europe/Moscow"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"
company = "ООО «Тест»"

[[languages]]
code = "en"
name = "English"
title = "Documents"
company = "Test LLC"
-- versions/terms/2024-01-10.ru.md --
---
title: Условия
posted: 2024-01-10T12:00:00+03:00
---
## 1. Общие положения

1.1. Настоящие Условия регулируют использование Сервиса.

## 9. Изменение Условий

9.1. Компания вправе в одностороннем порядке изменять Условия без согласия Пользователя.

9.2. Новая редакция Условий вступает в силу с момента её размещения на Сайте, если иное не предусмотрено новой редакцией.

9.3. О существенных изменениях Условий Компания уведомляет Пользователя по электронной почте не менее чем за 30 дней до их вступления в силу.

9.4. Продолжая пользоваться Сервисом после вступления в силу новой редакции, Пользователь соглашается с ней.

9.5. Изменения Условий могут иметь обратную силу и распространяться на отношения, возникшие до их вступления в силу.
-- versions/terms/2024-01-10.en.md --
---
title: Terms
posted: 2024-01-10T12:00:00+03:00
---
## 1. General

1.1. These Terms govern the use of the Service.

## 9. Changes to the Terms

9.1. The Company may amend the Terms unilaterally without the User's consent.

9.2. A new edition of the Terms takes effect from the moment it is posted on the Site, unless the new edition provides otherwise.

9.3. The Company notifies the User of material changes to the Terms by email at least 30 days before they take effect.

9.4. By continuing to use the Service after a new edition takes effect, the User accepts it.

9.5. Changes to the Terms may apply retroactively, to relations that arose before they took effect.
-- versions/cookies/2024-01-10.ru.md --
---
title: Политика cookie
posted: 2024-01-10T12:00:00+03:00
---
## 1. Общие положения

1.1. Сайт использует файлы cookie, чтобы помнить язык.
-- versions/cookies/2024-01-10.en.md --
---
title: Cookie policy
posted: 2024-01-10T12:00:00+03:00
---
## 1. General

1.1. The Site uses cookies to remember the language.
`

var changeBoxNow = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

// TestTermsBoxQuotesEveryFinding: every finding of an edition's JSON is a
// statement of the box in the words of its kind (a notice period for
// material changes says so, a retroactive change is a caution of its
// own), linking its clause and quoting its sentence; and the JSON gives a
// sentence and a clause for every field it sets.
func TestTermsBoxQuotesEveryFinding(t *testing.T) {
	out, _ := buildAt(t, repo(t, changeBox), changeBoxNow)
	box := termsBoxOf(t, read(t, out, "ru/terms/2024-01-10/index.html"))
	ct := jsonFile(t, out, "ru/terms/2024-01-10/index.json")["change_terms"].(map[string]any)
	kinds := map[string]bool{}
	for _, x := range ct["findings"].([]any) {
		f := x.(map[string]any)
		kind, scope, sentence, clause := f["kind"].(string), f["scope"].(string), f["sentence"].(string), f["clause"].(string)
		kinds[kind] = true
		if sentence == "" || clause == "" {
			t.Errorf("finding %v: no sentence or no clause", f)
		}
		want := ruStatement(kind, scope, f["days"])
		st := boxStatement{text: want, cites: []string{"п. " + clause}, sentence: html.EscapeString(sentence)}
		dd := ""
		for _, d := range boxItemRe.FindAllString(box, -1) {
			if strings.Contains(d, want) && strings.Contains(d, st.sentence) {
				dd = d
			}
		}
		if dd == "" {
			t.Errorf("%s finding (scope %q) of clause %s: no statement %q quoting %q:\n%s", kind, scope, clause, want, sentence, box)
			continue
		}
		if !strings.Contains(dd, `<a href="#c-`+strings.ReplaceAll(clause, ".", "-")+`">п. `+clause+`</a>`) {
			t.Errorf("%q does not link clause %s:\n%s", want, clause, dd)
		}
		if kind == "retroactive" && !strings.Contains(box, `<div class="ct-row ct-caution">`) {
			t.Errorf("the retroactive change is not a caution:\n%s", box)
		}
	}
	for field, kind := range map[string]string{"unilateral": "unilateral", "effective_on_posting": "effective_on_posting", "unless_otherwise": "unless_otherwise",
		"continued_use": "continued_use", "retroactive": "retroactive"} {
		if ct[field] == true && !kinds[kind] {
			t.Errorf("change_terms.%s is set, but no finding says it", field)
		}
	}
	for field, kind := range map[string]string{"notice_days": "notice_period", "published_at": "published_at"} {
		if ct[field] != nil && !kinds[kind] {
			t.Errorf("change_terms.%s is set, but no finding says it", field)
		}
	}
	if n, _ := ct["notification"].([]any); len(n) > 0 && !kinds["notification"] {
		t.Error("change_terms.notification is set, but no finding says it")
	}
	if ct["notice_scope"] == "material" && !strings.Contains(box, "Для существенных изменений — не ранее чем через 30 дней после размещения или уведомления.") {
		t.Errorf("a notice period for material changes is not said to be:\n%s", box)
	}
	for _, k := range []string{"unilateral", "effective_on_posting", "continued_use"} {
		if !kinds[k] {
			t.Errorf("the analysis finds no %s in the fixture: the test no longer covers it", k)
		}
	}
	if !kinds["retroactive"] || ct["notice_scope"] != "material" {
		// Until the analysis reads them, TestDescribeTermsScopeAndRetroactivity
		// holds the box's wording for them.
		t.Logf("the analysis finds retroactive %v, notice_scope %q in clauses 9.3 and 9.5", kinds["retroactive"], ct["notice_scope"])
	}
}

// ruStatement is the start of the Russian statement the box makes of a
// finding.
func ruStatement(kind, scope string, days any) string {
	material := scope == "material"
	switch kind {
	case "unilateral":
		return "Компания может изменять документ"
	case "effective_on_posting", "unless_otherwise":
		return "С момента размещения"
	case "notice_period":
		if material {
			return fmt.Sprintf("Для существенных изменений — не ранее чем через %v ", days)
		}
		return fmt.Sprintf("Не ранее чем через %v ", days)
	case "notification":
		if material {
			return "О существенных изменениях сообщают"
		}
		return "Об изменениях сообщают"
	case "continued_use":
		return "Продолжение использования означает согласие с изменениями."
	case "published_at":
		return "Действующая редакция публикуется"
	case "retroactive":
		return "Внимание: по тексту изменения могут иметь обратную силу"
	}
	return "unknown kind " + kind
}

// TestTermsBoxSaysPlainlyWhatTheTextDoesNotSay: an edition without a
// clause on changes gets a box that says, in each language, that the text
// does not say who may change it, when a new edition takes effect or how
// users are told, quoting nothing; and check warns about it.
func TestTermsBoxSaysPlainlyWhatTheTextDoesNotSay(t *testing.T) {
	root := repo(t, changeBox)
	out, _ := buildAt(t, root, changeBoxNow)
	for page, want := range map[string][]string{
		"ru/cookies/2024-01-10/index.html": {"Кто может изменять документ", "Текст не говорит, кто и как может менять документ.",
			"Когда новая редакция вступает в силу", "Текст не говорит, когда вступает в силу новая редакция.",
			"Как сообщают об изменениях", "Текст не говорит, как пользователям сообщают об изменениях."},
		"en/cookies/2024-01-10/index.html": {"Who may change it", "The text does not say who may change it or how.",
			"When a new edition binds you", "The text does not say when a new edition takes effect.",
			"How you are told", "The text does not say how users are told of changes."},
		"ru/cookies/index.html": {"Текст не говорит, когда вступает в силу новая редакция."},
	} {
		box := termsBoxOf(t, read(t, out, page))
		for i := 0; i+1 < len(want); i += 2 {
			if !strings.Contains(box, "<dt>"+want[i]+"</dt>\n      <dd class=\"ct-unstated\">\n        <p>"+want[i+1]+"</p>") {
				t.Errorf("%s: the box does not answer %q with %q:\n%s", page, want[i], want[i+1], box)
			}
		}
		if len(want) == 1 && !strings.Contains(box, want[0]) {
			t.Errorf("%s: the box does not say %q", page, want[0])
		}
		if rows := boxRowRe.FindAllString(box, -1); len(want) > 1 && len(rows) != 3 {
			t.Errorf("%s: %d rows, want the 3 questions only", page, len(rows))
		}
		if strings.Contains(box, "<details") || strings.Contains(box, "<blockquote") {
			t.Errorf("%s: the box quotes something:\n%s", page, box)
		}
	}
	rep, err := check.Run(context.Background(), os.DirFS(root), changeBoxNow, "")
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, w := range rep.Warnings {
		if strings.Contains(w.Error(), "the edition says nothing about how the policy changes") {
			warned = append(warned, w.Error()[:strings.Index(w.Error(), ":")])
		}
	}
	if strings.Join(warned, ",") != "versions/cookies/2024-01-10.en.md,versions/cookies/2024-01-10.ru.md" {
		t.Errorf("check warns that the text says nothing about changes in %v, want both cookie editions only", warned)
	}
}
