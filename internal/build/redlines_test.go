package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"policysite/internal/redline"
)

func TestRedlineKeyNamesBothTextsInOrderAndTheEngine(t *testing.T) {
	a, b, c := shaHex([]byte("a")), shaHex([]byte("b")), shaHex([]byte("c"))
	k := redlineKey("redline 1", a, b)
	for _, other := range []string{redlineKey("redline 1", b, a), redlineKey("redline 1", a, c),
		redlineKey("redline 1", c, b), redlineKey("redline 2", a, b)} {
		if other == k {
			t.Errorf("redlineKey(%s…, %s…) is shared with another pair or engine", a[:8], b[:8])
		}
	}
}

// TestRedlineCacheEntryIsThePureResult: whatever state the cache is in
// (empty, kept, lost, damaged, off), diff returns the very bytes
// redline.Diff computes.
func TestRedlineCacheEntryIsThePureResult(t *testing.T) {
	old, new := "1. Scope.\n\n2. We keep logs for a year.", "1. Scope.\n\n2. We keep logs for a month.\n\n3. Contact."
	want, _ := redline.Diff(old, new).MarshalBinary()
	compute := func() *redline.Result { return redline.Diff(old, new) }
	for _, tc := range []struct {
		name  string
		spoil func(rc *redlineCache, path func(string) string, key string) error
		// computed is whether the second diff computes rather than reads.
		computed bool
	}{
		{"kept", func(*redlineCache, func(string) string, string) error { return nil }, false},
		{"removed", func(rc *redlineCache, path func(string) string, key string) error { return os.Remove(path(key)) }, true},
		{"damaged", func(rc *redlineCache, path func(string) string, key string) error {
			data, err := os.ReadFile(path(key))
			if err != nil {
				return err
			}
			data[len(data)-1] ^= 1
			return os.WriteFile(path(key), data, 0o644)
		}, true},
		{"another entry's", func(rc *redlineCache, path func(string) string, key string) error {
			other := redlineKey(rc.engine, shaHex([]byte("x")), shaHex([]byte("y")))
			rc.Put(other, []byte("RL1\x00not this redline"))
			data, err := os.ReadFile(path(other))
			if err != nil {
				return err
			}
			return os.WriteFile(path(key), data, 0o644)
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rc := newRedlineCache(dir)
			path := func(key string) string { return filepath.Join(dir, "redlines", key[:2], key) }
			oldSum, newSum := shaHex([]byte(old)), shaHex([]byte(new))
			key := redlineKey(rc.engine, oldSum, newSum)
			if _, enc := rc.Redline(oldSum, newSum, compute); !bytes.Equal(enc, want) {
				t.Fatal("the first diff is not redline.Diff's")
			}
			if err := tc.spoil(rc, path, key); err != nil {
				t.Fatal(err)
			}
			before := rc.computed.Load()
			o, enc := rc.Redline(oldSum, newSum, compute)
			if !bytes.Equal(enc, want) {
				t.Error("the second diff is not redline.Diff's")
			}
			if o.Stats != redline.Diff(old, new).Outline().Stats {
				t.Error("the outline is not the result's")
			}
			if got := rc.computed.Load() > before; got != tc.computed {
				t.Errorf("computed again: %v, want %v", got, tc.computed)
			}
		})
	}
	t.Run("no cache", func(t *testing.T) {
		rc := newRedlineCache("")
		if _, enc := rc.Redline("a", "b", compute); !bytes.Equal(enc, want) {
			t.Error("without a cache folder the redline is not redline.Diff's")
		}
	})
}

func shaHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
