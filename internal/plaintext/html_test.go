package plaintext

import (
	"strconv"
	"strings"
	"testing"
)

func TestRawHTMLIsReadAsTheSiteShowsIt(t *testing.T) {
	tests := []struct{ name, md, want string }{
		{"a table's rows are blocks of cells",
			"<table>\n<thead><tr><th>Data</th><th>Period</th></tr></thead>\n<tbody>\n<tr><td>Logs</td><td>30 days</td></tr>\n<tr><td>Backups</td><td>1 year</td></tr>\n</tbody>\n</table>",
			"Data | Period\n\nLogs | 30 days\n\nBackups | 1 year"},
		{"a cell spanning columns is one cell, an empty one is kept",
			"<table><tr><td colspan=\"2\">Both</td></tr><tr><td>a</td><td></td><td>c</td></tr></table>", "Both\n\na | | c"},
		{"what a cell holds is its text on one line",
			"<table><tr><td><p><strong>Contract</strong> to provide.</p><p>Interest.</p></td><td><ul><li>Technical data</li><li>Location</li></ul></td></tr></table>",
			"Contract to provide. Interest. | Technical data Location"},
		{"a nested table is text in its cell",
			"<table><tr><td>outer</td><td><table><tr><td>in 1</td><td>in 2</td></tr></table></td></tr><tr><td>next</td></tr></table>",
			"outer | in 1 in 2\n\nnext"},
		{"a caption is a block", "<table><caption>Retention</caption><tr><td>a</td></tr></table>", "Retention\n\na"},
		{"entities are decoded", "<table><tr><td>A &amp; B &lt;C&gt;&nbsp;D</td></tr></table>", "A & B <C> D"},
		{"paragraphs and headings are blocks", "<div><h3>Who</h3><p>We <em>are</em> here.</p>\ntail</div>", "Who\n\nWe are here.\n\ntail"},
		{"lists have Markdown's markers", "<ol start=\"3\"><li>three</li><li>four</li></ol><ul><li>dot</li></ul>", "3. three\n\n4. four\n\n• dot"},
		{"a line break parts words", "<p>Bird &amp; Bird<br/>Avenue Louise<br>Brussels</p>", "Bird & Bird Avenue Louise Brussels"},
		{"inline tags part no words", "<p>m<sup>2</sup> and H<sub>2</sub>O</p>", "m2 and H2O"},
		{"a script's code is no text", "<div>before<script>alert(1)</script>after</div>", "beforeafter"},
		{"a style's rules are no text", "<style>p{color:red}</style>\n\nText.", "Text."},
		{"a removed element's text stays", "<form><p>Enter <input name=q> here</p></form>", "Enter here"},
		{"inline br in Markdown parts words", "services.<br><br>We offer", "services. We offer"},
		{"inline sup in Markdown parts none", "m<sup>2</sup>", "m2"},
		{"an inline script's text is Markdown text", "a <script>b</script> c", "a b c"},
		{"a table split at a blank line", "<table>\n<tr><td>\n\nMarkdown *cell*\n\n</td></tr>\n</table>", "Markdown cell"},
		{"a definition list", "<dl><dt>Controller</dt><dd>The company</dd></dl>", "Controller\n\nThe company"},
		{"inside a Markdown list", "- <table><tr><td>a</td><td>b</td></tr></table>", "• a | b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Of(tc.md); got != tc.want {
				t.Errorf("Of(%q)\n = %q\nwant %q", tc.md, got, tc.want)
			}
		})
	}
}

func TestRawHTMLRowsStartOnTheirLines(t *testing.T) {
	md := "Intro.\n\n<table>\n  <tr>\n    <th>A</th>\n  </tr>\n  <tr><td>b</td></tr>\n</table>\n\n<p>\n  para\n</p>\n"
	want := []Block{{"Intro.", 1, "p"}, {"A", 4, "html"}, {"b", 7, "html"}, {"para", 11, "html"}}
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

func TestTextWithoutRawHTMLIsUnchanged(t *testing.T) {
	// A "<" that opens no tag is text, and the text is as it always was.
	for md, want := range map[string]string{
		"a < b and c > d":          "a < b and c > d",
		"<https://example.com/>":   "https://example.com/",
		"<dpo@example.com>":        "dpo@example.com",
		"`<b>code</b>`":            "<b>code</b>",
		"```\n<table>\n```":        "<table>",
		"    <div>indented</div>":  "<div>indented</div>",
		"\\<b>escaped\\</b>":       "<b>escaped</b>",
		"{: #id }\n\nText {: .x }": "Text",
	} {
		if got := Of(md); got != want {
			t.Errorf("Of(%q) = %q, want %q", md, got, want)
		}
	}
}

func TestFindMarkupFindsRawHTML(t *testing.T) {
	md := "Text <b>bold</b>.\n\n> <div>\n> quoted\n> </div>\n\n<!-- note -->\nAfter.\n"
	m := FindMarkup(md)
	var got []string
	for _, h := range m.HTML {
		got = append(got, strings.Join([]string{md[h.Start:h.End], h.Raw}, "→"))
	}
	want := []string{"<b>→<b>", "</b>→</b>", "<div>\n> quoted\n> </div>→<div>\nquoted\n</div>", "<!-- note -->→<!-- note -->"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("pieces = %q\nwant %q", got, want)
	}
	if b := m.HTML[2]; !b.Block || b.Line != 3 || len(b.Lines) != 3 || md[b.Lines[1][0]:b.Lines[1][1]] != "quoted" {
		t.Errorf("the quoted block = %+v", b)
	}
}

func TestFindMarkupFindsAttributeLists(t *testing.T) {
	md := "## Title {: #t .big }\n\nEffective May 4\n{: datetime=\"2026-05-04\" }\n\n" +
		"* item\n{: #telemetry }\n\n## 3. Clause {: .cls } {#c-3}\n\n{#x .y}\n\n{#z} and text\n\n" +
		"```\n{: #code }\n```\n\n<div>\n{: #html }\n</div>\n\n{: ref }\n\n| a |\n|---|\n| b |\n{.table}\n\nA {x} heading\n===\n"
	type got struct {
		text, attrs string
		line        int
		heading     bool
		isText      bool
	}
	var lists []got
	for _, l := range FindMarkup(md).Lists {
		var a []string
		for _, at := range l.Attrs {
			a = append(a, at.Name+"="+at.Value)
		}
		lists = append(lists, got{md[l.Start:l.End], strings.Join(a, " "), l.Line, l.Heading, l.Text})
	}
	want := []got{
		{" {: #t .big }", "id=t class=big", 1, true, false},
		{`{: datetime="2026-05-04" }`, "datetime=2026-05-04", 4, false, false},
		{"{: #telemetry }", "id=telemetry", 7, false, false},
		{" {: .cls } {#c-3}", "class=cls id=c-3", 9, true, false},
		{"{#x .y}", "id=x class=y", 11, false, false},
		{"{", "", 13, false, true},
		{"{: ref }", "", 23, false, false},
		{"{.table}", "class=table", 28, false, false},
	}
	if len(lists) != len(want) {
		t.Fatalf("lists = %+v\nwant %+v", lists, want)
	}
	for i := range want {
		if lists[i] != want[i] {
			t.Errorf("list %d = %+v, want %+v", i, lists[i], want[i])
		}
	}
}

func TestFindMarkupFindsTheLessThansOfText(t *testing.T) {
	for md, want := range map[string]string{
		"a \\< b <b>x</b>":     "",
		"a \\\\< b <b>":        "4",
		"x < y <i>":            "2",
		"`<` <b>":              "",
		"[a<](b) <b>":          "2",
		"<https://x.y/> <b>":   "",
		"Section <<ref>>; <b>": "8",
	} {
		var got []string
		for _, at := range FindMarkup(md).Less {
			got = append(got, strconv.Itoa(at))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("FindMarkup(%q).Less = %v, want %s", md, got, want)
		}
	}
}

func FuzzFindMarkup(f *testing.F) {
	f.Add("## T {: #a }\n\n<div>\nx\n</div>\n\nP <b>b</b> < c\n{.d}\n\n{#e} f")
	f.Fuzz(func(t *testing.T, md string) {
		m := FindMarkup(md)
		for _, h := range m.HTML {
			if h.Start < 0 || h.Start > h.End || h.End > len(md) || h.Line < 1 {
				t.Fatalf("FindMarkup(%q) gives the piece %+v", md, h)
			}
			for _, l := range h.Lines {
				if l[0] < h.Start || l[0] > l[1] || l[1] > h.End {
					t.Fatalf("FindMarkup(%q) gives the piece %+v a line outside it", md, h)
				}
			}
		}
		for _, l := range m.Lists {
			if l.Start < 0 || l.Start > l.End || l.End > len(md) || l.Line < 1 {
				t.Fatalf("FindMarkup(%q) gives the list %+v", md, l)
			}
		}
		for _, at := range m.Less {
			if md[at] != '<' {
				t.Fatalf("FindMarkup(%q) gives %d, no <", md, at)
			}
		}
	})
}
