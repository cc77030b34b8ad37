package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"policysite/internal/source"
)

var datedRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)

// nameDate is the date a file name starts with.
func nameDate(name string) (time.Time, bool) {
	m := datedRe.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, m[1])
	return t, err == nil
}

// FromDir reads the files of dir whose names start with a date, ordered by
// date and then name, or as order lists them, oldest first, one per line
// (blank lines and lines starting with # are ignored): a file name that
// starts with a date, or a date, a space or tab and any file name of dir, which
// dates a file whose name does not say when it was posted
// ("2019-05-20 privacy-v3.md"). Everything else in dir is left out and
// named in skipped, with why, so that the author sees what was not
// imported: files without a date, files order does not list, folders and
// links.
func FromDir(dir, order string) (states []State, skipped []string, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	files := map[string]bool{}
	for _, e := range ents {
		switch {
		case e.IsDir():
			skipped = append(skipped, e.Name()+"/: a folder; import reads the files of "+dir+" itself")
		case !e.Type().IsRegular():
			skipped = append(skipped, e.Name()+": not a regular file (a link, say); import reads regular files only")
		default:
			files[e.Name()] = true
			if _, ok := nameDate(e.Name()); ok {
				names = append(names, e.Name())
			}
		}
	}
	// Names start with the date, so their order is by date, then name.
	slices.Sort(names)
	dates := map[string]time.Time{}
	for _, n := range names {
		dates[n], _ = nameDate(n)
	}
	if order != "" {
		listed, err := readOrder(order, dir, files, dates)
		if err != nil {
			return nil, nil, err
		}
		for _, n := range sortedKeys(files) {
			if !slices.Contains(listed, n) && !isFile(filepath.Join(dir, n), order) {
				skipped = append(skipped, fmt.Sprintf("%s: not listed in %s", n, filepath.Base(order)))
			}
		}
		names = listed
	} else {
		for _, n := range sortedKeys(files) {
			if _, ok := dates[n]; !ok {
				skipped = append(skipped, n+": no date (YYYY-MM-DD) at the start of its name; rename it so, or list it after its date in a file given with --order")
			}
		}
	}
	slices.Sort(skipped)
	if len(names) == 0 {
		return nil, skipped, fmt.Errorf("no files in %s whose names start with a date (YYYY-MM-DD): name them so, or list them oldest first in a file given with --order, each after its date (2019-05-20 privacy-v3.md)", dir)
	}
	for _, n := range names {
		data, err := readFile(filepath.Join(dir, n))
		if err != nil {
			return nil, nil, err
		}
		states = append(states, State{Name: n, Date: dates[n], Data: data})
	}
	return states, skipped, nil
}

// readOrder reads the order file: the names of files of dir it lists,
// oldest first, each dated in dates.
func readOrder(order, dir string, files map[string]bool, dates map[string]time.Time) ([]string, error) {
	data, err := os.ReadFile(order)
	if err != nil {
		return nil, err
	}
	var listed []string
	seen := map[string]bool{}
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, date, err := orderLine(l, files)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", order, i+1, err)
		}
		if seen[name] {
			return nil, fmt.Errorf("%s:%d: %s is listed twice", order, i+1, name)
		}
		if !files[name] {
			return nil, fmt.Errorf("%s:%d: %s is not in %s", order, i+1, name, dir)
		}
		seen[name] = true
		dates[name] = date
		listed = append(listed, name)
	}
	return listed, nil
}

// isFile reports whether paths a and b name the same file.
func isFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// orderLine reads one line of an order file: a file name that starts with
// a date, or a date, spaces and a file name. A line that is a file's whole
// name is that file, even when it has a space after its date.
func orderLine(l string, files map[string]bool) (name string, date time.Time, err error) {
	if d, ok := nameDate(l); ok && (files[l] || !strings.ContainsAny(l, " \t")) {
		name, date = l, d
	} else if i := strings.IndexAny(l, " \t"); i > 0 {
		ds, rest := l[:i], l[i+1:]
		if date, err = time.Parse(time.DateOnly, ds); err != nil {
			return "", time.Time{}, fmt.Errorf("%q: a line is a file name that starts with a date, or a date (YYYY-MM-DD) and a file name", l)
		}
		name = strings.TrimSpace(rest)
	} else {
		return "", time.Time{}, fmt.Errorf("%q is not a file name starting with a date (YYYY-MM-DD), nor a date and a file name", l)
	}
	if filepath.Base(name) != name {
		return "", time.Time{}, fmt.Errorf("%q: name a file of the folder itself, without a path", l)
	}
	return name, date, nil
}

func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > source.MaxFileSize {
		return nil, fmt.Errorf("%s is %d bytes, over the %d-byte limit for one edition", path, info.Size(), source.MaxFileSize)
	}
	return os.ReadFile(path)
}

// ErrNoGit is returned when git is not installed.
var ErrNoGit = errors.New("git is not installed (or not on PATH): --git needs it")

// FromGit reads the history of path in the git repository repo: one state
// per commit that changed it, oldest first, dated by the commit's committer
// date in its own time zone (see gitHistory for which commits, in which
// order, and how renames are followed). The states are in the history's
// own order, not their dates', and say so (State.Ordered): a commit dated
// before the one before it is still the later text. Commits that delete it
// are left out, and named in skipped.
func FromGit(ctx context.Context, repo, path string) (states []State, skipped []string, err error) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		return nil, nil, ErrNoGit
	}
	git := func(args ...string) ([]byte, error) {
		// Literal pathspecs, so that a file named with * or :( is that
		// file; log.follow off, so that a user's config cannot bring back
		// the --follow that gitHistory does without, and no signatures
		// among the lines parseLog reads.
		cmd := exec.CommandContext(ctx, gitPath, append([]string{"--literal-pathspecs",
			"-c", "log.follow=false", "-c", "log.showSignature=false", "-C", repo}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
		}
		return out, nil
	}
	// A shallow clone (CI systems make them; so does clone --depth) holds
	// only its latest commits: its history would look complete and not be.
	shallow, err := git("rev-parse", "--is-shallow-repository")
	if err != nil {
		return nil, nil, err
	}
	if strings.TrimSpace(string(shallow)) == "true" {
		return nil, nil, fmt.Errorf("%s is a shallow clone, which holds only the latest commits of its history: run git -C %s fetch --unshallow first, so that the import starts where the history starts", repo, repo)
	}
	commits, err := gitHistory(git, path)
	if err != nil {
		return nil, nil, err
	}
	if len(commits) == 0 {
		return nil, nil, fmt.Errorf("no commit in %s changes %s", repo, path)
	}
	slices.Reverse(commits)
	for _, c := range commits {
		short := c.hash[:min(len(c.hash), 12)]
		if c.deleted {
			skipped = append(skipped, fmt.Sprintf("commit %s: deletes %s", short, c.path))
			continue
		}
		data, err := git("show", c.hash+":"+c.path)
		if err != nil {
			return nil, nil, err
		}
		if len(data) > source.MaxFileSize {
			return nil, nil, fmt.Errorf("%s at %s is %d bytes, over the %d-byte limit for one edition", c.path, short, len(data), source.MaxFileSize)
		}
		// The date of the commit in the zone it was made in: the day its
		// author would call it.
		d := time.Date(c.date.Year(), c.date.Month(), c.date.Day(), 0, 0, 0, 0, time.UTC)
		states = append(states, State{Name: "commit " + short + " " + c.path, Date: d, Data: data, Ordered: true})
	}
	return states, skipped, nil
}

// gitFunc runs git in the repository and returns what it prints.
type gitFunc func(args ...string) ([]byte, error)

// gitHistory returns the commits that changed path, newest first, walking
// back from HEAD along first parents: the line of commits a repository
// published, in the order it published them, whatever their dates say. A
// merge counts as the change it brought to that line; the commits of a
// branch it merged were drafts.
//
// It follows path back through renames, but not through copies: git's
// --follow takes a file created as a copy of another (ru.md copied from
// en.md, then translated) for that file, and would give the other's
// history as this one's. Here, where a commit adds path, git's rename
// detection (-M) is asked whether that commit renamed a file to path; only
// a rename, whose old file is gone in the same commit, continues the
// history under the old name. A copy leaves its source in place, so the
// history starts at the commit that made it.
func gitHistory(git gitFunc, path string) ([]gitCommit, error) {
	var all []gitCommit
	from := "HEAD"
	for {
		// -z, so that a path with a tab, a quote or a non-ASCII letter
		// comes as it is; %x01 starts each commit, a byte no status has.
		out, err := git("log", "-z", "-m", "--first-parent", "--no-renames", "--name-status", "--no-color",
			"--format=%x01%H %cI %P", from, "--", path)
		if err != nil {
			return nil, err
		}
		commits, err := parseLog(out)
		if err != nil {
			return nil, err
		}
		renamed := false
		for _, c := range commits {
			all = append(all, c)
			if !c.added || c.parent == "" {
				continue
			}
			old, err := renamedFrom(git, c.parent, c.hash, path)
			if err != nil {
				return nil, err
			}
			if old != "" {
				// The commits before this one are the old name's.
				from, path, renamed = c.parent, old, true
				break
			}
		}
		if !renamed {
			return all, nil
		}
	}
}

// renamedFrom returns the path that commit renamed to path, as git's
// rename detection sees it against parent, or "" when the commit added
// path afresh or as a copy.
func renamedFrom(git gitFunc, parent, commit, path string) (string, error) {
	out, err := git("diff-tree", "-z", "-r", "-M", "--name-status", "--no-color", parent, commit)
	if err != nil {
		return "", err
	}
	f := strings.Split(string(out), "\x00")
	for i := 0; i < len(f); i++ {
		status := strings.TrimSpace(f[i])
		if status == "" {
			continue
		}
		if status[0] != 'R' && status[0] != 'C' {
			i++ // one path
			continue
		}
		if i+2 < len(f) && status[0] == 'R' && f[i+2] == path {
			return f[i+1], nil
		}
		i += 2
	}
	return "", nil
}

// gitCommit is one commit of a file's history: the file's path in it,
// whether it adds or deletes the file, and its first parent ("" for a
// root commit).
type gitCommit struct {
	hash, path, parent string
	date               time.Time
	added, deleted     bool
}

// parseLog reads what gitHistory's git log -z prints, newest first: for
// each commit, \x01, its hash, date and parents, and a NUL; then its
// changes to the one path, each a status (after a newline, for the first)
// and the path, a NUL after each. Paths are taken by their place after a
// status, so that no byte in a file's name is read as anything else.
func parseLog(out []byte) ([]gitCommit, error) {
	var (
		commits []gitCommit
		c       *gitCommit
	)
	// A commit listed without a change to the path has nothing of the
	// text to take.
	flush := func() {
		if c != nil && c.path != "" {
			commits = append(commits, *c)
		}
	}
	toks := strings.Split(string(out), "\x00")
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if head, ok := strings.CutPrefix(tok, "\x01"); ok {
			flush()
			f := strings.Fields(head)
			if len(f) < 2 {
				return nil, fmt.Errorf("git log: unexpected line %q", head)
			}
			t, err := time.Parse(time.RFC3339, f[1])
			if err != nil {
				return nil, fmt.Errorf("git log: commit %s: %v", f[0], err)
			}
			c = &gitCommit{hash: f[0], date: t}
			if len(f) > 2 {
				c.parent = f[2]
			}
			continue
		}
		status := strings.TrimLeft(tok, "\n")
		if status == "" {
			continue
		}
		n := 1
		if status[0] == 'R' || status[0] == 'C' {
			n = 2
		}
		if c == nil || i+n >= len(toks) {
			return nil, fmt.Errorf("git log: unexpected %q", status)
		}
		c.path = toks[i+n]
		c.added, c.deleted = status[0] == 'A', status[0] == 'D'
		i += n
	}
	flush()
	return commits, nil
}
