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

// TestTrimAndRemoveRetiredClearWhatEarlierVersionsKept: packs beside a
// store's entries, and the folders of caches that no longer exist, go;
// the entries and other folders stay.
func TestTrimAndRemoveRetiredClearWhatEarlierVersionsKept(t *testing.T) {
	root := t.TempDir()
	c := New(root, "redlines", "redline")
	c.Put(key("a"), []byte("a"))
	memo := "outputs/" + key("m")[:2] + "/" + key("m")
	for _, f := range []string{"redlines/20260101-1.pack", "redlines/20260101-1.idx", "redlines/notes.txt", "pages/x.pack", memo, "wasm/m.wasm", "other/keep"} {
		path := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.Trim()
	RemoveRetired(root)
	for f, want := range map[string]bool{"redlines/20260101-1.pack": false, "redlines/20260101-1.idx": false,
		"redlines/notes.txt": true, "pages": false, "outputs": false, "wasm": false, "other/keep": true} {
		_, err := os.Stat(filepath.Join(root, filepath.FromSlash(f)))
		if got := err == nil; got != want {
			t.Errorf("%s there: %v, want %v", f, got, want)
		}
	}
	if c.Get(key("a")) == nil {
		t.Error("the store's entry went too")
	}
}

// TestRemoveRetiredLeavesWhatIsNotOurs: a cache folder set to a folder of
// other things (a home folder, a shared cache) keeps them, also in folders
// named as the retired caches were.
func TestRemoveRetiredLeavesWhatIsNotOurs(t *testing.T) {
	root := t.TempDir()
	mine := []string{"pages/notes.md", "pages/2024/photo.jpg", "outputs/report.pdf", "outputs/ab/not-a-key", "wasm/sub/tool.wasm", "wasm/readme.txt"}
	for _, f := range mine {
		path := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	RemoveRetired(root)
	for _, f := range mine {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s was removed: %v", f, err)
		}
	}
}
