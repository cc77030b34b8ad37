package plaintext

import (
	"slices"
	"strings"
	"testing"

	"policysite/internal/textmark"
)

// markCase is a Markdown text and its marks, written as what they cover:
// links as "text -> target", styles as "kind:text".
type markCase struct {
	name, md string
	text     string // the plain text, when the case says it
	forms    []string
	links    []string
	styles   []string
}

var markCases = []markCase{
	{name: "ATX headings", md: "# One\n\n## Two\n\n### Three\n\n###### Six",
		forms: []string{"h1", "h2", "h3", "h6"}},
	{name: "setext headings", md: "Title\n=====\n\nSub\n---\n\nText.",
		text: "Title\n\nSub\n\nText.", forms: []string{"h1", "h2", "p"}},
	{name: "a bold line", md: "**1. Fees**",
		forms: []string{"p"}, styles: []string{"strong:1. Fees"}},
	{name: "a bold line with underscores", md: "__2. Terms__",
		forms: []string{"p"}, styles: []string{"strong:2. Terms"}},
	{name: "emphasis in a paragraph", md: "We *never* sell _your_ data.",
		text: "We never sell your data.", forms: []string{"p"}, styles: []string{"em:never", "em:your"}},
	{name: "an inline link", md: "Read our [privacy policy](https://example.com/privacy) now.",
		forms: []string{"p"}, links: []string{"privacy policy -> https://example.com/privacy"}},
	{name: "reference links", md: "See [the terms][t], [t][] and [t].\n\n[t]: https://example.com/terms \"Terms\"",
		text:  "See the terms, t and t.",
		links: []string{"the terms -> https://example.com/terms", "t -> https://example.com/terms", "t -> https://example.com/terms"}},
	{name: "autolinks", md: "<https://example.com> or <me@example.com>",
		text:  "https://example.com or me@example.com",
		links: []string{"https://example.com -> https://example.com", "me@example.com -> mailto:me@example.com"}},
	{name: "a link with emphasis", md: "[**Bold** and *em*](/x)",
		links: []string{"Bold and em -> /x"}, styles: []string{"strong:Bold", "em:em"}},
	{name: "a link's destination unescaped", md: `[a\]](b\)c&amp;d)`,
		text: "a]", links: []string{"a] -> b)c&d"}},
	{name: "nested lists", md: "- a\n  - b\n    1. c\n    2. d\n- e",
		text:  "• a\n\n• b\n\n1. c\n\n2. d\n\n• e",
		forms: []string{"li", "li", "oli", "oli", "li"}},
	{name: "a list item of two paragraphs", md: "1. First *one*.\n\n   Second.\n2. Third.",
		text:  "1. First one.\n\nSecond.\n\n2. Third.",
		forms: []string{"oli", "p", "oli"}, styles: []string{"em:one"}},
	{name: "an empty list item and a heading in one", md: "-\n- # Title",
		text: "•\n\n• Title", forms: []string{"li", "li"}},
	{name: "block quotes", md: "> quoted *text*\n>\n> > deeper\n>\n> - item\n\nafter",
		text:  "quoted text\n\ndeeper\n\n• item\n\nafter",
		forms: []string{"quote p", "quote quote p", "quote li", "p"}, styles: []string{"em:text"}},
	{name: "a table", md: "| Name | [Link](https://x.org) |\n|---|---|\n| **a**  b | `c` |\n|  | ~~d~~ |",
		text:  "Name | Link\n\na b | c\n\n| d",
		forms: []string{"th", "tr", "tr"},
		links: []string{"Link -> https://x.org"}, styles: []string{"strong:a", "code:c", "del:d"}},
	{name: "code blocks", md: "```\ncode  here\n```\n\n    indented",
		text: "code here\n\nindented", forms: []string{"pre", "pre"}},
	{name: "code spans and strikethrough", md: "`co  de` ~~old~~ ***both***",
		text: "co de old both", styles: []string{"code:co de", "del:old", "em:both", "strong:both"}},
	{name: "a definition list", md: "Term *t*\n: The *description*.\n\n  More.",
		text:  "Term t\n\nThe description.\n\nMore.",
		forms: []string{"dt", "dd", "p"}, styles: []string{"em:t", "em:description"}},
	{name: "a footnote", md: "Text[^1].\n\n[^1]: A *note*.",
		text: "Text[1].\n\n[1] A note.", forms: []string{"p", "fn"}, styles: []string{"em:note"}},
	{name: "an image has no marks", md: "![alt *x*](i.png) [a](b)",
		text: "alt x a", links: []string{"a -> b"}},
	{name: "Cyrillic", md: "## 3. Файлы cookie\n\nМы используем **файлы cookie** и [политику](https://example.ru/политика).",
		text:  "3. Файлы cookie\n\nМы используем файлы cookie и политику.",
		forms: []string{"h2", "p"}, links: []string{"политику -> https://example.ru/политика"},
		styles: []string{"strong:файлы cookie"}},
	{name: "spaces folded", md: "a   *b \u00A0 c*   [ d  ](x)\ne",
		text: "a b c d e", links: []string{"d -> x"}, styles: []string{"em:b c"}},
	{name: "a link across a hard break", md: "[one  \ntwo](x)",
		text: "one two", links: []string{"one two -> x"}},
	{name: "a trailing Kramdown list", md: "## [Scope](/s) *now* {: #scope }\n\nText *b*\n{: .note }",
		text:  "Scope now\n\nText b",
		forms: []string{"h2", "p"}, links: []string{"Scope -> /s"}, styles: []string{"em:now", "em:b"}},
	{name: "an empty link before a number", md: "### [](#1-intro)1\\. Intro",
		text: "1. Intro", forms: []string{"h3"}},
	{name: "runs of nothing", md: "a ** ** *`  `* [ ](x) b",
		text: "a ** ** b"},
	{name: "a raw HTML block", md: "<p>See <a href=\"https://example.com/a\">our <b>page</b></a>.</p>\n\n<ol><li><em>x</em></li></ol>",
		text:  "See our page.\n\n1. x",
		forms: []string{"html", "html"},
		links: []string{"our page -> https://example.com/a"}, styles: []string{"strong:page", "em:x"}},
	{name: "a raw HTML table", md: "<table><tr><th><a href=\"#x\">A</a></th><td>B  <i>c</i></td></tr>\n<tr><td></td><td><strong>d</strong></td></tr></table>",
		text:  "A | B c\n\n| d",
		forms: []string{"html", "html"},
		links: []string{"A -> #x"}, styles: []string{"em:c", "strong:d"}},
	{name: "a raw HTML link around blocks", md: "<div><a href=\"#q\"><p>one</p><p>two</p></a></div>",
		text: "one\n\ntwo", links: []string{"one -> #q", "two -> #q"}},
	{name: "inline raw HTML", md: "Go <a href=\"https://e.com\">there</a>, <b>now</b>, <a href=\"javascript:x()\">not</a> <a href=\"#y\">open",
		text:  "Go there, now, not open",
		links: []string{"there -> https://e.com", "open -> #y"}, styles: []string{"strong:now"}},
	{name: "raw HTML in a list item", md: "- <p><a href=\"#y\">Y</a></p>",
		text: "• Y", forms: []string{"li"}, links: []string{"Y -> #y"}},
}

// covered is what the marks of text cover, as markCase writes them.
func covered(text string, m textmark.Marks) (forms, links, styles []string) {
	for _, b := range m.Blocks {
		forms = append(forms, b.Form)
	}
	for _, l := range m.Links {
		links = append(links, text[l.Start:l.End]+" -> "+l.Target)
	}
	for _, s := range m.Styles {
		styles = append(styles, s.Kind+":"+text[s.Start:s.End])
	}
	return forms, links, styles
}

func TestMarked(t *testing.T) {
	for _, tc := range markCases {
		t.Run(tc.name, func(t *testing.T) {
			text, m := Marked(tc.md)
			if want := Of(tc.md); text != want {
				t.Fatalf("text %q, Of gives %q", text, want)
			}
			if tc.text != "" && text != tc.text {
				t.Errorf("text %q, want %q", text, tc.text)
			}
			if err := m.Check(text); err != nil {
				t.Fatalf("%v: %+v", err, m)
			}
			forms, links, styles := covered(text, m)
			if tc.forms != nil && !slices.Equal(forms, tc.forms) {
				t.Errorf("forms %q, want %q", forms, tc.forms)
			}
			if !slices.Equal(links, tc.links) {
				t.Errorf("links %q, want %q", links, tc.links)
			}
			if !slices.Equal(styles, tc.styles) {
				t.Errorf("styles %q, want %q", styles, tc.styles)
			}
		})
	}
}

// TestMarkedOffsetsAreBytes: offsets count bytes, so that Cyrillic text
// before a mark moves it by two a letter.
func TestMarkedOffsetsAreBytes(t *testing.T) {
	text, m := Marked("## Файлы\n\nМы *да*.")
	want := textmark.Marks{
		Blocks: []textmark.Block{{Form: "h2", Start: 0, End: 10}, {Form: "p", Start: 12, End: 22}},
		Links:  []textmark.Link{},
		Styles: []textmark.Style{{Kind: "em", Start: 17, End: 21}},
	}
	if text != "Файлы\n\nМы да." {
		t.Fatalf("text %q", text)
	}
	if !slices.Equal(m.Blocks, want.Blocks) || !slices.Equal(m.Styles, want.Styles) || m.Links == nil || len(m.Links) != 0 {
		t.Errorf("marks %+v, want %+v", m, want)
	}
}

// TestBlocksHaveMarkedForms: Blocks gives each block the form that Marked
// does.
func TestBlocksHaveMarkedForms(t *testing.T) {
	for _, tc := range markCases {
		_, m := Marked(tc.md)
		blocks := Blocks(tc.md)
		if len(blocks) != len(m.Blocks) {
			t.Fatalf("%s: %d blocks, Marked has %d", tc.name, len(blocks), len(m.Blocks))
		}
		for i, b := range blocks {
			if b.Form != m.Blocks[i].Form {
				t.Errorf("%s: block %d is %q, Marked says %q", tc.name, i, b.Form, m.Blocks[i].Form)
			}
		}
	}
}

func FuzzMarked(f *testing.F) {
	for _, tc := range markCases {
		f.Add(tc.md)
	}
	for _, s := range []string{
		"", "\x80", "a\n\n\x80*\x80*", "*\xe2*\x80\xa8*", "[\xc2](x)\xa0 b",
		strings.Repeat("[", 200) + "a" + strings.Repeat("](x)", 200),
		strings.Repeat("*", 300) + "a" + strings.Repeat("*", 300),
		strings.Repeat("> ", 100) + "- *a*",
		strings.Repeat("<a href=\"#x\"><b>", 50) + "t",
		"<table><tr><td><a href=\"#x\">a<td>b</a></table><a href=#y>",
		"| a |\n|---|\n| <a href=\"#z\">b |",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		text, m := Marked(md)
		if want := Of(md); text != want {
			t.Fatalf("Marked(%q) = %q, Of gives %q", md, text, want)
		}
		if err := m.Check(text); err != nil {
			t.Fatalf("Marked(%q) = %q: %v\n%+v", md, text, err, m)
		}
		for _, l := range m.Links {
			if l.Start >= l.End {
				t.Fatalf("Marked(%q): an empty link %+v", md, l)
			}
		}
		for _, s := range m.Styles {
			if s.Start >= s.End {
				t.Fatalf("Marked(%q): an empty style %+v", md, s)
			}
		}
		blocks := Blocks(md)
		for i, b := range blocks {
			if b.Form != m.Blocks[i].Form {
				t.Fatalf("Blocks(%q)[%d] is %q, Marked says %q", md, i, b.Form, m.Blocks[i].Form)
			}
		}
	})
}

// FuzzFoldMap holds foldMap to fold: the text it makes is fold's, and the
// places it gives go forward and end at the text's end.
func FuzzFoldMap(f *testing.F) {
	for _, s := range []string{"", " a  b \n\n c\u00A0\u00A0d\t", "x \u2003 y\r\n\u0085z", "\xe2\x80 \xa8\n\xc2\xa0b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := make([]int, len(s)+1)
		var text []byte
		n := foldMap(s, m, &text)
		if want := fold(s); string(text) != want || n != len(want) {
			t.Fatalf("foldMap(%q) makes %q (%d), fold gives %q", s, text, n, want)
		}
		if m[0] != 0 || m[len(s)] != n {
			t.Fatalf("foldMap(%q) = %v: not from 0 to %d", s, m, n)
		}
		for i := 1; i < len(m); i++ {
			if m[i] < m[i-1] {
				t.Fatalf("foldMap(%q) = %v: goes back at %d", s, m, i)
			}
		}
	})
}
