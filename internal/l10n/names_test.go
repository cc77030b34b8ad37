package l10n

import (
	"testing"

	"policysite/internal/policy"
)

func TestLanguageNameIsWrittenInTheReadersLanguage(t *testing.T) {
	for _, tc := range []struct {
		of, in, want string
	}{
		{"en", "ru", "английский"},
		{"ru", "en", "Russian"},
		{"de", "en", "German"},
		{"qq", "en", "qq"},
	} {
		if got := LanguageName(policy.Lang(tc.of), policy.Lang(tc.in)); got != tc.want {
			t.Errorf("LanguageName(%s, %s) = %q, want %q", tc.of, tc.in, got, tc.want)
		}
	}
}
