package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"

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
// folder of a cache folder.
type redlineCache struct{ *cache.Store }

// newRedlineCache returns the cache in root's redlines/ folder, or a cache
// that is off when root is "".
func newRedlineCache(root string) *redlineCache {
	return &redlineCache{cache.New(root, "redlines", "redline")}
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

// diff returns redline.Diff(old, new) and its binary encoding, from the
// cache when it has it; key is redlineKey(old, new).
func (c *redlineCache) diff(key, old, new string) (*redline.Result, []byte) {
	if c.On() {
		body := c.Get(key)
		if r := decodeRedline(body); r != nil {
			return r, body
		}
	}
	r := redline.Diff(old, new)
	// MarshalBinary cannot fail; its error is for encoding.BinaryMarshaler.
	body, _ := r.MarshalBinary()
	c.Put(key, body)
	return r, body
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
