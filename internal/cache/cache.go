// Package cache keeps what builds compute between them, in a folder
// outside the repository and the output: redlines, rendered pages and each
// edition's analysis (in packs, see Packs), and the output memo (see
// Store), each under a SHA-256 of exactly what it depends on.
// Nothing depends on an entry being there or being right: a missing or
// damaged entry is computed again, and a folder that cannot be written only
// costs time and one warning.
package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Env names the environment variable that, when set, is the folder of
// policysite's caches instead of the system's (for tests and CI).
const Env = "POLICYSITE_CACHE_DIR"

// DefaultDir is the folder of policysite's caches between builds:
// $POLICYSITE_CACHE_DIR, else policysite/ in os.UserCacheDir, else "" (no
// cache) when the system has no cache folder.
func DefaultDir() string {
	if d := os.Getenv(Env); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "policysite")
}

// cacheTTL is how long an entry may go unused before a build removes it:
// entries of editions that were deleted, of an older redline.Version or of
// templates since changed are never read again.
const cacheTTL = 30 * 24 * time.Hour

// touchAfter is how stale an entry's last use may be before a read renews
// it: renewing on every read would rewrite indexes every build for nothing.
const touchAfter = 24 * time.Hour

// trimEvery is how often a cache folder is scanned for old entries; a
// marker file's modification time says when it last was.
const trimEvery = 24 * time.Hour

// Store keeps byte strings under keys in dir/<2 hex>/<key>, one file each:
// for a few entries that each build replaces, such as the output memo,
// where a pack (see Packs) would keep every build's copy until a trim.
// Each file is the SHA-256 of the key and the body, followed by the body,
// so that a torn or damaged file, or one under another key, is recognised
// and treated as missing. It is safe for concurrent use, also by other
// builds at the same time.
type Store struct {
	dir string // "" when off
	warner
}

// New returns the store in root's sub folder, or a store that is off when
// root is "". what names what it holds, for its warning.
func New(root, sub, what string) *Store {
	if root == "" {
		return &Store{warner: warner{what: what, plural: sub}}
	}
	return &Store{dir: filepath.Join(root, sub), warner: warner{what: what, plural: sub}}
}

// On tells whether s keeps anything.
func (s *Store) On() bool { return s != nil && s.dir != "" }

func (s *Store) path(key string) string {
	return filepath.Join(s.dir, key[:2], key)
}

// Get returns the body stored under key, or nil when it is missing or
// damaged.
func (s *Store) Get(key string) []byte {
	if !s.On() {
		return nil
	}
	data, err := os.ReadFile(s.path(key))
	if err != nil || len(data) < sha256.Size || !bytes.Equal(data[:sha256.Size], sum(key, data[sha256.Size:])) {
		return nil
	}
	return data[sha256.Size:]
}

// sum is what an entry starts with.
func sum(key string, body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(key))
	h.Write(body)
	return h.Sum(nil)
}

// Put stores body under key and tells whether it did; a failure is
// remembered for one warning.
func (s *Store) Put(key string, body []byte) bool {
	if !s.On() {
		return false
	}
	data := make([]byte, 0, sha256.Size+len(body))
	if err := WriteAtomic(s.path(key), append(append(data, sum(key, body)...), body...)); err != nil {
		s.Fail(err)
		return false
	}
	return true
}

// warner keeps a store's first failure to write, for one warning.
type warner struct {
	// what the store holds, for its warning: "redline", "page", and its
	// plural, the store's folder: "redlines", "analyses".
	what, plural string

	mu      sync.Mutex
	warning string
}

// Fail remembers err for the store's warning, if it is the first.
func (w *warner) Fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.warning == "" {
		w.warning = fmt.Sprintf("the %s cache cannot be written, so the next run computes its %s again (set %s to another folder): %v", w.what, w.plural, Env, err)
	}
}

// Warning returns the one warning the store has for this build, or "".
func (s *Store) Warning() string {
	if s == nil {
		return ""
	}
	return s.warner.text()
}

// Warning returns the one warning the store has for this build, or "".
func (p *Packs) Warning() string {
	if p == nil {
		return ""
	}
	return p.warner.text()
}

func (w *warner) text() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.warning
}

// WriteAtomic writes a file that concurrent builds may read: they see it
// whole or not at all.
func WriteAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// ProgramHash identifies the running program, for keys of entries that
// depend on its code: rendered pages (and Hugo, which is built in) and each
// edition's analysis. See programID.
var ProgramHash = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return programID(exe)
})

// programID identifies the program at path by its Go build ID, whose last
// part is a hash of the program's content that the go command computes as
// it links. Hashing the 80 MB program instead took tens of milliseconds of
// every run, a quarter of a small site's build. A program without a build
// ID (linked with -buildid=, or not found where the linker puts it) is
// hashed.
func programID(path string) (string, error) {
	if id := goBuildID(path); id != "" {
		return "go build id " + id, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil)), nil
}

// goBuildID reads the build ID the Go linker wrote into the program at
// path, or returns "": from the ELF note .note.go.buildid, or from the
// marker at the start of the text in other formats, which is where the go
// command itself looks. Only an ID with its content hash counts.
func goBuildID(path string) string {
	var id string
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if data, err := sec.Data(); err == nil {
				id = elfNoteID(data, f.ByteOrder)
			}
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return ""
		}
		defer f.Close()
		head := make([]byte, 32<<10)
		n, _ := io.ReadFull(f, head)
		head = head[:n]
		const marker = "\xff Go build ID: \""
		if i := bytes.Index(head, []byte(marker)); i >= 0 {
			rest := head[i+len(marker):]
			if j := bytes.IndexByte(rest, '"'); j >= 0 {
				id = string(rest[:j])
			}
		}
	}
	// actionID/contentID for a program; a lone ID says nothing of content.
	if _, content, ok := strings.Cut(id, "/"); !ok || content == "" || strings.ContainsAny(id, " \n\x00") {
		return ""
	}
	return id
}

// elfNoteID returns the description of the Go build ID note (name "Go",
// type 4) in data, or "".
func elfNoteID(data []byte, order binary.ByteOrder) string {
	if len(data) < 16 {
		return ""
	}
	namesz, descsz, typ := order.Uint32(data), order.Uint32(data[4:]), order.Uint32(data[8:])
	if namesz != 4 || typ != 4 || string(data[12:16]) != "Go\x00\x00" || uint64(descsz) > uint64(len(data)-16) {
		return ""
	}
	return string(data[16 : 16+descsz])
}
