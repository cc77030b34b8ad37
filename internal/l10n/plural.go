package l10n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"policysite/internal/policy"
)

// pluralNames are the CLDR names of the plural categories.
var pluralNames = map[plural.Form]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one",
	plural.Two: "two", plural.Few: "few", plural.Many: "many"}

// PluralSamples returns, for each CLDR plural category that whole numbers
// fall into in lang, the smallest such number: «one» 1, «few» 2, «many» 0
// in Russian. Rendering a message at each gives all its forms, which a
// script that picks the form itself (Intl.PluralRules) can then choose
// from.
func PluralSamples(lang policy.Lang) map[string]int {
	tag := language.Make(string(lang))
	out := map[string]int{}
	for n := 0; n < 1000; n++ {
		name := pluralNames[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
		if _, ok := out[name]; !ok {
			out[name] = n
		}
	}
	return out
}
