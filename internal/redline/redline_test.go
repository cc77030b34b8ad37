package redline

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"crlf", "a\r\nb\r\n", "a b"},
		{"crlf paragraphs", "a\r\n\r\nb\r\n", "a\n\nb"},
		{"bom", "\uFEFFa", "a"},
		{"nbsp and runs", "a\u00A0\u00A0b  c\t d", "a b c d"},
		{"trailing spaces", "a  \nb ", "a b"},
		{"leading spaces", "  a\n\n   b", "a\n\nb"},
		{"line break in a paragraph", "a\nb", "a b"},
		{"blank runs", "a\n\n\n\n b\n", "a\n\nb"},
		{"lone cr", "a\r\rb", "a\n\nb"},
		{"blank edges", "\n\n a \n\n", "a"},
		{"invalid utf-8 kept", "a\xffb", "a\xffb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := Normalize(tt.want); got != tt.want {
				t.Errorf("Normalize is not idempotent on %q: %q", tt.want, got)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"веб-сайт и 152-ФЗ", []string{"веб-сайт", " ", "и", " ", "152-ФЗ"}},
		{"see example.ru.", []string{"see", " ", "example.ru", "."}},
		{"don't stop", []string{"don't", " ", "stop"}},
		{"3.4.1. Оператор", []string{"3.4.1", ".", " ", "Оператор"}},
		{"в п. 3.4.1.", []string{"в", " ", "п", ".", " ", "3.4.1", "."}},
		{"2024. Год", []string{"2024", ".", " ", "Год"}},
		{"«Причал» — сервис", []string{"«", "Причал", "»", " ", "—", " ", "сервис"}},
		{"a\n\n1.2. b", []string{"a", "\n\n", "1.2", ".", " ", "b"}},
		{"x\xffy", []string{"x", "\xff", "y"}},
		{"word-", []string{"word", "-"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokenize(tt.in) {
			got = append(got, tok.text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestClauseNumbersAreOneToken: a block's clause number, as the clause
// reader finds it in the whole text, is one token, and only then;
// brackets mark it.
func TestClauseNumbersAreOneToken(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a multi-level number", "3.4.1. Оператор", "[3.4.1.] Оператор"},
		{"without a final dot", "3.4 Оператор", "[3.4] Оператор"},
		{"a section letter", "A. Definitions", "[A.] Definitions"},
		{"after a bullet", "• 2.1. first", "• [2.1.] first"},
		{"a year is words", "2024. Год", "2024. Год"},
		{"an enumeration inside a clause is words",
			"1.1. We keep:\n\n1. name;\n\n2. e-mail.", "[1.1.] We keep:\n\n1. name;\n\n2. e-mail."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			for _, bl := range splitBlocks(Normalize(tt.in)) {
				for _, tok := range bl.tokens() {
					if tok.kind == tMarker {
						b.WriteString("[" + tok.text + "]")
					} else {
						b.WriteString(tok.text)
					}
				}
			}
			if b.String() != tt.want {
				t.Errorf("tokens of %q = %q, want %q", tt.in, b.String(), tt.want)
			}
		})
	}
}

func TestFoldedFormsAreMinorChanges(t *testing.T) {
	r := Diff("Её адрес — ул. Ленина.\n\nВторой абзац.", "Ее адрес – ул. Ленина.\n\nВторой абзац.")
	checkResult(t, "folded", r, "Её адрес — ул. Ленина.\n\nВторой абзац.", "Ее адрес – ул. Ленина.\n\nВторой абзац.")
	if r.Same() {
		t.Fatal("ё/е and dash changes vanished; want them as minor changes")
	}
	for _, o := range r.Ops {
		if o.Op != Equal && !o.Minor {
			t.Errorf("op %+v is not minor", o)
		}
	}
	if r.Stats.Minor != 1 || r.Stats.Changed != 0 {
		t.Errorf("stats = %+v, want one clause with minor changes only", r.Stats)
	}
}

func TestNormalisationOnlyIsNoChange(t *testing.T) {
	old := "1. Общие положения\n\n1.1. Оператор обрабатывает данные.\n"
	for name, new := range map[string]string{
		"crlf": strings.ReplaceAll(old, "\n", "\r\n"),
		"bom":  "\uFEFF" + old,
		"nbsp": strings.ReplaceAll(old, " ", "\u00A0"),
		"all":  "\uFEFF" + strings.ReplaceAll(strings.ReplaceAll(old, " ", " \u00A0"), "\n", "\r\n"),
	} {
		r := Diff(old, new)
		if !r.Same() {
			t.Errorf("%s: got changes %+v, want none", name, r.Ops)
		}
		checkResult(t, name, r, old, new)
	}
}

// checkResult checks what every redline must satisfy: the operations give
// back both normalised texts, no change boundary falls inside a word, the
// clauses cover the operations in order, and moves come in pairs.
func checkResult(t *testing.T, name string, r *Result, old, new string) {
	t.Helper()
	wantOld, wantNew := Normalize(old), Normalize(new)
	data, _ := r.MarshalBinary()
	if o, err := DecodeOutline(data); err != nil || !reflect.DeepEqual(o, r.Outline()) {
		t.Errorf("%s: the encoding's outline is not the result's (%v)", name, err)
	}
	if got := r.Old(); got != wantOld {
		t.Errorf("%s: the operations do not give back the old text:\n%s", name, firstDiff(got, wantOld))
	}
	if got := r.New(); got != wantNew {
		t.Errorf("%s: the operations do not give back the new text:\n%s", name, firstDiff(got, wantNew))
	}
	for _, side := range []Kind{Delete, Insert} {
		var prev string
		for i, o := range r.Ops {
			if o.Op != Equal && o.Op != side {
				continue
			}
			if i > 0 && prev != "" && o.Text != "" && (o.Op != Equal || r.Ops[i-1].Op != Equal) {
				a, _ := utf8.DecodeLastRuneInString(prev)
				b, _ := utf8.DecodeRuneInString(o.Text)
				if isLetterOrDigit(a) && isLetterOrDigit(b) {
					t.Errorf("%s: a change splits a word at op %d: …%q|%q…", name, i, tail(prev), head(o.Text))
				}
			}
			prev = o.Text
		}
	}
	at := 0
	for i, c := range r.Clauses {
		if c.Ops[0] != at || c.Ops[1] < c.Ops[0] {
			t.Fatalf("%s: clause %d covers ops %v, want to start at %d", name, i, c.Ops, at)
		}
		at = c.Ops[1]
	}
	if at != len(r.Ops) {
		t.Errorf("%s: clauses cover %d of %d ops", name, at, len(r.Ops))
	}
	halves := map[int]int{}
	for _, o := range r.Ops {
		if o.Move != 0 {
			halves[o.Move]++
		}
	}
	for id, n := range halves {
		if n != 2 {
			t.Errorf("%s: move %d has %d halves", name, id, n)
		}
	}
	if len(halves) != len(r.Moves) {
		t.Errorf("%s: %d moves in ops, %d in Moves", name, len(halves), len(r.Moves))
	}
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func tail(s string) string {
	r := []rune(s)
	return string(r[max(0, len(r)-15):])
}

func head(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 15)])
}

func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return "at byte " + itoa(i) + ": got …" + quote(got[i:]) + ", want …" + quote(want[i:])
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60]
	}
	b, _ := json.Marshal(s)
	return string(b)
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// readGolden reads a golden case: the archive, and its files by name.
func readGolden(t *testing.T, file string) (*txtar.Archive, map[string]string) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]string{}
	for _, f := range ar.Files {
		sections[f.Name] = string(f.Data)
	}
	return ar, sections
}

// TestGolden runs the cases in testdata/*.txtar: an old and a new text and
// the expected redline as WriteText prints it without colour, followed by
// the statistics. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, sections := readGolden(t, file)
			r, old, new := goldenDiff(sections)
			checkResult(t, file, r, old, new)
			checkCounts(t, file, r)
			// A result from the build's cache must render as the original.
			sameRendering(t, r, roundTrip(t, r))
			got := goldenOutput(t, r, goldenLang(file))
			checkExpect(t, r, goldenLang(file), sections["expect"])
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "redline" {
						ar.Files[i].Data = []byte(got)
					}
				}
				if _, ok := sections["redline"]; !ok {
					ar.Files = append(ar.Files, txtar.File{Name: "redline", Data: []byte(got)})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := sections["redline"]; got != want {
				t.Errorf("redline differs (run go test -update to accept):\ngot:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"веб-сайт 152-ФЗ example.ru", "3.4.1. Оператор", "a\n\nA. b", "x\xff\xfey", "«Причал» — сервис", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := tokenize(s)
		var b strings.Builder
		for i, tok := range toks {
			if tok.text == "" {
				t.Fatalf("empty token at %d", i)
			}
			if i > 0 && tok.kind == tWord && (toks[i-1].kind == tWord || toks[i-1].kind == tMarker) {
				t.Fatalf("two words in a row: %q %q", toks[i-1].text, tok.text)
			}
			b.WriteString(tok.text)
		}
		if b.String() != s {
			t.Fatalf("tokens give %q, not %q", b.String(), s)
		}
	})
}

func FuzzDiff(f *testing.F) {
	f.Add("1. A\n\n1.1. b c d", "1. A\n\n1.1. b x d\n\n1.2. e")
	f.Add("x\r\ny", "\uFEFFx\ny")
	f.Add("ёлка — да", "елка – нет")
	f.Add("a\n\nb\n\nc", "c\n\nb\n\na")
	f.Add("\xff\xfe", "\xfe\xff")
	f.Fuzz(func(t *testing.T, old, new string) {
		checkResult(t, "fuzz", Diff(old, new), old, new)
	})
}
