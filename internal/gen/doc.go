package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The document model is language-neutral: a sentence is a template and the
// entries chosen for its slots, so one edit changes the Russian and the
// English edition alike and both keep the same clause numbers.

type sentence struct {
	t *tmpl
	f []int // an index into kinds[t.slots[i]] per slot
	q int   // 1 + an index into qualifiers, or 0
}

type list struct {
	t     *listT
	items [][]int // the slot fills of each item
}

type clause struct {
	sents []sentence   // the clause's own text (empty for a list clause)
	list  *list        // a bulleted list after the introduction
	subs  [][]sentence // sub-clauses 3.4.1., 3.4.2., …
	// closing marks the last clause of the document, which states the
	// edition's dates.
	closing bool
}

type section struct {
	topic   *topic
	clauses []*clause
}

type document struct {
	kind     *docKind
	intro    []sentence
	sections []*section
}

// writer builds and edits one policy's document.
type writer struct {
	r   *rand.Rand
	doc *document
}

// pickFills fills slots, never putting the same entry in two slots of one kind.
func (g *writer) pickFills(slots []string) []int {
	f := make([]int, len(slots))
	for i, k := range slots {
		n := len(kinds[k])
		for {
			f[i] = g.r.IntN(n)
			dup := false
			for j := 0; j < i; j++ {
				if slots[j] == k && f[j] == f[i] {
					dup = true
				}
			}
			if !dup || n == 1 {
				break
			}
		}
	}
	return f
}

// pickTemplate chooses a sentence for a section, mostly from its topic. It
// avoids the templates in avoid (those the section already uses) while it
// can, and those in strict (the clause's own) always.
func (g *writer) pickTemplate(tp *topic, avoid, strict map[*tmpl]bool) *tmpl {
	for try := 0; ; try++ {
		var t *tmpl
		if g.r.IntN(4) == 0 {
			t = generic[g.r.IntN(len(generic))]
		} else {
			t = tp.sents[g.r.IntN(len(tp.sents))]
		}
		if !strict[t] && (try > 50 || !avoid[t]) {
			return t
		}
	}
}

// qualifiable tells whether a qualifier may close t: not after an address,
// nor after a sentence that already has a condition or cites the law.
func qualifiable(t *tmpl) bool {
	for _, s := range []string{"{URL}", "@", "если", "закон"} {
		if strings.Contains(t.ru, s) {
			return false
		}
	}
	return true
}

func (g *writer) newSentence(tp *topic, avoid, strict map[*tmpl]bool) sentence {
	t := g.pickTemplate(tp, avoid, strict)
	s := sentence{t: t, f: g.pickFills(t.slots)}
	if qualifiable(t) && g.r.IntN(10) < 4 {
		s.q = 1 + g.r.IntN(len(qualifiers))
	}
	avoid[t], strict[t] = true, true
	return s
}

// newSentences writes n sentences for a clause of a section that already
// uses the templates in avoid, and adds theirs to it.
func (g *writer) newSentences(tp *topic, avoid map[*tmpl]bool, n int) []sentence {
	strict := map[*tmpl]bool{}
	var out []sentence
	for range n {
		out = append(out, g.newSentence(tp, avoid, strict))
	}
	return out
}

// used returns the templates that section s uses.
func (s *section) used() map[*tmpl]bool {
	m := map[*tmpl]bool{}
	for _, c := range s.clauses {
		for _, st := range c.sents {
			m[st.t] = true
		}
		for _, sub := range c.subs {
			for _, st := range sub {
				m[st.t] = true
			}
		}
		if c.list != nil {
			m[c.list.t.intro] = true
		}
	}
	return m
}

func (g *writer) newList(lt *listT) *list {
	l := &list{t: lt}
	avail := len(kinds[lt.item.slots[0]])
	n := lt.min + g.r.IntN(lt.max-lt.min+1)
	n = min(n, avail)
	for _, i := range g.r.Perm(avail)[:n] {
		f := g.pickFills(lt.item.slots)
		f[0] = i
		l.items = append(l.items, f)
	}
	return l
}

func (g *writer) newClause(s *section) *clause {
	tp := s.topic
	avoid := s.used()
	roll := g.r.IntN(100)
	if roll < 24 {
		var free []*listT
		for _, lt := range tp.lists {
			if !avoid[lt.intro] {
				free = append(free, lt)
			}
		}
		if len(free) > 0 {
			return &clause{list: g.newList(free[g.r.IntN(len(free))])}
		}
	}
	if roll >= 24 && roll < 34 {
		c := &clause{sents: g.newSentences(tp, avoid, 1)}
		for range 2 + g.r.IntN(2) {
			c.subs = append(c.subs, g.newSentences(tp, avoid, 1))
		}
		return c
	}
	n := 1
	switch r := g.r.IntN(100); {
	case r >= 60:
		n = 3
	case r >= 15:
		n = 2
	}
	return &clause{sents: g.newSentences(tp, avoid, n)}
}

func (g *writer) newSection(tp *topic) *section {
	s := &section{topic: tp}
	for range 4 + g.r.IntN(3) {
		s.clauses = append(s.clauses, g.newClause(s))
	}
	if tp == topicChanges {
		s.clauses = append(s.clauses, &clause{closing: true})
	}
	return s
}

// newDocument writes a first edition: general provisions, six topics, and
// the section on changes that ends with the edition's dates.
func newDocument(r *rand.Rand, kind *docKind) *writer {
	g := &writer{r: r, doc: &document{kind: kind}}
	for _, i := range r.Perm(len(intros))[:2] {
		g.doc.intro = append(g.doc.intro, sentence{t: intros[i]})
	}
	g.doc.sections = append(g.doc.sections, g.newSection(topicGeneral))
	for _, i := range r.Perm(len(middleTopics))[:6] {
		g.doc.sections = append(g.doc.sections, g.newSection(middleTopics[i]))
	}
	g.doc.sections = append(g.doc.sections, g.newSection(topicChanges))
	return g
}

// change describes one edit for the edition's summary.
type change struct{ en, ru string }

func clauseNo(s, c int) string { return fmt.Sprintf("%d.%d", s+1, c+1) }

// editable returns the clauses an edit may touch: all but the closing one.
func (s *section) editable() int {
	n := len(s.clauses)
	if n > 0 && s.clauses[n-1].closing {
		n--
	}
	return n
}

func (d *document) clauseCount() int {
	n := 0
	for _, s := range d.sections {
		n += s.editable()
	}
	return n
}

type clauseRef struct{ s, c int }

func (g *writer) clausesWhere(ok func(*clause) bool) []clauseRef {
	var out []clauseRef
	for si, s := range g.doc.sections {
		for ci := range s.editable() {
			if ok(s.clauses[ci]) {
				out = append(out, clauseRef{si, ci})
			}
		}
	}
	return out
}

// edit applies one to three changes, and now and then rewrites a whole
// section, keeping the document near forty clauses.
func (g *writer) edit() []change {
	var out []change
	n := 1 + g.r.IntN(3)
	for len(out) < n {
		var ch *change
		switch roll := g.r.IntN(100); {
		case roll < 35:
			ch = g.reword()
		case roll < 55:
			ch = g.changeNumber()
		case roll < 68:
			if g.doc.clauseCount() < 45 {
				ch = g.insertClause()
			}
		case roll < 78:
			ch = g.deleteItem()
		case roll < 88:
			ch = g.addItem()
		default:
			if g.doc.clauseCount() > 37 {
				ch = g.deleteClause()
			}
		}
		if ch != nil {
			out = append(out, *ch)
		}
	}
	if g.r.IntN(20) == 0 {
		out = append(out, g.rewriteSection())
	}
	return out
}

func (g *writer) reword() *change {
	refs := g.clausesWhere(func(c *clause) bool { return len(c.sents) > 0 })
	if len(refs) == 0 {
		return nil
	}
	ref := refs[g.r.IntN(len(refs))]
	sec := g.doc.sections[ref.s]
	c := sec.clauses[ref.c]
	no := clauseNo(ref.s, ref.c)
	target := &c.sents
	if len(c.subs) > 0 && g.r.IntN(2) == 0 {
		k := g.r.IntN(len(c.subs))
		target = &c.subs[k]
		no += fmt.Sprintf(".%d", k+1)
	}
	i := g.r.IntN(len(*target))
	s := &(*target)[i]
	var words []int
	for j, k := range s.t.slots {
		if !numeric[k] && len(kinds[k]) > 1 {
			words = append(words, j)
		}
	}
	if len(words) > 0 && g.r.IntN(2) == 0 {
		j := words[g.r.IntN(len(words))]
		k := s.t.slots[j]
		for taken := true; taken; {
			v := g.r.IntN(len(kinds[k]))
			taken = false
			for jj, kk := range s.t.slots {
				if kk == k && s.f[jj] == v {
					taken = true // the old entry, or another slot's
				}
			}
			if !taken {
				s.f[j] = v
			}
		}
	} else {
		strict := map[*tmpl]bool{}
		for _, x := range *target {
			strict[x.t] = true
		}
		*s = g.newSentence(sec.topic, sec.used(), strict)
	}
	return &change{"reworded clause " + no, "изменена редакция пункта " + no}
}

func (g *writer) changeNumber() *change {
	type cand struct {
		no   string
		f    []int
		slot int
		kind string
	}
	var cands []cand
	add := func(no string, t *tmpl, f []int) {
		for j, k := range t.slots {
			if numeric[k] && len(kinds[k]) > 1 {
				cands = append(cands, cand{no, f, j, k})
			}
		}
	}
	for si, s := range g.doc.sections {
		for ci := range s.editable() {
			c := s.clauses[ci]
			no := clauseNo(si, ci)
			for _, st := range c.sents {
				add(no, st.t, st.f)
			}
			for k, sub := range c.subs {
				for _, st := range sub {
					add(fmt.Sprintf("%s.%d", no, k+1), st.t, st.f)
				}
			}
			if c.list != nil {
				for _, it := range c.list.items {
					// Slot 0 tells the items apart; the others may change.
					if len(it) > 1 {
						add(no, &tmpl{slots: c.list.t.item.slots[1:]}, it[1:])
					}
				}
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	c := cands[g.r.IntN(len(cands))]
	old := c.f[c.slot]
	for c.f[c.slot] == old {
		c.f[c.slot] = g.r.IntN(len(kinds[c.kind]))
	}
	from, to := kinds[c.kind][old].en, kinds[c.kind][c.f[c.slot]].en
	return &change{
		fmt.Sprintf("in clause %s, %s replaced with %s", c.no, from, to),
		fmt.Sprintf("в пункте %s число %s заменено на %s", c.no, from, to),
	}
}

func (g *writer) insertClause() *change {
	si := g.r.IntN(len(g.doc.sections))
	s := g.doc.sections[si]
	n := s.editable()
	at := g.r.IntN(n + 1)
	s.clauses = append(s.clauses[:at], append([]*clause{g.newClause(s)}, s.clauses[at:]...)...)
	no := clauseNo(si, at)
	later := n - at // clauses renumbered, the closing one included
	if s.clauses[len(s.clauses)-1].closing {
		later++
	}
	switch {
	case later == 0:
		return &change{"added clause " + no, "добавлен пункт " + no}
	case later == 1:
		return &change{
			fmt.Sprintf("added clause %s (former clause %s is now %s)", no, no, clauseNo(si, at+1)),
			fmt.Sprintf("добавлен пункт %s (прежний пункт %s стал пунктом %s)", no, no, clauseNo(si, at+1)),
		}
	}
	return &change{
		fmt.Sprintf("added clause %s (former clauses %s–%s are now %s–%s)", no, no, clauseNo(si, at+later-1), clauseNo(si, at+1), clauseNo(si, at+later)),
		fmt.Sprintf("добавлен пункт %s (прежние пункты %s–%s стали пунктами %s–%s)", no, no, clauseNo(si, at+later-1), clauseNo(si, at+1), clauseNo(si, at+later)),
	}
}

func (g *writer) deleteClause() *change {
	var cands []clauseRef
	for si, s := range g.doc.sections {
		if s.editable() > 3 {
			for ci := range s.editable() {
				cands = append(cands, clauseRef{si, ci})
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	ref := cands[g.r.IntN(len(cands))]
	s := g.doc.sections[ref.s]
	s.clauses = append(s.clauses[:ref.c], s.clauses[ref.c+1:]...)
	no := clauseNo(ref.s, ref.c)
	if ref.c == len(s.clauses) {
		return &change{"removed clause " + no, "исключён пункт " + no}
	}
	return &change{"removed clause " + no + " (later clauses renumbered)", "исключён пункт " + no + " (последующие пункты перенумерованы)"}
}

func (g *writer) deleteItem() *change {
	refs := g.clausesWhere(func(c *clause) bool { return c.list != nil && len(c.list.items) > 3 })
	if len(refs) == 0 {
		return nil
	}
	ref := refs[g.r.IntN(len(refs))]
	l := g.doc.sections[ref.s].clauses[ref.c].list
	i := g.r.IntN(len(l.items))
	l.items = append(l.items[:i], l.items[i+1:]...)
	no := clauseNo(ref.s, ref.c)
	return &change{"removed an item from the list in clause " + no, "из перечня в пункте " + no + " исключена одна позиция"}
}

func (g *writer) addItem() *change {
	refs := g.clausesWhere(func(c *clause) bool {
		return c.list != nil && len(c.list.items) < min(c.list.t.max+1, len(kinds[c.list.t.item.slots[0]]))
	})
	if len(refs) == 0 {
		return nil
	}
	ref := refs[g.r.IntN(len(refs))]
	l := g.doc.sections[ref.s].clauses[ref.c].list
	used := map[int]bool{}
	for _, it := range l.items {
		used[it[0]] = true
	}
	var free []int
	for i := range kinds[l.t.item.slots[0]] {
		if !used[i] {
			free = append(free, i)
		}
	}
	f := g.pickFills(l.t.item.slots)
	f[0] = free[g.r.IntN(len(free))]
	at := g.r.IntN(len(l.items) + 1)
	l.items = append(l.items[:at], append([][]int{f}, l.items[at:]...)...)
	no := clauseNo(ref.s, ref.c)
	return &change{"added an item to the list in clause " + no, "перечень в пункте " + no + " дополнен новой позицией"}
}

func (g *writer) rewriteSection() change {
	si := g.r.IntN(len(g.doc.sections))
	g.doc.sections[si] = g.newSection(g.doc.sections[si].topic)
	return change{fmt.Sprintf("section %d has been rewritten", si+1), fmt.Sprintf("раздел %d изложен в новой редакции", si+1)}
}

// summary joins the changes into the edition's front matter summary.
func summary(chs []change, lang string) string {
	parts := make([]string, len(chs))
	for i, c := range chs {
		parts[i] = c.en
		if lang == "ru" {
			parts[i] = c.ru
		}
	}
	return capitalize(strings.Join(parts, "; ")) + "."
}

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
