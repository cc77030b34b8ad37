package preview

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"policysite/internal/testfs"
)

// TestRetiredBuildOutlivesItsRequests: a build replaced while a request
// reads it stays on disk until that request is done.
func TestRetiredBuildOutlivesItsRequests(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "site-1"), filepath.Join(dir, "site-2")
	for _, d := range []string{first, second} {
		testfs.WriteFile(t, filepath.Join(d, "index.html"), []byte("<html></html>"))
	}
	s := &Server{}
	s.swap(&snapshot{dir: first})
	reading := s.acquire()
	s.swap(&snapshot{dir: second})
	if _, err := os.Stat(first); err != nil {
		t.Fatalf("the build being read was removed: %v", err)
	}
	if s.acquire() != s.cur {
		t.Fatal("a new request does not read the new build")
	}
	s.release(s.cur)
	s.release(reading)
	if _, err := os.Stat(first); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the replaced build is still there once read: %v", err)
	}
	s.swap(&snapshot{problems: []string{"x"}}) // a failed build replaces it
	if _, err := os.Stat(second); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a build replaced by a failed one is still there: %v", err)
	}
}
