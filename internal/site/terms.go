package site

import (
	"strings"

	"policysite/internal/api"
	"policysite/internal/changeterms"
	"policysite/internal/check"
	"policysite/internal/clause"
	"policysite/internal/policy"
	"policysite/internal/redline"
)

// analyze reads every published edition, unless the caller has already
// (package check reads every edition, posted or not, and checks the dates
// against what each says about changes).
func (g *generator) analyze() {
	var eds []*policy.Edition
	for _, pol := range g.in.Policies {
		for _, l := range g.in.Config.Codes() {
			if tl := g.timelines[pol.Slug][l]; tl != nil {
				eds = append(eds, tl.Published()...)
			}
		}
	}
	out := make([]*check.Analysis, len(eds))
	parallel(len(eds), func(i int) {
		if out[i] = g.in.Analyses[eds[i]]; out[i] == nil {
			out[i] = check.Read(eds[i].Body)
		}
	})
	g.analyses = make(map[*policy.Edition]*check.Analysis, len(eds))
	g.terms = make(map[*policy.Edition]changeterms.Terms, len(eds))
	for i, e := range eds {
		g.analyses[e], g.terms[e] = out[i], out[i].Terms
	}
}

// summary is a redline's one-sentence summary. When the rules for changes
// themselves changed between the two editions, it says so first: a reader
// must learn those anew before anything else.
func (g *generator) summary(c *comparison) (string, error) {
	loc := g.in.Strings.For(c.lang)
	s, err := redline.Summary(loc, c.stats)
	if err != nil {
		return "", err
	}
	if g.terms[c.from].SameRules(g.terms[c.to]) {
		return s, nil
	}
	first, err := loc.T("ct_changed", nil)
	if err != nil {
		return "", err
	}
	return first + " " + s, nil
}

// termsBox is what an edition page's box on changes says, and which
// clauses it draws on.
type termsBox struct {
	Text string `json:"text"`
	// URL is where the edition says its current edition is published, and
	// URLLead the words that lead to it.
	URL     string      `json:"url,omitempty"`
	URLLead string      `json:"url_lead,omitempty"`
	Clauses []termsMark `json:"clauses"`
}

type termsMark struct {
	Number string `json:"number"`
	Anchor string `json:"anchor"`
}

// describeTerms writes, in language l, what an edition says about changes:
// «Как вступают в силу изменения: с момента размещения, если новой
// редакцией не предусмотрено иное; продолжение использования означает
// согласие». It returns nil when the edition says nothing.
func (g *generator) describeTerms(l policy.Lang, t changeterms.Terms) (*termsBox, error) {
	if t.Empty() {
		return nil, nil
	}
	loc := g.in.Strings.For(l)
	tr := func(key string) (string, error) { return loc.T(key, nil) }
	var effect []string
	if t.Has(changeterms.OnPosting) {
		s, err := tr("ct_on_posting")
		if err != nil {
			return nil, err
		}
		effect = append(effect, s)
	}
	if n := t.NoticeDays(); n > 0 {
		s, err := loc.N("ct_notice_days", n, nil)
		if err != nil {
			return nil, err
		}
		effect = append(effect, s)
	}
	if t.Has(changeterms.UnlessOtherwise) {
		s, err := tr("ct_unless_otherwise")
		if err != nil {
			return nil, err
		}
		effect = append(effect, s)
	}
	if len(effect) == 0 {
		s, err := tr("ct_effect_unstated")
		if err != nil {
			return nil, err
		}
		effect = append(effect, s)
	}
	parts := []string{strings.Join(effect, ", ")}
	add := func(key string, args map[string]any) error {
		s, err := loc.T(key, args)
		if err == nil {
			parts = append(parts, s)
		}
		return err
	}
	if t.Has(changeterms.ContinuedUse) {
		if err := add("ct_continued_use", nil); err != nil {
			return nil, err
		}
	}
	if t.Has(changeterms.Unilateral) {
		key := "ct_unilateral"
		switch t.Consent() {
		case changeterms.WithoutConsent:
			key = "ct_unilateral_without_consent"
		case changeterms.WithConsent:
			key = "ct_unilateral_with_consent"
		}
		if err := add(key, nil); err != nil {
			return nil, err
		}
	}
	if chans := t.Channels(); len(chans) > 0 {
		if len(chans) == 1 && chans[0] == changeterms.None {
			if err := add("ct_no_notice", nil); err != nil {
				return nil, err
			}
		} else {
			var names []string
			for _, c := range chans {
				if c == changeterms.None {
					continue
				}
				s, err := tr("ct_channel_" + string(c))
				if err != nil {
					return nil, err
				}
				names = append(names, s)
			}
			if err := add("ct_notification", map[string]any{"Channels": strings.Join(names, ", ")}); err != nil {
				return nil, err
			}
		}
	}
	box := &termsBox{Clauses: []termsMark{}}
	var err error
	if t.Has(changeterms.PublishedAt) {
		if box.URL = t.URL(); box.URL != "" {
			if box.URLLead, err = tr("ct_published_at_url"); err != nil {
				return nil, err
			}
		} else if err := add("ct_published_at", nil); err != nil {
			return nil, err
		}
	}
	text, err := loc.T("ct_box", map[string]any{"Parts": strings.Join(parts, "; ")})
	if err != nil {
		return nil, err
	}
	box.Text = text
	for _, n := range t.Clauses() {
		box.Clauses = append(box.Clauses, termsMark{Number: n, Anchor: clause.Anchor(n)})
	}
	return box, nil
}

// markTerms marks, in an annotated body, the clauses that govern changes,
// so that the page can show them: a clause paragraph's number link gets
// the title the link hook knows, a heading a class.
func markTerms(body string, t changeterms.Terms) string {
	for _, n := range t.Clauses() {
		a := clause.Anchor(n)
		link := "(#" + a + ` "` + clause.LinkTitle + `")`
		if strings.Contains(body, link) {
			body = strings.Replace(body, link, "(#"+a+` "`+clause.LinkTitle+`:terms")`, 1)
			continue
		}
		body = strings.Replace(body, "{#"+a+"}", "{#"+a+" .clause-terms}", 1)
	}
	return body
}

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
