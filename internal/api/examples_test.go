package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"policysite/internal/api"
)

// The examples fill every field, pointers included, so that Strict sees
// every key the Go types can write.

const base = "https://prichal.example/"

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func ptr(s string) *string { return &s }

func ref(id string) *api.Ref {
	return &api.Ref{ID: id, URL: base + "ru/privacy/" + id + "/", JSONURL: base + "ru/privacy/" + id + "/index.json"}
}

func exampleEdition() api.Edition {
	text := "1. Общие положения\n\n1.1. Мы бережём ваши данные."
	// Offsets are in bytes of the UTF-8 text.
	second := strings.Index(text, "1.1.")
	data := strings.Index(text, "данные")
	return api.Edition{
		SchemaVersion:  api.SchemaVersion,
		Policy:         "privacy",
		Lang:           "ru",
		ID:             "2024-07-10",
		Title:          "Политика конфиденциальности",
		URL:            base + "ru/privacy/2024-07-10/",
		JSONURL:        base + "ru/privacy/2024-07-10/index.json",
		PolicyURL:      base + "ru/privacy/",
		Posted:         "2024-07-10T12:00:00+03:00",
		Effective:      "2024-07-20T00:00:00+03:00",
		Status:         "superseded",
		Previous:       ref("2024-02-15"),
		Next:           ref("2025-09-01"),
		SupersededBy:   ref("2025-09-01"),
		SourcePath:     "versions/privacy/2024-07-10.ru.md",
		SourceSHA256:   hash("source"),
		TextSHA256:     hash(text),
		TextURL:        base + "ru/privacy/2024-07-10/text.txt",
		Summary:        "Уточнили сроки хранения.",
		ChangesSummary: "Изменён 1 пункт.",
		Markdown:       "## 1. Общие положения\n\n1.1. Мы бережём ваши данные.\n",
		Text:           text,
		Blocks: []api.TextBlock{
			{Form: "h2", Start: 0, End: second - 2},
			{Form: "quote li", Start: second, End: len(text)},
		},
		Links:  []api.TextLink{{Start: data, End: data + len("данные"), Target: "/ru/personal-data/#c-2"}},
		Styles: []api.TextStyle{{Kind: "strong", Start: 0, End: second - 2}, {Kind: "em", Start: data, End: len(text) - 1}},
		Clauses: []api.Clause{
			{Number: "1", Anchor: "c-1", URL: base + "ru/privacy/2024-07-10/#c-1", Heading: "Общие положения", Text: "Общие положения"},
			{Number: "1.1", Anchor: "c-1-1", URL: base + "ru/privacy/2024-07-10/#c-1-1", Text: "1.1. Мы бережём ваши данные."},
		},
		Translations: []api.Translation{
			{Lang: "en", ID: "2024-07-10", URL: base + "en/privacy/2024-07-10/", JSONURL: base + "en/privacy/2024-07-10/index.json"},
		},
		ChangesURL:     ptr(base + "ru/privacy/2024-07-10/changes/"),
		ChangesJSONURL: ptr(base + "ru/privacy/2024-07-10/changes.json"),
		ChangeTerms: api.ChangeTerms{
			Unilateral:         true,
			Consent:            "without",
			EffectiveOnPosting: true,
			UnlessOtherwise:    true,
			NoticeDays:         intPtr(10),
			NoticeScope:        "material",
			Notification:       []string{"site", "email"},
			ContinuedUse:       true,
			PublishedAt:        ptr("https://prichal.example/ru/privacy/"),
			Retroactive:        true,
			Findings: []api.ChangeTermFinding{
				{Kind: "unilateral", Clause: "8.1", URL: base + "ru/privacy/2024-07-10/#c-8-1", Sentence: "8.1. Оператор вправе изменять Политику без согласия Пользователя.", Consent: "without", Channels: []string{}},
				{Kind: "effective_on_posting", Clause: "8.2", URL: base + "ru/privacy/2024-07-10/#c-8-2", Sentence: "8.2. Новая редакция вступает в силу с момента размещения.", Channels: []string{}},
				{Kind: "notice_period", Clause: "8.3", URL: base + "ru/privacy/2024-07-10/#c-8-3", Sentence: "О существенных изменениях Оператор уведомляет по электронной почте не менее чем за 10 дней.", Days: intPtr(10), Scope: "material", Channels: []string{}},
				{Kind: "notification", Clause: "8.3", URL: base + "ru/privacy/2024-07-10/#c-8-3", Sentence: "О существенных изменениях Оператор уведомляет по электронной почте не менее чем за 10 дней.", Scope: "material", Channels: []string{"email"}},
				{Kind: "published_at", Clause: "8.4", URL: base + "ru/privacy/2024-07-10/#c-8-4", Sentence: "Действующая редакция доступна по адресу https://prichal.example/ru/privacy/.", Channels: []string{}, Address: "https://prichal.example/ru/privacy/"},
				{Kind: "continued_use", Clause: "", URL: "", Sentence: "Продолжая пользоваться Сайтом, Пользователь соглашается с изменениями.", Channels: []string{}},
			},
		},
	}
}

func intPtr(n int) *int { return &n }

func exampleChanges() api.Changes {
	return api.Changes{
		SchemaVersion:      api.SchemaVersion,
		Policy:             "privacy",
		Lang:               "ru",
		URL:                base + "ru/privacy/2024-07-10/changes/",
		From:               *ref("2024-02-15"),
		To:                 *ref("2024-07-10"),
		Summary:            "Изменён 1 пункт, перенесён 1 абзац.",
		Same:               false,
		ChangeTermsChanged: true,
		Stats: api.Stats{Changed: 1, Inserted: 1, Deleted: 1, Renumbered: 1, Moved: 1, Minor: 1, Unchanged: 1, WordsDeleted: 2, WordsInserted: 3,
			Formatted: 1, NumbersChanged: 2, LinksChanged: 1, BreaksInserted: 1, BreaksDeleted: 1},
		Clauses: []api.ChangedClause{
			{Number: "1", OldNumber: "1", Anchor: "c-1", Title: "Общие положения", Change: "changed", Ops: [2]int{0, 4}},
			{Number: "", OldNumber: "2", Anchor: "was-c-2", Title: "Cookies", Change: "deleted", Ops: [2]int{4, 5}},
			{Number: "2", OldNumber: "3", Anchor: "c-2", Title: "Контакты", Change: "formatted", Ops: [2]int{5, 11}},
		},
		Moves: []api.Move{
			{ID: 1, From: 1, To: 0, Ops: []api.Op{{Op: "equal", Text: "Абзац"}, {Op: "insert", Text: " новый"}}},
		},
		Ops: []api.Op{
			{Op: "equal", Text: "1. Общие "},
			{Op: "delete", Text: "полож", Minor: true, Renumber: true},
			{Op: "insert", Text: "положения", Minor: true, Renumber: true},
			{Op: "insert", Text: "Абзац новый", Move: 1},
			{Op: "delete", Text: "Абзац", Move: 1},
			// Clause 2: a paragraph split in two, a bullet lost, a link
			// re-pointed after "нам".
			{Op: "equal", Text: "2. Напишите нам"},
			{Op: "delete", Text: " ", Break: true},
			{Op: "insert", Text: "\n\n", Break: true},
			{Op: "delete", Text: "• ", Format: true},
			{Op: "equal", Text: "по почте."},
			{Op: "equal", Text: "\n\n"},
		},
		Links: []api.LinkChange{
			{Clause: 2, Op: 5, Text: "нам", Old: "mailto:old@prichal.example", New: "mailto:privacy@prichal.example"},
		},
		Formats: []api.FormatChange{
			{Clause: 2, Op: 5, Old: "li", New: "h2 strong+p", Emphasis: true},
		},
	}
}

func exampleFeed() api.Feed {
	item := func(id, posted, status string) api.Item {
		return api.Item{
			ID:            base + "ru/privacy/" + id + "/",
			URL:           base + "ru/privacy/" + id + "/",
			Title:         "Политика конфиденциальности от " + id,
			ContentHTML:   `<p>Изменён 1 пункт. <a href="` + base + `ru/privacy/` + id + `/changes/">Что изменилось</a></p>`,
			DatePublished: posted,
			Language:      "ru",
			Ext: api.ItemExtension{
				About:      base + "schema/feed.schema.json",
				Policy:     "privacy",
				ID:         id,
				Effective:  posted,
				Status:     status,
				JSONURL:    base + "ru/privacy/" + id + "/index.json",
				ChangesURL: base + "ru/privacy/" + id + "/changes/",
			},
		}
	}
	return api.Feed{
		Version:     api.JSONFeedVersion,
		Title:       "Политика конфиденциальности — Причал",
		HomePageURL: base + "ru/privacy/",
		FeedURL:     base + "ru/privacy/feed.json",
		Description: "Редакции политики конфиденциальности",
		Language:    "ru",
		Authors:     []api.Author{{Name: "ООО «Северная пристань»", URL: base}},
		Items: []api.Item{
			item("2025-09-01", "2025-09-01T10:00:00+03:00", "in_force"),
			item("2024-07-10", "2024-07-10T12:00:00+03:00", "superseded"),
		},
	}
}

func exampleIndex() api.Index {
	ed := func(id, status string) api.IndexEdition {
		return api.IndexEdition{
			ID:             id,
			Title:          "Политика конфиденциальности",
			Status:         status,
			Posted:         id[:10] + "T10:00:00+03:00",
			Effective:      id[:10] + "T10:00:00+03:00",
			URL:            base + "ru/privacy/" + id + "/",
			JSONURL:        base + "ru/privacy/" + id + "/index.json",
			TextURL:        base + "ru/privacy/" + id + "/text.txt",
			ChangesURL:     ptr(base + "ru/privacy/" + id + "/changes/"),
			ChangesJSONURL: ptr(base + "ru/privacy/" + id + "/changes.json"),
			SourceSHA256:   hash("source " + id),
			TextSHA256:     hash("text " + id),
		}
	}
	return api.Index{
		SchemaVersion: api.SchemaVersion,
		BaseURL:       base,
		Languages: []api.IndexLanguage{
			{Code: "ru", Name: "Русский", Title: "Причал: правовые документы", URL: base + "ru/"},
			{Code: "en", Name: "English", Title: "Prichal: legal documents", URL: base + "en/"},
		},
		Policies: []api.IndexPolicy{{
			Slug: "privacy",
			Languages: []api.IndexPolicyLang{{
				Lang:     "ru",
				Title:    "Политика конфиденциальности",
				URL:      base + "ru/privacy/",
				FeedURL:  base + "ru/privacy/feed.json",
				AtomURL:  base + "ru/privacy/index.xml",
				InForce:  ptr("2025-09-01"),
				Editions: []api.IndexEdition{ed("2024-07-10", "superseded"), ed("2025-09-01", "in_force"), ed("2025-09-01-2", "upcoming")},
			}},
		}},
		Schemas: api.Schemas{
			Edition:  base + "schema/edition.schema.json",
			Changes:  base + "schema/changes.schema.json",
			Feed:     base + "schema/feed.schema.json",
			Policies: base + "schema/policies.schema.json",
		},
	}
}

func exampleAtom() *api.Atom {
	entry := func(id, posted string) api.AtomEntry {
		return api.AtomEntry{
			ID:        base + "ru/privacy/" + id + "/",
			Title:     "Политика конфиденциальности от " + id,
			Published: posted,
			Updated:   posted,
			Links: []api.AtomLink{
				{Rel: "alternate", Type: "text/html", Href: base + "ru/privacy/" + id + "/", Hreflang: "ru"},
				{Rel: "related", Type: "application/json", Href: base + "ru/privacy/" + id + "/index.json"},
			},
			Content: api.AtomContent{Type: "html", Body: `<p>Изменён 1 пункт.<br> <a href="` + base + `ru/privacy/` + id + `/changes/">Что&nbsp;изменилось</a></p>`},
		}
	}
	return &api.Atom{
		Lang:     "ru",
		ID:       base + "ru/privacy/",
		Title:    "Политика конфиденциальности — Причал",
		Subtitle: "Редакции политики конфиденциальности",
		Updated:  "2025-09-01T10:00:00+03:00",
		Links: []api.AtomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "ru/privacy/index.xml"},
			{Rel: "alternate", Type: "text/html", Href: base + "ru/privacy/", Hreflang: "ru"},
			{Rel: "alternate", Type: "text/html", Href: base + "en/privacy/", Hreflang: "en"},
		},
		Author: api.AtomPerson{Name: "ООО «Северная пристань»", URI: base},
		Entries: []api.AtomEntry{
			entry("2025-09-01", "2025-09-01T10:00:00+03:00"),
			entry("2024-07-10", "2024-07-10T12:00:00+03:00"),
		},
	}
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	data, err := api.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func marshalAtom(t *testing.T, a *api.Atom) []byte {
	t.Helper()
	data, err := api.MarshalAtom(a)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// edit decodes a document, changes it and encodes it again, so that a test
// can make what the Go types cannot: a missing key, a key of the wrong type.
func edit(t *testing.T, data []byte, change func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// at returns the object or array that holds the value at the JSON pointer
// p, and the value's key in it.
func at(t *testing.T, doc any, p string) (holder any, key string) {
	t.Helper()
	toks := strings.Split(strings.TrimPrefix(p, "/"), "/")
	cur := doc
	for _, tok := range toks[:len(toks)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i >= len(c) {
				t.Fatalf("%s: no element %s", p, tok)
			}
			cur = c[i]
		default:
			t.Fatalf("%s: %s is in a %T", p, tok, cur)
		}
	}
	return cur, toks[len(toks)-1]
}

// set replaces the value at the JSON pointer p.
func set(t *testing.T, p string, v any) func(map[string]any) {
	return func(doc map[string]any) {
		holder, key := at(t, doc, p)
		switch h := holder.(type) {
		case map[string]any:
			h[key] = v
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i >= len(h) {
				t.Fatalf("%s: no element %s", p, key)
			}
			h[i] = v
		default:
			t.Fatalf("%s: cannot set in a %T", p, holder)
		}
	}
}

// del removes the key at the JSON pointer p from its object.
func del(t *testing.T, p string) func(map[string]any) {
	return func(doc map[string]any) {
		holder, key := at(t, doc, p)
		h, ok := holder.(map[string]any)
		if !ok {
			t.Fatalf("%s: cannot delete from a %T", p, holder)
		}
		if _, ok := h[key]; !ok {
			t.Fatalf("%s: no such key", p)
		}
		delete(h, key)
	}
}

// together applies several changes.
func together(changes ...func(map[string]any)) func(map[string]any) {
	return func(doc map[string]any) {
		for _, c := range changes {
			c(doc)
		}
	}
}
