package site

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/afero"
)

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
