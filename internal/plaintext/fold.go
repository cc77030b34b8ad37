package plaintext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold trims every line, folds runs of spaces, and joins the lines of a
// block with spaces, as redline.Normalize does. It runs over every block of
// every edition, so it walks the bytes once instead of using a regexp.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.SplitSeq(s, "\n") {
		// Every folded space is also one that TrimSpace removes, so
		// trimming before folding gives what trimming after does.
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		start, inRun := 0, false
		for i, r := range line {
			if isFoldSpace(r) {
				if !inRun {
					b.WriteString(line[start:i])
					b.WriteByte(' ')
					inRun = true
				}
				continue
			}
			if inRun {
				start, inRun = i, false
			}
		}
		b.WriteString(line[start:])
	}
	return b.String()
}

// isFoldSpace reports whether r is a space that fold folds: the ones a
// policy's author types between words, including no-break spaces.
func isFoldSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00A0', '\u2007', '\u202F':
		return true
	}
	return false
}

// foldMap fills m, which has len(s)+1 entries, with where fold puts the
// bytes of s, so that a range of s can be found in fold(s): m[i] is the
// length of what the bytes before i make of fold(s). A byte that fold
// drops makes nothing; the one space that fold writes for a run of spaces
// counts with the run's first byte, and the space that joins two lines
// with the first byte of the second one's text, so that a range ending
// before either leaves the space out. foldMap returns len(fold(s)), and
// appends fold(s) to text when it is not nil, which tests compare.
//
// It reads s as fold does, with the same trimming and the same spaces,
// rune by rune as a range loop reads it, invalid bytes one by one.
func foldMap(s string, m []int, text *[]byte) int {
	out := 0
	for i := 0; ; {
		end := strings.IndexByte(s[i:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += i
		}
		line := s[i:end]
		body := strings.TrimLeftFunc(line, unicode.IsSpace)
		p := i + len(line) - len(body)
		body = strings.TrimRightFunc(body, unicode.IsSpace)
		for j := i; j < p; j++ {
			m[j] = out
		}
		inRun := false
		for k := 0; k < len(body); {
			r, size := utf8.DecodeRuneInString(body[k:])
			at := p + k
			if isFoldSpace(r) {
				for j := range size {
					m[at+j] = out
				}
				if !inRun {
					out, inRun = out+1, true
					appendText(text, " ")
				}
				k += size
				continue
			}
			inRun = false
			m[at] = out
			if k == 0 && out > 0 {
				out++
				appendText(text, " ")
			}
			for j := 1; j < size; j++ {
				m[at+j] = out + j
			}
			out += size
			appendText(text, body[k:k+size])
			k += size
		}
		for j := p + len(body); j < end; j++ {
			m[j] = out
		}
		m[end] = out
		if end == len(s) {
			return out
		}
		i = end + 1
	}
}

func appendText(text *[]byte, s string) {
	if text != nil {
		*text = append(*text, s...)
	}
}
