package check

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "record analysisVersion with the hash of the current analyses")

// analysisVersionFile records analysisVersion with a hash of what Read
// returns for every body of testdata/analysis.txtar, as the cache keeps it.
const analysisVersionFile = "testdata/analysis-version.txt"

// TestAnalysisVersionChangesWithTheResults: the analysis cache keys an
// entry by analysisVersion and the body alone, so a change of what Read
// returns under the same version would publish stale clauses and
// change-terms findings from every user's cache. When the hash of the
// fixtures' analyses changes, analysisVersion must change too, and
// -update records the pair only then.
func TestAnalysisVersionChangesWithTheResults(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/analysis.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(ar.Files) == 0 {
		t.Fatal("no bodies in testdata/analysis.txtar")
	}
	h := sha256.New()
	clauses, findings := 0, 0
	for _, f := range ar.Files {
		a := Read(string(f.Data))
		clauses += len(a.Clauses)
		findings += len(a.Terms.Findings)
		enc := encodeAnalysis(a)
		fmt.Fprintf(h, "%s\x00%d\x00", f.Name, len(enc))
		h.Write(enc)
	}
	if clauses == 0 || findings == 0 {
		t.Fatalf("the fixtures read as %d clauses and %d change-terms findings: they no longer cover the analysis", clauses, findings)
	}
	got := analysisVersion + "\n" + hex.EncodeToString(h.Sum(nil)) + "\n"
	data, err := os.ReadFile(analysisVersionFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	recorded := string(data)
	if got == recorded {
		return
	}
	recordedVersion, _, _ := strings.Cut(recorded, "\n")
	if recordedVersion == analysisVersion {
		t.Fatalf("what Read returns for testdata/analysis.txtar changed, and analysisVersion is still %q: bump it in analysis.go (every cache's analyses are stale), then run go test -update", analysisVersion)
	}
	if !*update {
		t.Fatalf("%s records %q; run go test -update to record %q", analysisVersionFile, recordedVersion, analysisVersion)
	}
	if err := os.WriteFile(analysisVersionFile, []byte(got), 0o644); err != nil {
		t.Fatal(err)
	}
}
