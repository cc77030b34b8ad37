package publish

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"policysite/internal/api"
	"policysite/internal/api/apitest"
	"policysite/internal/outdir"
	"policysite/internal/plan"
	"policysite/internal/redline"
	"policysite/internal/testfs"
	"policysite/internal/textmark"
)

// markedDoc is a text of the given blocks (testfs.Marked) as a redline
// compares it.
func markedDoc(t *testing.T, links map[string]string, blocks ...string) redline.Doc {
	t.Helper()
	text, marks := testfs.Marked(t, links, blocks...)
	return redline.Doc{Text: text, Marks: marks}
}

// TestChangesPublishLinksFormatsAndBreaks: changes.json carries what the
// redline found beyond the words, a re-pointed link, a heading's level, a
// paragraph split, and its operations still give back both texts.
func TestChangesPublishLinksFormatsAndBreaks(t *testing.T) {
	old := markedDoc(t, map[string]string{"нам": "mailto:old@example.com"},
		"h2|1. Контакты",
		"p|1.1. Напишите нам по почте, и мы ответим в течение десяти рабочих дней после получения письма.")
	new := markedDoc(t, map[string]string{"нам": "mailto:privacy@example.com"},
		"h3|1. Контакты",
		"p|1.1. Напишите нам по почте,",
		"p|и мы ответим в течение десяти рабочих дней после получения письма.")
	r := redline.DiffDocs(old, new)
	enc, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	c := &plan.Comparison{Encoded: enc, Stats: r.Stats}
	doc := &api.Changes{SchemaVersion: api.SchemaVersion, Policy: "privacy", Lang: "ru", URL: "/ru/privacy/2025-01-01/changes/",
		From:  api.Ref{ID: "2024-01-01", URL: "/ru/privacy/2024-01-01/", JSONURL: "/ru/privacy/2024-01-01/index.json"},
		To:    api.Ref{ID: "2025-01-01", URL: "/ru/privacy/2025-01-01/", JSONURL: "/ru/privacy/2025-01-01/index.json"},
		Stats: api.Stats(c.Stats)}
	if err := fillChanges(doc, c); err != nil {
		t.Fatal(err)
	}

	if len(doc.Links) != 1 || doc.Links[0].Old != "mailto:old@example.com" || doc.Links[0].New != "mailto:privacy@example.com" || doc.Links[0].Text != "нам" {
		t.Errorf("links = %+v, want the re-pointed one", doc.Links)
	}
	for _, l := range doc.Links {
		if l.Op >= len(doc.Ops) || l.Clause >= len(doc.Clauses) || !strings.HasSuffix(doc.Ops[l.Op].Text, l.Text) {
			t.Errorf("link %+v is not shown after the operation that ends its text", l)
		}
	}
	if len(doc.Formats) == 0 || doc.Formats[0].Old != "h2" || doc.Formats[0].New != "h3" {
		t.Errorf("formats = %+v, want h2 → h3", doc.Formats)
	}
	breaks := 0
	for _, o := range doc.Ops {
		if o.Break {
			breaks++
			if strings.TrimSpace(o.Text) != "" {
				t.Errorf("a break's operation holds words: %q", o.Text)
			}
		}
	}
	if breaks == 0 || doc.Stats.BreaksInserted != 1 {
		t.Errorf("%d break operations, breaks_inserted %d; want the split", breaks, doc.Stats.BreaksInserted)
	}
	if doc.Stats.LinksChanged != len(doc.Links) || !reflect.DeepEqual(doc.Stats, api.Stats(r.Stats)) {
		t.Errorf("stats = %+v, the redline's %+v", doc.Stats, r.Stats)
	}
	var oldText, newText strings.Builder
	for _, o := range doc.Ops {
		if o.Op != "insert" {
			oldText.WriteString(o.Text)
		}
		if o.Op != "delete" {
			newText.WriteString(o.Text)
		}
	}
	if oldText.String() != redline.Normalize(old.Text) || newText.String() != redline.Normalize(new.Text) {
		t.Errorf("the operations give back\n%q\n%q\nnot the texts", oldText.String(), newText.String())
	}
	data, err := api.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	v, err := apitest.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Validate("changes.schema.json", data); err != nil {
		t.Error(err)
	}
	if err := v.Strict("changes.schema.json", data); err != nil {
		t.Error(err)
	}
}

// TestEditionPublishesItsMarks: index.json lists the plan's marks of the
// text, and empty lists, not null, for a text without any.
func TestEditionPublishesItsMarks(t *testing.T) {
	pl := testPlan(t)
	eds := pl.Published()
	marked, bare := eds[0], eds[1]
	text := pl.Editions[marked].Text
	i := strings.Index(text, "\n\n")
	if i < 0 {
		t.Fatalf("the text has one block: %q", text)
	}
	pl.Editions[marked].Marks = textmark.Marks{
		Blocks: []textmark.Block{{Form: "li", Start: 0, End: i}, {Form: "quote p", Start: i + 2, End: len(text)}},
		Links:  []textmark.Link{{Start: 0, End: 4, Target: "#c-1-1"}},
		Styles: []textmark.Style{{Kind: "strong", Start: i + 2, End: len(text)}},
	}
	pl.Editions[bare].Marks = textmark.Marks{}
	out := outdir.New(t.TempDir())
	if err := Documents(pl, out); err != nil {
		t.Fatal(err)
	}
	v, err := apitest.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range eds {
		data, err := os.ReadFile(out.Path(plan.EditionJSONPath(e.Policy, e.Lang, e.ID)))
		if err != nil {
			t.Fatal(err)
		}
		if err := v.Validate("edition.schema.json", data); err != nil {
			t.Error(err)
		}
		if err := v.Strict("edition.schema.json", data); err != nil {
			t.Error(err)
		}
		var doc struct {
			Text   string           `json:"text"`
			Blocks []textmark.Block `json:"blocks"`
			Links  []textmark.Link  `json:"links"`
			Styles []textmark.Style `json:"styles"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		m := pl.Editions[e].Marks
		switch e {
		case marked:
			if !reflect.DeepEqual(doc.Blocks, m.Blocks) || !reflect.DeepEqual(doc.Links, m.Links) || !reflect.DeepEqual(doc.Styles, m.Styles) {
				t.Errorf("%s: blocks %v, links %v, styles %v; want the plan's %v", e.File, doc.Blocks, doc.Links, doc.Styles, m)
			}
		case bare:
			for _, key := range []string{`"blocks": []`, `"links": []`, `"styles": []`} {
				if !strings.Contains(string(data), key) {
					t.Errorf("%s: no %s", e.File, key)
				}
			}
		}
		if doc.Text != pl.Editions[e].Text {
			t.Errorf("%s: text is not the plan's", e.File)
		}
	}
}
