package build

import (
	"crypto/sha256"
	"encoding/hex"
	"sync/atomic"

	"policysite/internal/cache"
	"policysite/internal/redline"
)

// The redline cache. Computing the redlines is most of a large build, and
// each one is a pure function of its two texts and the redline engine
// (redline.Engine: the package's Version and go-diff's module version), so
// a result is kept between builds under a hash of exactly those: a build
// after one new edition computes one or two redlines and reads the rest.
// Nothing depends on the cache being there or being right: a missing,
// unreadable or damaged entry is computed again, and a cache that cannot
// be written only costs time.

// redlineCache keeps redlines, in their binary encoding, in the redlines/
// folder of a cache folder; it is the plan's Redlines. computed counts the
// redlines it computed rather than read.
type redlineCache struct {
	*cache.Store
	engine   string
	computed atomic.Int64
}

// newRedlineCache returns the cache in root's redlines/ folder, or a cache
// that is off when root is "" or the program cannot name its redline
// engine.
func newRedlineCache(root string) *redlineCache {
	engine, ok := redline.Engine()
	if !ok {
		root = ""
	}
	return &redlineCache{Store: cache.New(root, "redlines", "redline"), engine: engine}
}

// redlineKey hashes what a redline depends on: the engine and the SHA-256
// of each text, in hex (64 digits each, so that no two pairs hash the same
// bytes). The texts were hashed once already for the pages and JSON.
func redlineKey(engine, oldSum, newSum string) string {
	h := sha256.New()
	h.Write([]byte(engine + "\x00" + oldSum + newSum))
	return hex.EncodeToString(h.Sum(nil))
}

// Redline returns the redline compute returns in its binary encoding, from
// the cache when it holds a whole entry for the pair, with its outline.
func (c *redlineCache) Redline(oldSum, newSum string, compute func() *redline.Result) (redline.Outline, []byte) {
	key := redlineKey(c.engine, oldSum, newSum)
	if body := c.Get(key); body != nil {
		if o, err := redline.DecodeOutline(body); err == nil {
			return o, body
		}
	}
	c.computed.Add(1)
	r := compute()
	// MarshalBinary cannot fail; its error is for encoding.BinaryMarshaler.
	body, _ := r.MarshalBinary()
	c.Put(key, body)
	return r.Outline(), body
}
