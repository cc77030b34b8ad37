package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"policysite/internal/testfs"
)

// executable lists what in the output folder out could run script in a
// reader's browser or feed reader, each as "file: what". Pages and SVG
// are read as HTML; feeds as HTML too, and the HTML they carry as text
// (an Atom <content type="html">) as the HTML a reader renders; JSON
// documents by their fields that hold HTML or addresses. A feed or a JSON
// document that no longer parses is listed too: markup broke out of a
// value.
func executable(t *testing.T, out string) []string {
	t.Helper()
	var found []string
	for name, data := range testfs.Tree(t, out) {
		var what []string
		switch filepath.Ext(name) {
		case ".html", ".htm", ".xhtml", ".svg":
			what = scriptIn(string(data))
		case ".xml":
			what = append(scriptIn(string(data)), feedScript(data)...)
		case ".json":
			what = jsonScript(data)
		}
		for _, w := range what {
			found = append(found, filepath.ToSlash(name)+": "+w)
		}
	}
	sort.Strings(found)
	return found
}

// activeElements run or embed what they load, or, as <base>, move every
// address of the page elsewhere: no page of a policy has one.
var activeElements = map[string]bool{
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true,
	"applet": true, "base": true, "portal": true,
}

// urlAttributes hold an address that a browser loads or navigates to.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"data": true, "poster": true, "background": true, "cite": true, "srcset": true,
	"codebase": true, "lowsrc": true, "dynsrc": true, "ping": true, "manifest": true,
}

// scriptIn lists what in doc, a page, could run script: a <script> other
// than the site's own (ownScript), an element that embeds or redirects, an
// event handler attribute, an address that runs script, or CSS that does.
func scriptIn(doc string) []string {
	var found []string
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return found
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			found = append(found, tagScript(tok)...)
			if tok.Data != "script" && tok.Data != "style" {
				continue
			}
			// The tokenizer reads a script's or a style's content as raw
			// text, up to its end tag.
			body := ""
			if z.Next() == html.TextToken {
				body = string(z.Text())
			}
			switch {
			case tok.Data == "script" && !ownScript(tok, body):
				found = append(found, fmt.Sprintf("%s…%.60q", tok, body))
			case tok.Data == "style" && cssScript(body):
				found = append(found, fmt.Sprintf("<style> with %.60q", body))
			}
		}
	}
}

// tagScript lists what in the start tag tok could run script.
func tagScript(tok html.Token) []string {
	var found []string
	if activeElements[tok.Data] {
		found = append(found, fmt.Sprintf("a <%s> element: %s", tok.Data, tok))
	}
	for _, a := range tok.Attr {
		key := a.Key
		if a.Namespace != "" {
			key = a.Namespace + ":" + a.Key
		}
		switch {
		case tok.Data == "meta" && key == "http-equiv" && strings.EqualFold(strings.TrimSpace(a.Val), "refresh") && !ownRefresh(tok):
			found = append(found, fmt.Sprintf("a refresh: %s", tok))
		case eventRe.MatchString(key):
			found = append(found, fmt.Sprintf("an event handler %s: %s", key, tok))
		case key == "style" && cssScript(a.Val):
			found = append(found, fmt.Sprintf("a style that runs script: %s", tok))
		case urlAttributes[key] && scriptURL(a.Val):
			found = append(found, fmt.Sprintf("an address that runs script in %s: %s", key, tok))
		}
	}
	return found
}

// siteURL is the base_url of goodRepo, where the site's own refreshes
// lead.
const siteURL = "https://docs.example/"

// ownRefresh tells whether tok, a <meta> refresh, is one the templates
// write (the /.well-known/privacy-policy page leads to the policy): at
// once, to a page of the site.
func ownRefresh(tok html.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "content" {
			target, ok := strings.CutPrefix(a.Val, "0; url=")
			return ok && strings.HasPrefix(target, siteURL) && !strings.ContainsAny(target, "\"'<> ")
		}
	}
	return false
}

// eventRe is the name of an event handler attribute.
var eventRe = regexp.MustCompile(`^on[a-z]+$`)

// scriptURL tells whether v, an attribute's value as the browser reads it
// (entities decoded), is an address that runs script or a page of its own
// when followed. Browsers drop spaces and controls around a scheme and
// tabs and newlines inside it, so they are dropped first.
func scriptURL(v string) bool {
	for _, cand := range strings.Split(v, ",") { // srcset lists several
		s := strings.ToLower(strings.Map(func(r rune) rune {
			if r <= ' ' {
				return -1
			}
			return r
		}, cand))
		for _, scheme := range []string{"javascript:", "vbscript:", "livescript:", "data:text/html", "data:application/xhtml", "data:image/svg"} {
			if strings.HasPrefix(s, scheme) {
				return true
			}
		}
	}
	return false
}

// cssScript tells whether css, a style, could run script: old IE's
// expression() and behaviours, Firefox's bindings, a javascript: address.
func cssScript(css string) bool {
	s := strings.ToLower(strings.Join(strings.Fields(css), ""))
	s = strings.ReplaceAll(s, `\`, "")
	for _, bad := range []string{"expression(", "javascript:", "vbscript:", "-moz-binding", "behavior:"} {
		if strings.Contains(s, bad) {
			return true
		}
	}
	return false
}

// ownScriptRe is the path of a script the site ships: its fingerprinted
// assets (js/) and the runner of the redline module (redline/), under
// the site's base path.
var ownScriptRe = regexp.MustCompile(`^/(?:[a-z0-9._-]+/)*(?:js|redline)/[a-z0-9_.-]+\.js$`)

// ownScript tells whether a <script> element, its start tag tok and its
// content body, is one the templates write: a data block (JSON or JSON-LD,
// which no browser runs) that cannot end early, or one of the site's
// scripts, by its path under the site, with its integrity hash and no
// content.
func ownScript(tok html.Token, body string) bool {
	attrs := map[string]string{}
	for _, a := range tok.Attr {
		attrs[a.Key] = a.Val
	}
	switch strings.ToLower(strings.TrimSpace(attrs["type"])) {
	case "application/json", "application/ld+json":
		// "<!--" and "<script" inside a script element change where the
		// HTML parser ends it.
		lower := strings.ToLower(body)
		_, hasSrc := attrs["src"]
		return !hasSrc && !strings.Contains(lower, "<!--") && !strings.Contains(lower, "<script")
	case "":
		u, err := url.Parse(attrs["src"])
		return err == nil && u.Scheme == "" && u.Host == "" && ownScriptRe.MatchString(path.Clean(u.Path)) &&
			attrs["integrity"] != "" && strings.TrimSpace(body) == ""
	}
	return false
}

// feedScript lists, of an XML document, the HTML it carries as text that
// could run script (an Atom element of type="html", an RSS description),
// or that it does not parse.
func feedScript(data []byte) []string {
	var found []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	// depthHTML is the depth of the element whose text is HTML, or 0.
	depth, depthHTML := 0, 0
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return found
		}
		if err != nil {
			return append(found, fmt.Sprintf("does not parse as XML: %v", err))
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if depthHTML == 0 && carriesHTML(tok) {
				depthHTML = depth
				text.Reset()
			}
		case xml.CharData:
			if depthHTML > 0 {
				text.Write(tok)
			}
		case xml.EndElement:
			if depth == depthHTML {
				found = append(found, scriptIn(text.String())...)
				depthHTML = 0
			}
			depth--
		}
	}
}

// carriesHTML tells whether the text of the element el is HTML that a
// feed reader renders.
func carriesHTML(el xml.StartElement) bool {
	if el.Name.Local == "description" {
		return true
	}
	for _, a := range el.Attr {
		if a.Name.Local == "type" && (a.Value == "html" || a.Value == "text/html") {
			return true
		}
	}
	return false
}

// jsonScript lists, of a JSON document, the HTML in fields named *html
// (a JSON Feed's content_html) that could run script and the addresses in
// fields named *url* or *path that run it; or that it does not parse.
func jsonScript(data []byte) []string {
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return []string{fmt.Sprintf("does not parse as JSON: %v", err)}
	}
	var found []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string:
			k := strings.ToLower(key)
			if strings.HasSuffix(k, "html") {
				found = append(found, scriptIn(v)...)
			}
			if (strings.Contains(k, "url") || strings.HasSuffix(k, "path")) && scriptURL(v) {
				found = append(found, fmt.Sprintf("an address that runs script in %s: %q", key, v))
			}
		}
	}
	walk("", doc)
	return found
}

// TestExecutableScanFindsScript: the scan that every row of
// TestBadInputNeverCostsData relies on finds each way script can run,
// and passes what the site's templates write.
func TestExecutableScanFindsScript(t *testing.T) {
	tests := []struct {
		name, file, doc string
		finds           bool
	}{
		{"an inline script", "a.html", `<p>x</p><script>alert(1)</script>`, true},
		{"a script from elsewhere", "a.html", `<script src="https://evil.example/x.js" integrity="sha256-x"></script>`, true},
		{"a site script without its hash", "a.html", `<script src="/js/compare.min.js"></script>`, true},
		{"a site script that is a text of the site", "a.html", `<script src="/en/privacy/2024-01-10/text.txt" integrity="sha256-x"></script>`, true},
		{"a script in SVG", "a.html", `<svg><script>alert(1)</script></svg>`, true},
		{"a data block that ends early", "a.html", `<script type="application/ld+json">{"a":"<!--<script>"}</script>`, true},
		{"an event handler", "a.html", `<img src=x onerror=alert(1)>`, true},
		{"an event handler in capitals", "a.html", `<svg ONLOAD="alert(1)">`, true},
		{"a javascript: link", "a.html", `<a href="javascript:alert(1)">x</a>`, true},
		{"an entity-encoded javascript: link", "a.html", `<a href="&#x6a;ava&#x09;script:alert(1)">x</a>`, true},
		{"a vbscript: form action", "a.html", `<form action=" vbscript:x">`, true},
		{"a data: page", "a.html", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, true},
		{"an iframe", "a.html", `<iframe src="https://www.youtube.com/embed/x"></iframe>`, true},
		{"an object", "a.html", `<object data="x.swf"></object>`, true},
		{"an embed", "a.html", `<embed src="x.swf">`, true},
		{"a refresh elsewhere", "a.html", `<meta http-equiv="Refresh" content="0; url=https://evil.example/">`, true},
		{"a refresh to javascript:", "a.html", `<meta http-equiv="refresh" content="0; url=javascript:alert(1)">`, true},
		{"the site's refresh", "a.html", `<meta http-equiv="refresh" content="0; url=https://docs.example/ru/privacy/">`, false},
		{"a style expression", "a.html", `<p style="width: expression(alert(1))">`, true},
		{"a style element with a javascript: url", "a.html", `<style>body{background:url( "javascript:alert(1)")}</style>`, true},
		{"script in a feed's HTML", "index.xml", `<feed><entry><content type="html">&lt;img src=x onerror=alert(1)&gt;</content></entry></feed>`, true},
		{"a feed that markup broke", "index.xml", `<feed><title>a</title></entry></feed>`, true},
		{"script in a JSON feed's HTML", "feed.json", `{"items":[{"content_html":"<script>alert(1)</script>"}]}`, true},
		{"a javascript: address in JSON", "feed.json", `{"items":[{"url":"javascript:alert(1)"}]}`, true},
		{"escaped markup is text", "a.html", `<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1) onerror=x</p>`, false},
		{"markup in an attribute is text", "a.html", `<meta name="description" content="<img src=x onerror=alert(1)>">`, false},
		{"a comment is no script", "a.html", `<!-- raw HTML omitted --><!-- <script>alert(1)</script> -->`, false},
		{"the site's JSON-LD", "a.html", `<script type="application/ld+json">{"name":"\u003cscript\u003e"}</script>`, false},
		{"the site's script", "a.html", `<script src="/js/compare.min.d52d.js" integrity="sha256-1S1y" defer></script>`, false},
		{"escaped markup in a feed's text", "index.xml", `<feed><title>&lt;script&gt;</title><content type="html">&amp;lt;script&amp;gt;</content></feed>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			testfs.WriteFile(t, filepath.Join(out, tc.file), []byte(tc.doc))
			found := executable(t, out)
			if (len(found) > 0) != tc.finds {
				t.Errorf("found %q, want a finding: %v", found, tc.finds)
			}
		})
	}
}
