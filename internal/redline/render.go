package redline

import (
	"fmt"
	"strings"
)

// Labels are the words a rendered redline needs, in the reader's language.
type Labels struct {
	// Deleted and Inserted are read out before struck and inserted text;
	// on screen they are visually hidden, so that colour and line style
	// are not the only signal.
	Deleted, Inserted string
	// MovedTo and MovedFrom take one %s: a clause number.
	MovedTo, MovedFrom string
	// MovedToOpening and MovedFromOpening are for the text before the
	// first numbered clause.
	MovedToOpening, MovedFromOpening string
	// Opening names the text before the first numbered clause in a list
	// of clause numbers.
	Opening string
	// Unchanged describes a folded run of n unchanged clauses; numbers is
	// their numbers, "1.2–1.4" or "1.2, 1.3".
	Unchanged func(n int, numbers string) string
	// Old and New head the columns of the side-by-side view.
	Old, New string
	// Link stands before a link's old and new addresses; LinkOld and
	// LinkNew are read out before each (visually hidden).
	Link, LinkOld, LinkNew string
	// Formatted marks a paragraph whose formatting changed.
	Formatted string
	// BreakInserted and BreakDeleted are read out at a paragraph break
	// inserted or deleted (visually hidden; "¶" shows).
	BreakInserted, BreakDeleted string
}

// English is the default set of labels.
var English = Labels{
	Deleted: "deleted:", Inserted: "inserted:",
	MovedTo: "moved to %s", MovedFrom: "moved from %s",
	MovedToOpening: "moved to the opening text", MovedFromOpening: "moved from the opening text",
	Opening: "opening text",
	Unchanged: func(n int, numbers string) string {
		if n == 1 {
			return "1 unchanged clause: " + numbers
		}
		return fmt.Sprintf("%d unchanged clauses: %s", n, numbers)
	},
	Old: "Old edition", New: "New edition",
	Link: "link", LinkOld: "old address:", LinkNew: "new address:",
	Formatted:     "formatting changed",
	BreakInserted: "paragraph break inserted", BreakDeleted: "paragraph break deleted",
}

// section is a run of clauses shown together: one changed clause, or
// unchanged clauses folded into one.
type section struct {
	folded  bool
	clauses []int
}

func (r *Result) sections() []section {
	var out []section
	for i, c := range r.Clauses {
		fold := c.Change == Unchanged
		if n := len(out); fold && n > 0 && out[n-1].folded {
			out[n-1].clauses = append(out[n-1].clauses, i)
			continue
		}
		out = append(out, section{folded: fold, clauses: []int{i}})
	}
	return out
}

// numbers spells the numbers of a folded run.
func (r *Result) numbers(idx []int, l Labels) string {
	var nums []string
	for _, i := range idx {
		if n := r.Clauses[i].Number; n != "" {
			nums = append(nums, n)
		} else if i == 0 {
			nums = append(nums, l.Opening)
		}
	}
	switch {
	case len(nums) == 0:
		return l.Opening
	case len(nums) <= 3:
		return strings.Join(nums, ", ")
	}
	return nums[0] + "–" + nums[len(nums)-1]
}

// parasOf returns the paragraphs of clause i.
func (r *Result) parasOf(i int) []para {
	c := r.Clauses[i]
	return r.paras[c.paras[0]:c.paras[1]]
}

func (r *Result) move(id int) *Move {
	for i := range r.Moves {
		if r.Moves[i].ID == id {
			return &r.Moves[i]
		}
	}
	return nil
}

// movedTo and movedFrom say where move id went or came from.
func (r *Result) movedTo(id int, l Labels) string {
	if n := r.Clauses[r.move(id).To].Number; n != "" {
		return fmt.Sprintf(l.MovedTo, n)
	}
	return l.MovedToOpening
}

func (r *Result) movedFrom(id int, l Labels) string {
	c := r.Clauses[r.move(id).From]
	if c.OldNumber != "" {
		return fmt.Sprintf(l.MovedFrom, c.OldNumber)
	}
	return l.MovedFromOpening
}

// paraOps returns a paragraph's operations without the blank line that
// separates it from the next, which the layout shows instead.
func (r *Result) paraOps(p para) []Op {
	ops := append([]Op(nil), r.Ops[p.ops[0]:p.ops[1]]...)
	for len(ops) > 0 && isBlank(ops[len(ops)-1].Text) {
		ops = ops[:len(ops)-1]
	}
	if n := len(ops); n > 0 {
		ops[n-1].Text = strings.TrimRight(ops[n-1].Text, " \n")
	}
	return ops
}

// marksAt indexes a result's link and formatting changes by operation,
// for rendering.
type marksAt struct {
	links   map[int][]LinkChange
	formats map[int]FormatChange
}

func (r *Result) marksAt() marksAt {
	m := marksAt{links: map[int][]LinkChange{}, formats: map[int]FormatChange{}}
	for _, l := range r.Links {
		m.links[l.Op] = append(m.links[l.Op], l)
	}
	for _, f := range r.Formats {
		m.formats[f.Op] = f
	}
	return m
}

// linksIn returns the link changes of the operations [lo, hi).
func (m marksAt) linksIn(lo, hi int) []LinkChange {
	var out []LinkChange
	for k := lo; k < hi; k++ {
		out = append(out, m.links[k]...)
	}
	return out
}

// breakShown reports whether a Break operation shows as a break: the one
// that holds the blank line. The space that stands for it on the other
// side is shown as plain space where its side is shown, and not at all
// in the inline view when it is a deletion.
func breakShown(o Op) bool { return strings.Contains(o.Text, "\n\n") }

func joinOps(list []Op, k Kind) string {
	var s strings.Builder
	for _, op := range list {
		if op.Op == Equal || op.Op == k {
			s.WriteString(op.Text)
		}
	}
	return s.String()
}
