package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func key(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestTrim(t *testing.T) {
	c := New(t.TempDir(), "things", "thing")
	c.Put(key("old"), []byte("1. Old."))
	c.Put(key("kept"), []byte("1. Kept."))
	stale := c.Path(key("old"))
	fresh := c.Path(key("kept"))
	tmp := filepath.Join(filepath.Dir(fresh), ".tmp-123")
	if err := os.WriteFile(tmp, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	old := now.Add(-cacheTTL - time.Hour)
	for _, f := range []string{stale, tmp} {
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	c.Trim(now)
	for f, want := range map[string]bool{stale: false, tmp: false, fresh: true} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(f), err == nil, want)
		}
	}
	// A second trim within trimEvery does not scan: the marker says one ran.
	c.Put(key("old"), []byte("1. Old."))
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	c.Trim(now.Add(time.Hour))
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("a second trim within %v removed an entry: %v", trimEvery, err)
	}
	c.Trim(now.Add(trimEvery + time.Hour))
	if _, err := os.Stat(stale); err == nil {
		t.Error("a trim after trimEvery kept a stale entry")
	}
}

// TestGetRenewsUse: reading an entry whose time is older than touchAfter
// renews it, so that Trim keeps what builds still use.
func TestGetRenewsUse(t *testing.T) {
	c := New(t.TempDir(), "things", "thing")
	c.Put(key("a"), []byte("b"))
	f := c.Path(key("a"))
	old := time.Now().Add(-2 * touchAfter)
	if err := os.Chtimes(f, old, old); err != nil {
		t.Fatal(err)
	}
	if string(c.Get(key("a"))) != "b" {
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

// TestDamagedOrMovedEntriesAreMissing: an entry cut short, flipped or put
// under another key reads as missing.
func TestDamagedOrMovedEntriesAreMissing(t *testing.T) {
	c := New(t.TempDir(), "things", "thing")
	c.Put(key("a"), []byte("the body of a"))
	c.Put(key("b"), []byte("the body of b"))
	good, err := os.ReadFile(c.Path(key("a")))
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile(c.Path(key("b")))
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)-1] ^= 1
	for name, data := range map[string][]byte{
		"cut short":     good[:len(good)-3],
		"flipped":       flipped,
		"empty":         nil,
		"another key's": other,
	} {
		if err := os.WriteFile(c.Path(key("a")), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := c.Get(key("a")); got != nil {
			t.Errorf("%s entry read as %q", name, got)
		}
	}
	if err := os.WriteFile(c.Path(key("a")), good, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := c.Get(key("a")); string(got) != "the body of a" {
		t.Errorf("the good entry read as %q", got)
	}
}

// TestPutRepairsADamagedEntry: entries are written in place, so a Put over
// a longer, damaged one must leave nothing of it.
func TestPutRepairsADamagedEntry(t *testing.T) {
	c := New(t.TempDir(), "things", "thing")
	c.Put(key("a"), []byte("a body that the next one is shorter than"))
	f, err := os.OpenFile(c.Path(key("a")), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("and some damage"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if got := c.Get(key("a")); got != nil {
		t.Fatalf("damaged entry read as %q", got)
	}
	c.Put(key("a"), []byte("a shorter body"))
	if got := c.Get(key("a")); string(got) != "a shorter body" {
		t.Errorf("entry read as %q after Put", got)
	}
}

// TestUnwritableFolderWarnsOnce: a cache folder that is a file costs one
// warning, however many entries fail.
func TestUnwritableFolderWarnsOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c := New(file, "things", "thing")
	c.Put(key("a"), []byte("a"))
	c.Put(key("b"), []byte("b"))
	if w := c.Warning(); w == "" || c.Get(key("a")) != nil {
		t.Errorf("warning %q, entry %q", w, c.Get(key("a")))
	}
}
