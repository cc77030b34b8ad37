package redline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// versionFile records Version and, for every golden case, a hash of what
// Diff returns for it, as MarshalBinary writes it, which is what caches
// keep.
const versionFile = "testdata/version.txt"

// TestVersionChangesWithTheResults: caches key redlines by Version, so a
// change of what Diff returns under the same Version would publish stale
// redlines from every user's cache. Each golden case's result is hashed;
// when the hash of a case recorded before changes, Version must change
// too, and -update records the hashes only then. A new case is recorded by
// -update under the same Version: it changes no result a cache holds.
func TestVersionChangesWithTheResults(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	var b strings.Builder
	b.WriteString(Version + "\n")
	got := map[string]string{}
	for _, file := range files {
		_, sections := readGolden(t, file)
		r, _, _ := goldenDiff(sections)
		enc, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(enc)
		name := filepath.Base(file)
		got[name] = hex.EncodeToString(sum[:])
		fmt.Fprintf(&b, "%s %s\n", got[name], name)
	}
	data, err := os.ReadFile(versionFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if string(data) == b.String() {
		return
	}
	recordedVersion, rest, _ := strings.Cut(string(data), "\n")
	if recordedVersion == Version {
		for line := range strings.Lines(rest) {
			sum, name, _ := strings.Cut(strings.TrimSpace(line), " ")
			if g, ok := got[name]; ok && g != sum {
				t.Fatalf("what Diff returns for %s changed, and Version is still %q: bump Version in encode.go (every cache's redlines are stale), then run go test -update", name, Version)
			}
		}
	}
	if !*update {
		t.Fatalf("%s does not record the golden cases' results under %q; run go test -update", versionFile, Version)
	}
	if err := os.WriteFile(versionFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
