package site_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	sitebuild "policysite/internal/build"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/source"
	"policysite/internal/testfs"
)

// repo writes a txtar archive and the repository's layouts, i18n and assets
// into a temporary repository.
func repo(t *testing.T, archive string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		testfs.WriteFile(t, filepath.Join(root, f.Name), f.Data)
	}
	for _, d := range []string{"layouts", "i18n", "assets"} {
		testfs.CopyTree(t, filepath.Join("../..", d), filepath.Join(root, d))
	}
	return root
}

// buildAt builds root as of now.
func buildAt(t *testing.T, root string, now time.Time) (string, *sitebuild.Result) {
	t.Helper()
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	strs, err := l10n.Load(os.DirFS(root), cfg.Codes())
	if err != nil {
		t.Fatal(err)
	}
	src, err := source.Load(source.Options{FS: os.DirFS(root), Langs: cfg.Codes(), Location: cfg.Location})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := sitebuild.Site(context.Background(), sitebuild.Input{Source: os.DirFS(root), Root: root, Config: cfg, BaseURL: cfg.BaseURL, Now: now, Policies: src.Policies, Strings: strs}, out)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, res
}

func jsonFile(t *testing.T, dir, name string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(read(t, dir, name)), &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// TestEditionPagesSumUpHowChangesTakeEffect: the sample's editions open
// with the box in the reader's language, each statement linking the
// clauses it was read from and quoting their sentences on request; the
// clauses are marked in the text, and the JSON gives the same.
func TestEditionPagesSumUpHowChangesTakeEffect(t *testing.T) {
	_, out := sample(t)
	tests := []struct {
		page       string
		statements []boxStatement
		unstated   string
		clauses    []string
	}{
		{"ru/privacy/2025-09-01/", []boxStatement{
			{"Компания может изменять документ без согласия пользователя.", []string{"п. 8.1"}, "Оператор вправе изменять Политику в одностороннем порядке без согласия Пользователя."},
			{"С момента размещения, если новой редакцией не предусмотрено иное.", []string{"п. 8.2", "п. 8.5"}, "Новая редакция Политики вступает в силу с момента её размещения на Сайте, если иное не предусмотрено самой новой редакцией."},
			{"Продолжение использования означает согласие с изменениями.", []string{"п. 8.4"}, "Продолжая пользоваться Сайтом после вступления в силу новой редакции Политики, Пользователь тем самым соглашается с ней."},
			{`Действующая редакция публикуется по адресу <a href="https://prichal.example/ru/privacy/">`, []string{"п. 8.3"}, "Действующая редакция Политики всегда доступна по адресу https://prichal.example/ru/privacy/, предыдущие редакции — в архиве на том же сайте."},
		}, "Текст не говорит, как пользователям сообщают об изменениях.", []string{"8.1", "8.2", "8.3", "8.4", "8.5"}},
		{"en/privacy/2025-09-01/", []boxStatement{
			{"The company may change the policy without the user&#39;s consent.", []string{"clause 8.1"}, "The Operator may amend the Policy unilaterally without the User&#39;s consent."},
			{"From the moment it is posted, unless the new edition provides otherwise.", []string{"clause 8.2", "clause 8.5"}, "A new edition of the Policy takes effect from the moment it is posted on the Site, unless the new edition itself provides otherwise."},
			{"Continuing to use the service means accepting the changes.", []string{"clause 8.4"}, "By continuing to use the Site after a new edition of the Policy has taken effect, the User agrees to it."},
			{`The current edition is published at <a href="https://prichal.example/en/privacy/">`, []string{"clause 8.3"}, "The current edition of the Policy is always available at https://prichal.example/en/privacy/, and previous editions are available in the archive on the same site."},
		}, "The text does not say how users are told of changes.", []string{"8.1", "8.2", "8.3", "8.4", "8.5"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			html := read(t, out, tt.page+"index.html")
			box := termsBoxOf(t, html)
			for _, st := range tt.statements {
				st.check(t, box)
			}
			if dd := boxItem(box, tt.unstated); !strings.HasPrefix(dd, `<dd class="ct-unstated">`) || strings.Contains(dd, "<details") {
				t.Errorf("the box does not say plainly %q:\n%s", tt.unstated, box)
			}
			for _, n := range tt.clauses {
				a := "c-" + strings.ReplaceAll(n, ".", "-")
				if !strings.Contains(html, `id="`+a+`" href="#`+a+`">`+n+`.</a> <span class="ct-label">`) {
					t.Errorf("clause %s is not marked in the text", n)
				}
			}
			doc := jsonFile(t, out, tt.page+"index.json")
			ct := doc["change_terms"].(map[string]any)
			for k, want := range map[string]any{"unilateral": true, "consent": "without", "effective_on_posting": true, "unless_otherwise": true, "continued_use": true, "notice_scope": "", "retroactive": false} {
				if ct[k] != want {
					t.Errorf("change_terms.%s = %v, want %v", k, ct[k], want)
				}
			}
			var got []string
			for _, f := range ct["findings"].([]any) {
				c := f.(map[string]any)["clause"].(string)
				if len(got) == 0 || got[len(got)-1] != c {
					got = append(got, c)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.clauses, ",") {
				t.Errorf("findings come from clauses %v, want %v", got, tt.clauses)
			}
		})
	}
}

// changeRules has two editions whose change clauses differ, and a third
// that changes only its other text.
const changeRules = `
-- policysite.toml --
base_url = "https://policies.example/"
time_zone = "Europe/Moscow"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"
company = "ООО «Тест»"
-- versions/privacy/2024-01-10.ru.md --
---
title: Политика
posted: 2024-01-10T12:00:00+03:00
---
## 1. Общие положения

1.1. Первый пункт.

1.2. Новая редакция Политики вступает в силу с момента её размещения на сайте.
-- versions/privacy/2024-03-01.ru.md --
---
title: Политика
posted: 2024-03-01T12:00:00+03:00
---
## 1. Общие положения

1.1. Первый пункт.

1.2. Новая редакция Политики вступает в силу с момента её размещения на сайте, если иное не предусмотрено новой редакцией.
-- versions/privacy/2024-05-01.ru.md --
---
title: Политика
posted: 2024-05-01T12:00:00+03:00
---
## 1. Общие положения

1.1. Первый пункт, уточнённый.

1.2. Новая редакция Политики вступает в силу с момента её размещения на сайте, если иное не предусмотрено новой редакцией.
`

// TestRedlineSaysFirstThatTheChangeRulesChanged: when two editions say
// different things about how changes take effect, the redline's summary
// says so before anything else, everywhere it appears.
func TestRedlineSaysFirstThatTheChangeRulesChanged(t *testing.T) {
	out, _ := buildAt(t, repo(t, changeRules), time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	const first = "Изменился порядок вступления изменений в силу."
	ch := jsonFile(t, out, "ru/privacy/2024-03-01/changes.json")
	if ch["change_terms_changed"] != true || !strings.HasPrefix(ch["summary"].(string), first+" Изменён 1 пункт") {
		t.Errorf("changes.json: change_terms_changed = %v, summary = %q", ch["change_terms_changed"], ch["summary"])
	}
	for _, page := range []string{"ru/privacy/2024-03-01/changes/index.html", "ru/privacy/2024-03-01/index.html"} {
		if !strings.Contains(read(t, out, page), first) {
			t.Errorf("%s does not say the change rules changed", page)
		}
	}
	if !strings.Contains(read(t, out, "ru/privacy/feed.json"), first) {
		t.Error("the feed does not say the change rules changed")
	}
	same := jsonFile(t, out, "ru/privacy/2024-05-01/changes.json")
	if same["change_terms_changed"] != false || strings.Contains(same["summary"].(string), first) {
		t.Errorf("an edition with the same rules: change_terms_changed = %v, summary = %q", same["change_terms_changed"], same["summary"])
	}
}

// lifecycle has an edition in force, one posted to take effect later (its
// text states the date), and one posted after that.
const lifecycle = `
-- policysite.toml --
base_url = "https://policies.example/"
time_zone = "Europe/Moscow"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"
company = "ООО «Тест»"
-- versions/terms/2024-01-10.ru.md --
---
title: Условия
posted: 2024-01-10T12:00:00+03:00
---
## 1. Общие положения

1.1. Новая редакция Условий вступает в силу с момента её размещения, если иное не предусмотрено новой редакцией.
-- versions/terms/2024-03-01.ru.md --
---
title: Условия
posted: 2024-03-01T10:00:00+03:00
effective: 2024-04-01T00:00:00+03:00
---
## 1. Общие положения

1.1. Новая редакция Условий вступает в силу с момента её размещения, если иное не предусмотрено новой редакцией.

1.2. Настоящая редакция вступает в силу 1 апреля 2024 г.
-- versions/terms/2024-06-01.ru.md --
---
title: Условия
posted: 2024-06-01T09:30:00+03:00
---
## 1. Общие положения

1.1. Новая редакция Условий вступает в силу с момента её размещения, если иное не предусмотрено новой редакцией.

1.2. Настоящая редакция вступает в силу с момента размещения.
`

// TestStatusesAtSeveralMoments builds the same history at moments before an
// edition is posted, between its posting and its entry into force, and
// after a later edition took effect, and checks the policy's page, the
// banners, the JSON and the feed at each.
func TestStatusesAtSeveralMoments(t *testing.T) {
	root := repo(t, lifecycle)
	msk := time.FixedZone("MSK", 3*3600)
	tests := []struct {
		name   string
		now    time.Time
		status map[string]string // edition id → status; absent: unpublished
		notice string            // on the policy's page, "" for none
		next   time.Time
	}{
		{
			name:   "before the second edition is posted",
			now:    time.Date(2024, 2, 15, 12, 0, 0, 0, msk),
			status: map[string]string{"2024-01-10": "in_force"},
			next:   time.Date(2024, 3, 1, 10, 0, 0, 0, msk),
		},
		{
			name:   "posted, not yet in force",
			now:    time.Date(2024, 3, 15, 12, 0, 0, 0, msk),
			status: map[string]string{"2024-01-10": "in_force", "2024-03-01": "upcoming"},
			notice: "Новая редакция вступит в силу 1 апреля 2024 г., 00:00 (UTC&#43;3).",
			next:   time.Date(2024, 4, 1, 0, 0, 0, 0, msk),
		},
		{
			name:   "the moment it takes effect",
			now:    time.Date(2024, 4, 1, 0, 0, 0, 0, msk),
			status: map[string]string{"2024-01-10": "superseded", "2024-03-01": "in_force"},
			next:   time.Date(2024, 6, 1, 9, 30, 0, 0, msk),
		},
		{
			name:   "after a later edition took effect",
			now:    time.Date(2024, 7, 1, 0, 0, 0, 0, msk),
			status: map[string]string{"2024-01-10": "superseded", "2024-03-01": "superseded", "2024-06-01": "in_force"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, res := buildAt(t, root, tt.now)
			if !res.NextChange.Equal(tt.next) {
				t.Errorf("NextChange = %v, want %v", res.NextChange, tt.next)
			}
			idx := jsonFile(t, out, "policies.json")
			eds := idx["policies"].([]any)[0].(map[string]any)["languages"].([]any)[0].(map[string]any)["editions"].([]any)
			if len(eds) != len(tt.status) {
				t.Errorf("policies.json lists %d editions, want %d", len(eds), len(tt.status))
			}
			feed := read(t, out, "ru/terms/feed.json")
			for _, id := range []string{"2024-01-10", "2024-03-01", "2024-06-01"} {
				want, published := tt.status[id]
				_, err := os.Stat(filepath.Join(out, "ru/terms", id, "index.html"))
				if published != (err == nil) {
					t.Errorf("%s: page exists = %v, want %v", id, err == nil, published)
				}
				if !published {
					if strings.Contains(feed, id) {
						t.Errorf("%s: in the feed before it is posted", id)
					}
					continue
				}
				if got := jsonFile(t, out, "ru/terms/"+id+"/index.json")["status"]; got != want {
					t.Errorf("%s: JSON status = %v, want %s", id, got, want)
				}
				if !strings.Contains(feed, `"id": "`+id+`",`+"\n"+`        "effective": "`) || !strings.Contains(feed, `"status": "`+want+`"`) {
					t.Errorf("%s: the feed lacks its status %s", id, want)
				}
				page := read(t, out, "ru/terms/"+id+"/index.html")
				banner := map[string]string{"superseded": "notice-superseded", "upcoming": "notice-upcoming", "in_force": ""}[want]
				for _, b := range []string{"notice-superseded", "notice-upcoming"} {
					if strings.Contains(page, `class="notice `+b+`"`) != (b == banner) {
						t.Errorf("%s (%s): banner %s shown = %v", id, want, b, !(b == banner))
					}
				}
			}
			policy := read(t, out, "ru/terms/index.html")
			if tt.notice == "" {
				if strings.Contains(policy, "notice-upcoming") {
					t.Error("the policy's page announces an upcoming edition")
				}
				return
			}
			if !strings.Contains(policy, tt.notice) || !strings.Contains(policy, `<a href="/ru/terms/2024-03-01/">`) || !strings.Contains(policy, `<a href="/ru/terms/2024-03-01/changes/">`) {
				t.Errorf("the policy's page does not announce the upcoming edition with its redline:\n%s", section(policy, "notice notice-upcoming"))
			}
			if !strings.Contains(policy, `<a href="/ru/terms/2024-01-10/">`) {
				t.Error("the policy's page does not keep the edition in force")
			}
		})
	}
}

// TestRebuildWithNothingDueChangesNoByte: two builds at different moments
// between which no edition is posted or takes effect give the same files,
// so a scheduled rebuild deploys nothing new until something is due.
func TestRebuildWithNothingDueChangesNoByte(t *testing.T) {
	root := repo(t, lifecycle)
	a, _ := buildAt(t, root, time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC))
	b, _ := buildAt(t, root, time.Date(2024, 3, 31, 20, 59, 0, 0, time.UTC))
	ta, tb := testfs.Tree(t, a), testfs.Tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files against %d", len(ta), len(tb))
	}
	for name, data := range ta {
		if string(data) != string(tb[name]) {
			t.Errorf("%s differs", name)
		}
	}
}
