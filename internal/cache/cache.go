// Package cache keeps what builds compute between them, in a folder
// outside the repository and the output: redlines, rendered pages and each
// edition's analysis, each under a SHA-256 of exactly what it depends on.
// Nothing depends on an entry being there or being right: a missing or
// damaged entry is computed again, and a folder that cannot be written only
// costs time and one warning.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
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

// cacheTTL is how long an entry may go unused before a build removes it:
// entries of editions that were deleted, of an older redline.Version or of
// templates since changed are never read again.
const cacheTTL = 30 * 24 * time.Hour

// touchAfter is how stale an entry's modification time may be before a
// read renews it: renewing on every read would write thousands of inodes
// per build for nothing.
const touchAfter = 24 * time.Hour

// trimEvery is how often a cache folder is scanned for old entries; a
// marker file's modification time says when it last was.
const trimEvery = 24 * time.Hour

// blobStore keeps byte strings under keys in dir/<2 hex>/<64 hex>. Each file
// is the SHA-256 of the key and the body, followed by the body, so that a
// torn or damaged file, or one under another key, is recognised and treated
// as missing. It is safe for concurrent use,
// also by other builds at the same time: files are written whole by rename.
type Store struct {
	dir string // "" when off
	// what the store holds, for its warning: "redline", "page".
	what string

	mu      sync.Mutex
	warning string // the first failure to write, reported once
}

func New(root, sub, what string) *Store {
	if root == "" {
		return &Store{what: what}
	}
	return &Store{dir: filepath.Join(root, sub), what: what}
}

func (s *Store) On() bool { return s != nil && s.dir != "" }

func (s *Store) Path(key string) string {
	return filepath.Join(s.dir, key[:2], key)
}

// Get returns the body stored under key, or nil when it is missing or
// damaged.
func (s *Store) Get(key string) []byte {
	if !s.On() {
		return nil
	}
	return s.load(key)
}

// sum is what an entry starts with.
func sum(key string, body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(key))
	h.Write(body)
	return h.Sum(nil)
}

func (s *Store) load(key string) []byte {
	file := s.Path(key)
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() < sha256.Size {
		return nil
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil
	}
	if !bytes.Equal(data[:sha256.Size], sum(key, data[sha256.Size:])) {
		return nil
	}
	touch(file, info)
	return data[sha256.Size:]
}

// Keep marks the entry under key as used, as Get does, without reading it:
// for a caller that had what the entry holds from elsewhere.
func (s *Store) Keep(key string) {
	if !s.On() {
		return
	}
	if info, err := os.Stat(s.Path(key)); err == nil {
		touch(s.Path(key), info)
	}
}

// touch renews a used entry's modification time, which says when it was
// last used, for Trim.
func touch(file string, info os.FileInfo) {
	if now := time.Now(); now.Sub(info.ModTime()) > touchAfter {
		_ = os.Chtimes(file, now, now)
	}
}

// Put stores body under key and tells whether it did; a failure is
// remembered for one warning.
func (s *Store) Put(key string, body []byte) bool {
	if !s.On() {
		return false
	}
	data := make([]byte, 0, sha256.Size+len(body))
	if err := writeEntry(s.Path(key), append(append(data, sum(key, body)...), body...)); err != nil {
		s.Fail(err)
		return false
	}
	return true
}

// Remove deletes the entry under key, if there is one: for an entry that
// turned out not to be worth keeping.
func (s *Store) Remove(key string) {
	if s.On() {
		_ = os.Remove(s.Path(key))
	}
}

// writeEntry writes an entry in place, without WriteAtomic's temporary
// file and rename: a cold build writes thousands of entries, and those are
// more system calls for each. A reader that sees the file half written, or
// two builds' writes mixed, finds that the sum at its start does not match,
// and takes it for missing.
func writeEntry(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

func (s *Store) Fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.warning == "" {
		s.warning = fmt.Sprintf("the %s cache cannot be written, so the next build computes its %ss again (set %s to another folder): %v", s.what, s.what, Env, err)
	}
}

// Warning returns the one warning the store has for this build, or "".
func (s *Store) Warning() string {
	if s == nil {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.warning
}

// trim removes entries unused for cacheTTL, and temporary files that a
// killed build left, at most once per trimEvery: a scan of a large cache
// costs more than a build should pay every time.
func (s *Store) Trim(now time.Time) {
	if !s.On() {
		return
	}
	marker := filepath.Join(s.dir, ".trimmed")
	if info, err := os.Stat(marker); err == nil && now.Sub(info.ModTime()) < trimEvery {
		return
	} else if err != nil && !os.IsNotExist(err) {
		return
	}
	if err := WriteAtomic(marker, nil); err != nil {
		return // the cache is not writable; put has said so
	}
	subs, _ := os.ReadDir(s.dir)
	for _, d := range subs {
		if !d.IsDir() || len(d.Name()) != 2 {
			continue
		}
		sub := filepath.Join(s.dir, d.Name())
		entries, _ := os.ReadDir(sub)
		for _, e := range entries {
			ttl := cacheTTL
			if strings.HasPrefix(e.Name(), ".tmp-") {
				ttl = time.Hour
			}
			if info, err := e.Info(); err == nil && info.Mode().IsRegular() && now.Sub(info.ModTime()) > ttl {
				_ = os.Remove(filepath.Join(sub, e.Name()))
			}
		}
	}
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

// ProgramHash is a SHA-256 of the running program, for keys of entries that
// depend on its code: rendered pages (and Hugo, which is built in) and each
// edition's analysis. Reading 80 MB takes a few tens of milliseconds, once
// per process.
var ProgramHash = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})
