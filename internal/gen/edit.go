package gen

import (
	"fmt"
	"strings"
)

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
