//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package build

import (
	"errors"
	"os"
	"syscall"
)

// locksBuilds tells that build folders are locked here (see stale.go), so
// that a build can tell a dead build's folder from a live one's.
const locksBuilds = true

// openFolder opens the folder at path itself, to hold its lock: never
// through a link, and never anything but a folder, whose open could wait
// (a named pipe) or whose removal would not be a build folder's.
func openFolder(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW, 0)
}

// flock takes f's exclusive flock(2) lock. The kernel ties the lock to the
// open file, not to a file on disk: it lasts while f is open and goes when
// the process ends, however it ends, kill -9 included; and since Go opens
// every file close-on-exec, no program the build starts inherits it. Two
// opens of one folder conflict even in one process, so two builds in one
// `serve` exclude each other as two processes do. Unless wait, it returns
// errLockBusy at once when another holds the lock.
func flock(f *os.File, wait bool) error {
	how := syscall.LOCK_EX
	if !wait {
		how |= syscall.LOCK_NB
	}
	raw, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	err = raw.Control(func(fd uintptr) {
		// The signals of Go's own runtime interrupt a wait: wait again.
		for ferr = syscall.Flock(int(fd), how); errors.Is(ferr, syscall.EINTR); {
			ferr = syscall.Flock(int(fd), how)
		}
	})
	if err != nil {
		return err
	}
	if errors.Is(ferr, syscall.EWOULDBLOCK) {
		return errLockBusy
	}
	return ferr
}
