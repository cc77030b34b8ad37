package gen_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"policysite/internal/build"
	"policysite/internal/gen"
	"policysite/internal/testfs"
)

// readTree returns every file under dir by its slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerateIsDeterministicAndBuilds(t *testing.T) {
	const perLang = 30
	o := gen.Options{Template: testfs.Sample(t), EditionsPerLang: perLang}
	a, b := t.TempDir(), t.TempDir()
	if err := gen.Generate(a, o); err != nil {
		t.Fatal(err)
	}
	if err := gen.Generate(b, o); err != nil {
		t.Fatal(err)
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("first run wrote %d files, second %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with the same options", name)
		}
	}

	// Every edition exists in both languages, under the same id, and is of
	// the intended size and shape.
	ids := map[string]map[string]bool{} // policy/id -> langs
	var size, count int
	nameRe := regexp.MustCompile(`^versions/([a-z0-9-]+)/(\d{4}-\d{2}-\d{2}(?:-\d+)?)\.(ru|en)\.md$`)
	for name, data := range fa {
		if !strings.HasPrefix(name, "versions/") || name == "versions/versions.sum" {
			continue
		}
		m := nameRe.FindStringSubmatch(name)
		if m == nil {
			t.Fatalf("unexpected file %s", name)
		}
		key := m[1] + "/" + m[2]
		if ids[key] == nil {
			ids[key] = map[string]bool{}
		}
		ids[key][m[3]] = true
		size += len(data)
		count++
		if !bytes.Contains(data, []byte("\n## 8. ")) || !bytes.Contains(data, []byte("\n3.1. ")) {
			t.Errorf("%s lacks the expected sections and clauses", name)
		}
	}
	if len(ids) != perLang {
		t.Errorf("%d edition ids, want %d", len(ids), perLang)
	}
	for key, langs := range ids {
		if !langs["ru"] || !langs["en"] {
			t.Errorf("%s is not in both languages: %v", key, langs)
		}
	}
	if avg := size / count; avg < 12<<10 || avg > 25<<10 {
		t.Errorf("editions average %d bytes, want 12–25 KiB", avg)
	}
	for _, f := range []string{"policysite.toml", "layouts/baseof.html", "i18n/ru.toml", "content/about.en.md"} {
		if fa[f] == nil {
			t.Errorf("%s was not written", f)
		}
	}

	now, err := time.Parse(time.RFC3339, "2026-11-21T12:00:00+03:00")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := build.Run(t.Context(), build.Options{Source: a, Out: filepath.Join(t.TempDir(), "out"), Now: now})
	if err != nil {
		t.Fatalf("build of the generated site: %v", err)
	}
	if got, want := rep.Result.Editions, 2*perLang; got != want {
		t.Errorf("built %d edition pages, want %d (all posted before now)", got, want)
	}
	for _, w := range rep.Warnings {
		t.Errorf("warning: %v", w)
	}
	for _, m := range rep.Result.Messages {
		t.Errorf("Hugo: %s", m.Text)
	}
}

func TestGenerateRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := gen.Generate(dir, gen.Options{Template: "../.."}); err == nil {
		t.Fatal("Generate wrote into a non-empty directory")
	}
}
