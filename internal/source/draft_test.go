package source

import (
	"strings"
	"testing"
)

// TestParseEditionReadsDraft: `draft` is a boolean in YAML and TOML; the
// edition remembers the line that makes it a draft, for check's report.
func TestParseEditionReadsDraft(t *testing.T) {
	tests := []struct {
		name, src string
		draft     bool
		line      int
	}{
		{"YAML true", "---\ntitle: T\ndraft: true\n---\nx\n", true, 3},
		{"YAML false", "---\ntitle: T\ndraft: false\n---\nx\n", false, 0},
		{"YAML True", "---\ntitle: T\nsummary: s\ndraft: True\n---\nx\n", true, 4},
		{"TOML true", "+++\ntitle = \"T\"\ndraft = true\n+++\nx\n", true, 3},
		{"TOML false", "+++\ndraft = false\ntitle = \"T\"\n+++\nx\n", false, 0},
		{"no draft key", "---\ntitle: T\n---\nx\n", false, 0},
		{"a title that reads as a boolean stays text", "---\ntitle: true\n---\nx\n", false, 0},
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
			if e.Draft != tc.draft || e.DraftLine != tc.line {
				t.Errorf("draft %v on line %d, want %v on line %d", e.Draft, e.DraftLine, tc.draft, tc.line)
			}
		})
	}
}

// TestParseEditionRefusesBooleanKeysNotBoolean: a quoted "true" or a word
// such as yes would leave the author unsure whether the edition is
// published (draft), or whether check holds it to a notice period kept
// for material changes (material).
func TestParseEditionRefusesBooleanKeysNotBoolean(t *testing.T) {
	for _, key := range []string{"draft", "material"} {
		for _, src := range []string{
			"---\ntitle: T\nKEY: \"true\"\n---\nx\n",
			"---\ntitle: T\nKEY: yes\n---\nx\n",
			"---\ntitle: T\nKEY:\n---\nx\n",
			"+++\ntitle = \"T\"\nKEY = \"true\"\n+++\nx\n",
			"+++\ntitle = \"T\"\nKEY = 1\n+++\nx\n",
		} {
			src = strings.ReplaceAll(src, "KEY", key)
			_, _, err := parse(t, "2024-03-01.ru.md", src)
			if err == nil || !strings.Contains(err.Error(), key+" must be true or false") || !strings.Contains(err.Error(), "2024-03-01.ru.md:3:") {
				t.Errorf("%q: got %v, want %s refused on line 3", src, err, key)
			}
		}
	}
}
