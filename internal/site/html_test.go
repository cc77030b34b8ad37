package site_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"policysite/internal/testfs"
)

// tableEdition is an edition with the raw HTML and Kramdown attribute
// lists that real policies hold.
const tableEdition = `---
title: Retention
---
## 1. Retention {: #retention }

Effective May 4, 2026
{: datetime="2026-05-04" }

1.1. We keep data as the table says.

<table>
  <caption>Retention periods</caption>
  <thead>
    <tr><th>Data</th><th>Period</th></tr>
  </thead>
  <tbody>
    <tr><td><a id="logs"></a>Server logs</td><td>30 days<br>then deleted</td></tr>
    <tr><td colspan="2">Backups: <abbr title="one year">1 y</abbr>, see <a href="https://example.com/backups">backups</a></td></tr>
  </tbody>
</table>

1.2. Area in m<sup>2</sup>, from <time datetime="2024-01-10">10 January</time>.

* Telemetry is sent daily.
{: #telemetry .inproduct-link }

## 2. Processors {: #c-9 .wide }

Contact: Bird & Bird<br/>
Brussels

## 3. Area in m<sup>2</sup>

3.1. A heading's raw HTML is on the page, and its text in the contents.
`

func TestARawHTMLTableIsOnThePageAndInTheText(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "versions/retention/2024-01-10.en.md"), []byte(tableEdition))
	out, res := build(t, root)
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "Raw HTML omitted") || strings.Contains(m.Text, "retention/2024-01-10") && !strings.Contains(m.Text, "c-9") {
			t.Errorf("message: %s", m.Text)
		}
	}
	page := read(t, out, "en/retention/2024-01-10/index.html")
	for _, w := range []string{
		"<table>", "<caption>Retention periods</caption>", "<th>Data</th>",
		`<td><a id="logs"></a>Server logs</td><td>30 days<br>then deleted</td>`,
		`<td colspan="2">Backups: <abbr title="one year">1 y</abbr>, see <a href="https://example.com/backups">backups</a></td>`,
		"m<sup>2</sup>", `<time datetime="2024-01-10">10 January</time>`,
		`<h2 id="retention">`, `<ul id="telemetry" class="inproduct-link">`, `class="wide"`,
		"Bird &amp; Bird<br>",
		`Area in m<sup>2</sup></h2>`,
		`<li><a href="#c-3">3. Area in m2</a></li>`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks %s", w)
		}
	}
	for _, n := range []string{"{:", "datetime=\"2026", "raw HTML omitted", "c-9", "HAHAHUGO", "policysite-html"} {
		if strings.Contains(page, n) {
			t.Errorf("the page shows %q", n)
		}
	}
	// The policy's page shows the edition in force, table included.
	if p := read(t, out, "en/retention/index.html"); !strings.Contains(p, "<caption>Retention periods</caption>") || strings.Contains(p, "policysite-html") {
		t.Errorf("the policy's page lacks the table:\n%s", section(p, "policy-text"))
	}
	wantText := []string{
		"Retention periods", "Data | Period", "Server logs | 30 days then deleted",
		"Backups: 1 y, see backups", "1.2. Area in m2, from 10 January.", "Contact: Bird & Bird Brussels",
	}
	text := read(t, out, "en/retention/2024-01-10/text.txt")
	var doc struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(read(t, out, "en/retention/2024-01-10/index.json")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Text != strings.TrimSuffix(text, "\n") && doc.Text != text {
		t.Errorf("index.json's text differs from text.txt:\n%q\n%q", doc.Text, text)
	}
	for _, w := range wantText {
		if !strings.Contains("\n"+text+"\n", "\n"+w+"\n") {
			t.Errorf("text.txt lacks the block %q:\n%s", w, text)
		}
	}
}

func TestAnIDOfAClauseAnchorIsDroppedWithAWarning(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "versions/retention/2024-01-10.en.md"), []byte(tableEdition))
	_, res := build(t, root)
	want := `versions/retention/2024-01-10.en.md:27: attribute list: id "c-9" dropped`
	for _, m := range res.Messages {
		if strings.HasPrefix(m.Text, want) {
			return
		}
	}
	t.Errorf("no message %q: %+v", want, res.Messages)
}

// hostileEdition tries every form of markup the sanitiser removes, as HTML
// blocks, inline and inside a table.
const hostileEdition = `---
title: Hostile
---
## 1. Scripts

<script>alert(1)</script>

1.1. Inline <script>alert(2)</script> and <img src=x onerror=alert(3)> and <svg onload=alert(4)></svg>.

<iframe src="javascript:alert(5)"></iframe>

<object data="javascript:alert(6)"></object><embed src="javascript:alert(7)">

<form action="javascript:alert(8)"><button formaction="javascript:alert(9)">go</button><input autofocus onfocus=alert(10)></form>

<style>@import 'javascript:alert(11)'; body { background: url(javascript:alert(12)) }</style>

<p style="background:url(javascript:alert(13))" onclick="alert(14)">styled</p>

<a href="javascript:alert(15)">a</a> <a href="JaVaScRiPt:alert(16)">b</a> <a href="&#106;avascript:alert(17)">c</a>
<a href="java&#x09;script:alert(18)">d</a> <a href="vbscript:msgbox(19)">e</a> <a href="data:text/html,<script>alert(20)</script>">f</a>

<table><tr><td onmouseover="alert(21)">cell</td><td><script>alert(22)</script>x</td></tr></table>

<details open ontoggle=alert(23)><summary>s</summary></details>

<meta http-equiv="refresh" content="0;url=javascript:alert(24)">

<base href="javascript:alert(25)//">

<math><a xlink:href="javascript:alert(26)">m</a></math>

<div>unclosed <a href="javascript:alert(27)"
`

func TestAPolicyTryingEveryForbiddenFormPublishesNoScript(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "versions/hostile/2024-01-10.en.md"), []byte(hostileEdition))
	out, res := build(t, root)
	for name, data := range testfs.Tree(t, out) {
		for _, f := range scriptIn(name, string(data)) {
			t.Errorf("%s: %s", name, f)
		}
	}
	var msgs []string
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "Raw HTML omitted") {
			t.Errorf("message: %s", m.Text)
		}
		if strings.HasPrefix(m.Text, "versions/hostile/2024-01-10.en.md:") {
			msgs = append(msgs, m.Text)
		}
	}
	for _, w := range []string{
		"versions/hostile/2024-01-10.en.md:6: raw HTML <script> removed: <script>alert(1)</script>",
		"versions/hostile/2024-01-10.en.md:8: raw HTML <img> removed: <img src=x onerror=alert(3)>",
		"versions/hostile/2024-01-10.en.md:18: raw HTML <p onclick> removed: onclick=\"alert(14)\"",
		"versions/hostile/2024-01-10.en.md:21: raw HTML <a href> removed: href=\"java script:alert(18)\"",
		"versions/hostile/2024-01-10.en.md:23: raw HTML <td onmouseover> removed: onmouseover=\"alert(21)\"",
	} {
		if !strings.Contains(strings.Join(msgs, "\n"), w) {
			t.Errorf("no message %q among:\n%s", w, strings.Join(msgs, "\n"))
		}
	}
	page := read(t, out, "en/hostile/2024-01-10/index.html")
	for _, w := range []string{"styled", "<td>cell</td>", "go"} {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks the text %q", w)
		}
	}
	// The end tags of removed links went with them, and the div left open
	// is closed before the page's own markup goes on.
	if a, end := strings.Count(page, "<a "), strings.Count(page, "</a>"); a != end {
		t.Errorf("the page has %d links and %d end tags of links", a, end)
	}
	if !strings.Contains(page, "<div>unclosed \n</div>") {
		t.Errorf("the unclosed div is not closed after the text:\n%s", section(page, "policy-text"))
	}
}

// ownScripts are the scripts the site itself publishes.
var ownScripts = regexp.MustCompile(`^(?:/[^"]*\.js|)$`)

// scriptIn lists what in a page or feed of the output could run script:
// a script element other than the site's own (a src of its own, or a
// JSON block), an element that embeds another document, an event handler
// or style attribute, or an address that runs script or is a document of
// its own.
func scriptIn(name, doc string) []string {
	if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
		return nil
	}
	var found []string
	if strings.Contains(strings.ToLower(doc), "javascript:") || strings.Contains(strings.ToLower(doc), "vbscript:") {
		found = append(found, "an address that runs script")
	}
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return found
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "iframe", "object", "embed", "base", "img", "svg", "math":
			found = append(found, "<"+tok.Data+">")
		case "script":
			if attr(tok, "type") != "application/json" && !ownScripts.MatchString(attr(tok, "src")) {
				found = append(found, tok.String())
			}
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
				found = append(found, "<"+tok.Data+" "+a.Key+">")
			}
			if tok.Data != "link" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "data:") {
				found = append(found, "<"+tok.Data+" "+a.Key+"=data:…>")
			}
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestHugoMessagesAboutAnEditionNameItsLine: a message Hugo gives at a
// line of an edition's generated page names the line of the source file.
func TestHugoMessagesAboutAnEditionNameItsLine(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "layouts/_markup/render-link.html"),
		[]byte(`{{ warnf "link %s at %s" .Destination .Position }}<a href="{{ .Destination }}">{{ .Text }}</a>`))
	testfs.WriteFile(t, filepath.Join(root, "versions/retention/2024-01-10.en.md"), []byte(tableEdition))
	_, res := build(t, root)
	var got []string
	for _, m := range res.Messages {
		got = append(got, m.Text)
	}
	for _, w := range []string{
		`link #c-1-1 at "versions/retention/2024-01-10.en.md:9"`,
		`link #c-1-2 at "versions/retention/2024-01-10.en.md:22"`,
		`link #c-1-2 at "versions/privacy/2024-05-01.ru.md:10"`,
	} {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("no message %s among:\n%s", w, strings.Join(got, "\n"))
		}
	}
}
