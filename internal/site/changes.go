package site

import (
	"bytes"
	"fmt"
	"strings"

	"policysite/internal/plan"
	"policysite/internal/redline"
)

// viewsSlot is where a redline page's two views go. They are put in after
// Hugo has written the page, so that Hugo never holds them: on a site of
// thousands of editions they would be most of its memory.
const viewsSlot = "<!--policysite:redline-views-->"

// changedClause is an entry in a redline page's list of changed clauses.
type changedClause struct {
	Number    string `json:"number"`
	OldNumber string `json:"old_number"`
	Anchor    string `json:"anchor"`
	Title     string `json:"title"`
	Change    string `json:"change"`
	// Label says the change in the page's language.
	Label string `json:"label"`
}

func (g *generator) comparisonPage(c *plan.Comparison, byPath map[string]*plan.Comparison) error {
	loc := g.pl.Strings.For(c.Lang)
	from, err := g.ref(c.Lang, c.Timeline, c.From)
	if err != nil {
		return err
	}
	to, err := g.ref(c.Lang, c.Timeline, c.To)
	if err != nil {
		return err
	}
	summary, err := g.pl.Summary(c)
	if err != nil {
		return err
	}
	title, err := loc.T("changes_title", map[string]any{"Date": to.IDDate})
	if err != nil {
		return err
	}
	labels, err := redline.LocalLabels(loc)
	if err != nil {
		return err
	}
	if labels.Old, err = loc.T("edition_column", map[string]any{"Date": from.IDDate}); err != nil {
		return err
	}
	if labels.New, err = loc.T("edition_column", map[string]any{"Date": to.IDDate}); err != nil {
		return err
	}
	changed := []changedClause{}
	for _, cl := range c.Clauses {
		if cl.Change == redline.Unchanged {
			continue
		}
		label, err := loc.T("redline_change_"+string(cl.Change), nil)
		if err != nil {
			return err
		}
		changed = append(changed, changedClause{Number: cl.Number, OldNumber: cl.OldNumber, Anchor: cl.Anchor,
			Title: cl.Title, Change: string(cl.Change), Label: label})
	}
	alts, err := g.changesLanguages(c, byPath)
	if err != nil {
		return err
	}
	ps := map[string]any{
		"kind":         "changes",
		"policy":       c.Policy.Slug,
		"policy_path":  string(c.Lang) + "/" + c.Policy.Slug + "/",
		"policy_title": plan.PolicyTitle(c.Timeline),
		"lang":         string(c.Lang),
		"from":         from,
		"to":           to,
		"summary":      summary,
		"same":         c.Same,
		"changed":      changed,
		"stats":        c.Stats,
		"alternates":   alts,
	}
	fm := map[string]any{
		"title":  title,
		"layout": "changes",
		"ps":     ps,
	}
	rel := "content/" + strings.TrimPrefix(c.Path, string(c.Lang)+"/") + "index." + string(c.Lang) + ".md"
	g.pages = append(g.pages, &renderedPage{rel: rel, out: c.Path + "index.html", cmp: c, labels: labels})
	return g.writePage(rel, fm, "")
}

// fillViews puts c's views, labelled with labels, into the slot of its
// page, as Hugo rendered it.
func fillViews(c *plan.Comparison, labels redline.Labels, page []byte) ([]byte, error) {
	at := bytes.Index(page, []byte(viewsSlot))
	if at < 0 {
		// A company's own changes.html may leave the views out.
		return page, nil
	}
	r, err := c.Result()
	if err != nil {
		return nil, err
	}
	inline, side := r.HTML(labels)
	var b bytes.Buffer
	b.Grow(len(page) + len(inline) + len(side) + 200)
	b.Write(page[:at])
	fmt.Fprintf(&b, "<div class=\"rl-view rl-view-inline\" id=\"view-inline\">\n%s</div>\n<div class=\"rl-view rl-view-side\" id=\"view-side\">\n%s</div>", inline, side)
	b.Write(page[at+len(viewsSlot):])
	return b.Bytes(), nil
}

// changesLanguages are a redline page's entries in the language switcher:
// the same redline in each other language, when it compares the same two
// editions.
func (g *generator) changesLanguages(c *plan.Comparison, byPath map[string]*plan.Comparison) ([]alternate, error) {
	var alts []alternate
	for _, ol := range g.pl.Config.Langs {
		if ol.Code == c.Lang {
			continue
		}
		// A translation only if it compares the same two editions: the
		// editions before an edition may differ between languages.
		p := string(ol.Code) + strings.TrimPrefix(c.Path, string(c.Lang))
		o := byPath[p]
		if o != nil && o.From.ID == c.From.ID && o.To.ID == c.To.ID {
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: p, Exact: true})
			continue
		}
		// The other language compares the same edition with another one,
		// because its history differs: a reader may still want it, told so,
		// and without hreflang, since it is not a translation.
		if o != nil {
			oloc := g.pl.Strings.For(ol.Code)
			from, err := oloc.Date(o.From.ID.Date)
			if err != nil {
				return nil, err
			}
			note, err := oloc.T("redline_other_pair", map[string]any{"Date": from})
			if err != nil {
				return nil, err
			}
			short, err := oloc.T("redline_other_pair_short", nil)
			if err != nil {
				return nil, err
			}
			alts = append(alts, alternate{Lang: string(ol.Code), Name: ol.Name, Path: p, Note: note, Short: short})
		}
	}
	return alts, nil
}
