// Package cache keeps what builds compute between them, in a folder
// outside the repository and the output: redlines and each edition's
// analysis, each under a SHA-256 of exactly what it depends on (the inputs
// and the version of the code that computes it; see the callers' keys).
// An entry is a pure function of its key, so nothing depends on an entry
// being there or being right: a missing or damaged entry is computed
// again, the folder may be deleted at any moment, and a folder that cannot
// be written only costs time and one warning.
package cache

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Env names the environment variable that, when set, is the folder of
// policysite's caches instead of the system's (for tests and CI).
const Env = "POLICYSITE_CACHE_DIR"

// DefaultDir is the folder of policysite's caches between builds:
// $POLICYSITE_CACHE_DIR, else policysite/ in os.UserCacheDir, else "" (no
// cache) when the system has no cache folder.
func DefaultDir() string {
	if d := os.Getenv(Env); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "policysite")
}

// TTL is how long an entry may go unused before a build removes it:
// entries of editions that were deleted, or of an older version of the
// code, are never read again.
const TTL = 30 * 24 * time.Hour

// touchAfter is how stale an entry's last use may be before a read renews
// it (its modification time): renewing on every read would cost a write
// per entry per build for nothing.
const touchAfter = 24 * time.Hour

// trimEvery is how often a store's folder is scanned for unused entries; a
// marker file's modification time says when it last was.
const trimEvery = 24 * time.Hour

// Store keeps byte strings under keys in dir/<2 hex>/<key>, one file each.
// Each file is the SHA-256 of the key and the body, followed by the body,
// so that a torn or damaged file, or one under another key, is recognised
// and treated as missing. It is safe for concurrent use, also by other
// builds at the same time: files appear by rename, whole.
//
// One file per entry rather than packs of many: docs/performance.md
// measures what it costs a cold build of a large site.
type Store struct {
	dir string // "" when off
	// now is the clock for renewing and trimming; tests set it.
	now func() time.Time
	warner
}

// New returns the store in root's sub folder, or a store that is off when
// root is "". what names what it holds, for its warning.
func New(root, sub, what string) *Store {
	s := &Store{now: time.Now, warner: warner{what: what, plural: sub}}
	if root != "" {
		s.dir = filepath.Join(root, sub)
	}
	return s
}

// On tells whether s keeps anything.
func (s *Store) On() bool { return s != nil && s.dir != "" }

func (s *Store) path(key string) string {
	if len(key) < 2 || strings.ContainsAny(key, `/\.`) {
		// Keys are hex digests; anything else would name another path.
		key = fmt.Sprintf("%x", sha256.Sum256([]byte(key)))
	}
	return filepath.Join(s.dir, key[:2], key)
}

// Get returns the body stored under key, or nil when it is missing or
// damaged.
func (s *Store) Get(key string) []byte {
	if !s.On() {
		return nil
	}
	path := s.path(key)
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() < sha256.Size {
		return nil
	}
	data := make([]byte, info.Size())
	if _, err := f.ReadAt(data, 0); err != nil {
		return nil
	}
	if !bytes.Equal(data[:sha256.Size], sum(key, data[sha256.Size:])) {
		return nil
	}
	if now := s.now(); now.Sub(info.ModTime()) > touchAfter {
		// A trim removes what no build has read for TTL.
		_ = os.Chtimes(path, now, now)
	}
	return data[sha256.Size:]
}

// sum is what an entry starts with.
func sum(key string, body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(key))
	h.Write(body)
	return h.Sum(nil)
}

// Put stores body under key and tells whether it did; a failure is
// remembered for one warning.
func (s *Store) Put(key string, body []byte) bool {
	if !s.On() {
		return false
	}
	data := make([]byte, 0, sha256.Size+len(body))
	if err := WriteAtomic(s.path(key), append(append(data, sum(key, body)...), body...)); err != nil {
		s.Fail(err)
		return false
	}
	return true
}

// Trim removes, at most once per trimEvery, the entries that no build has
// read or written for TTL, and what killed builds left behind. A build
// calls it when it is done; an entry another build still needs is only
// computed again.
func (s *Store) Trim() {
	if !s.On() {
		return
	}
	now := s.now()
	marker := filepath.Join(s.dir, ".trimmed")
	if info, err := os.Stat(marker); err == nil && now.Sub(info.ModTime()) < trimEvery {
		return
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err := WriteAtomic(marker, nil); err != nil || os.Chtimes(marker, now, now) != nil {
		return
	}
	subs, _ := os.ReadDir(s.dir)
	for _, sub := range subs {
		if !sub.IsDir() {
			// Earlier versions kept packs here, which nothing reads now.
			if isPack(sub.Name()) {
				_ = os.Remove(filepath.Join(s.dir, sub.Name()))
			}
			continue
		}
		if !isHex2(sub.Name()) {
			continue
		}
		dir := filepath.Join(s.dir, sub.Name())
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				continue
			}
			age := now.Sub(info.ModTime())
			if age > TTL || strings.HasPrefix(e.Name(), ".tmp-") && age > time.Hour {
				_ = os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// isHex2 reports whether name is two hex digits: a folder of entries.
func isHex2(name string) bool {
	if len(name) != 2 {
		return false
	}
	for _, c := range name {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// isPack reports whether name is a file of the packs that earlier
// versions kept: "<id>.pack", "<id>.idx" or a build's ".tmp-<id>.pack".
func isPack(name string) bool {
	return strings.HasSuffix(name, ".pack") || strings.HasSuffix(name, ".idx")
}

// RemoveRetired removes from the cache folder root the caches of earlier
// versions, which nothing reads now and which could be hundreds of
// megabytes: the packs of rendered pages (pages/), the output memo
// (outputs/<2 hex>/<key>) and compiled modules (wasm/*.wasm). It removes
// only files of those forms, and their folders once empty, so that a
// cache folder set to a folder holding anything else loses nothing. A
// program of such a version that still runs only computes them again.
func RemoveRetired(root string) {
	if root == "" {
		return
	}
	remove := func(dir string, match func(rel string) bool) {
		dir = filepath.Join(root, dir)
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if rel, err := filepath.Rel(dir, path); err == nil && match(filepath.ToSlash(rel)) {
				_ = os.Remove(path)
			}
			return nil
		})
		// Empty folders only: os.Remove fails on any other.
		subs, _ := os.ReadDir(dir)
		for _, sub := range subs {
			if sub.IsDir() {
				_ = os.Remove(filepath.Join(dir, sub.Name()))
			}
		}
		_ = os.Remove(dir)
	}
	remove("pages", func(rel string) bool { return isPack(rel) || rel == ".trimmed" })
	remove("wasm", func(rel string) bool { return !strings.Contains(rel, "/") && strings.HasSuffix(rel, ".wasm") })
	remove("outputs", func(rel string) bool {
		d, name, ok := strings.Cut(rel, "/")
		return ok && isHex2(d) && len(name) == 64 && strings.HasPrefix(name, d)
	})
}

// warner keeps a store's first failure to write, for one warning.
type warner struct {
	// what the store holds, for its warning: "redline", "analysis", and
	// its plural, the store's folder: "redlines", "analyses".
	what, plural string

	mu      sync.Mutex
	warning string
}

// Fail remembers err for the store's warning, if it is the first.
func (w *warner) Fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.warning == "" {
		w.warning = fmt.Sprintf("the %s cache cannot be written, so the next run computes its %s again (set %s to another folder): %v", w.what, w.plural, Env, err)
	}
}

// Warning returns the one warning the store has for this build, or "".
func (s *Store) Warning() string {
	if s == nil {
		return ""
	}
	s.warner.mu.Lock()
	defer s.warner.mu.Unlock()
	return s.warning
}

// WriteAtomic writes a file that concurrent builds may read: they see it
// whole or not at all.
func WriteAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
