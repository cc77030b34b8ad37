package site

import (
	"strings"
	"testing"

	"github.com/gohugoio/hugo/parser/pageparser"

	"policysite/internal/plaintext"
)

// FuzzHugoReadsEscapedTextAsWritten: whatever an edition's text, once
// escaped it reaches Markdown through Hugo's own page lexer as the text
// itself, with no shortcode in it, or it is refused for a mark in code.
// "As the text itself" but for a mark that never closes, which reaches
// Markdown as "{\{", for Markdown to print as "{{" (TestEscapeShortcodes
// has where it does).
func FuzzHugoReadsEscapedTextAsWritten(f *testing.F) {
	for _, s := range []string{
		`Text {{< param "title" >}} end.`, `{{% x %}}`, `{{</* y */>}}`, "{{< a\n\nb >}}", "{{< a %}}",
		"Text {{< open, and {{% too.", "{{{<a>}}}", "{{<>}}", "{{< a *>}}", "{{< a */>}}", "x `{{< a` y",
		"<!--more--> {{< a >}}", "{{< a >}}{{< /a >}}", `{{< a "b\"c" >}}`, "{{", "{{<", "{{%/**/%}}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		esc, bad := plaintext.EscapeShortcodes(text)
		if bad >= 0 {
			if !strings.HasPrefix(text[bad:], "{{<") && !strings.HasPrefix(text[bad:], "{{%") {
				t.Fatalf("bad %d is not at a mark in %q", bad, text)
			}
			return
		}
		data, err := pageData(map[string]any{"title": "t"}, esc)
		if err != nil {
			t.Fatal(err)
		}
		items, err := pageparser.ParseBytes(data, pageparser.Config{})
		if err != nil {
			t.Fatalf("Hugo cannot read %q, escaped as %q: %v", text, esc, err)
		}
		var b strings.Builder
		for _, it := range items {
			switch {
			case it.IsFrontMatter(), it.IsEOF():
			case it.IsText(), it.Type == pageparser.TypeLeadSummaryDivider, it.IsIndentation():
				b.Write(it.Val(data))
			default:
				t.Fatalf("Hugo reads %s in %q, escaped as %q", it.ToString(data), text, esc)
			}
		}
		unclosed := strings.NewReplacer(`{\{<`, "{{<", `{\{%`, "{{%")
		// Hugo drops the blank lines between front matter and text, which
		// Markdown would too.
		got, want := strings.TrimLeft(b.String(), "\r\n"), strings.TrimLeft(text, "\r\n")
		if unclosed.Replace(got) != unclosed.Replace(want) {
			t.Errorf("Hugo reads %q as %q (escaped as %q)", text, got, esc)
		}
	})
}
