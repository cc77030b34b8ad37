package changeterms

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkAnalyze measures Analyze on a 20 KB edition: mostly clauses
// about other things, and a change section at the end.
func BenchmarkAnalyze(b *testing.B) {
	filler := []string{
		"%d.1. Оператор обрабатывает персональные данные Пользователей в соответствии с настоящей Политикой и требованиями законодательства Российской Федерации.",
		"%d.2. The Operator processes personal data, including collecting, recording, storing, updating and changing it, for the purposes set out in this Policy.",
		"%d.3. Пользователь может в любой момент изменить предоставленную им информацию, направив письмо на адрес электронной почты Оператора.",
	}
	var blocks []Block
	size := 0
	for n := 1; size < 20000; n++ {
		for _, f := range filler {
			t := strings.Replace(f, "%d", strconv.Itoa(n), 1)
			blocks = append(blocks, block(t))
			size += len(t)
		}
	}
	for _, t := range []string{
		"99.1. Оператор вправе изменять Политику в одностороннем порядке без согласия Пользователя.",
		"99.2. Новая редакция Политики вступает в силу с момента её размещения на Сайте, если иное не предусмотрено новой редакцией.",
		"99.3. Действующая редакция Политики доступна по адресу https://example.ru/privacy/.",
	} {
		blocks = append(blocks, block(t))
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if terms := Analyze(blocks); len(terms.Findings) != 4 {
			b.Fatalf("found %d, want 4", len(terms.Findings))
		}
	}
}

// BenchmarkAnalyzeCorpus measures Analyze on every real edition, or skips
// when the corpus is absent.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	eds := readCorpus(b)
	size := 0
	for _, e := range eds {
		for _, bl := range e.blocks {
			size += len(bl.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range eds {
			Analyze(e.blocks)
		}
	}
}
