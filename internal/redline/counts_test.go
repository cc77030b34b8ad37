package redline

import (
	"encoding/json"
	"strings"
	"testing"
)

// The changes.json a consumer reads: what checkCounts recomputes the
// statistics from, through JSON only, as a crawler would.
type jsonResult struct {
	Ops []struct {
		Op       string `json:"op"`
		Text     string `json:"text"`
		Minor    bool   `json:"minor"`
		Renumber bool   `json:"renumber"`
		Move     int    `json:"move"`
		Break    bool   `json:"break"`
		Format   bool   `json:"format"`
	} `json:"ops"`
	Clauses []struct {
		Number    string `json:"number"`
		OldNumber string `json:"old_number"`
		Change    string `json:"change"`
		Ops       [2]int `json:"ops"`
	} `json:"clauses"`
	Moves   []json.RawMessage      `json:"moves"`
	Links   []struct{ Clause int } `json:"links"`
	Formats []struct{ Clause int } `json:"formats"`
	Stats   map[string]int         `json:"stats"`
}

// checkCounts recomputes every count a summary states from the result's
// JSON and holds the statistics to them; it also holds each clause's
// change to its operations: a clause called changed has a changed word or
// link, one called formatted has a formatting change and no changed word,
// one called unchanged has nothing.
func checkCounts(t *testing.T, name string, r *Result) {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var j jsonResult
	if err := json.Unmarshal(data, &j); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"links_changed": len(j.Links)}
	links, formats := map[int]int{}, map[int]int{}
	for _, l := range j.Links {
		links[l.Clause]++
	}
	for _, f := range j.Formats {
		formats[f.Clause]++
	}
	for _, o := range j.Ops {
		if o.Break {
			n := strings.Count(o.Text, "\n\n")
			if o.Op == "insert" {
				want["breaks_inserted"] += n
			} else {
				want["breaks_deleted"] += n
			}
		}
	}
	for i, c := range j.Clauses {
		want[c.Change]++
		if c.Number != "" && c.OldNumber != "" && c.Number != c.OldNumber {
			want["numbers_changed"]++
		}
		words, layout, any := false, false, false
		for _, o := range j.Ops[c.Ops[0]:c.Ops[1]] {
			if o.Op == "equal" || !o.Break && strings.TrimSpace(o.Text) == "" {
				// White space gained or lost (at the end of the text) is
				// no change, as the engine reads it.
				continue
			}
			any = true
			switch {
			case o.Break || o.Format:
				layout = true
			case o.Minor || o.Renumber || o.Move != 0 || strings.TrimSpace(o.Text) == "":
			default:
				words = true
			}
		}
		switch c.Change {
		case "changed":
			if !words && links[i] == 0 {
				t.Errorf("%s: clause %d (%s) is called changed, but no word or link of it changed", name, i, c.Number)
			}
		case "formatted":
			if words || links[i] > 0 || !layout && formats[i] == 0 {
				t.Errorf("%s: clause %d (%s) is called formatted: words %v, links %d, formatting %v/%d", name, i, c.Number, words, links[i], layout, formats[i])
			}
		case "unchanged":
			if any || links[i] > 0 || formats[i] > 0 {
				t.Errorf("%s: clause %d (%s) is called unchanged, but something of it changed", name, i, c.Number)
			}
		}
	}
	// Moved counts paragraphs moved, not clauses.
	want["moved"] = len(j.Moves)
	for _, k := range []string{"changed", "inserted", "deleted", "renumbered", "moved", "minor", "unchanged",
		"formatted", "numbers_changed", "links_changed", "breaks_inserted", "breaks_deleted"} {
		if j.Stats[k] != want[k] {
			t.Errorf("%s: stats.%s = %d, the operations show %d", name, k, j.Stats[k], want[k])
		}
	}
}
