package clausetext

import (
	"strings"
	"testing"
)

// read gives the numbers Read finds in blocks written one per line, each
// "number@block", a repeat marked "*".
func read(text string) string {
	blocks := strings.Split(text, "\n")
	var got []string
	for _, m := range Read(blocks) {
		s := m.Number + "@" + itoa(m.Block)
		if m.Repeat {
			s += "*"
		}
		if blocks[m.Block][m.Start:m.End] == "" {
			s += "!empty"
		}
		got = append(got, s)
	}
	return strings.Join(got, " ")
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestReadTellsClausesFromTheRest(t *testing.T) {
	tests := []struct {
		name, blocks, want string
	}{
		// The forms of a number.
		{"multi-level numbers, with and without a final dot",
			"1.1. Сайт\n1.2 Пользователь\n1.3) Оператор", "1.1@0 1.2@1 1.3@2"},
		{"a letter right after the final dot", "3.1.The User consents", "3.1@0"},
		{"a number alone in its block", "4.2.", "4.2@0"},
		{"a bulleted clause", "• 2.1. first;\n• 2.2. second.", "2.1@0 2.2@1"},
		{"the raw Russian style: single numbers over multi-level ones",
			"1. Общие положения\n1.1. Текст.\n2. Права сторон\n2.1. Текст.", "1@0 1.1@1 2@2 2.1@3"},
		{"English headings numbered once", "1. Introduction\nText.\n2. Data\nText.", "1@0 2@2"},
		// Not clauses.
		{"a year opening a paragraph", "2024. A year.\n1.2024 no", ""},
		{"a date, a phone number, an amount with leading zeros",
			"01.02.24 the date\n8.800.5553535 call\n0.5 kg", ""},
		{"an amount grouped by thousands", "1.500 рублей в месяц.\n10.000.000 users", ""},
		{"a number inside a sentence", "Section 3.2 says so.\nSee 1. above", ""},
		{"a bracketed or bare single number", "1) first\n2 Second", ""},
		{"initials are not section letters", "U.S. law applies.\nJ. Smith signs.", ""},
		{"a bare multi-level number where the document writes dots",
			"1. Prices\n1.1. Basic.\n2.5 GB are included.", "1@0 1.1@1"},
		{"a bare multi-level number that continues the numbering",
			"1. Introduction\n1.1 Principles\n1.2. Terms", "1@0 1.1@1 1.2@2"},
		{"bare multi-level numbers used throughout", "3.4.1 Text\n3.4.2 Text", "3.4.1@0 3.4.2@1"},
		// Enumerations.
		{"an enumeration under a multi-level clause restarts at 1",
			"1. Общие\n1.1. Мы собираем:\n1. имя;\n2. почту;\n1.2. Текст.\n2. Права", "1@0 1.1@1 1.2@4 2@5"},
		{"an enumeration as long as the next clause's number",
			"2. Data\n2.1. We collect:\n1. name;\n2. e-mail;\n3. phone;\n2.2. More.", "2@0 2.1@1 2.2@5"},
		{"an enumeration that reaches the next number, then children of the clause",
			"3. Rights\n3.2. You may:\n1. read;\n2. copy;\n3. print;\n4. share;\n3.3. More.", "3@0 3.2@1 3.3@6"},
		{"nested enumerations under list-item clauses (LiveJournal)",
			"1. Subject\n1. The Service is provided.\n2. General Provisions\n1. This is an offer.\n2. It governs rights.\n3. It is published.\n3. Terms\nBlog means a journal.\n4. Registration\n1. Register first.",
			"1@0 2@2 3@6 4@8"},
		{"a clause after a one-item list is told by the children after it",
			"1. Scope\n1. Only item.\n2. Data\n2.1. We collect.", "1@0 2@2 2.1@3"},
		{"a list of sentences under a clause is not clauses",
			"1. Scope\n1. You agree to these terms.\n2. You read them.\n3. You keep a copy.", "1@0"},
		{"a skipped top-level number is still a clause", "1. One\nText.\n3. Three", "1@0 3@2"},
		{"a document may start above 1", "3. Three\n3.2. a", "3@0 3.2@1"},
		{"a repeated number is a clause, marked as a repeat",
			"1.1. a\n1.1. b\n2. Two\nText\n2. Again", "1.1@0 1.1@1* 2@2 2@4*"},
		// Lettered sections.
		{"lettered sections restart the numbers under them",
			"A. Definitions\n1. Account\n2. Content\nB. Account Terms\n1. Controls\n6. Moral rights\nC. Use\n6. Privacy",
			"A@0 A.1@1 A.2@2 B@3 B.1@4 B.6@5 C@6 C.6@7"},
		{"Russian lettered sections", "А. Термины\n1. Сайт\nБ. Правила\n1. Доступ", "А@0 А.1@1 Б@2 Б.1@3"},
		{"multi-level numbers under a letter", "A. Terms\n1.1. Scope", "A@0 A.1.1@1"},
		{"a lettered number written out", "A.1. Scope\nA.2. Terms", "A.1@0 A.2@1"},
		{"letters after numbered clauses are an enumeration",
			"1. Use\n1.1. You may:\nA. read;\nB. copy.\n1.2. More.", "1@0 1.1@1 1.2@4"},
		{"an annex lettered after numbered clauses restarts the numbers",
			"1. Общие\n2. Права\nА. Приложение\n1. Форма согласия.", "1@0 2@1 А@2 А.1@3"},
		{"sections start at A and do not go back", "B. Second\nA. First\nC. Third\nB. Second", "A@1 C@2"},
		{"a section letter repeated or skipped by a slip",
			"A. Terms\n1. Use\nB. Advertising\n1. Pages\nB. Payment\n1. Pricing\nD. Cancellation\n1. Notice",
			"A@0 A.1@1 B@2 B.1@3 B@4* B.1@5* D@6 D.1@7"},
		{"an enumeration of letters inside a section", "A. Terms\n1. You may:\nA. read;\nB. copy.", "A@0 A.1@1"},
		// Tables of contents.
		{"a numbered table of contents",
			"1. Introduction\n2. The Service\n3. Your Use\n1. Introduction\nText.\n2. The Service Provided by Us\nText.\n3. Your Use\nText.",
			"1@3 2@5 3@7"},
		{"a table of contents as a table", "A. Definitions | Some terms\nB. Account Terms | Basics\nA. Definitions\nText.\nB. Account Terms\nText.",
			"A@2 B@4"},
		{"two copies of one enumeration are not a table of contents",
			"1. Data\n1.1. We keep:\n1. name;\n2. e-mail;\n1.2. We share:\n1. name;\n2. e-mail;", "1@0 1.1@1 1.2@4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := read(tc.blocks); got != tc.want {
				t.Errorf("Read:\n%s\n= %q, want %q", tc.blocks, got, tc.want)
			}
		})
	}
}

func TestAnchorDependsOnlyOnTheNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1", "c-1"},
		{"3.4.1", "c-3-4-1"},
		{"B.6", "c-b-6"},
		{"C.6", "c-c-6"},
		{"Б.2", "c-б-2"},
	} {
		if got := Anchor(tc.in); got != tc.want {
			t.Errorf("Anchor(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTitleDropsTheNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"3. Cookies", "Cookies"},
		{"• 2.1. Scope", "Scope"},
		{"B. Account Terms", "Account Terms"},
		{"Introduction", "Introduction"},
		{"2024. A year", "2024. A year"},
	} {
		if got := Title(tc.in); got != tc.want {
			t.Errorf("Title(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add("1. A\n1.1. b\n• 1.2. c\nA. x\n1. y")
	f.Add("1. Intro\n2. Data\n1. Intro\ntext\n2. Data")
	f.Fuzz(func(t *testing.T, s string) {
		blocks := strings.Split(s, "\n")
		prev := -1
		for _, m := range Read(blocks) {
			if m.Block <= prev || m.Block >= len(blocks) {
				t.Fatalf("mark on block %d after %d of %d", m.Block, prev, len(blocks))
			}
			prev = m.Block
			if m.Start < 0 || m.End <= m.Start || m.End > len(blocks[m.Block]) || m.Number == "" {
				t.Fatalf("mark %+v out of %q", m, blocks[m.Block])
			}
		}
	})
}
