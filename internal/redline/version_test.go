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

// versionFile records Version with a hash of what Diff returns for every
// golden case, as MarshalBinary writes it, which is what caches keep.
const versionFile = "testdata/version.txt"

// TestVersionChangesWithTheResults: caches key redlines by Version, so a
// change of what Diff returns under the same Version would publish stale
// redlines from every user's cache. The golden cases' results are hashed;
// when the hash changes, Version must change too, and -update records the
// pair only then.
func TestVersionChangesWithTheResults(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	h := sha256.New()
	for _, file := range files {
		_, sections := readGolden(t, file)
		r, _, _ := goldenDiff(sections)
		enc, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(file), len(enc))
		h.Write(enc)
	}
	got := Version + "\n" + hex.EncodeToString(h.Sum(nil)) + "\n"
	data, err := os.ReadFile(versionFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	recorded := string(data)
	if got == recorded {
		return
	}
	recordedVersion, _, _ := strings.Cut(recorded, "\n")
	if recordedVersion == Version {
		t.Fatalf("what Diff returns for the golden cases changed, and Version is still %q: bump Version in encode.go (every cache's redlines are stale), then run go test -update", Version)
	}
	if !*update {
		t.Fatalf("%s records %q; run go test -update to record %q", versionFile, recordedVersion, Version)
	}
	if err := os.WriteFile(versionFile, []byte(got), 0o644); err != nil {
		t.Fatal(err)
	}
}
