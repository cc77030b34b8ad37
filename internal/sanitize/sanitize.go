// Package sanitize keeps, of the raw HTML written in a policy's Markdown,
// what an allow-list permits (the elements and attributes of tables, lists,
// headings, emphasis, abbreviations, dates and links; see allowed.go) and
// removes everything else: script, style, frames, objects, forms, event
// and style attributes, and addresses other than http, https, mailto, tel
// and #fragments. It says what it removed and where, so that the build
// can warn at the source line. It is the only package that imports
// bluemonday, which does the sanitising, and, outside tests, the only one
// that reads HTML with golang.org/x/net/html.
package sanitize

import (
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// Removal is something the sanitiser took out of a piece of HTML.
type Removal struct {
	// Piece is the index of the piece it was in (see Pieces).
	Piece int
	// Offset is where in the piece the markup it concerns starts.
	Offset int
	// Element is the element's name ("script"), "!DOCTYPE" for a
	// document type, or "?" for a processing instruction.
	Element string
	// Attr is the attribute removed ("onclick"), or "" when the element
	// itself was.
	Attr string
	// Markup is what was removed, on one line and shortened for a message:
	// the element's start tag (with its content for elements whose content
	// goes too, such as script), or the attribute with its value.
	Markup string
}

// What names what was removed as a message says it: "<script>", or
// "<a href>" for an attribute.
func (r Removal) What() string {
	if r.Attr != "" {
		return "<" + r.Element + " " + r.Attr + ">"
	}
	return "<" + r.Element + ">"
}

// policy is the allow-list as bluemonday applies it, built from the
// tables of allowed.go, which the report of removals reads too.
var policy = newPolicy()

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(elements...)
	for _, r := range attrRules {
		b := p.AllowAttrs(r.names...)
		if r.pattern != nil {
			b = b.Matching(r.pattern)
		}
		if r.elements == nil {
			b.Globally()
		} else {
			b.OnElements(r.elements...)
		}
	}
	// Every address must parse and have an allowed scheme; a relative one
	// is allowed only as the #fragment that hrefPattern lets through.
	p.RequireParseableURLs(true)
	p.AllowURLSchemes(schemes...)
	p.AllowRelativeURLs(true)
	return p
}

// HTML sanitises one piece of HTML on its own.
func HTML(s string) (string, []Removal) {
	out, rm := Pieces([]string{s})
	return out[0], rm
}

// marker separates the pieces while they are sanitised as one text. It is
// text to HTML, so the sanitiser keeps it where it is, unless it falls
// where the sanitiser drops text (inside a script, say).
const marker = "\uE000policysite\uE001"

// Pieces sanitises the raw HTML pieces of one document, in their order, as
// the parts of one HTML text: a table that Markdown splits into several
// pieces (at a blank line in it, say) is read whole, and an element
// removed in one piece has its end tag removed in a later one. Each piece
// of the result is then sanitised again on its own, so that each is
// well-formed HTML by itself, with no tag left open across a piece's end:
// the pieces are placed among other markup. When the pieces cannot be read
// as one (a piece opens a script that a later one closes, or holds the
// marker), each is sanitised on its own.
func Pieces(pieces []string) ([]string, []Removal) {
	if len(pieces) > 1 && !anyContains(pieces, marker) {
		parts := strings.Split(policy.Sanitize(strings.Join(pieces, marker)), marker)
		if len(parts) == len(pieces) {
			for i, p := range parts {
				parts[i] = policy.Sanitize(p)
			}
			return parts, report(pieces, true)
		}
	}
	out := make([]string, len(pieces))
	for i, p := range pieces {
		out[i] = policy.Sanitize(p)
	}
	return out, report(pieces, false)
}

// anyContains reports whether a piece holds s.
func anyContains(pieces []string, s string) bool {
	for _, p := range pieces {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}
