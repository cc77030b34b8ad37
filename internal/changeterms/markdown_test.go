package changeterms

import "testing"

func TestFromMarkdownGivesEachBlockItsClause(t *testing.T) {
	body := "Вступление.\n\n## 6. Изменения\n\n6.1. Первый пункт.\n\nЕго второй абзац.\n\n- 6.2. Пункт списком;\n\n6.3. Последний.\n"
	want := []Block{
		{Text: "Вступление.", Line: 1},
		{Text: "6. Изменения", Clause: "6", Line: 3, Heading: true},
		{Text: "6.1. Первый пункт.", Clause: "6.1", Line: 5},
		{Text: "Его второй абзац.", Clause: "6.1", Line: 7},
		{Text: "• 6.2. Пункт списком;", Clause: "6.2", Line: 9},
		{Text: "6.3. Последний.", Clause: "6.3", Line: 11},
	}
	got := FromMarkdown(body)
	if len(got) != len(want) {
		t.Fatalf("FromMarkdown = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
