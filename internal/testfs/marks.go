package testfs

import (
	"slices"
	"strings"
	"testing"

	"policysite/internal/textmark"
)

// Marked builds a plain text and its marks for tests: blocks are
// "form|text", and each key of links, at its first place in the text,
// becomes a link to its value. It fails the test when the marks do not
// describe the text.
func Marked(t testing.TB, links map[string]string, blocks ...string) (string, textmark.Marks) {
	t.Helper()
	var texts []string
	m := textmark.Marks{Links: []textmark.Link{}, Styles: []textmark.Style{}}
	at := 0
	for _, b := range blocks {
		form, text, _ := strings.Cut(b, "|")
		m.Blocks = append(m.Blocks, textmark.Block{Form: form, Start: at, End: at + len(text)})
		texts = append(texts, text)
		at += len(text) + 2
	}
	text := strings.Join(texts, "\n\n")
	for word, target := range links {
		i := strings.Index(text, word)
		if i < 0 {
			t.Fatalf("no %q in the text", word)
		}
		m.Links = append(m.Links, textmark.Link{Start: i, End: i + len(word), Target: target})
	}
	// Links come in the text's order, whatever the map's.
	slices.SortFunc(m.Links, func(a, b textmark.Link) int { return a.Start - b.Start })
	if err := m.Check(text); err != nil {
		t.Fatal(err)
	}
	return text, m
}
