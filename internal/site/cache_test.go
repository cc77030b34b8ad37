package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	sitebuild "policysite/internal/build"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

// buildCached builds root into a fresh folder with the redline cache in
// cacheDir ("" for none) and returns the output's files.
func buildCached(t *testing.T, root, cacheDir string) (map[string][]byte, *sitebuild.Result) {
	t.Helper()
	out := t.TempDir()
	res, err := buildIntoCached(root, out, cacheDir)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return testfs.Tree(t, out), res
}

func sameTrees(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	if len(want) == 0 || len(want) != len(got) {
		t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(data, got[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

func noCacheMessage(t *testing.T, res *sitebuild.Result) {
	t.Helper()
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "cache cannot") {
			t.Errorf("message: %s", m.Text)
		}
	}
}

// cacheEntries lists the entries of the redline cache.
func cacheEntries(t *testing.T, cacheDir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(cacheDir, "redlines", "??", "*"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestRedlineCacheChangesNoByte: a build without a cache, with a cold one,
// with a warm one and with a deleted one write the same bytes, and a warm
// build computes no redline.
func TestRedlineCacheChangesNoByte(t *testing.T) {
	root := fixture(t)
	cache := t.TempDir()
	none, res := buildCached(t, root, "")
	if res.Redlines == 0 {
		t.Fatal("the fixture has no redlines; the test proves nothing")
	}
	cold, _ := buildCached(t, root, cache)
	if n := len(cacheEntries(t, cache)); n == 0 {
		t.Fatal("a cold build kept no redline in the cache")
	}
	warm, res := buildCached(t, root, cache)
	sameTrees(t, "cold cache", none, cold)
	sameTrees(t, "warm cache", none, warm)
	noCacheMessage(t, res)
	if res.ComputedRedlines != 0 {
		t.Errorf("a warm build computed %d redlines, want none", res.ComputedRedlines)
	}
	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	again, _ := buildCached(t, root, cache)
	sameTrees(t, "deleted cache", none, again)
}

// TestRedlineCacheDamageIsRecomputed: entries with a byte changed, cut
// short or holding another entry's bytes are computed again: the output
// does not change, and the build after reads every redline again.
func TestRedlineCacheDamageIsRecomputed(t *testing.T) {
	root := fixture(t)
	for _, tc := range []struct {
		name  string
		spoil func(entry, other []byte) []byte
	}{
		{"a byte changed", func(entry, _ []byte) []byte {
			entry = bytes.Clone(entry)
			entry[len(entry)/2] ^= 0x55
			return entry
		}},
		{"cut short", func(entry, _ []byte) []byte { return entry[:len(entry)/2] }},
		{"another entry's bytes", func(_, other []byte) []byte { return other }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := t.TempDir()
			want, _ := buildCached(t, root, cache)
			entries := cacheEntries(t, cache)
			if len(entries) < 2 {
				t.Fatalf("%d entries; the test needs two", len(entries))
			}
			datas := make([][]byte, len(entries))
			for i, f := range entries {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				datas[i] = data
			}
			for i, f := range entries {
				testfs.WriteFile(t, f, tc.spoil(datas[i], datas[(i+1)%len(datas)]))
			}
			got, res := buildCached(t, root, cache)
			sameTrees(t, "damaged cache", want, got)
			noCacheMessage(t, res)
			if res.ComputedRedlines != res.Redlines {
				t.Errorf("%d of %d redlines computed after the damage, want all", res.ComputedRedlines, res.Redlines)
			}
			got, res = buildCached(t, root, cache)
			sameTrees(t, "cache after the damage", want, got)
			if res.ComputedRedlines != 0 {
				t.Errorf("after the damage was repaired, %d redlines computed, want none", res.ComputedRedlines)
			}
		})
	}
}

// TestRedlineCacheUnwritable: a cache folder that cannot be created costs
// one warning, not the build.
func TestRedlineCacheUnwritable(t *testing.T) {
	root := fixture(t)
	want, _ := buildCached(t, root, "")
	file := filepath.Join(t.TempDir(), "a-file")
	testfs.WriteFile(t, file, []byte("x"))
	got, res := buildCached(t, root, file)
	sameTrees(t, "unwritable cache", want, got)
	n := 0
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "redline cache") {
			n++
			if m.Error {
				t.Errorf("the cache's message is an error: %s", m.Text)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d messages about the cache, want 1: %+v", n, res.Messages)
	}
}

// laterEdition is a Russian edition of the fixture's privacy policy posted
// and in force before testNow: 2024-05-01 is superseded by it, and it comes
// before the upcoming 2024-10-01.
var laterEdition = []byte(`---
title: Политика
posted: 2024-08-01T10:00:00+03:00
---
## 1. Общие положения

1.1. Первый пункт, уточнённый.

1.2. Второй пункт, исправленный.

## 3. Изменения

3.4.1. Новая редакция вступает в силу с момента размещения.
`)
