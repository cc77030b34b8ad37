package clausetext

import (
	"slices"
	"strconv"
)

// tocEntries marks the candidates that are entries of a table of contents
// rather than clauses. In Markdown a contents is a list of links to the
// document's own headings, but the plain text keeps no links, and a
// contents written as a numbered list or a table ("1. Introduction",
// "A. Definitions | Some basic terms…") reads like the clauses it lists.
// What gives it away is that it says everything twice: each entry comes
// again later with the same number and the same title (or the start of
// it), and the entries stand together while the headings they point at
// are spread out, each with its text after it.
//
// So an entry is a candidate that has a later twin, standing in a run of
// at least two adjacent candidates that have twins, whose twins are not
// all adjacent too: two copies of one enumeration ("1. name; 2. e-mail"
// in two clauses) are not a contents.
func tocEntries(cands []cand) []bool {
	toc := make([]bool, len(cands))
	twin := twins(cands)
	for i := 0; i < len(cands); {
		j := i
		for j < len(cands) && twin[j] >= 0 && (j == i || cands[j].block == cands[j-1].block+1) {
			j++
		}
		if j-i >= 2 && spread(cands, twin[i:j]) {
			for k := i; k < j; k++ {
				toc[k] = true
			}
		}
		i = max(j, i+1)
	}
	return toc
}

// twins returns, for each candidate, the index of the first later one
// with the same number and a title that starts like its own, or -1.
func twins(cands []cand) []int {
	out := make([]int, len(cands))
	keys := make([]string, len(cands))
	byKey := map[string][]int{}
	for i, c := range cands {
		keys[i] = key(c)
		byKey[keys[i]] = append(byKey[keys[i]], i)
	}
	// Only a number written twice has a twin: the titles of the others
	// are never read.
	titles := make([][]string, len(cands))
	read := make([]bool, len(cands))
	title := func(i int) []string {
		if !read[i] {
			titles[i], read[i] = cands[i].title(), true
		}
		return titles[i]
	}
	at := map[string]int{} // how many of each number have been passed
	for i := range cands {
		out[i] = -1
		same := byKey[keys[i]]
		at[keys[i]]++
		// A contents entry's heading is among the next few of its number
		// (a number repeats in every lettered section); looking further
		// would make a long list of "1." items quadratic.
		later := same[at[keys[i]]:]
		for _, j := range later[:min(len(later), maxTwinScan)] {
			if samePrefix(title(i), title(j)) {
				out[i] = j
				break
			}
		}
	}
	return out
}

// maxTwinScan is how many later candidates with its number a candidate is
// compared with for a twin.
const maxTwinScan = 32

// spread reports whether the twins of a run are not all adjacent blocks.
func spread(cands []cand, twin []int) bool {
	for k := 1; k < len(twin); k++ {
		if cands[twin[k]].block-cands[twin[k-1]].block > 1 {
			return true
		}
	}
	return false
}

// key is a candidate's number as written, for finding its twin.
func key(c cand) string {
	b := []byte{byte(c.kind)}
	if c.letter != 0 {
		b = strconv.AppendInt(b, int64(c.letter), 10)
	}
	for _, p := range c.parts {
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(p), 10)
	}
	return string(b)
}

// samePrefix reports whether one title starts with the other: a contents
// may shorten a heading ("The Spotify Service" for "The Spotify Service
// Provided by Us") or add to it ("Definitions | Some basic terms…").
func samePrefix(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	n := min(len(a), len(b))
	return slices.Equal(a[:n], b[:n])
}
