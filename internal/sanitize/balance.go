package sanitize

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// voidElements have no end tag.
var voidElements = []string{"br", "hr", "col"}

// optionalEnd are the elements whose end tag HTML lets go unwritten: a
// browser closes them itself, and a stray end tag of one (a "</p>" with
// no paragraph open) makes an empty element, so Balance writes none.
var optionalEnd = []string{"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup"}

// Balance reads sanitised pieces (Pieces) in their order as one text,
// writes each self-closing tag as HTML reads it ("<br/>" as "<br>"), and
// drops each end tag that closes no element a piece opened before it: the
// pieces sit among other markup (Markdown's), which a stray end tag would
// close. It returns the end tags of the elements still open at the end,
// innermost first, for the caller to write after all of the pieces, so
// that an element a policy leaves open never takes in what follows its
// text. Pieces read on their own (a script across pieces made Pieces
// fall back so) lose the context in which an end tag belonged to an
// element the sanitiser removed; this drops those end tags too.
func Balance(pieces []string) (out []string, closers string) {
	var open []string
	out = make([]string, len(pieces))
	for i, p := range pieces {
		if !strings.Contains(p, "<") {
			out[i] = p
			continue
		}
		var b strings.Builder
		z := html.NewTokenizer(strings.NewReader(p))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			raw := string(z.Raw())
			switch tt {
			case html.StartTagToken, html.SelfClosingTagToken:
				// HTML reads "<br/>" as "<br>", and "<span/>" as a span
				// left open: each is written as it is read.
				tok := z.Token()
				tok.Type = html.StartTagToken
				raw = tok.String()
				if !slices.Contains(voidElements, tok.Data) {
					open = append(open, tok.Data)
				}
			case html.EndTagToken:
				// It closes the innermost element of its name, and those
				// inside that.
				name, _ := z.TagName()
				j := lastIndex(open, string(name))
				if j < 0 {
					continue
				}
				open = open[:j]
			}
			b.WriteString(raw)
		}
		out[i] = b.String()
	}
	var c strings.Builder
	for i := len(open) - 1; i >= 0; i-- {
		if !slices.Contains(optionalEnd, open[i]) {
			c.WriteString("</" + open[i] + ">")
		}
	}
	return out, c.String()
}

// lastIndex is the index of the last s in list.
func lastIndex(list []string, s string) int {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i] == s {
			return i
		}
	}
	return -1
}
