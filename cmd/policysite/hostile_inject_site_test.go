package main

import (
	"regexp"
	"strings"
	"testing"
)

// The hostile inputs of TestBadInputNeverCostsData that carry markup into
// the site's own files: the values of policysite.toml, which every page
// shows, the pages of content/ and the --base-url of the build.

// withLanguageValue is policysite.toml of goodRepo with key of the English
// language set to value, written as TOML.
func withLanguageValue(key, value string) string {
	cfg := goodRepo["policysite.toml"]
	en := strings.Index(cfg, `code = "en"`)
	// The English table is the last: a key it lacks is added at the end.
	re := regexp.MustCompile(`(?m)^` + key + ` = ".*"$`)
	if loc := re.FindStringIndex(cfg[en:]); loc != nil {
		return cfg[:en+loc[0]] + key + " = " + tomlQuote(value) + cfg[en+loc[1]:]
	}
	return cfg + key + " = " + tomlQuote(value) + "\n"
}

func configInjectionInputs() []badInput {
	breakout := `</title><script>alert(1)</script>`
	var rows []badInput
	for _, key := range []string{"company", "title", "name"} {
		rows = append(rows,
			badInput{
				name:   "a " + key + " in policysite.toml that closes the <title> never runs",
				setup:  writeRecorded("policysite.toml", withLanguageValue(key, breakout)),
				either: true,
			},
			badInput{
				name:   "every markup vector as a " + key + " in policysite.toml never runs",
				setup:  writeRecorded("policysite.toml", withLanguageValue(key, allVectors())),
				either: true,
			})
	}
	return append(rows,
		badInput{
			name:  "a javascript: base_url is refused at its line",
			setup: writeRecorded("policysite.toml", strings.Replace(goodRepo["policysite.toml"], `"https://docs.example/"`, `"javascript:alert(1)//"`, 1)),
			want:  []string{"policysite.toml:1: base_url"},
		},
		badInput{
			name:  "a base_url that breaks out of an attribute is refused at its line",
			setup: writeRecorded("policysite.toml", strings.Replace(goodRepo["policysite.toml"], `"https://docs.example/"`, tomlQuote(`https://docs.example/"><script>alert(1)</script>`), 1)),
			want:  []string{"policysite.toml:1: base_url"},
		},
		badInput{
			name:      "a --base-url that breaks out of an attribute is refused",
			setup:     func(t *testing.T, root string) {},
			flags:     []string{"--base-url", `https://docs.example/"><script>alert(1)</script>`},
			want:      []string{"--base-url"},
			buildOnly: true,
		},
		badInput{
			name:      "a javascript: --base-url is refused",
			setup:     func(t *testing.T, root string) {},
			flags:     []string{"--base-url", "javascript:alert(1)//"},
			want:      []string{"--base-url"},
			buildOnly: true,
		},
		badInput{
			name:   "every markup vector in the front matter of a page of content/ never runs",
			setup:  writeRecorded("content/_index.en.md", "---\ntitle: "+yamlQuote(allVectors())+"\ndescription: "+yamlQuote(allVectors())+"\n---\n"),
			either: true,
		},
		badInput{
			name:   "every markup vector in the text of a page of content/ never runs",
			setup:  writeRecorded("content/_index.en.md", "---\ntitle: Documents\n---\n"+markupBlocks()),
			either: true,
		},
		badInput{
			// An edition shows a shortcode as written; a page of content/
			// is Hugo's, and Hugo runs its built-in shortcodes.
			name:   "a shortcode in a page of content/ never embeds a frame",
			setup:  writeRecorded("content/_index.en.md", "---\ntitle: Documents\n---\n{{< youtube dQw4w9WgXcQ >}}\n"),
			either: true,
		},
		badInput{
			name: "a page of content/ with aliases and other outputs never runs script",
			setup: writeRecorded("content/help.en.md", "---\ntitle: Help\naliases: ['/old-help/']\n"+
				"outputs: ['html', 'json']\n---\nHelp.\n"),
			either: true,
		},
		badInput{
			// Hugo refuses raw HTML content (its security.allowContent);
			// check must say so before a build does.
			name:   "a page of content/ in raw HTML never runs script, and check sees what the build refuses",
			setup:  writeRecorded("content/help.en.md", "---\ntitle: Help\nmarkup: html\n---\n"+markupBlocks()),
			either: true,
		},
	)
}

// markupBlocks is each of markupVectors but shortcodes as a paragraph of
// its own: a shortcode in content/ has a row of its own.
func markupBlocks() string {
	var b strings.Builder
	for _, v := range markupVectors {
		if !strings.HasPrefix(v.text, "{{<") {
			b.WriteString(v.text + "\n\n")
		}
	}
	return b.String()
}
