// Package testfs helps tests build repositories in temporary folders and
// compare output trees. It holds the sample site the tests build
// (testdata/sample), so that none depends on the site in the repository.
package testfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Tree returns every file under dir, keyed by its path relative to dir.
func Tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		out[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// WriteFile writes data to path, creating its folders.
func WriteFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// CopyTree copies every file under src to the same place under dst.
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	if err := Copy(src, dst); err != nil {
		t.Fatal(err)
	}
}

// Copy is CopyTree for callers without a testing.TB, such as testscript's
// Setup.
func Copy(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// DropTables removes the tables named (`[name]` and the lines up to the
// next table) from the TOML file at path: an i18n file that lacks those
// messages, as one older than the code that reads it does. It fails the
// test when one is not there.
func DropTables(t testing.TB, path string, names ...string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	for _, name := range names {
		var kept []string
		found, skip := false, false
		for _, line := range lines {
			if strings.HasPrefix(line, "[") {
				skip = strings.TrimSpace(line) == "["+name+"]"
				found = found || skip
			}
			if !skip {
				kept = append(kept, line)
			}
		}
		if !found {
			t.Fatalf("%s has no [%s]", path, name)
		}
		lines = kept
	}
	WriteFile(t, path, []byte(strings.Join(lines, "")))
}
