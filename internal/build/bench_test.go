package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"policysite/internal/build"
	"policysite/internal/gen"
	"policysite/internal/testfs"
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
// false every iteration starts with an empty cache; with warm true
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
	b.ReportMetric(retainedMB(), "retained-MB")
}

// retainedMB is the heap still in use after a build has returned: anything
// a build leaves reachable (Hugo keeps some in package variables) is memory
// that the next build in the process, or the rest of this one, lacks.
func retainedMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkBuildSample builds the sample site (internal/testfs).
func BenchmarkBuildSample(b *testing.B) {
	benchBuild(b, testfs.Sample(b), false)
}

// BenchmarkBuildGenerated1000 builds a synthetic site with 1000 editions per
// language (see internal/gen), generated once before the timed loop, with
// an empty cache each time.
func BenchmarkBuildGenerated1000(b *testing.B) {
	benchBuild(b, generated1000(b), false)
}

// BenchmarkBuildGenerated1000Warm builds the same site with every redline
// and analysis in the cache, as a build after a change of the templates
// does.
func BenchmarkBuildGenerated1000Warm(b *testing.B) {
	benchBuild(b, generated1000(b), true)
}

// BenchmarkRebuildGenerated1000 times a build of the same site with its
// cache, after one new edition per language of the privacy policy: what a
// company does every time it posts one. Each iteration adds one more, and
// reports the redlines it computed (the others come from the cache).
func BenchmarkRebuildGenerated1000(b *testing.B) {
	b.ReportAllocs()
	src := generated1000(b)
	outs := b.TempDir()
	out, cache := filepath.Join(outs, "public"), filepath.Join(outs, "cache")
	if _, err := build.Run(b.Context(), build.Options{Source: src, Out: out, Now: benchNow, CacheDir: cache}); err != nil {
		b.Fatal(err)
	}
	computed := 0
	for b.Loop() {
		b.StopTimer()
		for _, lang := range []string{"ru", "en"} {
			addEdition(b, filepath.Join(src, "versions", "privacy"), lang)
		}
		testfs.RecordDir(b, src)
		b.StartTimer()
		rep, err := build.Run(b.Context(), build.Options{Source: src, Out: out, Now: benchNow, CacheDir: cache})
		if err != nil {
			b.Fatal(err)
		}
		computed = rep.Result.ComputedRedlines
	}
	b.ReportMetric(float64(computed), "computed-redlines/op")
}

// addEdition copies the newest edition in lang of the policy in dir to the
// next day, posted then, with its first clause reworded.
func addEdition(b *testing.B, dir, lang string) {
	b.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*."+lang+".md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no editions in %s: %v", dir, err)
	}
	newest := files[len(files)-1] // the names sort by date
	day, err := time.Parse("2006-01-02", strings.TrimSuffix(filepath.Base(newest), "."+lang+".md"))
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(newest)
	if err != nil {
		b.Fatal(err)
	}
	next := day.AddDate(0, 0, 1).Format("2006-01-02")
	text := string(data)
	posted := regexp.MustCompile(`(?m)^posted: .*$`)
	if !posted.MatchString(text) {
		b.Fatalf("%s has no posted date", newest)
	}
	text = posted.ReplaceAllString(text, "posted: "+next+"T12:00:00+03:00")
	text = regexp.MustCompile(`(?m)^(effective|summary): .*\n`).ReplaceAllString(text, "")
	text = strings.Replace(text, "\n1.1. ", "\n1.1. A sentence new in edition "+next+". ", 1)
	if err := os.WriteFile(filepath.Join(dir, next+"."+lang+".md"), []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
}

func generated1000(b *testing.B) string {
	src := filepath.Join(b.TempDir(), "site")
	if err := gen.Generate(src, gen.Options{Template: testfs.Sample(b), EditionsPerLang: 1000}); err != nil {
		b.Fatal(err)
	}
	return src
}
