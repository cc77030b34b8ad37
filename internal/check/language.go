package check

import (
	"regexp"
	"strings"
	"unicode"

	"policysite/internal/policy"
)

// An edition is plainly not in its language when more than foreignShare of
// its letters are of the other script, counted over at least minLetters
// letters. Russian policies quote English names (Google Analytics,
// mozilla.org, Firefox) and English ones now and then a Russian name: in the
// real policies of ../shared and the sample site the other script is at
// most a fifth of the letters, where a text left in the wrong language is
// nearly all of them. A text shorter than minLetters says too little: a
// stub, or a clause that is mostly a product's name.
const (
	foreignShare = 0.5
	minLetters   = 200
)

// scripts is, for each language checked, its own script and the one a text
// in it must not mostly be in. Only ru and en are checked: each is told
// from the other by its script alone. For other languages a script says
// too little (Ukrainian and Kazakh are Cyrillic too, German and French
// Latin) and a check by script would warn of right texts, so they are not
// checked at all.
var scripts = map[policy.Lang]struct {
	own, other        *unicode.RangeTable
	name, otherScript string
}{
	"ru": {unicode.Cyrillic, unicode.Latin, "Russian", "Latin"},
	"en": {unicode.Latin, unicode.Cyrillic, "English", "Cyrillic"},
}

// language warns of each edition whose text is plainly not in its
// language: mostly Latin letters in a ru edition, mostly Cyrillic in an en
// one. That is a text not translated yet, or filed under the wrong
// language, as an import of a translation's history can when the
// translation began as a copy of the original.
func language(eds []*policy.Edition) []*policy.Warning {
	var out []*policy.Warning
	for _, e := range eds {
		s, ok := scripts[e.Lang]
		if !ok {
			continue
		}
		own, other := letters(readable(e.Body), s.own, s.other)
		total := own + other
		if total < minLetters || float64(other) <= foreignShare*float64(total) {
			continue
		}
		out = append(out, policy.Errorf(e.File, e.BodyLine,
			"the text is not in %s, as .%s.md says: %d%% of its letters are %s; translate it, or give it the file of its own language",
			s.name, e.Lang, other*100/total, s.otherScript))
	}
	return out
}

// letters counts the letters of text in the scripts own and other.
func letters(text string, own, other *unicode.RangeTable) (nOwn, nOther int) {
	for _, r := range text {
		switch {
		case unicode.Is(own, r):
			nOwn++
		case unicode.Is(other, r):
			nOther++
		}
	}
	return nOwn, nOther
}

var (
	// fenceRe opens or closes a fenced code block.
	fenceRe = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	// notProse are the spans a reader does not read as the text's
	// language, which are in Latin letters whatever it is: inline code,
	// HTML comments and tags (autolinks among them), entity names, kramdown
	// attribute lists and heading ids, footnote labels. Each starts with a
	// character of its own, which keeps it fast on a large site; URLs and
	// e-mail addresses, which do not, are words that prose drops.
	notProse = []*regexp.Regexp{
		regexp.MustCompile("`[^`\n]*`"),
		regexp.MustCompile(`<!--[\s\S]*?-->`),
		regexp.MustCompile(`<[^>\n]*>`),
		regexp.MustCompile(`&[A-Za-z][A-Za-z0-9]*;`),
		regexp.MustCompile(`\{[:#.][^}\n]*\}`),
		regexp.MustCompile(`\[\^[^\]\n]*\]`),
	}
)

// readable returns the Markdown body without what is not prose: fenced
// code blocks, the notProse spans, and what prose leaves out of each line.
// Indented code is left in: converters indent the paragraphs of a list
// item as much, and those are prose.
func readable(body string) string {
	text := withoutFences(body)
	for _, re := range notProse {
		text = re.ReplaceAllLiteralString(text, " ")
	}
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		b.WriteString(prose(l))
		b.WriteByte('\n')
	}
	return b.String()
}

// withoutFences returns body without its fenced code blocks.
func withoutFences(body string) string {
	if !strings.Contains(body, "```") && !strings.Contains(body, "~~~") {
		return body
	}
	var b strings.Builder
	var fence string
	for _, l := range strings.Split(body, "\n") {
		if m := fenceRe.FindStringSubmatch(l); m != nil {
			switch {
			case fence == "":
				fence = m[1]
				continue
			case m[1][0] == fence[0] && len(m[1]) >= len(fence):
				fence = ""
				continue
			}
		}
		if fence == "" {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// prose returns the words of a line of Markdown without link targets, URLs
// and e-mail addresses; a reference definition ([1]: https://…) is none.
func prose(l string) string {
	if t := strings.TrimLeft(l, " "); strings.HasPrefix(t, "[") {
		if end := strings.IndexByte(t, ']'); end > 0 && strings.HasPrefix(t[end:], "]:") {
			return ""
		}
	}
	var b strings.Builder
	for _, w := range strings.Fields(l) {
		// [text](target): the text is read, the target is not.
		if i := strings.Index(w, "]("); i >= 0 {
			w = w[:i]
		}
		bare := strings.TrimLeft(w, "([<\"'«")
		if strings.Contains(w, "://") || strings.HasPrefix(bare, "www.") || strings.HasPrefix(bare, "mailto:") || isEmail(bare) {
			continue
		}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()
}

// isEmail reports whether word is an e-mail address: something, @, and a
// domain with a dot.
func isEmail(w string) bool {
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.Contains(w[at+1:], ".")
}
