package site

import (
	"policysite/internal/l10n"
	"policysite/internal/plaintext"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"slices"
	"strings"
	"time"
)

// ref is how a page's params describe an edition.
type ref struct {
	ID    string `json:"id"`
	Path  string `json:"path"`
	Title string `json:"title"`
	// IDDate is the edition's date as the language writes it.
	IDDate           string `json:"id_date"`
	Posted           string `json:"posted"`
	PostedDisplay    string `json:"posted_display"`
	Effective        string `json:"effective"`
	EffectiveDisplay string `json:"effective_display"`
	// EffectiveOnPosting is true when the edition took effect as it was posted.
	EffectiveOnPosting bool   `json:"effective_on_posting"`
	Status             string `json:"status"`
	// ChangesPath is the redline against the previous edition, if any.
	ChangesPath string `json:"changes_path,omitempty"`
	// ComparePath, for a superseded edition, is the compare page set to
	// compare it with the edition in force.
	ComparePath string `json:"compare_path,omitempty"`
}

// ref describes e; with tl nil, only by what never changes (no status and
// no redline links), as an edition page names its neighbours: a page says
// where it stands itself, and links to neighbours whose own pages say
// where they stand.
func (g *generator) ref(l policy.Lang, tl *policy.Timeline, e *policy.Edition) (*ref, error) {
	if e == nil {
		return nil, nil
	}
	loc := g.pl.Strings.For(l)
	idDate, err := loc.Date(e.ID.Date)
	if err != nil {
		return nil, err
	}
	posted, err := loc.Moment(e.Posted, e.PostedHasTime)
	if err != nil {
		return nil, err
	}
	eff, err := loc.Moment(e.Effective, e.EffectiveHasTime)
	if err != nil {
		return nil, err
	}
	r := &ref{
		ID: e.ID.String(), Path: plan.EditionPath(e.Policy, l, e.ID), Title: e.Title,
		IDDate: idDate, Posted: e.Posted.Format(time.RFC3339), PostedDisplay: posted,
		Effective: e.Effective.Format(time.RFC3339), EffectiveDisplay: eff,
		EffectiveOnPosting: e.Effective.Equal(e.Posted),
	}
	if tl != nil {
		st := tl.StatusOf(e)
		r.Status = string(st)
		if st != policy.StatusUnposted && tl.Previous(e) != nil {
			r.ChangesPath = plan.ChangesPath(e.Policy, l, e.ID)
		}
		if st == policy.StatusSuperseded && tl.Current() != nil {
			r.ComparePath = plan.CompareWithInForcePath(e.Policy, l, e.ID)
		}
	}
	return r, nil
}

// alternate is a language-switcher entry.
type alternate struct {
	Lang string `json:"lang"`
	Name string `json:"name"`
	Path string `json:"path"`
	// Exact is false when the link leads to the nearest edition because this
	// one has no translation; such links get no hreflang.
	Exact bool   `json:"exact"`
	Note  string `json:"note,omitempty"`
	// Short marks an inexact link in a word or two, in the target language.
	Short string `json:"short,omitempty"`
}

func (g *generator) policyPage(pol *policy.Policy, l policy.Lang, tl *policy.Timeline) error {
	cur, err := g.ref(l, tl, tl.Current())
	if err != nil {
		return err
	}
	pub := tl.Published()
	var archive, upcoming []*ref
	for i := len(pub) - 1; i >= 0; i-- {
		r, err := g.ref(l, tl, pub[i])
		if err != nil {
			return err
		}
		archive = append(archive, r)
		if r.Status == string(policy.StatusUpcoming) {
			upcoming = append([]*ref{r}, upcoming...)
		}
	}
	var alts []alternate
	for _, ol := range g.pl.Config.Langs {
		if ol.Code == l {
			continue
		}
		if otl := g.pl.Timelines[pol.Slug][ol.Code]; otl != nil && len(otl.Published()) > 0 {
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: string(ol.Code) + "/" + pol.Slug + "/", Exact: true})
		}
	}
	title := plan.PolicyTitle(tl)
	var currentPage string
	if c := tl.Current(); c != nil {
		currentPage = "/" + pol.Slug + "/" + c.ID.String()
	}
	ps := map[string]any{
		"kind":         "policy",
		"policy":       pol.Slug,
		"lang":         string(l),
		"current":      cur,
		"current_page": currentPage,
		"archive":      archive,
		"upcoming":     upcoming,
		"count":        len(pub),
		"alternates":   alts,
		"feed_path":    plan.FeedPath(pol.Slug, l),
	}
	if g.pl.AbsoluteBase() {
		ps["atom_path"] = plan.AtomPath(pol.Slug, l)
	}
	fm := map[string]any{
		"title":  title,
		"layout": "policy",
		"weight": g.pl.Weight(pol.Slug),
		"ps":     ps,
	}
	rel := "content/" + pol.Slug + "/_index." + string(l) + ".md"
	g.policyPages = append(g.policyPages, plan.PolicyPath(pol.Slug, l)+"index.html")
	return g.writePage(rel, fm, "")
}

// weight orders policies as config's `policies` lists them, then by slug.
func (g *generator) weight(slug string) int {
	if i := slices.Index(g.pl.Config.Policies, slug); i >= 0 {
		return i + 1
	}
	i, _ := slices.BinarySearchFunc(g.pl.Policies, slug, func(p *policy.Policy, s string) int { return strings.Compare(p.Slug, s) })
	return len(g.pl.Config.Policies) + 1 + i
}

// editionPage makes the page of edition e; it is called for many editions
// at once.
func (g *generator) editionPage(pol *policy.Policy, l policy.Lang, tl *policy.Timeline, e *policy.Edition) (*renderedPage, error) {
	self, err := g.ref(l, tl, e)
	if err != nil {
		return nil, err
	}
	prev, err := g.ref(l, nil, tl.Previous(e))
	if err != nil {
		return nil, err
	}
	next, err := g.ref(l, nil, tl.Next(e))
	if err != nil {
		return nil, err
	}
	var until *ref
	if tl.StatusOf(e) == policy.StatusUpcoming {
		if until, err = g.ref(l, nil, tl.AppliesUntil(e)); err != nil {
			return nil, err
		}
	}
	alts, prevails, onlyIn, err := g.editionLanguages(pol, l, e)
	if err != nil {
		return nil, err
	}
	var changes string
	if c := g.pl.Changes[e]; c != nil {
		if changes, err = g.pl.Summary(c); err != nil {
			return nil, err
		}
	}
	body, clauses := g.pl.Editions[e].Annotated, g.pl.Editions[e].Clauses
	body, bad := plaintext.EscapeShortcodes(markTerms(body, g.pl.Editions[e].Terms))
	if bad >= 0 {
		// source.ParseEdition refuses such a text.
		return nil, policy.Errorf(e.File, e.BodyLine, "a shortcode mark in code that never closes")
	}
	// After the escaping: the shortcode calls it writes are the page's own.
	body, warnings := g.markup(e, body, clauses)
	box, err := g.describeTerms(l, g.pl.Editions[e].Terms)
	if err != nil {
		return nil, err
	}
	jsonld, err := g.jsonLD(pol, l, tl, e)
	if err != nil {
		return nil, err
	}
	ps := map[string]any{
		"kind":          "edition",
		"policy":        pol.Slug,
		"policy_path":   string(l) + "/" + pol.Slug + "/",
		"policy_title":  plan.PolicyTitle(tl),
		"lang":          string(l),
		"edition":       self,
		"applies_until": until,
		"previous":      prev,
		"next":          next,
		"summary":       e.Summary,
		"changes":       changes,
		"alternates":    alts,
		"only_in_note":  onlyIn,
		"prevails_note": prevails,
		"clauses":       len(clauses),
		"source":        e.File,
		"json_path":     plan.EditionJSONPath(pol.Slug, l, e.ID),
		"text_path":     plan.TextPath(pol.Slug, l, e.ID),
		"jsonld":        jsonld,
		"change_terms":  box,
		"feed_path":     plan.FeedPath(pol.Slug, l),
	}
	if g.pl.AbsoluteBase() {
		ps["atom_path"] = plan.AtomPath(pol.Slug, l)
	}
	if u, ok := g.pl.Unpublished[e]; ok {
		// Only a preview's plan has such editions: the page's banner
		// (partial unpublished.html) says what the built site does.
		if ps["unpublished"], err = g.unpublished(l, u); err != nil {
			return nil, err
		}
	}
	fm := map[string]any{
		"title":   e.Title,
		"layout":  "edition",
		"date":    e.Posted.Format(time.RFC3339),
		"lastmod": e.Posted.Format(time.RFC3339),
		"ps":      ps,
	}
	// A branch bundle, so that its redline page can live beneath it.
	rel := "content/" + pol.Slug + "/" + e.ID.String() + "/_index." + string(l) + ".md"
	if err := g.writePage(rel, fm, body); err != nil {
		return nil, err
	}
	return &renderedPage{rel: rel, out: plan.EditionPath(pol.Slug, l, e.ID) + "index.html", warnings: warnings}, nil
}

// unpublished is how an edition page's params describe an edition that a
// built site leaves out (plan.Unpublished).
func (g *generator) unpublished(l policy.Lang, u plan.Unpublished) (map[string]any, error) {
	posted, err := g.pl.Strings.For(l).Moment(u.Posted, u.PostedHasTime)
	if err != nil {
		return nil, err
	}
	return map[string]any{"draft": u.Draft, "posted_display": posted}, nil
}

// editionLanguages are an edition page's entries in the language switcher
// (the translation, or else the nearest edition in each other language),
// the note on which language's text prevails, and the note on which
// languages lack a translation.
func (g *generator) editionLanguages(pol *policy.Policy, l policy.Lang, e *policy.Edition) (alts []alternate, prevails, onlyIn string, err error) {
	var missing []string
	for _, ol := range g.pl.Config.Langs {
		if ol.Code == l {
			continue
		}
		otl := g.pl.Timelines[pol.Slug][ol.Code]
		if tr := pol.Find(ol.Code, e.ID); tr != nil && otl.StatusOf(tr) != policy.StatusUnposted {
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: plan.EditionPath(pol.Slug, ol.Code, e.ID), Exact: true})
			continue
		}
		missing = append(missing, ol.Name)
		if otl == nil {
			continue
		}
		if near := otl.Nearest(e.Effective); near != nil {
			oloc := g.pl.Strings.For(ol.Code)
			d, err := oloc.Date(near.ID.Date)
			if err != nil {
				return nil, "", "", err
			}
			note, err := oloc.T("nearest_translation", map[string]any{"Date": d})
			if err != nil {
				return nil, "", "", err
			}
			short, err := oloc.T("nearest_short", nil)
			if err != nil {
				return nil, "", "", err
			}
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: plan.EditionPath(pol.Slug, ol.Code, near.ID), Note: note, Short: short})
		}
	}
	loc := g.pl.Strings.For(l)
	// A translation says which language's text prevails if they differ.
	if pl := g.pl.Config.PrevailingLanguage; pl != "" && pl != l && pol.Find(pl, e.ID) != nil {
		if prevails, err = loc.T("prevailing_note", map[string]any{"Language": l10n.LanguageName(pl, l)}); err != nil {
			return nil, "", "", err
		}
	}
	if len(missing) > 0 {
		if onlyIn, err = loc.T("only_in_language", map[string]any{"Languages": strings.Join(missing, ", ")}); err != nil {
			return nil, "", "", err
		}
	}
	return alts, prevails, onlyIn, nil
}
