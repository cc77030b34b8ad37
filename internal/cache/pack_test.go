package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a build's notion of the time, for Packs.now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// build opens the packs in dir as a build starting at c's time would.
func build(dir string, c *clock) *Packs {
	p := NewPacks(dir, "things", "thing")
	p.now = c.now
	return p
}

func files(t *testing.T, dir, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "things", pattern))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// listed tells whether a pack's index in dir lists key.
func listed(t *testing.T, dir, key string) bool {
	t.Helper()
	for _, f := range files(t, dir, "*.idx") {
		entries, err := readIndex(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.key == key {
				return true
			}
		}
	}
	return false
}

func want(t *testing.T, p *Packs, k, body string) {
	t.Helper()
	if got := p.Get(key(k)); string(got) != body || body == "" && got != nil {
		t.Errorf("Get(%s) = %q, want %q", k, got, body)
	}
}

// TestPacksKeepABuildsEntriesInOneFile: what a build puts is read back in
// the same build and in the next, from one pack and its index.
func TestPacksKeepABuildsEntriesInOneFile(t *testing.T) {
	dir := t.TempDir()
	c := &clock{time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	p := build(dir, c)
	for i := range 100 {
		if !p.Put(key(fmt.Sprint(i)), []byte(strings.Repeat(fmt.Sprint(i), i+1))) {
			t.Fatal("Put failed")
		}
	}
	want(t, p, "7", "77777777")
	want(t, p, "missing", "")
	p.Close()
	if got := p.Get(key("7")); got != nil {
		t.Errorf("Get after Close = %q", got)
	}
	if packs, idx, all := files(t, dir, "*.pack"), files(t, dir, "*.idx"), files(t, dir, "[^.]*"); len(packs) != 1 || len(idx) != 1 || len(all) != 2 {
		t.Fatalf("files %v, want one pack and its index", all)
	}
	q := build(dir, c)
	for i := range 100 {
		want(t, q, fmt.Sprint(i), strings.Repeat(fmt.Sprint(i), i+1))
	}
	q.Close()
	if all := files(t, dir, "[^.]*"); len(all) != 2 {
		t.Errorf("a build that only read left %v", all)
	}
}

// TestPacksDamagedEntriesAreMissing: an entry changed, cut off or listed
// under another key reads as missing, and so does a pack whose index is
// damaged; the rest reads as it was.
func TestPacksDamagedEntriesAreMissing(t *testing.T) {
	c := &clock{time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	setup := func(t *testing.T) (dir, pack, index string) {
		dir = t.TempDir()
		p := build(dir, c)
		p.Put(key("a"), []byte("the body of a"))
		p.Put(key("b"), []byte("the body of b"))
		p.Put(key("c"), []byte("the body of c"))
		p.Close()
		return dir, files(t, dir, "*.pack")[0], files(t, dir, "*.idx")[0]
	}
	edit := func(t *testing.T, file string, f func([]byte) []byte) {
		t.Helper()
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, f(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		spoil   func(t *testing.T, pack, index string)
		a, b, c string
	}{
		{"nothing", func(*testing.T, string, string) {}, "the body of a", "the body of b", "the body of c"},
		{"a byte of b", func(t *testing.T, pack, _ string) {
			edit(t, pack, func(d []byte) []byte { return bytes.Replace(d, []byte("of b"), []byte("of B"), 1) })
		}, "the body of a", "", "the body of c"},
		{"the pack cut short", func(t *testing.T, pack, _ string) {
			edit(t, pack, func(d []byte) []byte { return d[:len(d)-1] })
		}, "the body of a", "the body of b", ""},
		{"a and b swapped in the index", func(t *testing.T, _, index string) {
			entries, err := readIndex(index)
			if err != nil {
				t.Fatal(err)
			}
			for i := range entries {
				switch entries[i].key {
				case key("a"):
					entries[i].key = key("b")
				case key("b"):
					entries[i].key = key("a")
				}
			}
			edit(t, index, func([]byte) []byte { return encodeIndex(entries) })
		}, "", "", "the body of c"},
		{"a byte of the index", func(t *testing.T, _, index string) {
			edit(t, index, func(d []byte) []byte { d[len(indexMagic)+3] ^= 1; return d })
		}, "", "", ""},
		{"the pack removed", func(t *testing.T, pack, _ string) {
			if err := os.Remove(pack); err != nil {
				t.Fatal(err)
			}
		}, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, pack, index := setup(t)
			tc.spoil(t, pack, index)
			c := &clock{c.t.Add(time.Minute)}
			p := build(dir, c)
			want(t, p, "a", tc.a)
			want(t, p, "b", tc.b)
			want(t, p, "c", tc.c)
			// What was missing is put again, and read from the new pack.
			for _, k := range []string{"a", "b", "c"} {
				if p.Get(key(k)) == nil && !p.Put(key(k), []byte("again "+k)) {
					t.Fatal("Put failed")
				}
			}
			p.Close()
			q := build(dir, c)
			defer q.Close()
			for k, was := range map[string]string{"a": tc.a, "b": tc.b, "c": tc.c} {
				if was == "" {
					was = "again " + k
				}
				want(t, q, k, was)
			}
		})
	}
}

// TestPacksRemove: an entry removed in the build that put it, or in a later
// one, is gone for the builds after.
func TestPacksRemove(t *testing.T) {
	dir := t.TempDir()
	c := &clock{time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	p := build(dir, c)
	p.Put(key("a"), []byte("a"))
	p.Put(key("b"), []byte("b"))
	p.Put(key("c"), []byte("c"))
	p.Remove(key("a"))
	want(t, p, "a", "")
	p.Close()
	q := build(dir, c)
	want(t, q, "a", "")
	want(t, q, "b", "b")
	q.Remove(key("b"))
	q.Close()
	r := build(dir, c)
	want(t, r, "b", "")
	want(t, r, "c", "c")
	r.Remove(key("c"))
	r.Close()
	if all := files(t, dir, "*"); len(all) != 1 || filepath.Base(all[0]) != ".trimmed" {
		t.Errorf("with every entry removed, the folder holds %v", all)
	}
}

// TestPacksTrimDropsWhatNoBuildUses: a trim drops entries unused for
// cacheTTL, a read renews an entry's use, and trims run once per trimEvery.
func TestPacksTrimDropsWhatNoBuildUses(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	c := &clock{t0}
	p := build(dir, c)
	p.Put(key("used"), []byte("used"))
	p.Put(key("kept"), []byte("kept"))
	p.Put(key("unused"), []byte(strings.Repeat("unused", 100)))
	p.Close()

	c.t = t0.Add(cacheTTL - 48*time.Hour)
	p = build(dir, c)
	want(t, p, "used", "used")
	p.Keep(key("kept"))
	p.Close()

	// Past cacheTTL for "unused", but a trim ran less than trimEvery ago.
	c.t = t0.Add(cacheTTL + time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "things", ".trimmed"), c.t.Add(-time.Hour), c.t.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	p = build(dir, c)
	p.Close()
	// Not with Get, which would renew it.
	if !listed(t, dir, key("unused")) {
		t.Fatal("a trim within trimEvery of the last dropped an entry")
	}

	c.t = t0.Add(cacheTTL + trimEvery + 2*time.Hour)
	p = build(dir, c)
	p.Close()
	p = build(dir, c)
	want(t, p, "unused", "")
	want(t, p, "used", "used")
	want(t, p, "kept", "kept")
	p.Close()
	// The pack was mostly the dropped entry, so it was written again
	// without it.
	packs := files(t, dir, "*.pack")
	if len(packs) != 1 {
		t.Fatalf("packs %v", packs)
	}
	if info, err := os.Stat(packs[0]); err != nil || info.Size() > 200 {
		t.Errorf("the pack was not rewritten without the dropped entry: %v, %v", info.Size(), err)
	}
}

// TestPacksMergeWhenThereAreMany: a folder of many small packs, as a
// preview server's rebuilds leave, is merged into few at once.
func TestPacksMergeWhenThereAreMany(t *testing.T) {
	dir := t.TempDir()
	c := &clock{time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	for i := range 3 * maxPacks {
		c.t = c.t.Add(time.Minute)
		p := build(dir, c)
		p.Put(key(fmt.Sprint(i)), []byte(fmt.Sprint("entry ", i)))
		p.Close()
		if n := len(files(t, dir, "*.pack")); n > maxPacks {
			t.Fatalf("after %d builds, %d packs", i+1, n)
		}
	}
	p := build(dir, c)
	defer p.Close()
	for i := range 3 * maxPacks {
		want(t, p, fmt.Sprint(i), fmt.Sprint("entry ", i))
	}
}

// TestPacksConcurrentBuilds: two builds sharing the folder, each on many
// goroutines, lose nothing of each other's.
func TestPacksConcurrentBuilds(t *testing.T) {
	dir := t.TempDir()
	c := &clock{time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	var wg sync.WaitGroup
	for b := range 2 {
		p := build(dir, c)
		wg.Go(func() {
			var inner sync.WaitGroup
			for g := range 4 {
				inner.Go(func() {
					for i := range 50 {
						k := fmt.Sprint(b, "-", g, "-", i)
						if !p.Put(key(k), []byte(k)) {
							t.Error("Put failed")
						}
						if got := p.Get(key(k)); string(got) != k {
							t.Errorf("Get(%s) = %q", k, got)
						}
						// Both builds also put the same keys.
						p.Put(key(fmt.Sprint("shared-", i)), []byte(fmt.Sprint("shared ", i)))
					}
				})
			}
			inner.Wait()
			p.Close()
		})
	}
	wg.Wait()
	// A third build reads them all, from the packs of both, on many
	// goroutines: each opens a pack on its first read.
	p := build(dir, c)
	defer p.Close()
	for b := range 2 {
		for g := range 4 {
			wg.Go(func() {
				for i := range 50 {
					k := fmt.Sprint(b, "-", g, "-", i)
					want(t, p, k, k)
					want(t, p, fmt.Sprint("shared-", i), fmt.Sprint("shared ", i))
				}
			})
		}
	}
	wg.Wait()
}

// TestPacksTrimRemovesLeftovers: a trim removes what a killed build left,
// once it is an hour old, and entries of the one-file-per-entry layout.
func TestPacksTrimRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	c := &clock{time.Now()}
	old := filepath.Join(dir, "things", "ab", key("x"))
	stale := filepath.Join(dir, "things", ".tmp-1.pack")
	fresh := filepath.Join(dir, "things", ".tmp-2.pack")
	for _, f := range []string{old, stale, fresh} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hour := c.t.Add(-2 * time.Hour)
	if err := os.Chtimes(stale, hour, hour); err != nil {
		t.Fatal(err)
	}
	p := build(dir, c)
	p.Put(key("a"), []byte("a"))
	p.Close()
	for f, want := range map[string]bool{filepath.Dir(old): false, stale: false, fresh: true} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(f), err == nil, want)
		}
	}
}

// TestPacksUnwritableFolderWarnsOnce: a cache folder that is a file costs
// one warning, however many entries fail.
func TestPacksUnwritableFolderWarnsOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p := NewPacks(file, "things", "thing")
	if p.Put(key("a"), []byte("a")) || p.Put(key("b"), []byte("b")) {
		t.Error("Put into a file succeeded")
	}
	p.Close()
	if w := p.Warning(); !strings.HasPrefix(w, "the thing cache cannot be written, so the next run computes its things again") || p.Get(key("a")) != nil {
		t.Errorf("warning %q, entry %q", w, p.Get(key("a")))
	}
}

func TestPacksOff(t *testing.T) {
	p := NewPacks("", "things", "thing")
	if p.On() || p.Put(key("a"), []byte("a")) || p.Get(key("a")) != nil || p.Warning() != "" {
		t.Error("a store without a folder kept something")
	}
	p.Remove(key("a"))
	p.Keep(key("a"))
	p.Close()
	var nilPacks *Packs
	if nilPacks.On() || nilPacks.Warning() != "" {
		t.Error("a nil store is on")
	}
}

func FuzzDecodeIndex(f *testing.F) {
	f.Add(encodeIndex([]indexEntry{{key: key("a"), off: 0, n: 40, used: 1}, {key: "b", off: 40, n: 33, used: -5}}))
	f.Add([]byte(indexMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := decodeIndex(data)
		if err != nil {
			return
		}
		if again := encodeIndex(entries); !bytes.Equal(again, data) {
			t.Errorf("decoded %v, which encodes differently", entries)
		}
	})
}
