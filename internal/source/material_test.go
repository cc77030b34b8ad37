package source

import (
	"testing"
)

// TestParseEditionReadsMaterial: `material` is a boolean in YAML and TOML,
// false when absent, and known, so not warned of.
func TestParseEditionReadsMaterial(t *testing.T) {
	tests := []struct {
		name, src string
		material  bool
	}{
		{"YAML true", "---\ntitle: T\nmaterial: true\n---\nx\n", true},
		{"YAML false", "---\ntitle: T\nmaterial: false\n---\nx\n", false},
		{"TOML true", "+++\ntitle = \"T\"\nmaterial = true\n+++\nx\n", true},
		{"no material key", "---\ntitle: T\n---\nx\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, warns, err := parse(t, "2024-03-01.ru.md", tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) > 0 {
				t.Errorf("warnings: %v", warns)
			}
			if e.Material != tc.material {
				t.Errorf("material = %v, want %v", e.Material, tc.material)
			}
		})
	}
}
