package publish

import (
	"fmt"
	"html"
	"policysite/internal/api"
	"policysite/internal/config"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"strings"
	"time"
)

// writeFeeds writes a policy's JSON Feed and, when the site has an absolute
// address for Atom's ids, its Atom feed: the same editions, newest first.
func (g *publisher) writeFeeds(pol *policy.Policy, l policy.Lang, tl *policy.Timeline) error {
	loc := g.pl.Strings.For(l)
	lang := g.pl.Config.Lang(l)
	title := plan.PolicyTitle(tl)
	feedTitle, err := loc.T("feed_title", map[string]any{"Policy": title})
	if err != nil {
		return err
	}
	desc, err := loc.T("feed_description", map[string]any{"Policy": title})
	if err != nil {
		return err
	}
	home := g.pl.URL(string(l) + "/" + pol.Slug + "/")
	feed := &api.Feed{
		Version:     api.JSONFeedVersion,
		Title:       feedTitle,
		HomePageURL: home,
		FeedURL:     g.pl.URL(plan.FeedPath(pol.Slug, l)),
		Description: desc,
		Language:    string(l),
		Authors:     []api.Author{{Name: companyOf(lang), URL: g.pl.URL(string(l) + "/")}},
		Items:       []api.Item{},
	}
	atom := &api.Atom{
		Lang:     string(l),
		ID:       g.pl.URL(plan.AtomPath(pol.Slug, l)),
		Title:    feedTitle,
		Subtitle: desc,
		Links: []api.AtomLink{
			{Rel: "self", Type: "application/atom+xml", Href: g.pl.URL(plan.AtomPath(pol.Slug, l))},
			{Rel: "alternate", Type: "text/html", Href: home},
			{Rel: "alternate", Type: "application/feed+json", Href: g.pl.URL(plan.FeedPath(pol.Slug, l))},
		},
		Author: api.AtomPerson{Name: companyOf(lang), URI: g.pl.URL(string(l) + "/")},
	}
	pub := tl.Published()
	var updated time.Time
	for i := len(pub) - 1; i >= 0; i-- {
		e := pub[i]
		page := g.pl.URL(plan.EditionPath(pol.Slug, l, e.ID))
		content, err := g.feedContent(pol, l, e)
		if err != nil {
			return err
		}
		item := api.Item{
			ID: page, URL: page, Title: e.Title, ContentHTML: content,
			DatePublished: api.Moment(e.Posted), Language: string(l),
			Ext: api.ItemExtension{
				About:     g.pl.URL(plan.SchemaPath("feed.schema.json")),
				Policy:    pol.Slug,
				ID:        e.ID.String(),
				Effective: api.Moment(e.Effective),
				Status:    string(tl.StatusOf(e)),
				JSONURL:   g.pl.URL(plan.EditionJSONPath(pol.Slug, l, e.ID)),
			},
		}
		if g.pl.Changes[e] != nil {
			item.Ext.ChangesURL = g.pl.URL(plan.ChangesPath(pol.Slug, l, e.ID))
		}
		feed.Items = append(feed.Items, item)
		atom.Entries = append(atom.Entries, api.AtomEntry{
			ID: page, Title: e.Title, Published: api.Moment(e.Posted), Updated: api.Moment(e.Posted),
			Links: []api.AtomLink{
				{Rel: "alternate", Type: "text/html", Href: page},
				{Rel: "alternate", Type: "application/json", Href: g.pl.URL(plan.EditionJSONPath(pol.Slug, l, e.ID))},
			},
			Content: api.AtomContent{Type: "html", Body: content},
		})
		// A posted edition never changes, so the feed changed last when its
		// newest edition was posted.
		if e.Posted.After(updated) {
			updated = e.Posted
			atom.Updated = api.Moment(e.Posted)
		}
	}
	if err := writeDoc(g.out, plan.FeedPath(pol.Slug, l), feed); err != nil {
		return err
	}
	if !g.pl.AbsoluteBase() {
		return nil
	}
	data, err := api.MarshalAtom(atom)
	if err != nil {
		return err
	}
	return writeNew(g.out, plan.AtomPath(pol.Slug, l), data)
}

func companyOf(l *config.Language) string {
	if l.Company != "" {
		return l.Company
	}
	return l.Title
}

// feedContent is a feed entry's HTML: the authors' note, the dates, and
// what changed with a link to the redline.
func (g *publisher) feedContent(pol *policy.Policy, l policy.Lang, e *policy.Edition) (string, error) {
	loc := g.pl.Strings.For(l)
	var b strings.Builder
	if e.Summary != "" {
		b.WriteString("<p>" + html.EscapeString(e.Summary) + "</p>")
	}
	posted, err := loc.Moment(e.Posted, e.PostedHasTime)
	if err != nil {
		return "", err
	}
	eff, err := loc.Moment(e.Effective, e.EffectiveHasTime)
	if err != nil {
		return "", err
	}
	dates, err := loc.T("feed_dates", map[string]any{"Posted": posted, "Effective": eff})
	if err != nil {
		return "", err
	}
	b.WriteString("<p>" + html.EscapeString(dates) + "</p>")
	c := g.pl.Changes[e]
	if c == nil {
		first, err := loc.T("feed_first_edition", nil)
		if err != nil {
			return "", err
		}
		b.WriteString("<p>" + html.EscapeString(first) + "</p>")
		return b.String(), nil
	}
	summary, err := g.pl.Summary(c)
	if err != nil {
		return "", err
	}
	see, err := loc.T("see_changes", nil)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "<p>%s <a href=\"%s\">%s</a></p>", html.EscapeString(summary),
		html.EscapeString(g.pl.URL(plan.ChangesPath(pol.Slug, l, e.ID))), html.EscapeString(see))
	return b.String(), nil
}
