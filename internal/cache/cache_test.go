package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
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
