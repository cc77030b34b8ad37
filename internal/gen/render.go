package gen

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// renderCtx is what rendering needs besides the document.
type renderCtx struct {
	lang string // "ru" or "en"
	url  string // the policy's page in lang
}

func (d *document) expand(rc renderCtx, t *tmpl, f []int, sentenceStart bool) string {
	src := t.en
	if rc.lang == "ru" {
		src = t.ru
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(src, '{')
		if i < 0 {
			b.WriteString(src)
			break
		}
		j := strings.IndexByte(src[i:], '}')
		b.WriteString(src[:i])
		b.WriteString(d.placeholder(rc, src[i+1:i+j], t, f))
		src = src[i+j+1:]
	}
	if sentenceStart {
		return capitalize(b.String())
	}
	return b.String()
}

func (d *document) placeholder(rc renderCtx, key string, t *tmpl, f []int) string {
	if key[0] >= '0' && key[0] <= '9' {
		slot := int(key[0] - '0')
		e := kinds[t.slots[slot]][f[slot]]
		if rc.lang == "en" {
			return e.en
		}
		form := 0
		if len(key) > 1 {
			form = strings.IndexByte("ngda", key[1])
		}
		if s := e.ru[form]; s != "" {
			return s
		}
		return e.ru[0]
	}
	k := d.kind
	if rc.lang == "en" {
		switch key {
		case "URL":
			return rc.url
		case "Dthis", "DthisG", "DthisP":
			return "this " + k.enShort
		}
		return "the " + k.enShort
	}
	switch key {
	case "URL":
		return rc.url
	case "D":
		return k.ru[0]
	case "Dg":
		return k.ru[1]
	case "Dd":
		return k.ru[2]
	case "Da":
		return k.ru[3]
	case "Di":
		return k.ru[4]
	case "Dp":
		return k.ru[5]
	case "Dthis":
		return k.ruThis[0]
	case "DthisG":
		return k.ruThis[1]
	case "DthisP":
		return k.ruThis[2]
	}
	panic("gen: unknown placeholder {" + key + "}")
}

func (d *document) sentences(rc renderCtx, ss []sentence) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = d.expand(rc, s.t, s.f, true)
		if s.q > 0 {
			q := qualifiers[s.q-1].en
			if rc.lang == "ru" {
				q = qualifiers[s.q-1].ru[0]
			}
			parts[i] = strings.TrimSuffix(parts[i], ".") + q + "."
		}
	}
	return strings.Join(parts, " ")
}

// edition is what the closing clause and the front matter say about one
// edition.
type edition struct {
	posted           string // RFC 3339
	postedDate       date
	effective        *date // nil: on posting
	previous         *date // the previous edition's date, if any
	changes          []change
	enTitle, ruTitle string
	enURL, ruURL     string
}

type date struct{ y, m, d int }

func (dt date) format(lang string) string {
	if lang == "ru" {
		return fmt.Sprintf("%d %s %d года", dt.d, ruMonths[dt.m-1], dt.y)
	}
	return fmt.Sprintf("%d %s %d", dt.d, enMonths[dt.m-1], dt.y)
}

func (dt date) iso() string { return fmt.Sprintf("%04d-%02d-%02d", dt.y, dt.m, dt.d) }

func (d *document) closing(lang string, e *edition) string {
	posted := e.postedDate.format(lang)
	if lang == "ru" {
		s := fmt.Sprintf("Настоящая редакция %s размещена в Сервисе %s и вступает в силу ", d.kind.ru[1], posted)
		if e.effective == nil {
			return s + "с момента размещения."
		}
		s += e.effective.format(lang) + "."
		if e.previous != nil {
			s += " До этой даты применяется редакция от " + e.previous.format(lang) + "."
		}
		return s
	}
	s := fmt.Sprintf("This edition of the %s was posted on the Service on %s and takes effect ", d.kind.enShort, posted)
	if e.effective == nil {
		return s + "upon posting."
	}
	s += "on " + e.effective.format(lang) + "."
	if e.previous != nil {
		s += " Until then, the edition of " + e.previous.format(lang) + " applies."
	}
	return s
}

// render writes one edition's Markdown, front matter included.
func (d *document) render(lang string, e *edition) []byte {
	rc := renderCtx{lang: lang, url: e.enURL}
	title := e.enTitle
	if lang == "ru" {
		rc.url, title = e.ruURL, e.ruTitle
	}
	var b strings.Builder
	b.Grow(32 << 10)
	b.WriteString("---\ntitle: " + title + "\nposted: " + e.posted + "\n")
	if e.effective != nil {
		b.WriteString("effective: " + e.effective.iso() + "\n")
	}
	if len(e.changes) > 0 {
		b.WriteString("summary: " + yamlQuote(summary(e.changes, lang)) + "\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(d.sentences(rc, d.intro) + "\n")
	for si, s := range d.sections {
		fmt.Fprintf(&b, "\n## %d. %s\n", si+1, d.expand(rc, s.topic.title, nil, true))
		for ci, c := range s.clauses {
			no := clauseNo(si, ci)
			switch {
			case c.closing:
				fmt.Fprintf(&b, "\n%s. %s\n", no, d.closing(lang, e))
			case c.list != nil:
				fmt.Fprintf(&b, "\n%s. %s\n\n", no, d.expand(rc, c.list.t.intro, nil, true))
				items := c.list.items
				if c.list.t.sorted {
					items = sortedColumns(items)
				}
				for i, it := range items {
					end := ";"
					if i == len(items)-1 {
						end = "."
					}
					b.WriteString("- " + d.expand(rc, c.list.t.item, it, false) + end + "\n")
				}
			default:
				fmt.Fprintf(&b, "\n%s. %s\n", no, d.sentences(rc, c.sents))
				for k, sub := range c.subs {
					fmt.Fprintf(&b, "\n%s.%d. %s\n", no, k+1, d.sentences(rc, sub))
				}
			}
		}
	}
	return []byte(b.String())
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// yamlQuote writes s as a YAML double-quoted scalar.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// sortedColumns sorts each column of numeric items in descending order, so
// that a scale ("more than 48 hours: 50 %, more than 12 hours: 25 %") stays
// monotonic whatever the edits did to its numbers. Entries of a numeric kind
// are listed in ascending order.
func sortedColumns(items [][]int) [][]int {
	out := make([][]int, len(items))
	for i := range out {
		out[i] = make([]int, len(items[i]))
	}
	for col := range items[0] {
		vals := make([]int, len(items))
		for i, it := range items {
			vals[i] = it[col]
		}
		slices.Sort(vals)
		slices.Reverse(vals)
		for i := range out {
			out[i][col] = vals[i]
		}
	}
	return out
}
