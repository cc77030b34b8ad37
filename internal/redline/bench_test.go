package redline

import "testing"

// pair is two consecutive editions of one history, as the site compares
// them: plain texts and marks.
type pair struct {
	name     string
	old, new Doc
}

// consecutivePairs lists every consecutive pair of every history, oldest
// first, with the number of bytes they hold together.
func consecutivePairs(hs []history) ([]pair, int64) {
	var out []pair
	var size int64
	for _, h := range hs {
		for i := 1; i < len(h.texts); i++ {
			out = append(out, pair{
				name: h.name + ": " + h.files[i-1] + " → " + h.files[i],
				old:  h.docs[i-1],
				new:  h.docs[i],
			})
			size += int64(len(h.texts[i-1]) + len(h.texts[i]))
		}
	}
	return out, size
}

// benchPairs diffs every pair once per iteration. SetBytes makes MB/s the
// throughput over both sides of every pair, which stays comparable when the
// corpus grows.
func benchPairs(b *testing.B, ps []pair, size int64) {
	b.ReportAllocs()
	b.SetBytes(size)
	for b.Loop() {
		for _, p := range ps {
			DiffDocs(p.old, p.new)
		}
	}
	b.ReportMetric(float64(len(ps)), "pairs/op")
}

// BenchmarkDiffCorpus diffs every consecutive pair of every history in
// ../shared/corpus; it skips when the corpus is absent.
func BenchmarkDiffCorpus(b *testing.B) {
	ps, size := consecutivePairs(corpusHistories(b))
	benchPairs(b, ps, size)
}

// BenchmarkDiffSample diffs every consecutive pair of the sample site's
// editions, which are always present.
func BenchmarkDiffSample(b *testing.B) {
	ps, size := consecutivePairs(sampleHistories(b))
	benchPairs(b, ps, size)
}

// BenchmarkDiffLargestPair diffs the corpus pair with the largest combined
// text, the one closest to the per-pair time limit of docs/performance.md.
func BenchmarkDiffLargestPair(b *testing.B) {
	ps, _ := consecutivePairs(corpusHistories(b))
	var largest pair
	for _, p := range ps {
		if len(p.old.Text)+len(p.new.Text) > len(largest.old.Text)+len(largest.new.Text) {
			largest = p
		}
	}
	benchPairs(b, []pair{largest}, int64(len(largest.old.Text)+len(largest.new.Text)))
}
