package source

import (
	"strings"
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

// TestParseEditionRefusesMaterialNotBoolean: `material: "yes"` would leave
// the author unsure whether check holds the edition to a notice period
// kept for material changes, so it is an error at its line.
func TestParseEditionRefusesMaterialNotBoolean(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: T\nmaterial: \"true\"\n---\nx\n",
		"---\ntitle: T\nmaterial: yes\n---\nx\n",
		"---\ntitle: T\nmaterial:\n---\nx\n",
		"+++\ntitle = \"T\"\nmaterial = \"true\"\n+++\nx\n",
		"+++\ntitle = \"T\"\nmaterial = 1\n+++\nx\n",
	} {
		_, _, err := parse(t, "2024-03-01.ru.md", src)
		if err == nil || !strings.Contains(err.Error(), "material must be true or false") || !strings.Contains(err.Error(), "2024-03-01.ru.md:3:") {
			t.Errorf("%q: got %v, want material refused on line 3", src, err)
		}
	}
}
