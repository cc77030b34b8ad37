package main

import (
	"strings"
)

// The hostile inputs of TestBadInputNeverCostsData that carry markup into
// an edition's fields: each way HTML and Markdown can run script, in the
// text, the title and the summary. The product may refuse one or show it
// as text; what it must never do is let it run (see executable).

// markupVectors are the ways a text can try to run script, or to show
// readers something the source does not.
var markupVectors = []struct{ name, text string }{
	{"a raw <script>", `<script>alert(1)</script>`},
	{"an <img> with onerror", `<img src=x onerror=alert(1)>`},
	{"a javascript: link", `[x](javascript:alert(1))`},
	{"a javascript: link in mixed case", `[x](JaVaScRiPt:alert(1))`},
	{"an <a> with a javascript: href", `<a href="javascript:alert(1)">x</a>`},
	{"an <iframe>", `<iframe src="https://evil.example/"></iframe>`},
	{"an <svg> with onload", `<svg onload=alert(1)>`},
	{"a <style> with a javascript: url", `<style>body{background:url(javascript:alert(1))}</style>`},
	{"an HTML comment hiding a script", `<!-- <script>alert(1)</script> -->`},
	{"an entity-encoded javascript: link", `[x](&#x6a;avascript:alert(1))`},
	{"a javascript: link split by an encoded tab", `[x](java&#x09;script:alert(1))`},
	{"an autolink to javascript:", `<javascript:alert(1)>`},
	{"a reference link to javascript:", "[x][r]\n\n[r]: javascript:alert(1)"},
	{"an image from javascript:", `![x](javascript:alert(1))`},
	{"a data: page link", `[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`},
	{"a vbscript: link", `[x](vbscript:msgbox(1))`},
	{"a refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`},
	{"an <object> and an <embed>", `<object data="x.swf"></object><embed src="x.swf">`},
	{"a closing script tag", `</script><script>alert(1)</script>`},
	{"an attribute breakout", `"><img src=x onerror=alert(1)>`},
	{"a link title that breaks out", `[x](https://a.example/ "t\" onmouseover=\"alert(1)")`},
	{"an autolink that breaks out", `<https://a.example/"onmouseover="alert(1)>`},
	{"a shortcode that embeds a video", `{{< youtube dQw4w9WgXcQ >}}`},
	{"a template action", `{{ printf "<script>alert(1)</script>" | safeHTML }}`},
}

// allVectors is every one of markupVectors on one line, for a field that
// holds one.
func allVectors() string {
	var all []string
	for _, v := range markupVectors {
		all = append(all, strings.ReplaceAll(v.text, "\n", " "))
	}
	return strings.Join(all, " ")
}

// yamlQuote writes s as a YAML single-quoted scalar, which escapes
// nothing but its quote.
func yamlQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func injectionInputs() []badInput {
	const file = "versions/privacy/2024-07-01.en.md"
	var rows []badInput
	for _, v := range markupVectors {
		rows = append(rows, badInput{
			name: v.name + " in the text never runs",
			setup: writeRecorded(file, edition("Privacy policy", "",
				"## 1. General\n\n1.1. The operator "+v.text+" processes data.\n\n"+v.text+"\n\n1.2. Text.\n")),
			either: true,
		})
	}
	return append(rows,
		badInput{
			name:   "every markup vector in the title never runs",
			setup:  writeRecorded(file, edition(yamlQuote(allVectors()), "", "## 1. General\n\n1.1. Text.\n")),
			either: true,
		},
		badInput{
			name:   "every markup vector in the summary never runs",
			setup:  writeRecorded(file, edition("Privacy policy", "summary: "+yamlQuote(allVectors())+"\n", "## 1. General\n\n1.1. Text.\n")),
			either: true,
		},
		badInput{
			name: "every markup vector in a changed clause never runs on the redline",
			setup: writeRecorded(file, edition("Privacy policy", "",
				"## 1. General\n\n1.1. The operator processes only the data it needs. "+allVectors()+"\n")),
			either: true,
		},
		badInput{
			name: "every markup vector in a TOML front matter never runs",
			setup: writeRecorded(file, "+++\ntitle = "+tomlQuote(allVectors())+"\nsummary = "+tomlQuote(allVectors())+
				"\n+++\n## 1. General\n\n1.1. Text.\n"),
			either: true,
		},
		badInput{
			name:   "every markup vector in a heading never runs",
			setup:  writeRecorded(file, edition("Privacy policy", "", "## 1. General "+allVectors()+"\n\n1.1. Text.\n")),
			either: true,
		},
	)
}
