// Package outdir is the folder a build writes: a new, empty folder beside
// the previous output, which replaces it only when the whole build
// succeeded. Nothing is carried over from the previous output: every file
// is written afresh from this build's plan, so what a deploy copies is
// exactly what this build made. The Hugo renderer and the publisher of
// JSON, feeds and texts both write through it, and neither may replace a
// file the other made: Create refuses a file that exists.
package outdir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is the output folder.
type Dir struct {
	dir string
	// dirs holds the folders known to exist in dir.
	dirs sync.Map
	// pages holds the paths of the HTML files in dir, so that the build
	// can count its pages without reading thousands of folders back.
	pages sync.Map
	// made holds the paths of the files Create made, so that another
	// writer (Hugo) can refuse to replace them.
	made sync.Map
}

// New returns the output built in dir, which must exist and be empty.
func New(dir string) *Dir { return &Dir{dir: dir} }

// Root is the folder's path.
func (o *Dir) Root() string { return o.dir }

// Path is the file rel, a slash-separated path below the folder.
func (o *Dir) Path(rel string) string { return filepath.Join(o.dir, filepath.FromSlash(rel)) }

// Wrote records that the file at path, in the folder, was created by
// another writer (Hugo).
func (o *Dir) Wrote(path string) {
	path = filepath.Clean(path)
	// Its folder exists: a file of ours beside it needs no mkdir.
	o.dirs.Store(filepath.Dir(path), struct{}{})
	if strings.HasSuffix(path, ".html") {
		o.pages.Store(path, true)
	}
}

// Made reports whether Create made the file at path.
func (o *Dir) Made(path string) bool {
	_, ok := o.made.Load(filepath.Clean(path))
	return ok
}

// Pages counts the HTML files in the output.
func (o *Dir) Pages() int {
	n := 0
	for range o.pages.Range {
		n++
	}
	return n
}

// mkdirAll is os.MkdirAll for the output's folders. A large site has
// thousands, and os.MkdirAll looks at every parent of each file's folder
// first; this remembers the ones made, so most files cost one system call.
func (o *Dir) mkdirAll(dir string) error {
	if _, ok := o.dirs.Load(dir); ok {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if perr := o.mkdirAll(filepath.Dir(dir)); perr != nil {
			return perr
		}
		err = os.Mkdir(dir, 0o755)
	}
	if errors.Is(err, fs.ErrExist) {
		// Made by Hugo, or another goroutine; or a file, which the
		// caller's create then reports.
		err = nil
	}
	if err != nil {
		return err
	}
	o.dirs.Store(dir, struct{}{})
	return nil
}

// Create writes rel, which must not exist yet; if it does, the error is
// fs.ErrExist.
func (o *Dir) Create(rel string, data []byte) error {
	path := o.Path(rel)
	if err := o.mkdirAll(filepath.Dir(path)); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	o.Wrote(path)
	o.made.Store(filepath.Clean(path), true)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Replace writes rel whether or not it exists, as a new file.
func (o *Dir) Replace(rel string, data []byte) error {
	if err := os.Remove(o.Path(rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return o.Create(rel, data)
}
