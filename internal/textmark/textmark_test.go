package textmark

import "testing"

func TestCheckRefusesMarksThatDoNotDescribeTheText(t *testing.T) {
	const text = "Заголовок\n\nСм. политику." // "См. политику." starts at byte 20
	good := Marks{
		Blocks: []Block{{Form: "h2", Start: 0, End: 18}, {Form: "p", Start: 20, End: len(text)}},
		Links:  []Link{{Start: 26, End: len(text) - 1, Target: "https://a.example/p"}},
		Styles: []Style{{Kind: "strong", Start: 0, End: 18}},
	}
	if err := good.Check(text); err != nil {
		t.Fatalf("good marks refused: %v", err)
	}
	tests := []struct {
		name string
		edit func(*Marks)
	}{
		{"a block that is not the next one", func(m *Marks) { m.Blocks[1].Start = 19 }},
		{"blocks that stop short of the text", func(m *Marks) { m.Blocks = m.Blocks[:1] }},
		{"a block across a blank line", func(m *Marks) { m.Blocks = []Block{{Form: "p", Start: 0, End: len(text)}} }},
		{"a link past the end", func(m *Marks) { m.Links[0].End = len(text) + 1 }},
		{"a link inside a rune", func(m *Marks) { m.Links[0].Start = 27 }},
		{"links out of order", func(m *Marks) {
			m.Links = append(m.Links, Link{Start: 20, End: 24, Target: "x"})
		}},
		{"a style ending inside a rune", func(m *Marks) { m.Styles[0].End = 17 }},
		{"an empty range backwards", func(m *Marks) { m.Styles[0].Start, m.Styles[0].End = 5, 4 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good
			m.Blocks = append([]Block(nil), good.Blocks...)
			m.Links = append([]Link(nil), good.Links...)
			m.Styles = append([]Style(nil), good.Styles...)
			tt.edit(&m)
			if err := m.Check(text); err == nil {
				t.Errorf("Check accepted %+v", m)
			}
		})
	}
}

// A stray byte of invalid UTF-8 is a rune of its own: a block may start on
// one, as the plain text of such a body does.
func TestCheckTakesAStrayByteAsARune(t *testing.T) {
	text := "a\n\n\x80b"
	m := Marks{Blocks: []Block{{Form: "p", Start: 0, End: 1}, {Form: "p", Start: 3, End: 5}}}
	if err := m.Check(text); err != nil {
		t.Fatal(err)
	}
}

func TestCheckTakesNoMarksForNoText(t *testing.T) {
	if err := (Marks{}).Check(""); err != nil {
		t.Fatal(err)
	}
	if err := (Marks{}).Check("a"); err == nil {
		t.Error("a text without blocks passed")
	}
}
