package testfs

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"policysite/internal/sum"
)

// editionRe matches the path of an edition's file in a repository.
var editionRe = regexp.MustCompile(`^versions/[a-z0-9][a-z0-9-]*/[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]+)?\.[a-z]{2,3}\.md$`)

// Record adds to fsys a versions/versions.sum that records every edition
// in it but the drafts, as `policysite record` would, and returns fsys: a
// build publishes no edition that is not recorded, and most tests are
// about something else.
func Record(fsys fstest.MapFS) fstest.MapFS {
	f := sum.New()
	for name, file := range fsys {
		if editionRe.MatchString(name) && !isDraft(file.Data) {
			f.Add(strings.TrimPrefix(name, "versions/"), file.Data)
		}
	}
	fsys[sum.Path] = &fstest.MapFile{Data: f.Bytes()}
	return fsys
}

// RecordDir is Record for the repository in the folder root: it writes
// root/versions/versions.sum, replacing any there.
func RecordDir(t testing.TB, root string) {
	t.Helper()
	f := sum.New()
	err := filepath.WalkDir(filepath.Join(root, "versions"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil || !editionRe.MatchString(filepath.ToSlash(rel)) {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && !isDraft(data) {
			f.Add(strings.TrimPrefix(filepath.ToSlash(rel), "versions/"), data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	WriteFile(t, filepath.Join(root, filepath.FromSlash(sum.Path)), f.Bytes())
}

// isDraft reports whether an edition's front matter has `draft: true`:
// the line `policysite new` writes, which is all the tests write.
func isDraft(data []byte) bool {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	front, ok := bytes.CutPrefix(bytes.TrimPrefix(data, []byte("\ufeff")), []byte("---\n"))
	if !ok {
		return false
	}
	front, _, _ = bytes.Cut(front, []byte("\n---"))
	for _, line := range strings.Split(string(front), "\n") {
		if strings.TrimSpace(line) == "draft: true" {
			return true
		}
	}
	return false
}
