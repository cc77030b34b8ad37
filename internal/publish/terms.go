package publish

import (
	"policysite/internal/api"
	"policysite/internal/changeterms"
	"policysite/internal/clause"
)

// termsDoc is an edition's change_terms in its JSON.
func termsDoc(t changeterms.Terms, page string) *api.ChangeTerms {
	doc := &api.ChangeTerms{
		Unilateral:         t.Has(changeterms.Unilateral),
		Consent:            string(t.Consent()),
		EffectiveOnPosting: t.Has(changeterms.OnPosting),
		UnlessOtherwise:    t.Has(changeterms.UnlessOtherwise),
		ContinuedUse:       t.Has(changeterms.ContinuedUse),
		Notification:       []string{},
		Findings:           []api.ChangeTermFinding{},
	}
	if f := longestNotice(t); f.Days > 0 {
		doc.NoticeDays, doc.NoticeScope = &f.Days, string(f.Scope)
	}
	doc.Retroactive = t.Has(changeterms.Retroactive)
	for _, c := range t.Channels() {
		doc.Notification = append(doc.Notification, string(c))
	}
	if t.Has(changeterms.PublishedAt) {
		u := t.URL()
		doc.PublishedAt = &u
	}
	for _, f := range t.Findings {
		doc.Findings = append(doc.Findings, findingDoc(f, page))
	}
	return doc
}

// findingDoc is one finding in the JSON, with the value it contributes to
// change_terms, so that a reader can tell which sentence says what.
func findingDoc(f changeterms.Finding, page string) api.ChangeTermFinding {
	fd := api.ChangeTermFinding{Kind: string(f.Kind), Clause: f.Clause, Sentence: f.Sentence,
		Consent: string(f.Consent), Scope: string(f.Scope), Channels: []string{}, Address: f.URL}
	if f.Clause != "" {
		fd.URL = page + "#" + clause.Anchor(f.Clause)
	}
	if f.Kind == changeterms.NoticePeriod && f.Days > 0 {
		d := f.Days
		fd.Days = &d
	}
	for _, c := range f.Channels {
		fd.Channels = append(fd.Channels, string(c))
	}
	return fd
}

// longestNotice is the notice period that notice_days gives: the longest,
// and of periods as long, one for every change rather than for material
// ones, which says more.
func longestNotice(t changeterms.Terms) changeterms.Finding {
	var best changeterms.Finding
	for _, f := range t.Findings {
		if f.Kind == changeterms.NoticePeriod && (f.Days > best.Days || f.Days == best.Days && f.Scope == "") {
			best = f
		}
	}
	return best
}
