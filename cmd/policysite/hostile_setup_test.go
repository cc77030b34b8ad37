package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"policysite/internal/source"
	"policysite/internal/sum"
	"policysite/internal/testfs"
)

// The setups and checks that the rows of TestBadInputNeverCostsData's
// hostile_*_test.go files share.

// edition is the file of an edition whose front matter is title and front
// and whose text is body, in English.
func edition(title, front, body string) string {
	return "---\ntitle: " + title + "\n" + front + "---\n" + body
}

// paddedEdition is an edition of exactly size bytes: a clause padded with
// words to the size.
func paddedEdition(size int) string {
	head := edition("Privacy policy", "", "## 1. General\n\n1.1. ")
	tail := "\n\n1.2. A new edition takes effect from the moment it is posted on the site.\n"
	words := strings.Repeat("data ", (size-len(head)-len(tail))/5+1)
	return head + words[:size-len(head)-len(tail)] + tail
}

// published returns a check that out holds the page of the edition at
// rel (such as "en/privacy/2024-07-01").
func published(rel string) func(*testing.T, string) {
	return func(t *testing.T, out string) {
		t.Helper()
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel), "index.html")); err != nil {
			t.Errorf("the edition was not published: %v", err)
		}
	}
}

// unpublished returns a check that out has no page at rel.
func unpublished(rel string) func(*testing.T, string) {
	return func(t *testing.T, out string) {
		t.Helper()
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err == nil {
			t.Errorf("%s was published", rel)
		}
	}
}

// writeRecorded is writeSource that then records every edition under
// versions/ in versions/versions.sum, as `policysite record` would: an
// edition published and not recorded fails the build, and a row about
// something else must not fail for that.
func writeRecorded(files ...string) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		writeSource(files...)(t, root)
		recordEditions(t, root)
	}
}

// editionNameRe is the name of an edition file that versions.sum records.
var editionNameRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]+)?\.[a-z]{2,3}\.md$`)

// recordEditions writes versions/versions.sum of the repository at root
// afresh, with the hash of every edition file in a policy folder,
// following links.
func recordEditions(t *testing.T, root string) {
	t.Helper()
	dir := filepath.Join(root, source.Dir)
	policies, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var recorded []string
	for _, p := range policies {
		files, err := os.ReadDir(filepath.Join(dir, p.Name()))
		if err != nil || !policyNameRe.MatchString(p.Name()) {
			continue // not a policy folder: nothing to record
		}
		for _, f := range files {
			path := filepath.Join(dir, p.Name(), f.Name())
			// A named pipe would never give its bytes.
			if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() || !editionNameRe.MatchString(f.Name()) {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			recorded = append(recorded, p.Name()+"/"+f.Name()+" "+sum.Hash(data)+"\n")
		}
	}
	sort.Strings(recorded)
	testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(sum.Path)), []byte(strings.Join(recorded, "")))
}

// policyNameRe is the name of a policy folder that versions.sum records.
var policyNameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// then returns a setup that runs each of setups in turn.
func then(setups ...func(*testing.T, string)) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		t.Helper()
		for _, s := range setups {
			s(t, root)
		}
	}
}

// sameFile returns a check that out holds the file rel with exactly data.
func sameFile(rel, data string) func(*testing.T, string) {
	return func(t *testing.T, out string) {
		t.Helper()
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil || string(got) != data {
			t.Errorf("%s is not published as it is: %v", rel, err)
		}
	}
}
