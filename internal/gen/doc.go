package gen

import (
	"math/rand/v2"
	"strings"
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
