package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/testfs"
)

// wantTree fails unless got and want hold the same files with the same
// bytes, and names those that differ.
func wantTree(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(data, got[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// TestLateFailureLeavesThePreviousOutputUntouched: a build that fails after
// it has written pages, texts and redlines leaves the previous output as it
// was, byte for byte and with its modification times.
func TestLateFailureLeavesThePreviousOutputUntouched(t *testing.T) {
	root := sample(t)
	cache := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	before := testfs.Tree(t, out)
	times := modTimes(t, out)
	// A static file where the build publishes an edition's JSON fails the
	// build only once pages, texts and redlines are in place.
	testfs.WriteFile(t, filepath.Join(root, "static", "ru", "privacy", "2024-02-15", "changes.json"), []byte("{}\n"))
	_, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, CacheDir: cache})
	if err == nil || !strings.Contains(err.Error(), "ru/privacy/2024-02-15/changes.json") {
		t.Fatalf("err = %v, want one naming ru/privacy/2024-02-15/changes.json", err)
	}
	wantTree(t, "after a failed build", testfs.Tree(t, out), before)
	for rel, mt := range modTimes(t, out) {
		if !mt.Equal(times[rel]) {
			t.Errorf("%s: modification time changed", rel)
		}
	}
	siblings, _ := os.ReadDir(filepath.Dir(out))
	if len(siblings) != 1 {
		t.Errorf("a failed build left %d entries beside the output", len(siblings))
	}
}

// modTimes returns the modification time of each file under dir.
func modTimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	for rel := range testfs.Tree(t, dir) {
		info, err := os.Stat(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		out[rel] = info.ModTime()
	}
	return out
}
