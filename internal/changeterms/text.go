package changeterms

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentSpan is a sentence's place in its block, in bytes.
type sentSpan struct{ start, end int }

// abbreviations end with a period that does not end a sentence. One-letter
// words (initials, "т.е.", "e.g.", "п. 4.1") are handled apart.
var abbreviations = map[string]bool{
	"пп": true, "ст": true, "стр": true, "гг": true, "им": true, "см": true, "ср": true,
	"ул": true, "тел": true, "руб": true, "коп": true, "тыс": true, "млн": true,
	"млрд": true, "рис": true, "прим": true, "абз": true, "подп": true, "ред": true,
	"no": true, "nos": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"art": true, "sec": true, "para": true, "cf": true, "vs": true, "pp": true,
	"ch": true, "vol": true, "approx": true, "incl": true,
}

// sentences appends to out the spans of the sentences of a block, trimmed,
// the leading list marker or clause number ("- 6.2.") left out of the first.
func sentences(text string, out []sentSpan) []sentSpan {
	start := skipMarker(text)
	for i := start; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		dot := i
		i += w
		if !isTerminal(r) {
			continue
		}
		// The sentence takes further terminals and closing quotes.
		end := i
		for end < len(text) {
			r2, w2 := utf8.DecodeRuneInString(text[end:])
			if !isTerminal(r2) && !isCloser(r2) {
				break
			}
			end += w2
		}
		next := end
		for next < len(text) {
			r2, w2 := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(r2) {
				break
			}
			next += w2
		}
		i = end
		if next == end || next == len(text) {
			continue
		}
		if r2, _ := utf8.DecodeRuneInString(text[next:]); !unicode.IsUpper(r2) && !isOpener(r2) {
			continue
		}
		if r == '.' && abbreviationBefore(text[:dot]) {
			continue
		}
		out = appendSpan(out, text, start, end)
		start, i = next, next
	}
	return appendSpan(out, text, start, len(text))
}

// appendSpan adds text[start:end] without its surrounding spaces, if any is
// left.
func appendSpan(out []sentSpan, text string, start, end int) []sentSpan {
	for start < end {
		r, w := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += w
	}
	for end > start {
		r, w := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= w
	}
	if start < end {
		out = append(out, sentSpan{start, end})
	}
	return out
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }
func isCloser(r rune) bool {
	return r == '"' || r == '\'' || r == '»' || r == '”' || r == '’' || r == ')' || r == ']'
}
func isOpener(r rune) bool { return r == '«' || r == '"' || r == '“' || r == '„' || r == '(' }

// isHeading reports whether a block reads as a heading: a few words, not
// a list item, without a sentence's final punctuation.
func isHeading(text string) bool {
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	if text == "" || strings.HasPrefix(text, "•") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text)
	if isTerminal(r) || r == ':' || r == ';' || r == ',' {
		return false
	}
	return strings.Count(text, " ") < headingWords
}

// abbreviationBefore reports whether the text before a period ends with an
// abbreviation, an initial or a clause number ("пп. 4.1."), none of which
// ends a sentence.
func abbreviationBefore(before string) bool {
	i := len(before)
	for i > 0 {
		r, w := utf8.DecodeLastRuneInString(before[:i])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("./:-_@%?=&#~+", r) {
			break
		}
		i -= w
	}
	word := before[i:]
	if word == "" || strings.ContainsAny(word, "/@") {
		// An address ends the sentence it closes: "…/tos-en.bml. This",
		// "…@example.com. This".
		return false
	}
	word = strings.TrimLeft(word, "-_@%?=&#~+:")
	if strings.ContainsRune(word, '.') {
		// "т.е", "e.g", "4.1": a period inside the word.
		return true
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsLetter(r)
	}
	return abbreviations[strings.ToLower(word)]
}

// skipMarker returns where a block's text starts after a list marker and a
// clause number: "- 6.2. Text", "• Text", "6. Heading", "3) Text".
func skipMarker(text string) int {
	i := 0
	skipSpace := func() {
		for i < len(text) {
			r, w := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				return
			}
			i += w
		}
	}
	skipSpace()
	if r, w := utf8.DecodeRuneInString(text[i:]); r == '-' || r == '•' || r == '*' || r == '–' || r == '—' || r == '·' {
		if j := i + w; j < len(text) && text[j] == ' ' {
			i = j
			skipSpace()
		}
	}
	j, digits, dots := i, false, 0
	for j < len(text) {
		c := text[j]
		if c >= '0' && c <= '9' {
			j, digits = j+1, true
		} else if c == '.' && digits && text[j-1] != '.' {
			j, dots = j+1, dots+1
		} else {
			break
		}
	}
	if digits && dots == 0 && j < len(text) && text[j] == ')' {
		j, dots = j+1, 1
	}
	if dots == 0 || j >= len(text) || text[j] != ' ' && text[j] != '\t' {
		return i
	}
	i = j
	skipSpace()
	return i
}

// normalize lowercases s, folds ё to е, every space to a space, every dash
// to a hyphen and every quote to ' or ", and drops soft hyphens and
// zero-width characters, so the rules need one spelling of each.
func normalize(b *strings.Builder, s string) string {
	b.Reset()
	for _, r := range s {
		switch r {
		case 'ё', 'Ё':
			r = 'е'
		case '\u00A0', '\u2007', '\u202F', '\u2009', '\u200A', '\t', '\n', '\r':
			r = ' '
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			r = '-'
		case '\u2018', '\u2019', '\u02BC', '`', '\u00B4':
			r = '\''
		case '«', '»', '„', '“', '”', '‟':
			r = '"'
		case '\u00AD', '\u200B', '\u200C', '\u200D', '\uFEFF':
			continue
		default:
			r = lower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tokenize fills s.words with the words of s.text, normalised as by
// normalize, and s.upper with whether each starts with a capital letter.
// Words are runs of letters and digits, so "веб-сайтах" is "веб" and
// "сайтах", and "user's" is "user", "s"; soft hyphens and zero-width
// characters inside a word are dropped. The words share one string.
func (s *sentence) tokenize() {
	buf, bounds := s.buf[:0], s.bounds[:0]
	s.upper = s.upper[:0]
	in := false
	for _, r := range s.text {
		switch {
		case isWordRune(r):
			if !in {
				bounds = append(bounds, len(buf))
				s.upper = append(s.upper, unicode.IsUpper(r))
				in = true
			}
			buf = utf8.AppendRune(buf, lower(r))
		case r >= 0x80 && unicode.Is(unicode.Cf, r):
		default:
			if in {
				bounds = append(bounds, len(buf))
				in = false
			}
		}
	}
	if in {
		bounds = append(bounds, len(buf))
	}
	all := string(buf)
	s.words = s.words[:0]
	for i := 0; i+1 < len(bounds); i += 2 {
		s.words = append(s.words, all[bounds[i]:bounds[i+1]])
	}
	s.buf, s.bounds = buf, bounds
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// lower is unicode.ToLower with ё folded to е, quick for ASCII and Russian.
func lower(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r < 0x80 || r >= 'а' && r <= 'я':
		return r
	case r >= 'А' && r <= 'Я':
		return r + 'а' - 'А'
	case r == 'ё' || r == 'Ё':
		return 'е'
	}
	return unicode.ToLower(r)
}

// isWordRune reports whether r is a letter or a digit, quick for ASCII and
// Russian.
func isWordRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r >= 'А' && r <= 'я', r == 'ё', r == 'Ё':
		return true
	case r < 0x80:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
