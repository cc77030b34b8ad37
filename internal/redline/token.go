package redline

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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

// isFoldedSpace reports the horizontal spaces that Normalize folds.
func isFoldedSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', '\u00A0', '\u2007', '\u202F', '\u2060', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200A'
}

type tokKind uint8

const (
	tSpace tokKind = iota
	tWord
	tMarker // a clause number opening a block: "3.4.1."
	tPunct
	tInvalid // a byte that is not UTF-8, kept as it is
)

type token struct {
	text string
	key  string // what is compared: ё as е, every dash as one
	kind tokKind
}

// markerRe finds a clause number at the start of a block: "3.", "3.4.1.",
// "3.4", or a lettered section "A.". Components have at most three digits so
// that a year opening a paragraph is not a clause.
var markerRe = regexp.MustCompile(`^(?:\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+|[A-ZА-ЯЁ]\.)(?: |\n|$)`)

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

// tokenize splits a normalised text into words, clause markers, runs of
// white space and single punctuation marks. The tokens' texts concatenated
// give s back exactly.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/6+1)
	blockStart := true
	for i := 0; i < len(s); {
		if blockStart {
			blockStart = false
			if m := markerRe.FindString(s[i:]); m != "" {
				m = strings.TrimRight(m, " \n")
				toks = append(toks, token{text: m, key: m, kind: tMarker})
				i += len(m)
				continue
			}
		}
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
			t := s[i:j]
			toks = append(toks, token{text: t, kind: tSpace})
			blockStart = strings.Contains(t, "\n\n")
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
