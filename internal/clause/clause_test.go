package clause

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func TestAnchorDependsOnlyOnTheNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1", "c-1"},
		{"3.4", "c-3-4"},
		{"3.4.1", "c-3-4-1"},
		{"10.12.3", "c-10-12-3"},
	} {
		if got := Anchor(tc.in); got != tc.want {
			t.Errorf("Anchor(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAnnotateFindsClauses(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // "number@line" with "#" for headings
	}{
		{"heading and paragraphs", "## 1. General\n\n1.1. One.\n\n1.2. Two.\n", []string{"#1@1", "1.1@3", "1.2@5"}},
		{"number without final dot", "3.4.1 Text\n", []string{"3.4.1@1"}},
		{"list items", "- 2.1. first;\n- 2.2. second.\n", []string{"2.1@1", "2.2@2"}},
		{"continuation line is not a clause", "Text that wraps\n1.2. onto a line\n", nil},
		{"a year is not a clause", "2024. A year.\n\n1.2024 no\n", nil},
		{"single number paragraph is a Markdown list", "1. Item\n", nil},
		{"fenced code is skipped", "```\n1.1. code\n```\n\n1.2. real\n", []string{"1.2@5"}},
		{"duplicate number anchored once", "1.1. a\n\n1.1. b\n", []string{"1.1@1"}},
		{"heading with its own id is left alone", "## 2. Cookies {#cookies}\n", nil},
		{"unnumbered heading", "## Introduction\n\n1.1. x\n", []string{"1.1@3"}},
		{"crlf already normalised, trailing text kept", "4.2.\n", []string{"4.2@1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, cs := Annotate(tc.body)
			var got []string
			for _, c := range cs {
				s := c.Number + "@" + strconv.Itoa(c.Line)
				if c.Heading {
					s = "#" + s
				}
				got = append(got, s)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("clauses = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestAnnotateGolden checks the exact Markdown that the site renders, one
// txtar archive per case: "in" is the body, "out" the annotated body.
func TestAnnotateGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var in string
			for _, f := range ar.Files {
				if f.Name == "in" {
					in = string(f.Data)
				}
			}
			got, _ := Annotate(in)
			if *update {
				ar.Files = []txtar.File{{Name: "in", Data: []byte(in)}, {Name: "out", Data: []byte(got)}}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, f := range ar.Files {
				if f.Name == "out" && string(f.Data) != got {
					t.Errorf("Annotate output differs from %s (run with -update to accept):\n%s", file, got)
				}
			}
		})
	}
}

func FuzzAnnotate(f *testing.F) {
	f.Add("## 1. A\n\n1.1. b\n\n- 1.2. c\n")
	f.Add("```\n1.1. x\n```\n")
	f.Fuzz(func(t *testing.T, body string) {
		out, cs := Annotate(body)
		// Annotation only adds: removing what it adds gives the input back.
		plain := out
		for _, c := range cs {
			if c.Heading {
				plain = strings.Replace(plain, " {#"+c.Anchor+"}", "", 1)
			} else {
				re := regexp.MustCompile(`\[(` + regexp.QuoteMeta(c.Number) + `\.?)\]\(#` + c.Anchor + ` "` + LinkTitle + `"\)`)
				loc := re.FindStringSubmatchIndex(plain)
				if loc == nil {
					t.Fatalf("clause %s has no link in %q", c.Number, out)
				}
				plain = plain[:loc[0]] + plain[loc[2]:loc[3]] + plain[loc[1]:]
			}
		}
		if plain != body {
			t.Fatalf("annotation changed the text:\n in: %q\nout: %q", body, out)
		}
		seen := map[string]bool{}
		for _, c := range cs {
			if seen[c.Anchor] {
				t.Fatalf("anchor %s given twice", c.Anchor)
			}
			seen[c.Anchor] = true
		}
	})
}
