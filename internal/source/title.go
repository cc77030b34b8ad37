package source

import (
	"fmt"
	"strings"
	"unicode"
)

// titleProblem says why s, a title as the parser keeps it, cannot be one,
// or returns "".
//
// A title must show something: one made only of spaces and invisible
// format characters (zero-width spaces and joiners, U+2060, U+FEFF, bidi
// marks and controls) passes "non-empty" and shows nothing.
//
// A title's bidi embeddings, overrides and isolates must each be closed,
// in order, in the title itself. The site shows a title inside text it
// does not own (the page's <title>, after which comes the site's name; a
// feed entry; a list of editions): an unclosed U+202E there reverses
// everything after the title too. Refusing them at the source, rather
// than isolating each title where it is shown, keeps every renderer and
// the JSON safe at once, and no real title needs an unclosed control.
func titleProblem(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) }) {
		if s == "" {
			return "title must be non-empty text"
		}
		return "title must be non-empty text: it holds only invisible characters (zero-width or bidi controls)"
	}
	return bidiProblem("title", s)
}

// bidiProblem says which bidi control of s, the value of the front matter
// key field, is not closed, or closes nothing, or returns "". The summary
// is shown inside text the site owns as the title is. Embeddings and overrides (U+202A, U+202B,
// U+202D, U+202E) close with U+202C; isolates (U+2066, U+2067, U+2068)
// with U+2069; an isolate closes only after what it holds is closed.
func bidiProblem(field, s string) string {
	var open []rune
	for _, r := range s {
		switch r {
		case '\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068':
			open = append(open, r)
		case '\u202C', '\u2069':
			want := isolateOpener
			if r == '\u202C' {
				want = embeddingOpener
			}
			if len(open) == 0 || !want(open[len(open)-1]) {
				if len(open) > 0 {
					return fmt.Sprintf("%s: bidi control %U is still open where %U closes: close each bidi control, in order, within the %s", field, open[len(open)-1], r, field)
				}
				return fmt.Sprintf("%s: bidi control %U closes nothing: remove it, or open what it closes within the %s", field, r, field)
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		return fmt.Sprintf("%s: bidi control %U is never closed: close it with %U within the %s, or it reverses the text shown after it", field, open[len(open)-1], closer(open[len(open)-1]), field)
	}
	return ""
}

func isolateOpener(r rune) bool   { return r >= '\u2066' && r <= '\u2068' }
func embeddingOpener(r rune) bool { return !isolateOpener(r) }

// closer is the control that closes opener.
func closer(opener rune) rune {
	if isolateOpener(opener) {
		return '\u2069'
	}
	return '\u202C'
}
