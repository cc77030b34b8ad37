// Package overlay lays one file system over another, as a site's
// repository lies over a Hugo theme: a file of the top layer hides the
// bottom layer's at the same path, a folder present in both lists the
// files of both, and what the top layer lacks is read from the bottom. A
// build reads the repository through it, over the built-in theme (Site),
// so that a site holds only the layouts, strings and assets it changes.
package overlay

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"policysite/internal/repofs"
	"slices"
	"strings"

	"policysite"
)

// FS is a top layer over a bottom one. It reads nothing until asked and
// keeps no state, so that several goroutines may read it at once.
type FS struct {
	top, bottom fs.FS
}

// New lays top over bottom.
func New(top, bottom fs.FS) *FS { return &FS{top: top, bottom: bottom} }

// Site is the repository at dir over the built-in theme: what a build,
// a check and the commands that read strings read.
func Site(dir string) *FS { return New(repofs.New(dir), policysite.Theme()) }

// Layers returns the layers, top first, for readers that merge a file's
// contents rather than take the top one (package l10n's strings).
func (o *FS) Layers() []fs.FS { return []fs.FS{o.top, o.bottom} }

// inBottom reports whether name, which the top layer lacks, may be read
// from the bottom: not when a file of the top layer stands where one of
// its folders would be, since that file hides the bottom's folder whole.
func (o *FS) inBottom(name string) bool {
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		info, err := fs.Stat(o.top, dir)
		if err == nil {
			return info.IsDir()
		}
	}
	return true
}

// missing reports whether err means that the top layer has nothing at
// name, so that the bottom layer answers. A file where a folder is on the
// way is no answer from the bottom either (see inBottom).
func (o *FS) missing(name string, err error) bool {
	return errors.Is(err, fs.ErrNotExist) && o.inBottom(name)
}

// Open opens name from the top layer, or from the bottom when the top
// lacks it. A folder of both layers lists the entries of both.
func (o *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := o.top.Open(name)
	if err != nil {
		if o.missing(name, err) {
			return o.bottom.Open(name)
		}
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.IsDir() || !o.bottomDir(name) {
		return f, nil
	}
	return &dir{File: f, o: o, name: name}, nil
}

// bottomDir reports whether the bottom layer has a folder at name.
func (o *FS) bottomDir(name string) bool {
	info, err := fs.Stat(o.bottom, name)
	return err == nil && info.IsDir()
}

// Stat describes name as Open would find it.
func (o *FS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	info, err := fs.Stat(o.top, name)
	if err != nil && o.missing(name, err) {
		return fs.Stat(o.bottom, name)
	}
	return info, err
}

// ReadFile reads name from the layer that has it.
func (o *FS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	data, err := fs.ReadFile(o.top, name)
	if err != nil && o.missing(name, err) {
		return fs.ReadFile(o.bottom, name)
	}
	return data, err
}

// ReadDir lists the folder name, sorted by name: the entries of both
// layers when both have the folder, the top's entry for a name that both
// have. An entry keeps its layer's type, so that a symbolic link of the
// top layer shows as one.
func (o *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	top, err := fs.ReadDir(o.top, name)
	if err != nil {
		if o.missing(name, err) {
			return fs.ReadDir(o.bottom, name)
		}
		return nil, err
	}
	if !o.bottomDir(name) {
		return top, nil
	}
	bottom, err := fs.ReadDir(o.bottom, name)
	if err != nil {
		return nil, err
	}
	return merge(top, bottom), nil
}

// merge is the entries of top and those of bottom whose names top lacks,
// sorted by name.
func merge(top, bottom []fs.DirEntry) []fs.DirEntry {
	out := slices.Clone(top)
	has := make(map[string]bool, len(top))
	for _, e := range top {
		has[e.Name()] = true
	}
	for _, e := range bottom {
		if !has[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out
}

// Lstat describes name without following a symbolic link of the top
// layer (fs.ReadLinkFS), so that a reader that refuses links leading out
// of the repository (package source) still sees them.
func (o *FS) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	info, err := fs.Lstat(o.top, name)
	if err != nil && o.missing(name, err) {
		return fs.Lstat(o.bottom, name)
	}
	return info, err
}

// ReadLink returns the target of the symbolic link name (fs.ReadLinkFS).
func (o *FS) ReadLink(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	target, err := fs.ReadLink(o.top, name)
	if err != nil && o.missing(name, err) {
		return fs.ReadLink(o.bottom, name)
	}
	return target, err
}

// dir is a folder that both layers have: the top's, listing the entries
// of both.
type dir struct {
	fs.File
	o       *FS
	name    string
	entries []fs.DirEntry // nil until the first ReadDir
	read    bool
}

// ReadDir reads the merged entries as fs.ReadDirFile does: n > 0 at most
// n at a time, io.EOF once none is left; n <= 0 all that are left.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		entries, err := d.o.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.read = entries, true
	}
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n:n]
	d.entries = d.entries[n:]
	return out, nil
}

var (
	_ fs.ReadDirFS   = (*FS)(nil)
	_ fs.ReadFileFS  = (*FS)(nil)
	_ fs.StatFS      = (*FS)(nil)
	_ fs.ReadLinkFS  = (*FS)(nil)
	_ fs.ReadDirFile = (*dir)(nil)
)
