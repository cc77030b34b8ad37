// Package repofs reads a site's repository from disk the only way a build
// may: a file is opened only when it is a regular file, or a folder, inside
// the repository. A named pipe in place of policysite.toml would make every
// reader wait for ever, a device would never end, and a symbolic link out
// of the repository could publish any file of the machine that builds the
// site; through FS all of them are errors that name the file instead.
package repofs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FS is the repository at a folder on disk. Like os.DirFS it keeps no
// state, so several goroutines may read it at once; unlike it, it follows
// a symbolic link only to a place inside the folder, and opens only
// regular files and folders.
type FS struct {
	root string
	dir  fs.FS
}

// New returns the repository at root.
func New(root string) *FS { return &FS{root: root, dir: os.DirFS(root)} }

// Root is the repository's folder.
func (f *FS) Root() string { return f.root }

// Open opens name, a slash-separated path in the repository.
func (f *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	target, info, err := f.stat(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if info.IsDir() {
		return f.dir.Open(target)
	}
	file, err := openFile(filepath.Join(f.root, filepath.FromSlash(target)))
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: Pathless(err)}
	}
	// What was opened must be what was checked: a file swapped for a pipe
	// between the two is refused too (openFile did not wait on it).
	opened, err := file.Stat()
	if err == nil && !(opened.Mode().IsRegular() && os.SameFile(opened, info)) {
		err = fmt.Errorf("changed while it was being opened: %w", ErrNotRegular)
	}
	if err != nil {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return file, nil
}

// Stat stats name, following symbolic links that stay inside the
// repository.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	_, info, err := f.stat(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return info, nil
}

// ReadDir lists the folder name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	target, info, err := f.stat(name)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	return fs.ReadDir(f.dir, target)
}

// ReadLink and Lstat see links as they are, so that a reader can tell a
// link from what it leads to (package source refuses links its own way).
func (f *FS) ReadLink(name string) (string, error) { return fs.ReadLink(f.dir, name) }

// Lstat stats name without following a link at its end.
func (f *FS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.dir, name) }

// stat resolves name inside the repository and stats what it leads to,
// which must be a folder or a regular file.
func (f *FS) stat(name string) (string, fs.FileInfo, error) {
	target, err := Resolve(f.dir, name)
	if err != nil {
		return "", nil, err
	}
	info, err := fs.Lstat(f.dir, target)
	if err != nil {
		return "", nil, Pathless(err)
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return "", nil, fmt.Errorf("%w (%s)", ErrNotRegular, FileType(info.Mode()))
	}
	return target, info, nil
}

// ErrNotRegular is the error of a file that is neither a regular file nor
// a folder: reading a named pipe or a device would wait for ever or never
// end.
var ErrNotRegular = errors.New("not a regular file")

// ErrOutside is the error of a symbolic link that leads out of the
// repository.
var ErrOutside = errors.New("symbolic link leads outside the repository")

// maxLinks bounds the links followed for one name, as Linux does, so that
// links that lead to each other end.
const maxLinks = 40

// Resolve returns the path in fsys that name leads to, following every
// symbolic link on the way one element at a time, as the system does: a
// ".." after a link leaves the link's target, not the link. It refuses a
// link that leads out of fsys, including by an absolute path, which names
// a place on one machine rather than in the repository. Of an fs.FS that
// does not implement fs.ReadLinkFS it can see no link, and returns name.
func Resolve(fsys fs.FS, name string) (string, error) {
	// via is the target of the first link followed, for messages.
	done, rest, via, links := ".", name, "", 0
	for rest != "" {
		var elem string
		elem, rest, _ = strings.Cut(rest, "/")
		switch elem {
		case "", ".":
			continue
		case "..":
			if done == "." {
				return "", fmt.Errorf("%w (to %s): refused", ErrOutside, Shown(via))
			}
			done = path.Dir(done)
			continue
		}
		next := path.Join(done, elem)
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			if via == "" {
				return "", Pathless(err)
			}
			// The path comes from a link's target: shown, not as is.
			return "", fmt.Errorf("broken symbolic link: %s: %w", Shown(next), Pathless(err))
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		if links++; links > maxLinks {
			return "", fmt.Errorf("broken symbolic link: more than %d links lead from one to the next", maxLinks)
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", fmt.Errorf("broken symbolic link: %w", Pathless(err))
		}
		if path.IsAbs(target) || filepath.IsAbs(target) {
			return "", fmt.Errorf("%w (to %s, a path on this machine rather than in the repository): refused", ErrOutside, Shown(target))
		}
		// The target replaces the link; what is left of name follows it.
		target = filepath.ToSlash(target)
		if via == "" {
			via = target
		}
		rest = strings.TrimSuffix(target+"/"+rest, "/")
	}
	return done, nil
}

// Shown is a name as messages give it: quoted when it holds a control or
// formatting character (a bidi override, a zero-width space) or is not
// UTF-8, so that a file name can neither break a message into lines that
// look like others, nor drive the terminal, nor show its characters in
// another order. A name that needs quoting is never a valid one, so valid
// paths stay plain.
func Shown(name string) string {
	if !utf8.ValidString(name) || strings.ContainsFunc(name, hidden) {
		return strconv.QuoteToASCII(name)
	}
	return name
}

// hidden reports whether r is a character that shows nothing of its own
// or changes how others show.
func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// Pathless is the cause of a *fs.PathError, without its path, which may
// hold characters that a message must not (see Shown): for messages that
// name the file already, shown.
func Pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// FileType names the kind of a file that is not a regular file.
func FileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "of an unknown kind"
	}
	return m.Type().String()
}

var (
	_ fs.StatFS     = (*FS)(nil)
	_ fs.ReadDirFS  = (*FS)(nil)
	_ fs.ReadLinkFS = (*FS)(nil)
)
