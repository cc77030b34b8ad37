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

// redlineCacheTTL is how long an entry may go unused before a build
// removes it: entries of editions that were deleted or of an older
// redline.Version are never read again.
const redlineCacheTTL = 30 * 24 * time.Hour

// touchAfter is how stale an entry's modification time may be before a
// read renews it: renewing on every read would write thousands of inodes
// per build for nothing.
const touchAfter = 24 * time.Hour

// trimEvery is how often the cache folder is scanned for old entries; a
// marker file's modification time says when it last was.
const trimEvery = 24 * time.Hour

// redlineCache keeps redlines in dir/<2 hex>/<64 hex>. Each file is the
// SHA-256 of the encoding followed by the encoding, so that a torn or
// damaged file is recognised and recomputed. It is safe for concurrent use,
// also by other builds at the same time: files are written whole by rename.
type redlineCache struct {
	dir string // "" when off

	mu      sync.Mutex
	warning string // the first failure to write, reported once
}

// newRedlineCache returns the cache in root's redlines/ folder, or a cache
// that is off when root is "".
func newRedlineCache(root string) *redlineCache {
	if root == "" {
		return &redlineCache{}
	}
	return &redlineCache{dir: filepath.Join(root, "redlines")}
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

func (c *redlineCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key)
}

// diff returns redline.Diff(old, new), from the cache when it has it.
func (c *redlineCache) diff(old, new string) *redline.Result {
	if c == nil || c.dir == "" {
		return redline.Diff(old, new)
	}
	file := c.path(redlineKey(old, new))
	if r := c.load(file); r != nil {
		return r
	}
	r := redline.Diff(old, new)
	c.store(file, r)
	return r
}

// load reads an entry, or returns nil when it is missing or damaged.
func (c *redlineCache) load(file string) *redline.Result {
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
	sum, body := data[:sha256.Size], data[sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return nil
	}
	var r redline.Result
	if err := r.UnmarshalBinary(body); err != nil {
		return nil
	}
	// The modification time says when the entry was last used, for trim.
	if now := time.Now(); now.Sub(info.ModTime()) > touchAfter {
		_ = os.Chtimes(file, now, now)
	}
	return &r
}

// store writes an entry; a failure is remembered for one warning.
func (c *redlineCache) store(file string, r *redline.Result) {
	body, err := r.MarshalBinary()
	if err != nil {
		c.fail(err)
		return
	}
	sum := sha256.Sum256(body)
	if err := writeAtomic(file, append(sum[:], body...)); err != nil {
		c.fail(err)
	}
}

func (c *redlineCache) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.warning == "" {
		c.warning = fmt.Sprintf("the redline cache cannot be written, so the next build computes every redline again (set %s to another folder): %v", CacheEnv, err)
	}
}

// Warning returns the one warning the cache has for this build, or "".
func (c *redlineCache) Warning() string {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.warning
}

// trim removes entries unused for redlineCacheTTL, and temporary files
// that a killed build left, at most once per trimEvery: a scan of a large
// cache costs more than a build should pay every time.
func (c *redlineCache) trim(now time.Time) {
	if c == nil || c.dir == "" {
		return
	}
	marker := filepath.Join(c.dir, ".trimmed")
	if info, err := os.Stat(marker); err == nil && now.Sub(info.ModTime()) < trimEvery {
		return
	} else if err != nil && !os.IsNotExist(err) {
		return
	}
	if err := writeAtomic(marker, nil); err != nil {
		return // the cache is not writable; store has said so
	}
	subs, _ := os.ReadDir(c.dir)
	for _, s := range subs {
		if !s.IsDir() || len(s.Name()) != 2 {
			continue
		}
		sub := filepath.Join(c.dir, s.Name())
		entries, _ := os.ReadDir(sub)
		for _, e := range entries {
			ttl := redlineCacheTTL
			if strings.HasPrefix(e.Name(), ".tmp-") {
				ttl = time.Hour
			}
			if info, err := e.Info(); err == nil && info.Mode().IsRegular() && now.Sub(info.ModTime()) > ttl {
				_ = os.Remove(filepath.Join(sub, e.Name()))
			}
		}
	}
}
