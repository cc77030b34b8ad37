package site

import (
	"policysite/internal/api"
	"policysite/internal/plan"
	"policysite/internal/policy"
)

// jsonLD is the schema.org description of an edition for its page.
func (g *generator) jsonLD(pol *policy.Policy, l policy.Lang, tl *policy.Timeline, e *policy.Edition) (string, error) {
	page := g.pl.URL(plan.EditionPath(pol.Slug, l, e.ID))
	polURL := g.pl.URL(string(l) + "/" + pol.Slug + "/")
	doc := api.DigitalDocument{
		Context:       "https://schema.org",
		Type:          "DigitalDocument",
		ID:            page,
		URL:           page,
		Name:          e.Title,
		Version:       e.ID.String(),
		InLanguage:    string(l),
		DatePublished: api.Moment(e.Posted),
		ExampleOfWork: api.CreativeWork{Type: "CreativeWork", ID: polURL, Name: plan.PolicyTitle(tl), URL: polURL},
		Encoding: []api.MediaObject{
			{Type: "MediaObject", ContentURL: g.pl.URL(plan.EditionJSONPath(pol.Slug, l, e.ID)), EncodingFormat: "application/json"},
			{Type: "MediaObject", ContentURL: g.pl.URL(plan.TextPath(pol.Slug, l, e.ID)), EncodingFormat: "text/plain", SHA256: g.pl.Editions[e].TextSum},
		},
	}
	if lang := g.pl.Config.Lang(l); lang != nil && lang.Company != "" {
		doc.Publisher = &api.Organization{Type: "Organization", Name: lang.Company}
	}
	switch st := tl.StatusOf(e); st {
	case policy.StatusInForce, policy.StatusUpcoming:
		doc.TemporalCoverage = api.Moment(policy.Applies(e)) + "/.."
	case policy.StatusSuperseded:
		if by := tl.SupersededBy(e); by != nil && policy.Applies(by).After(policy.Applies(e)) {
			doc.TemporalCoverage = api.Moment(policy.Applies(e)) + "/" + api.Moment(policy.Applies(by))
		}
	}
	for _, tr := range g.pl.Translations(pol, l, e) {
		doc.WorkTranslation = append(doc.WorkTranslation, api.DocumentRef{Type: "DigitalDocument",
			ID: g.pl.URL(plan.EditionPath(pol.Slug, tr.Lang, tr.ID)), InLanguage: string(tr.Lang)})
	}
	return api.MarshalScript(doc)
}
