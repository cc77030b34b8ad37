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
	if n := t.NoticeDays(); n > 0 {
		doc.NoticeDays = &n
	}
	for _, c := range t.Channels() {
		doc.Notification = append(doc.Notification, string(c))
	}
	if t.Has(changeterms.PublishedAt) {
		u := t.URL()
		doc.PublishedAt = &u
	}
	for _, f := range t.Findings {
		fd := api.ChangeTermFinding{Kind: string(f.Kind), Clause: f.Clause, Sentence: f.Sentence}
		if f.Clause != "" {
			fd.URL = page + "#" + clause.Anchor(f.Clause)
		}
		doc.Findings = append(doc.Findings, fd)
	}
	return doc
}
