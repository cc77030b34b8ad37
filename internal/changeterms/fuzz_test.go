package changeterms

import (
	"strings"
	"testing"
)

// FuzzAnalyze checks that Analyze never panics and that every finding
// quotes its own block and carries its clause and line, whatever the text.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"6.1. The Company has the right to change this Policy without the User's consent.",
		"8.2. Новая редакция Политики вступает в силу с момента её размещения, если иное не предусмотрено новой редакцией.\n\n8.3. Действующая редакция доступна по адресу https://example.ru/p.",
		"Изменения вступают в силу через 10 (десять) дней. Продолжая пользоваться Сайтом, Пользователь соглашается с ними.",
		"т.е. п. 4.1. e.g. «» — \u00a0\u00ad… ?! 3) - • 1.",
		"We will notify you by email thirty (30) days before changes to these Terms take effect.",
		"\xff\xfe 6.2.\x00 effective upon posting",
	} {
		f.Add(s, "6.2")
	}
	f.Fuzz(func(t *testing.T, text, clause string) {
		var blocks []Block
		for i, p := range strings.Split(text, "\n\n") {
			blocks = append(blocks, Block{Text: p, Clause: clause, Line: i + 1})
		}
		for _, fd := range Analyze(blocks).Findings {
			if fd.Line < 1 || fd.Line > len(blocks) {
				t.Fatalf("finding %+v has a line of no block", fd)
			}
			b := blocks[fd.Line-1]
			if fd.Sentence == "" || !strings.Contains(b.Text, fd.Sentence) {
				t.Fatalf("sentence %q is not in its block %q", fd.Sentence, b.Text)
			}
			if fd.Clause != b.Clause {
				t.Fatalf("clause %q, want the block's %q", fd.Clause, b.Clause)
			}
		}
	})
}
