package site

import (
	"crypto/sha256"
	"encoding/hex"
	"sync/atomic"

	"policysite/internal/cache"
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

// redlineCache keeps redlines, in their binary encoding, in the redlines/
// folder of a cache folder. computed counts the redlines diff computed
// rather than read.
type redlineCache struct {
	*cache.Packs
	computed atomic.Int64
}

// newRedlineCache returns the cache in root's redlines/ folder, or a cache
// that is off when root is "".
func newRedlineCache(root string) *redlineCache {
	return &redlineCache{Packs: cache.NewPacks(root, "redlines", "redline")}
}

// redlineKey hashes what a redline depends on: the redline code's version
// and the SHA-256 of each text, in hex (64 digits each, so that no two
// pairs hash the same bytes). The texts were hashed once already for the
// pages and JSON; hashing them again here cost a large site's rebuild a
// tenth of a second.
func redlineKey(oldSum, newSum string) string {
	h := sha256.New()
	h.Write([]byte(redline.Version + "\x00" + oldSum + newSum))
	return hex.EncodeToString(h.Sum(nil))
}

// diff returns the outline of the redline compute returns and its binary
// encoding, from the cache when it has it; key is the pair's redlineKey.
// stored tells whether the cache now holds the encoding, which can then be
// read again rather than held. A cached redline's outline is read without
// decoding the rest, which a rebuild never needs for an unchanged page.
func (c *redlineCache) diff(key string, compute func() *redline.Result) (o redline.Outline, body []byte, stored bool) {
	if c.On() {
		if body := c.Get(key); body != nil {
			if o, err := redline.DecodeOutline(body); err == nil {
				return o, body, true
			}
		}
	}
	c.computed.Add(1)
	r := compute()
	// MarshalBinary cannot fail; its error is for encoding.BinaryMarshaler.
	body, _ = r.MarshalBinary()
	return r.Outline(), body, c.Put(key, body)
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
