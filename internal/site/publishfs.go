package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// output is the folder a build writes: a new, empty folder beside the
// previous output, which replaces it only when the whole build succeeded.
// Nothing is carried over from the previous output: every file is written
// afresh from this build's plan, so what a deploy copies is exactly what
// this build made.
type output struct {
	dir string
	// dirs holds the folders known to exist in dir.
	dirs sync.Map
	// pages holds the paths of the HTML files in dir, so that the build
	// can count its pages without reading thousands of folders back.
	pages sync.Map
}

// wrote records that the file at path, in dir, was created.
func (o *output) wrote(path string) {
	if strings.HasSuffix(path, ".html") {
		o.pages.Store(filepath.Clean(path), true)
	}
}

// countPages counts the HTML files in the output.
func (o *output) countPages() int {
	n := 0
	for range o.pages.Range {
		n++
	}
	return n
}

// newOutput returns the output built in dir, which must exist and be
// empty.
func newOutput(dir string) *output { return &output{dir: dir} }

func (o *output) path(rel string) string { return filepath.Join(o.dir, filepath.FromSlash(rel)) }

// mkdirAll is os.MkdirAll for the output's folders. A large site has
// thousands, and os.MkdirAll looks at every parent of each file's folder
// first; this remembers the ones made, so most files cost one system call.
func (o *output) mkdirAll(dir string) error {
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

// create writes rel, which must not exist yet; if it does, the error is
// fs.ErrExist.
func (o *output) create(rel string, data []byte) error {
	path := o.path(rel)
	if err := o.mkdirAll(filepath.Dir(path)); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	o.wrote(path)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// replace writes rel whether or not it exists, as a new file.
func (o *output) replace(rel string, data []byte) error {
	if err := os.Remove(o.path(rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return o.create(rel, data)
}

// publishFs is the file system into which Hugo publishes: it finishes
// the pages the build finishes (see finisher) and counts the pages.
type publishFs struct {
	afero.Fs
	// finish, when not nil, is asked for each file Hugo creates, by its
	// path, what to do with the file's bytes once Hugo has written them
	// all: nil leaves them be, else it returns the bytes to write instead.
	// So the build finishes a page as Hugo writes it, rather than reading
	// it back afterwards.
	finish func(name string) func(data []byte) ([]byte, error)
	// wrote, when not nil, is told the path of each file created.
	wrote func(name string)
	// taken, when not nil, tells whether the file name is one that Hugo
	// must not replace: a document the build published before the render.
	taken func(name string) bool
	// root is the folder published into, for messages.
	root string
}

// refuse is the error for Hugo's write of name, when taken.
func (p publishFs) refuse(name string) error {
	if p.taken != nil && p.taken(name) {
		rel, err := filepath.Rel(p.root, name)
		if err != nil {
			rel = name
		}
		return fmt.Errorf("/%s is where the site publishes its data, but a page of the site is there too: rename the page", filepath.ToSlash(rel))
	}
	return nil
}

func (p publishFs) Create(name string) (afero.File, error) {
	if err := p.refuse(name); err != nil {
		return nil, err
	}
	f, err := p.Fs.Create(name)
	if err == nil && p.wrote != nil {
		p.wrote(name)
	}
	if err != nil || p.finish == nil {
		return f, err
	}
	if fin := p.finish(name); fin != nil {
		return &finishedFile{File: f, finish: fin}, nil
	}
	return f, nil
}

// finishedFile holds what Hugo writes and, on Close, writes what finish
// makes of it.
type finishedFile struct {
	afero.File
	buf    bytes.Buffer
	finish func([]byte) ([]byte, error)
}

func (f *finishedFile) Write(b []byte) (int, error)       { return f.buf.Write(b) }
func (f *finishedFile) WriteString(s string) (int, error) { return f.buf.WriteString(s) }

func (f *finishedFile) Close() error {
	data, err := f.finish(f.buf.Bytes())
	if err == nil {
		_, err = f.File.Write(data)
	}
	return errors.Join(err, f.File.Close())
}

func (p publishFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR) != 0 {
		if err := p.refuse(name); err != nil {
			return nil, err
		}
	}
	f, err := p.Fs.OpenFile(name, flag, perm)
	if err == nil && flag&os.O_CREATE != 0 && p.wrote != nil {
		p.wrote(name)
	}
	return f, err
}
