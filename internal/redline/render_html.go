package redline

import (
	"fmt"
	"html"
	"strings"
)

// htmlWriter renders a redline's views.
type htmlWriter struct {
	b     strings.Builder
	l     Labels
	marks marksAt
}

func esc(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>\n")
}

// op renders one operation. inline is true in the inline view, where a
// deleted break's stand-in space is not shown (the inserted one is).
func (h *htmlWriter) op(op Op, inline bool) {
	b := &h.b
	cls := ""
	switch {
	case op.Minor:
		cls = ` class="rl-minor"`
	case op.Renumber:
		cls = ` class="rl-renum"`
	case op.Format:
		cls = ` class="rl-format"`
	}
	switch {
	case op.Op == Equal:
		b.WriteString(esc(op.Text))
	case op.Break && breakShown(op):
		label, tag := h.l.BreakInserted, "ins"
		if op.Op == Delete {
			label, tag = h.l.BreakDeleted, "del"
		}
		fmt.Fprintf(b, `<%s class="rl-break"><span class="visually-hidden">%s</span><span aria-hidden="true">¶</span></%s>`, tag, html.EscapeString(label), tag)
		if op.Op == Insert || !inline {
			b.WriteString("<br>\n<br>\n")
		}
	case op.Break:
		if op.Op == Insert || !inline {
			b.WriteString(esc(op.Text))
		}
	case op.Op == Delete:
		fmt.Fprintf(b, `<del%s><span class="visually-hidden">%s </span>%s</del>`, cls, html.EscapeString(h.l.Deleted), esc(op.Text))
	case op.Op == Insert:
		fmt.Fprintf(b, `<ins%s><span class="visually-hidden">%s </span>%s</ins>`, cls, html.EscapeString(h.l.Inserted), esc(op.Text))
	}
}

// link renders a link's addresses: both in the inline view, the old or
// the new one in a column of the side-by-side view.
func (h *htmlWriter) link(lc LinkChange, old, new bool) {
	if (!old || lc.Old == "") && (!new || lc.New == "") {
		return
	}
	b := &h.b
	fmt.Fprintf(b, ` <span class="rl-link"><span class="rl-link-label">%s</span>`, html.EscapeString(h.l.Link))
	if old && lc.Old != "" {
		fmt.Fprintf(b, ` <del><span class="visually-hidden">%s </span>%s</del>`, html.EscapeString(h.l.LinkOld), html.EscapeString(lc.Old))
	}
	if new && lc.New != "" {
		fmt.Fprintf(b, ` <ins><span class="visually-hidden">%s </span>%s</ins>`, html.EscapeString(h.l.LinkNew), html.EscapeString(lc.New))
	}
	b.WriteString(`</span>`)
}

func (h *htmlWriter) formatNote(p para) {
	if _, ok := h.marks.formats[p.ops[0]]; ok {
		fmt.Fprintf(&h.b, `<span class="rl-format-note">%s</span> `, html.EscapeString(h.l.Formatted))
	}
}

// ops renders a paragraph's operations list, the first of which is
// operation first of the result (-1 for a move's own operations), with
// each link change after the operation that ends its link, and the rest
// at the end. keep selects the operations a view shows.
func (h *htmlWriter) ops(r *Result, p para, list []Op, first int, inline, old, new bool, keep func(Op) bool) {
	for i, op := range list {
		if keep(op) {
			h.op(op, inline)
		}
		if first >= 0 {
			for _, lc := range h.marks.links[first+i] {
				h.link(lc, old, new)
			}
		}
	}
	from := p.ops[0]
	if first >= 0 {
		from += len(list)
	}
	for _, lc := range h.marks.linksIn(from, p.ops[1]) {
		h.link(lc, old, new)
	}
}

func all(Op) bool { return true }

// HTML returns the redline as two views: inline, with <del> and <ins> in
// the new text's order, and side by side, a table with the old paragraph
// beside the new one. Unchanged clauses are folded into <details> in the
// inline view and into one row in the table. Ids are the clauses' anchors
// (inline) and the same prefixed with "s-" (side by side). A changed link
// shows its old and new address after its text; a paragraph whose
// formatting changed says so; a paragraph break inserted or deleted shows
// as "¶", announced as such.
func (r *Result) HTML(l Labels) (inline, side string) {
	if l.Unchanged == nil {
		l = English
	}
	h := &htmlWriter{l: l, marks: r.marksAt()}
	return r.inlineHTML(h), r.sideHTML(h)
}

func (h *htmlWriter) moveNote(href, text string) {
	fmt.Fprintf(&h.b, ` <a class="rl-move-note" href="#%s">%s</a>`, href, html.EscapeString(text))
}

func (r *Result) inlineHTML(h *htmlWriter) string {
	b := &h.b
	b.Reset()
	paraHTML := func(p para) {
		list := r.paraOps(p)
		cls := "rl-p rl-" + string(p.change)
		switch {
		case p.move != 0 && p.b < 0:
			fmt.Fprintf(b, `<p class="%s rl-moved-out" id="mv-%d-from">`, cls, p.move)
			h.ops(r, p, list, p.ops[0], true, true, true, all)
			h.moveNote(fmt.Sprintf("mv-%d-to", p.move), r.movedTo(p.move, h.l))
		case p.move != 0:
			m := r.move(p.move)
			fmt.Fprintf(b, `<p class="%s rl-moved-in" id="mv-%d-to">`, cls, p.move)
			if m.Ops != nil {
				h.ops(r, p, m.Ops, -1, true, true, true, all)
			} else {
				b.WriteString(esc(joinOps(list, Insert)))
				h.ops(r, p, nil, -1, true, true, true, all)
			}
			h.moveNote(fmt.Sprintf("mv-%d-from", p.move), r.movedFrom(p.move, h.l))
		default:
			fmt.Fprintf(b, `<p class="%s">`, cls)
			h.formatNote(p)
			h.ops(r, p, list, p.ops[0], true, true, true, all)
		}
		b.WriteString("</p>\n")
	}
	clauseHTML := func(i int) {
		c := r.Clauses[i]
		fmt.Fprintf(b, `<section class="rl-clause rl-%s" id="%s">`+"\n", c.Change, c.Anchor)
		for _, p := range r.parasOf(i) {
			paraHTML(p)
		}
		b.WriteString("</section>\n")
	}
	b.WriteString(`<div class="rl-inline">` + "\n")
	for _, s := range r.sections() {
		if !s.folded {
			clauseHTML(s.clauses[0])
			continue
		}
		fmt.Fprintf(b, `<details class="rl-fold"><summary>%s</summary>`+"\n", html.EscapeString(h.l.Unchanged(len(s.clauses), r.numbers(s.clauses, h.l))))
		for _, i := range s.clauses {
			clauseHTML(i)
		}
		b.WriteString("</details>\n")
	}
	b.WriteString("</div>\n")
	return b.String()
}

func (r *Result) sideHTML(h *htmlWriter) string {
	b := &h.b
	b.Reset()
	l := h.l
	fmt.Fprintf(b, `<table class="rl-side"><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead>`+"\n<tbody>\n", html.EscapeString(l.Old), html.EscapeString(l.New))
	oldSide := func(op Op) bool { return op.Op != Insert }
	newSide := func(op Op) bool { return op.Op != Delete }
	for _, s := range r.sections() {
		if s.folded {
			fmt.Fprintf(b, `<tr class="rl-fold-row"><td colspan="2">%s</td></tr>`+"\n", html.EscapeString(l.Unchanged(len(s.clauses), r.numbers(s.clauses, l))))
			continue
		}
		c := r.Clauses[s.clauses[0]]
		for k, p := range r.parasOf(s.clauses[0]) {
			id := ""
			if k == 0 {
				id = fmt.Sprintf(` id="s-%s"`, c.Anchor)
			}
			list := r.paraOps(p)
			fmt.Fprintf(b, `<tr class="rl-%s"%s>`, p.change, id)
			switch {
			case p.move != 0 && p.b < 0:
				fmt.Fprintf(b, `<td id="s-mv-%d-from">`, p.move)
				h.ops(r, p, list, p.ops[0], false, true, false, oldSide)
				h.moveNote(fmt.Sprintf("s-mv-%d-to", p.move), r.movedTo(p.move, l))
				b.WriteString("</td><td>")
			case p.move != 0:
				fmt.Fprintf(b, `<td></td><td id="s-mv-%d-to">`, p.move)
				h.ops(r, p, list, p.ops[0], false, false, true, newSide)
				h.moveNote(fmt.Sprintf("s-mv-%d-from", p.move), r.movedFrom(p.move, l))
			default:
				b.WriteString("<td>")
				h.ops(r, p, list, p.ops[0], false, true, false, oldSide)
				b.WriteString("</td><td>")
				h.formatNote(p)
				h.ops(r, p, list, p.ops[0], false, false, true, newSide)
			}
			b.WriteString("</td></tr>\n")
		}
	}
	b.WriteString("</tbody></table>\n")
	return b.String()
}
