package sanitize

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// report lists what the policy removes from pieces, read as one text
// (joined, as Pieces sanitised them) or each on its own. It reads the
// markup with the same tokenizer as bluemonday, and the same tables
// (allowed.go), so that what it names is what went.
func report(pieces []string, joined bool) []Removal {
	if !joined {
		var out []Removal
		for i, p := range pieces {
			for _, r := range reportOne(p) {
				r.Piece = i
				out = append(out, r)
			}
		}
		return out
	}
	out := reportOne(strings.Join(pieces, marker))
	// Offsets in the joined text back to each piece's.
	starts := make([]int, len(pieces))
	at := 0
	for i, p := range pieces {
		starts[i] = at
		at += len(p) + len(marker)
	}
	for i := range out {
		p := max(0, sortSearch(starts, out[i].Offset))
		out[i].Piece, out[i].Offset = p, out[i].Offset-starts[p]
	}
	return out
}

// sortSearch returns the index of the last start at or before off.
func sortSearch(starts []int, off int) int {
	i, found := slices.BinarySearch(starts, off)
	if found {
		return i
	}
	return i - 1
}

// reportOne lists what the policy removes from s, with offsets in s.
func reportOne(s string) []Removal {
	var (
		out  []Removal
		skip []string // the elements whose content is being skipped
		off  int
	)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		raw := string(z.Raw())
		start := off
		off += len(raw)
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if len(skip) > 0 {
				if tt == html.StartTagToken && slices.Contains(skipContent, tok.Data) {
					skip = append(skip, tok.Data)
				}
				continue
			}
			if !allowedElement(tok.Data) {
				markup := raw
				if tt == html.StartTagToken && slices.Contains(skipContent, tok.Data) {
					skip = append(skip, tok.Data)
					markup = s[start:contentEnd(s, off, tok.Data)]
				}
				out = append(out, Removal{Offset: start, Element: tok.Data, Markup: shorten(markup)})
				continue
			}
			for _, a := range tok.Attr {
				if !allowedAttr(tok.Data, a.Key, a.Val) {
					out = append(out, Removal{Offset: start, Element: tok.Data, Attr: a.Key, Markup: shorten(attrMarkup(a))})
				}
			}
		case html.EndTagToken:
			if n := len(skip); n > 0 && skip[n-1] == tok.Data {
				skip = skip[:n-1]
			}
		case html.DoctypeToken:
			if len(skip) == 0 {
				out = append(out, Removal{Offset: start, Element: "!DOCTYPE", Markup: shorten(raw)})
			}
		case html.CommentToken:
			// A comment shows nothing, so its going changes nothing a reader
			// sees; the tokenizer reads a processing instruction (or other
			// markup that is no tag) as a comment too, which is named.
			if len(skip) == 0 && !strings.HasPrefix(raw, "<!--") {
				out = append(out, Removal{Offset: start, Element: "?", Markup: shorten(raw)})
			}
		}
	}
}

// contentEnd is where the content of the element name, whose start tag
// ends at off in s, ends with its end tag, or the end of s.
func contentEnd(s string, off int, name string) int {
	i := strings.Index(strings.ToLower(s[off:]), "</"+name)
	if i < 0 {
		return len(s)
	}
	end := off + i
	if j := strings.IndexByte(s[end:], '>'); j >= 0 {
		return end + j + 1
	}
	return len(s)
}

// attrMarkup writes an attribute as a message shows it.
func attrMarkup(a html.Attribute) string {
	if a.Val == "" {
		return a.Key
	}
	return a.Key + `="` + a.Val + `"`
}

// shortenAt is how many characters of markup a message shows.
const shortenAt = 80

// shorten puts markup on one line, its runs of space folded, and cuts it
// to shortenAt characters.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, marker, " ")
	if utf8.RuneCountInString(s) <= shortenAt {
		return s
	}
	r := []rune(s)
	return string(r[:shortenAt-1]) + "…"
}
