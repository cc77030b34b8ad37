package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"slices"
	"strings"
	"time"

	"policysite/internal/api"
	"policysite/internal/cache"
	"policysite/internal/clause"
	"policysite/internal/config"
	"policysite/internal/policy"
	"policysite/internal/redline"
)

// The paths of the machine-readable documents, relative to the site root.
func editionJSONPath(pol string, l policy.Lang, id policy.ID) string {
	return editionPath(pol, l, id) + "index.json"
}

func changesJSONPath(pol string, l policy.Lang, id policy.ID) string {
	return editionPath(pol, l, id) + "changes.json"
}

func feedPath(pol string, l policy.Lang) string { return string(l) + "/" + pol + "/feed.json" }
func atomPath(pol string, l policy.Lang) string { return string(l) + "/" + pol + "/index.xml" }

const indexPath = "policies.json"

func schemaPath(name string) string { return "schema/" + name }

// url makes a site path into the address crawlers use: absolute when the
// site's address is, else rooted at its path.
func (g *generator) url(path string) string { return g.in.BaseURL + path }

func (g *generator) urlp(path string) *string {
	u := g.url(path)
	return &u
}

// moment is how the documents write a moment: RFC 3339, in the zone the
// source gave.
func moment(t time.Time) string { return t.Format(time.RFC3339) }

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// published lists every published edition of every policy and language in
// the site's order, with the timeline it belongs to.
type publishedEdition struct {
	pol *policy.Policy
	l   policy.Lang
	tl  *policy.Timeline
	e   *policy.Edition
}

func (g *generator) publishedEditions() []publishedEdition {
	var out []publishedEdition
	for _, pol := range g.in.Policies {
		for _, l := range g.in.Config.Codes() {
			tl := g.timelines[pol.Slug][l]
			if tl == nil {
				continue
			}
			for _, e := range tl.Published() {
				out = append(out, publishedEdition{pol, l, tl, e})
			}
		}
	}
	return out
}

// publishData writes the machine-readable documents after Hugo has run:
// each edition's plain text, the edition and its changes as JSON, each
// policy's feeds, the site index and the schemas. Each file is written only where nothing else is,
// so that no page or static file is ever silently replaced.
func (g *generator) publishData() error {
	for _, name := range api.SchemaFiles {
		data, err := api.Schema(name)
		if err != nil {
			return err
		}
		if err := writeNew(g.out, schemaPath(name), data); err != nil {
			return err
		}
	}
	idx, err := g.indexDoc()
	if err != nil {
		return err
	}
	if err := writeDoc(g.out, indexPath, idx); err != nil {
		return err
	}
	for _, pol := range g.in.Policies {
		for _, l := range g.in.Config.Codes() {
			tl := g.timelines[pol.Slug][l]
			if tl == nil || len(tl.Published()) == 0 {
				continue
			}
			if err := g.writeFeeds(pol, l, tl); err != nil {
				return err
			}
		}
	}
	eds := g.publishedEditions()
	errs := make([]error, len(eds))
	parallel(len(eds), func(i int) {
		pe := eds[i]
		// The text is what the redlines compare: the browser's comparison
		// of any two editions reads it (see anyPair).
		err := emitNew(g.out, textPath(pe.pol.Slug, pe.l, pe.e.ID), textKey(g.textSums[pe.e]), func() ([]byte, error) {
			return []byte(g.texts[pe.e]), nil
		})
		// Each document's key is made from its shell; the rest, most of
		// its bytes, is filled in only when the memo does not have it.
		var doc *api.Edition
		if err == nil {
			doc, err = g.editionDoc(pe.pol, pe.l, pe.tl, pe.e)
		}
		if err == nil {
			err = emitNew(g.out, editionJSONPath(pe.pol.Slug, pe.l, pe.e.ID), editionKey(doc), func() ([]byte, error) {
				g.fillEdition(doc, pe.e)
				return api.Marshal(doc)
			})
		}
		if c := g.changes[pe.e]; err == nil && c != nil {
			var ch *api.Changes
			if ch, err = g.changesDoc(c); err == nil {
				err = emitNew(g.out, changesJSONPath(pe.pol.Slug, pe.l, pe.e.ID), changesKey(ch, c.key), func() ([]byte, error) {
					if err := fillChanges(ch, c); err != nil {
						return nil, err
					}
					return api.Marshal(ch)
				})
			}
		}
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", pe.e.File, err)
		}
	})
	return errors.Join(errs...)
}

// writeDoc writes v as JSON at rel, refusing to replace a file a page or
// the repository's static/ already put there.
func writeDoc(out *output, rel string, v any) error {
	return emitNew(out, rel, "", func() ([]byte, error) { return api.Marshal(v) })
}

// writeNew writes rel, refusing to replace a file a page or the
// repository's static/ already put there.
func writeNew(out *output, rel string, data []byte) error {
	return emitNew(out, rel, "", func() ([]byte, error) { return data, nil })
}

// emitNew is output.emit with writeNew's refusal.
func emitNew(out *output, rel, key string, data func() ([]byte, error)) error {
	err := out.emit(rel, key, data)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("/%s is where the site publishes its data, but a page or a file in static/ is already there: rename it", rel)
	}
	return err
}

// editionKey is the output memo's key of an edition's JSON: a hash of its
// fields but for the Markdown, the text and the clauses, which the program
// makes from the source and the text, whose SHA-256 the document has, and
// the page's address. Those are most of its bytes.
func editionKey(doc *api.Edition) string {
	shell := *doc
	shell.Markdown, shell.Text, shell.Clauses = "", "", nil
	return docKey("edition", &shell, "")
}

// changesKey is the output memo's key of a redline's JSON: a hash of its
// fields but for the operations, clauses and moves, which the program makes
// from the two texts, whose redline key is pair.
func changesKey(doc *api.Changes, pair string) string {
	shell := *doc
	shell.Ops, shell.Clauses, shell.Moves = nil, nil, nil
	return docKey("changes", &shell, pair)
}

func docKey(kind string, shell any, extra string) string {
	prog, err := cache.ProgramHash()
	if err != nil {
		return "" // no memo, as without a cache
	}
	js, err := json.Marshal(shell)
	if err != nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "policysite %s json 1\x00%s\x00%s\x00", kind, prog, extra)
	h.Write(js)
	return hex.EncodeToString(h.Sum(nil))
}

func (g *generator) apiRef(pol string, l policy.Lang, e *policy.Edition) *api.Ref {
	if e == nil {
		return nil
	}
	return &api.Ref{ID: e.ID.String(), URL: g.url(editionPath(pol, l, e.ID)), JSONURL: g.url(editionJSONPath(pol, l, e.ID))}
}

// translations are the same edition's published versions in the other
// languages, in the site's order.
func (g *generator) translations(pol *policy.Policy, l policy.Lang, e *policy.Edition) []api.Translation {
	out := []api.Translation{}
	for _, ol := range g.in.Config.Codes() {
		if ol == l {
			continue
		}
		tr := pol.Find(ol, e.ID)
		if tr == nil || g.timelines[pol.Slug][ol].StatusOf(tr) == policy.StatusUnposted {
			continue
		}
		out = append(out, api.Translation{Lang: string(ol), ID: tr.ID.String(),
			URL: g.url(editionPath(pol.Slug, ol, tr.ID)), JSONURL: g.url(editionJSONPath(pol.Slug, ol, tr.ID))})
	}
	return out
}

// editionDoc is an edition's JSON but for what editionKey leaves out,
// which fillEdition adds.
func (g *generator) editionDoc(pol *policy.Policy, l policy.Lang, tl *policy.Timeline, e *policy.Edition) (*api.Edition, error) {
	page := g.url(editionPath(pol.Slug, l, e.ID))
	doc := &api.Edition{
		SchemaVersion: api.SchemaVersion,
		Policy:        pol.Slug,
		Lang:          string(l),
		ID:            e.ID.String(),
		Title:         e.Title,
		URL:           page,
		JSONURL:       g.url(editionJSONPath(pol.Slug, l, e.ID)),
		PolicyURL:     g.url(string(l) + "/" + pol.Slug + "/"),
		Posted:        moment(e.Posted),
		Effective:     moment(e.Effective),
		Status:        string(tl.StatusOf(e)),
		Previous:      g.apiRef(pol.Slug, l, tl.Previous(e)),
		Next:          g.apiRef(pol.Slug, l, tl.Next(e)),
		SupersededBy:  g.apiRef(pol.Slug, l, tl.SupersededBy(e)),
		SourcePath:    e.File,
		SourceSHA256:  e.SourceSHA256,
		TextSHA256:    g.textSums[e],
		TextURL:       g.url(textPath(pol.Slug, l, e.ID)),
		Summary:       e.Summary,
		Translations:  g.translations(pol, l, e),
		ChangeTerms:   *termsDoc(g.terms[e], page),
	}
	if c := g.changes[e]; c != nil {
		s, err := g.summary(c)
		if err != nil {
			return nil, err
		}
		doc.ChangesSummary = s
		doc.ChangesURL = g.urlp(changesPath(pol.Slug, l, e.ID))
		doc.ChangesJSONURL = g.urlp(changesJSONPath(pol.Slug, l, e.ID))
	}
	return doc, nil
}

// fillEdition adds to editionDoc's shell the Markdown, the text and the
// clauses.
func (g *generator) fillEdition(doc *api.Edition, e *policy.Edition) {
	doc.Markdown, doc.Text = e.Body, g.texts[e]
	doc.Clauses = clauseDocs(g.clauses[e], doc.Text, g.lines[e], doc.URL)
}

// clauseDocs gives each numbered clause of an edition its own plain text:
// the blocks from the one on the clause's line up to the next clause.
// lines holds the Markdown line of each block of text.
func clauseDocs(cls []clause.Clause, text string, lines []int, page string) []api.Clause {
	out := make([]api.Clause, 0, len(cls))
	if len(cls) == 0 {
		return out
	}
	var blocks []string
	if text != "" {
		blocks = strings.Split(text, "\n\n")
	}
	start := make([]int, len(cls)+1)
	j := 0
	for i, cl := range cls {
		for j < len(blocks) && j < len(lines) && lines[j] < cl.Line {
			j++
		}
		start[i] = j
	}
	start[len(cls)] = len(blocks)
	for i, cl := range cls {
		c := api.Clause{Number: cl.Number, Anchor: cl.Anchor, URL: page + "#" + cl.Anchor}
		if start[i] < start[i+1] {
			c.Text = strings.Join(blocks[start[i]:start[i+1]], "\n\n")
			if cl.Heading {
				c.Heading = headingText(blocks[start[i]], cl.Number)
			}
		}
		out = append(out, c)
	}
	return out
}

// headingText is a heading's text without its clause number: "3. Cookies"
// gives "Cookies".
func headingText(block, number string) string {
	s, ok := strings.CutPrefix(block, number)
	if !ok {
		return block
	}
	s = strings.TrimPrefix(s, ".")
	return strings.TrimSpace(s)
}

// changesDoc is a redline's JSON but for what changesKey leaves out, which
// fillChanges adds: the shell needs only what the comparison holds, not
// the redline itself.
func (g *generator) changesDoc(c *comparison) (*api.Changes, error) {
	summary, err := g.summary(c)
	if err != nil {
		return nil, err
	}
	doc := &api.Changes{
		SchemaVersion:      api.SchemaVersion,
		Policy:             c.pol.Slug,
		Lang:               string(c.lang),
		URL:                g.url(c.path),
		From:               *g.apiRef(c.pol.Slug, c.lang, c.from),
		To:                 *g.apiRef(c.pol.Slug, c.lang, c.to),
		Summary:            summary,
		Same:               c.same,
		ChangeTermsChanged: !g.terms[c.from].SameRules(g.terms[c.to]),
		Stats:              api.Stats(c.stats),
	}
	return doc, nil
}

// fillChanges adds to changesDoc's shell the operations, clauses and moves
// of the redline.
func fillChanges(doc *api.Changes, c *comparison) error {
	r, err := c.result()
	if err != nil {
		return err
	}
	doc.Clauses = make([]api.ChangedClause, len(r.Clauses))
	doc.Moves = make([]api.Move, len(r.Moves))
	doc.Ops = apiOps(r.Ops)
	for i, cl := range r.Clauses {
		doc.Clauses[i] = api.ChangedClause{Number: cl.Number, OldNumber: cl.OldNumber, Anchor: cl.Anchor,
			Title: cl.Title, Change: string(cl.Change), Ops: cl.Ops}
	}
	for i, m := range r.Moves {
		doc.Moves[i] = api.Move{ID: m.ID, From: m.From, To: m.To, Ops: apiOps(m.Ops)}
	}
	return nil
}

func apiOps(ops []redline.Op) []api.Op {
	out := make([]api.Op, len(ops))
	for i, o := range ops {
		out[i] = api.Op{Op: string(o.Op), Text: o.Text, Minor: o.Minor, Renumber: o.Renumber, Move: o.Move}
	}
	return out
}

// policyTitle is a policy's title in a language: that of the edition in
// force, or of the latest published one when none is in force yet.
func policyTitle(tl *policy.Timeline) string {
	if c := tl.Current(); c != nil {
		return c.Title
	}
	pub := tl.Published()
	return pub[len(pub)-1].Title
}

func (g *generator) indexDoc() (*api.Index, error) {
	idx := &api.Index{
		SchemaVersion: api.SchemaVersion,
		BaseURL:       g.in.BaseURL,
		Languages:     []api.IndexLanguage{},
		Policies:      []api.IndexPolicy{},
		Schemas: api.Schemas{
			Edition:  g.url(schemaPath("edition.schema.json")),
			Changes:  g.url(schemaPath("changes.schema.json")),
			Feed:     g.url(schemaPath("feed.schema.json")),
			Policies: g.url(schemaPath("policies.schema.json")),
		},
	}
	for _, l := range g.in.Config.Langs {
		idx.Languages = append(idx.Languages, api.IndexLanguage{Code: string(l.Code), Name: l.Name, Title: l.Title, URL: g.url(string(l.Code) + "/")})
	}
	pols := slices.Clone(g.in.Policies)
	slices.SortStableFunc(pols, func(a, b *policy.Policy) int { return g.weight(a.Slug) - g.weight(b.Slug) })
	for _, pol := range pols {
		ip := api.IndexPolicy{Slug: pol.Slug, Languages: []api.IndexPolicyLang{}}
		for _, l := range g.in.Config.Codes() {
			tl := g.timelines[pol.Slug][l]
			if tl == nil || len(tl.Published()) == 0 {
				continue
			}
			pl := api.IndexPolicyLang{Lang: string(l), Title: policyTitle(tl), URL: g.url(string(l) + "/" + pol.Slug + "/"),
				FeedURL: g.url(feedPath(pol.Slug, l)), Editions: []api.IndexEdition{}}
			if absoluteBase(g.in.BaseURL) {
				pl.AtomURL = g.url(atomPath(pol.Slug, l))
			}
			if c := tl.Current(); c != nil {
				id := c.ID.String()
				pl.InForce = &id
			}
			for _, e := range tl.Published() {
				ie := api.IndexEdition{ID: e.ID.String(), Title: e.Title, Status: string(tl.StatusOf(e)),
					Posted: moment(e.Posted), Effective: moment(e.Effective),
					URL: g.url(editionPath(pol.Slug, l, e.ID)), JSONURL: g.url(editionJSONPath(pol.Slug, l, e.ID)),
					TextURL: g.url(textPath(pol.Slug, l, e.ID)), SourceSHA256: e.SourceSHA256, TextSHA256: g.textSums[e]}
				if g.changes[e] != nil {
					ie.ChangesURL = g.urlp(changesPath(pol.Slug, l, e.ID))
					ie.ChangesJSONURL = g.urlp(changesJSONPath(pol.Slug, l, e.ID))
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

// writeFeeds writes a policy's JSON Feed and, when the site has an absolute
// address for Atom's ids, its Atom feed: the same editions, newest first.
func (g *generator) writeFeeds(pol *policy.Policy, l policy.Lang, tl *policy.Timeline) error {
	loc := g.in.Strings.For(l)
	lang := g.in.Config.Lang(l)
	title := policyTitle(tl)
	feedTitle, err := loc.T("feed_title", map[string]any{"Policy": title})
	if err != nil {
		return err
	}
	desc, err := loc.T("feed_description", map[string]any{"Policy": title})
	if err != nil {
		return err
	}
	home := g.url(string(l) + "/" + pol.Slug + "/")
	feed := &api.Feed{
		Version:     api.JSONFeedVersion,
		Title:       feedTitle,
		HomePageURL: home,
		FeedURL:     g.url(feedPath(pol.Slug, l)),
		Description: desc,
		Language:    string(l),
		Authors:     []api.Author{{Name: companyOf(lang), URL: g.url(string(l) + "/")}},
		Items:       []api.Item{},
	}
	atom := &api.Atom{
		Lang:     string(l),
		ID:       g.url(atomPath(pol.Slug, l)),
		Title:    feedTitle,
		Subtitle: desc,
		Links: []api.AtomLink{
			{Rel: "self", Type: "application/atom+xml", Href: g.url(atomPath(pol.Slug, l))},
			{Rel: "alternate", Type: "text/html", Href: home},
			{Rel: "alternate", Type: "application/feed+json", Href: g.url(feedPath(pol.Slug, l))},
		},
		Author: api.AtomPerson{Name: companyOf(lang), URI: g.url(string(l) + "/")},
	}
	pub := tl.Published()
	var updated time.Time
	for i := len(pub) - 1; i >= 0; i-- {
		e := pub[i]
		page := g.url(editionPath(pol.Slug, l, e.ID))
		content, err := g.feedContent(pol, l, e)
		if err != nil {
			return err
		}
		item := api.Item{
			ID: page, URL: page, Title: e.Title, ContentHTML: content,
			DatePublished: moment(e.Posted), Language: string(l),
			Ext: api.ItemExtension{
				About:     g.url(schemaPath("feed.schema.json")),
				Policy:    pol.Slug,
				ID:        e.ID.String(),
				Effective: moment(e.Effective),
				Status:    string(tl.StatusOf(e)),
				JSONURL:   g.url(editionJSONPath(pol.Slug, l, e.ID)),
			},
		}
		if g.changes[e] != nil {
			item.Ext.ChangesURL = g.url(changesPath(pol.Slug, l, e.ID))
		}
		feed.Items = append(feed.Items, item)
		atom.Entries = append(atom.Entries, api.AtomEntry{
			ID: page, Title: e.Title, Published: moment(e.Posted), Updated: moment(e.Posted),
			Links: []api.AtomLink{
				{Rel: "alternate", Type: "text/html", Href: page},
				{Rel: "alternate", Type: "application/json", Href: g.url(editionJSONPath(pol.Slug, l, e.ID))},
			},
			Content: api.AtomContent{Type: "html", Body: content},
		})
		// A posted edition never changes, so the feed changed last when its
		// newest edition was posted.
		if e.Posted.After(updated) {
			updated = e.Posted
			atom.Updated = moment(e.Posted)
		}
	}
	if err := writeDoc(g.out, feedPath(pol.Slug, l), feed); err != nil {
		return err
	}
	if !absoluteBase(g.in.BaseURL) {
		return nil
	}
	data, err := api.MarshalAtom(atom)
	if err != nil {
		return err
	}
	return writeNew(g.out, atomPath(pol.Slug, l), data)
}

func companyOf(l *config.Language) string {
	if l.Company != "" {
		return l.Company
	}
	return l.Title
}

// feedContent is a feed entry's HTML: the authors' note, the dates, and
// what changed with a link to the redline.
func (g *generator) feedContent(pol *policy.Policy, l policy.Lang, e *policy.Edition) (string, error) {
	loc := g.in.Strings.For(l)
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
	c := g.changes[e]
	if c == nil {
		first, err := loc.T("feed_first_edition", nil)
		if err != nil {
			return "", err
		}
		b.WriteString("<p>" + html.EscapeString(first) + "</p>")
		return b.String(), nil
	}
	summary, err := g.summary(c)
	if err != nil {
		return "", err
	}
	see, err := loc.T("see_changes", nil)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "<p>%s <a href=\"%s\">%s</a></p>", html.EscapeString(summary),
		html.EscapeString(g.url(changesPath(pol.Slug, l, e.ID))), html.EscapeString(see))
	return b.String(), nil
}

// jsonLD is the schema.org description of an edition for its page.
func (g *generator) jsonLD(pol *policy.Policy, l policy.Lang, tl *policy.Timeline, e *policy.Edition) (string, error) {
	page := g.url(editionPath(pol.Slug, l, e.ID))
	polURL := g.url(string(l) + "/" + pol.Slug + "/")
	doc := api.DigitalDocument{
		Context:       "https://schema.org",
		Type:          "DigitalDocument",
		ID:            page,
		URL:           page,
		Name:          e.Title,
		Version:       e.ID.String(),
		InLanguage:    string(l),
		DatePublished: moment(e.Posted),
		ExampleOfWork: api.CreativeWork{Type: "CreativeWork", ID: polURL, Name: policyTitle(tl), URL: polURL},
		Encoding: []api.MediaObject{
			{Type: "MediaObject", ContentURL: g.url(editionJSONPath(pol.Slug, l, e.ID)), EncodingFormat: "application/json"},
			{Type: "MediaObject", ContentURL: g.url(textPath(pol.Slug, l, e.ID)), EncodingFormat: "text/plain", SHA256: g.textSums[e]},
		},
	}
	if lang := g.in.Config.Lang(l); lang != nil && lang.Company != "" {
		doc.Publisher = &api.Organization{Type: "Organization", Name: lang.Company}
	}
	switch st := tl.StatusOf(e); st {
	case policy.StatusInForce, policy.StatusUpcoming:
		doc.TemporalCoverage = moment(policy.Applies(e)) + "/.."
	case policy.StatusSuperseded:
		if by := tl.SupersededBy(e); by != nil && policy.Applies(by).After(policy.Applies(e)) {
			doc.TemporalCoverage = moment(policy.Applies(e)) + "/" + moment(policy.Applies(by))
		}
	}
	for _, tr := range g.translations(pol, l, e) {
		doc.WorkTranslation = append(doc.WorkTranslation, api.DocumentRef{Type: "DigitalDocument", ID: tr.URL, InLanguage: tr.Lang})
	}
	return api.MarshalScript(doc)
}
