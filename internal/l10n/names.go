package l10n

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"policysite/internal/policy"
)

// LanguageName is the name of language of, as a reader of language in
// writes it: «английский» for en in ru, "Russian" for ru in en. A
// language that CLDR does not name is written as its code.
func LanguageName(of, in policy.Lang) string {
	tag, err := language.Parse(string(of))
	if err != nil || tag == language.Und {
		return string(of)
	}
	if name := display.Tags(language.Make(string(in))).Name(tag); name != "" {
		return name
	}
	return string(of)
}
