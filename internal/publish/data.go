package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"policysite/internal/api"
	"policysite/internal/clause"
	"policysite/internal/outdir"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"policysite/internal/redline"
	"policysite/internal/textmark"
)

// published lists every published edition of every policy and language in
// the site's order, with the timeline it belongs to.
type publishedEdition struct {
	pol *policy.Policy
	l   policy.Lang
	tl  *policy.Timeline
	e   *policy.Edition
}

func (g *publisher) publishedEditions() []publishedEdition {
	var out []publishedEdition
	for _, pol := range g.pl.Policies {
		for _, l := range g.pl.Config.Codes() {
			tl := g.pl.Timelines[pol.Slug][l]
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

// publishData writes the machine-readable documents: each edition's plain
// text, the edition and its changes as JSON, each policy's feeds, the site
// index and the schemas. Each file is written only where nothing else is,
// and Hugo then refuses to write a page over one (see site.Rendering.Run),
// so that no page or document is ever silently replaced.
func (g *publisher) publishData() error {
	for _, name := range api.SchemaFiles {
		data, err := api.Schema(name)
		if err != nil {
			return err
		}
		if err := writeNew(g.out, plan.SchemaPath(name), data); err != nil {
			return err
		}
	}
	idx, err := g.indexDoc()
	if err != nil {
		return err
	}
	if err := writeDoc(g.out, plan.IndexPath, idx); err != nil {
		return err
	}
	for _, pol := range g.pl.Policies {
		for _, l := range g.pl.Config.Codes() {
			tl := g.pl.Timelines[pol.Slug][l]
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
	plan.Parallel(len(eds), func(i int) {
		pe := eds[i]
		// The text is what the redlines compare; the browser's comparison
		// of any two editions reads it, with its marks, from the edition's
		// JSON (see site's anyPair).
		err := writeNew(g.out, plan.TextPath(pe.pol.Slug, pe.l, pe.e.ID), []byte(g.pl.Editions[pe.e].Text))
		var doc []byte
		if err == nil {
			doc, err = g.editionJSON(pe)
		}
		if err == nil {
			err = writeNew(g.out, plan.EditionJSONPath(pe.pol.Slug, pe.l, pe.e.ID), doc)
		}
		if c := g.pl.Changes[pe.e]; err == nil && c != nil {
			var ch *api.Changes
			if ch, err = g.changesDoc(c); err == nil {
				if err = fillChanges(ch, c); err == nil {
					err = writeDoc(g.out, plan.ChangesJSONPath(pe.pol.Slug, pe.l, pe.e.ID), ch)
				}
			}
		}
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", pe.e.File, err)
		}
	})
	return errors.Join(errs...)
}

// editionJSON is the edition's index.json.
func (g *publisher) editionJSON(pe publishedEdition) ([]byte, error) {
	doc, err := g.editionDoc(pe.pol, pe.l, pe.tl, pe.e)
	if err != nil {
		return nil, err
	}
	g.fillEdition(doc, pe.e)
	return api.Marshal(doc)
}

// EditionFiles gives write each published edition's text.txt and
// index.json, the bytes Documents writes, by their addresses: for a copy
// of what the compare pages read kept elsewhere, such as the static/
// folder of a Hugo project (site.Options.HugoProject).
func EditionFiles(pl *plan.Plan, write func(rel string, data []byte) error) error {
	g := &publisher{pl: pl}
	for _, pe := range g.publishedEditions() {
		if err := write(plan.TextPath(pe.pol.Slug, pe.l, pe.e.ID), []byte(pl.Editions[pe.e].Text)); err != nil {
			return err
		}
		doc, err := g.editionJSON(pe)
		if err != nil {
			return fmt.Errorf("%s: %w", pe.e.File, err)
		}
		if err := write(plan.EditionJSONPath(pe.pol.Slug, pe.l, pe.e.ID), doc); err != nil {
			return err
		}
	}
	return nil
}

// writeDoc writes v as JSON at rel, refusing to replace a file a page or
// the repository's static/ already put there.
func writeDoc(out *outdir.Dir, rel string, v any) error {
	data, err := api.Marshal(v)
	if err != nil {
		return err
	}
	return writeNew(out, rel, data)
}

// writeNew writes rel, refusing to replace a file a page or the
// repository's static/ already put there.
func writeNew(out *outdir.Dir, rel string, data []byte) error {
	err := out.Create(rel, data)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("/%s is where the site publishes its data, but a page or a file is already there: rename it", rel)
	}
	return err
}

func (g *publisher) apiRef(pol string, l policy.Lang, e *policy.Edition) *api.Ref {
	if e == nil {
		return nil
	}
	return &api.Ref{ID: e.ID.String(), URL: g.pl.URL(plan.EditionPath(pol, l, e.ID)), JSONURL: g.pl.URL(plan.EditionJSONPath(pol, l, e.ID))}
}

// translations are the same edition's published versions in the other
// languages, in the site's order.
func (g *publisher) translations(pol *policy.Policy, l policy.Lang, e *policy.Edition) []api.Translation {
	out := []api.Translation{}
	for _, tr := range g.pl.Translations(pol, l, e) {
		out = append(out, api.Translation{Lang: string(tr.Lang), ID: tr.ID.String(),
			URL: g.pl.URL(plan.EditionPath(pol.Slug, tr.Lang, tr.ID)), JSONURL: g.pl.URL(plan.EditionJSONPath(pol.Slug, tr.Lang, tr.ID))})
	}
	return out
}

// editionDoc is an edition's JSON but for the Markdown, the text and the
// clauses, which fillEdition adds.
func (g *publisher) editionDoc(pol *policy.Policy, l policy.Lang, tl *policy.Timeline, e *policy.Edition) (*api.Edition, error) {
	page := g.pl.URL(plan.EditionPath(pol.Slug, l, e.ID))
	doc := &api.Edition{
		SchemaVersion: api.SchemaVersion,
		Policy:        pol.Slug,
		Lang:          string(l),
		ID:            e.ID.String(),
		Title:         e.Title,
		URL:           page,
		JSONURL:       g.pl.URL(plan.EditionJSONPath(pol.Slug, l, e.ID)),
		PolicyURL:     g.pl.URL(string(l) + "/" + pol.Slug + "/"),
		Posted:        api.Moment(e.Posted),
		Effective:     api.Moment(e.Effective),
		Status:        string(tl.StatusOf(e)),
		Previous:      g.apiRef(pol.Slug, l, tl.Previous(e)),
		Next:          g.apiRef(pol.Slug, l, tl.Next(e)),
		SupersededBy:  g.apiRef(pol.Slug, l, tl.SupersededBy(e)),
		SourcePath:    e.File,
		SourceSHA256:  e.SourceSHA256,
		TextSHA256:    g.pl.Editions[e].TextSum,
		TextURL:       g.pl.URL(plan.TextPath(pol.Slug, l, e.ID)),
		Summary:       e.Summary,
		Translations:  g.translations(pol, l, e),
		ChangeTerms:   *termsDoc(g.pl.Editions[e].Terms, page),
	}
	if c := g.pl.Changes[e]; c != nil {
		s, err := g.pl.Summary(c)
		if err != nil {
			return nil, err
		}
		doc.ChangesSummary = s
		doc.ChangesURL = g.urlp(plan.ChangesPath(pol.Slug, l, e.ID))
		doc.ChangesJSONURL = g.urlp(plan.ChangesJSONPath(pol.Slug, l, e.ID))
	}
	return doc, nil
}

// fillEdition adds to editionDoc's shell the Markdown, the text, its
// marks and the clauses.
func (g *publisher) fillEdition(doc *api.Edition, e *policy.Edition) {
	doc.Markdown, doc.Text = e.Body, g.pl.Editions[e].Text
	doc.Blocks, doc.Links, doc.Styles = markDocs(g.pl.Editions[e].Marks)
	doc.Clauses = clauseDocs(g.pl.Editions[e].Clauses, doc.Text, g.pl.Editions[e].Lines, doc.URL)
}

// markDocs are the marks of an edition's text as index.json lists them:
// empty lists, never null, when there are none.
func markDocs(m textmark.Marks) ([]api.TextBlock, []api.TextLink, []api.TextStyle) {
	blocks := make([]api.TextBlock, len(m.Blocks))
	for i, b := range m.Blocks {
		blocks[i] = api.TextBlock{Form: b.Form, Start: b.Start, End: b.End}
	}
	links := make([]api.TextLink, len(m.Links))
	for i, l := range m.Links {
		links[i] = api.TextLink{Start: l.Start, End: l.End, Target: l.Target}
	}
	styles := make([]api.TextStyle, len(m.Styles))
	for i, s := range m.Styles {
		styles[i] = api.TextStyle{Kind: s.Kind, Start: s.Start, End: s.End}
	}
	return blocks, links, styles
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
				c.Heading = headingText(blocks[start[i]])
			}
		}
		out = append(out, c)
	}
	return out
}

// headingText is a heading's text without its clause number: "3. Cookies"
// gives "Cookies", and "6. Moral rights", clause B.6's heading, "Moral
// rights". The number is read off the block as the clause reader reads
// it, since a lettered clause's number is not what the block starts with.
func headingText(block string) string {
	return strings.TrimSpace(clause.Title(block))
}

// changesDoc is a redline's JSON but for the operations, clauses and
// moves, which fillChanges adds from the redline itself.
func (g *publisher) changesDoc(c *plan.Comparison) (*api.Changes, error) {
	summary, err := g.pl.Summary(c)
	if err != nil {
		return nil, err
	}
	doc := &api.Changes{
		SchemaVersion:      api.SchemaVersion,
		Policy:             c.Policy.Slug,
		Lang:               string(c.Lang),
		URL:                g.pl.URL(c.Path),
		From:               *g.apiRef(c.Policy.Slug, c.Lang, c.From),
		To:                 *g.apiRef(c.Policy.Slug, c.Lang, c.To),
		Summary:            summary,
		Same:               c.Same,
		ChangeTermsChanged: !g.pl.Editions[c.From].Terms.SameRules(g.pl.Editions[c.To].Terms),
		Stats:              api.Stats(c.Stats),
	}
	return doc, nil
}

// fillChanges adds to changesDoc's shell the operations, clauses, moves,
// link changes and formatting changes of the redline.
func fillChanges(doc *api.Changes, c *plan.Comparison) error {
	r, err := c.Result()
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
	doc.Links = make([]api.LinkChange, len(r.Links))
	for i, l := range r.Links {
		doc.Links[i] = api.LinkChange{Clause: l.Clause, Op: l.Op, Text: l.Text, Old: l.Old, New: l.New}
	}
	doc.Formats = make([]api.FormatChange, len(r.Formats))
	for i, f := range r.Formats {
		doc.Formats[i] = api.FormatChange{Clause: f.Clause, Op: f.Op, Old: f.Old, New: f.New, Emphasis: f.Emphasis}
	}
	return nil
}

func apiOps(ops []redline.Op) []api.Op {
	out := make([]api.Op, len(ops))
	for i, o := range ops {
		out[i] = api.Op{Op: string(o.Op), Text: o.Text, Minor: o.Minor, Renumber: o.Renumber, Move: o.Move,
			Break: o.Break, Format: o.Format}
	}
	return out
}
