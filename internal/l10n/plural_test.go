package l10n

import (
	"maps"
	"testing"

	"policysite/internal/policy"
)

// TestPluralSamples: one whole number per category that whole numbers
// fall into, the smallest of each.
func TestPluralSamples(t *testing.T) {
	for _, tt := range []struct {
		lang policy.Lang
		want map[string]int
	}{
		{"ru", map[string]int{"one": 1, "few": 2, "many": 0}},
		{"en", map[string]int{"one": 1, "other": 0}},
		{"ja", map[string]int{"other": 0}},
	} {
		if got := PluralSamples(tt.lang); !maps.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.lang, got, tt.want)
		}
	}
}
