package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/sum"
	"policysite/internal/testfs"
)

// postedFile is a posted edition of goodRepo, the one the tests alter.
const postedFile = "versions/privacy/2024-01-10.ru.md"

// alterPosted changes the text of postedFile in the repository at root.
func alterPosted(t *testing.T, root string) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(postedFile))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	altered := bytes.Replace(data, []byte("обрабатывает данные"), []byte("обрабатывает и продаёт данные"), 1)
	if bytes.Equal(altered, data) {
		t.Fatal("the edition holds no text to alter")
	}
	testfs.WriteFile(t, path, altered)
}

// dropEntry removes postedFile's line from versions.sum, and returns the
// file as it was.
func dropEntry(t *testing.T, root string) []byte {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(sum.Path))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if !strings.HasPrefix(line, strings.TrimPrefix(postedFile, "versions/")+" ") {
			kept = append(kept, line)
		}
	}
	if len(strings.Join(kept, "")) == len(data) {
		t.Fatal("versions.sum does not record the edition")
	}
	testfs.WriteFile(t, path, []byte(strings.Join(kept, "")))
	return data
}

// gitCommit commits every file of the repository at root, making it a git
// repository first if it is none, and returns the commit's abbreviated
// name. It skips the test without git.
func gitCommit(t *testing.T, root, message string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on PATH: versions.sum's history is verified only in a git work tree")
	}
	git := func(args ...string) string {
		t.Helper()
		args = append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
			"-c", "core.hooksPath=/dev/null", "-c", "init.defaultBranch=main"}, args...)
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + root, "GIT_CONFIG_NOSYSTEM=1"}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		git("init", "--quiet")
		testfs.WriteFile(t, filepath.Join(root, ".gitignore"), []byte("/out/\n"))
	}
	git("add", "--all")
	git("commit", "--quiet", "-m", message)
	return git("rev-parse", "--short=7", "HEAD")
}

// TestPostedEditionCannotChangeSilently is the attack of issue 22: a
// posted edition is edited, and its entry in versions.sum deleted (or the
// whole file, or, in git, the entry committed with the new hash) so that
// the change is not caught as one. The build fails, naming the file, and
// the previous output stays; check fails too. A correction published as a
// new edition, recorded, builds.
func TestPostedEditionCannotChangeSilently(t *testing.T) {
	t.Setenv("POLICYSITE_LANG", "en")
	template, before := goodBuild(t)
	unrecorded := postedFile + ": posted on 2024-01-10T00:00:00+03:00 and published, but not recorded in versions/versions.sum: check that the file is the text that was approved"
	for _, tc := range []struct {
		name string
		// setup spoils the repository at root and returns what the build
		// and check must say beyond want.
		setup  func(t *testing.T, root string) []string
		want   []string
		builds bool
	}{
		{
			name: "edited and its line deleted from versions.sum",
			setup: func(t *testing.T, root string) []string {
				alterPosted(t, root)
				dropEntry(t, root)
				return nil
			},
			want: []string{unrecorded},
		},
		{
			name: "edited and versions.sum deleted",
			setup: func(t *testing.T, root string) []string {
				alterPosted(t, root)
				if err := os.Remove(filepath.Join(root, filepath.FromSlash(sum.Path))); err != nil {
					t.Fatal(err)
				}
				return nil
			},
			want: []string{unrecorded, "versions/privacy/2024-05-20.en.md: posted on 2024-05-20T10:00:00+03:00 and published, but not recorded"},
		},
		{
			name: "in git, edited and its committed line deleted",
			setup: func(t *testing.T, root string) []string {
				first := gitCommit(t, root, "the site")
				alterPosted(t, root)
				dropEntry(t, root)
				return []string{"versions/versions.sum: privacy/2024-01-10.ru.md was recorded with sha256:", "in commit " + first + " and is now missing"}
			},
		},
		{
			name: "in git, edited and versions.sum deleted",
			setup: func(t *testing.T, root string) []string {
				first := gitCommit(t, root, "the site")
				alterPosted(t, root)
				if err := os.Remove(filepath.Join(root, filepath.FromSlash(sum.Path))); err != nil {
					t.Fatal(err)
				}
				return []string{"versions/versions.sum: privacy/2024-01-10.ru.md was recorded with sha256:", "in commit " + first + " and is now missing"}
			},
		},
		{
			name: "in git, edited and recorded afresh in a commit",
			setup: func(t *testing.T, root string) []string {
				first := gitCommit(t, root, "the site")
				alterPosted(t, root)
				dropEntry(t, root)
				testfs.RecordDir(t, root)
				second := gitCommit(t, root, "a quiet correction")
				return []string{"versions/versions.sum: privacy/2024-01-10.ru.md was recorded with sha256:",
					"in commit " + first + " and was removed in commit " + second + ", after the edition was posted"}
			},
		},
		{
			name: "a correction published as a new edition, recorded, builds",
			setup: func(t *testing.T, root string) []string {
				gitCommit(t, root, "the site")
				for _, l := range []string{"ru", "en"} {
					from := filepath.Join(root, "versions/privacy/2024-05-20."+l+".md")
					data, err := os.ReadFile(from)
					if err != nil {
						t.Fatal(err)
					}
					data = bytes.Replace(data, []byte("posted: 2024-05-20T10:00:00+03:00"), []byte("posted: 2024-07-01T10:00:00+03:00"), 1)
					data = bytes.Replace(data, []byte("1.1. "), []byte("1.1. Corrected. "), 1)
					testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2024-07-01."+l+".md"), data)
				}
				if _, stderr, code := runCLI("record", "--source", root, "--now", badNow); code != 0 {
					t.Fatalf("record: exit status %d\n%s", code, stderr)
				}
				gitCommit(t, root, "the correction")
				return nil
			},
			builds: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			testfs.CopyTree(t, template, root)
			want := append(tc.setup(t, root), tc.want...)

			var checkOut, checkErr bytes.Buffer
			checkFailed := run(context.Background(), []string{"check", "--source", root, "--now", badNow}, &checkOut, &checkErr) != nil
			_, stderr, err := buildRepo(root)
			t.Logf("build's stderr:\n%s", stderr)
			if tc.builds {
				if err != nil || checkFailed {
					t.Fatalf("the build failed (%v), or check did:\n%s", err, checkOut.String())
				}
				if _, err := os.Stat(filepath.Join(root, "out/ru/privacy/2024-07-01/index.html")); err != nil {
					t.Errorf("the correction was not published: %v", err)
				}
				return
			}
			if err == nil || exitCode(err) == 0 {
				t.Fatalf("the build succeeded (%v)", err)
			}
			if !checkFailed {
				t.Errorf("check passed:\n%s", checkOut.String())
			}
			for _, w := range want {
				if !reports(stderr, w) {
					t.Errorf("the build's stderr lacks %q", w)
				}
				if !reports(checkOut.String(), w) {
					t.Errorf("check's output lacks %q:\n%s", w, checkOut.String())
				}
			}
			sameFiles(t, before, testfs.Tree(t, filepath.Join(root, "out")))
			// Nor does record freeze the altered text once git knows better.
			if len(tc.want) == 0 {
				if _, _, code := runCLI("record", "--source", root, "--now", badNow); code == 0 {
					t.Error("record accepted the altered edition")
				}
			}
		})
	}
}
