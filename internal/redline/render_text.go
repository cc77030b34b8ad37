package redline

import (
	"io"
	"strings"

	"policysite/internal/termsafe"
)

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

// textWriter prints a redline for a terminal.
type textWriter struct {
	b     strings.Builder
	color bool
}

func (w *textWriter) text(s string) { w.b.WriteString(termsafe.Escape(s)) }

func (w *textWriter) mark(open, close, ansi, s string) {
	if w.color {
		w.b.WriteString(ansi)
		w.text(s)
		w.b.WriteString(ansiReset)
		return
	}
	w.b.WriteString(open)
	w.text(s)
	w.b.WriteString(close)
}

func (w *textWriter) del(s string) { w.mark("[-", "-]", ansiDel, s) }
func (w *textWriter) ins(s string) { w.mark("{+", "+}", ansiIns, s) }

func (w *textWriter) note(s string) {
	if w.color {
		w.b.WriteString(" " + ansiNote + "(")
		w.text(s)
		w.b.WriteString(")" + ansiReset)
		return
	}
	w.b.WriteString(" (")
	w.text(s)
	w.b.WriteString(")")
}

// op prints one operation as the inline view shows it.
func (w *textWriter) op(o Op) {
	switch {
	case o.Op == Equal:
		w.text(o.Text)
	case o.Break && breakShown(o) && o.Op == Insert:
		w.ins("¶")
		w.b.WriteString("\n\n")
	case o.Break && breakShown(o):
		w.del("¶")
	case o.Break && o.Op == Insert:
		w.text(o.Text)
	case o.Break:
	case o.Op == Delete:
		w.del(o.Text)
	default:
		w.ins(o.Text)
	}
}

// link prints a link's old and new addresses.
func (w *textWriter) link(l LinkChange, lb Labels) {
	w.b.WriteString(" [")
	w.text(lb.Link + ":")
	if l.Old != "" {
		w.b.WriteString(" ")
		w.del(l.Old)
	}
	if l.New != "" {
		w.b.WriteString(" ")
		w.ins(l.New)
	}
	w.b.WriteString("]")
}

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
	t := &textWriter{color: o.Color}
	marks := r.marksAt()
	first := true
	for _, s := range r.sections() {
		if !first {
			t.b.WriteString("\n\n")
		}
		first = false
		if s.folded {
			t.text("⋯ " + l.Unchanged(len(s.clauses), r.numbers(s.clauses, l)) + " ⋯")
			continue
		}
		for k, p := range r.parasOf(s.clauses[0]) {
			if k > 0 {
				t.b.WriteString("\n\n")
			}
			r.paraText(t, p, marks, l)
		}
	}
	t.b.WriteString("\n")
	_, err := io.WriteString(w, t.b.String())
	return err
}

// paraText prints one paragraph: its formatting note, its operations
// with each link change after the operation that ends the link, and a
// moved paragraph's note.
func (r *Result) paraText(t *textWriter, p para, marks marksAt, l Labels) {
	if _, ok := marks.formats[p.ops[0]]; ok {
		t.b.WriteString("(")
		t.text(l.Formatted)
		t.b.WriteString(") ")
	}
	list := r.paraOps(p)
	shown := p.ops[0]
	if p.move != 0 && p.b >= 0 {
		if m := r.move(p.move); m.Ops != nil {
			list = m.Ops
		}
		shown = -1 // the move's own operations: its links go after it
	}
	for i, op := range list {
		t.op(op)
		if shown >= 0 {
			for _, lc := range marks.links[shown+i] {
				t.link(lc, l)
			}
		}
	}
	if shown < 0 || len(list) < p.ops[1]-p.ops[0] {
		from := p.ops[0]
		if shown >= 0 {
			from += len(list)
		}
		for _, lc := range marks.linksIn(from, p.ops[1]) {
			t.link(lc, l)
		}
	}
	switch {
	case p.move != 0 && p.b < 0:
		t.note(r.movedTo(p.move, l))
	case p.move != 0:
		t.note(r.movedFrom(p.move, l))
	}
}
