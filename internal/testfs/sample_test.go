package testfs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSampleIsACompleteRepository: Sample writes the fixture's config,
// pages, editions and their sums, and the repository's templates, strings
// and styles, each file as it is in its source.
func TestSampleIsACompleteRepository(t *testing.T) {
	root := Sample(t)
	for _, src := range []struct{ dir, part string }{
		{SampleDir(), "policysite.toml"}, {SampleDir(), "content"}, {SampleDir(), "versions"},
		{RepoDir(), "layouts"}, {RepoDir(), "i18n"}, {RepoDir(), "assets"},
	} {
		want, got := Tree(t, filepath.Join(src.dir, src.part)), Tree(t, filepath.Join(root, src.part))
		if len(want) == 0 || len(got) != len(want) {
			t.Errorf("%s: %d files, want %d of %s", src.part, len(got), len(want), src.dir)
		}
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s: %s is not as in %s", src.part, name, src.dir)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(root, "versions", "versions.sum")); err != nil {
		t.Errorf("the sample has no versions.sum: %v", err)
	}
}
