package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"policysite/internal/testfs"
)

// TestRemoveTreeRemovesAllAndFollowsNoLink: a tree of folders, files and
// links goes; what a link points to outside it stays.
func TestRemoveTreeRemovesAllAndFollowsNoLink(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside")
	testfs.WriteFile(t, filepath.Join(outside, "keep.txt"), []byte("keep"))
	dir := filepath.Join(base, "public")
	for i := range 30 {
		for _, rel := range []string{"index.html", "changes/index.html", "changes/changes.json"} {
			testfs.WriteFile(t, filepath.Join(dir, "en", "privacy", fmt.Sprint(i), filepath.FromSlash(rel)), []byte(rel))
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "en", "linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "keep.txt"), filepath.Join(dir, "file-link")); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("the tree is still there: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(outside, "keep.txt")); err != nil || string(data) != "keep" {
		t.Errorf("a file outside the tree went through a link: %q, %v", data, err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("removing a tree that is gone: %v", err)
	}
}

// TestRemoveTreeReportsWhatItCannotRemove: a folder it may not change stays,
// with an error.
func TestRemoveTreeReportsWhatItCannotRemove(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may remove anything")
	}
	dir := filepath.Join(t.TempDir(), "public")
	locked := filepath.Join(dir, "en", "locked")
	testfs.WriteFile(t, filepath.Join(locked, "index.html"), []byte("x"))
	if err := os.Chmod(locked, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	if err := removeTree(dir); err == nil {
		t.Error("no error for a folder that could not be emptied")
	}
	if _, err := os.Stat(filepath.Join(locked, "index.html")); err != nil {
		t.Errorf("the file in the locked folder: %v", err)
	}
}
