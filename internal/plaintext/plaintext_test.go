package plaintext

import (
	"regexp"
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct{ name, md, want string }{
		{"heading and paragraph", "## 3. Файлы cookie\n\nМы используем\nфайлы **cookie**.", "3. Файлы cookie\n\nМы используем файлы cookie."},
		{"clause paragraphs", "3.1. Первый.\n3.2. Второй.", "3.1. Первый. 3.2. Второй."},
		{"ordered list keeps numbers", "5. Пять\n6. Шесть", "5. Пять\n\n6. Шесть"},
		{"bullets", "- один;\n- два.", "• один;\n\n• два."},
		{"nested list", "- a\n  - b", "• a\n\n• b"},
		{"link text, not URL", "См. [политику](https://example.ru/p).", "См. политику."},
		{"autolink", "<https://example.ru>", "https://example.ru"},
		{"escapes and entities", `a \* b &amp; c &#171;`, "a * b & c «"},
		{"heading attribute", "## Title {#custom}", "Title"},
		{"hard break", "a  \nb", "a b"},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n\n1 | 2"},
		{"raw html table is a row of cells", "<table><tr><td>Срок</td><td>30 дней</td></tr></table>", "Срок | 30 дней"},
		{"inline html dropped", "a <b>bold</b> c", "a bold c"},
		{"thematic break", "a\n\n---\n\nb", "a\n\nb"},
		{"blockquote", "> quoted", "quoted"},
		{"code", "```\nx  =  1\n```", "x = 1"},
		{"nbsp folded", "a\u00A0\u00A0b", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Of(tt.md); got != tt.want {
				t.Errorf("Of(%q) = %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}

func TestBlocksStartLines(t *testing.T) {
	md := "Вступление\nв две строки.\n\n## 1. Термины {#t}\n\n1.1. Сайт —\nэто сайт.\n\n- 1.2. Пункт списка;\n-\n\n| a |\n|---|\n| b |\n"
	want := []Block{
		{"Вступление в две строки.", 1, "p"},
		{"1. Термины", 4, "h2"},
		{"1.1. Сайт — это сайт.", 6, "p"},
		{"• 1.2. Пункт списка;", 9, "li"},
		{"•", 0, "li"},
		{"a", 12, "th"},
		{"b", 14, "tr"},
	}
	got := Blocks(md)
	if len(got) != len(want) {
		t.Fatalf("Blocks = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func FuzzOf(f *testing.F) {
	f.Add("## 1. A\n\n1.1. b *c* [d](e)\n\n- f\n- g")
	f.Add("<div>x</div>\n\n| a |\n|---|\n| b |")
	f.Fuzz(func(t *testing.T, md string) {
		s := Of(md)
		if strings.Contains(s, "\n\n\n") || strings.HasPrefix(s, "\n") || strings.HasSuffix(s, "\n") {
			t.Fatalf("Of(%q) = %q: not normalised", md, s)
		}
		blocks := Blocks(md)
		texts := make([]string, len(blocks))
		// A lone CR ends a line too, in Markdown and HTML alike (editions
		// reach here with every line ending made LF).
		lines := strings.Count(strings.ReplaceAll(strings.ReplaceAll(md, "\r\n", "\n"), "\r", "\n"), "\n") + 1
		for i, b := range blocks {
			texts[i] = b.Text
			if b.Line < 0 || b.Line > lines || strings.Contains(b.Text, "\n") {
				t.Fatalf("Blocks(%q)[%d] = %+v: outside the source's %d lines, or not one line", md, i, b, lines)
			}
		}
		if j := strings.Join(texts, "\n\n"); j != s {
			t.Fatalf("Blocks(%q) join to %q, Of gives %q", md, j, s)
		}
	})
}

// foldSpaceRe and regexpFold are what fold did with a regexp: the plain
// statement of its rule, which the faster loop must keep.
var foldSpaceRe = regexp.MustCompile(`[ \t\x{00A0}\x{2007}\x{202F}]+`)

func regexpFold(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(foldSpaceRe.ReplaceAllString(l, " "))
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, " ")
}

func TestFoldMatchesItsRule(t *testing.T) {
	for _, s := range []string{
		"", " ", "\n\n", "a", "a b", "a  b", " a \n b ", "a\t\u00A0b",
		"a\u2007\u202Fb\u00A0", "\u2003a\u2003\u2003b\u2003", "a\r\nb\r\n",
		"x \u00A0 \t y\n\n  z", "\u00A0\n\u00A0a\u00A0\n", "a \u3000 b",
	} {
		if got, want := fold(s), regexpFold(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("x \u00A0 \t y\n\n  z\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), regexpFold(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestEscapeShortcodes(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		bad            int
	}{
		{"no mark", "1.1. {{ now }} and {{ x }}.", "1.1. {{ now }} and {{ x }}.", -1},
		{"a shortcode", `Text {{< param "title" >}} end.`, `Text {{</* param "title" */>}} end.`, -1},
		{"with markup", `{{% x %}}`, `{{%/* x */%}}`, -1},
		{"already escaped", `{{</* y */>}}`, `{{</*/* y */*/>}}`, -1},
		{"in a code span", "`{{< a >}}`", "`{{</* a */>}}`", -1},
		{"closed three lines on", "{{< a\n\nb\n\nc >}}", "{{</* a\n\nb\n\nc */>}}", -1},
		{"the wrong closer", "{{< a %}}", `{\{< a %}}`, -1},
		{"never closed", "Text {{< open, and {{% too.", `Text {\{< open, and {\{% too.`, -1},
		{"a brace before", "{{{<a>}}}", "{{{</*a*/>}}}", -1},
		{"empty", "{{<>}}", "{{</**/>}}", -1},
		{"a star before the closer", "{{< a *>}}", "{{</* a **/>}}", -1},
		{"never closed in a code span", "x `{{< a` y", "", 3},
		{"never closed in a fenced block", "x\n\n```\n{{% a\n```\n", "", 7},
		{"never closed in an indented block", "x\n\n    {{< a\n", "", 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, bad := EscapeShortcodes(tc.in)
			if got != tc.want || bad != tc.bad {
				t.Errorf("EscapeShortcodes(%q) = %q, %d; want %q, %d", tc.in, got, bad, tc.want, tc.bad)
			}
		})
	}
}

// TestKramdownAttributeListsAreNotText: an attribute list that ends a
// block, on its last line or alone, is markup, and leaves the text.
func TestKramdownAttributeListsAreNotText(t *testing.T) {
	for in, want := range map[string]string{
		"Effective May 4, 2026\n{: datetime=\"2026-05-04\" }\n": "Effective May 4, 2026",
		"## 1. Scope {: #scope }\n":                             "1. Scope",
		"Text.\n\n{: .note }\n\nMore.\n":                        "Text.\n\nMore.",
		"A set {: not at the end } stays.\n":                    "A set {: not at the end } stays.",
		"Braces {like these} are text.\n":                       "Braces {like these} are text.",
	} {
		if got := Of(in); got != want {
			t.Errorf("Of(%q) = %q, want %q", in, got, want)
		}
	}
}
