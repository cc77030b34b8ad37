package redline

import (
	"fmt"
	"html"
	"io"
	"strings"

	"policysite/internal/termsafe"
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

// TextOptions says how WriteText prints.
type TextOptions struct {
	// Color prints deletions red and struck through and insertions green
	// and underlined, for a terminal; otherwise [-deleted-] and {+inserted+}.
	Color  bool
	Labels Labels
}

const (
	ansiDel   = "\x1b[31;9m"
	ansiIns   = "\x1b[32;4m"
	ansiNote  = "\x1b[2m"
	ansiReset = "\x1b[0m"
)

// WriteText prints the redline for a terminal: changed clauses in full,
// runs of unchanged clauses as one line naming them. Every text it prints
// goes through termsafe.Escape, so that a policy's text or a label shows
// its control characters rather than the terminal obeying them; only the
// colours it adds itself reach the terminal as escape sequences.
func (r *Result) WriteText(w io.Writer, o TextOptions) error {
	l := o.Labels
	if l.Unchanged == nil {
		l = English
	}
	var b strings.Builder
	text := func(s string) { b.WriteString(termsafe.Escape(s)) }
	del := func(s string) {
		if o.Color {
			b.WriteString(ansiDel)
			text(s)
			b.WriteString(ansiReset)
		} else {
			b.WriteString("[-")
			text(s)
			b.WriteString("-]")
		}
	}
	ins := func(s string) {
		if o.Color {
			b.WriteString(ansiIns)
			text(s)
			b.WriteString(ansiReset)
		} else {
			b.WriteString("{+")
			text(s)
			b.WriteString("+}")
		}
	}
	note := func(s string) {
		if o.Color {
			b.WriteString(" " + ansiNote + "(")
			text(s)
			b.WriteString(")" + ansiReset)
		} else {
			b.WriteString(" (")
			text(s)
			b.WriteString(")")
		}
	}
	ops := func(list []Op) {
		for _, op := range list {
			switch op.Op {
			case Equal:
				text(op.Text)
			case Delete:
				del(op.Text)
			case Insert:
				ins(op.Text)
			}
		}
	}
	first := true
	for _, s := range r.sections() {
		if !first {
			b.WriteString("\n\n")
		}
		first = false
		if s.folded {
			text("⋯ " + l.Unchanged(len(s.clauses), r.numbers(s.clauses, l)) + " ⋯")
			continue
		}
		for k, p := range r.parasOf(s.clauses[0]) {
			if k > 0 {
				b.WriteString("\n\n")
			}
			list := r.paraOps(p)
			switch {
			case p.move != 0 && p.b < 0:
				ops(list)
				note(r.movedTo(p.move, l))
			case p.move != 0:
				m := r.move(p.move)
				if m.Ops != nil {
					ops(m.Ops)
				} else {
					ops(list)
				}
				note(r.movedFrom(p.move, l))
			default:
				ops(list)
			}
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// HTML returns the redline as two views: inline, with <del> and <ins> in
// the new text's order, and side by side, a table with the old paragraph
// beside the new one. Unchanged clauses are folded into <details> in the
// inline view and into one row in the table. Ids are the clauses' anchors
// (inline) and the same prefixed with "s-" (side by side).
func (r *Result) HTML(l Labels) (inline, side string) {
	if l.Unchanged == nil {
		l = English
	}
	esc := func(s string) string {
		return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>\n")
	}
	var b strings.Builder
	span := func(op Op) {
		cls := ""
		switch {
		case op.Minor:
			cls = ` class="rl-minor"`
		case op.Renumber:
			cls = ` class="rl-renum"`
		}
		switch op.Op {
		case Equal:
			b.WriteString(esc(op.Text))
		case Delete:
			fmt.Fprintf(&b, `<del%s><span class="visually-hidden">%s </span>%s</del>`, cls, html.EscapeString(l.Deleted), esc(op.Text))
		case Insert:
			fmt.Fprintf(&b, `<ins%s><span class="visually-hidden">%s </span>%s</ins>`, cls, html.EscapeString(l.Inserted), esc(op.Text))
		}
	}
	moveNote := func(href, text string) {
		fmt.Fprintf(&b, ` <a class="rl-move-note" href="#%s">%s</a>`, href, html.EscapeString(text))
	}
	paraHTML := func(p para, prefix string) {
		list := r.paraOps(p)
		cls := "rl-p rl-" + string(p.change)
		switch {
		case p.move != 0 && p.b < 0:
			fmt.Fprintf(&b, `<p class="%s rl-moved-out" id="%smv-%d-from">`, cls, prefix, p.move)
			for _, op := range list {
				span(op)
			}
			moveNote(fmt.Sprintf("%smv-%d-to", prefix, p.move), r.movedTo(p.move, l))
		case p.move != 0:
			m := r.move(p.move)
			fmt.Fprintf(&b, `<p class="%s rl-moved-in" id="%smv-%d-to">`, cls, prefix, p.move)
			if m.Ops != nil {
				for _, op := range m.Ops {
					span(op)
				}
			} else {
				b.WriteString(esc(joinOps(list, Insert)))
			}
			moveNote(fmt.Sprintf("%smv-%d-from", prefix, p.move), r.movedFrom(p.move, l))
		default:
			fmt.Fprintf(&b, `<p class="%s">`, cls)
			for _, op := range list {
				span(op)
			}
		}
		b.WriteString("</p>\n")
	}
	clauseHTML := func(i int) {
		c := r.Clauses[i]
		fmt.Fprintf(&b, `<section class="rl-clause rl-%s" id="%s">`+"\n", c.Change, c.Anchor)
		for _, p := range r.parasOf(i) {
			paraHTML(p, "")
		}
		b.WriteString("</section>\n")
	}
	b.WriteString(`<div class="rl-inline">` + "\n")
	for _, s := range r.sections() {
		if !s.folded {
			clauseHTML(s.clauses[0])
			continue
		}
		fmt.Fprintf(&b, `<details class="rl-fold"><summary>%s</summary>`+"\n", html.EscapeString(l.Unchanged(len(s.clauses), r.numbers(s.clauses, l))))
		for _, i := range s.clauses {
			clauseHTML(i)
		}
		b.WriteString("</details>\n")
	}
	b.WriteString("</div>\n")
	inline = b.String()

	b.Reset()
	fmt.Fprintf(&b, `<table class="rl-side"><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead>`+"\n<tbody>\n", html.EscapeString(l.Old), html.EscapeString(l.New))
	cell := func(list []Op, k Kind) {
		for _, op := range list {
			if op.Op == Equal || op.Op == k {
				span(op)
			}
		}
	}
	for _, s := range r.sections() {
		if s.folded {
			fmt.Fprintf(&b, `<tr class="rl-fold-row"><td colspan="2">%s</td></tr>`+"\n", html.EscapeString(l.Unchanged(len(s.clauses), r.numbers(s.clauses, l))))
			continue
		}
		c := r.Clauses[s.clauses[0]]
		for k, p := range r.parasOf(s.clauses[0]) {
			id := ""
			if k == 0 {
				id = fmt.Sprintf(` id="s-%s"`, c.Anchor)
			}
			list := r.paraOps(p)
			fmt.Fprintf(&b, `<tr class="rl-%s"%s>`, p.change, id)
			switch {
			case p.move != 0 && p.b < 0:
				fmt.Fprintf(&b, `<td id="s-mv-%d-from">`, p.move)
				cell(list, Delete)
				moveNote(fmt.Sprintf("s-mv-%d-to", p.move), r.movedTo(p.move, l))
				b.WriteString("</td><td>")
			case p.move != 0:
				fmt.Fprintf(&b, `<td></td><td id="s-mv-%d-to">`, p.move)
				cell(list, Insert)
				moveNote(fmt.Sprintf("s-mv-%d-from", p.move), r.movedFrom(p.move, l))
			default:
				b.WriteString("<td>")
				cell(list, Delete)
				b.WriteString("</td><td>")
				cell(list, Insert)
			}
			b.WriteString("</td></tr>\n")
		}
	}
	b.WriteString("</tbody></table>\n")
	return inline, b.String()
}

func joinOps(list []Op, k Kind) string {
	var s strings.Builder
	for _, op := range list {
		if op.Op == Equal || op.Op == k {
			s.WriteString(op.Text)
		}
	}
	return s.String()
}
