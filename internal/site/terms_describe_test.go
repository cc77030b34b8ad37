package site

import (
	"os"
	"strings"
	"testing"

	"policysite/internal/changeterms"
	"policysite/internal/l10n"
	"policysite/internal/plan"
	"policysite/internal/policy"
)

// termsGenerator is a generator with the repository's strings, all that
// describeTerms needs.
func termsGenerator(t *testing.T) *generator {
	t.Helper()
	strs, err := l10n.Load(os.DirFS("../.."), []policy.Lang{"ru", "en"})
	if err != nil {
		t.Fatal(err)
	}
	return &generator{pl: &plan.Plan{Strings: strs}}
}

// boxText writes a box as lines: "question: statement [clauses] {sentences}",
// "!" before a caution's question and "?" before a statement the text
// does not settle.
func boxText(b *termsBox) string {
	var lines []string
	for _, r := range b.Rows {
		q := r.Question
		if r.Caution {
			q = "!" + q
		}
		for _, it := range r.Items {
			s := q + ": "
			if it.Unstated {
				s += "?"
			}
			s += it.Text + it.URL
			var cites, quotes []string
			for _, src := range it.Sources {
				cites = append(cites, src.Cite+"#"+src.Anchor+"/"+src.Summary)
				quotes = append(quotes, src.Sentences...)
			}
			if len(cites) > 0 {
				s += " [" + strings.Join(cites, ", ") + "] {" + strings.Join(quotes, " | ") + "}"
			}
			lines = append(lines, s)
		}
	}
	return strings.Join(lines, "\n")
}

func finding(k changeterms.Kind, clause, sentence string) changeterms.Finding {
	return changeterms.Finding{Kind: k, Clause: clause, Sentence: sentence}
}

// TestDescribeTermsScopeAndRetroactivity: a notice period kept for
// material changes is said to be for them, beside one for every change; a
// notification of material changes likewise; a retroactive change is a
// caution of its own; each statement cites its clause and quotes its
// sentence, a clause that says two things once.
func TestDescribeTermsScopeAndRetroactivity(t *testing.T) {
	g := termsGenerator(t)
	s3 := "О существенных изменениях Компания уведомляет по электронной почте не менее чем за 30 дней."
	terms := changeterms.Terms{Findings: []changeterms.Finding{
		{Kind: changeterms.Unilateral, Clause: "9.1", Sentence: "Компания вправе изменять Условия.", Consent: changeterms.WithoutConsent},
		{Kind: changeterms.NoticePeriod, Clause: "9.2", Sentence: "Изменения вступают в силу через 21 день после уведомления.", Days: 21},
		{Kind: changeterms.NoticePeriod, Clause: "9.3", Sentence: s3, Days: 30, Scope: changeterms.Material},
		{Kind: changeterms.Notification, Clause: "9.3", Sentence: s3, Scope: changeterms.Material, Channels: []changeterms.Channel{changeterms.Email}},
		{Kind: changeterms.Notification, Clause: "9.4", Sentence: "Об изменениях сообщается на сайте.", Channels: []changeterms.Channel{changeterms.Site}},
		finding(changeterms.PublishedAt, "", "Действующая редакция размещена на сайте."),
		finding(changeterms.Retroactive, "9.5", "Изменения могут иметь обратную силу."),
	}}
	for _, tc := range []struct {
		lang policy.Lang
		want string
	}{
		{"ru", `Кто может изменять документ: Компания может изменять документ без согласия пользователя. [п. 9.1#c-9-1/Формулировка п. 9.1] {Компания вправе изменять Условия.}
Когда новая редакция вступает в силу: Не ранее чем через 21 день после размещения или уведомления. [п. 9.2#c-9-2/Формулировка п. 9.2] {Изменения вступают в силу через 21 день после уведомления.}
Когда новая редакция вступает в силу: Для существенных изменений — не ранее чем через 30 дней после размещения или уведомления. [п. 9.3#c-9-3/Формулировка п. 9.3] {` + s3 + `}
Как сообщают об изменениях: Об изменениях сообщают на сайте. [п. 9.4#c-9-4/Формулировка п. 9.4] {Об изменениях сообщается на сайте.}
Как сообщают об изменениях: О существенных изменениях сообщают по электронной почте. [п. 9.3#c-9-3/Формулировка п. 9.3] {` + s3 + `}
Где действующая редакция: Действующая редакция публикуется на сайте. [#/Формулировка] {Действующая редакция размещена на сайте.}
!Обратная сила: Внимание: по тексту изменения могут иметь обратную силу, то есть применяться к тому, что было до их вступления в силу. [п. 9.5#c-9-5/Формулировка п. 9.5] {Изменения могут иметь обратную силу.}`},
		{"en", `Who may change it: The company may change the policy without the user's consent. [clause 9.1#c-9-1/Wording of clause 9.1] {Компания вправе изменять Условия.}
When a new edition binds you: No sooner than 21 days after it is posted or announced. [clause 9.2#c-9-2/Wording of clause 9.2] {Изменения вступают в силу через 21 день после уведомления.}
When a new edition binds you: For material changes, no sooner than 30 days after it is posted or announced. [clause 9.3#c-9-3/Wording of clause 9.3] {` + s3 + `}
How you are told: Users are told on the site. [clause 9.4#c-9-4/Wording of clause 9.4] {Об изменениях сообщается на сайте.}
How you are told: Users are told of material changes by email. [clause 9.3#c-9-3/Wording of clause 9.3] {` + s3 + `}
Where the current edition is: The current edition is published on the site. [#/Wording] {Действующая редакция размещена на сайте.}
!Retroactive changes: Caution: the text allows changes to apply retroactively, to what happened before they took effect. [clause 9.5#c-9-5/Wording of clause 9.5] {Изменения могут иметь обратную силу.}`},
	} {
		box, err := g.describeTerms(tc.lang, terms)
		if err != nil {
			t.Fatal(err)
		}
		if got := boxText(box); got != tc.want {
			t.Errorf("%s:\n got:\n%s\nwant:\n%s", tc.lang, got, tc.want)
		}
		if n := len(box.Clauses); n != 5 {
			t.Errorf("%s: %d clauses listed, want 5", tc.lang, n)
		}
	}
}

// TestDescribeTermsNeverGuesses: what the text leaves open is said to be
// open, in each of the three questions, even beside what it does say; the
// site's own rule that an edition takes effect when posted is not the
// text's and is never given as an answer.
func TestDescribeTermsNeverGuesses(t *testing.T) {
	g := termsGenerator(t)
	for _, tc := range []struct {
		name  string
		terms changeterms.Terms
		want  string
	}{
		{"nothing at all", changeterms.Terms{}, `Кто может изменять документ: ?Текст не говорит, кто и как может менять документ.
Когда новая редакция вступает в силу: ?Текст не говорит, когда вступает в силу новая редакция.
Как сообщают об изменениях: ?Текст не говорит, как пользователям сообщают об изменениях.`},
		{"only that a new edition may provide otherwise", changeterms.Terms{Findings: []changeterms.Finding{
			finding(changeterms.UnlessOtherwise, "3", "Если новой редакцией не предусмотрено иное."),
			{Kind: changeterms.Notification, Clause: "4", Sentence: "Изменения вносятся без уведомления.", Channels: []changeterms.Channel{changeterms.None}},
		}}, `Кто может изменять документ: ?Текст не говорит, кто и как может менять документ.
Когда новая редакция вступает в силу: ?Текст не говорит, когда вступает в силу новая редакция.
Когда новая редакция вступает в силу: Новая редакция может предусматривать иное. [п. 3#c-3/Формулировка п. 3] {Если новой редакцией не предусмотрено иное.}
Как сообщают об изменениях: Изменения вносятся без уведомления. [п. 4#c-4/Формулировка п. 4] {Изменения вносятся без уведомления.}`},
		{"told, but not how; on posting from two clauses, one sentence each", changeterms.Terms{Findings: []changeterms.Finding{
			finding(changeterms.Unilateral, "2.1", "Компания вправе изменять документ."),
			finding(changeterms.OnPosting, "2.2", "Редакция вступает в силу с момента размещения."),
			finding(changeterms.OnPosting, "2.2", "Редакция вступает в силу с момента размещения."),
			finding(changeterms.OnPosting, "2.5", "Настоящая редакция вступает в силу с момента размещения."),
			{Kind: changeterms.Notification, Clause: "2.3", Sentence: "О существенных изменениях Пользователь уведомляется.", Scope: changeterms.Material},
		}}, `Кто может изменять документ: Компания может изменять документ по своему решению. [п. 2.1#c-2-1/Формулировка п. 2.1] {Компания вправе изменять документ.}
Когда новая редакция вступает в силу: С момента размещения. [п. 2.2#c-2-2/Формулировка п. 2.2, п. 2.5#c-2-5/Формулировка п. 2.5] {Редакция вступает в силу с момента размещения. | Настоящая редакция вступает в силу с момента размещения.}
Как сообщают об изменениях: О существенных изменениях сообщают, но как — текст не говорит. [п. 2.3#c-2-3/Формулировка п. 2.3] {О существенных изменениях Пользователь уведомляется.}`},
	} {
		box, err := g.describeTerms("ru", tc.terms)
		if err != nil {
			t.Fatal(err)
		}
		if got := boxText(box); got != tc.want {
			t.Errorf("%s:\n got:\n%s\nwant:\n%s", tc.name, got, tc.want)
		}
	}
}

// TestDescribeTermsCountsDaysInRussian: the notice period takes the
// Russian plural its number needs.
func TestDescribeTermsCountsDaysInRussian(t *testing.T) {
	g := termsGenerator(t)
	for days, want := range map[int]string{1: "через 1 день", 3: "через 3 дня", 5: "через 5 дней", 11: "через 11 дней", 21: "через 21 день", 30: "через 30 дней", 102: "через 102 дня"} {
		for _, scope := range []changeterms.Scope{"", changeterms.Material} {
			terms := changeterms.Terms{Findings: []changeterms.Finding{{Kind: changeterms.NoticePeriod, Clause: "1", Sentence: "s", Days: days, Scope: scope}}}
			box, err := g.describeTerms("ru", terms)
			if err != nil {
				t.Fatal(err)
			}
			if got := box.Rows[1].Items[0].Text; !strings.Contains(got, want+" после") {
				t.Errorf("%d days, scope %q: %q, want %q", days, scope, got, want)
			}
		}
	}
}

// TestBoxLinksAnAddressOnlyWithItsScheme: an address the text writes
// without http:// or https:// is shown as written, not linked: the page
// would have to guess the scheme.
func TestBoxLinksAnAddressOnlyWithItsScheme(t *testing.T) {
	g := termsGenerator(t)
	for _, tc := range []struct{ url, href string }{
		{"https://example.ru/legal/privacy", "https://example.ru/legal/privacy"},
		{"HTTP://example.ru/privacy", "HTTP://example.ru/privacy"},
		{"example.ru/legal/privacy", ""},
		{"www.example.org/privacy", ""},
	} {
		terms := changeterms.Terms{Findings: []changeterms.Finding{{Kind: changeterms.PublishedAt, Clause: "8.3", URL: tc.url, Sentence: "…"}}}
		box, err := g.describeTerms("ru", terms)
		if err != nil {
			t.Fatal(err)
		}
		var got *termsItem
		for _, r := range box.Rows {
			for i := range r.Items {
				if r.Items[i].URL == tc.url {
					got = &r.Items[i]
				}
			}
		}
		if got == nil || got.Href != tc.href {
			t.Errorf("address %q: item %+v, want href %q", tc.url, got, tc.href)
		}
	}
}
