package site

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRedlineCacheTrim(t *testing.T) {
	c := newRedlineCache(t.TempDir())
	c.diff("1. Old.", "1. New.")
	c.diff("1. Kept.", "1. Kept, changed.")
	stale := c.path(redlineKey("1. Old.", "1. New."))
	fresh := c.path(redlineKey("1. Kept.", "1. Kept, changed."))
	tmp := filepath.Join(filepath.Dir(fresh), ".tmp-123")
	if err := os.WriteFile(tmp, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	old := now.Add(-redlineCacheTTL - time.Hour)
	for _, f := range []string{stale, tmp} {
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	c.trim(now)
	for f, want := range map[string]bool{stale: false, tmp: false, fresh: true} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(f), err == nil, want)
		}
	}
	// A second trim within trimEvery does not scan: the marker says one ran.
	c.diff("1. Old.", "1. New.")
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	c.trim(now.Add(time.Hour))
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("a second trim within %v removed an entry: %v", trimEvery, err)
	}
	c.trim(now.Add(trimEvery + time.Hour))
	if _, err := os.Stat(stale); err == nil {
		t.Error("a trim after trimEvery kept a stale entry")
	}
}

// TestRedlineCacheRenewsUse: reading an entry whose time is older than
// touchAfter renews it, so that trim keeps what builds still use.
func TestRedlineCacheRenewsUse(t *testing.T) {
	c := newRedlineCache(t.TempDir())
	c.diff("a", "b")
	f := c.path(redlineKey("a", "b"))
	old := time.Now().Add(-2 * touchAfter)
	if err := os.Chtimes(f, old, old); err != nil {
		t.Fatal(err)
	}
	if c.load(f) == nil {
		t.Fatal("the entry did not load")
	}
	info, err := os.Stat(f)
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(info.ModTime()) > time.Hour {
		t.Errorf("the entry's time was not renewed: %v", info.ModTime())
	}
}

func TestRedlineKeySeparatesTexts(t *testing.T) {
	if redlineKey("ab", "c") == redlineKey("a", "bc") {
		t.Error("moving a byte from one text to the other keeps the key")
	}
}
