package plaintext

import (
	"os"
	"path/filepath"
	"testing"
)

// benchBodies are the Markdown of the sample site's editions and, when it
// is beside the checkout, of the shared corpus of real policies.
func benchBodies(b *testing.B) []string {
	b.Helper()
	var out []string
	for _, pattern := range []string{
		"../testfs/testdata/sample/versions/*/*.md",
		"../../../shared/corpus/*/*/*.md",
	} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, string(data))
		}
	}
	if len(out) == 0 {
		b.Skip("no editions")
	}
	return out
}

func benchmark(b *testing.B, f func(string)) {
	bodies := benchBodies(b)
	size := 0
	for _, s := range bodies {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, s := range bodies {
			f(s)
		}
	}
}

func BenchmarkOf(b *testing.B)     { benchmark(b, func(s string) { Of(s) }) }
func BenchmarkBlocks(b *testing.B) { benchmark(b, func(s string) { Blocks(s) }) }

func BenchmarkMarked(b *testing.B) { benchmark(b, func(s string) { Marked(s) }) }
