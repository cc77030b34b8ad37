package api_test

import (
	"errors"
	"strings"
	"testing"

	"policysite/internal/api"
	"policysite/internal/api/apitest"
)

func validator(t *testing.T) *apitest.Validator {
	t.Helper()
	v, err := apitest.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// examples are complete documents as the site writes them, one per schema,
// and variants that are just as valid.
func examples(t *testing.T) []struct {
	name, schema string
	data         []byte
} {
	firstEdition := exampleEdition()
	firstEdition.Previous, firstEdition.SupersededBy, firstEdition.Next = nil, nil, nil
	firstEdition.ChangesURL, firstEdition.ChangesJSONURL = nil, nil
	firstEdition.Clauses, firstEdition.Translations = []api.Clause{}, []api.Translation{}
	firstEdition.Summary, firstEdition.ChangesSummary = "", ""
	// A text of one block with no links or emphasis.
	firstEdition.Text = "Текст."
	firstEdition.Blocks = []api.TextBlock{{Form: "p", Start: 0, End: len(firstEdition.Text)}}
	firstEdition.Links, firstEdition.Styles = []api.TextLink{}, []api.TextStyle{}

	same := exampleChanges()
	same.Same = true
	same.Stats = api.Stats{Unchanged: 1}
	same.Clauses = []api.ChangedClause{{Number: "", OldNumber: "", Anchor: "p-1", Title: "Текст", Change: "unchanged", Ops: [2]int{0, 1}}}
	same.Moves = []api.Move{}
	same.Ops = []api.Op{{Op: "equal", Text: "Текст"}}
	same.Links, same.Formats = []api.LinkChange{}, []api.FormatChange{}

	firstItem := exampleFeed()
	firstItem.Items = firstItem.Items[1:]
	firstItem.Items[0].Ext.ChangesURL = ""
	firstItem.Authors[0].URL = ""

	// A site deployed under a path has relative URLs; the schemas allow
	// them, JSON Feed does not.
	pathBase := exampleIndex()
	pathBase.BaseURL = "/policies/"
	pathBase.Languages[0].URL = "/policies/ru/"
	pathBase.Policies[0].Languages[0].InForce = nil
	pathBase.Policies[0].Languages[0].Editions[0].ChangesURL = nil
	pathBase.Policies[0].Languages[0].Editions[0].ChangesJSONURL = nil

	return []struct {
		name, schema string
		data         []byte
	}{
		{"edition", "edition.schema.json", marshal(t, exampleEdition())},
		{"first edition", "edition.schema.json", marshal(t, firstEdition)},
		{"changes", "changes.schema.json", marshal(t, exampleChanges())},
		{"changes of nothing but spacing", "changes.schema.json", marshal(t, same)},
		{"feed", "feed.schema.json", marshal(t, exampleFeed())},
		{"feed of a first edition", "feed.schema.json", marshal(t, firstItem)},
		{"index", "policies.schema.json", marshal(t, exampleIndex())},
		{"index of a site under a path, nothing in force", "policies.schema.json", marshal(t, pathBase)},
	}
}

func TestDocumentsBuiltFromTheGoTypesAreValidAndStrict(t *testing.T) {
	v := validator(t)
	for _, ex := range examples(t) {
		t.Run(ex.name, func(t *testing.T) {
			if err := v.Validate(ex.schema, ex.data); err != nil {
				t.Errorf("Validate: %v\n%s", err, ex.data)
			}
			if err := v.Strict(ex.schema, ex.data); err != nil {
				t.Errorf("Strict: %v", err)
			}
		})
	}
}

// wantViolation fails unless err is an *apitest.Error with a violation at
// path whose message contains msg.
func wantViolation(t *testing.T, err error, path, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one at %q saying %q", path, msg)
	}
	var verr *apitest.Error
	if !errors.As(err, &verr) {
		t.Fatalf("error is %T (%v), want *apitest.Error", err, err)
	}
	for _, v := range verr.Violations {
		if v.Path == path && strings.Contains(v.Message, msg) {
			return
		}
	}
	t.Errorf("no violation at %q saying %q in:\n%v", path, msg, err)
}

func TestInvalidDocumentsFailNamingTheField(t *testing.T) {
	v := validator(t)
	edition := marshal(t, exampleEdition())
	changes := marshal(t, exampleChanges())
	feed := marshal(t, exampleFeed())
	index := marshal(t, exampleIndex())
	for _, tc := range []struct {
		name, schema string
		data         []byte
		change       func(map[string]any)
		path, msg    string
	}{
		// edition.schema.json
		{"missing source hash", "edition.schema.json", edition, del(t, "/source_sha256"), "", "'source_sha256'"},
		{"missing previous, which is null rather than absent", "edition.schema.json", edition, del(t, "/previous"), "", "'previous'"},
		{"wrong schema version", "edition.schema.json", edition, set(t, "/schema_version", 2), "/schema_version", "1"},
		{"title a number", "edition.schema.json", edition, set(t, "/title", 7), "/title", "want string"},
		{"empty title", "edition.schema.json", edition, set(t, "/title", ""), "/title", "minLength"},
		{"clauses null", "edition.schema.json", edition, set(t, "/clauses", nil), "/clauses", "want array"},
		{"upper-case hash", "edition.schema.json", edition, set(t, "/text_sha256", strings.ToUpper(hash("x"))), "/text_sha256", "does not match pattern"},
		{"short hash", "edition.schema.json", edition, set(t, "/source_sha256", "abc"), "/source_sha256", "does not match pattern"},
		{"unknown status", "edition.schema.json", edition, set(t, "/status", "current"), "/status", "in_force"},
		{"id without a day", "edition.schema.json", edition, set(t, "/id", "2024-07"), "/id", "does not match pattern"},
		{"id numbered -1", "edition.schema.json", edition, set(t, "/id", "2024-07-10-1"), "/id", "does not match pattern"},
		{"id numbered -02", "edition.schema.json", edition, set(t, "/id", "2024-07-10-02"), "/id", "does not match pattern"},
		{"previous id bad", "edition.schema.json", edition, set(t, "/previous/id", "first"), "/previous/id", "does not match pattern"},
		{"previous without url", "edition.schema.json", edition, del(t, "/previous/url"), "/previous", "'url'"},
		{"next a string", "edition.schema.json", edition, set(t, "/next", "2025-09-01"), "/next", "want"},
		{"posted without an offset", "edition.schema.json", edition, set(t, "/posted", "2024-07-10T12:00:00"), "/posted", "date-time"},
		{"effective a date only", "edition.schema.json", edition, set(t, "/effective", "2024-07-20"), "/effective", "date-time"},
		{"effective a day that does not exist", "edition.schema.json", edition, set(t, "/effective", "2024-02-30T00:00:00Z"), "/effective", "date-time"},
		{"lang a tag with a region", "edition.schema.json", edition, set(t, "/lang", "ru-RU"), "/lang", "does not match pattern"},
		{"policy slug with a slash", "edition.schema.json", edition, set(t, "/policy", "../privacy"), "/policy", "does not match pattern"},
		{"url with a backslash", "edition.schema.json", edition, set(t, "/url", `https://prichal.example\ru`), "/url", "uri-reference"},
		{"changes_url a number", "edition.schema.json", edition, set(t, "/changes_url", 1), "/changes_url", "want"},
		{"clause number with a final dot", "edition.schema.json", edition, set(t, "/clauses/1/number", "1.1."), "/clauses/1/number", "does not match pattern"},
		{"clause without text", "edition.schema.json", edition, del(t, "/clauses/0/text"), "/clauses/0", "'text'"},
		{"translation lang missing", "edition.schema.json", edition, del(t, "/translations/0/lang"), "/translations/0", "'lang'"},
		{"missing blocks", "edition.schema.json", edition, del(t, "/blocks"), "", "'blocks'"},
		{"links null", "edition.schema.json", edition, set(t, "/links", nil), "/links", "want array"},
		{"block without form", "edition.schema.json", edition, del(t, "/blocks/0/form"), "/blocks/0", "'form'"},
		{"block offset negative", "edition.schema.json", edition, set(t, "/blocks/1/start", -1), "/blocks/1/start", "minimum"},
		{"link offset a fraction", "edition.schema.json", edition, set(t, "/links/0/end", 2.5), "/links/0/end", "want integer"},
		{"link without target", "edition.schema.json", edition, del(t, "/links/0/target"), "/links/0", "'target'"},
		{"style kind a number", "edition.schema.json", edition, set(t, "/styles/0/kind", 1), "/styles/0/kind", "want string"},

		// changes.schema.json
		{"missing ops", "changes.schema.json", changes, del(t, "/ops"), "", "'ops'"},
		{"same a string", "changes.schema.json", changes, set(t, "/same", "false"), "/same", "want boolean"},
		{"unknown op", "changes.schema.json", changes, set(t, "/ops/0/op", "replace"), "/ops/0/op", "equal"},
		{"op without text", "changes.schema.json", changes, del(t, "/ops/1/text"), "/ops/1", "'text'"},
		{"move id zero", "changes.schema.json", changes, set(t, "/ops/3/move", 0), "/ops/3/move", "minimum"},
		{"unknown change", "changes.schema.json", changes, set(t, "/clauses/0/change", "edited"), "/clauses/0/change", "unchanged"},
		{"clause range of three", "changes.schema.json", changes, set(t, "/clauses/0/ops", []any{0, 1, 2}), "/clauses/0/ops", "maxItems"},
		{"negative stat", "changes.schema.json", changes, set(t, "/stats/changed", -1), "/stats/changed", "minimum"},
		{"stat a fraction", "changes.schema.json", changes, set(t, "/stats/moved", 1.5), "/stats/moved", "want integer"},
		{"stats without words", "changes.schema.json", changes, del(t, "/stats/words_inserted"), "/stats", "'words_inserted'"},
		{"from id bad", "changes.schema.json", changes, set(t, "/from/id", "2024-7-10"), "/from/id", "does not match pattern"},
		{"move ops null", "changes.schema.json", changes, set(t, "/moves/0/ops", nil), "/moves/0/ops", "want array"},
		{"break a string", "changes.schema.json", changes, set(t, "/ops/6/break", "yes"), "/ops/6/break", "want boolean"},
		{"format a number", "changes.schema.json", changes, set(t, "/ops/8/format", 1), "/ops/8/format", "want boolean"},
		{"missing links", "changes.schema.json", changes, del(t, "/links"), "", "'links'"},
		{"links null", "changes.schema.json", changes, set(t, "/links", nil), "/links", "want array"},
		{"link without new", "changes.schema.json", changes, del(t, "/links/0/new"), "/links/0", "'new'"},
		{"link op negative", "changes.schema.json", changes, set(t, "/links/0/op", -1), "/links/0/op", "minimum"},
		{"link address null", "changes.schema.json", changes, set(t, "/links/0/old", nil), "/links/0/old", "want string"},
		{"missing formats", "changes.schema.json", changes, del(t, "/formats"), "", "'formats'"},
		{"format without emphasis", "changes.schema.json", changes, del(t, "/formats/0/emphasis"), "/formats/0", "'emphasis'"},
		{"format emphasis a string", "changes.schema.json", changes, set(t, "/formats/0/emphasis", "true"), "/formats/0/emphasis", "want boolean"},
		{"format clause a string", "changes.schema.json", changes, set(t, "/formats/0/clause", "2"), "/formats/0/clause", "want"},
		{"stats without links_changed", "changes.schema.json", changes, del(t, "/stats/links_changed"), "/stats", "'links_changed'"},
		{"negative breaks", "changes.schema.json", changes, set(t, "/stats/breaks_deleted", -2), "/stats/breaks_deleted", "minimum"},

		// feed.schema.json
		{"JSON Feed 1.0", "feed.schema.json", feed, set(t, "/version", "https://jsonfeed.org/version/1"), "/version", "jsonfeed.org/version/1.1"},
		{"missing title", "feed.schema.json", feed, del(t, "/title"), "", "'title'"},
		{"missing items", "feed.schema.json", feed, del(t, "/items"), "", "'items'"},
		{"item id a number", "feed.schema.json", feed, set(t, "/items/0/id", 1), "/items/0/id", "want string"},
		{"item without content", "feed.schema.json", feed, del(t, "/items/0/content_html"), "/items/0", "'content_html'"},
		{"item date not RFC 3339", "feed.schema.json", feed, set(t, "/items/1/date_published", "10 July 2024"), "/items/1/date_published", "date-time"},
		{"author without name", "feed.schema.json", feed, del(t, "/authors/0/name"), "/authors/0", "'name'"},
		{"extension without about", "feed.schema.json", feed, del(t, "/items/0/_policysite/about"), "/items/0/_policysite", "'about'"},
		{"extension status unknown", "feed.schema.json", feed, set(t, "/items/0/_policysite/status", "old"), "/items/0/_policysite/status", "in_force"},
		{"extension effective bad", "feed.schema.json", feed, set(t, "/items/0/_policysite/effective", "soon"), "/items/0/_policysite/effective", "date-time"},

		// policies.schema.json
		{"missing schemas", "policies.schema.json", index, del(t, "/schemas"), "", "'schemas'"},
		{"schemas without feed", "policies.schema.json", index, del(t, "/schemas/feed"), "/schemas", "'feed'"},
		{"language code upper-case", "policies.schema.json", index, set(t, "/languages/0/code", "RU"), "/languages/0/code", "does not match pattern"},
		{"in_force not an id", "policies.schema.json", index, set(t, "/policies/0/languages/0/in_force", "now"), "/policies/0/languages/0/in_force", "does not match pattern"},
		{"in_force absent rather than null", "policies.schema.json", index, del(t, "/policies/0/languages/0/in_force"), "/policies/0/languages/0", "'in_force'"},
		{"edition status unknown", "policies.schema.json", index, set(t, "/policies/0/languages/0/editions/0/status", "draft"), "/policies/0/languages/0/editions/0/status", "in_force"},
		{"edition posted bad", "policies.schema.json", index, set(t, "/policies/0/languages/0/editions/1/posted", "2025-09-01 10:00"), "/policies/0/languages/0/editions/1/posted", "date-time"},
		{"edition hash bad", "policies.schema.json", index, set(t, "/policies/0/languages/0/editions/2/text_sha256", "zz"), "/policies/0/languages/0/editions/2/text_sha256", "does not match pattern"},
		{"edition changes_json_url false", "policies.schema.json", index, set(t, "/policies/0/languages/0/editions/0/changes_json_url", false), "/policies/0/languages/0/editions/0/changes_json_url", "want"},
	} {
		t.Run(tc.schema+"/"+tc.name, func(t *testing.T) {
			data := edit(t, tc.data, tc.change)
			wantViolation(t, v.Validate(tc.schema, data), tc.path, tc.msg)
		})
	}
}

func TestValidateListsEveryViolation(t *testing.T) {
	v := validator(t)
	data := edit(t, marshal(t, exampleEdition()), together(
		del(t, "/title"),
		set(t, "/status", "old"),
		set(t, "/clauses/0/anchor", 1),
	))
	err := v.Validate("edition.schema.json", data)
	wantViolation(t, err, "", "'title'")
	wantViolation(t, err, "/status", "in_force")
	wantViolation(t, err, "/clauses/0/anchor", "want string")
	for _, s := range []string{"/status", "/clauses/0/anchor", "title"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("the message does not mention %s:\n%v", s, err)
		}
	}
}

// A broken "previous" fails both branches of its anyOf; the message should
// say what is wrong with the object, not that it is not null.
func TestValidateLeavesOutTheNullBranchOfABrokenObject(t *testing.T) {
	v := validator(t)
	data := edit(t, marshal(t, exampleEdition()), del(t, "/previous/id"))
	err := v.Validate("edition.schema.json", data)
	wantViolation(t, err, "/previous", "'id'")
	if strings.Contains(err.Error(), "want null") {
		t.Errorf("the message reports the null branch:\n%v", err)
	}
}

func TestValidateRejectsWhatIsNotADocument(t *testing.T) {
	v := validator(t)
	if err := v.Validate("edition.schema.json", []byte(`{"schema_version": 1`)); err == nil {
		t.Error("truncated JSON passed")
	}
	if err := v.Validate("edition.schema.json", []byte(`{} {}`)); err == nil {
		t.Error("two JSON values passed")
	}
	if err := v.Validate("nope.schema.json", []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "edition.schema.json") {
		t.Errorf("unknown schema: %v, want an error listing the schemas", err)
	}
}

func TestStrictReportsKeysTheSchemaDoesNotDeclare(t *testing.T) {
	v := validator(t)
	edition := marshal(t, exampleEdition())
	changes := marshal(t, exampleChanges())
	feed := marshal(t, exampleFeed())
	index := marshal(t, exampleIndex())
	for _, tc := range []struct {
		name, schema string
		data         []byte
		change       func(map[string]any)
		path, key    string
	}{
		{"top level", "edition.schema.json", edition, set(t, "/revision", 3), "", "revision"},
		{"in a nullable ref", "edition.schema.json", edition, set(t, "/previous/title", "x"), "/previous", "title"},
		{"in an array's object", "edition.schema.json", edition, set(t, "/clauses/1/level", 2), "/clauses/1", "level"},
		{"in a translation", "edition.schema.json", edition, set(t, "/translations/0/title", "x"), "/translations/0", "title"},
		{"in an op", "changes.schema.json", changes, set(t, "/ops/0/weight", 1), "/ops/0", "weight"},
		{"in a move's op", "changes.schema.json", changes, set(t, "/moves/0/ops/1/x", 1), "/moves/0/ops/1", "x"},
		{"in stats", "changes.schema.json", changes, set(t, "/stats/words_moved", 1), "/stats", "words_moved"},
		{"in a link change", "changes.schema.json", changes, set(t, "/links/0/title", "x"), "/links/0", "title"},
		{"in a format change", "changes.schema.json", changes, set(t, "/formats/0/level", 2), "/formats/0", "level"},
		{"in a block", "edition.schema.json", edition, set(t, "/blocks/0/level", 2), "/blocks/0", "level"},
		{"in a link", "edition.schema.json", edition, set(t, "/links/0/rel", "nofollow"), "/links/0", "rel"},
		{"in a style", "edition.schema.json", edition, set(t, "/styles/1/weight", 700), "/styles/1", "weight"},
		{"in the feed extension", "feed.schema.json", feed, set(t, "/items/0/_policysite/lang", "ru"), "/items/0/_policysite", "lang"},
		{"a JSON Feed field the site does not write", "feed.schema.json", feed, set(t, "/items/0/summary", "x"), "/items/0", "summary"},
		{"an author's avatar", "feed.schema.json", feed, set(t, "/authors/0/avatar", base+"logo.png"), "/authors/0", "avatar"},
		{"in an index edition", "policies.schema.json", index, set(t, "/policies/0/languages/0/editions/0/lang", "ru"), "/policies/0/languages/0/editions/0", "lang"},
	} {
		t.Run(tc.schema+"/"+tc.name, func(t *testing.T) {
			data := edit(t, tc.data, tc.change)
			// The schemas allow unknown keys: the contract lets later
			// versions add fields.
			if err := v.Validate(tc.schema, data); err != nil {
				t.Errorf("Validate rejects an unknown key: %v", err)
			}
			wantViolation(t, v.Strict(tc.schema, data), tc.path, `"`+tc.key+`"`)
		})
	}
}
