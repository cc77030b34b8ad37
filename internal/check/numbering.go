package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"policysite/internal/clause"
	"policysite/internal/policy"
)

// numbering warns about the clause numbers of each edition that repeat, go
// backwards or skip within their level. A clause's anchor is its number,
// so a repeated number leaves the second clause without one, and a number
// out of order or skipped is most often a slip that moves a link to the
// wrong clause in a later edition. Warnings, not errors: the site builds,
// and a policy may number as its lawyers like.
func numbering(eds []*policy.Edition, an map[*policy.Edition]*Analysis) []*policy.Warning {
	var out []*policy.Warning
	for _, e := range eds {
		a := an[e]
		if a == nil || len(a.Clauses) == 0 {
			continue
		}
		at := func(c clause.Clause) int { return line(e, c) }
		for _, p := range numberProblems(e.Body, a, at) {
			out = append(out, policy.Errorf(e.File, at(p.at), "%s", p.msg))
		}
	}
	return out
}

// numberProblem is one numbering mistake, reported at the clause at.
type numberProblem struct {
	at  clause.Clause
	msg string
}

// numberProblems finds the mistakes in the numbering of body, whose
// analysis is a (its clauses each number once, as clause.Annotate gives
// them); messages name other clauses by at, their line in the file.
//
// A document may restart its numbering, in an annex or under sections
// lettered A, B, C that the clauses do not show: a clause numbered 1 (or
// 1.1, 1.1.1) after section 2 or later starts the numbering afresh, and
// only numbers within one run are compared. Under sections that the
// clauses do show ("B.6"), each section is a run of its own.
func numberProblems(body string, a *Analysis, at func(clause.Clause) int) []numberProblem {
	var out []numberProblem
	run := newNumberRun(at, "")
	for _, c := range everyClause(body, a) {
		section, rest := splitSection(c.Number)
		parts, ok := numberParts(rest)
		if section != run.section || ok && run.restarts(parts) {
			out = append(out, run.gaps()...)
			run = newNumberRun(at, section)
		}
		if !ok {
			continue
		}
		if p, ok := run.add(c, parts); !ok {
			out = append(out, p)
		}
	}
	out = append(out, run.gaps()...)
	slices.SortStableFunc(out, func(a, b numberProblem) int { return a.at.Line - b.at.Line })
	return out
}

// splitSection splits a clause number into its section letter and the
// numbers under it: "B.6" gives "B" and "6", "B" gives "B" and "", "3.1"
// gives "" and "3.1".
func splitSection(number string) (section, rest string) {
	head, tail, _ := strings.Cut(number, ".")
	if head == "" || head[0] >= '0' && head[0] <= '9' {
		return "", number
	}
	return head, tail
}

// everyClause returns every numbered clause of body in order, those whose
// number an earlier one has too, which the analysis lists once. Reading
// the body again costs a parse of its Markdown, so it is done only when
// the clause reader finds a number twice in the analysis's blocks, as on
// few editions.
func everyClause(body string, a *Analysis) []clause.Clause {
	if !clause.Repeats(a.Blocks) {
		return a.Clauses
	}
	return clause.Every(body)
}

// numberRun is one run of numbering, from the start of the document or a
// restart.
type numberRun struct {
	at func(clause.Clause) int
	// section is the letter of the section the run numbers, "" for none.
	section string
	// first is the first clause of each number.
	first map[string]clause.Clause
	// levels is what has been seen of each level of numbering, by its
	// parent ("3" for 3.1, 3.2…; "" for the top level).
	levels map[string]*level
	// parents are the keys of levels in the order first seen.
	parents []string
}

// level is one level of numbering under one parent: the highest number
// reached and the clause that reached it, and the clauses numbered at this
// level (not those that only imply it, as 2.1 implies section 2).
type level struct {
	max     int
	by      clause.Clause
	members []member
}

type member struct {
	n int
	c clause.Clause
}

func newNumberRun(at func(clause.Clause) int, section string) *numberRun {
	return &numberRun{at: at, section: section, first: map[string]clause.Clause{}, levels: map[string]*level{}}
}

// restarts reports whether a clause numbered parts starts the numbering
// afresh: it is 1, 1.1 or 1.1.1…, and the top level has passed 1.
func (r *numberRun) restarts(parts []int) bool {
	for _, p := range parts {
		if p != 1 {
			return false
		}
	}
	top := r.levels[""]
	return top != nil && top.max > 1
}

// add takes the next clause c, numbered parts, into the run, or returns
// the mistake it makes: its number repeats one, or is lower than one
// before it at its own level or at a level above (3.2 after 3.3, and 1.4
// after 2.1; reaching 2.1 counts as reaching section 2).
func (r *numberRun) add(c clause.Clause, parts []int) (numberProblem, bool) {
	if f, ok := r.first[c.Number]; ok {
		return numberProblem{c, fmt.Sprintf(
			"clause %s repeats the number of the clause on line %d: only the first has the anchor #%s, so links to clause %s never reach this one; renumber one of them",
			c.Number, r.at(f), f.Anchor, c.Number)}, false
	}
	r.first[c.Number] = c
	var back *level
	for j, n := range parts {
		parent := join(parts[:j])
		lv := r.levels[parent]
		switch {
		case lv == nil:
			lv = &level{max: n, by: c}
			r.levels[parent] = lv
			r.parents = append(r.parents, parent)
		case n > lv.max:
			lv.max, lv.by = n, c
		case n < lv.max && back == nil:
			back = lv
		}
		if j == len(parts)-1 {
			lv.members = append(lv.members, member{n, c})
		}
	}
	if back != nil {
		return numberProblem{c, fmt.Sprintf(
			"clause %s comes after %s (line %d): the numbers go backwards; number the clauses in order",
			c.Number, back.by.Number, r.at(back.by))}, false
	}
	return numberProblem{}, true
}

// gaps reports the numbers missing within each level of the run: 2.1 and
// 2.3 without 2.2. Only the numbers of clauses count, so 1.1 and 3.1 under
// headings without numbers are not a gap, and neither is a level that
// starts above 1, which some documents do on purpose.
func (r *numberRun) gaps() []numberProblem {
	var out []numberProblem
	for _, parent := range r.parents {
		ms := slices.Clone(r.levels[parent].members)
		slices.SortStableFunc(ms, func(a, b member) int { return a.n - b.n })
		prefix := parent
		if prefix != "" {
			prefix += "."
		}
		if r.section != "" {
			prefix = r.section + "." + prefix
		}
		for i := 1; i < len(ms); i++ {
			prev, m := ms[i-1], ms[i]
			if m.n <= prev.n+1 {
				continue
			}
			missing := prefix + strconv.Itoa(prev.n+1)
			if m.n > prev.n+2 {
				missing += " to " + prefix + strconv.Itoa(m.n-1)
			}
			out = append(out, numberProblem{m.c, fmt.Sprintf(
				"clause %s follows %s (line %d), but there is no clause %s: a number is skipped",
				m.c.Number, prev.c.Number, r.at(prev.c), missing)})
		}
	}
	return out
}

// numberParts reads a clause number's components.
func numberParts(number string) ([]int, bool) {
	var parts []int
	for _, s := range strings.Split(number, ".") {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, false
		}
		parts = append(parts, n)
	}
	return parts, true
}

// join writes the components of a number: join([]int{2, 3}) is "2.3".
func join(parts []int) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ".")
}
