package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"policysite/internal/sum"
	"policysite/internal/testfs"
)

// tablesEdition holds raw HTML and Kramdown attribute lists as real
// policies write them (Mozilla's, GitHub's).
const tablesEdition = `---
title: Data retention
---
# Data retention

Effective May 4, 2026
{: datetime="2026-05-04" }

## 1. What we keep {: #what-we-keep }

1.1. We keep [the data below](#bookmark-logs) for the periods the table gives.

<table>
    <thead>
        <tr>
            <th scope="col">What we keep</th>
            <th scope="col">For how long</th>
        </tr>
    </thead>
    <tbody>
        <tr>
            <td><a id="bookmark-logs"></a>Server logs</td>
            <td>30 days<br/>then deleted</td>
        </tr>
        <tr>
            <td colspan="2">Backups: <abbr title="one year">1 y</abbr>, see <a href="https://example.com/backups">backups</a></td>
        </tr>
    </tbody>
</table>

1.2. Storage of 10 m<sup>2</sup> since <time datetime="2024-01-10">10 January 2024</time>.

* Telemetry is sent daily.
{: #telemetry .inproduct-link }

## 2. Contact

Bird & Bird DPO Services SRL<br/>
Brussels

<dl>
<dt>Controller</dt>
<dd>The company</dd>
</dl>

2.1. A new edition takes effect when it is posted.
`

// hostileEdition tries every way of running script that raw HTML and
// attribute lists offer; hostileEditionV2 changes it, so that a redline
// shows it too.
const hostileEdition = `---
title: Hostile
---
## 1. Scripts {onclick="alert('h1')" style="color:red"}

<script>alert('block')</script>

1.1. Inline <script>alert('inline')</script>, <img src=x onerror="alert('img')">, <svg onload="alert('svg')"></svg>.

<iframe src="javascript:alert('iframe')"></iframe><object data="javascript:alert('object')"></object><embed src="javascript:alert('embed')">

<form action="javascript:alert('form')"><button formaction="javascript:alert('button')">go</button><input autofocus onfocus="alert('focus')"></form>

<style>@import 'javascript:alert(1)'; body { background: url(javascript:alert('css')) }</style>

<p style="background:url(javascript:alert('style'))" onmouseover="alert('over')">styled</p>

<a href="javascript:alert('a')">a</a> <a href="JaVaScRiPt:alert('A')">b</a> <a href="&#106;avascript:alert('entity')">c</a>
<a href="java&#x09;script:alert('tab')">d</a> <a href="vbscript:msgbox(1)">e</a> <a href="data:text/html,<script>alert('data')</script>">f</a>

<table><tr><td onmouseover="alert('td')">cell</td><td><script>alert('cell')</script>x</td></tr></table>

<details open ontoggle="alert('toggle')"><summary>s</summary></details>

<meta http-equiv="refresh" content="0;url=javascript:alert('refresh')">

<base href="javascript:alert('base')//">

<math><a xlink:href="javascript:alert('math')">m</a></math>

Text
{: onclick="alert('ial')" #ok }

More text
{onmouseover="alert('attr')" .fine}

1.2. A new edition takes effect when it is posted.
`

var hostileEditionV2 = strings.Replace(hostileEdition, "1.2. A new edition", "1.2. From now on a new edition", 1)

var (
	markupOnce sync.Once
	markupS    *builtSite
	markupLogs []string
	markupErr  error
)

// markupSite is the sample site with two policies more, "tables" and
// "hostile", built and served once.
func markupSite(t *testing.T) *builtSite {
	t.Helper()
	markupOnce.Do(func() { markupS, markupLogs, markupErr = buildAndServe(writeMarkupSite) })
	if markupErr != nil {
		t.Fatalf("build and serve the site with raw HTML: %v\n%s", markupErr, strings.Join(markupLogs, "\n"))
	}
	return markupS
}

// writeMarkupSite writes the sample site with the two policies, recorded
// in versions.sum as `policysite record` would.
func writeMarkupSite(dir string) error {
	if err := testfs.WriteSample(dir); err != nil {
		return err
	}
	sums, err := sum.Read(os.DirFS(dir))
	if err != nil {
		return err
	}
	for name, text := range map[string]string{
		"tables/2026-01-10.en.md":  tablesEdition,
		"hostile/2026-01-10.en.md": hostileEdition,
		"hostile/2026-02-10.en.md": hostileEditionV2,
	} {
		path := filepath.Join(dir, "versions", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return err
		}
		sums.Add(name, []byte(text))
	}
	return sums.Write(dir)
}

// hostilePages are the pages that show the hostile policy's text.
var hostilePages = []string{
	"/en/hostile/", "/en/hostile/2026-01-10/", "/en/hostile/2026-02-10/",
	"/en/hostile/2026-02-10/changes/", "/en/hostile/compare/",
}

func TestRawHTMLIsSanitisedAndNamedAtItsLine(t *testing.T) {
	s := markupSite(t)
	logs := strings.Join(markupLogs, "\n")
	if strings.Contains(logs, "Raw HTML omitted") {
		t.Errorf("the build omitted raw HTML:\n%s", logs)
	}
	for _, w := range []string{
		"versions/hostile/2026-01-10.en.md:6: raw HTML <script> removed: <script>alert('block')</script>",
		"versions/hostile/2026-01-10.en.md:18: raw HTML <a href> removed: href=\"javascript:alert('a')\"",
	} {
		if !strings.Contains(logs, w) {
			t.Errorf("the build did not say %q:\n%s", w, logs)
		}
	}
	data, err := os.ReadFile(filepath.Join(s.dir, "en/tables/2026-01-10/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"<th scope=\"col\">For how long</th>", "<td>30 days<br>then deleted</td>", `id="telemetry"`, `id="what-we-keep"`} {
		if !strings.Contains(string(data), w) {
			t.Errorf("the tables page lacks %s", w)
		}
	}
}

// TestNoFileOfTheOutputCarriesAHostilePolicysScript needs no browser and
// is never skipped: no page or feed of the site with the hostile policy
// holds a script of its own, an event handler, a style attribute, an
// element that embeds a document, or an address that runs script.
func TestNoFileOfTheOutputCarriesAHostilePolicysScript(t *testing.T) {
	s := markupSite(t)
	for _, name := range s.htmlFiles(t) {
		data, err := os.ReadFile(filepath.Join(s.dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range scriptsIn(string(data)) {
			t.Errorf("%s: %s", name, f)
		}
	}
}

// scriptsIn lists what in an HTML page could run script that the site
// did not write itself.
func scriptsIn(doc string) []string {
	var found []string
	if l := strings.ToLower(doc); strings.Contains(l, "javascript:") || strings.Contains(l, "vbscript:") {
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
		case "iframe", "object", "embed", "base", "img", "svg", "math", "frame":
			found = append(found, "<"+tok.Data+">")
		case "script":
			if !ownScript(tok) {
				found = append(found, tok.String())
			}
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "formaction" {
				found = append(found, "<"+tok.Data+" "+a.Key+">")
			}
		}
	}
}

// ownScript reports whether a script element is one the site writes: a
// data block, or a file of the site's own.
func ownScript(tok html.Token) bool {
	for _, a := range tok.Attr {
		switch {
		case a.Key == "type" && (a.Val == "application/json" || a.Val == "application/ld+json"):
			return true
		case a.Key == "src" && strings.HasPrefix(a.Val, "/") && !strings.HasPrefix(a.Val, "//"):
			return true
		}
	}
	return false
}

// ranJS is run in every frame before the page's own scripts: it records a
// dialog that any script opens instead of letting it open.
const ranJS = `window.__policysiteRan = [];
for (const f of ["alert", "confirm", "prompt", "print"]) {
	window[f] = (...args) => { window.__policysiteRan.push(f + "(" + args.join(",") + ")"); };
}`

// activeJS lists, once the page has loaded and had time to run what it
// would, every dialog a script asked for and everything in the document
// that could still run script.
const activeJS = `new Promise(done => setTimeout(done, 300)).then(() => {
	const found = (window.__policysiteRan || []).slice();
	for (const e of document.querySelectorAll("*")) {
		for (const a of e.attributes) {
			if (a.name.startsWith("on")) found.push(e.tagName + " " + a.name);
			if (/^\s*(javascript|vbscript|data):/i.test(a.value) && e.tagName !== "LINK") found.push(e.tagName + " " + a.name + "=" + a.value);
		}
	}
	for (const e of document.querySelectorAll("iframe, frame, object, embed, base")) found.push(e.tagName);
	for (const s of document.scripts) {
		if (s.type !== "application/json" && s.type !== "application/ld+json" && !(s.src && s.src.startsWith(location.origin + "/"))) found.push("script " + (s.src || s.textContent.slice(0, 40)));
	}
	return found;
})`

// TestNoScriptOfAHostilePolicyRuns opens each page that shows the hostile
// policy in Chromium, with every dialog a script could open recorded, and
// holds it to no dialog asked for and nothing left that could run.
func TestNoScriptOfAHostilePolicyRuns(t *testing.T) {
	s := markupSite(t)
	startBrowser(t)
	for _, p := range hostilePages {
		t.Run(p, func(t *testing.T) {
			tb := newTab(t)
			if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: ranJS}); err != nil {
				t.Fatalf("add the dialog recorder: %v", err)
			}
			var dialogs []string
			var mu sync.Mutex
			if err := chromedp.Listen(tb.ctx, func(ev any) {
				if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
					mu.Lock()
					dialogs = append(dialogs, fmt.Sprintf("%s %q", d.Type, d.Message))
					mu.Unlock()
				}
			}); err != nil {
				t.Fatal(err)
			}
			tb.open(s, p)
			for _, f := range eval[[]string](tb, activeJS) {
				t.Errorf("%s: %s", p, f)
			}
			mu.Lock()
			defer mu.Unlock()
			for _, d := range dialogs {
				t.Errorf("%s opened a dialog: %s", p, d)
			}
			tb.noConsoleErrors()
		})
	}
}

// TestPagesWithRawHTMLTablesAreValidHTML: the tables policy's pages, whose
// raw HTML the renderer puts among the Markdown's, are valid HTML.
func TestPagesWithRawHTMLTablesAreValidHTML(t *testing.T) {
	s := markupSite(t)
	var files []string
	for _, f := range s.htmlFiles(t) {
		if strings.HasPrefix(f, "en/tables/") {
			files = append(files, f)
		}
	}
	validateHTML(t, s.dir, files)
}
