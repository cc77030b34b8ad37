package sum

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
)

// gitRepo is a git repository in a temporary folder, for tests of History.
type gitRepo struct {
	t    *testing.T
	root string
}

// newGitRepo makes an empty repository, or skips the test without git.
func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on PATH: the history of versions.sum is not verified without it")
	}
	r := &gitRepo{t: t, root: t.TempDir()}
	r.git(time.Time{}, "init", "--quiet")
	if err := os.MkdirAll(filepath.Join(r.root, "versions"), 0o755); err != nil {
		t.Fatal(err)
	}
	return r
}

// git runs git in the repository, at the moment at when it commits, with
// the machine's own configuration and GIT_* variables left out.
func (r *gitRepo) git(at time.Time, args ...string) string {
	r.t.Helper()
	args = append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com",
		"-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", "-c", "init.defaultBranch=main"}, args...)
	cmd := exec.Command("git", args...)
	cmd.Dir = r.root
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + r.root, "GIT_CONFIG_NOSYSTEM=1"}
	if !at.IsZero() {
		d := at.Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// write makes versions.sum record exactly eds, or removes it for none.
func (r *gitRepo) write(eds ...*policy.Edition) {
	r.t.Helper()
	path := filepath.Join(r.root, filepath.FromSlash(Path))
	if len(eds) == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			r.t.Fatal(err)
		}
		return
	}
	f := New()
	f.Record(eds)
	if err := f.Write(r.root); err != nil {
		r.t.Fatal(err)
	}
}

// commit writes versions.sum as write does and commits it at the moment
// at, returning the commit's abbreviated name.
func (r *gitRepo) commit(at time.Time, eds ...*policy.Edition) string {
	r.t.Helper()
	r.write(eds...)
	r.git(at, "add", "--all")
	r.git(at, "commit", "--quiet", "--allow-empty", "-m", "versions.sum")
	return r.git(time.Time{}, "rev-parse", "--short=7", "HEAD")
}

// historyState is one commit of versions.sum: when, and what it records.
type historyState struct {
	at  string
	eds []*policy.Edition
}

// TestHistoryKeepsEntriesOfPostedEditions: an entry committed once may
// not go, nor change, after its edition is posted, whether in a commit or
// in the file as it is; before posting it may (an unfreeze).
func TestHistoryKeepsEntriesOfPostedEditions(t *testing.T) {
	posted := ed("versions/privacy/2024-01-10.ru.md", "2024-01-10T12:00:00Z", "posted text")
	altered := ed(posted.File, "2024-01-10T12:00:00Z", "posted text, altered")
	future := ed("versions/privacy/2024-07-01.ru.md", "2024-07-01T12:00:00Z", "future text")
	final := ed(future.File, "2024-07-01T12:00:00Z", "future text, corrected before posting")
	after := time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC) // both posted
	for _, tc := range []struct {
		name    string
		commits []historyState
		file    []*policy.Edition // versions.sum as it is now: none removes it
		eds     []*policy.Edition
		now     time.Time
		// errs are the errors, %[1]s and on standing for the commits'
		// names.
		errs []string
	}{
		{name: "unchanged", commits: []historyState{{"2024-01-10T12:00:00Z", []*policy.Edition{posted, future}}},
			file: []*policy.Edition{posted, future}, eds: []*policy.Edition{posted, future}, now: after},
		{name: "an entry removed from the file", commits: []historyState{{"2024-01-10T12:00:00Z", []*policy.Edition{posted}}},
			file: []*policy.Edition{future}, eds: []*policy.Edition{altered, future}, now: after,
			errs: []string{"versions/versions.sum: privacy/2024-01-10.ru.md was recorded with " + Hash([]byte("posted text")) + " in commit %[1]s and is now missing: an entry of a posted edition never changes or goes"}},
		{name: "an entry changed in the file", commits: []historyState{{"2024-01-10T12:00:00Z", []*policy.Edition{posted}}},
			file: []*policy.Edition{altered}, eds: []*policy.Edition{altered}, now: after,
			errs: []string{"versions/versions.sum:4: privacy/2024-01-10.ru.md was recorded with " + Hash([]byte("posted text")) + " in commit %[1]s and now records " + Hash([]byte("posted text, altered"))}},
		{name: "the file deleted", commits: []historyState{{"2024-01-10T12:00:00Z", []*policy.Edition{posted, future}}},
			eds: []*policy.Edition{altered, future}, now: after,
			errs: []string{"privacy/2024-01-10.ru.md was recorded with " + Hash([]byte("posted text")) + " in commit %[1]s and is now missing", "privacy/2024-07-01.ru.md was recorded with " + Hash([]byte("future text")) + " in commit %[1]s and is now missing"}},
		{name: "an entry removed in a commit after posting", commits: []historyState{
			{"2024-01-10T12:00:00Z", []*policy.Edition{posted, future}},
			{"2024-03-01T00:00:00Z", []*policy.Edition{future}},
		}, file: []*policy.Edition{future}, eds: []*policy.Edition{altered, future}, now: after,
			errs: []string{"privacy/2024-01-10.ru.md was recorded with " + Hash([]byte("posted text")) + " in commit %[1]s and was removed in commit %[2]s, after the edition was posted"}},
		{name: "an entry changed in a commit after posting", commits: []historyState{
			{"2024-01-10T12:00:00Z", []*policy.Edition{posted}},
			{"2024-03-01T00:00:00Z", []*policy.Edition{altered}},
		}, file: []*policy.Edition{altered}, eds: []*policy.Edition{altered}, now: after,
			errs: []string{"in commit %[1]s and was removed in commit %[2]s, after the edition was posted"}},
		{name: "removed after posting, then restored", commits: []historyState{
			{"2024-01-10T12:00:00Z", []*policy.Edition{posted}},
			{"2024-03-01T00:00:00Z", nil},
			{"2024-03-02T00:00:00Z", []*policy.Edition{posted}},
		}, file: []*policy.Edition{posted}, eds: []*policy.Edition{posted}, now: after},
		{name: "unfrozen and recorded again before posting", commits: []historyState{
			{"2024-06-01T00:00:00Z", []*policy.Edition{posted, future}},
			{"2024-06-15T00:00:00Z", []*policy.Edition{posted}},
			{"2024-06-20T00:00:00Z", []*policy.Edition{posted, final}},
		}, file: []*policy.Edition{posted, final}, eds: []*policy.Edition{posted, final}, now: after},
		{name: "unfrozen in the file before posting", commits: []historyState{{"2024-06-01T00:00:00Z", []*policy.Edition{posted, future}}},
			file: []*policy.Edition{posted}, eds: []*policy.Edition{posted, future}, now: now},
		{name: "an edition not posted as of now, whatever the commits' dates", commits: []historyState{
			{"2024-06-01T00:00:00Z", []*policy.Edition{posted, future}},
			{"2024-09-01T00:00:00Z", []*policy.Edition{posted, final}},
		}, file: []*policy.Edition{posted, final}, eds: []*policy.Edition{posted, final}, now: now},
		// What a site started from a copy of the sample does to the sample's
		// editions; git shows the files gone.
		{name: "an edition removed with its entry is not a changed text", commits: []historyState{{"2024-01-10T12:00:00Z", []*policy.Edition{posted, future}}},
			file: []*policy.Edition{future}, eds: []*policy.Edition{future}, now: after},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newGitRepo(t)
			var names []any
			for _, c := range tc.commits {
				at, err := time.Parse(time.RFC3339, c.at)
				if err != nil {
					t.Fatal(err)
				}
				names = append(names, r.commit(at, c.eds...))
			}
			r.write(tc.file...)
			// The environment's git variables, as a hook or a test runner
			// may set them, are not History's concern.
			t.Setenv("GIT_DIR", filepath.Join(t.TempDir(), "elsewhere"))
			h, err := History(context.Background(), r.root)
			if err != nil || h == nil {
				t.Fatalf("History = %v, %v", h, err)
			}
			f, err := Read(os.DirFS(r.root))
			if err != nil {
				t.Fatal(err)
			}
			errs, _ := f.Verify(tc.eds, tc.now, h)
			if len(errs) != len(tc.errs) {
				t.Fatalf("errors:\n%v\nwant %d", policy.ErrorList(errs), len(tc.errs))
			}
			for _, w := range tc.errs {
				w = fmt.Sprintf(w, names...)
				found := false
				for _, e := range errs {
					found = found || strings.Contains(e.Error(), w)
				}
				if !found {
					t.Errorf("no error has %q:\n%v", w, policy.ErrorList(errs))
				}
			}
		})
	}
}

// TestHistoryWithoutCommits: outside a work tree there is no history to
// hold the file to, and History says so with nil rather than an error; a
// repository without a commit yet has committed nothing.
func TestHistoryWithoutCommits(t *testing.T) {
	posted := ed("versions/privacy/2024-01-10.ru.md", "2024-01-10T12:00:00Z", "posted text")
	t.Run("outside git: unknown", func(t *testing.T) {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("no git on PATH")
		}
		h, err := History(context.Background(), t.TempDir())
		if h != nil || err != nil {
			t.Errorf("History of a folder outside git = %v, %v; want nil, nil", h, err)
		}
	})
	t.Run("no commit yet: nothing committed", func(t *testing.T) {
		r := newGitRepo(t)
		r.write(posted)
		h, err := History(context.Background(), r.root)
		if h == nil || err != nil {
			t.Fatalf("History = %v, %v; want an empty history", h, err)
		}
		if errs, _ := New().Verify([]*policy.Edition{drafted(posted)}, now, h); len(errs) != 0 {
			t.Errorf("errors: %v", errs)
		}
	})
}

// TestParseLogAppliesDiffsInOrder: a line moved within the file is not
// removed, and an entry's first commit is the one named.
func TestParseLogAppliesDiffsInOrder(t *testing.T) {
	a := "privacy/2024-01-10.ru.md sha256:" + strings.Repeat("a", 64)
	b := "terms/2024-01-10.ru.md sha256:" + strings.Repeat("b", 64)
	out := commitMark + "1111111aaaa 1704067200\n\ndiff --git a/versions/versions.sum b/versions/versions.sum\n" +
		"--- /dev/null\n+++ b/versions/versions.sum\n@@ -0,0 +1,4 @@\n+# versions.sum\n+" + a + "\n" +
		commitMark + "2222222bbbb 1706745600\n\n@@ -2 +2,2 @@\n-" + a + "\n+" + b + "\n+" + a + "\n"
	h, err := parseLog([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	ea := entry{"privacy/2024-01-10.ru.md", "sha256:" + strings.Repeat("a", 64)}
	if c := h.entries[ea]; c == nil || c.first != "1111111aaaa" || c.removed != "" || !h.head[ea] {
		t.Errorf("the moved entry: %+v, in the latest commit: %v", c, h.head[ea])
	}
	if len(h.entries) != 2 || len(h.head) != 2 {
		t.Errorf("%d entries, %d in the latest commit; want 2 and 2", len(h.entries), len(h.head))
	}
}
