package site

import (
	"strings"

	"policysite/internal/changeterms"
	"policysite/internal/clause"
	"policysite/internal/policy"
)

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
	loc := g.pl.Strings.For(l)
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
