package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// branch is the branch of a bundle whose history is read; the bundles'
// README has them cloned with -b main.
const branch = "main"

// commit is one first-parent commit of a bundle, with what it did to each
// file it touched.
type commit struct {
	id, date string
	name     string // "<date>-<short id>", set by shortenNames
	changes  []change
}

// change is one file a commit touched. blob is the file's new content id,
// or "" when the path holds no regular file after the commit (deleted, or
// turned into a symbolic link or a submodule).
type change struct {
	path, blob string
}

// state is one edition of a file: the commit that made it and its content.
type state struct {
	file, blob string
}

// readBundles reads the bundles at paths, each in its own goroutine since
// each is a clone and a few git processes that wait on the disk. The result
// keeps the order of paths.
func readBundles(paths []string) ([]History, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("reading %s needs git: %w (%v)", paths[0], ErrNoGit, err)
	}
	hs := make([][]History, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Go(func() { hs[i], errs[i] = readBundle(p) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []History
	for _, h := range hs {
		out = append(out, h...)
	}
	return out, nil
}

// readBundle clones the bundle at path into a temporary directory and reads
// the history of every file its first-parent commits touch. Three git
// processes do it all, whatever the number of commits: the clone, one log
// for every commit's changes and one cat-file for every blob.
func readBundle(path string) ([]History, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "corpus-bundle-")
	if err != nil {
		return nil, fmt.Errorf("%s: temporary directory: %w", path, err)
	}
	defer os.RemoveAll(tmp)
	repo := filepath.Join(tmp, "repo.git")
	// Bare: the log and cat-file read objects only, so a work tree would be
	// written for nothing.
	if _, err := git(tmp, nil, "clone", "-q", "--no-hardlinks", "--bare", "-b", branch, abs, repo); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// --raw gives each touched file's new blob id, so that no commit:path
	// lookup is needed and equal states compare by id; -z keeps paths with
	// spaces or non-ASCII letters unquoted; --no-renames makes a rename a
	// deletion and an addition, which ends one history and starts another.
	log, err := git(repo, nil, "log", "--first-parent", "--reverse", "--root", "--no-renames",
		"--raw", "--no-abbrev", "-z", "--format=commit %H %cs", branch)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	commits, err := parseLog(log)
	if err != nil {
		return nil, fmt.Errorf("%s: git log: %w", path, err)
	}
	states, paths := fileStates(commits)
	var ids []string
	for _, p := range paths {
		for _, s := range states[p] {
			ids = append(ids, s.blob)
		}
	}
	blobs, err := catBlobs(repo, ids)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	prefix := strings.TrimSuffix(filepath.Base(path), ".bundle") + "/"
	out := make([]History, 0, len(paths))
	for _, p := range paths {
		h := History{Name: prefix + p}
		for _, s := range states[p] {
			h.Files = append(h.Files, s.file)
			h.Markdown = append(h.Markdown, blobs[s.blob])
		}
		out = append(out, h)
	}
	return out, nil
}

// parseLog parses the output of git log --raw -z with the format
// "commit %H %cs". Fields are NUL-terminated: a commit's header, then for
// each file a ":<modes> <ids> <status>" field and the path's field. Git puts
// a newline before the first such field, so header and status fields are
// read without it; a path is taken as it stands.
func parseLog(out []byte) ([]commit, error) {
	fields := bytes.Split(out, []byte{0})
	var commits []commit
	for i := 0; i < len(fields); i++ {
		f := strings.TrimPrefix(string(fields[i]), "\n")
		switch {
		case f == "":
		case strings.HasPrefix(f, "commit "):
			w := strings.Fields(f)
			if len(w) != 3 {
				return nil, fmt.Errorf("malformed commit line %q", f)
			}
			commits = append(commits, commit{id: w[1], date: w[2]})
		case strings.HasPrefix(f, ":"):
			// :<old mode> <new mode> <old id> <new id> <status>
			w := strings.Fields(f[1:])
			if len(w) != 5 || len(commits) == 0 || i+1 == len(fields) {
				return nil, fmt.Errorf("malformed change %q", f)
			}
			if w[4] != "A" && w[4] != "M" && w[4] != "D" && w[4] != "T" {
				return nil, fmt.Errorf("unexpected change status %q", w[4])
			}
			i++
			ch := change{path: string(fields[i])}
			if w[1] == "100644" || w[1] == "100755" {
				ch.blob = w[3]
			}
			c := &commits[len(commits)-1]
			c.changes = append(c.changes, ch)
		default:
			return nil, fmt.Errorf("unexpected field %q", f)
		}
	}
	shortenNames(commits)
	return commits, nil
}

// minShort is the shortest abbreviation of a commit id, git's default.
const minShort = 7

// shortenNames cuts the commit id in each name ("<date>-<id>") to the
// shortest prefix, of at least minShort digits, that no other commit of the
// list shares. Git's own %h cannot serve: --no-abbrev, which the log needs
// for whole blob ids, spells it out in full.
func shortenNames(commits []commit) {
	sorted := make([]string, len(commits))
	for i, c := range commits {
		sorted[i] = c.id
	}
	slices.Sort(sorted)
	for i, c := range commits {
		n := minShort
		// In sorted order the ids that share the longest prefix with this
		// one are its neighbours.
		j, _ := slices.BinarySearch(sorted, c.id)
		for _, k := range []int{j - 1, j + 1} {
			if k >= 0 && k < len(sorted) {
				n = max(n, commonPrefix(c.id, sorted[k])+1)
			}
		}
		commits[i].name = c.date + "-" + c.id[:min(n, len(c.id))]
	}
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// fileStates gives each path's distinct consecutive states in commit order,
// and the paths in the order of their first state. A commit that deletes the
// file adds no state, and neither does one that leaves its content as it was
// (a mode change, or a restoration after a deletion).
func fileStates(commits []commit) (map[string][]state, []string) {
	states := map[string][]state{}
	var paths []string
	for _, c := range commits {
		for _, ch := range c.changes {
			if ch.blob == "" {
				continue
			}
			s, seen := states[ch.path]
			if !seen {
				paths = append(paths, ch.path)
			}
			if len(s) > 0 && s[len(s)-1].blob == ch.blob {
				continue
			}
			states[ch.path] = append(s, state{file: c.name, blob: ch.blob})
		}
	}
	return states, paths
}

// catBlobs reads the blobs ids name through one git cat-file --batch and
// returns their contents by id.
func catBlobs(repo string, ids []string) (map[string]string, error) {
	var in strings.Builder
	for _, id := range ids {
		in.WriteString(id + "\n")
	}
	out, err := git(repo, strings.NewReader(in.String()), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	blobs := make(map[string]string, len(ids))
	r := bufio.NewReader(bytes.NewReader(out))
	for range ids {
		header, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		// "<id> blob <size>", or "<id> missing"
		w := strings.Fields(header)
		if len(w) != 3 || w[1] != "blob" {
			return nil, fmt.Errorf("git cat-file: %q", strings.TrimSpace(header))
		}
		size, err := strconv.Atoi(w[2])
		if err != nil {
			return nil, fmt.Errorf("git cat-file: %q", strings.TrimSpace(header))
		}
		data := make([]byte, size+1) // the content and its closing newline
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		blobs[w[0]] = string(data[:size])
	}
	return blobs, nil
}

// git runs git with args in dir, feeding it stdin, and returns its output.
// It runs without the user's and the system's configuration, whose settings
// (diff.renames, log.showSignature, core.quotePath…) would change what log
// prints, and without the caller's GIT_* variables, which could point it at
// another repository (a test run from a hook has GIT_DIR set).
func git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// gitEnv is the environment git runs in: the caller's without its GIT_*
// variables, and without the user's and the system's configuration.
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	return append(env, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
}
