package plan

import (
	"slices"
	"strings"

	"policysite/internal/check"
	"policysite/internal/config"
	"policysite/internal/policy"
	"policysite/internal/redline"
)

// SitePolicy is a policy that pages announce with a link type, such as
// the privacy policy.
type SitePolicy struct {
	Slug string
	// Langs are the languages in which the policy has a published page,
	// in config order.
	Langs []policy.Lang
}

// LangFor is the language of the policy's page for a reader of language
// l: l when the policy is published in it, else the first configured
// language that has it.
func (sp *SitePolicy) LangFor(l policy.Lang) policy.Lang {
	if slices.Contains(sp.Langs, l) {
		return l
	}
	return sp.Langs[0]
}

// Path is the policy's page for a reader of language l.
func (sp *SitePolicy) Path(l policy.Lang) string { return PolicyPath(sp.Slug, sp.LangFor(l)) }

// sitePolicies resolves privacy_policy and terms_of_service. A key naming
// no policy is an error, since it is a typo or a policy that was removed;
// an omitted key falls back to the conventional slug silently, since a
// site need not have such a policy at all. A policy whose editions are all
// posted after Now has no page to link yet.
func (p *Plan) sitePolicies() error {
	var errs policy.ErrorList
	resolve := func(key, slug, fallback string) *SitePolicy {
		explicit := slug != ""
		if !explicit {
			slug = fallback
		}
		tls, ok := p.Timelines[slug]
		if !ok {
			if explicit {
				errs = append(errs, policy.Errorf(config.FileName, p.Config.Line(key), "%s: there is no policy %q: versions/%s/ has no editions", key, slug, slug))
			}
			return nil
		}
		sp := &SitePolicy{Slug: slug}
		for _, l := range p.Config.Codes() {
			if tl := tls[l]; tl != nil && len(tl.Published()) > 0 {
				sp.Langs = append(sp.Langs, l)
			}
		}
		if len(sp.Langs) == 0 {
			if explicit {
				p.Notes = append(p.Notes, policy.Errorf(config.FileName, p.Config.Line(key), "%s: policy %q has no edition posted yet, so pages link to none", key, slug).Error())
			}
			return nil
		}
		return sp
	}
	p.Privacy = resolve("privacy_policy", p.Config.PrivacyPolicy, "privacy")
	p.Terms = resolve("terms_of_service", p.Config.TermsOfService, "terms")
	return errs.Err()
}

// PolicyTitle is a policy's title in a timeline's language: the edition
// in force's, else the newest published edition's.
func PolicyTitle(tl *policy.Timeline) string {
	if cur := tl.Current(); cur != nil {
		return cur.Title
	}
	pub := tl.Published()
	if len(pub) == 0 {
		return ""
	}
	return pub[len(pub)-1].Title
}

// Summary is a redline's one-sentence summary in its language. When the
// rules for changes themselves changed between the two editions, it says
// so first: a reader must learn those anew before anything else.
func (p *Plan) Summary(c *Comparison) (string, error) {
	return Summary(p.Strings.For(c.Lang), c, p.Editions[c.From], p.Editions[c.To])
}

// Summary is Plan.Summary for a comparison outside a plan (see Pair), in
// the language of loc.
func Summary(loc redline.Translator, c *Comparison, from, to *Edition) (string, error) {
	s, err := redline.Summary(loc, c.Stats)
	if err != nil {
		return "", err
	}
	if from.Terms.SameRules(to.Terms) {
		return s, nil
	}
	first, err := loc.T("ct_changed", nil)
	if err != nil {
		return "", err
	}
	return first + " " + s, nil
}

func readAnalysis(e *policy.Edition) *check.Analysis { return check.Read(e.Body) }

// Weight orders policies as config's `policies` lists them, then by slug.
func (p *Plan) Weight(slug string) int {
	if i := slices.Index(p.Config.Policies, slug); i >= 0 {
		return i + 1
	}
	i, _ := slices.BinarySearchFunc(p.Policies, slug, func(p *policy.Policy, s string) int { return strings.Compare(p.Slug, s) })
	return len(p.Config.Policies) + 1 + i
}

// Translations are the same edition's published versions in the other
// languages, in the site's order.
func (p *Plan) Translations(pol *policy.Policy, l policy.Lang, e *policy.Edition) []*policy.Edition {
	var out []*policy.Edition
	for _, ol := range p.Config.Codes() {
		if ol == l {
			continue
		}
		tr := pol.Find(ol, e.ID)
		if tr == nil || p.Timelines[pol.Slug][ol].StatusOf(tr) == policy.StatusUnposted {
			continue
		}
		out = append(out, tr)
	}
	return out
}
