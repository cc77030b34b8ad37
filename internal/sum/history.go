package sum

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"policysite/internal/policy"
)

// gitTimeout bounds every git command History runs: a check never waits
// on a stuck git (a network file system, a lock) for longer.
const gitTimeout = time.Minute

// commitMark starts the line git log writes for each commit, so that it
// cannot be taken for a line of the diff below it.
const commitMark = "policysite-commit "

// Committed is what versions.sum's history in git holds: every entry ever
// committed, when it was first committed, and when it was last removed
// from the file. versions.sum is append-only once an edition is posted:
// an entry may go only before its edition is posted (an unfreeze) or with
// the edition's file, so that a file edited to fit a changed edition, or
// deleted, still fails.
type Committed struct {
	entries map[entry]*committed
	// head are the entries of the latest commit.
	head map[entry]bool
}

// entry is one line of versions.sum: an edition's path under versions/
// and a hash.
type entry struct{ key, hash string }

type committed struct {
	first string // the commit that first recorded it
	// removed and removedAt are the latest commit that removed it and
	// that commit's time; "" while the latest commit has it.
	removed   string
	removedAt time.Time
}

// History reads the entries ever committed to versions/versions.sum of
// the repository in the folder root, along the first parents of HEAD:
// the line whose commits were published. It returns nil, and no error,
// when the history cannot be known: no git on PATH, root not in a git
// work tree, or a shallow clone, which lacks the older commits.
//
// The time of a commit is its committer date, which whoever commits can
// set; what the history proves is that no reviewed commit changed an
// entry after its edition was posted.
func History(ctx context.Context, root string) (*Committed, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, nil
	}
	out, err := git(ctx, root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
	if f := strings.Fields(string(out)); err != nil || len(f) != 2 || f[0] != "true" || f[1] != "false" {
		// Not a work tree (or a git too old to say whether it is shallow,
		// or one that refuses this folder): nothing to compare with.
		return nil, nil
	}
	if _, err := git(ctx, root, "rev-parse", "--quiet", "--verify", "HEAD"); err != nil {
		// A repository without a commit yet has committed nothing.
		return &Committed{}, nil
	}
	out, err = git(ctx, root, "-c", "log.follow=false", "-c", "log.showSignature=false",
		"log", "--first-parent", "--reverse", "-p", "--unified=0", "--no-color", "--no-ext-diff",
		"--no-textconv", "--no-renames", "--format="+commitMark+"%H %ct", "--", Path)
	if err != nil {
		return nil, err
	}
	return parseLog(out)
}

// git runs git in dir with the arguments, and returns what it wrote. The
// environment's GIT_* variables (a hook's GIT_DIR, a test's
// GIT_INDEX_FILE) are left out, so that git finds the repository from dir
// alone; git reads no input, never prompts and takes no lock it can do
// without.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_PAGER=cat")
	cmd.WaitDelay = time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("git in %s: %w: %s", dir, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// parseLog reads the output of git log -p on versions.sum, oldest commit
// first, applying each commit's diff to the entries of the one before.
func parseLog(out []byte) (*Committed, error) {
	h := &Committed{entries: map[entry]*committed{}, head: map[entry]bool{}}
	var (
		commit         string
		at             time.Time
		added, removed []entry
	)
	apply := func() {
		gone := map[entry]bool{}
		for _, e := range removed {
			gone[e] = true
		}
		for _, e := range added {
			delete(gone, e) // moved within the file, not removed
			h.head[e] = true
			if c, ok := h.entries[e]; ok {
				c.removed = ""
			} else {
				h.entries[e] = &committed{first: commit}
			}
		}
		for e := range gone {
			if c, ok := h.entries[e]; ok && h.head[e] {
				delete(h.head, e)
				c.removed, c.removedAt = commit, at
			}
		}
		added, removed = nil, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if rest, ok := strings.CutPrefix(line, commitMark); ok {
			apply()
			hash, secs, _ := strings.Cut(rest, " ")
			n, err := strconv.ParseInt(secs, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("git log: %q is not a commit and its time", line)
			}
			commit, at = hash, time.Unix(n, 0)
			continue
		}
		if line == "" || line[0] != '+' && line[0] != '-' {
			continue
		}
		m := lineRe.FindStringSubmatch(line[1:])
		if m == nil {
			continue // a diff's header, a comment
		}
		if line[0] == '+' {
			added = append(added, entry{m[1], m[2]})
		} else {
			removed = append(removed, entry{m[1], m[2]})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("git log: %w", err)
	}
	apply()
	return h, nil
}

// verify reports each entry ever committed that f lacks now, when it went
// (from a commit or from the file as it is) at or after its edition was
// posted, and that edition is posted as of now. An edition whose file is
// gone too is left to git, which shows the removal: a copy of this
// repository that replaced the sample's editions with its own keeps the
// sample's entries in its history. It returns the keys it reported, whose
// "not recorded" error would say less. A nil h verifies nothing.
func (h *Committed) verify(f *File, eds []*policy.Edition, now time.Time) ([]*policy.SourceError, map[string]bool) {
	if h == nil {
		return nil, nil
	}
	posted := map[string]time.Time{}
	for _, e := range eds {
		posted[key(e)] = e.Posted
	}
	var errs []*policy.SourceError
	covered := map[string]bool{}
	for e, c := range h.entries {
		if f.hashes[e.key] == e.hash {
			continue
		}
		p, ok := posted[e.key]
		if !ok {
			continue
		}
		gone := now // from the file as it is, not from a commit
		if !h.head[e] {
			gone = c.removedAt
		}
		if p.After(now) || gone.Before(p) {
			continue // never published with this text: an unfreeze
		}
		covered[e.key] = true
		errs = append(errs, historyError(f, e, c))
	}
	return errs, covered
}

// historyError says that e, committed as c says, is gone from f.
func historyError(f *File, e entry, c *committed) *policy.SourceError {
	what := "is now missing"
	line := 0
	switch {
	case c.removed != "":
		what = "was removed in commit " + short(c.removed) + ", after the edition was posted"
	case f.hashes[e.key] != "":
		what = "now records " + f.hashes[e.key]
		line = f.lines[e.key]
	}
	return policy.Errorf(Path, line, "%s was recorded with %s in commit %s and %s: an entry of a posted edition never changes or goes, since it proves what readers were bound by; restore it (git show %s:./%s has it) and publish a correction as a new edition (policysite new %s)",
		e.key, e.hash, short(c.first), what, short(c.first), Path, policyOf(e.key))
}

// short is a commit's abbreviated name, as git log --oneline shows it.
func short(commit string) string { return commit[:min(len(commit), 7)] }
