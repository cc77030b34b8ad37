package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/afero"

	"policysite/internal/cache"
)

// output is the folder a build writes, beside the previous build's output.
//
// A rebuild after one new edition changes a few dozen of a large site's
// thousands of files, but creating and filling every file afresh costs it
// more than all its rendering. So a file whose bytes are already those of
// the same file in the previous output is hard-linked from there instead.
// The linked file is shared with the previous output, which must stay as it
// was until the new output replaces it (and for good, if the build fails):
// so nothing in this build ever writes into an existing file. create makes
// a file where there was none, replace removes the old name first, and
// Hugo's writes go through publishFs, which does the same.
//
// Making a file's bytes only to find them unchanged costs time too: the
// JSON of 1,000 editions is hundreds of megabytes. So the output also keeps
// a memo, in the cache folder under the output's path: for each file made
// from a key (a SHA-256 of everything it is made from), the key and the
// file's size, mode and modification time. A file whose key is the memo's,
// and which is in the previous output as the memo saw it, is linked without
// being made again. Nothing writes into these files (see above), so a file
// that still has its size and modification time still has its bytes.
type output struct {
	dir string
	// prev is the previous build's output, or "" when there is none.
	prev string
	// reused counts the files linked from prev.
	reused atomic.Int64

	memo    *cache.Store
	memoKey string
	was     map[string]stamp // the memo of prev
	mu      sync.Mutex
	now     map[string]stamp // the memo of this build's files

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

// stamp is what the memo knows of an output file.
type stamp struct {
	Key     string // what it was made from
	Size    int64
	Mode    fs.FileMode
	ModTime int64 // in nanoseconds since 1970
}

func stampOf(key string, info fs.FileInfo) stamp {
	return stamp{Key: key, Size: info.Size(), Mode: info.Mode(), ModTime: info.ModTime().UnixNano()}
}

// newOutput returns the output built in dir to replace final, which may
// hold the previous build's output; cacheDir keeps the memo ("" for none).
func newOutput(dir, final, cacheDir string) *output {
	o := &output{dir: dir, memo: cache.New(cacheDir, "outputs", "output"), now: map[string]stamp{}}
	if final == "" {
		o.memo = cache.New("", "", "output")
		return o
	}
	if _, err := os.Stat(filepath.Join(final, "index.html")); err == nil {
		o.prev = final
	}
	sum := sha256.Sum256([]byte("policysite outputs 1\x00" + final))
	o.memoKey = hex.EncodeToString(sum[:])
	if o.prev != "" {
		if data := o.memo.Get(o.memoKey); data != nil {
			// A memo that does not decode is as good as none.
			_ = gob.NewDecoder(bytes.NewReader(data)).Decode(&o.was)
		}
	}
	return o
}

// reuse links rel from the previous output when the memo says it was made
// from key and the file is as the memo saw it, and tells whether it did.
func (o *output) reuse(rel, key string) bool {
	st, ok := o.was[rel]
	if !ok || key == "" || st.Key != key {
		return false
	}
	old := filepath.Join(o.prev, filepath.FromSlash(rel))
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || stampOf(key, info) != st {
		return false
	}
	path := o.path(rel)
	if err := o.mkdirAll(filepath.Dir(path)); err != nil {
		return false
	}
	if err := os.Link(old, path); err != nil {
		return false
	}
	o.wrote(path)
	o.reused.Add(1)
	o.note(rel, key, info)
	return true
}

// made records in the memo that rel, already in the output, was made from
// key.
func (o *output) made(rel, key string) {
	if !o.memo.On() || key == "" {
		return
	}
	if info, err := os.Lstat(o.path(rel)); err == nil {
		o.note(rel, key, info)
	}
}

func (o *output) note(rel, key string, info fs.FileInfo) {
	o.mu.Lock()
	o.now[rel] = stampOf(key, info)
	o.mu.Unlock()
}

// saveMemo keeps this build's memo for the next. It may be saved before the
// output is in place: a memo that describes files the output does not have
// only fails to match them.
func (o *output) saveMemo() {
	if !o.memo.On() {
		return
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(o.now); err != nil {
		o.memo.Fail(err)
		return
	}
	o.memo.Put(o.memoKey, b.Bytes())
}

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
	if o.prev != "" {
		old := filepath.Join(o.prev, filepath.FromSlash(rel))
		if sameBytes(old, data) {
			err := os.Link(old, path)
			if err == nil {
				o.wrote(path)
				o.reused.Add(1)
				return nil
			}
			if errors.Is(err, fs.ErrExist) {
				return err
			}
			// Another file system, or one without links: write the file.
		}
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

// emit puts at rel the file made by data from key: linked from the previous
// output when the memo has it, else made and created.
func (o *output) emit(rel, key string, data func() ([]byte, error)) error {
	if o.reuse(rel, key) {
		return nil
	}
	b, err := data()
	if err != nil {
		return err
	}
	if err := o.create(rel, b); err != nil {
		return err
	}
	o.made(rel, key)
	return nil
}

// replace writes rel whether or not it exists, as a new file.
func (o *output) replace(rel string, data []byte) error {
	if err := os.Remove(o.path(rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return o.create(rel, data)
}

// comparePool holds the buffers sameBytes reads into.
var comparePool = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// sameBytes tells whether path is a regular file holding exactly data.
func sameBytes(path string, data []byte) bool {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	bp := comparePool.Get().(*[]byte)
	defer comparePool.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	// The file may have grown since Lstat.
	n, _ := f.Read(buf[:1])
	return n == 0
}

// publishFs is the file system into which Hugo publishes. It removes a file
// before Hugo writes it, so that Hugo, which truncates and rewrites files,
// never writes through a link into the previous output.
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
}

func (p publishFs) Create(name string) (afero.File, error) {
	if err := p.unlink(name); err != nil {
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
	// O_EXCL never opens an existing file.
	if flag&(os.O_WRONLY|os.O_RDWR) != 0 && flag&os.O_EXCL == 0 {
		var keep []byte
		if flag&os.O_TRUNC == 0 {
			// A write that keeps the contents gets a copy of them.
			data, err := afero.ReadFile(p.Fs, name)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			keep = data
		}
		if err := p.unlink(name); err != nil {
			return nil, err
		}
		if keep != nil {
			if err := afero.WriteFile(p.Fs, name, keep, perm); err != nil {
				return nil, err
			}
		}
	}
	f, err := p.Fs.OpenFile(name, flag, perm)
	if err == nil && flag&os.O_CREATE != 0 && p.wrote != nil {
		p.wrote(name)
	}
	return f, err
}

// unlink removes the file name, if there is one.
func (p publishFs) unlink(name string) error {
	info, err := p.Fs.Stat(name)
	if err != nil || info.IsDir() {
		return nil
	}
	if err := p.Fs.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("replace %s: %w", name, err)
	}
	return nil
}
