package redline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"policysite/internal/clause/clausetext"
)

// Normalize is what both sides of a diff go through first: the BOM removed,
// CRLF and CR taken as LF, runs of spaces, tabs and no-break spaces folded
// into one space, a single line break inside a paragraph folded into a space
// too, runs of blank lines into one, and blank lines around the text
// trimmed. Texts that differ only in these ways compare equal: a paragraph
// is a unit of meaning, its line breaks are not (git's word diff ignores them
// as well). Invalid UTF-8 is kept byte for byte.
func Normalize(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0     // line breaks pending
	space := false // a space pending
	started := false
	for i := 0; i < len(s); {
		c := s[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '\r' || r == '\n':
			if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				n = 2
			}
			space = false
			if started {
				blank++
			}
		case isFoldedSpace(r):
			space = true
		default:
			if blank > 1 {
				b.WriteString("\n\n")
			} else if (space || blank == 1) && started {
				b.WriteByte(' ')
			}
			blank, space, started = 0, false, true
			// Copy the run of ordinary characters that follows at once.
			j := i + n
			for j < len(s) && s[j] < utf8.RuneSelf && s[j] > ' ' {
				j++
			}
			b.WriteString(s[i:j])
			n = j - i
		}
		i += n
	}
	return b.String()
}

// isFoldedSpace reports the horizontal spaces that Normalize folds: the
// clause reader's spaces but the line breaks, so that both read the same
// blocks the same way.
func isFoldedSpace(r rune) bool {
	return r != '\n' && r != '\r' && clausetext.IsSpace(r)
}

type tokKind uint8

const (
	tSpace tokKind = iota
	tWord
	tMarker // a block's clause number, as internal/clause/clausetext reads it: "3.4.1."
	tPunct
	tInvalid // a byte that is not UTF-8, kept as it is
)

type token struct {
	text string
	key  string // what is compared: ё as е, every dash as one
	kind tokKind
}

// joiners join two runs of letters or digits into one word when they stand
// between them: веб-сайт, 152-ФЗ, example.ru, don't.
func isJoiner(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\'', '\u2019', '.', '_':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

// tokenize splits a normalised text into words, runs of white space and
// single punctuation marks. The tokens' texts concatenated give s back
// exactly. A clause number is words and dots here: whether it opens a
// clause depends on the document around it (block.tokens).
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/6+1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			toks = append(toks, token{text: s[i : i+1], kind: tInvalid})
			i++
		case isSpaceRune(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isSpaceRune(r2) {
					break
				}
				j += n2
			}
			toks = append(toks, token{text: s[i:j], kind: tSpace})
			i = j
		case isWordRune(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if isJoiner(r2) && j+n2 < len(s) {
					r3, n3 := utf8.DecodeRuneInString(s[j+n2:])
					if isWordRune(r3) {
						j += n2 + n3
						continue
					}
				}
				break
			}
			toks = append(toks, token{text: s[i:j], kind: tWord})
			i = j
		default:
			toks = append(toks, token{text: s[i : i+n], kind: tPunct})
			i += n
		}
	}
	for k := range toks {
		if toks[k].key == "" {
			toks[k].key = foldKey(toks[k].text)
		}
	}
	return toks
}

// foldKey makes ё and е, and the dash forms, compare equal: editors swap
// them freely and a lawyer does not read them as changes of meaning.
func foldKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	for _, r := range s {
		if r == 'ё' || r == 'Ё' || isDash(r) {
			return strings.Map(func(r rune) rune {
				switch {
				case r == 'ё':
					return 'е'
				case r == 'Ё':
					return 'Е'
				case isDash(r):
					return '-'
				}
				return r
			}, s)
		}
	}
	return s
}

func isDash(r rune) bool {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return true
	}
	return false
}
