package check

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"sync"

	"policysite/internal/cache"
	"policysite/internal/changeterms"
	"policysite/internal/clause"
	"policysite/internal/plaintext"
	"policysite/internal/policy"
	"policysite/internal/textmark"
)

// Analysis is what the check reads in one edition's body: its plain text,
// its numbered clauses, the body with their anchors, and what it says about
// changes. A build uses all of it, so nothing is read twice.
type Analysis struct {
	Blocks []plaintext.Block
	// Marks is what the blocks' text does not show of the Markdown: forms,
	// links' addresses, emphasis (plaintext.MarkedBlocks).
	Marks textmark.Marks
	// Annotated is the body with clause anchors (clause.Annotate).
	Annotated string
	Clauses   []clause.Clause
	Terms     changeterms.Terms
}

// analysisVersion names what Read returns for a body and how encode.go
// writes it: the analysis cache keys each entry by this and the body
// alone, so that an entry is a pure function of its key. Bump it whenever
// Read's result for some body may change (plaintext, clause, changeterms)
// or the encoding changes; TestAnalysisVersionChangesWithTheResults fails
// when the results for testdata/analysis.txtar change under the same
// version.
const analysisVersion = "policysite analysis 12"

// analyze reads every edition on all cores, taking from the cache in
// cacheDir ("" for none) what an earlier run read in the same body under
// the same analysisVersion: on a large site that is most of a check's
// time. It also returns the cache's warning, if it could not be written.
func analyze(eds []*policy.Edition, cacheDir string) (map[*policy.Edition]*Analysis, string) {
	store := cache.New(cacheDir, "analyses", "analysis")

	out := make([]*Analysis, len(eds))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(len(eds), runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = analyzeOne(eds[i].Body, store)
			}
		}()
	}
	for i := range eds {
		next <- i
	}
	close(next)
	wg.Wait()
	store.Trim()
	m := make(map[*policy.Edition]*Analysis, len(eds))
	for i, e := range eds {
		m[e] = out[i]
	}
	return m, store.Warning()
}

func analyzeOne(body string, store *cache.Store) *Analysis {
	if !store.On() {
		return Read(body)
	}
	key := analysisKey(body)
	if a := decodeAnalysis(store.Get(key)); a != nil {
		return a
	}
	a := Read(body)
	store.Put(key, encodeAnalysis(a))
	return a
}

// analysisKey is the cache key of body's analysis.
func analysisKey(body string) string {
	h := sha256.New()
	h.Write([]byte(analysisVersion + "\x00"))
	h.Write([]byte(body))
	return hex.EncodeToString(h.Sum(nil))
}

// Read analyses one edition's body. Its empty slices are nil, as
// decodeAnalysis leaves them, so that an analysis from the cache is the
// same as one read afresh.
func Read(body string) *Analysis {
	blocks, marks := plaintext.MarkedBlocks(body)
	annotated, cls := clause.AnnotateBlocks(body, blocks)
	a := &Analysis{Blocks: blocks, Marks: marks, Annotated: annotated, Clauses: cls, Terms: changeterms.Analyze(changeterms.FromBlocks(blocks, cls))}
	if len(a.Blocks) == 0 {
		a.Blocks = nil
	}
	if len(a.Marks.Blocks) == 0 {
		a.Marks.Blocks = nil
	}
	if len(a.Clauses) == 0 {
		a.Clauses = nil
	}
	if len(a.Terms.Findings) == 0 {
		a.Terms.Findings = nil
	}
	for i := range a.Terms.Findings {
		if len(a.Terms.Findings[i].Channels) == 0 {
			a.Terms.Findings[i].Channels = nil
		}
	}
	return a
}
