package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"policysite/internal/redline"
)

// The redline cache. Computing the redlines is most of a large build, and
// each one depends only on its two texts and the redline code, so a result
// is kept between builds under a hash of exactly those: a build after one
// new edition computes one or two redlines and reads the rest. The key
// names redline.Version rather than hashing the code, so a change of the
// code that changes its output must bump that constant. Nothing depends on
// the cache being there or being right: a missing, unreadable or damaged
// entry is computed again, and a cache that cannot be written only costs
// time.

// CacheEnv names the environment variable that, when set, is the folder of
// policysite's caches instead of the system's (for tests and CI).
const CacheEnv = "POLICYSITE_CACHE_DIR"

// DefaultCacheDir is the folder of policysite's caches between builds:
// $POLICYSITE_CACHE_DIR, else policysite/ in os.UserCacheDir, else "" (no
// cache) when the system has no cache folder.
func DefaultCacheDir() string {
	if d := os.Getenv(CacheEnv); d != "" {
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
type blobStore struct {
	dir string // "" when off
	// what the store holds, for its warning: "redline", "page".
	what string

	mu      sync.Mutex
	warning string // the first failure to write, reported once
}

func newBlobStore(root, sub, what string) *blobStore {
	if root == "" {
		return &blobStore{what: what}
	}
	return &blobStore{dir: filepath.Join(root, sub), what: what}
}

func (s *blobStore) on() bool { return s != nil && s.dir != "" }

func (s *blobStore) path(key string) string {
	return filepath.Join(s.dir, key[:2], key)
}

// get returns the body stored under key, or nil when it is missing or
// damaged.
func (s *blobStore) get(key string) []byte {
	if !s.on() {
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

func (s *blobStore) load(key string) []byte {
	file := s.path(key)
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
	body := data[sha256.Size:]
	// The modification time says when the entry was last used, for trim.
	if now := time.Now(); now.Sub(info.ModTime()) > touchAfter {
		_ = os.Chtimes(file, now, now)
	}
	return body
}

// put stores body under key; a failure is remembered for one warning.
func (s *blobStore) put(key string, body []byte) {
	if !s.on() {
		return
	}
	data := make([]byte, 0, sha256.Size+len(body))
	if err := writeAtomic(s.path(key), append(append(data, sum(key, body)...), body...)); err != nil {
		s.fail(err)
	}
}

func (s *blobStore) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.warning == "" {
		s.warning = fmt.Sprintf("the %s cache cannot be written, so the next build computes its %ss again (set %s to another folder): %v", s.what, s.what, CacheEnv, err)
	}
}

// Warning returns the one warning the store has for this build, or "".
func (s *blobStore) Warning() string {
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
func (s *blobStore) trim(now time.Time) {
	if !s.on() {
		return
	}
	marker := filepath.Join(s.dir, ".trimmed")
	if info, err := os.Stat(marker); err == nil && now.Sub(info.ModTime()) < trimEvery {
		return
	} else if err != nil && !os.IsNotExist(err) {
		return
	}
	if err := writeAtomic(marker, nil); err != nil {
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

// redlineCache keeps redlines, in their binary encoding, in the redlines/
// folder of a cache folder.
type redlineCache struct{ *blobStore }

// newRedlineCache returns the cache in root's redlines/ folder, or a cache
// that is off when root is "".
func newRedlineCache(root string) *redlineCache {
	return &redlineCache{newBlobStore(root, "redlines", "redline")}
}

// redlineKey hashes what a redline depends on. The old text's length comes
// first, so that no two pairs of texts hash the same bytes.
func redlineKey(old, new string) string {
	h := sha256.New()
	h.Write([]byte(redline.Version))
	h.Write([]byte{0})
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(old)))
	h.Write(n[:])
	h.Write([]byte(old))
	h.Write([]byte(new))
	return hex.EncodeToString(h.Sum(nil))
}

// diff returns redline.Diff(old, new), from the cache when it has it.
func (c *redlineCache) diff(old, new string) *redline.Result {
	if !c.on() {
		return redline.Diff(old, new)
	}
	key := redlineKey(old, new)
	if r := decodeRedline(c.get(key)); r != nil {
		return r
	}
	r := redline.Diff(old, new)
	body, err := r.MarshalBinary()
	if err != nil {
		c.fail(err)
		return r
	}
	c.put(key, body)
	return r
}

func decodeRedline(body []byte) *redline.Result {
	if body == nil {
		return nil
	}
	var r redline.Result
	if err := r.UnmarshalBinary(body); err != nil {
		return nil
	}
	return &r
}
