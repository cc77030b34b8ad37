// Package clause finds the numbered clauses of a policy ("1.", "3.4.1.",
// "B.6") in its Markdown and gives each an anchor that depends only on its
// number, so that a link to clause 3.4.1 works in every edition that has
// one.
//
// Which blocks are clauses is decided by internal/clause/clausetext, on
// the edition's plain text (internal/plaintext): the same reader, on the
// same text, as the redline's, so that the edition page's anchors,
// index.json's clauses, change-terms' findings and changes.json's clauses
// name the same clauses. This package only puts the anchors into the
// Markdown, where the site's renderer finds them.
package clause

import (
	"strings"

	"policysite/internal/clause/clausetext"
	"policysite/internal/plaintext"
)

// Clause is one numbered clause or numbered section heading.
type Clause struct {
	// Number is the clause number without its final dot: "3.4.1", or
	// "B.6" for clause 6 of the section lettered B.
	Number string
	// Anchor is the HTML id: "c-3-4-1", "c-b-6".
	Anchor string
	// Heading is true for a heading: a Markdown heading ("## 3. Cookies",
	// setext or inside a list item) or a line set in bold as one
	// ("**3. Cookies**").
	Heading bool
	// Line is the 1-based line of the body on which the clause starts.
	Line int
}

// LinkTitle marks the links that Annotate makes, so that the Markdown link
// render hook turns them into clause anchors rather than ordinary links.
const LinkTitle = "policysite:clause"

// Anchor returns the id for a clause number: "3.4.1" gives "c-3-4-1", "B.6"
// gives "c-b-6".
func Anchor(number string) string { return clausetext.Anchor(number) }

// Title returns a block of plain text without the clause number it opens
// with: "3. Cookies" gives "Cookies".
func Title(block string) string { return clausetext.Title(block) }

// Annotate returns body with an anchor on every numbered clause, and the
// clauses in order. A heading gets an `{#id}` attribute; elsewhere the
// clause's number, or when the number is a list's marker the first word
// of its text, is turned into a link titled LinkTitle, which the site's
// render hook prints as a self-link carrying the id. Annotation only
// adds: the text is otherwise unchanged, and a number used twice gets an
// anchor only once, on its first clause.
func Annotate(body string) (string, []Clause) {
	return AnnotateBlocks(body, plaintext.Blocks(body))
}

// AnnotateBlocks is Annotate for a caller that has body's plain text
// blocks at hand, blocks = plaintext.Blocks(body): reading the Markdown is
// most of Annotate's time, and an edition's analysis reads it anyway.
func AnnotateBlocks(body string, blocks []plaintext.Block) (string, []Clause) {
	a := annotate(body, blocks)
	return a.out, a.first()
}

// Every returns every clause of body in order, those whose number an
// earlier clause has too (which Annotate leaves out): what check reads to
// warn about repeated numbers.
func Every(body string) []Clause {
	a := annotate(body, plaintext.Blocks(body))
	var out []Clause
	for i := range a.found {
		if f := &a.found[i]; f.placed() {
			out = append(out, f.clause())
		}
	}
	return out
}

// Repeats reports whether a number opens more than one clause in a body
// whose plain text blocks are blocks: only then does Every find clauses
// that Annotate does not list. It reads no Markdown.
func Repeats(blocks []plaintext.Block) bool {
	texts, _ := readerInput(blocks)
	for _, m := range clausetext.Read(texts) {
		if m.Repeat {
			return true
		}
	}
	return false
}

// annotation is Annotate's work on one body.
type annotation struct {
	body  string
	out   string
	found []found
	// orig is body's blocks of plain text, which the annotated body must
	// keep (see settle).
	orig []plaintext.Block
}

// found is a clause that the reader found, and where its anchor can go.
type found struct {
	number, anchor string
	line           int
	heading        bool
	opts           []edit // the places for its anchor, best first
	opt            int    // the one in use; len(opts) when none is left
	first          bool   // it carries its number's anchor
}

func (f *found) placed() bool { return f.opt < len(f.opts) }

func (f *found) clause() Clause {
	return Clause{Number: f.number, Anchor: f.anchor, Heading: f.heading, Line: f.line}
}

func (a *annotation) first() []Clause {
	var out []Clause
	for i := range a.found {
		if f := &a.found[i]; f.first {
			out = append(out, f.clause())
		}
	}
	return out
}

func annotate(body string, blocks []plaintext.Block) *annotation {
	a := &annotation{body: body, out: body}
	if len(blocks) == 0 {
		return a
	}
	a.orig = blocks
	texts, lines := readerInput(blocks)
	src := newSource(body)
	for _, m := range clausetext.Read(texts) {
		f := found{number: m.Number, anchor: Anchor(m.Number), line: lines[m.Block]}
		f.opts, f.heading = src.placements(f.line, texts[m.Block][m.Start:m.End], listNumber(texts[m.Block], m), f.anchor)
		a.found = append(a.found, f)
	}
	a.settle()
	return a
}

// readerInput returns the texts of blocks for clausetext.Read, and the
// line of each. The redline reads the same blocks after its
// normalisation, which drops a leading byte order mark, the spaces around
// a block and blocks of spaces alone: so does this, so that both give the
// reader the same list.
func readerInput(blocks []plaintext.Block) (texts []string, lines []int) {
	texts = make([]string, 0, len(blocks))
	lines = make([]int, 0, len(blocks))
	for i, b := range blocks {
		t := b.Text
		if i == 0 {
			t = strings.TrimPrefix(t, "\uFEFF")
		}
		if t = strings.TrimFunc(t, clausetext.IsSpace); t == "" {
			continue
		}
		texts = append(texts, t)
		lines = append(lines, b.Line)
	}
	return texts, lines
}

// listNumber is the number of a clause written "3.", which may be its
// ordered list item's marker in the Markdown; 0 for other clauses.
func listNumber(text string, m clausetext.Mark) int {
	digits, ok := strings.CutSuffix(text[m.Start:m.End], ".")
	if !ok || digits == "" || m.Start != 0 {
		return 0
	}
	n := 0
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
