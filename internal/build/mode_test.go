//go:build unix

package build

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOutputIsReadableByAWebServer: every folder and file of a built site,
// the output folder itself included, has the permissions the umask leaves
// (0755 and 0644 under the usual 022), after the first build and after a
// rebuild swaps a new output in, so that a web server running as another
// user can read it and rsync -a copies readable modes to the host.
func TestOutputIsReadableByAWebServer(t *testing.T) {
	for _, tc := range []struct {
		umask             int
		wantDir, wantFile fs.FileMode
	}{
		{0o022, 0o755, 0o644},
		{0o027, 0o750, 0o640},
	} {
		t.Run(fmt.Sprintf("umask %03o", tc.umask), func(t *testing.T) {
			// The umask is the process's: this test must not run in
			// parallel with another that creates files.
			old := syscall.Umask(tc.umask)
			defer syscall.Umask(old)
			root := sample(t)
			out := filepath.Join(t.TempDir(), "public")
			for _, when := range []string{"first build", "rebuild"} {
				if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now}); err != nil {
					t.Fatalf("%s: %v", when, err)
				}
				wantModes(t, when, out, tc.wantDir, tc.wantFile)
			}
		})
	}
}

// wantModes fails for each folder under root, root included, whose
// permissions are not dir, and each file's not file.
func wantModes(t *testing.T, when, root string, dir, file fs.FileMode) {
	t.Helper()
	dirs, files := 0, 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := file
		if d.IsDir() {
			want = dir
			dirs++
		} else {
			files++
		}
		if !d.IsDir() && !info.Mode().IsRegular() {
			t.Errorf("%s: %s is %v, not a regular file", when, path, info.Mode())
		} else if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: %s has mode %v, want %v", when, path, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if dirs < 2 || files < 10 {
		t.Errorf("%s: %d folders and %d files: the site was not built", when, dirs, files)
	}
}
