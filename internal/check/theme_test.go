package check

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"policysite"
	"policysite/internal/l10n"
	"policysite/internal/overlay"
	"policysite/internal/testfs"
)

// themedSite is a site of langs, one policy with one edition in each,
// whose i18n/ holds files, read over the built-in theme.
func themedSite(langs []string, files map[string]string) fs.FS {
	cfg := `time_zone = "Europe/Moscow"` + "\n"
	site := fstest.MapFS{}
	for _, l := range langs {
		cfg += fmt.Sprintf("\n[[languages]]\ncode = %q\nname = %q\ntitle = %q\n", l, l, l)
		site["versions/p/2024-01-10."+l+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: P\n---\n## 1. General\n\n1.1. A new edition takes effect when posted.\n")}
	}
	site["policysite.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	for l, data := range files {
		site["i18n/"+l+".toml"] = &fstest.MapFile{Data: []byte(data)}
	}
	return overlay.New(testfs.Record(site), policysite.Theme())
}

// TestI18nGapsCompareTheMergedStrings: a site's i18n file holds only the
// messages it changes, so check compares each language's strings, the
// theme's and the site's together: a file of one changed message lacks
// nothing, a message the site adds in one language only is missing in the
// other, and a language the theme lacks must have every message.
func TestI18nGapsCompareTheMergedStrings(t *testing.T) {
	theme, err := fs.ReadFile(policysite.Theme(), "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := l10n.Keys(theme)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		langs   []string
		strings map[string]string
		want    string // the one i18n warning's start, or "" for none
	}{
		{"a site without i18n/", []string{"ru", "en"}, nil, ""},
		{"one changed message", []string{"ru", "en"}, map[string]string{"en": "[all_rights]\nother = \"© {{ .Company }}\"\n"}, ""},
		{"a message of the site's own in one language", []string{"ru", "en"}, map[string]string{"en": "[contact]\nother = \"Contact us\"\n"},
			"i18n/ru.toml: lacks 1 message(s) that i18n/en.toml has: contact;"},
		{"a language the theme lacks", []string{"de", "en"}, map[string]string{"de": "[home]\nother = \"Startseite\"\n"},
			fmt.Sprintf("i18n/de.toml: lacks %d message(s) that i18n/en.toml has: ", len(keys)-1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Run(t.Context(), themedSite(tc.langs, tc.strings), now, "")
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Err(); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range r.Warnings {
				if strings.HasPrefix(w.Error(), "i18n/") {
					got = append(got, w.Error())
				}
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("i18n warnings = %q, want none", got)
			case tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)):
				t.Errorf("i18n warnings = %q, want one starting %q", got, tc.want)
			}
		})
	}
}

// TestTheSitesMessageWins: the strings a check reads (and a build then
// writes with) are the site's message where it has one, the theme's
// elsewhere.
func TestTheSitesMessageWins(t *testing.T) {
	r, err := Run(t.Context(), themedSite([]string{"ru", "en"}, map[string]string{"en": "[all_rights]\nother = \"© {{ .Company }}\"\n"}), now, "")
	if err != nil {
		t.Fatal(err)
	}
	en := r.Strings.For("en")
	if got, err := en.T("all_rights", map[string]any{"Company": "Example"}); err != nil || got != "© Example" {
		t.Errorf("all_rights = %q, %v; want the site's", got, err)
	}
	if got, err := en.T("month_1", nil); err != nil || got != "January" {
		t.Errorf("month_1 = %q, %v; want the theme's", got, err)
	}
}
