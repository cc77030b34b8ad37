// Package corpus reads the real edition histories kept beside a checkout in
// ../shared/corpus, for tests and benchmarks that skip without them.
//
// The corpus holds two kinds of history. A flat folder has one file per
// edition and an ORDER.txt that lists them oldest first. A git bundle is a
// small repository whose first-parent commits replay every recorded state of
// some policy files; each of its files is one history. Read returns both in
// one form, so that a caller compares editions without knowing where they
// came from.
//
// The package decides nothing about skipping: Read reports a missing corpus
// as an error that wraps fs.ErrNotExist and a missing git as ErrNoGit, and
// each test or command chooses what to do about them.
package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// History is one policy document's editions in one language, oldest first.
type History struct {
	// Name names the history: the folder's path below the corpus, with
	// slashes, or "<bundle base name>/<path in the repository>" for a file
	// of a git bundle, such as "ota/Telegram/Privacy Policy.md".
	Name string
	// Files are the editions' display names, unique within the history: the
	// file names of a folder, or "<commit date>-<short commit>" for a file of
	// a git bundle.
	Files []string
	// Markdown is each edition's content as stored: front matter, a byte
	// order mark and CRLF line endings are left as published (see
	// StripFrontMatter).
	Markdown []string
}

// ErrNoGit is the error Read wraps when the corpus holds a git bundle and
// git is not installed, so that a caller can skip the bundles, or a test,
// rather than fail.
var ErrNoGit = errors.New("git is not installed")

// Read reads every history below dir: each folder with an ORDER.txt and
// each file of each *.bundle, at any depth. The histories come sorted by
// name, so that reports and test logs are the same on every run. Bundles are
// cloned into temporary directories, which are removed before Read returns.
func Read(dir string) ([]History, error) {
	var out []History
	var bundles []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case d.Name() == "ORDER.txt":
			h, err := readFolder(dir, filepath.Dir(path))
			if err != nil {
				return err
			}
			out = append(out, h)
		case strings.HasSuffix(d.Name(), ".bundle"):
			bundles = append(bundles, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", dir, err)
	}
	hs, err := readBundles(bundles)
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", dir, err)
	}
	out = append(out, hs...)
	slices.SortFunc(out, func(a, b History) int { return strings.Compare(a.Name, b.Name) })
	// A folder and a bundle could both claim a name (a folder "ota/x.md"
	// beside ota.bundle); callers key results by name, so that is an error
	// rather than a silent mix.
	for i := 1; i < len(out); i++ {
		if out[i].Name == out[i-1].Name {
			return nil, fmt.Errorf("read corpus %s: two histories are named %q", dir, out[i].Name)
		}
	}
	return out, nil
}

// readFolder reads the editions that folder's ORDER.txt lists, naming the
// history by the folder's path below root.
func readFolder(root, folder string) (History, error) {
	order, err := os.ReadFile(filepath.Join(folder, "ORDER.txt"))
	if err != nil {
		return History{}, err
	}
	name, err := filepath.Rel(root, folder)
	if err != nil {
		return History{}, fmt.Errorf("name %s: %w", folder, err)
	}
	h := History{Name: filepath.ToSlash(name)}
	for _, file := range strings.Fields(string(order)) {
		data, err := os.ReadFile(filepath.Join(folder, file))
		if err != nil {
			return History{}, err
		}
		h.Files = append(h.Files, file)
		h.Markdown = append(h.Markdown, string(data))
	}
	return h, nil
}

// StripFrontMatter drops a leading YAML front matter block. The BOM and CRLF
// go first because the corpus files keep them as published, and either would
// hide the opening "---"; the rest of the text keeps LF line endings.
func StripFrontMatter(s string) string {
	s = strings.ReplaceAll(strings.TrimPrefix(s, "\uFEFF"), "\r\n", "\n")
	if strings.HasPrefix(s, "---\n") {
		if i := strings.Index(s[4:], "\n---\n"); i >= 0 {
			return s[4+i+5:]
		}
	}
	return s
}
