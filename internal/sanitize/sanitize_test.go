package sanitize

import (
	"regexp"
	"strings"
	"testing"
)

func TestAllowedElementsAreKeptWithTheirAllowedAttributes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<table><caption>Retention</caption><colgroup span="2"><col span="1"></colgroup><thead><tr><th scope="col">Data</th><th colspan="2">Period</th></tr></thead>` +
			`<tbody><tr><td rowspan="3">Logs</td><td>30 days</td></tr></tbody><tfoot><tr><td>End</td></tr></tfoot></table>`, ""},
		{`<p>Line one<br>line two<br/>line three</p>`, `<p>Line one<br>line two<br/>line three</p>`},
		{`<p>E = mc<sup>2</sup>, H<sub>2</sub>O, <small>fine print</small></p>`, ""},
		{`<time datetime="2024-01-10">10 January</time> <time datetime="2024-01-10T12:00:00+03:00">noon</time>`, ""},
		{`<abbr title="General Data Protection Regulation">GDPR</abbr>`, ""},
		{`<dl><dt>Controller</dt><dd>The company</dd></dl>`, ""},
		{`<ul><li>one</li></ul><ol start="3" reversed type="a"><li value="7">seven</li></ol>`,
			`<ul><li>one</li></ul><ol start="3" reversed="" type="a"><li value="7">seven</li></ol>`},
		{`<strong>s</strong><em>e</em><b>b</b><i>i</i><u>u</u><span class="note big" lang="en" title="t">x</span>`, ""},
		{`<div id="processors"><hr><blockquote>quoted</blockquote></div>`, ""},
		{`<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>`, ""},
		{`<a href="https://example.com/a?b=c&amp;d=e">https</a> <a href="http://example.com/">http</a>`, ""},
		{`<a href="mailto:dpo@example.com">mail</a> <a href="tel:+74951234567">phone</a> <a href="#processors">see</a>`, ""},
		{`<a id="bookmark-how-we-use-data"></a><a id="cookies" href="#c-1">clause</a>`, ""},
		{`<table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>`, ""},
	}
	for _, tc := range tests {
		want := tc.want
		if want == "" {
			want = tc.in
		}
		got, removed := HTML(tc.in)
		if got != want {
			t.Errorf("HTML(%s)\n = %s\nwant %s", tc.in, got, want)
		}
		if len(removed) > 0 {
			t.Errorf("HTML(%s) removed %+v", tc.in, removed)
		}
	}
}

// scriptRe finds in sanitised HTML what could run script: a script or
// other active element, an event handler, a style, or an address of a
// scheme that runs or loads a document.
var scriptRe = regexp.MustCompile(`(?i)<\s*(?:script|style|iframe|object|embed|form|svg|math|img|meta|link|base|input|button)|\son[a-z]+\s*=|\sstyle\s*=|(?:javascript|vbscript|data)\s*:`)

func TestForbiddenMarkupIsRemovedAndNamed(t *testing.T) {
	tests := []struct {
		in, want string
		what     []string
	}{
		{`<script>alert(1)</script>ok`, "ok", []string{"<script>"}},
		{`<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>ok`, "ok", []string{"<script>"}},
		{`<style>body{background:url(javascript:alert(1))}</style>ok`, "ok", []string{"<style>"}},
		{`<iframe src="https://evil.example/"></iframe>ok`, "ok", []string{"<iframe>"}},
		{`<object data="x.swf"><param name="a" value="b"></object><embed src="x.swf">ok`, "ok", []string{"<object>", "<embed>"}},
		{`<form action="https://evil.example/"><input name="q"><button formaction="javascript:alert(1)">go</button></form>`, "go", []string{"<form>", "<input>", "<button>"}},
		{`<img src=x onerror=alert(1)>`, "", []string{"<img>"}},
		{`<svg onload=alert(1)><circle/></svg>`, "", []string{"<svg>", "<circle>"}},
		{`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, "", []string{"<meta>"}},
		{`<p onclick="alert(1)" style="color:red" onmouseover=alert(2)>text</p>`, "<p>text</p>", []string{"<p onclick>", "<p style>", "<p onmouseover>"}},
		{`<td ONCLICK="alert(1)">x</td>`, "<td>x</td>", []string{"<td onclick>"}},
		{`<span style="position:fixed;top:0">x</span>`, "<span>x</span>", []string{"<span style>"}},
		{`<!DOCTYPE html><p>x</p>`, "<p>x</p>", []string{"<!DOCTYPE>"}},
		{`<?php echo 1; ?><p>x</p>`, "<p>x</p>", []string{"<?>"}},
		{`<!-- <script>alert(1)</script> --><p>x</p>`, "<p>x</p>", nil},
		{`<a name="old">x</a>`, "x", []string{"<a name>"}},
		{`<div id="c-3-1">x</div>`, "<div>x</div>", []string{"<div id>"}},
		{`<p class="a&quot;b">x</p>`, "<p>x</p>", []string{"<p class>"}},
		{`<td colspan="0" rowspan="x">x</td>`, "<td>x</td>", []string{"<td colspan>", "<td rowspan>"}},
		{`<details open ontoggle=alert(1)><summary>s</summary></details>`, "s", []string{"<details>", "<summary>"}},
		{`<marquee onstart=alert(1)>m</marquee>`, "m", []string{"<marquee>"}},
		{`<noscript><p>n</p></noscript>ok`, "ok", []string{"<noscript>"}},
		{`<base href="https://evil.example/"><link rel="stylesheet" href="x.css">`, "", []string{"<base>", "<link>"}},
	}
	for _, tc := range tests {
		got, removed := HTML(tc.in)
		if got != tc.want {
			t.Errorf("HTML(%s)\n = %q\nwant %q", tc.in, got, tc.want)
		}
		if m := scriptRe.FindString(got); m != "" {
			t.Errorf("HTML(%s) = %s, which keeps %q", tc.in, got, m)
		}
		var what []string
		for _, r := range removed {
			what = append(what, r.What())
		}
		if strings.Join(what, " ") != strings.Join(tc.what, " ") {
			t.Errorf("HTML(%s) names %v, want %v", tc.in, what, tc.what)
		}
	}
}

func TestLinksOfForbiddenSchemesAreRemovedHoweverWritten(t *testing.T) {
	for _, href := range []string{
		`javascript:alert(1)`, `JaVaScRiPt:alert(1)`, ` javascript:alert(1)`, `javascript :alert(1)`,
		`&#106;avascript:alert(1)`, `&#x6A;avascript:alert(1)`, `&#X6a;&#x61;vascript:alert(1)`,
		`java&#x09;script:alert(1)`, `java&#10;script:alert(1)`, `java&Tab;script:alert(1)`, `&#0;javascript:alert(1)`,
		`javascript&colon;alert(1)`, `vbscript:msgbox(1)`, `VBScript:msgbox(1)`,
		`data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`, `DATA:text/html,<script>alert(1)</script>`,
		`file:///etc/passwd`, `ftp://example.com/`, `//evil.example/`, `/relative/path`, `relative`, `?q=1`,
		`https://exa mple.com/`, `https://%zz`, `\\evil.example\share`,
	} {
		in := `<a href="` + href + `">x</a>`
		got, removed := HTML(in)
		if got != "x" {
			t.Errorf("HTML(%s) = %s, want the link gone and its text kept", in, got)
		}
		if len(removed) != 1 || removed[0].What() != "<a href>" {
			t.Errorf("HTML(%s) names %+v, want <a href>", in, removed)
		}
		if m := scriptRe.FindString(got); m != "" {
			t.Errorf("HTML(%s) keeps %q", in, m)
		}
	}
}

func TestMalformedHTMLNeverLetsScriptThrough(t *testing.T) {
	for _, in := range []string{
		`<scr<script>ipt>alert(1)</script>`,
		`<<script>script>alert(1)<</script>/script>`,
		`</script><script>alert(1)</script>`,
		`<img/src=x/onerror=alert(1)>`,
		`<a href="javascript:alert(1)"`,
		`<a href="https://ok.example/" onclick="alert(1)`,
		`<p title="x" onclick=alert(1)//>`,
		`<div><table><tr><td>open`,
		`</td></tr></table></div>closing`,
		`<a href=javascript:alert(1)>x</a>`,
		`<a href='javascript:alert(1)'>x</a>`,
		`<a href="https://ok.example/" href="javascript:alert(1)">x</a>`,
		`<svg><script>alert(1)</script></svg>`,
		`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		`<textarea><script>alert(1)</script></textarea>`,
		`<title><script>alert(1)</script></title>`,
		`<plaintext><script>alert(1)</script>`,
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
		`<!--><script>alert(1)</script>-->`,
		`<!--[if IE]><script>alert(1)</script><![endif]-->`,
		`<![CDATA[<script>alert(1)</script>]]>`,
		"<scr\x00ipt>alert(1)</script>",
		`<a href="jav&#x0D;ascript:alert(1)">x</a>`,
		`<p style="x:expression(alert(1))">x</p>`,
		`<a href="https://example.com/" target="_blank" rel="opener">x</a>`,
	} {
		got, _ := HTML(in)
		if m := scriptRe.FindString(got); m != "" {
			t.Errorf("HTML(%s) = %s, which keeps %q", in, got, m)
		}
		if strings.Contains(strings.ToLower(got), "<script") || strings.Contains(got, "target=") {
			t.Errorf("HTML(%s) = %s", in, got)
		}
	}
}

func TestPiecesAreReadAsOneText(t *testing.T) {
	tests := []struct {
		name   string
		pieces []string
		want   []string
	}{
		{"a table split by Markdown keeps its rows",
			[]string{"<table>\n<tr><td>", "</td></tr>\n</table>"}, []string{"<table>\n<tr><td>", "</td></tr>\n</table>"}},
		{"the end tag of a link removed in one piece goes in another",
			[]string{`<a href="javascript:alert(1)">`, `</a>`}, []string{"", ""}},
		{"the end tag of an allowed link stays",
			[]string{`<a href="https://example.com/">`, `</a>`}, []string{`<a href="https://example.com/">`, `</a>`}},
		{"a script across pieces is read piece by piece, and none runs",
			[]string{`<script>`, `alert(1)`, `</script>`}, []string{"", "alert(1)", ""}},
		{"an attribute left open at a piece's end never swallows the next",
			[]string{`<div title="a`, `b">text`}, []string{"", `b&#34;&gt;text`}},
		{"a piece with the marker is read on its own",
			[]string{"<b>" + marker + "</b>", "<i>x</i>"}, []string{"<b>" + marker + "</b>", "<i>x</i>"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := Pieces(tc.pieces)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Pieces(%q)\n = %q\nwant %q", tc.pieces, got, tc.want)
			}
		})
	}
}

func TestRemovalsNameTheirPieceAndOffset(t *testing.T) {
	pieces := []string{"<p>a</p>", "<b>x</b> <script>alert(1)</script>", `<td onclick="x">`}
	_, removed := Pieces(pieces)
	want := []Removal{
		{Piece: 1, Offset: 9, Element: "script", Markup: "<script>alert(1)</script>"},
		{Piece: 2, Offset: 0, Element: "td", Attr: "onclick", Markup: `onclick="x"`},
	}
	if len(removed) != len(want) {
		t.Fatalf("removed %+v, want %+v", removed, want)
	}
	for i := range want {
		if removed[i] != want[i] {
			t.Errorf("removal %d = %+v, want %+v", i, removed[i], want[i])
		}
	}
}

func TestLongMarkupIsShortenedOnOneLine(t *testing.T) {
	_, removed := HTML("<script>\n" + strings.Repeat("alert(1);\n", 40) + "</script>")
	if len(removed) != 1 {
		t.Fatalf("removed %+v", removed)
	}
	m := removed[0].Markup
	if strings.Contains(m, "\n") || len([]rune(m)) != shortenAt || !strings.HasSuffix(m, "…") {
		t.Errorf("markup %q is not one line of %d characters ending in …", m, shortenAt)
	}
}

func TestIDsOfClauseAnchorsAreRefused(t *testing.T) {
	for id, want := range map[string]bool{
		"processors": true, "bookmark-how-we-use-data": true, "c": true, "cookies": true, "C-1": true, "раздел-2": true,
		"c-1": false, "c-3-4-1": false, "": false, "a b": false, `a"b`: false, "#x": false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
	for class, want := range map[string]bool{"inproduct-link": true, "a b": true, "a}": false, "": false, `a"`: false} {
		if got := ValidClass(class); got != want {
			t.Errorf("ValidClass(%q) = %v, want %v", class, got, want)
		}
	}
}

func TestTokensGiveTextAndLines(t *testing.T) {
	toks := Tokens("<table>\n<tr><td colspan=\"2\">A &amp; B</td></tr>\n</table>")
	var got []string
	for _, tk := range toks {
		switch tk.Kind {
		case Start:
			got = append(got, "<"+tk.Tag+tk.Attrs["colspan"]+">")
		case End:
			got = append(got, "</"+tk.Tag+">")
		case Text:
			got = append(got, tk.Text)
		}
	}
	want := "<table>|\n|<tr>|<td2>|A & B|</td>|</tr>|\n|</table>"
	if strings.Join(got, "|") != want {
		t.Errorf("tokens = %q, want %q", strings.Join(got, "|"), want)
	}
	if toks[len(toks)-1].Line != 2 {
		t.Errorf("</table> is on line %d, want 2", toks[len(toks)-1].Line)
	}
}

func FuzzPiecesNeverLetScriptThrough(f *testing.F) {
	for _, s := range []string{`<script>alert(1)</script>`, `<a href="javascript:x">`, `<td onclick=x>`, `<table><tr><td>`, `<div title="`, "<p>ok</p>"} {
		f.Add(s, "</td></tr>")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		out, _ := Pieces([]string{a, b})
		for _, o := range out {
			for _, tk := range Tokens(o) {
				if tk.Kind != Start {
					continue
				}
				if !allowedElement(tk.Tag) {
					t.Fatalf("Pieces(%q, %q) keeps <%s>: %q", a, b, tk.Tag, out)
				}
				for k, v := range tk.Attrs {
					if !allowedAttr(tk.Tag, k, v) {
						t.Fatalf("Pieces(%q, %q) keeps %s=%q on <%s>: %q", a, b, k, v, tk.Tag, out)
					}
				}
			}
		}
	})
}

func TestBalanceDropsStrayEndTagsAndClosesWhatIsLeftOpen(t *testing.T) {
	tests := []struct {
		name    string
		pieces  []string
		want    []string
		closers string
	}{
		{"end tags of removed links go", []string{"", "</a>", "<b>", "</b>", "</a>"}, []string{"", "", "<b>", "</b>", ""}, ""},
		{"a table across pieces stays whole", []string{"<table><tr><td>", "</td></tr></table>"}, []string{"<table><tr><td>", "</td></tr></table>"}, ""},
		{"an element left open is closed after the text", []string{"<div><span>a", "<p>b"}, []string{"<div><span>a", "<p>b"}, "</span></div>"},
		{"an end tag closes what is inside its element", []string{"<div><em>x</div>", "</em>"}, []string{"<div><em>x</div>", ""}, ""},
		{"void elements need no end tag", []string{"a<br>b<hr>"}, []string{"a<br>b<hr>"}, ""},
		{"a self-closing tag is written as HTML reads it", []string{"a<br/>b", `<span class="x"/>c`}, []string{"a<br>b", `<span class="x">c`}, "</span>"},
		{"text is kept as it is", []string{"x &amp; y"}, []string{"x &amp; y"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, closers := Balance(tc.pieces)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || closers != tc.closers {
				t.Errorf("Balance(%q) = %q, %q; want %q, %q", tc.pieces, got, closers, tc.want, tc.closers)
			}
		})
	}
}

func TestOnlyCommentsBetweenTagsAreReplaced(t *testing.T) {
	page := `<p>a <!--ps:1--> b</p><img alt="<!--ps:1-->"><a href="x<!--ps:1-->">l</a>` +
		`<script>"<!--ps:1-->"</script><title><!--ps:1--></title><textarea><!--ps:1--></textarea><!--other--><!--ps:2-->`
	got := ReplaceComments([]byte(page), "ps:", func(text string) (string, bool) {
		if text == "ps:1" {
			return "<b>one</b>", true
		}
		return "", false
	})
	want := `<p>a <b>one</b> b</p><img alt="<!--ps:1-->"><a href="x<!--ps:1-->">l</a>` +
		`<script>"<!--ps:1-->"</script><title><!--ps:1--></title><textarea><!--ps:1--></textarea><!--other--><!--ps:2-->`
	if string(got) != want {
		t.Errorf("ReplaceComments =\n%s\nwant\n%s", got, want)
	}
	if same := ReplaceComments([]byte("<p>x</p>"), "ps:", nil); string(same) != "<p>x</p>" {
		t.Errorf("a page without marks changed: %s", same)
	}
}
