package build

// The folders a build leaves beside its output when it dies.
//
// A build writes into .<out>.building-<random> (mkdirBeside) and, while it
// swaps, moves the previous output aside as that name plus ".old" (swap).
// A build killed (kill -9, a crash, a power cut) leaves them behind, and
// each can hold a whole site. So the next build removes them first, but
// only those of dead builds: two builds of one output may run at once (a
// `serve` and a `build`), and removing a live one's folder would break it.
//
// A live build says so by a lock: it holds the flock(2) lock of its folder
// (see flock), open from just after the folder is made until it is removed
// or has become the output, and swap holds the lock of the previous output
// from before it is moved aside until it is removed. The lock is on the
// folder itself, not on a file in it, so nothing of it ends up in the
// site, and the kernel lets it go when its process dies. removeStale
// removes a folder only while holding that lock itself, so never a folder
// of a live build.
//
// A folder is made before it can be locked, and removeStale may come in
// between. Rather than guess from the folder's age, lockNew makes that
// harmless: it checks, once it holds the lock, that the folder is still
// at its name, and if not (removeStale has removed it) or if removeStale
// holds the lock meanwhile, the build makes another folder. As removeStale
// also checks, once it holds the lock, that the folder is still at its
// name, either the build holds the lock first and removeStale leaves the
// folder, or removeStale holds it first and the build never writes in it.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

var (
	// errLockBusy is flock's when another holds the lock.
	errLockBusy = errors.New("another build holds the folder's lock")
	// errMoved is lockFolder's when the folder it locked is no longer at
	// its path.
	errMoved = errors.New("the folder was removed or moved meanwhile")
	// errNoLock wraps the errors of a file system whose folders cannot be
	// locked.
	errNoLock = errors.New("the folder cannot be locked")
)

// buildFolderPrefix is the name, in out's folder, of each folder a build
// of out writes, less its random end (see mkdirBeside).
func buildFolderPrefix(out string) string {
	return "." + filepath.Base(out) + ".building-"
}

// buildFolderName tells whether name, beside out, is exactly what a build
// of out names its folder (ok), or what swap names the previous output it
// moves aside (ok and old). Anything else may be the user's, and is not
// touched: a name whose end is not a random number as mkdirBeside writes
// it, in base 36 with no leading zero, or a folder of another output's.
func buildFolderName(out, name string) (old, ok bool) {
	rest, ok := strings.CutPrefix(name, buildFolderPrefix(out))
	if !ok {
		return false, false
	}
	rest, old = strings.CutSuffix(rest, ".old")
	n, err := strconv.ParseUint(rest, 36, 64)
	return old, err == nil && strconv.FormatUint(n, 36) == rest
}

// lockFolder opens the folder at path and takes its lock, waiting for it
// when wait, then checks that path still names the folder it locked: a
// folder removed or replaced before the lock was held is not the one
// path names. It returns the open folder, whose Close lets go of the lock;
// or errLockBusy (only unless wait), errMoved, an error wrapping errNoLock,
// or the open's error.
func lockFolder(path string, wait bool) (*os.File, error) {
	f, err := openFolder(path)
	if err != nil {
		return nil, err
	}
	if err := flock(f, wait); err != nil {
		f.Close()
		if errors.Is(err, errLockBusy) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", errNoLock, err)
	}
	now, err := os.Lstat(path)
	held, ferr := f.Stat()
	if err != nil || ferr != nil || !os.SameFile(now, held) {
		f.Close()
		return nil, errMoved
	}
	return f, nil
}

// lockNew locks dir, the build folder that this build has just made, and
// returns what lets go of the lock, to call once the folder is removed or
// has become the output. lost says that a removeStale took the folder for
// a dead build's first (see the top of this file): the build must make
// another. Where folders cannot be locked the folder stays unlocked, which
// is safe, as removeStale cannot lock it either and so leaves it.
func lockNew(dir string) (unlock func(), lost bool, err error) {
	if !locksBuilds {
		return func() {}, false, nil
	}
	f, err := lockFolder(dir, false)
	switch {
	case err == nil:
		return func() { f.Close() }, false, nil
	case errors.Is(err, errLockBusy), errors.Is(err, errMoved), errors.Is(err, os.ErrNotExist):
		return nil, true, nil
	case errors.Is(err, errNoLock):
		return func() {}, false, nil
	}
	return nil, false, err
}

// lockOutput locks the output out before swap moves it aside as the
// .old form of a build folder, and returns what lets go of the lock, to
// call once that folder is removed: so that no removeStale of another
// build removes it while this one may still have to put it back. It waits
// for a build that has just swapped its own output in to let go of it.
// Without an output, or with one that cannot be locked, it does nothing.
func lockOutput(out string) (unlock func()) {
	if locksBuilds {
		// Each turn but the last follows another build's swap, which
		// replaced out while this one waited for its lock.
		for range 100 {
			f, err := lockFolder(out, true)
			if errors.Is(err, errMoved) {
				continue
			}
			if err == nil {
				return func() { f.Close() }
			}
			break
		}
	}
	return func() {}
}

// removeStale removes the folders that dead builds of out left beside it
// (see the top of this file), and returns the errors of those it could
// not remove. It leaves a .old form, the previous output moved aside,
// while out is missing: a build killed between swap's two renames leaves
// the previous site nowhere else. Where folders cannot be locked it does
// nothing.
func removeStale(out string) error {
	if !locksBuilds {
		return nil
	}
	parent := filepath.Dir(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	_, err = os.Lstat(out)
	haveOut := err == nil
	var errs []error
	for _, e := range entries {
		old, ok := buildFolderName(out, e.Name())
		// IsDir follows no link: a link, even to a folder, is no build's.
		if !ok || !e.IsDir() || old && !haveOut {
			continue
		}
		errs = append(errs, removeIfDead(filepath.Join(parent, e.Name())))
	}
	return errors.Join(errs...)
}

// removeIfDead removes the build folder at path if no live build holds
// its lock. It holds the lock itself until the folder is gone, so that a
// build that has just made the folder under that name and locks it only
// now finds it gone and makes another (see lockNew).
func removeIfDead(path string) error {
	f, err := lockFolder(path, false)
	if err != nil {
		// A live build's, gone meanwhile, or not lockable: left alone.
		return nil
	}
	defer f.Close()
	if err := removeTree(path); err != nil {
		return fmt.Errorf("remove %s, left by a build that ended before it could: %w", path, err)
	}
	return nil
}
