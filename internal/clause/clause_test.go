package clause

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"policysite/internal/plaintext"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func TestAnchorDependsOnlyOnTheNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1", "c-1"},
		{"3.4", "c-3-4"},
		{"3.4.1", "c-3-4-1"},
		{"10.12.3", "c-10-12-3"},
		{"B.6", "c-b-6"},
		{"C.6", "c-c-6"},
	} {
		if got := Anchor(tc.in); got != tc.want {
			t.Errorf("Anchor(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// clauseList spells clauses as "number@line", with "#" before a heading.
func clauseList(cs []Clause) string {
	var got []string
	for _, c := range cs {
		s := c.Number + "@" + strconv.Itoa(c.Line)
		if c.Heading {
			s = "#" + s
		}
		got = append(got, s)
	}
	return strings.Join(got, " ")
}

func TestAnnotateFindsClauses(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // "number@line" with "#" for headings
	}{
		// Numbers as before.
		{"heading and paragraphs", "## 1. General\n\n1.1. One.\n\n1.2. Two.\n", "#1@1 1.1@3 1.2@5"},
		{"number without final dot", "3.4.1 Text\n", "3.4.1@1"},
		{"list items", "- 2.1. first;\n- 2.2. second.\n", "2.1@1 2.2@2"},
		{"continuation line is not a clause", "Text that wraps\n1.2. onto a line\n", ""},
		{"a year is not a clause", "2024. A year.\n\n1.2024 no\n", ""},
		{"fenced code is skipped", "```\n1.1. code\n```\n\n1.2. real\n", "1.2@5"},
		{"indented code is skipped", "Text.\n\n    1.1. code\n\n1.2. real\n", "1.2@5"},
		{"duplicate number anchored once", "1.1. a\n\n1.1. b\n", "1.1@1"},
		{"unnumbered heading", "## Introduction\n\n1.1. x\n", "1.1@3"},
		{"a number alone", "4.2.\n", "4.2@1"},
		// Escaped numbers, setext headings, anchor links, attributes.
		{"escaped numbers", "### 1\\. Introduction\n\n1.1\\. Text.\n", "#1@1 1.1@3"},
		{"a setext heading", "11\\. TITLE\n---------\n\nText.\n", "#11@1"},
		{"a setext heading of a multi-level number", "1.1 Scope\n=========\n", "#1.1@1"},
		{"a heading behind an empty anchor link", "### [](#1-introduction)1\\. Introduction\n", "#1@1"},
		{"a heading with a Kramdown attribute list", "## 1. Intro {: #intro}\n", "#1@1"},
		{"a heading with its own id", "## 2. Cookies {#cookies}\n", "#2@1"},
		{"a heading with a closing sequence", "## 2. Cookies ##\n", "#2@1"},
		// Bold and underlined lines.
		{"a bold line is a heading", "**1. Who your contract is with**\n\nText.\n", "#1@1"},
		{"an underlined line is a heading", "__2. Fees__\n\nText.\n", "#2@1"},
		{"a bold number opening a paragraph", "**1.** Text.\n", "1@1"},
		{"a bold line behind an anchor link", "[](#1-introduction)**1\\. Introduction**\n", "#1@1"},
		// Ordered lists.
		{"the raw Russian style", "1. Общие положения\n\n1.1. Текст.\n\n2. Права\n\n2.1. Текст.\n", "1@1 1.1@3 2@5 2.1@7"},
		{"a list item's number is a clause", "1. Item\n", "1@1"},
		{"a tight list of clauses", "Your rights:\n\n1. Access\n2. Deletion\n", "1@3 2@4"},
		{"the number goldmark shows, for a list numbered 1, 1", "1. A\n1. B\n", "1@1 2@2"},
		{"an enumeration inside a clause is not clauses",
			"1. Общие положения\n\n1.1. Термины:\n\n1. Сайт;\n\n2. Пользователь.\n\n1.2. Текст.\n", "1@1 1.1@3 1.2@9"},
		{"an indented enumeration under list-item headings",
			"1.  #### Subject\n\n    1.  The Service.\n2.  #### General\n\n    1.  An offer.\n    2.  Amended.\n3.  #### Terms\n",
			"#1@1 #2@4 #3@8"},
		// Lettered sections.
		{"lettered sections and their clauses",
			"## A. Terms\n\n### 1. Accounts\n\n### 6. Moral rights\n\n## B. Use\n\n### 6. Privacy\n",
			"#A@1 #A.1@3 #A.6@5 #B@7 #B.6@9"},
		{"Russian lettered sections", "### А. Термины\n\n1. Сайт.\n\n### Б. Правила\n\n1. Доступ.\n", "#А@1 А.1@3 #Б@5 Б.1@7"},
		// Tables of contents.
		{"a contents of links is not clauses",
			"- [1. Intro](#intro)\n- [2. Data](#data)\n\n## 1. Intro\n\nText.\n\n## 2. Data\n\nText.\n", "#1@4 #2@8"},
		{"a numbered contents of links is not clauses",
			"1. [Intro](#intro)\n2. [Data](#data)\n\n**1. Intro**\n\nText.\n\n**2. Data**\n\nText.\n", "#1@4 #2@8"},
		{"a contents as a table is not clauses",
			"| Section | |\n|---|---|\n| [A. Terms](#a) | basics |\n| [B. Use](#b) | rules |\n\n## A. Terms\n\nText.\n\n## B. Use\n\nText.\n",
			"#A@6 #B@10"},
		// Not clauses.
		{"numbers inside sentences", "Section 3.2 says so, and 1.5 kg weighs\n1.2. this.\n", ""},
		{"an amount, a date, a phone", "1.500 рублей в месяц.\n\n01.02.2024 дата.\n\n8 800 555-35-35 телефон.\n", ""},
		{"a bracketed enumeration", "1) first;\n2) second.\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, cs := Annotate(tc.body)
			if got := clauseList(cs); got != tc.want {
				t.Errorf("clauses = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEveryListsRepeatsToo(t *testing.T) {
	body := "1.1. a\n\n```\n1.1. code\n```\n\n1.1. b\n\n**2. Two**\n\n**2. Again**\n"
	if got, want := clauseList(Every(body)), "1.1@1 1.1@7 #2@9 #2@11"; got != want {
		t.Errorf("Every = %q, want %q", got, want)
	}
	if _, cs := Annotate(body); clauseList(cs) != "1.1@1 #2@9" {
		t.Errorf("Annotate = %q, want each number once", clauseList(cs))
	}
	if !Repeats(plaintext.Blocks(body)) {
		t.Error("Repeats = false for a body that repeats 1.1 and 2")
	}
	if Repeats(plaintext.Blocks("1.1. a\n\n1.2. b\n")) {
		t.Error("Repeats = true for a body without repeats")
	}
}

func TestTitleDropsTheNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"3. Cookies", "Cookies"},
		{"6. Moral rights", "Moral rights"},
		{"B. Account Terms", "Account Terms"},
		{"Cookies", "Cookies"},
	} {
		if got := Title(tc.in); got != tc.want {
			t.Errorf("Title(%q) = %q, want %q", tc.in, got, tc.want)
		}
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

// anchorLink is a link that Annotate makes: the number, or a list item's
// first word, it wraps is group 1.
var anchorLink = `\[([^\[\]]*)\]\(#%s "` + regexp.QuoteMeta(LinkTitle) + `"\)`

func FuzzAnnotate(f *testing.F) {
	f.Add("## 1. A\n\n1.1. b\n\n- 1.2. c\n")
	f.Add("```\n1.1. x\n```\n")
	f.Add("1. Общие\n\n1.1. x\n\n2. Права\n\n2.1. y\n")
	f.Add("**1. A**\n\n## B. C {#c}\n\n1. x\n2. y\n")
	f.Add("- [1. A](#a)\n- [2. B](#b)\n\n1\\. A\n===\n\ntext\n\n[](#b)**2\\. B**\n")
	f.Fuzz(func(t *testing.T, body string) {
		out, cs := Annotate(body)
		// Annotation only adds: removing what it adds gives the input back.
		plain := out
		for _, c := range cs {
			if c.Heading && strings.Contains(plain, " {#"+c.Anchor+"}") {
				plain = strings.Replace(plain, " {#"+c.Anchor+"}", "", 1)
				continue
			}
			re := regexp.MustCompile(fmt.Sprintf(anchorLink, regexp.QuoteMeta(c.Anchor)))
			loc := re.FindStringSubmatchIndex(plain)
			if loc == nil {
				t.Fatalf("clause %s has no anchor in %q", c.Number, out)
			}
			plain = plain[:loc[0]] + plain[loc[2]:loc[3]] + plain[loc[1]:]
		}
		if plain != body {
			t.Fatalf("annotation changed the text:\n in: %q\nout: %q", body, out)
		}
		// An anchor is not text: the page reads as the body does.
		if got, want := plaintext.Of(out), plaintext.Of(body); got != want {
			t.Fatalf("the annotated body reads otherwise:\n in: %q\nout: %q\n%q\n%q", body, out, want, got)
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
