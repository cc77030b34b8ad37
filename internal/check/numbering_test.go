package check

import (
	"context"
	"slices"
	"strings"
	"testing"

	"policysite/internal/policy"
)

func TestNumberingMistakesWarnAtTheirLine(t *testing.T) {
	// The body starts on line 5 of the file, after the front matter.
	const file = "versions/p/2024-01-01.ru.md"
	tests := []struct {
		name string
		body string
		want []string
	}{
		{name: "no numbers", body: "Just text.\n\n1. A list item.\n2. Another.\n"},
		{name: "sub-numbering restarts in each section",
			body: "## 1. One\n\n1.1. a\n\n1.2. b\n\n## 2. Two\n\n2.1. c\n\n2.2. d\n\n2.2.1. e\n\n2.2.2. f\n\n2.3. g\n"},
		{name: "paragraphs only, without section headings",
			body: "1.1. a\n\n1.2. b\n\n2.1. c\n\n3.1. d\n"},
		{name: "numbers compare as numbers, not as text",
			body: "1.8. a\n\n1.9. b\n\n1.10. c\n\n1.11. d\n"},
		{name: "a level may start above 1",
			body: "## 3. Three\n\n3.2. a\n\n3.3. b\n"},
		{name: "numbers in a code block are not clauses",
			body: "1.1. a\n\n```\n1.1. sample\n1.5. sample\n```\n\n1.2. b\n"},
		{name: "numbering restarts under sections the clauses do not number",
			body: "### A. Terms\n\n#### 1. One\n\n#### 2. Two\n\n### B. Use\n\n#### 1. One\n\n#### 2. Two\n\n#### 3. Three\n"},
		{name: "numbering restarts in an annex",
			body: "1.1. a\n\n1.2. b\n\n2.1. c\n\nAnnex 1\n\n1.1. d\n\n1.2. e\n"},
		{name: "a mistake after a restart",
			body: "1.1. a\n\n2.1. b\n\nAnnex\n\n1.1. c\n\n1.3. d\n",
			want: []string{file + ":13: clause 1.3 follows 1.1 (line 11), but there is no clause 1.2: a number is skipped"}},
		{name: "a repeated number",
			body: "1.1. a\n\n1.1. b\n\n1.2. c\n",
			want: []string{file + ":7: clause 1.1 repeats the number of the clause on line 5: only the first has the anchor #c-1-1, so links to clause 1.1 never reach this one; renumber one of them"}},
		// A "1." after clause 1.1 opens an enumeration inside it, as in
		// "1.1. Terms: 1. Site…", so the repeated heading here is 2.
		{name: "a repeated section heading",
			body: "## 2. One\n\n2.1. a\n\n## 2. Again\n\n## 3. Three\n",
			want: []string{file + ":9: clause 2 repeats the number of the clause on line 5: only the first has the anchor #c-2, so links to clause 2 never reach this one; renumber one of them"}},
		{name: "a repeated bold heading",
			body: "**2. One**\n\n2.1. a\n\n**2. Again**\n",
			want: []string{file + ":9: clause 2 repeats the number of the clause on line 5: only the first has the anchor #c-2, so links to clause 2 never reach this one; renumber one of them"}},
		{name: "an enumeration inside a clause is not numbered clauses",
			body: "1. Общие положения\n\n1.1. Термины:\n\n1. Сайт;\n\n2. Пользователь.\n\n1.2. Текст.\n"},
		{name: "a number skipped under a lettered section",
			body: "## A. Terms\n\n### 1. One\n\n### 3. Three\n\n## B. Use\n\n### 3. Three\n",
			want: []string{file + ":9: clause A.3 follows A.1 (line 7), but there is no clause A.2: a number is skipped"}},
		{name: "a number used three times",
			body: "2.1. a\n\n2.1. b\n\n2.1. c\n",
			want: []string{
				file + ":7: clause 2.1 repeats the number of the clause on line 5: only the first has the anchor #c-2-1, so links to clause 2.1 never reach this one; renumber one of them",
				file + ":9: clause 2.1 repeats the number of the clause on line 5: only the first has the anchor #c-2-1, so links to clause 2.1 never reach this one; renumber one of them",
			}},
		{name: "a clause before its predecessor",
			body: "3.1. a\n\n3.3. b\n\n3.2. c\n\n3.4. d\n",
			want: []string{file + ":9: clause 3.2 comes after 3.3 (line 7): the numbers go backwards; number the clauses in order"}},
		{name: "a section that goes back",
			body: "1.1. a\n\n2.1. b\n\n1.2. c\n",
			want: []string{file + ":9: clause 1.2 comes after 2.1 (line 7): the numbers go backwards; number the clauses in order"}},
		{name: "a skipped number",
			body: "## 2. Two\n\n2.1. a\n\n2.3. b\n\n## 3. Three\n",
			want: []string{file + ":9: clause 2.3 follows 2.1 (line 7), but there is no clause 2.2: a number is skipped"}},
		{name: "several skipped numbers",
			body: "2.1. a\n\n2.5. b\n",
			want: []string{file + ":7: clause 2.5 follows 2.1 (line 5), but there is no clause 2.2 to 2.4: a number is skipped"}},
		{name: "a skipped section heading",
			body: "## 1. One\n\n## 3. Three\n",
			want: []string{file + ":7: clause 3 follows 1 (line 5), but there is no clause 2: a number is skipped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &policy.Edition{File: file, Body: tt.body, BodyLine: 5}
			var got []string
			for _, w := range numbering([]*policy.Edition{e}, map[*policy.Edition]*Analysis{e: Read(tt.body)}) {
				got = append(got, w.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestCheckWarnsAboutNumbering: check reports numbering mistakes among its
// warnings, at the line of the file.
func TestCheckWarnsAboutNumbering(t *testing.T) {
	fsys := repo(t, siteConfig+edition("versions/p/2024-01-10.ru.md", "П", "\n1.3. Третий.\n"))
	r, err := Run(context.Background(), fsys, now, "")
	if err != nil {
		t.Fatal(err)
	}
	_, warns := messages(r)
	want := "versions/p/2024-01-10.ru.md:8: clause 1.3 follows 1.1 (line 6), but there is no clause 1.2: a number is skipped"
	if !slices.Contains(warns, want) {
		t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(warns, "\n"), want)
	}
}
