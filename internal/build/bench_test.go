package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"policysite/internal/build"
	"policysite/internal/gen"
)

// benchNow fixes which editions are posted, so that runs on different days
// build the same pages.
var benchNow = func() time.Time {
	t, err := time.Parse(time.RFC3339, "2026-11-21T12:00:00+03:00")
	if err != nil {
		panic(err)
	}
	return t
}()

// benchBuild builds source into a fresh output directory per iteration and
// reports the edition pages built (all languages) per operation. With warm
// false every iteration starts with an empty redline cache; with warm true
// they share one that a build before the timed loop filled.
func benchBuild(b *testing.B, source string, warm bool) {
	b.ReportAllocs()
	outs := b.TempDir()
	cache := filepath.Join(outs, "cache")
	if warm {
		if _, err := build.Run(b.Context(), build.Options{Source: source, Out: filepath.Join(outs, "prime"), Now: benchNow, CacheDir: cache}); err != nil {
			b.Fatal(err)
		}
	}
	editions, i := 0, 0
	for b.Loop() {
		out := filepath.Join(outs, fmt.Sprintf("out-%d", i))
		if !warm {
			cache = filepath.Join(outs, fmt.Sprintf("cache-%d", i))
		}
		i++
		rep, err := build.Run(b.Context(), build.Options{Source: source, Out: out, Now: benchNow, CacheDir: cache})
		if err != nil {
			b.Fatal(err)
		}
		editions = rep.Result.Editions
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		if !warm {
			if err := os.RemoveAll(cache); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(editions), "editions/op")
}

// BenchmarkBuildSample builds the repository's own sample site.
func BenchmarkBuildSample(b *testing.B) {
	benchBuild(b, "../..", false)
}

// BenchmarkBuildGenerated1000 builds a synthetic site with 1000 editions per
// language (see internal/gen), generated once before the timed loop, with
// an empty redline cache each time.
func BenchmarkBuildGenerated1000(b *testing.B) {
	benchBuild(b, generated1000(b), false)
}

// BenchmarkBuildGenerated1000Warm builds the same site with every redline
// in the cache, as a build after a change of the templates does.
func BenchmarkBuildGenerated1000Warm(b *testing.B) {
	benchBuild(b, generated1000(b), true)
}

func generated1000(b *testing.B) string {
	src := filepath.Join(b.TempDir(), "site")
	if err := gen.Generate(src, gen.Options{Template: "../..", EditionsPerLang: 1000}); err != nil {
		b.Fatal(err)
	}
	return src
}
