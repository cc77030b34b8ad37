package changeterms

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sharedSeeds and sharedCorpus are where real policies live beside a
// checkout; a user's clone lacks them, and the tests that read them skip.
const (
	sharedSeeds  = "../../../shared/seeds"
	sharedCorpus = "../../../shared/corpus"
)

// seedClause is a clause number at the start of a seed's line: "6.2.",
// "- 3.4.1.", "6.".
var seedClause = regexp.MustCompile(`^(?:[-•]\s*)?(\d+(?:\.\d+)*)\.`)

// seedBlocks splits a seed file into blocks: paragraphs separated by blank
// lines, a list item ("- …", "• …") starting a block of its own. A block
// takes the clause number it starts with, or the one before it.
func seedBlocks(text string) []Block {
	text = strings.ReplaceAll(strings.TrimPrefix(text, "\uFEFF"), "\r\n", "\n")
	var out []Block
	var cur []string
	clause, start := "", 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		b := strings.Join(cur, " ")
		if m := seedClause.FindStringSubmatch(b); m != nil {
			clause = m[1]
		}
		out = append(out, Block{Text: b, Clause: clause, Line: start})
		cur = nil
	}
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "• ") {
			flush()
		}
		if len(cur) == 0 {
			start = i + 1
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

func readSeed(t *testing.T, name string) []Block {
	t.Helper()
	if _, err := os.Stat(sharedSeeds); err != nil {
		t.Skipf("%s is absent: the seed tests need a checkout beside ../shared", sharedSeeds)
	}
	matches, _ := filepath.Glob(filepath.Join(sharedSeeds, name+"_*.txt"))
	if len(matches) != 1 {
		t.Fatalf("%s: want one seed %s_*.txt, found %d", sharedSeeds, name, len(matches))
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	return seedBlocks(string(data))
}

// TestSeeds runs Analyze on three real policies and expects what a lawyer
// would point to, and nothing else.
func TestSeeds(t *testing.T) {
	site := []Channel{Site}
	tests := []struct {
		seed string
		want []want
	}{
		// English, numbered: 6.1 to 6.3 are the change clauses. The
		// preamble's "the usage of the Website means the User's
		// unconditional acceptance" is about using, not continuing after a
		// change, and 3.2's "updating (changing)" is processing.
		{"000", []want{
			{kind: Unilateral, clause: "6.1", consent: WithoutConsent},
			{kind: OnPosting, clause: "6.2"},
			{kind: UnlessOtherwise, clause: "6.2"},
			{kind: ContinuedUse, clause: "6.3"},
		}},
		// Russian, unnumbered "Изменения" section: one sentence gives the
		// right to change and the notice on the sites, the next continued
		// use; "если получение отдельного согласия не требуется законом" is
		// no reservation for a new edition.
		{"002", []want{
			{kind: Unilateral},
			{kind: Notification, channels: site},
			{kind: ContinuedUse},
		}},
		// Russian, numbered: no change clause at all. 4.1 is the user
		// changing their data, 5.4 and 5.5 cookie and counter parameters
		// changing without notice, 3.4.1 a law "с учетом изменений".
		{"003", nil},
	}
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			checkFindings(t, readSeed(t, tt.seed), tt.want)
		})
	}
}
