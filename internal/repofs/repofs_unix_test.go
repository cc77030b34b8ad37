//go:build unix

package repofs

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefusesANamedPipeWithoutWaiting(t *testing.T) {
	f := repo(t, func(root, _ string) {
		if err := syscall.Mkfifo(filepath.Join(root, "pipe.toml"), 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
		link(t, "pipe.toml", filepath.Join(root, "to-pipe.toml"))
	})
	for _, name := range []string{"pipe.toml", "to-pipe.toml"} {
		done := make(chan error, 1)
		go func() { _, err := fs.ReadFile(f, name); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a named pipe") {
				t.Errorf("ReadFile(%s) = %v; want ErrNotRegular naming a named pipe", name, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("ReadFile(%s) waits on the pipe", name)
		}
	}
}
