package testfs

import (
	"path/filepath"
	"runtime"
	"testing"
)

// sampleParts are the folders and files of testdata/sample: a copy of the
// sample site this repository ships, taken once. Tests assert on its
// editions and address, so they hold whatever site a company puts in the
// repository's own versions/, content/ and policysite.toml.
var sampleParts = []string{"policysite.toml", "content", "versions"}

// productDirs are the repository's templates, strings and styles, which
// every site uses and which a company keeps.
var productDirs = []string{"layouts", "i18n", "assets"}

// here is the folder of this file, found from its own path rather than
// the working directory, since tests of every package call it.
func here() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("testfs: no caller information to find testdata/ with")
	}
	return filepath.Dir(file)
}

// SampleDir is the folder holding the sample site's policysite.toml,
// content/ and versions/ (with versions.sum), for tests that only read
// them. Tests that build write a copy with Sample.
func SampleDir() string {
	return filepath.Join(here(), "testdata", "sample")
}

// RepoDir is the repository's root, where its layouts/, i18n/ and
// assets/ are.
func RepoDir() string {
	return filepath.Join(here(), "..", "..")
}

// Sample writes a repository of the sample site, with the repository's
// layouts, i18n and assets, into a temporary folder and returns it.
func Sample(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	if err := WriteSample(root); err != nil {
		t.Fatal(err)
	}
	return root
}

// WriteSample is Sample for callers without a testing.TB, such as a
// TestMain: it writes the sample site and the repository's layouts, i18n
// and assets into dir.
func WriteSample(dir string) error {
	for _, p := range sampleParts {
		if err := Copy(filepath.Join(SampleDir(), p), filepath.Join(dir, p)); err != nil {
			return err
		}
	}
	for _, d := range productDirs {
		if err := Copy(filepath.Join(RepoDir(), d), filepath.Join(dir, d)); err != nil {
			return err
		}
	}
	return nil
}
