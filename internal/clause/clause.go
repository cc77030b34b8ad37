// Package clause finds the numbered clauses of a policy ("1.", "3.4.1.") in
// its Markdown and gives each an anchor that depends only on its number, so
// that a link to clause 3.4.1 works in every edition that has one.
package clause

import (
	"regexp"
	"strconv"
	"strings"
)

// Clause is one numbered clause or numbered section heading.
type Clause struct {
	// Number is the clause number without its final dot: "3.4.1".
	Number string
	// Anchor is the HTML id: "c-3-4-1".
	Anchor string
	// Heading is true for a Markdown heading ("## 3. Cookies").
	Heading bool
	// Line is the 1-based line of the body on which the clause starts.
	Line int
}

// LinkTitle marks the links that Annotate makes, so that the Markdown link
// render hook turns them into clause anchors rather than ordinary links.
const LinkTitle = "policysite:clause"

// Anchor returns the id for a clause number: "3.4.1" gives "c-3-4-1".
func Anchor(number string) string {
	return "c-" + strings.ReplaceAll(number, ".", "-")
}

var (
	// Component counts are capped at three digits so that a paragraph that
	// opens with a year ("2024. …") is not mistaken for a clause.
	multiNum = `\d{1,3}(?:\.\d{1,3})+\.?`
	anyNum   = `\d{1,3}(?:\.\d{1,3})*\.?`

	headingRe = regexp.MustCompile(`^( {0,3}#{1,6}[ \t]+)(` + anyNum + `)([ \t].*)$`)
	// A single "1." opening a paragraph is an ordered list in Markdown, so
	// only multi-level numbers are taken from paragraphs and list items.
	paraRe  = regexp.MustCompile(`^( {0,3}(?:[-*+][ \t]+)?)(` + multiNum + `)([ \t]|$)`)
	fenceRe = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	attrRe  = regexp.MustCompile(`\{[^}]*#[^}]*\}\s*$`)
)

// Annotate returns body with an anchor on every numbered clause, and the
// clauses in order. Headings get an `{#id}` attribute; a clause paragraph or
// list item gets its number turned into a link titled LinkTitle, which the
// site's render hook prints as a self-link carrying the id. The text is
// otherwise unchanged, and a number used twice gets an anchor only once.
func Annotate(body string) (string, []Clause) {
	lines := strings.SplitAfter(body, "\n")
	var (
		out     strings.Builder
		clauses []Clause
		fence   string
		prevBlk = true // the previous line ended a block (blank, heading, start)
		seen    = map[string]bool{}
	)
	out.Grow(len(body) + len(body)/8)
	for i, raw := range lines {
		line := strings.TrimRight(raw, "\n")
		nl := raw[len(line):]
		if fence != "" {
			if strings.HasPrefix(strings.TrimLeft(line, " "), fence) {
				fence = ""
			}
			out.WriteString(raw)
			prevBlk = false
			continue
		}
		if m := fenceRe.FindStringSubmatch(line); m != nil {
			fence = m[1]
			out.WriteString(raw)
			continue
		}
		if m := headingRe.FindStringSubmatch(line); m != nil {
			num := strings.TrimSuffix(m[2], ".")
			if !seen[num] && !attrRe.MatchString(line) {
				seen[num] = true
				a := Anchor(num)
				clauses = append(clauses, Clause{Number: num, Anchor: a, Heading: true, Line: i + 1})
				out.WriteString(line + " {#" + a + "}" + nl)
			} else {
				out.WriteString(raw)
			}
			prevBlk = true
			continue
		}
		if m := paraRe.FindStringSubmatch(line); m != nil && (prevBlk || isListItem(m[1])) {
			num := strings.TrimSuffix(m[2], ".")
			if !seen[num] {
				seen[num] = true
				a := Anchor(num)
				clauses = append(clauses, Clause{Number: num, Anchor: a, Line: i + 1})
				out.WriteString(m[1] + "[" + m[2] + "](#" + a + " " + strconv.Quote(LinkTitle) + ")" + line[len(m[1])+len(m[2]):] + nl)
				prevBlk = false
				continue
			}
		}
		out.WriteString(raw)
		prevBlk = strings.TrimSpace(line) == ""
	}
	return out.String(), clauses
}

func isListItem(prefix string) bool {
	return strings.ContainsAny(prefix, "-*+")
}
