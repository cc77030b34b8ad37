package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/cache"
	"policysite/internal/testfs"
)

var now = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// TestMain gives the tests that pass no CacheDir a cache folder of their
// own, rather than the user's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "policysite-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv(cache.Env, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sample writes the sample site (internal/testfs) into a temporary
// repository.
func sample(t *testing.T) string {
	t.Helper()
	return testfs.Sample(t)
}

// addEdition adds to the sample in root a Russian edition of the privacy
// policy, posted 2026-02-01, that rewords clause 1.1, and records it.
func addEdition(t *testing.T, root string) {
	t.Helper()
	ed, err := os.ReadFile(filepath.Join(root, "versions/privacy/2025-09-01.ru.md"))
	if err != nil {
		t.Fatal(err)
	}
	ed = bytes.Replace(ed, []byte("posted: 2025-09-01T12:00:00+03:00"), []byte("posted: 2026-02-01T12:00:00+03:00"), 1)
	ed = bytes.Replace(ed, []byte("1.1. Настоящая"), []byte("1.1. Эта"), 1)
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2026-02-01.ru.md"), ed)
	testfs.RecordDir(t, root)
}

func TestBuildSampleSite(t *testing.T) {
	root := sample(t)
	out := filepath.Join(t.TempDir(), "public")
	rep, err := Run(context.Background(), Options{Source: root, Out: out, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Result.Policies != 2 || rep.Result.Editions < 12 {
		t.Errorf("result = %+v", rep.Result)
	}
	// The sample has one Russian-only edition, on purpose, to show how the
	// site handles a missing translation; nothing else may warn.
	for _, w := range rep.Warnings {
		if !strings.HasPrefix(w.Error(), "versions/privacy/2024-07-10.ru.md: has no translation into English") {
			t.Errorf("the sample site has a warning: %v", w)
		}
	}
	if len(rep.Warnings) != 1 {
		t.Errorf("%d warnings, want the one about the Russian-only edition", len(rep.Warnings))
	}
	for _, m := range rep.Result.Messages {
		t.Errorf("the sample site has a Hugo message: %v", m.Text)
	}
	siblings, _ := os.ReadDir(filepath.Dir(out))
	if len(siblings) != 1 {
		t.Errorf("the build left %d entries beside the output, want only the output", len(siblings))
	}
}

// TestBadSourceLeavesOutputUntouched: every bad source fails with its file
// (and line), and the previous output stays byte for byte.
func TestBadSourceLeavesOutputUntouched(t *testing.T) {
	tests := []struct {
		name string
		file string // written into the repository after a good build
		data string
		want string
	}{
		{name: "missing title", file: "versions/privacy/2027-01-01.ru.md", data: "---\nposted: 2027-01-01\n---\nx\n",
			want: "versions/privacy/2027-01-01.ru.md:1: front matter has no title"},
		{name: "effective before posted", file: "versions/privacy/2027-01-01.ru.md", data: "---\ntitle: T\nposted: 2027-01-01T10:00:00+03:00\neffective: 2026-12-01\n---\nx\n",
			want: "versions/privacy/2027-01-01.ru.md:4: effective"},
		{name: "file name whose date is no date", file: "versions/privacy/2027-02-30.ru.md", data: "---\ntitle: T\n---\nx\n",
			want: "versions/privacy/2027-02-30.ru.md: file name"},
		{name: "unknown language", file: "versions/privacy/2027-01-01.de.md", data: "---\ntitle: T\n---\nx\n",
			want: `versions/privacy/2027-01-01.de.md: unknown language "de"`},
		{name: "policy folder with capitals", file: "versions/Cookies/2027-01-01.ru.md", data: "---\ntitle: T\n---\nx\n",
			want: "versions/Cookies: policy folder"},
		{name: "policy folder with dots", file: "versions/priv.acy/2027-01-01.ru.md", data: "---\ntitle: T\n---\nx\n",
			want: "versions/priv.acy: policy folder"},
		{name: "invalid UTF-8", file: "versions/privacy/2027-01-01.ru.md", data: "---\ntitle: T\n---\n\xc3\x28\n",
			want: "versions/privacy/2027-01-01.ru.md:4: invalid UTF-8"},
		{name: "front matter never closed", file: "versions/privacy/2027-01-01.ru.md", data: "---\ntitle: T\n\nText\n",
			want: "versions/privacy/2027-01-01.ru.md:1: front matter opened here is never closed"},
		{name: "broken template", file: "layouts/page.html", data: "{{ define \"main\" }}{{ .Nope.Nope }}{{ end }}",
			want: "layouts/page.html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := sample(t)
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now}); err != nil {
				t.Fatal(err)
			}
			before := testfs.Tree(t, out)
			testfs.WriteFile(t, filepath.Join(root, tc.file), []byte(tc.data))
			_, err := Run(context.Background(), Options{Source: root, Out: out, Now: now})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			after := testfs.Tree(t, out)
			if len(after) != len(before) {
				t.Fatalf("output has %d files, had %d", len(after), len(before))
			}
			for name, data := range before {
				if !bytes.Equal(after[name], data) {
					t.Errorf("%s changed", name)
				}
			}
			siblings, _ := os.ReadDir(filepath.Dir(out))
			if len(siblings) != 1 {
				t.Errorf("a failed build left %d entries beside the output", len(siblings))
			}
		})
	}
}

func TestOutputThatIsNotASiteIsNotReplaced(t *testing.T) {
	root := sample(t)
	out := t.TempDir()
	testfs.WriteFile(t, filepath.Join(out, "thesis.docx"), []byte("precious"))
	_, err := Run(context.Background(), Options{Source: root, Out: out, Now: now})
	if err == nil || !strings.Contains(err.Error(), "not a site this command built") {
		t.Fatalf("err = %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "thesis.docx")); string(data) != "precious" {
		t.Error("the folder was touched")
	}
	for _, bad := range []string{root, filepath.Join(root, "versions"), filepath.Dir(root)} {
		if _, err := Run(context.Background(), Options{Source: root, Out: bad, Now: now}); err == nil {
			t.Errorf("--out %s was accepted", bad)
		}
	}
}
