package site

import (
	"regexp"
	"strings"
	"testing"

	"policysite/internal/clause"
	"policysite/internal/plaintext"
	"policysite/internal/policy"
)

var testEdition = &policy.Edition{File: "versions/x/2024-01-10.en.md", BodyLine: 5}

// callRe is a call of the policysite-html shortcode, newlines included.
var callRe = regexp.MustCompile(`\{\{< policysite-html "([0-9a-f]*)"(\n*) >\}\}`)

// asHugoReads is body as Hugo's goldmark reads it: each shortcode call a
// placeholder word, as Hugo writes it.
func asHugoReads(body string) string {
	return callRe.ReplaceAllString(body, "HAHAHUGOSHORTCODE1s0HBHB")
}

func TestMarkupReplacesRawHTMLAndKeepsLines(t *testing.T) {
	body := "## 1. T {: #t .a }\n\n> <div>\n> x\n> </div>\n\n1.1. a <b>b</b> <script>c</script>\n\n<!-- note\nmore -->\nText <<placeholder>>.\n{: datetime=\"2024\" }\n\n{#c-2}\n\n{#x} and text\n"
	g := &generator{}
	got, msgs := g.markup(testEdition, body, []clause.Clause{{Number: "1", Anchor: "c-1", Heading: true, Line: 1}})
	want := "## 1. T {#t .a}\n\n> {{< policysite-html \"KEY\"\n\n >}}\n\n1.1. a {{< policysite-html \"KEY\" >}}b{{< policysite-html \"KEY\" >}} {{< policysite-html \"\" >}}c{{< policysite-html \"\" >}}\n\n\n\nText \\<{{< policysite-html \"\" >}}>.\n{}\n\n{}\n\n\\{#x} and text\n"
	if keyed := regexp.MustCompile(`"[0-9a-f]{16}"`).ReplaceAllString(got, `"KEY"`); keyed != want {
		t.Errorf("markup =\n%s\nwant\n%s", keyed, want)
	}
	if strings.Count(got, "\n") != strings.Count(body, "\n") {
		t.Errorf("markup moved lines: %d, want %d", strings.Count(got, "\n"), strings.Count(body, "\n"))
	}
	var texts []string
	for _, m := range msgs {
		texts = append(texts, m.Text)
	}
	wantMsgs := []string{
		"versions/x/2024-01-10.en.md:11: raw HTML <script> removed: <script>",
		"versions/x/2024-01-10.en.md:15: raw HTML <placeholder> removed: <placeholder>",
		`versions/x/2024-01-10.en.md:18: attribute list: id "c-2" dropped: ids of the form c-… are clauses' anchors`,
	}
	if strings.Join(texts, "\n") != strings.Join(wantMsgs, "\n") {
		t.Errorf("messages:\n%s\nwant\n%s", strings.Join(texts, "\n"), strings.Join(wantMsgs, "\n"))
	}
}

func TestMarkupClosesWhatTheTextLeavesOpen(t *testing.T) {
	g := &generator{}
	got, _ := g.markup(testEdition, "<div>\nopen\n\nText.\n", nil)
	key := callRe.FindAllStringSubmatch(got, -1)
	if len(key) != 2 || g.fragments.byKey[key[1][1]] != "</div>" {
		t.Errorf("markup = %q, fragments %q", got, g.fragments.byKey)
	}
}

func TestFragmentsFillOnlyMarksBetweenTags(t *testing.T) {
	g := &generator{}
	key := g.fragments.add("<b>x</b>")
	page := `<p><!--policysite-html:` + key + `--></p><img alt="<!--policysite-html:` + key + `-->"><!--policysite-html:0000000000000000-->`
	want := `<p><b>x</b></p><img alt="<!--policysite-html:` + key + `-->"><!--policysite-html:0000000000000000-->`
	if got := string(g.fragments.fill([]byte(page))); got != want {
		t.Errorf("fill =\n%s\nwant\n%s", got, want)
	}
}

// FuzzMarkupLeavesHugoNoRawHTML: whatever an edition's text, once the
// renderer has readied it, Hugo's goldmark finds no raw HTML in it (none
// to omit), the lines stay where they were, and every shortcode call
// names sanitised HTML the renderer keeps.
func FuzzMarkupLeavesHugoNoRawHTML(f *testing.F) {
	for _, s := range []string{
		"<table><tr><td>a</td></tr></table>", "a <b>b</b> c", "Text <<x>>.", "[x](<<b>>)", "![a <i>b</i>](c)",
		"> <div>\n> x\n> </div>", "- <div>\n  x\n  </div>\n- y", "<!-- a\nb -->\nc", "<script>\nx\n</script>\ny",
		"## T {: #a }\n\nP\n{: .b }", "{#x} y", "<a\nhref='x'>y</a>", "`<b>`", "<div>\n\n*x*\n\n</div>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		g := &generator{}
		got, _ := g.markup(testEdition, body, nil)
		if n := strings.Count(got, "\n") - strings.Count(body, "\n"); n != 0 && !strings.HasSuffix(got, ">}}\n") {
			t.Fatalf("markup(%q) = %q: %d lines more", body, got, n)
		}
		for _, m := range callRe.FindAllStringSubmatch(got, -1) {
			if _, ok := g.fragments.byKey[m[1]]; m[1] != "" && !ok {
				t.Fatalf("markup(%q) calls for %q, which it keeps no HTML for", body, m[1])
			}
		}
		if h := plaintext.FindMarkup(asHugoReads(got)).HTML; len(h) > 0 && !strings.Contains(body, "HAHAHUGO") {
			t.Fatalf("markup(%q) = %q, where goldmark still finds raw HTML %q", body, got, h[0].Raw)
		}
	})
}

func TestOnlyBodiesWithMarkupAreParsed(t *testing.T) {
	for body, want := range map[string]bool{
		"## 1. T {#c-1}\n\n1.1. [1.1.](#c-1-1 \"policysite:clause\") x\n": false,
		"## 3. T {#c-3 .clause-terms}\r\n":                                false,
		"Plain text.":                                                     false,
		"a < b":                                                           true,
		"## T {#c-1} x\n":                                                 true,
		"P\n{: #id }\n":                                                   true,
		"{{</* param */>}}":                                               true,
		"## 1. T {#c-1}\n\n## 2. U {#x}":                                  true,
	} {
		if got := mayHoldMarkup(body); got != want {
			t.Errorf("mayHoldMarkup(%q) = %v, want %v", body, got, want)
		}
	}
}
