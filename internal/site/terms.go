package site

import (
	"slices"
	"strings"

	"policysite/internal/changeterms"
	"policysite/internal/clause"
	"policysite/internal/l10n"
	"policysite/internal/policy"
)

// termsBox is what an edition page's box on changes says: for each
// question a reader asks of the text, what the text answers, each answer
// with the clauses and sentences it was read from, or that the text does
// not say. Clauses are the clauses it draws on, for templates that list
// them.
type termsBox struct {
	Rows    []termsRow  `json:"rows"`
	Clauses []termsMark `json:"clauses"`
}

// termsRow is one question and the statements that answer it.
type termsRow struct {
	Question string `json:"question"`
	// Caution marks a row a reader should not miss: retroactive changes.
	Caution bool        `json:"caution,omitempty"`
	Items   []termsItem `json:"items"`
}

// termsItem is one statement. Unstated: the text does not settle the
// question, and Text says so. URL is an address the statement gives,
// shown after Text, as the text writes it; Href is the link to it, set
// only when the text gives its scheme: "example.ru/privacy" is shown, not
// linked, since the page must not guess whether it means http or https.
type termsItem struct {
	Text     string        `json:"text"`
	URL      string        `json:"url,omitempty"`
	Href     string        `json:"href,omitempty"`
	Unstated bool          `json:"unstated,omitempty"`
	Sources  []termsSource `json:"sources,omitempty"`
}

// termsSource is a clause a statement was read from, and its sentences
// that say it. Number and Anchor are empty for unnumbered text, which has
// nothing to link to; Cite is the link's text, Summary the words that
// show the sentences on request.
type termsSource struct {
	Number    string   `json:"number"`
	Anchor    string   `json:"anchor"`
	Cite      string   `json:"cite"`
	Summary   string   `json:"summary"`
	Sentences []string `json:"sentences"`
}

// termsMark is a clause the box draws on.
type termsMark struct {
	Number string `json:"number"`
	Anchor string `json:"anchor"`
}

// describeTerms writes, in language l, what an edition says about changes.
// Who may change the policy, when a new edition takes effect and how users
// are told are always answered, if only with «Текст не говорит, …»: the
// box never fills a gap with the site's own rules (a new edition's
// effective moment defaults to its posting, but that is the site's dating,
// not the text's word). Continued use, where the current edition is
// published and retroactive changes are said only when the text says them.
func (g *generator) describeTerms(l policy.Lang, t changeterms.Terms) (*termsBox, error) {
	w := &termsWriter{loc: g.pl.Strings.For(l)}
	box := &termsBox{Clauses: []termsMark{}}
	box.Rows = []termsRow{
		w.row("ct_q_who", w.who(t)),
		w.row("ct_q_when", w.when(t)),
		w.row("ct_q_told", w.told(t)),
	}
	if fs := of(t, changeterms.ContinuedUse); len(fs) > 0 {
		box.Rows = append(box.Rows, w.row("ct_q_use", []termsItem{w.item("ct_use", nil, fs)}))
	}
	if fs := of(t, changeterms.PublishedAt); len(fs) > 0 {
		key, u := "ct_where_site", t.URL()
		if u != "" {
			key = "ct_published_at_url"
		}
		it := w.item(key, nil, fs)
		it.URL = u
		if l := strings.ToLower(u); strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
			it.Href = u
		}
		box.Rows = append(box.Rows, w.row("ct_q_where", []termsItem{it}))
	}
	if fs := of(t, changeterms.Retroactive); len(fs) > 0 {
		r := w.row("ct_q_retroactive", []termsItem{w.item("ct_retroactive", nil, fs)})
		r.Caution = true
		box.Rows = append(box.Rows, r)
	}
	if w.err != nil {
		return nil, w.err
	}
	for _, n := range t.Clauses() {
		box.Clauses = append(box.Clauses, termsMark{Number: n, Anchor: clause.Anchor(n)})
	}
	return box, nil
}

// of returns the findings of t of any of kinds, in the text's order.
func of(t changeterms.Terms, kinds ...changeterms.Kind) []changeterms.Finding {
	var out []changeterms.Finding
	for _, f := range t.Findings {
		if slices.Contains(kinds, f.Kind) {
			out = append(out, f)
		}
	}
	return out
}

// termsWriter writes the box's statements in one language, keeping the
// first error so that the questions read as a list rather than as error
// checks.
type termsWriter struct {
	loc *l10n.Localizer
	err error
}

// t is message key filled with data.
func (w *termsWriter) t(key string, data map[string]any) string {
	if w.err != nil {
		return ""
	}
	s, err := w.loc.T(key, data)
	w.err = err
	return s
}

// n is message key in the plural form for count.
func (w *termsWriter) n(key string, count int) string {
	if w.err != nil {
		return ""
	}
	s, err := w.loc.N(key, count, nil)
	w.err = err
	return s
}

// row is the question of message key question, answered by items.
func (w *termsWriter) row(question string, items []termsItem) termsRow {
	return termsRow{Question: w.t(question, nil), Items: items}
}

// item is the statement of message key, read from the findings fs.
func (w *termsWriter) item(key string, data map[string]any, fs []changeterms.Finding) termsItem {
	return termsItem{Text: w.t(key, data), Sources: w.sources(fs)}
}

// unstated is the statement that the text does not settle a question.
func (w *termsWriter) unstated(key string) termsItem {
	return termsItem{Text: w.t(key, nil), Unstated: true}
}

// sources groups the sentences of fs by clause, in the text's order, each
// sentence once: a clause that says two things is quoted once.
func (w *termsWriter) sources(fs []changeterms.Finding) []termsSource {
	var out []termsSource
	for _, f := range fs {
		i := slices.IndexFunc(out, func(s termsSource) bool { return s.Number == f.Clause })
		if i < 0 {
			s := termsSource{Number: f.Clause, Sentences: []string{}}
			if f.Clause != "" {
				s.Anchor = clause.Anchor(f.Clause)
				s.Cite = w.t("ct_cite", map[string]any{"Number": f.Clause})
				s.Summary = w.t("ct_quote", map[string]any{"Number": f.Clause})
			} else {
				s.Summary = w.t("ct_quote_unnumbered", nil)
			}
			out = append(out, s)
			i = len(out) - 1
		}
		if f.Sentence != "" && !slices.Contains(out[i].Sentences, f.Sentence) {
			out[i].Sentences = append(out[i].Sentences, f.Sentence)
		}
	}
	return out
}

// who answers who may change the policy, and whether with consent.
func (w *termsWriter) who(t changeterms.Terms) []termsItem {
	fs := of(t, changeterms.Unilateral)
	if len(fs) == 0 {
		return []termsItem{w.unstated("ct_who_unstated")}
	}
	key := "ct_who_own"
	switch t.Consent() {
	case changeterms.WithoutConsent:
		key = "ct_who_without_consent"
	case changeterms.WithConsent:
		key = "ct_who_with_consent"
	}
	return []termsItem{w.item(key, nil, fs)}
}

// when answers when a new edition takes effect: on posting (unless it
// provides otherwise), and after each notice period the text states, for
// every change or for material ones. Without either, the text does not
// say, whatever it says of providing otherwise.
func (w *termsWriter) when(t changeterms.Terms) []termsItem {
	var items []termsItem
	on, unless := of(t, changeterms.OnPosting), of(t, changeterms.UnlessOtherwise)
	switch {
	case len(on) > 0 && len(unless) > 0:
		items = append(items, w.item("ct_when_on_posting_unless", nil, of(t, changeterms.OnPosting, changeterms.UnlessOtherwise)))
	case len(on) > 0:
		items = append(items, w.item("ct_when_on_posting", nil, on))
	}
	for _, p := range noticePeriods(t) {
		key := "ct_when_notice"
		if p[0].Scope == changeterms.Material {
			key = "ct_when_notice_material"
		}
		items = append(items, termsItem{Text: w.n(key, p[0].Days), Sources: w.sources(p)})
	}
	if len(items) == 0 {
		items = append(items, w.unstated("ct_when_unstated"))
	}
	if len(on) == 0 && len(unless) > 0 {
		items = append(items, w.item("ct_when_unless", nil, unless))
	}
	return items
}

// noticePeriods groups the notice periods of t that give a number of days
// by days and scope, in the text's order.
func noticePeriods(t changeterms.Terms) [][]changeterms.Finding {
	var out [][]changeterms.Finding
	for _, f := range of(t, changeterms.NoticePeriod) {
		if f.Days <= 0 {
			continue
		}
		i := slices.IndexFunc(out, func(p []changeterms.Finding) bool { return p[0].Days == f.Days && p[0].Scope == f.Scope })
		if i < 0 {
			out = append(out, nil)
			i = len(out) - 1
		}
		out[i] = append(out[i], f)
	}
	return out
}

// told answers how users are told of changes: for every change, then for
// material ones, each with the channels its clauses name.
func (w *termsWriter) told(t changeterms.Terms) []termsItem {
	var items []termsItem
	for _, scope := range []changeterms.Scope{"", changeterms.Material} {
		var fs []changeterms.Finding
		for _, f := range of(t, changeterms.Notification) {
			if f.Scope == scope {
				fs = append(fs, f)
			}
		}
		if len(fs) == 0 {
			continue
		}
		suffix := ""
		if scope == changeterms.Material {
			suffix = "_material"
		}
		names, none := w.channels(changeterms.Terms{Findings: fs})
		switch {
		case len(names) > 0:
			items = append(items, w.item("ct_told"+suffix, map[string]any{"Channels": strings.Join(names, ", ")}, fs))
		case none:
			items = append(items, w.item("ct_told_none", nil, fs))
		default:
			items = append(items, w.item("ct_told_some"+suffix, nil, fs))
		}
	}
	if len(items) == 0 {
		items = append(items, w.unstated("ct_told_unstated"))
	}
	return items
}

// channels names the channels t names, in summary order, and reports
// whether it says changes come without notice. A text that names a channel
// somewhere is not read as giving no notice at all.
func (w *termsWriter) channels(t changeterms.Terms) (names []string, none bool) {
	for _, c := range t.Channels() {
		if c == changeterms.None {
			none = true
			continue
		}
		names = append(names, w.t("ct_channel_"+string(c), nil))
	}
	return names, none
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
