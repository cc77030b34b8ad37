// Package sum keeps versions/versions.sum, in the spirit of go.sum: the
// SHA-256 of every edition approved for posting, recorded before or when
// it is posted. A recorded edition is frozen: what readers are bound by is
// never edited, and a correction is published as a new edition. The file
// lets `check` and `build` prove that the site publishes exactly what was
// approved; its history in git (History) keeps the file itself from being
// edited to fit a changed edition.
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
const header = "# versions.sum: the SHA-256 of every edition approved for posting, as approved.\n" +
	"# Written by `policysite record`; `policysite check` and `build` verify it.\n" +
	"# A recorded edition is never edited: publish a correction as a new edition.\n"

// File is versions.sum: each recorded edition's path under versions/
// ("privacy/2024-02-15.ru.md") and the hash it was approved with.
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

// Recorded reports whether the file records e: e was approved, and its
// bytes are fixed.
func (f *File) Recorded(e *policy.Edition) bool {
	_, ok := f.hashes[key(e)]
	return ok
}

// key is an edition's path under versions/.
func key(e *policy.Edition) string { return strings.TrimPrefix(e.File, "versions/") }

// ErrNotRecorded is wrapped by the error of an edition that the build
// publishes but the file lacks: the one error that `policysite record`
// resolves itself, once the author has checked the text, and so looks past.
var ErrNotRecorded = errors.New("not recorded in " + Path)

// Verify checks every edition against the file, and the file against h,
// the entries its git history committed (nil when unknown; see History).
//
// A recorded edition whose bytes changed is an error, posted or not: it is
// frozen once recorded, and one not yet posted is changed deliberately by
// unfreezing it (Unfreeze) first. A recorded edition whose file is gone is
// an error. An edition the build publishes (posted as of now, not a draft)
// that the file lacks is an error too, so that deleting an entry does not
// let a changed text through; one not yet posted is a warning, since the
// first build after its posted moment will fail until it is recorded.
func (f *File) Verify(eds []*policy.Edition, now time.Time, h *Committed) (errs []*policy.SourceError, warns []*policy.Warning) {
	errs, covered := h.verify(f, eds, now)
	seen := map[string]bool{}
	for _, e := range eds {
		k := key(e)
		seen[k] = true
		want, ok := f.hashes[k]
		got := "sha256:" + e.SourceSHA256
		posted := !e.Posted.After(now)
		switch {
		case !ok && (e.Draft || covered[k]):
			// A draft is not published; a history error says more.
		case !ok && posted:
			errs = append(errs, policy.Errorf(e.File, 0, "posted on %s and published, but %w: check that the file is the text that was approved (git diff and git log -- %s), then run `policysite record` and commit %s with it",
				e.Posted.Format(time.RFC3339), ErrNotRecorded, e.File, Path))
		case !ok:
			warns = append(warns, policy.Errorf(e.File, 0, "not recorded: the first build after its posted moment (%s) will fail until it is; run `policysite record` once its text is final",
				e.Posted.Format(time.RFC3339)))
		case got == want:
		case posted:
			errs = append(errs, policy.Errorf(e.File, 0, "changed after it was posted (%s:%d records %s, the file now has %s). A posted edition is what readers were bound by and is never edited: restore it (git checkout -- %s) and publish the correction as a new edition (policysite new %s)",
				Path, f.lines[k], want, got, e.File, e.Policy))
		default:
			errs = append(errs, policy.Errorf(e.File, 0, "changed after it was recorded (%s:%d records %s, the file now has %s). A recorded edition is frozen; this one is not posted until %s, so it may still change, deliberately: run `policysite record --unfreeze %s`, and `policysite record` again once its text is final; or restore it (git checkout -- %s)",
				Path, f.lines[k], want, got, e.Posted.Format(time.RFC3339), e.File, e.File))
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
		errs = append(errs, policy.Errorf(Path, f.lines[k], "records versions/%s, which is gone: a recorded edition is never removed; restore it from version control (one never posted may be withdrawn: restore it, run `policysite record --unfreeze versions/%s`, then remove it)", k, k))
	}
	return errs, warns
}

// Record adds every edition that the file lacks, drafts aside, and
// returns their paths. An edition not yet posted is recorded too: a
// non-draft is approved text, and a scheduled build publishes it at its
// posted moment only if it is recorded by then. Record never changes an
// entry: a recorded edition's hash is fixed, and Verify reports a changed
// file instead.
func (f *File) Record(eds []*policy.Edition) []string {
	var added []string
	for _, e := range eds {
		k := key(e)
		if _, ok := f.hashes[k]; ok || e.Draft {
			continue
		}
		f.hashes[k] = "sha256:" + e.SourceSHA256
		added = append(added, e.File)
	}
	slices.Sort(added)
	return added
}

// Unfreeze removes the entry of the edition at file, its path in the
// repository ("versions/privacy/2026-12-01.ru.md"), so that its text may
// change before it is recorded again. Only an edition not posted as of now
// may be unfrozen, since no reader has seen it; a posted one stays frozen
// and is corrected by a new edition. eds are the repository's editions;
// when file's edition is not among them, the date in its name stands for
// its posted moment.
func (f *File) Unfreeze(file string, eds []*policy.Edition, now time.Time) error {
	k := strings.TrimPrefix(file, "versions/")
	if _, ok := f.hashes[k]; !ok {
		return fmt.Errorf("%s is not recorded in %s: nothing to unfreeze", file, Path)
	}
	posted := namePosted(k)
	for _, e := range eds {
		if key(e) == k {
			posted = e.Posted
		}
	}
	if !posted.After(now) {
		return fmt.Errorf("%s was posted on %s: a posted edition is what readers were bound by and stays frozen; publish a correction as a new edition (policysite new %s)",
			file, posted.Format(time.RFC3339), policyOf(k))
	}
	delete(f.hashes, k)
	delete(f.lines, k)
	return nil
}

// namePosted is the earliest moment an edition named k
// ("privacy/2026-12-01.ru.md") can be posted, for an edition whose file is
// gone: the start of its date in the zone furthest ahead (+14:00), so
// that no posted edition counts as not yet posted.
func namePosted(k string) time.Time {
	_, name, _ := strings.Cut(k, "/")
	d, err := time.Parse(time.DateOnly, name[:min(len(name), len(time.DateOnly))])
	if err != nil {
		return time.Time{} // no date: as posted long ago
	}
	return d.Add(-14 * time.Hour)
}

// policyOf is the policy of an entry's path: its first segment.
func policyOf(k string) string {
	p, _, _ := strings.Cut(k, "/")
	return p
}
