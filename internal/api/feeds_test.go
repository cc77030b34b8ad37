package api_test

import (
	"errors"
	"strings"
	"testing"

	"policysite/internal/api"
	"policysite/internal/api/apitest"
)

// wantProblem fails unless one of errs contains every one of parts.
func wantProblem(t *testing.T, errs []error, parts ...string) {
	t.Helper()
	if len(errs) == 0 {
		t.Fatalf("no problem found; want one mentioning %q", parts)
	}
	for _, err := range errs {
		found := true
		for _, p := range parts {
			if !strings.Contains(err.Error(), p) {
				found = false
			}
		}
		if found {
			return
		}
	}
	t.Errorf("no problem mentions %q in:\n%v", parts, errors.Join(errs...))
}

func TestCheckJSONFeedPassesTheSiteFeed(t *testing.T) {
	if errs := apitest.CheckJSONFeed(marshal(t, exampleFeed())); len(errs) > 0 {
		t.Error(errors.Join(errs...))
	}
	first := exampleFeed()
	first.Items = first.Items[1:]
	first.Items[0].Ext.ChangesURL = ""
	if errs := apitest.CheckJSONFeed(marshal(t, first)); len(errs) > 0 {
		t.Error(errors.Join(errs...))
	}
	empty := exampleFeed()
	empty.Items = []api.Item{}
	if errs := apitest.CheckJSONFeed(marshal(t, empty)); len(errs) > 0 {
		t.Errorf("a feed of no items: %v", errors.Join(errs...))
	}
}

func TestCheckJSONFeedFindsBrokenRules(t *testing.T) {
	feed := marshal(t, exampleFeed())
	second := exampleFeed().Items[1].ID
	for _, tc := range []struct {
		name   string
		change func(map[string]any)
		want   []string
	}{
		{"version 1.0", set(t, "/version", "https://jsonfeed.org/version/1"), []string{"/version", "1.1"}},
		{"version with a trailing slash", set(t, "/version", api.JSONFeedVersion+"/"), []string{"/version"}},
		{"no version", del(t, "/version"), []string{"/version", "missing"}},
		{"no title", del(t, "/title"), []string{"/title", "missing"}},
		{"blank title", set(t, "/title", "  "), []string{"/title", "non-empty"}},
		{"title a number", set(t, "/title", 1), []string{"/title", "non-empty string"}},
		{"no items", del(t, "/items"), []string{"/items", "missing"}},
		{"duplicate item ids", set(t, "/items/0/id", second), []string{"/items/1/id", "/items/0 too"}},
		{"item id a number", set(t, "/items/0/id", 5), []string{"/items/0/id", "string"}},
		{"empty item id", set(t, "/items/0/id", ""), []string{"/items/0/id", "empty"}},
		{"date without an offset", set(t, "/items/0/date_published", "2025-09-01T10:00:00"), []string{"/items/0/date_published", "RFC 3339"}},
		{"date with a space", set(t, "/items/1/date_published", "2024-07-10 12:00:00+03:00"), []string{"/items/1/date_published", "RFC 3339"}},
		{"bad date_modified", set(t, "/items/1/date_modified", "yesterday"), []string{"/items/1/date_modified", "RFC 3339"}},
		{"oldest first", set(t, "/items/1/date_published", "2026-01-01T00:00:00Z"), []string{"/items/1/date_published", "newest first"}},
		{"relative home page", set(t, "/home_page_url", "/ru/privacy/"), []string{"/home_page_url", "absolute"}},
		{"relative feed url", set(t, "/feed_url", "feed.json"), []string{"/feed_url", "absolute"}},
		{"item url without a scheme", set(t, "/items/0/url", "//prichal.example/ru/privacy/"), []string{"/items/0/url", "absolute"}},
		{"external_url not http", set(t, "/items/0/external_url", "ftp://prichal.example/x"), []string{"/items/0/external_url", "http"}},
		{"url a number", set(t, "/items/0/url", 3), []string{"/items/0/url", "URL string"}},
		{"unknown field not an extension", set(t, "/items/0/policy", "privacy"), []string{"/items/0/policy", `"_"`}},
		{"unknown top-level field", set(t, "/updated", "2025-09-01T10:00:00+03:00"), []string{"/updated", `"_"`}},
		{"extension without about", del(t, "/items/0/_policysite/about"), []string{"/items/0/_policysite", "about"}},
		{"extension about relative", set(t, "/items/0/_policysite/about", "/schema/feed.schema.json"), []string{"/items/0/_policysite/about", "absolute"}},
		{"extension not an object", set(t, "/_policysite", "v1"), []string{"/_policysite", "object"}},
		{"author with nothing", set(t, "/authors/0", map[string]any{}), []string{"/authors/0", "name"}},
		{"author url relative", set(t, "/authors/0/url", "/"), []string{"/authors/0/url", "absolute"}},
		{"item without content", del(t, "/items/0/content_html"), []string{"/items/0", "content_html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, apitest.CheckJSONFeed(edit(t, feed, tc.change)), tc.want...)
		})
	}
}

func TestCheckJSONFeedRejectsWhatIsNotAFeedObject(t *testing.T) {
	wantProblem(t, apitest.CheckJSONFeed([]byte(`{"version":`)), "not JSON")
	wantProblem(t, apitest.CheckJSONFeed([]byte(`[]`)), "not an object")
}

func TestCheckJSONFeedListsEveryProblem(t *testing.T) {
	data := edit(t, marshal(t, exampleFeed()), together(
		del(t, "/title"),
		set(t, "/items/1/id", exampleFeed().Items[0].ID),
		set(t, "/feed_url", "feed.json"),
	))
	errs := apitest.CheckJSONFeed(data)
	if len(errs) != 3 {
		t.Errorf("%d problems, want 3:\n%v", len(errs), errors.Join(errs...))
	}
}

func TestCheckAtomPassesTheSiteFeed(t *testing.T) {
	if errs := apitest.CheckAtom(marshalAtom(t, exampleAtom())); len(errs) > 0 {
		t.Error(errors.Join(errs...))
	}
	// An author in each entry does as well as one for the feed.
	data := string(marshalAtom(t, exampleAtom()))
	author := "<author>\n    <name>ООО «Северная пристань»</name>\n    <uri>" + base + "</uri>\n  </author>"
	if !strings.Contains(data, author) {
		t.Fatalf("the example's author is not as expected:\n%s", data)
	}
	data = strings.Replace(data, author, "", 1)
	data = strings.ReplaceAll(data, "<content ", "<author><name>Причал</name></author><content ")
	if errs := apitest.CheckAtom([]byte(data)); len(errs) > 0 {
		t.Error(errors.Join(errs...))
	}
}

func TestCheckAtomFindsBrokenRules(t *testing.T) {
	first := exampleAtom().Entries[0]
	for _, tc := range []struct {
		name   string
		change func(a *api.Atom)
		// edit changes the XML where the Go type cannot go wrong.
		edit func(s string) string
		want []string
	}{
		{name: "no self link", change: func(a *api.Atom) { a.Links = a.Links[1:] }, want: []string{"feed", `rel="self"`}},
		{name: "relative feed id", change: func(a *api.Atom) { a.ID = "/ru/privacy/" }, want: []string{"feed", "absolute IRI"}},
		{name: "relative entry id", change: func(a *api.Atom) { a.Entries[1].ID = "2024-07-10" }, want: []string{"entry 2", "absolute IRI"}},
		{name: "duplicate entry ids", change: func(a *api.Atom) { a.Entries[1].ID = first.ID }, want: []string{"entry 2", "entry 1 too"}},
		{name: "feed updated not RFC 3339", change: func(a *api.Atom) { a.Updated = "2025-09-01" }, want: []string{"feed updated", "RFC 3339"}},
		{name: "entry updated not RFC 3339", change: func(a *api.Atom) { a.Entries[0].Updated = "Mon, 01 Sep 2025 10:00:00 +0300" }, want: []string{"entry 1 updated", "RFC 3339"}},
		{name: "entry published not RFC 3339", change: func(a *api.Atom) { a.Entries[1].Published = "2024-07-10T12:00+03:00" }, want: []string{"entry 2 published", "RFC 3339"}},
		{name: "two alternates of one type and language", change: func(a *api.Atom) { a.Links[2].Hreflang = "ru" }, want: []string{"feed", `rel="alternate"`, `"ru"`}},
		{name: "two alternates in an entry", change: func(a *api.Atom) {
			a.Entries[0].Links = append(a.Entries[0].Links, api.AtomLink{Rel: "alternate", Type: "text/html", Href: base + "x", Hreflang: "ru"})
		}, want: []string{"entry 1", `rel="alternate"`}},
		{name: "link without href", change: func(a *api.Atom) { a.Entries[0].Links[1].Href = "" }, want: []string{"entry 1", "href"}},
		{name: "unclosed html", change: func(a *api.Atom) { a.Entries[0].Content.Body = "<p>Изменён 1 пункт." }, want: []string{"entry 1", "html", "<p>"}},
		{name: "misnested html", change: func(a *api.Atom) { a.Entries[0].Content.Body = "<p><b>x</p></b>" }, want: []string{"entry 1", "html"}},
		{name: "bare ampersand in html", change: func(a *api.Atom) { a.Entries[1].Content.Body = "<p>A & B</p>" }, want: []string{"entry 2", "html"}},
		{name: "a void element closed", change: func(a *api.Atom) { a.Entries[1].Content.Body = "<p>x</br></p>" }, want: []string{"entry 2", "</br>"}},
		{name: "wrong namespace", edit: func(s string) string {
			return strings.Replace(s, api.AtomNS, "http://purl.org/atom/ns#", 1)
		}, want: []string{"root element"}},
		{name: "rss", edit: func(string) string {
			return `<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`
		}, want: []string{"root element", "rss"}},
		{name: "not XML", edit: func(s string) string { return s[:len(s)/2] }, want: []string{"not XML"}},
		{name: "feed without title", edit: func(s string) string {
			return strings.Replace(s, "<title>Политика конфиденциальности — Причал</title>", "", 1)
		}, want: []string{"feed", "0 title"}},
		{name: "feed with two ids", edit: func(s string) string {
			return strings.Replace(s, "<updated>", "<id>urn:x</id><updated>", 1)
		}, want: []string{"feed", "2 id"}},
		{name: "entry without updated", edit: func(s string) string {
			return strings.Replace(s, "<updated>2024-07-10T12:00:00+03:00</updated>", "", 1)
		}, want: []string{"entry 2", "0 updated"}},
		{name: "entry with two published", edit: func(s string) string {
			return strings.Replace(s, "<published>", "<published>2025-09-01T10:00:00+03:00</published><published>", 1)
		}, want: []string{"entry 1", "2 published"}},
		{name: "no author anywhere", edit: func(s string) string {
			i, j := strings.Index(s, "<author>"), strings.Index(s, "</author>")
			return s[:i] + s[j+len("</author>"):]
		}, want: []string{"entry 1", "no author"}},
		{name: "author without name", edit: func(s string) string {
			return strings.Replace(s, "<name>ООО «Северная пристань»</name>", "", 1)
		}, want: []string{"feed", "name"}},
		{name: "entry without content or alternate", edit: func(s string) string {
			i := strings.Index(s, "<entry>")
			e := s[i:]
			e = strings.Replace(e, `<link rel="alternate"`, `<link rel="via"`, 1)
			k, l := strings.Index(e, "<content"), strings.Index(e, "</content>")
			return s[:i] + e[:k] + e[l+len("</content>"):]
		}, want: []string{"entry 1", "no content"}},
		{name: "xhtml content without its div", edit: func(s string) string {
			i, j := strings.Index(s, `<content type="html">`), strings.Index(s, "</content>")
			return s[:i] + `<content type="xhtml"><p xmlns="http://www.w3.org/1999/xhtml">x</p>` + s[j:]
		}, want: []string{"entry 1", "xhtml:div"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := exampleAtom()
			if tc.change != nil {
				tc.change(a)
			}
			data := string(marshalAtom(t, a))
			if tc.edit != nil {
				edited := tc.edit(data)
				if edited == data {
					t.Fatal("the edit changed nothing")
				}
				data = edited
			}
			wantProblem(t, apitest.CheckAtom([]byte(data)), tc.want...)
		})
	}
}
