package clause

import (
	"slices"
	"strings"

	"policysite/internal/plaintext"
)

// maxRounds bounds how often settle reads an annotated body again: each
// round moves at least one clause to its next place, and a body where
// that does not converge quickly is not worth more parses.
const maxRounds = 8

// settle chooses where each clause's anchor goes, and which clause of each
// number carries it, and writes a.out.
//
// An anchor must not change the text a reader sees: the annotated body's
// plain text must be the body's, block for block. Most places are known to
// keep it (a heading's attribute, a link around a number in a paragraph);
// for the others (a list item turned into a paragraph, a link that may
// fall into code or raw HTML), the annotated body is read again, and a
// clause whose block changed moves to its next place, or has none. The
// clauses are placed first all together, repeats too, so that a number in
// code never takes the anchor from the clause that repeats it in the text.
func (a *annotation) settle() {
	all := a.place(func(*found) bool { return true })
	seen := map[string]bool{}
	repeats := false
	for i := range a.found {
		f := &a.found[i]
		switch {
		case f.placed() && !seen[f.number]:
			f.first, seen[f.number] = true, true
		case f.placed():
			repeats = true
		}
	}
	if !repeats {
		// Every placed clause is the first of its number: the body with
		// all anchors is the one with the first ones.
		a.out = all
		return
	}
	a.out = a.place(func(f *found) bool { return f.first })
	for i := range a.found {
		if f := &a.found[i]; f.first && !f.placed() {
			f.first = false
		}
	}
}

// place settles the places of the clauses that sel selects and returns
// the body with their anchors.
func (a *annotation) place(sel func(*found) bool) string {
	for round := 0; ; round++ {
		out, risky := a.apply(sel)
		if !risky {
			return out
		}
		bad := a.differing(plaintext.Blocks(out))
		if len(bad) == 0 {
			return out
		}
		moved := false
		for i := range a.found {
			f := &a.found[i]
			if sel(f) && f.placed() && (bad[f.line] || round >= maxRounds && f.opts[f.opt].risky) {
				f.opt++
				moved = true
			}
		}
		if !moved {
			// Nothing to blame: no anchor is safer than a changed text.
			for i := range a.found {
				if f := &a.found[i]; sel(f) {
					f.opt = len(f.opts)
				}
			}
		}
	}
}

// apply returns the body with the anchors of the selected clauses, and
// whether any of them is risky.
func (a *annotation) apply(sel func(*found) bool) (string, bool) {
	var ins []insert
	risky := false
	for i := range a.found {
		f := &a.found[i]
		if !sel(f) || !f.placed() {
			continue
		}
		e := f.opts[f.opt]
		risky = risky || e.risky
		for _, in := range e.ins {
			if in.text != "" {
				ins = append(ins, in)
			}
		}
	}
	if len(ins) == 0 {
		return a.body, false
	}
	slices.SortStableFunc(ins, func(x, y insert) int { return x.at - y.at })
	var b strings.Builder
	b.Grow(len(a.body) + 48*len(ins))
	last := 0
	for _, in := range ins {
		b.WriteString(a.body[last:in.at])
		b.WriteString(in.text)
		last = in.at
	}
	b.WriteString(a.body[last:])
	return b.String(), risky
}

// differing returns the lines of the blocks whose text the annotated body
// (read as got) changed. When blocks merged or split, the blocks around
// the first difference are blamed.
func (a *annotation) differing(got []plaintext.Block) map[int]bool {
	bad := map[int]bool{}
	orig := a.orig
	n := min(len(got), len(orig))
	for k := range n {
		if got[k].Text != orig[k].Text {
			bad[orig[k].Line] = true
			if len(got) != len(orig) {
				if k > 0 {
					bad[orig[k-1].Line] = true
				}
				return bad
			}
		}
	}
	if len(got) != len(orig) && n > 0 {
		bad[orig[n-1].Line] = true
	}
	return bad
}
