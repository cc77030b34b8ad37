package site

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"policysite/internal/clause"
	"policysite/internal/plaintext"
	"policysite/internal/policy"
	"policysite/internal/sanitize"
)

// An edition's raw HTML reaches its page only sanitised, and only through
// the renderer (docs/decisions/0014-raw-html-sanitised-by-the-renderer.md).
// Hugo's goldmark still drops every raw HTML it meets (unsafe: false). The
// renderer replaces each piece of raw HTML in an edition's Markdown, found
// by goldmark's own parse, by a call of the theme's policysite-html
// shortcode with a key, which prints only the mark "<!--policysite-html:
// KEY-->". As Hugo writes an edition's or a policy's page, the finisher
// replaces each mark that the page's HTML reads as a comment by the
// piece's sanitised HTML, which it keeps by key. A mark that Markdown put
// inside an attribute (an image's alt text, a link's address) is no
// comment there, and stays as it is; a key the renderer never gave names
// nothing. So no byte of raw HTML reaches a page but what package
// sanitize kept, and only between tags.

// markPrefix starts the text of the comment that marks a piece of raw
// HTML on a page (layouts/_shortcodes/policysite-html.html).
const markPrefix = "policysite-html:"

// fragments are the sanitised HTML of every edition's raw HTML, by key.
// Edition pages are made on all cores, so adding locks.
type fragments struct {
	mu    sync.Mutex
	byKey map[string]string
}

// add keeps html and returns its key: its hash, so that the same HTML in
// many editions is kept once, and the key is the same on every build.
func (f *fragments) add(html string) string {
	sum := sha256.Sum256([]byte(html))
	key := hex.EncodeToString(sum[:8])
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.byKey == nil {
		f.byKey = map[string]string{}
	}
	f.byKey[key] = html
	return key
}

// fill replaces the marks in a page by the HTML they name.
func (f *fragments) fill(page []byte) []byte {
	return sanitize.ReplaceComments(page, markPrefix, func(text string) (string, bool) {
		f.mu.Lock()
		defer f.mu.Unlock()
		html, ok := f.byKey[strings.TrimPrefix(text, markPrefix)]
		return html, ok
	})
}

// edit replaces the bytes from start to end of a body.
type edit struct {
	start, end int
	with       string
}

// markup readies an edition's annotated body (escaped for Hugo's
// shortcodes) for Hugo: its attribute lists become what Hugo's goldmark
// reads as ids and classes, and its raw HTML calls of the shortcode that
// prints it sanitised. Lines stay where they were, so that a line in the
// page Hugo reads is the line of the source (see hugoProject.clean). It
// returns a warning, at its source line, for each thing the sanitiser
// removed.
func (g *generator) markup(e *policy.Edition, body string, clauses []clause.Clause) (string, []Message) {
	if !mayHoldMarkup(body) {
		return body, nil
	}
	m := plaintext.FindMarkup(body)
	edits, msgs := listEdits(e, m.Lists, clauses)
	raw := make([]string, len(m.HTML))
	for i, h := range m.HTML {
		raw[i] = h.Raw
	}
	clean, removed := sanitize.Pieces(raw)
	for _, r := range removed {
		h := m.HTML[r.Piece]
		line := e.BodyLine + h.Line - 1 + strings.Count(h.Raw[:r.Offset], "\n")
		msgs = append(msgs, policy.Errorf(e.File, line, "raw HTML %s removed: %s", r.What(), r.Markup))
	}
	clean, closers := sanitize.Balance(clean)
	for i, h := range m.HTML {
		edits = append(edits, g.htmlEdits(h, clean[i], body)...)
	}
	if len(m.HTML) > 0 {
		// A "<" of the text ("<<placeholder>>") could start a tag with the
		// word Hugo writes for a call after it, which Hugo's goldmark would
		// drop: escaped, it is the same "<" to Markdown, and starts none.
		for _, at := range m.Less {
			edits = append(edits, edit{at, at, `\`})
		}
	}
	if closers != "" {
		// After the text, as a block of its own, so that what follows the
		// text on the page stays out of an element the text left open.
		edits = append(edits, edit{len(body), len(body), "\n\n" + `{{< policysite-html ` + strconv.Quote(g.fragments.add(closers)) + " >}}\n"})
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	b.Grow(len(body))
	at := 0
	for _, ed := range edits {
		if ed.start < at {
			continue // inside an edit already made; FindMarkup gives none
		}
		b.WriteString(body[at:ed.start])
		b.WriteString(ed.with)
		at = ed.end
	}
	b.WriteString(body[at:])
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].Line < msgs[j].Line })
	out := make([]Message, len(msgs))
	for i, m := range msgs {
		out[i] = Message{Text: m.Error()}
	}
	return b.String(), out
}

// anchorRe is the list that package clause, and markTerms, put at the
// end of a numbered heading, and its line's end.
var anchorRe = regexp.MustCompile(`^\{#c-[0-9-]+(?: \.clause-terms)?\}\r?(?:\n|$)`)

// mayHoldMarkup reports whether body may hold raw HTML or attribute lists
// other than the clause anchors of its headings: most editions hold none,
// and need no parse.
func mayHoldMarkup(body string) bool {
	if strings.IndexByte(body, '<') >= 0 {
		return true
	}
	for i := strings.IndexByte(body, '{'); i >= 0; {
		if !anchorRe.MatchString(body[i:]) {
			return true
		}
		next := strings.IndexByte(body[i+1:], '{')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// htmlEdits replace a piece of raw HTML whose sanitised HTML is clean.
func (g *generator) htmlEdits(h plaintext.HTML, clean, body string) []edit {
	if clean == "" && h.Block {
		// Blanking each line keeps what Markdown's containers put before
		// them ("> "), so a quote or list goes on as it did.
		out := make([]edit, len(h.Lines))
		for i, l := range h.Lines {
			out[i] = edit{l[0], l[1], ""}
		}
		return out
	}
	key := ""
	if clean != "" {
		key = g.fragments.add(clean)
	}
	// The piece's newlines go inside the call, which Hugo allows, so that
	// the lines after it stay where they were.
	nl := strings.Repeat("\n", strings.Count(body[h.Start:h.End], "\n"))
	return []edit{{h.Start, h.End, `{{< policysite-html ` + strconv.Quote(key) + nl + ` >}}`}}
}

// listEdits rewrite each attribute list as Hugo's goldmark reads lists
// ({#id .class}), with only what a policy's text may carry: an id that
// is no clause's anchor (but the anchor package clause gave a heading)
// and classes. A list left with nothing is dropped from a heading, and
// written "{}" on a line of its own, which Hugo reads as a list of
// nothing. A list that starts a line with text after it is escaped, so
// that Hugo shows the line as text, as Markdown does.
func listEdits(e *policy.Edition, lists []plaintext.List, clauses []clause.Clause) ([]edit, []*policy.Warning) {
	anchors := map[int]string{}
	for _, c := range clauses {
		if c.Heading {
			anchors[c.Line] = c.Anchor
		}
	}
	var (
		edits []edit
		msgs  []*policy.Warning
	)
	for _, l := range lists {
		if l.Text {
			edits = append(edits, edit{l.Start, l.End, `\{`})
			continue
		}
		var id string
		var classes []string
		for _, a := range l.Attrs {
			switch {
			case a.Name == "id" && a.Value != "" && l.Heading && a.Value == anchors[l.Line]:
				id = a.Value
			case a.Name == "id" && sanitize.ValidID(a.Value):
				if !strings.HasPrefix(id, "c-") {
					id = a.Value
				}
			case a.Name == "id" && strings.HasPrefix(a.Value, "c-"):
				msgs = append(msgs, policy.Errorf(e.File, e.BodyLine+l.Line-1,
					"attribute list: id %q dropped: ids of the form c-… are clauses' anchors", a.Value))
			case a.Name == "class" && sanitize.ValidClass(a.Value):
				for _, c := range strings.Fields(a.Value) {
					if !slices.Contains(classes, c) {
						classes = append(classes, c)
					}
				}
			}
		}
		edits = append(edits, edit{l.Start, l.End, listText(id, classes, l.Heading)})
	}
	return edits, msgs
}

// listText writes a list as Hugo's goldmark reads it.
func listText(id string, classes []string, heading bool) string {
	var parts []string
	if id != "" {
		parts = append(parts, "#"+id)
	}
	for _, c := range classes {
		parts = append(parts, "."+c)
	}
	switch {
	case len(parts) > 0 && heading:
		return " {" + strings.Join(parts, " ") + "}"
	case heading:
		return ""
	}
	return "{" + strings.Join(parts, " ") + "}"
}
