package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/policy"
)

const nestingFile = "versions/privacy/2024-03-01.en.md"

// staircase returns n lines, each a list item indented 2 columns deeper
// than the one before, so that line i is i items deep.
func staircase(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- clause\n")
	}
	return b.String()
}

func TestCheckNesting(t *testing.T) {
	r := strings.Repeat
	tests := []struct {
		name, body string
		line       int    // of the error, 0 for none
		msg        string // the error's start
	}{
		{"numbered clauses are no lists", "1.1. Text\n1.1.1. Text\n1\\. Title\n**1. Title**\n1.2) x\n", 0, ""},
		{"a policy's usual structure passes", "# Title\n\n## 1. Terms\n\n1. One\n   1. One one\n      - a\n        - b\n          > quoted\n\n" +
			"| Cookie | Purpose |\n|---|:-:|\n| _ga | [analytics](https://example.com/a_b) |\n\n> Quote\n> > inner\n", 0, ""},
		{"front matter passes", "---\ntitle: T\nposted: 2024-03-01\nkeys:\n  - a\n    - b\n---\ntext\n", 0, ""},
		{"a fenced code block holds no containers", "```\n" + r("> ", 40) + "x\n" + r("- ", 40) + "\n```\ntext\n", 0, ""},
		{"a tilde fence with a longer closer ends", "~~~~ info\n" + r(">", 40) + "\n~~~~~\ntext\n", 0, ""},
		{"a thematic break of many stars is no nesting", r("* ", 40) + "\n", 0, ""},
		{"a line at the limit passes", r(">", MaxNesting) + " x\n", 0, ""},
		{"block quotes on one line over the limit", "text\n\n" + r(">", MaxNesting+8) + " x\n", 3, "nesting 40 levels deep (block quotes or lists), over the limit of 32"},
		{"block quotes with spaces", r("> ", MaxNesting+1) + "x\n", 1, "nesting 33 levels"},
		{"bullets on one line", r("- ", MaxNesting+1) + "x\n", 1, "nesting 33 levels"},
		{"ordered markers on one line", r("1. ", MaxNesting+1) + "x\n", 1, "nesting 33 levels"},
		{"quotes and lists mixed", r("> - 1) ", 11) + "x\n", 1, "nesting 33 levels"},
		{"tabs after the markers", r("> * \t", 17) + "x\n", 1, "nesting 34 levels"},
		{"block quotes deepened line by line", func() string {
			var b strings.Builder
			for i := 1; i <= 40; i++ {
				b.WriteString(r(">", i) + " x\n")
			}
			return b.String()
		}(), 33, "nesting 33 levels"},
		{"lists nested by indentation", staircase(40), 33, "nesting 33 levels"},
		{"lists nested by tabs", func() string {
			var b strings.Builder
			for i := range 40 {
				b.WriteString(r("\t", i) + "- x\n")
			}
			return b.String()
		}(), 33, "nesting 33 levels"},
		{"a fence in a list does not hide the nesting after it", "- ```\n\n```\n" + r(">", 40) + "\n", 4, "nesting 40 levels"},
		{"a fence in an HTML comment does not hide the nesting after it", "- x\n<!--\n\nx\n```\n-->\n" + r(">", 40) + "\n", 7, "nesting 40 levels"},
		{"brackets at the limit pass", r("[", MaxNesting) + "x" + r("]", MaxNesting) + "\n", 0, ""},
		{"brackets nested over the limit", "text\n" + r("[", MaxNesting+1) + "x\n", 2, "brackets nested 33 deep"},
		{"links in separate paragraphs pass", r("[a](b)\n\n", 400), 0, ""},
		{"links in list items pass", r("- [a](b)\n", 400), 0, ""},
		{"links in table rows pass", "| a | b |\n|---|---|\n" + r("| [a](b) | [c](d) |\n", 400), 0, ""},
		{"too many links in one paragraph", r("[a](b) ", maxOpeners) + "\n[c](d)\n", 2, "129 brackets or inline HTML openers"},
		{"link labels on the lines of one paragraph", r("[a]\n", maxOpeners+1), maxOpeners + 1, "129 brackets"},
		{"a lazy line goes on in the paragraph", "> x\n" + r("[a]\n", maxOpeners+1), maxOpeners + 2, "129 brackets"},
		{"an indented marker continues the paragraph", "x\n" + r("    - [a]\n", maxOpeners+1), maxOpeners + 2, "129 brackets"},
		{"a table whose header does not match is a paragraph", "a|b|c\n|-|-|\n" + r("|[a]|\n", maxOpeners+1), maxOpeners + 3, "129 brackets"},
		{"closed HTML comments pass", r("a <!-- x --> ", 50) + "\n", 0, ""},
		{"HTML comments left open", r("a <!-- ", maxComments+1) + "\n", 1, "9 inline HTML comments"},
		{"ordinary words pass", "snake_case_name don't--really... e-mail_a@b.c\n", 0, ""},
		{"a word of marks", r("a_", maxWordMarks+1) + "a\n", 1, "a word with 33 emphasis or typographic marks"},
		{"marks in separate words pass", r("a_a ", 1000) + "\n", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckNesting(nestingFile, 1, tt.body)
			switch {
			case tt.line == 0 && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.line == 0:
			case err == nil:
				t.Fatalf("no error, want one at line %d", tt.line)
			case err.File != nestingFile || err.Line != tt.line || !strings.HasPrefix(err.Err.Error(), tt.msg):
				t.Fatalf("got %v, want line %d and a message starting %q", err, tt.line, tt.msg)
			}
		})
	}
}

// TestCheckNestingRefusesHugeInputs runs the inputs that took Hugo minutes
// to hours; that they finish at all shows the check is not quadratic.
func TestCheckNestingRefusesHugeInputs(t *testing.T) {
	r := strings.Repeat
	tests := []struct {
		name, body string
		line       int
		msg        string
	}{
		{"100,000 block quotes on one line", "text\n\n" + r(">", 100_000) + " x\n", 3, "nesting 100000 levels deep"},
		{"a file of the largest size nested on one line", r("> ", MaxFileSize/2), 1, "nesting 2097152 levels deep"},
		{"a file of the largest size of bullets", r("- ", MaxFileSize/2) + "x", 1, "nesting 2097152 levels deep"},
		{"a file of the largest size nested at its end", r("A clause of the policy.\n", MaxFileSize/24) + staircase(40), MaxFileSize/24 + 33, "nesting 33 levels"},
		{"a file of the largest size of brackets", r("[", MaxFileSize), 1, "brackets nested 4194304 deep"},
		{"a file of the largest size of link labels", r("[a]\n", MaxFileSize/4), maxOpeners + 1, "129 brackets"},
		{"a file of the largest size of marks", r("a_", MaxFileSize/2), 1, "a word with 2097151 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckNesting(nestingFile, 1, tt.body)
			if err == nil || err.Line != tt.line || !strings.HasPrefix(err.Err.Error(), tt.msg) {
				t.Fatalf("got %v, want line %d and a message starting %q", err, tt.line, tt.msg)
			}
		})
	}
}

func TestParseEditionRefusesDeepNestingAtTheFileLine(t *testing.T) {
	src := "---\ntitle: Privacy\n---\n\nThe policy.\n\n" + strings.Repeat(">", 1000) + " x\n"
	fn, err := ParseFileName("2024-03-01.en.md", []policy.Lang{"en"})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = ParseEdition([]byte(src), ParseOptions{File: nestingFile, Policy: "privacy", Name: fn, Location: msk})
	var se *policy.SourceError
	if !errors.As(err, &se) || se.File != nestingFile || se.Line != 7 {
		t.Fatalf("got %v, want a SourceError at %s:7", err, nestingFile)
	}
	want := nestingFile + ":7: nesting 1000 levels deep (block quotes or lists), over the limit of 32"
	if !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %q, want it to start %q", err, want)
	}
}

// TestCheckNestingPassesRealPolicies reads the real editions beside the
// repository, when they are there.
func TestCheckNestingPassesRealPolicies(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../../shared/corpus", "../../../shared/seeds", "../../versions"} {
		_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".txt")) {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no real editions beside the repository (../shared) or in versions/")
	}
	var most counts
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body := normalize(data)
		if err := CheckNesting(f, 1, body); err != nil {
			t.Error(err)
		}
		r := measureNesting(body, counts{1 << 62, 1 << 62, 1 << 62, 1 << 62, 1 << 62})
		for k, v := range r.max {
			most[k] = max(most[k], v)
		}
	}
	t.Logf("%d files; most: depth %d, brackets %d, openers %d, open comments %d, marks in a word %d",
		len(files), most[mDepth], most[mBrackets], most[mOpeners], most[mComments], most[mMarks])
}

func FuzzNesting(f *testing.F) {
	for _, s := range []string{"> - 1. x\n", "- a\n  - b\n\t- c\n", "```\n>>>\n```\n>>", "* * *\n- - -\n",
		"a|b\n|-|-|\n|[a](|\n", "<!--\n\n```\n-->\n>>>", "[[a]](<b>) <!-- x -->\n", "a_b--c...d'e`f\n", "1.\n      -  * "} {
		f.Add(s)
	}
	unlimited := counts{1 << 62, 1 << 62, 1 << 62, 1 << 62, 1 << 62}
	f.Fuzz(func(t *testing.T, body string) {
		r := measureNesting(body, unlimited)
		// Each container opens at a marker of its own; each bracket, opener,
		// comment and mark is a byte of its own.
		bytes := func(set string) int {
			n := 0
			for i := range len(body) {
				if strings.IndexByte(set, body[i]) >= 0 {
					n++
				}
			}
			return n
		}
		bound := counts{bytes(">-+*.)"), bytes("["), bytes("[<"), bytes("<"), bytes("*_~`'-.")}
		for k := range r.max {
			if r.max[k] > bound[k] {
				t.Fatalf("measure %d is %d, over its bound %d", k, r.max[k], bound[k])
			}
		}
		err := CheckNesting(nestingFile, 1, body)
		within := true
		for k := range r.max {
			within = within && r.max[k] <= nestingLimits[k]
		}
		switch {
		case within != (err == nil):
			t.Fatalf("maxima %v within the limits: %v, but the error is %v", r.max, within, err)
		case err != nil && (err.Line < 1 || err.Line > strings.Count(body, "\n")+1):
			t.Fatalf("error at line %d of a text of %d lines", err.Line, strings.Count(body, "\n")+1)
		}
	})
}
