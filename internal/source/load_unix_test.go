//go:build unix

package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadRefusesNamedPipe: reading a named pipe waits until something
// writes to it, so an edition that is one would hang the build.
func TestLoadRefusesNamedPipe(t *testing.T) {
	root := t.TempDir()
	write(t, root, "versions/p/2024-01-01.ru.md", ok)
	if err := syscall.Mkfifo(filepath.Join(root, "versions/p/2024-01-02.ru.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Load(Options{FS: os.DirFS(root), Langs: langs, Location: msk})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "versions/p/2024-01-02.ru.md: not a regular file (a named pipe)") {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Load is waiting on the named pipe")
	}
}
