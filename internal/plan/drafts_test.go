package plan

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"policysite/internal/policy"
)

// withDrafts is repo with drafts: a Russian draft posted in the past whose
// English translation is no draft, and a policy whose only edition is a
// draft posted in the past, and one of terms posted in the future.
func withDrafts(t *testing.T) fstest.MapFS {
	fsys := repo(t)
	draft := func(title, posted, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nposted: " + posted + "\ndraft: true\n---\n" + body + "\n")}
	}
	fsys["versions/privacy/2025-05-20.ru.md"] = draft("Политика", "2025-05-20T00:00:00Z", "1.1. Черновик.")
	fsys["versions/privacy/2025-05-20.en.md"] = edition("Policy", "2025-05-20T00:00:00Z", "", "1.1. First clause, again.")
	fsys["versions/cookies/2025-01-01.en.md"] = draft("Cookies", "2025-01-01T00:00:00Z", "1. Cookies.")
	fsys["versions/terms/2025-06-10.en.md"] = draft("Terms", "2025-06-10T00:00:00Z", "1. Use the service well.")
	return fsys
}

func makePlanWith(t *testing.T, fsys fstest.MapFS, preview bool) *Plan {
	t.Helper()
	in := input(t, fsys)
	in.Preview = preview
	p, err := Make(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPlanLeavesDraftsOut: a draft is never published, whatever its
// posted moment: not in a timeline, not in force, not a translation, not
// compared, and not a change to come.
func TestPlanLeavesDraftsOut(t *testing.T) {
	p := makePlanWith(t, withDrafts(t), false)
	if p.Drafts != 3 || p.Unposted != 1 || p.Shown != 2 || len(p.Editions) != 6 {
		t.Errorf("drafts %d, unposted %d, shown %d, editions %d; want 3, 1, 2, 6", p.Drafts, p.Unposted, p.Shown, len(p.Editions))
	}
	if p.Unpublished != nil {
		t.Errorf("a built site's plan marks %d editions unpublished", len(p.Unpublished))
	}
	for _, e := range p.Published() {
		if e.Draft {
			t.Errorf("%s is published", e.Key())
		}
	}
	for _, pol := range p.Policies {
		for l, eds := range pol.Editions {
			for _, e := range eds {
				if e.Draft {
					t.Errorf("%s/%s: the plan's policy holds draft %s", pol.Slug, l, e.Key())
				}
			}
		}
	}
	if len(p.Timelines["cookies"]) != 0 {
		t.Errorf("a policy of drafts only has timelines %v", p.Timelines["cookies"])
	}
	ru, en := p.Timelines["privacy"]["ru"], p.Timelines["privacy"]["en"]
	if c := ru.Current(); c == nil || c.ID.String() != "2024-01-01" {
		t.Errorf("the Russian edition in force is %v, want 2024-01-01, not the draft", c)
	}
	cur := en.Current()
	if cur == nil || cur.ID.String() != "2025-05-20" {
		t.Fatalf("the English edition in force is %v, want 2025-05-20", cur)
	}
	if tr := p.Translations(p.Policies[1], "en", cur); len(tr) != 0 {
		t.Errorf("translations of en 2025-05-20: %v, want none: the Russian one is a draft", tr)
	}
	for _, c := range p.Comparisons {
		if c.From.Draft || c.To.Draft {
			t.Errorf("%s compares a draft", c.Path)
		}
	}
	if !p.NextChange.Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("NextChange = %v, want 2025-07-01: a draft's posted moment changes nothing", p.NextChange)
	}
}

// TestPreviewPlanShowsEveryEdition: a preview shows drafts and editions
// posted after Now as if posted at Now, marked with what their sources
// say, and still changes when an edition is really posted.
func TestPreviewPlanShowsEveryEdition(t *testing.T) {
	p := makePlanWith(t, withDrafts(t), true)
	if p.Drafts != 0 || p.Unposted != 0 || p.Shown != 3 || len(p.Editions) != 10 {
		t.Errorf("drafts %d, unposted %d, shown %d, editions %d; want 0, 0, 3, 10", p.Drafts, p.Unposted, p.Shown, len(p.Editions))
	}
	want := map[string]Unpublished{
		"privacy/2025-05-20.ru": {Draft: true, Posted: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC), PostedHasTime: true},
		"privacy/2025-09-01.ru": {Posted: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), PostedHasTime: true},
		"cookies/2025-01-01.en": {Draft: true, Posted: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), PostedHasTime: true},
		"terms/2025-06-10.en":   {Draft: true, Posted: time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC), PostedHasTime: true},
	}
	if len(p.Unpublished) != len(want) {
		t.Errorf("%d editions unpublished, want %d", len(p.Unpublished), len(want))
	}
	for e, u := range p.Unpublished {
		w, ok := want[e.Key()]
		if !ok || u.Draft != w.Draft || !u.Posted.Equal(w.Posted) || u.PostedHasTime != w.PostedHasTime {
			t.Errorf("%s: unpublished %+v, want %+v", e.Key(), u, w)
		}
		if e.Posted.After(now) {
			t.Errorf("%s is shown posted at %v, after now", e.Key(), e.Posted)
		}
		if p.Editions[e] == nil {
			t.Errorf("%s is not shown", e.Key())
		}
	}
	ru := p.Timelines["privacy"]["ru"]
	if c := ru.Current(); c == nil || c.ID.String() != "2025-05-20" {
		t.Errorf("the preview's Russian edition in force is %v, want the draft 2025-05-20", c)
	}
	if last := ru.Editions[len(ru.Editions)-1]; last.ID.String() != "2025-09-01" || ru.StatusOf(last) == policy.StatusUnposted {
		t.Errorf("the preview's last Russian edition is %s, %s; want 2025-09-01, shown", last.Key(), ru.StatusOf(last))
	}
	if !p.NextChange.Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("NextChange = %v, want 2025-07-01", p.NextChange)
	}
}
