package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func key(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestDamagedOrMovedEntriesAreMissing: an entry cut short, flipped or put
// under another key reads as missing.
func TestDamagedOrMovedEntriesAreMissing(t *testing.T) {
	c := New(t.TempDir(), "things", "thing")
	c.Put(key("a"), []byte("the body of a"))
	c.Put(key("b"), []byte("the body of b"))
	good, err := os.ReadFile(c.path(key("a")))
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile(c.path(key("b")))
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
		if err := os.WriteFile(c.path(key("a")), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := c.Get(key("a")); got != nil {
			t.Errorf("%s entry read as %q", name, got)
		}
	}
	if err := os.WriteFile(c.path(key("a")), good, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := c.Get(key("a")); string(got) != "the body of a" {
		t.Errorf("the good entry read as %q", got)
	}
}

// TestPutRepairsADamagedEntry: a Put over a longer, damaged entry leaves
// nothing of it.
func TestPutRepairsADamagedEntry(t *testing.T) {
	c := New(t.TempDir(), "things", "thing")
	c.Put(key("a"), []byte("a body that the next one is shorter than"))
	f, err := os.OpenFile(c.path(key("a")), os.O_WRONLY|os.O_APPEND, 0)
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

// TestTrimRemovesOnlyUnusedEntries: an entry no build has read for TTL is
// removed by a trim, one read within TTL is kept, and a trim runs at most
// once per trimEvery.
func TestTrimRemovesOnlyUnusedEntries(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(t.TempDir(), "things", "thing")
	c.now = func() time.Time { return now }
	c.Put(key("old"), []byte("old"))
	c.Put(key("read"), []byte("read"))
	c.Put(key("new"), []byte("new"))
	long := now.Add(-TTL - time.Hour)
	for _, k := range []string{"old", "read"} {
		if err := os.Chtimes(c.path(key(k)), long, long); err != nil {
			t.Fatal(err)
		}
	}
	leftover := filepath.Join(filepath.Dir(c.path(key("new"))), ".tmp-123")
	if err := os.WriteFile(leftover, []byte("torn"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(leftover, long, long); err != nil {
		t.Fatal(err)
	}
	if c.Get(key("read")) == nil {
		t.Fatal("the entry to read is missing")
	}
	c.Trim()
	for k, want := range map[string]bool{"old": false, "read": true, "new": true} {
		if got := c.Get(key(k)) != nil; got != want {
			t.Errorf("after a trim, entry %q there: %v, want %v", k, got, want)
		}
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("a killed build's leftover survived the trim: %v", err)
	}
	// Within trimEvery of the last trim, a new one does nothing.
	c.Put(key("old"), []byte("old"))
	if err := os.Chtimes(c.path(key("old")), long, long); err != nil {
		t.Fatal(err)
	}
	now = now.Add(trimEvery / 2)
	c.Trim()
	if c.Get(key("old")) == nil {
		t.Error("a second trim within trimEvery removed an entry")
	}
	now = now.Add(trimEvery)
	if err := os.Chtimes(c.path(key("old")), long, long); err != nil {
		t.Fatal(err)
	}
	c.Trim()
	if c.Get(key("old")) != nil {
		t.Error("a trim after trimEvery kept an unused entry")
	}
}

// TestKeysCannotLeaveTheFolder: a key that is not a hex digest is hashed
// into one, so it cannot name a path outside the store.
func TestKeysCannotLeaveTheFolder(t *testing.T) {
	root := t.TempDir()
	c := New(root, "things", "thing")
	for _, k := range []string{"../../escape", "a", "ab/cd", `..\x`} {
		if !c.Put(k, []byte("body")) {
			t.Fatalf("Put(%q) failed: %s", k, c.Warning())
		}
		p := c.path(k)
		if rel, err := filepath.Rel(filepath.Join(root, "things"), p); err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("key %q is stored at %s, outside the store", k, p)
		}
		if got := c.Get(k); string(got) != "body" {
			t.Errorf("Get(%q) = %q", k, got)
		}
	}
}
