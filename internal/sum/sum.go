// Package sum keeps versions/versions.sum, in the spirit of go.sum: the
// SHA-256 of every edition as it was when it was posted. A posted edition
// is what readers were bound by; it is never edited, and a correction is
// published as a new edition. The file lets `check` and `build` prove that
// the site still publishes exactly what was approved, while an edition not
// yet posted may be edited freely.
package sum

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"policysite/internal/policy"
)

// Path is the file's place in the repository.
const Path = "versions/versions.sum"

// header opens the file, so that whoever opens it knows not to edit it.
const header = "# versions.sum: the SHA-256 of every posted edition, as it was posted.\n" +
	"# Written by `policysite record`; `policysite check` and `build` verify it.\n" +
	"# A posted edition is never edited: publish a correction as a new edition.\n"

// File is versions.sum: each recorded edition's path under versions/
// ("privacy/2024-02-15.ru.md") and the hash it was posted with.
type File struct {
	hashes map[string]string
	lines  map[string]int // where each entry is, for messages
}

// Hash is how the file writes a hash: "sha256:" and hex digits, the same
// digits as an edition's source_sha256 in the site's JSON.
func Hash(data []byte) string {
	s := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(s[:])
}

var lineRe = regexp.MustCompile(`^([a-z0-9][a-z0-9-]*/[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]+)?\.[a-z]{2,3}\.md) (sha256:[0-9a-f]{64})$`)

// New returns a file that records nothing yet.
func New() *File { return &File{hashes: map[string]string{}, lines: map[string]int{}} }

// Add records data as the bytes of versions/key ("privacy/2024-02-15.ru.md")
// as posted, unless key is recorded already. It is for tools that write
// editions already posted, such as the benchmark generator.
func (f *File) Add(key string, data []byte) {
	if _, ok := f.hashes[key]; !ok {
		f.hashes[key] = Hash(data)
	}
}

// Read reads versions/versions.sum of repo, the repository (os.DirFS of
// its folder, or a fstest.MapFS in tests). A repository without one has
// recorded nothing yet.
func Read(repo fs.FS) (*File, error) {
	f := New()
	data, err := fs.ReadFile(repo, Path)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", Path, err)
	}
	var errs policy.ErrorList
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := lineRe.FindStringSubmatch(line)
		if m == nil {
			errs = append(errs, policy.Errorf(Path, n, "not an entry of the form \"privacy/2024-02-15.ru.md sha256:<64 hex digits>\": the file is written by `policysite record`; restore it from version control"))
			continue
		}
		if prev, ok := f.lines[m[1]]; ok {
			errs = append(errs, policy.Errorf(Path, n, "%s is recorded twice (first on line %d)", m[1], prev))
			continue
		}
		f.hashes[m[1]] = m[2]
		f.lines[m[1]] = n
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// Len is the number of recorded editions.
func (f *File) Len() int { return len(f.hashes) }

// Bytes is the file's content: the header, then one entry per line in
// path order, so that a new edition adds lines and a diff shows them.
func (f *File) Bytes() []byte {
	keys := make([]string, 0, len(f.hashes))
	for k := range f.hashes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b bytes.Buffer
	b.WriteString(header)
	for _, k := range keys {
		b.WriteString(k + " " + f.hashes[k] + "\n")
	}
	return b.Bytes()
}

// Write writes the file into root, the repository's folder on disk,
// replacing it at once: a reader sees the old file or the new, never part
// of one.
func (f *File) Write(root string) error {
	path := filepath.Join(root, filepath.FromSlash(Path))
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, f.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Recorded reports whether the file records e: e was published, and its
// bytes are fixed.
func (f *File) Recorded(e *policy.Edition) bool {
	_, ok := f.hashes[key(e)]
	return ok
}

// key is an edition's path under versions/.
func key(e *policy.Edition) string { return strings.TrimPrefix(e.File, "versions/") }

// Verify checks every edition against the file. A recorded edition whose
// bytes changed is an error, posted or not today: once recorded, it was
// posted, and moving its posted moment does not unpost it. A recorded
// edition whose file is gone is an error. An edition posted as of now but
// not recorded is a warning, since recording is a step of publishing; a
// draft is not published, whatever its posted moment.
func (f *File) Verify(eds []*policy.Edition, now time.Time) (errs []*policy.SourceError, warns []*policy.Warning) {
	seen := map[string]bool{}
	for _, e := range eds {
		k := key(e)
		seen[k] = true
		want, ok := f.hashes[k]
		if !ok {
			if !e.Posted.After(now) && !e.Draft {
				warns = append(warns, policy.Errorf(e.File, 0, "posted on %s but not recorded in %s: run `policysite record` and commit %s with the edition",
					e.Posted.Format(time.RFC3339), Path, Path))
			}
			continue
		}
		if got := "sha256:" + e.SourceSHA256; got != want {
			errs = append(errs, policy.Errorf(e.File, 0, "changed after it was posted (%s:%d records %s, the file now has %s). A posted edition is what readers were bound by and is never edited: restore it (git checkout -- %s) and publish the correction as a new edition (policysite new %s)",
				Path, f.lines[k], want, got, e.File, e.Policy))
		}
	}
	keys := make([]string, 0, len(f.hashes))
	for k := range f.hashes {
		if !seen[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		errs = append(errs, policy.Errorf(Path, f.lines[k], "records versions/%s, which is gone: a posted edition is never removed; restore it from version control", k))
	}
	return errs, warns
}

// Record adds every edition posted as of now that the file lacks, drafts
// aside, and returns their paths. It never changes an entry: a posted
// edition's hash is fixed once recorded, and Verify reports a changed
// file instead.
func (f *File) Record(eds []*policy.Edition, now time.Time) []string {
	var added []string
	for _, e := range eds {
		k := key(e)
		if _, ok := f.hashes[k]; ok || e.Posted.After(now) || e.Draft {
			continue
		}
		f.hashes[k] = "sha256:" + e.SourceSHA256
		added = append(added, e.File)
	}
	slices.Sort(added)
	return added
}
