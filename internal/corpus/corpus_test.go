package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// shared is the real corpus beside a checkout; a user's clone lacks it, and
// the test that reads it skips.
const shared = "../../../shared/corpus"

func TestStripFrontMatter(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"---\ntitle: x\n---\n# T\n", "# T\n"},
		{"\uFEFF---\r\ntitle: x\r\n---\r\nBody\r\n", "Body\n"},
		{"# No front matter\r\n", "# No front matter\n"},
		{"---\nunclosed\n", "---\nunclosed\n"},
	} {
		if got := StripFrontMatter(c.in); got != c.want {
			t.Errorf("StripFrontMatter(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestReadFolder reads a folder by its ORDER.txt: in the listed order, not
// the names', and with the files' bytes as stored.
func TestReadFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "site", "en", "ORDER.txt"), "2024-b.md\n2023-a.md\n")
	writeFile(t, filepath.Join(dir, "site", "en", "2024-b.md"), "\uFEFF---\r\nx: 1\r\n---\r\nB\r\n")
	writeFile(t, filepath.Join(dir, "site", "en", "2023-a.md"), "A\n")
	writeFile(t, filepath.Join(dir, "README.md"), "not a history\n")
	hs, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []History{{
		Name:     "site/en",
		Files:    []string{"2024-b.md", "2023-a.md"},
		Markdown: []string{"\uFEFF---\r\nx: 1\r\n---\r\nB\r\n", "A\n"},
	}}
	checkHistories(t, hs, want)
}

// TestReadBundle builds a repository whose first-parent history holds each
// case Read must handle, bundles it, and reads it beside a flat folder.
func TestReadBundle(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipped: git is not installed")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "flat", "ORDER.txt"), "one.md\n")
	writeFile(t, filepath.Join(dir, "flat", "one.md"), "flat\n")
	r := newRepo(t)
	c1 := r.commit("add", map[string]string{"doc.md": "A\n", "Sub Dir/old name.md": "X\n"})
	c2 := r.commit("change", map[string]string{"doc.md": "B\n"})
	c3 := r.commit("restore an old state", map[string]string{"doc.md": "A\n"})
	r.git("update-index", "--chmod=+x", "doc.md")
	r.commit("mode only: no new state", nil)
	if err := os.Mkdir(filepath.Join(r.dir, "Политика"), 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("mv", "Sub Dir/old name.md", "Политика/Privacy Policy.md")
	c5 := r.commit("rename: one history ends, another starts", nil)
	r.git("rm", "-q", "-f", "doc.md")
	r.commit("delete", nil)
	r.git("checkout", "-q", "-b", "side")
	r.commit("off the first-parent line", map[string]string{"doc.md": "side\n"})
	r.git("checkout", "-q", "main")
	c7 := r.commit("re-add after the deletion", map[string]string{"doc.md": "C\n"})
	// With -X ours the merge keeps C: on the first-parent line it changes
	// nothing, and the side branch's commit is no edition.
	r.git("merge", "-q", "--no-ff", "-X", "ours", "-m", "merge side", "side")
	r.date++
	c9 := r.commit("after the merge", map[string]string{"doc.md": "D\n"})
	// Below a folder of its own, as in ../shared/corpus/git-histories.
	bundles := filepath.Join(dir, "git-histories")
	if err := os.Mkdir(bundles, 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("bundle", "create", "-q", filepath.Join(bundles, "fix.bundle"), "main")

	// The clone goes into the temporary directory, which must be left empty.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	hs, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkHistories(t, hs, []History{
		{Name: "fix/Sub Dir/old name.md", Files: []string{c1}, Markdown: []string{"X\n"}},
		{Name: "fix/doc.md", Files: []string{c1, c2, c3, c7, c9}, Markdown: []string{"A\n", "B\n", "A\n", "C\n", "D\n"}},
		{Name: "fix/Политика/Privacy Policy.md", Files: []string{c5}, Markdown: []string{"X\n"}},
		{Name: "flat", Files: []string{"one.md"}, Markdown: []string{"flat\n"}},
	})
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("Read left %d entries in the temporary directory", len(left))
	}
}

// TestReadWithoutGit: a corpus with a bundle and no git is an error that
// says so, and that callers can tell apart to skip.
func TestReadWithoutGit(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "x.bundle"), "not read")
	t.Setenv("PATH", t.TempDir())
	_, err := Read(dir)
	if !errors.Is(err, ErrNoGit) {
		t.Fatalf("Read without git: %v, want ErrNoGit", err)
	}
	t.Log(err)
}

func TestReadMissingDir(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "absent"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Read of a missing corpus: %v, want fs.ErrNotExist", err)
	}
}

// TestSharedCorpus reads the real corpus, flat folders and git bundles, and
// logs what it holds and how long reading took.
func TestSharedCorpus(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("skipped: %s is absent (%v); this test needs a checkout beside ../shared", shared, err)
	}
	start := time.Now()
	hs, err := Read(shared)
	if errors.Is(err, ErrNoGit) {
		t.Skipf("skipped: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	pairs, bundled := 0, map[string]int{}
	for _, h := range hs {
		if len(h.Files) == 0 || len(h.Files) != len(h.Markdown) {
			t.Errorf("%s: %d files, %d texts", h.Name, len(h.Files), len(h.Markdown))
		}
		if s := slices.Clone(h.Files); len(slices.Compact(slices.Sorted(slices.Values(s)))) != len(s) {
			t.Errorf("%s: file names repeat: %v", h.Name, h.Files)
		}
		pairs += max(len(h.Files)-1, 0)
		if b, _, ok := strings.Cut(h.Name, "/"); ok {
			bundled[b]++
		}
	}
	for _, b := range []string{"ota", "github", "mozilla"} {
		if bundled[b] == 0 {
			t.Errorf("no history from %s.bundle", b)
		}
	}
	if !slices.IsSortedFunc(hs, func(a, b History) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("histories are not sorted by name")
	}
	t.Logf("%d histories, %d consecutive pairs, read in %v", len(hs), pairs, elapsed.Round(time.Millisecond))
	for _, h := range hs {
		t.Logf("  %s: %d editions", h.Name, len(h.Files))
	}
}

// checkHistories compares what Read returned with what the fixture holds.
func checkHistories(t *testing.T, got, want []History) {
	t.Helper()
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("Read:\n got %q\nwant %q", got, want)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// repo is a git repository for a fixture, with commit dates one day apart
// so that the editions' names are known in advance.
type repo struct {
	t    *testing.T
	dir  string
	date int // days after 2024-01-01 of the next commit
}

func newRepo(t *testing.T) *repo {
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

// git runs git in the repository, without the user's configuration.
func (r *repo) git(args ...string) string {
	r.t.Helper()
	when := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, r.date).Format(time.RFC3339)
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_AUTHOR_DATE="+when,
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_COMMITTER_DATE="+when)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit writes files, commits everything staged and returns the name Read
// gives the commit's editions.
func (r *repo) commit(msg string, files map[string]string) string {
	r.t.Helper()
	for name, content := range files {
		writeFile(r.t, filepath.Join(r.dir, name), content)
		r.git("add", "--", name)
	}
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	r.date++
	return r.head()
}

// head names the current commit as Read does: its date, then its id cut to
// 7 digits, which the fixture's few commits never share.
func (r *repo) head() string {
	r.t.Helper()
	return r.git("log", "-1", "--format=%cs-%H")[:len("2024-01-01-")+7]
}

// TestShortenNames: a commit id is cut to 7 digits unless another commit
// shares them, and then to one digit past the longest shared prefix.
func TestShortenNames(t *testing.T) {
	cs := []commit{
		{id: "abcdef0123", date: "2024-01-01"},
		{id: "abcdef0199", date: "2024-01-02"},
		{id: "1234567890", date: "2024-01-03"},
	}
	shortenNames(cs)
	var got []string
	for _, c := range cs {
		got = append(got, c.name)
	}
	want := []string{"2024-01-01-abcdef012", "2024-01-02-abcdef019", "2024-01-03-1234567"}
	if !slices.Equal(got, want) {
		t.Errorf("shortenNames: %q, want %q", got, want)
	}
}
