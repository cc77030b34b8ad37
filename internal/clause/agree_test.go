package clause

import (
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/txtar"

	"policysite/internal/plaintext"
	"policysite/internal/redline"
)

// redlineNumbers is the set of clause numbers that a redline from old to
// new gives the new edition, as changes.json lists them.
func redlineNumbers(old, new string) []string {
	var out []string
	for _, c := range redline.Diff(plaintext.Of(old), plaintext.Of(new)).Clauses {
		if c.Number != "" && !slices.Contains(out, c.Number) {
			out = append(out, c.Number)
		}
	}
	slices.Sort(out)
	return out
}

// annotateNumbers is the set of clause numbers of body, as index.json
// lists them.
func annotateNumbers(body string) []string {
	_, cls := Annotate(body)
	out := []string{}
	for _, c := range cls {
		out = append(out, c.Number)
	}
	slices.Sort(out)
	return out
}

// checkAgree checks that the redline of an edition, against itself and
// against the one before it, names the clauses its page does.
func checkAgree(t *testing.T, name, prev, body string) {
	t.Helper()
	want := annotateNumbers(body)
	if got := redlineNumbers(body, body); !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
		t.Errorf("%s: the redline's clauses %v, the page's %v", name, got, want)
	}
	if prev == "" {
		return
	}
	if got := redlineNumbers(prev, body); !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
		t.Errorf("%s: the redline from the edition before gives clauses %v, the page %v", name, got, want)
	}
}

// TestRedlineClausesAreThePages: changes.json's clauses (the redline's)
// and index.json's (Annotate's) are the same set, on the golden fixtures,
// on bodies of every form, and on every real document.
func TestRedlineClausesAreThePages(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name == "in" {
				checkAgree(t, file, "", string(f.Data))
			}
		}
	}
	for _, tc := range agreeBodies {
		checkAgree(t, tc.name, tc.prev, tc.body)
	}
	for _, d := range corpusDocs(t) {
		checkAgree(t, d.name, d.prev, d.body)
	}
}

var agreeBodies = []struct{ name, prev, body string }{
	{"the raw Russian style, a clause inserted",
		"1. Общие положения\n\n1.1. Текст.\n\n2. Права\n\n2.1. Текст.\n",
		"1. Общие положения\n\n1.1. Текст.\n\n1.2. Новый.\n\n2. Права\n\n2.1. Текст.\n"},
	{"an enumeration inside a clause",
		"", "1. Общие\n\n1.1. Термины:\n\n1. Сайт;\n\n2. Пользователь.\n\n1.2. Текст.\n"},
	{"lettered sections whose numbers repeat",
		"## A. Terms\n\n### 6. Moral rights\n\n## B. Use\n\n### 5. Privacy\n",
		"## A. Terms\n\n### 6. Moral rights\n\n## B. Use\n\n### 6. Privacy\n"},
	{"a contents of links", "",
		"- [1. Intro](#intro)\n- [2. Data](#data)\n\n## 1. Intro\n\nText.\n\n## 2. Data\n\nText.\n"},
	{"bold, escaped and setext headings", "",
		"Title\n=====\n\n**1. Who we are**\n\nText.\n\n2\\. Data\n-------\n\n[](#3-x)**3\\. Changes**\n"},
	{"a tight list, and list items under list-item headings", "",
		"1.  #### Subject\n\n    1.  The Service.\n2.  #### Rights\n\n    1.  Access\n    2.  Deletion\n"},
}

// TestCodeIsTheOneDisagreement records where the page and the redline
// part: a clause number in a code block. The redline reads plain text,
// where code is text like any other; the page cannot put an anchor into
// code, so index.json leaves it out.
func TestCodeIsTheOneDisagreement(t *testing.T) {
	body := "1.1. a\n\n```\n1.2. code\n```\n"
	if got, want := annotateNumbers(body), []string{"1.1"}; !slices.Equal(got, want) {
		t.Errorf("the page's clauses %v, want %v", got, want)
	}
	if got, want := redlineNumbers(body, body), []string{"1.1", "1.2"}; !slices.Equal(got, want) {
		t.Errorf("the redline's clauses %v, want %v", got, want)
	}
}
