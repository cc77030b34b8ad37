package publish

import (
	"policysite/internal/api"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"slices"
)

func (g *publisher) indexDoc() (*api.Index, error) {
	idx := &api.Index{
		SchemaVersion: api.SchemaVersion,
		BaseURL:       g.pl.BaseURL,
		Languages:     []api.IndexLanguage{},
		Policies:      []api.IndexPolicy{},
		Schemas: api.Schemas{
			Edition:  g.pl.URL(plan.SchemaPath("edition.schema.json")),
			Changes:  g.pl.URL(plan.SchemaPath("changes.schema.json")),
			Feed:     g.pl.URL(plan.SchemaPath("feed.schema.json")),
			Policies: g.pl.URL(plan.SchemaPath("policies.schema.json")),
		},
	}
	for _, l := range g.pl.Config.Langs {
		idx.Languages = append(idx.Languages, api.IndexLanguage{Code: string(l.Code), Name: l.Name, Title: l.Title, URL: g.pl.URL(string(l.Code) + "/")})
	}
	pols := slices.Clone(g.pl.Policies)
	slices.SortStableFunc(pols, func(a, b *policy.Policy) int { return g.pl.Weight(a.Slug) - g.pl.Weight(b.Slug) })
	for _, pol := range pols {
		ip := api.IndexPolicy{Slug: pol.Slug, Languages: []api.IndexPolicyLang{}}
		for _, l := range g.pl.Config.Codes() {
			tl := g.pl.Timelines[pol.Slug][l]
			if tl == nil || len(tl.Published()) == 0 {
				continue
			}
			pl := api.IndexPolicyLang{Lang: string(l), Title: plan.PolicyTitle(tl), URL: g.pl.URL(string(l) + "/" + pol.Slug + "/"),
				FeedURL: g.pl.URL(plan.FeedPath(pol.Slug, l)), Editions: []api.IndexEdition{}}
			if g.pl.AbsoluteBase() {
				pl.AtomURL = g.pl.URL(plan.AtomPath(pol.Slug, l))
			}
			if c := tl.Current(); c != nil {
				id := c.ID.String()
				pl.InForce = &id
			}
			for _, e := range tl.Published() {
				ie := api.IndexEdition{ID: e.ID.String(), Title: e.Title, Status: string(tl.StatusOf(e)),
					Posted: api.Moment(e.Posted), Effective: api.Moment(e.Effective),
					URL: g.pl.URL(plan.EditionPath(pol.Slug, l, e.ID)), JSONURL: g.pl.URL(plan.EditionJSONPath(pol.Slug, l, e.ID)),
					TextURL: g.pl.URL(plan.TextPath(pol.Slug, l, e.ID)), SourceSHA256: e.SourceSHA256, TextSHA256: g.pl.Editions[e].TextSum}
				if g.pl.Changes[e] != nil {
					ie.ChangesURL = g.urlp(plan.ChangesPath(pol.Slug, l, e.ID))
					ie.ChangesJSONURL = g.urlp(plan.ChangesJSONPath(pol.Slug, l, e.ID))
				}
				pl.Editions = append(pl.Editions, ie)
			}
			ip.Languages = append(ip.Languages, pl)
		}
		if len(ip.Languages) > 0 {
			idx.Policies = append(idx.Policies, ip)
		}
	}
	return idx, nil
}
