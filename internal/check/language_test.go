package check

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"policysite/internal/policy"
)

// Russian and English prose, each a little over minLetters letters.
var (
	ruProse = strings.Repeat("Настоящая политика описывает, как мы обрабатываем персональные данные пользователей сайта. ", 4)
	enProse = strings.Repeat("This policy describes how we process the personal data of the users of the site. ", 4)
)

func TestLanguageWarnsOfATextNotInItsLanguage(t *testing.T) {
	tests := []struct {
		name, lang, body string
		want             string // the warning, or "" for none
	}{
		{"Russian in ru", "ru", ruProse, ""},
		{"English in en", "en", enProse, ""},
		{"English in ru", "ru", enProse, "the text is not in Russian, as .ru.md says: 100% of its letters are Latin"},
		{"Russian in en", "en", ruProse, "the text is not in English, as .en.md says: 100% of its letters are Cyrillic"},
		{"Russian quoting English names", "ru",
			strings.Repeat("Мы используем Google Analytics и Firefox Accounts, чтобы понимать, как посетители пользуются сайтом. ", 4), ""},
		{"more English than Russian", "ru", ruProse + enProse + enProse, "the text is not in Russian, as .ru.md says: 6"},
		{"too short to tell", "ru", "Privacy notice, version 2.", ""},
		{"another language: no check", "de", ruProse, ""},
		// What a reader does not read as the text's language is not counted.
		{"URLs, e-mail addresses and link targets", "ru", ruProse +
			strings.Repeat("Пишите [нам](https://www.example.com/legal/privacy-and-data-protection) или privacy-requests@example.com, www.example.com/legal/contact-us. ", 4), ""},
		{"code", "ru", ruProse + "\n```\n" + strings.Repeat("configuration.example = enabled; another.setting = disabled\n", 6) + "```\n\n" +
			strings.Repeat("Параметр `configuration.example.enabled.setting` включает сбор. ", 4), ""},
		{"HTML tags and entities", "ru", strings.Repeat("<table class=\"privacy-table\"><tr><td style=\"font-weight:bold\">Данные</td></tr></table>&nbsp;&laquo;\n", 8) + ruProse, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &policy.Edition{File: "versions/privacy/2024-01-01." + tt.lang + ".md", Lang: policy.Lang(tt.lang), Body: tt.body, BodyLine: 4}
			got := language([]*policy.Edition{e})
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warned: %v", got[0])
			case tt.want != "" && len(got) != 1:
				t.Errorf("no warning, want %q", tt.want)
			case tt.want != "":
				if w := got[0]; w.File != e.File || w.Line != 4 || !strings.Contains(w.Error(), tt.want) {
					t.Errorf("warning %q at line %d, want %q at the body's first line", w.Error(), w.Line, tt.want)
				}
			}
		})
	}
}

func TestReadableKeepsOnlyProse(t *testing.T) {
	body := "Текст {: #id }\n\n```go\nfunc main() {}\n```\n\n[ссылка](https://example.com) и <a href=\"x\">тег</a> `code`\n\n[ref]: https://example.com/ref\n"
	got := strings.Join(strings.Fields(readable(body)), " ")
	if want := "Текст [ссылка и тег"; got != want {
		t.Errorf("readable = %q, want %q", got, want)
	}
}

// TestLanguageQuietOnRealPolicies: the real policies of ../shared and the
// sample site, Russian ones quoting English names among them, draw no
// warning; the log says how near the threshold each set comes.
func TestLanguageQuietOnRealPolicies(t *testing.T) {
	var sets []realSet
	if _, err := os.Stat(corpusDir); err != nil {
		t.Logf("no corpus at %s: the real policies are not checked", corpusDir)
	} else {
		sets = append(sets, corpusSets(t)...)
	}
	r, err := Run(context.Background(), sample(t), now, "")
	if err != nil {
		t.Fatal(err)
	}
	var eds []*policy.Edition
	for _, p := range r.Policies {
		for _, l := range r.Site.Codes() {
			eds = append(eds, p.Editions[l]...)
		}
	}
	sets = append(sets, realSet{"the sample site", eds})
	for _, s := range sets {
		for _, w := range language(s.eds) {
			t.Errorf("%s: %v", s.name, w)
		}
		worst, at := 0.0, ""
		for _, e := range s.eds {
			sc := scripts[e.Lang]
			own, other := letters(readable(e.Body), sc.own, sc.other)
			if share := float64(other) / float64(max(1, own+other)); share > worst {
				worst, at = share, e.File
			}
		}
		t.Logf("%s: %d editions, the other script at most %.1f%% of the letters (%s)", s.name, len(s.eds), worst*100, filepath.Base(at))
	}
}

// corpusDir is the shared corpus of real policies, beside the repository.
const corpusDir = "../../../shared"

type realSet struct {
	name string
	eds  []*policy.Edition
}

// corpusSets reads the editions of ../shared/corpus (in ru/ folders
// Russian, else English) and the seeds of ../shared/seeds, whose language
// is that of their first line.
func corpusSets(t *testing.T) []realSet {
	var corpus, seeds []*policy.Edition
	files, _ := filepath.Glob(filepath.Join(corpusDir, "corpus", "*", "*", "*.md"))
	for _, f := range files {
		lang := policy.Lang("en")
		if filepath.Base(filepath.Dir(f)) == "ru" {
			lang = "ru"
		}
		corpus = append(corpus, &policy.Edition{File: f, Lang: lang, Body: bodyOf(t, f)})
	}
	files, _ = filepath.Glob(filepath.Join(corpusDir, "seeds", "*.txt"))
	for _, f := range files {
		body := bodyOf(t, f)
		lang := policy.Lang("en")
		if strings.ContainsFunc(strings.TrimSpace(body)[:40], func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
			lang = "ru"
		}
		seeds = append(seeds, &policy.Edition{File: f, Lang: lang, Body: body})
	}
	if len(corpus) == 0 || len(seeds) == 0 {
		t.Errorf("found %d files in %s/corpus and %d in its seeds", len(corpus), corpusDir, len(seeds))
	}
	return []realSet{{"../shared/corpus", corpus}, {"../shared/seeds", seeds}}
}

// bodyOf is the text of file f after its front matter, as the parser
// would give it: no BOM, LF line endings.
func bodyOf(t *testing.T, f string) string {
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if rest, ok := strings.CutPrefix(s, "---\n"); ok {
		if _, body, ok := strings.Cut(rest, "\n---\n"); ok {
			return body
		}
	}
	return s
}
