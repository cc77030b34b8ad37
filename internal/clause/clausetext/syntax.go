package clausetext

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is the form of a clause-like number.
type kind uint8

const (
	single kind = iota + 1 // "3."
	multi                  // "3.4", "3.4.", "3.4)", "A.1."
	letter                 // "B."
)

// cand is a block that starts with a clause-like number: a clause, an
// item of an enumeration or an entry of a table of contents, which only the
// document around it tells apart.
type cand struct {
	block      int
	start, end int
	kind       kind
	parts      []int // the numbers of single and multi: [3 4 1]
	letter     rune  // the letter of a letter, or of "A.1." forms
	// bare is a multi-level number with neither final dot nor bracket
	// ("1.1 Scope"), the form that amounts and versions share.
	bare bool
	// rest is the text after the number, which title and short read when
	// the document needs it: most blocks never ask.
	rest string
}

// maxTitle is how many words of a title are kept; a contents entry and
// its heading are compared on them.
const maxTitle = 12

func candidates(blocks []string) []cand {
	var out []cand
	for i, b := range blocks {
		if c, ok := scan(b); ok {
			c.block = i
			out = append(out, c)
		}
	}
	return out
}

// scan reads the clause-like number that block starts with, after the
// bullet that internal/plaintext writes for an item of a bulleted list.
// Each number has at most three digits and none starts with 0, so that a
// year ("2024. …"), a date ("01.02.24") or a phone number opening a
// paragraph is not a clause; it must end the block or be followed by a
// space, or by a letter right after its final dot ("3.1.The User").
func scan(block string) (cand, bool) {
	p := 0
	if rest, ok := strings.CutPrefix(block, "•"); ok {
		r, n := utf8.DecodeRuneInString(rest)
		if !IsSpace(r) {
			return cand{}, false
		}
		p = len("•") + n
		for p < len(block) {
			r, n := utf8.DecodeRuneInString(block[p:])
			if !IsSpace(r) {
				break
			}
			p += n
		}
	}
	c := cand{start: p}
	if !number(block, p, &c) && !lettered(block, p, &c) {
		return cand{}, false
	}
	c.rest = block[c.end:]
	return c, true
}

// number reads a numeric form at block[p:] into c.
func number(block string, p int, c *cand) bool {
	if l, n := utf8.DecodeRuneInString(block[p:]); isSectionLetter(l) && strings.HasPrefix(block[p+n:], ".") {
		// "A.1." is clause 1 of section A, written out.
		q := p + n + 1
		if q < len(block) && isDigit(block[q]) {
			parts, end, term, ok := digits(block, q)
			if !ok || !follows(block, end, term) {
				return false
			}
			c.kind, c.letter, c.parts, c.end, c.bare = multi, l, parts, end, term == 0
			return true
		}
		return false
	}
	parts, end, term, ok := digits(block, p)
	if !ok || !follows(block, end, term) {
		return false
	}
	switch {
	case len(parts) > 1 && term == 0 && thousands(block[p:end]):
		// "1.500 рублей", "10.000 users": an amount, not clause 1.500.
		return false
	case len(parts) > 1:
		c.kind, c.bare = multi, term == 0
	case term == '.':
		c.kind = single
	default:
		// "3)" and a bare "3" open enumerations and sentences ("30 days"),
		// not clauses.
		return false
	}
	c.parts, c.end = parts, end
	return true
}

// digits reads "3", "3.4", "3.4.1" and a final "." or ")" at s[p:].
func digits(s string, p int) (parts []int, end int, term byte, ok bool) {
	for {
		q := p
		for q < len(s) && q-p < 4 && isDigit(s[q]) {
			q++
		}
		if q == p || q-p > 3 || s[p] == '0' {
			return nil, 0, 0, false
		}
		n, _ := strconv.Atoi(s[p:q])
		parts = append(parts, n)
		if q+1 < len(s) && s[q] == '.' && isDigit(s[q+1]) {
			p = q + 1
			continue
		}
		if q < len(s) && (s[q] == '.' || s[q] == ')') {
			return parts, q + 1, s[q], true
		}
		return parts, q, 0, true
	}
}

// follows reports whether a number ending at s[end:] stands alone: the end
// of the block, a space, or a letter after a final dot.
func follows(s string, end int, term byte) bool {
	if end == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[end:])
	return IsSpace(r) || term == '.' && unicode.IsLetter(r)
}

// lettered reads a section letter, "B." followed by a space or nothing.
func lettered(block string, p int, c *cand) bool {
	l, n := utf8.DecodeRuneInString(block[p:])
	if !isSectionLetter(l) || !strings.HasPrefix(block[p+n:], ".") {
		return false
	}
	end := p + n + 1
	if end < len(block) {
		if r, _ := utf8.DecodeRuneInString(block[end:]); !IsSpace(r) {
			return false // "U.S." is not section U
		}
	}
	c.kind, c.letter, c.end = letter, l, end
	return true
}

// thousands reports whether a bare number groups digits by three after
// its first dot, as amounts are written: "1.500", "10.000.000".
func thousands(num string) bool {
	_, rest, _ := strings.Cut(num, ".")
	for g := range strings.SplitSeq(rest, ".") {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isSectionLetter is a capital Latin or Cyrillic letter.
func isSectionLetter(r rune) bool {
	return 'A' <= r && r <= 'Z' || 'А' <= r && r <= 'Я' || r == 'Ё'
}

// title returns the first words after the number, lower-cased and
// without the punctuation around them, to compare a contents entry with its
// heading.
func (c *cand) title() []string {
	var words []string
	for w := range strings.FieldsFuncSeq(c.rest, IsSpace) {
		if len(words) == maxTitle {
			break
		}
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		if w != "" {
			words = append(words, w)
		}
	}
	return words
}

// short reports whether the text after the number reads as a heading
// rather than a sentence: a few words, and no final punctuation that ends
// a sentence or opens an enumeration.
func (c *cand) short() bool {
	n := 0
	for range strings.FieldsFuncSeq(c.rest, IsSpace) {
		if n++; n > maxTitle {
			return false
		}
	}
	return n > 0 && !strings.ContainsRune(".;:,", lastRune(c.rest))
}
