package build

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

// skipWithoutLocks skips tests of removing stale folders where builds
// remove none (see stale_other.go).
func skipWithoutLocks(t *testing.T) {
	t.Helper()
	if !locksBuilds {
		t.Skip("build folders are not locked here, so none is removed")
	}
}

// exists tells whether something is at path, a link itself included.
func exists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Lstat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// TestNextBuildRemovesTheFoldersOfDeadBuildsOnly: a build removes the
// build folders, and their .old forms, that no live build holds; it
// leaves those that live builds hold, and every other name beside the
// output, however close to a build folder's. The output it leaves is the
// same as without them, with no lock file in it.
func TestNextBuildRemovesTheFoldersOfDeadBuildsOnly(t *testing.T) {
	skipWithoutLocks(t)
	root := sample(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	first := testfs.Tree(t, out)

	// Folders of dead builds: made, then never locked, as a build killed
	// leaves them.
	dead := []string{".public.building-1abc", ".public.building-2xyz.old", ".public.building-0"}
	for _, name := range dead {
		testfs.WriteFile(t, filepath.Join(parent, name, "en", "index.html"), []byte("half a site"))
	}
	// Folders of live builds, which this process locks as a build does.
	liveTmp, unlockTmp, err := mkdirBeside(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlockTmp()
	testfs.WriteFile(t, filepath.Join(liveTmp, "index.html"), []byte("being built"))
	liveOld := filepath.Join(parent, ".public.building-3live.old")
	testfs.WriteFile(t, filepath.Join(liveOld, "index.html"), []byte("being replaced"))
	unlockOld := lockOutput(liveOld)
	defer unlockOld()
	// The user's, or another output's: none has the exact form.
	outside := filepath.Join(t.TempDir(), "elsewhere")
	testfs.WriteFile(t, filepath.Join(outside, "keep.txt"), []byte("keep"))
	others := userEntries(t, parent, outside)

	if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	for _, name := range dead {
		if exists(t, filepath.Join(parent, name)) {
			t.Errorf("%s, of a dead build, is still there", name)
		}
	}
	for _, path := range []string{liveTmp, liveOld} {
		if !exists(t, filepath.Join(path, "index.html")) {
			t.Errorf("%s, of a live build, was removed", filepath.Base(path))
		}
	}
	for _, name := range others {
		if !exists(t, filepath.Join(parent, name)) {
			t.Errorf("%s, no build folder, was removed", name)
		}
	}
	if !exists(t, filepath.Join(outside, "keep.txt")) {
		t.Error("a link's target was emptied")
	}
	if !sameTree(first, testfs.Tree(t, out)) {
		t.Error("the output differs from the same build's without leftovers beside it")
	}
	noLockFile(t, out)

	// Once the live builds end without removing their folders, as if
	// killed, the next removes them too.
	unlockTmp()
	unlockOld()
	if err := removeStale(out); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{liveTmp, liveOld} {
		if exists(t, path) {
			t.Errorf("%s is still there once its build has ended", filepath.Base(path))
		}
	}
	for _, name := range others {
		if !exists(t, filepath.Join(parent, name)) {
			t.Errorf("%s, no build folder, was removed", name)
		}
	}
}

// userEntries makes, in parent, entries whose names are close to those of
// build folders of parent/public but are not, and returns their names.
func userEntries(t *testing.T, parent, linkTarget string) []string {
	t.Helper()
	folders := []string{
		".public.building-notes.txt", // a '.' no random number has
		".public.building-Abc",       // not how Go writes base 36
		".public.building-007",       // a leading zero
		".public.building-",
		".public.building-abc.old.bak",
		".public.building-abc.new",
		".public2.building-abc",
		".other.building-abc",
		"public.building-abc",
	}
	for _, name := range folders {
		testfs.WriteFile(t, filepath.Join(parent, name, "notes.txt"), []byte("mine"))
	}
	// A file and a link with exactly a build folder's name are no folders.
	testfs.WriteFile(t, filepath.Join(parent, ".public.building-4file"), []byte("mine"))
	if err := os.Symlink(linkTarget, filepath.Join(parent, ".public.building-5link")); err != nil {
		t.Fatal(err)
	}
	return append(folders, ".public.building-4file", ".public.building-5link")
}

// noLockFile fails the test if a file in the output is named like a lock.
func noLockFile(t *testing.T, out string) {
	t.Helper()
	for name := range testfs.Tree(t, out) {
		if strings.Contains(strings.ToLower(filepath.Base(name)), "lock") {
			t.Errorf("the output holds %s", name)
		}
	}
}

// TestStaleOldFormStaysWhileTheOutputIsMissing: a build killed between
// swap's two renames leaves the previous output only in its .old form, so
// that form stays until an output is there again; the build folder beside
// it goes.
func TestStaleOldFormStaysWhileTheOutputIsMissing(t *testing.T) {
	skipWithoutLocks(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	old := filepath.Join(parent, ".public.building-9old.old")
	tmp := filepath.Join(parent, ".public.building-9old")
	testfs.WriteFile(t, filepath.Join(old, "index.html"), []byte("previous"))
	testfs.WriteFile(t, filepath.Join(tmp, "index.html"), []byte("new"))
	if err := removeStale(out); err != nil {
		t.Fatal(err)
	}
	if !exists(t, old) {
		t.Error("the previous output was removed while nothing else holds it")
	}
	if exists(t, tmp) {
		t.Error("the dead build's folder is still there")
	}
	testfs.WriteFile(t, filepath.Join(out, "index.html"), []byte("current"))
	if err := removeStale(out); err != nil {
		t.Fatal(err)
	}
	if exists(t, old) {
		t.Error("the .old form is still there once an output is")
	}
}

// TestNewFolderTakenByACleanerIsGivenUp: when removeStale comes between
// the making of a build folder and its lock, and holds the lock or has
// removed the folder, the build gives the folder up (and mkdirBeside
// makes another) rather than write into a folder being removed.
func TestNewFolderTakenByACleanerIsGivenUp(t *testing.T) {
	skipWithoutLocks(t)
	dir := filepath.Join(t.TempDir(), ".public.building-abc")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cleaner, err := lockFolder(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, lost, err := lockNew(dir); !lost || err != nil {
		t.Errorf("with the lock held by a cleaner: lost = %v, err = %v; want lost", lost, err)
	}
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	cleaner.Close()
	if _, lost, err := lockNew(dir); !lost || err != nil {
		t.Errorf("with the folder removed by a cleaner: lost = %v, err = %v; want lost", lost, err)
	}
}

// TestStaleHelperProcess is no test of its own: a test that needs a build
// in another process runs the test binary again with
// POLICYSITE_TEST_STALE set to an output path. This then does what a
// build does beside that output up to the middle of its swap: it makes
// and locks its build folder, and moves the output aside, locked, as the
// folder's .old form. It writes the folder's path after "folder: ", then
// waits to be killed.
func TestStaleHelperProcess(t *testing.T) {
	out, ok := os.LookupEnv("POLICYSITE_TEST_STALE")
	if !ok {
		return
	}
	tmp, _, err := mkdirBeside(out)
	if err != nil {
		t.Fatal(err)
	}
	_ = lockOutput(out)
	if err := os.Rename(out, tmp+".old"); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("folder: %s\n", tmp)
	_, _ = io.Copy(io.Discard, os.Stdin)
	os.Exit(0)
}

// TestFoldersOfALiveProcessStayAndOfAKilledOneGo: the build folder and
// the .old form that a build in another process holds stay while it runs,
// and go once it has been killed with SIGKILL, which no code of its own
// could notice.
func TestFoldersOfALiveProcessStayAndOfAKilledOneGo(t *testing.T) {
	skipWithoutLocks(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	testfs.WriteFile(t, filepath.Join(out, "index.html"), []byte("previous"))
	cmd := exec.Command(os.Args[0], "-test.run=^TestStaleHelperProcess$")
	// The test binary's own set-up leaves a folder in TMPDIR when it is
	// killed.
	cmd.Env = append(os.Environ(), "POLICYSITE_TEST_STALE="+out, "TMPDIR="+t.TempDir())
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	tmp := ""
	for lines := bufio.NewScanner(stdout); tmp == "" && lines.Scan(); {
		tmp, _ = strings.CutPrefix(lines.Text(), "folder: ")
	}
	if tmp == "" {
		t.Fatal("the helper process ended without making its folder")
	}
	old := tmp + ".old"
	// The next build's output, in place, so that the .old form is not the
	// only copy of a site.
	testfs.WriteFile(t, filepath.Join(out, "index.html"), []byte("current"))

	if err := removeStale(out); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{tmp, old} {
		if !exists(t, path) {
			t.Errorf("%s, of a live process, was removed", filepath.Base(path))
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// Once Wait returns the process is gone, and the kernel has let go of
	// its locks.
	_ = cmd.Wait()
	if err := removeStale(out); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{tmp, old} {
		if exists(t, path) {
			t.Errorf("%s, of a killed process, is still there", filepath.Base(path))
		}
	}
	if data, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(data) != "current" {
		t.Errorf("the output was touched: %q, %v", data, err)
	}
}
