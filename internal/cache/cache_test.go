package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// TestProgramIDIsTheGoBuildID: a program is known by the build ID the go
// command gave it, which changes with its content, without reading it all.
func TestProgramIDIsTheGoBuildID(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(goBin, "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if !strings.Contains(want, "/") {
		t.Skipf("the test program's build ID %q has no content hash", want)
	}
	got, err := programID(exe)
	if err != nil {
		t.Fatal(err)
	}
	if got != "go build id "+want {
		t.Errorf("programID = %q, want the build ID %q", got, want)
	}
}

// TestProgramIDHashesWhatHasNoBuildID: without a build ID, the whole file
// is hashed, so different contents never share an ID.
func TestProgramIDHashesWhatHasNoBuildID(t *testing.T) {
	dir := t.TempDir()
	ids := map[string]string{}
	for _, data := range []string{"not a program", "not a program either", "\xff Go build ID: \"one-part-only\"\n"} {
		path := filepath.Join(dir, "p")
		if err := os.WriteFile(path, []byte(data), 0o755); err != nil {
			t.Fatal(err)
		}
		got, err := programID(path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(data))
		if want := "sha256 " + hex.EncodeToString(sum[:]); got != want {
			t.Errorf("programID of %q = %q, want %q", data, got, want)
		}
		if other, ok := ids[got]; ok {
			t.Errorf("%q and %q share the ID %s", other, data, got)
		}
		ids[got] = data
	}
}

// TestProgramIDReadsTheMarkerOfOtherFormats: outside ELF, the linker
// writes the ID near the start of the program, after a marker.
func TestProgramIDReadsTheMarkerOfOtherFormats(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p")
	data := append([]byte("\xcf\xfa\xed\xfe some header "), "\xff Go build ID: \"action/content\"\n \xff rest"...)
	if err := os.WriteFile(path, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := programID(path); err != nil || got != "go build id action/content" {
		t.Errorf("programID = %q, %v; want the build ID action/content", got, err)
	}
}
