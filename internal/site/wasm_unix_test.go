//go:build unix

package site

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"policysite/internal/testfs"
)

// TestStopEndsTheGoCommand: a build that ends before it uses the module,
// failed or interrupted, leaves no go command behind it.
func TestStopEndsTheGoCommand(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command for the stand-in go")
	}
	root := t.TempDir()
	testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(wasmPkg), "main.go"), []byte("package main\n"))
	bin := t.TempDir()
	pidFile := filepath.Join(t.TempDir(), "pid")
	testfs.WriteFile(t, filepath.Join(bin, "go"), []byte("#!/bin/sh\necho $$ >\""+pidFile+".tmp\" && mv \""+pidFile+".tmp\" \""+pidFile+"\"\nexec "+sleep+" 600\n"))
	if err := os.Chmod(filepath.Join(bin, "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(filepath.ListSeparator)+os.Getenv("PATH"))

	m := StartModule(context.Background(), root)
	var pid int
	for deadline := time.Now().Add(30 * time.Second); pid == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			m.Stop()
			t.Fatal("the stand-in go command never ran")
		}
		if data, err := os.ReadFile(pidFile); err == nil {
			if pid, err = strconv.Atoi(strings.TrimSpace(string(data))); err != nil {
				t.Fatal(err)
			}
		}
	}
	stopped := make(chan struct{})
	go func() {
		m.Stop()
		close(stopped)
	}()
	select {
	case <-stopped:
	case <-time.After(30 * time.Second):
		syscall.Kill(pid, syscall.SIGKILL)
		t.Fatal("Stop did not return while the go command ran")
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the go command (pid %d) is still there after Stop: %v", pid, err)
	}
}
