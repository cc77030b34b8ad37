package publish

import (
	"encoding/json"
	"strings"
	"testing"

	"policysite/internal/changeterms"
)

// TestTermsDocGivesEachFindingsValue: change_terms gives the scope of its
// notice period and whether changes may be retroactive, and each finding
// its sentence, its clause and the value it contributes.
func TestTermsDocGivesEachFindingsValue(t *testing.T) {
	const page = "https://policies.example/ru/privacy/2024-05-01/"
	terms := changeterms.Terms{Findings: []changeterms.Finding{
		{Kind: changeterms.Unilateral, Clause: "9.1", Sentence: "Компания вправе изменять Политику без согласия Пользователя.", Consent: changeterms.WithoutConsent},
		{Kind: changeterms.NoticePeriod, Clause: "9.2", Sentence: "Об изменениях сообщается за 10 дней.", Days: 10},
		{Kind: changeterms.NoticePeriod, Clause: "9.3", Sentence: "О существенных изменениях сообщается по почте за 30 дней.", Days: 30, Scope: changeterms.Material},
		{Kind: changeterms.Notification, Clause: "9.3", Sentence: "О существенных изменениях сообщается по почте за 30 дней.", Scope: changeterms.Material, Channels: []changeterms.Channel{changeterms.Email}},
		{Kind: changeterms.PublishedAt, Clause: "", Sentence: "Действующая редакция: https://x.example/.", URL: "https://x.example/"},
		{Kind: changeterms.Retroactive, Clause: "9.4", Sentence: "Изменения могут иметь обратную силу."},
	}}
	doc := termsDoc(terms, page)
	if doc.NoticeDays == nil || *doc.NoticeDays != 30 || doc.NoticeScope != "material" {
		t.Errorf("notice_days %v, notice_scope %q; want 30, material", doc.NoticeDays, doc.NoticeScope)
	}
	if !doc.Retroactive {
		t.Error("retroactive is false")
	}
	data, err := json.Marshal(doc.Findings)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{"kind":"unilateral","clause":"9.1","url":"` + page + `#c-9-1","sentence":"Компания вправе изменять Политику без согласия Пользователя.","consent":"without","days":null,"scope":"","channels":[],"address":""}`,
		`{"kind":"notice_period","clause":"9.2","url":"` + page + `#c-9-2","sentence":"Об изменениях сообщается за 10 дней.","consent":"","days":10,"scope":"","channels":[],"address":""}`,
		`"kind":"notice_period","clause":"9.3","url":"` + page + `#c-9-3","sentence":"О существенных изменениях сообщается по почте за 30 дней.","consent":"","days":30,"scope":"material"`,
		`"kind":"notification","clause":"9.3","url":"` + page + `#c-9-3","sentence":"О существенных изменениях сообщается по почте за 30 дней.","consent":"","days":null,"scope":"material","channels":["email"]`,
		`{"kind":"published_at","clause":"","url":"","sentence":"Действующая редакция: https://x.example/.","consent":"","days":null,"scope":"","channels":[],"address":"https://x.example/"}`,
		`"kind":"retroactive","clause":"9.4"`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("findings lack %s:\n%s", want, data)
		}
	}
}

// TestTermsDocNoticeOfEveryChangeWinsATie: of two periods as long, the one
// for every change is the broader statement, so notice_scope is empty.
func TestTermsDocNoticeOfEveryChangeWinsATie(t *testing.T) {
	for _, order := range [][]changeterms.Scope{{changeterms.Material, ""}, {"", changeterms.Material}} {
		var terms changeterms.Terms
		for _, s := range order {
			terms.Findings = append(terms.Findings, changeterms.Finding{Kind: changeterms.NoticePeriod, Days: 14, Scope: s, Sentence: "s"})
		}
		if doc := termsDoc(terms, "/p/"); doc.NoticeScope != "" || *doc.NoticeDays != 14 {
			t.Errorf("%v: notice_days %d, notice_scope %q; want 14 and empty", order, *doc.NoticeDays, doc.NoticeScope)
		}
	}
	if doc := termsDoc(changeterms.Terms{}, "/p/"); doc.NoticeDays != nil || doc.NoticeScope != "" || doc.Retroactive || doc.Findings == nil {
		t.Errorf("an edition that says nothing: %+v", doc)
	}
}
