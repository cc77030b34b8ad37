package redline

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"policysite/internal/clause/clausetext"
)

// group splits the paragraphs into clauses: a clause starts at every
// paragraph that opens with a clause number on either side.
func (d *differ) group() {
	r := &d.res
	var cur *Clause
	var kinds []Change
	used := map[string]int{}
	finish := func() {
		if cur == nil {
			return
		}
		cur.Change = groupChange(kinds)
		r.Clauses = append(r.Clauses, *cur)
		cur, kinds = nil, nil
	}
	moveFrom := map[int]int{}
	moveTo := map[int]int{}
	for k := range r.paras {
		p := &r.paras[k]
		var na, nb string
		if p.a >= 0 {
			na = d.A[p.a].number
		}
		if p.b >= 0 {
			nb = d.B[p.b].number
		}
		if cur == nil || na != "" || nb != "" {
			finish()
			// The numbers are cloned: a caller that keeps only a
			// result's clauses must not keep both texts alive through them.
			cur = &Clause{Number: strings.Clone(nb), OldNumber: strings.Clone(na), Ops: [2]int{p.ops[0], p.ops[0]}, paras: [2]int{k, k}}
			cur.Title = d.title(p)
			cur.Anchor = anchor(cur, used)
		}
		cur.Ops[1] = p.ops[1]
		cur.paras[1] = k + 1
		kinds = append(kinds, p.change)
		for _, l := range p.links {
			l.Clause = len(r.Clauses)
			r.Links = append(r.Links, l)
		}
		if p.format != nil {
			f := *p.format
			f.Clause = len(r.Clauses)
			r.Formats = append(r.Formats, f)
		}
		if p.move != 0 {
			if p.b < 0 {
				moveFrom[p.move] = len(r.Clauses)
			} else {
				moveTo[p.move] = len(r.Clauses)
			}
		}
	}
	finish()
	for k := range r.paras {
		// Gathered into r.Links and r.Formats: a decoded Result has
		// them there only.
		r.paras[k].links, r.paras[k].format = nil, nil
	}
	d.moves(moveFrom, moveTo)
	slices.SortFunc(r.Moves, func(a, b Move) int { return a.ID - b.ID })
	// The links of moved paragraphs came last; the list is in the new
	// text's order.
	slices.SortStableFunc(r.Links, func(a, b LinkChange) int { return a.Op - b.Op })
	if r.Moves == nil {
		r.Moves = []Move{}
	}
	if r.Links == nil {
		r.Links = []LinkChange{}
	}
	if r.Formats == nil {
		r.Formats = []FormatChange{}
	}
	if r.Ops == nil {
		r.Ops = []Op{}
	}
	if r.Clauses == nil {
		r.Clauses = []Clause{}
	}
	d.stats()
}

func trimBlank(ts []token) []token {
	if n := len(ts); n > 0 && ts[n-1].kind == tSpace && strings.Contains(ts[n-1].text, "\n\n") {
		return ts[:n-1]
	}
	return ts
}

func groupChange(kinds []Change) Change {
	all := func(c Change) bool {
		for _, k := range kinds {
			if k != c {
				return false
			}
		}
		return true
	}
	switch {
	case all(Inserted):
		return Inserted
	case all(Deleted):
		return Deleted
	}
	has := map[Change]bool{}
	for _, k := range kinds {
		has[k] = true
	}
	for _, c := range []Change{Changed, Inserted, Deleted} {
		if has[c] {
			return Changed
		}
	}
	for _, c := range []Change{Moved, Formatted, Renumbered, Minor} {
		if has[c] {
			return c
		}
	}
	return Unchanged
}

// title is the start of a paragraph, without its number: what a list of
// changed clauses shows. It is cut at a space, never inside a word.
func (d *differ) title(p *para) string {
	var b *block
	if p.b >= 0 {
		b = d.B[p.b]
	} else {
		b = d.A[p.a]
	}
	// A paragraph may be long; only its first words are read.
	var s strings.Builder
	i := 0
	for w := range strings.FieldsSeq(b.text[b.end:]) {
		if i > 0 {
			if i >= 10 || utf8.RuneCountInString(s.String()) > 60 {
				s.WriteString(" …")
				break
			}
			s.WriteByte(' ')
		}
		s.WriteString(strings.ToValidUTF8(w, "\uFFFD"))
		i++
	}
	return s.String()
}

// anchor gives a clause an id unique within the redline: the clause
// anchor of the edition pages where it can ("c-3-4"), so that the same
// fragment means the same clause on both.
func anchor(c *Clause, used map[string]int) string {
	var a string
	switch {
	case c.Number != "":
		a = clausetext.Anchor(c.Number)
	case c.OldNumber != "":
		a = "was-" + clausetext.Anchor(c.OldNumber)
	default:
		a = "p"
	}
	used[a]++
	if n := used[a]; n > 1 || a == "p" {
		a += "-" + strconv.Itoa(n)
	}
	return a
}

func (d *differ) stats() {
	r := &d.res
	s := &r.Stats
	for _, c := range r.Clauses {
		switch c.Change {
		case Changed:
			s.Changed++
		case Inserted:
			s.Inserted++
		case Deleted:
			s.Deleted++
		case Renumbered:
			s.Renumbered++
		case Minor:
			s.Minor++
		case Formatted:
			s.Formatted++
		case Unchanged:
			s.Unchanged++
		}
		if c.Number != "" && c.OldNumber != "" && c.Number != c.OldNumber {
			s.NumbersChanged++
		}
	}
	s.Moved = len(r.Moves)
	s.LinksChanged = len(r.Links)
	for _, o := range r.Ops {
		if o.Break {
			n := strings.Count(o.Text, "\n\n")
			if o.Op == Insert {
				s.BreaksInserted += n
			} else if o.Op == Delete {
				s.BreaksDeleted += n
			}
		}
		if o.Op == Equal || o.Minor || o.Renumber || o.Move != 0 || o.Break || o.Format {
			continue
		}
		n := countWords(o.Text)
		if o.Op == Delete {
			s.WordsDeleted += n
		} else {
			s.WordsInserted += n
		}
	}
}

// countWords counts the words of an operation's text, but the clause
// number it may open with: a number is not a word of the clause.
func countWords(s string) int {
	n := 0
	for _, t := range tokenize(s[clausetext.Lead(s):]) {
		if t.kind == tWord {
			n++
		}
	}
	return n
}

// moveLinks finds the link changes of a moved paragraph, old para q and
// new para p, whose word diff is ops (nil when only its place changed),
// and shows them after the paragraph at its new place.
func (d *differ) moveLinks(q para, p *para, ops []Op) {
	a, b := d.A[q.a], d.B[p.b]
	o, n := sideOf([]*block{a}), sideOf([]*block{b})
	if !o.marked || !n.marked {
		return
	}
	if ops == nil {
		ops = []Op{{Op: Equal, Text: b.text}}
	}
	for _, l := range linkChanges(o, n, segsOf(ops), a.text, b.text) {
		l.Op = p.ops[1] - 1
		d.res.Links = append(d.res.Links, LinkChange{Clause: d.clauseOfPara(p), Op: l.Op, Text: l.Text, Old: l.Old, New: l.New})
	}
}

// clauseOfPara is the index of the clause that holds para p.
func (d *differ) clauseOfPara(p *para) int {
	for i, c := range d.res.Clauses {
		if c.Ops[0] <= p.ops[0] && p.ops[0] < c.Ops[1] {
			return i
		}
	}
	return len(d.res.Clauses) - 1
}

// moves lists the result's moves, each with the word diff of its old and
// new paragraph when they differ, and the link changes of moved
// paragraphs.
func (d *differ) moves(moveFrom, moveTo map[int]int) {
	r := &d.res
	for k := range r.paras {
		p := &r.paras[k]
		if p.move == 0 || p.a >= 0 && p.b >= 0 || p.b < 0 {
			continue
		}
		m := Move{ID: p.move, To: moveTo[p.move], From: moveFrom[p.move]}
		// The old paragraph of this move, to show what changed on the way.
		for _, q := range r.paras {
			if q.move == p.move && q.b < 0 {
				if d.A[q.a].key != d.B[p.b].key || d.A[q.a].marker != d.B[p.b].marker {
					var ops opList
					d.diffTokens(&ops, trimBlank(d.A[q.a].tokens()), trimBlank(d.B[p.b].tokens()))
					m.Ops = ops
				}
				d.moveLinks(q, p, m.Ops)
				break
			}
		}
		r.Moves = append(r.Moves, m)
	}
}
