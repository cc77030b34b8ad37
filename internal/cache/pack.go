package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Packs keeps byte strings under keys in a few large files of one folder,
// the packs: each build appends what it computes to a pack of its own, and
// an index beside the pack says where each entry is and when a build last
// used it. A cold build of a large site computes thousands of entries; as
// one file each, making them took about a tenth of its CPU time on the
// benchmark's machine, most of it in the kernel (see docs/performance.md).
//
// The index holds each entry's CRC-32C of its key and body, so that a
// damaged entry, or one read at the wrong place or under another key, is
// taken for missing. Not a SHA-256, as the one-file store has: a warm build
// reads hundreds of megabytes of entries, and hashing them cost it a
// twentieth of its time; the checksum costs a hundredth of that and
// catches what disks and killed builds do to files. The index itself, a
// few hundred kilobytes, has a SHA-256.
//
// Packs is safe for concurrent use, also by other builds sharing the
// folder: a build's pack and index appear by rename when it closes, a build
// reads only the packs whose index it found when it started, and one that
// finds a pack removed meanwhile (merged or dropped by another's trim)
// takes its entries for missing.
type Packs struct {
	dir string // "" when off
	warner
	// now is the clock for entries' use and trimming; tests set it.
	now func() time.Time

	loadOnce sync.Once
	start    int64 // when the store was first used, in Unix seconds

	// io is held for reading by reads and writes of the packs, and for
	// writing by Close, which closes their files.
	io sync.RWMutex

	mu     sync.Mutex
	index  map[string]loc
	packs  []*pack // found when loading, oldest first
	cur    *pack   // this build's, from its first Put
	curErr error   // why cur could not be made
	// marks holds, per older pack, the entries this build used (true) or
	// removed (false): Close records them in the pack's index.
	marks  map[*pack]map[string]bool
	closed bool
}

// pack is one pack file and the file handle reads and writes go through.
type pack struct {
	id string

	openOnce sync.Once
	f        *os.File // nil when it could not be opened

	// For the pack a build writes: the next free offset, and the entries
	// it holds.
	size    int64
	entries map[string]indexEntry
}

// loc is where an entry is: n bytes at off in p, with the checksum crc;
// used is when a build last used it, in Unix seconds. ownedByUs says p is
// the pack this build writes.
type loc struct {
	p         *pack
	off, n    int64
	used      int64
	crc       uint32
	ownedByUs bool
}

// indexEntry is one entry of a pack's index.
type indexEntry struct {
	key          string
	off, n, used int64
	crc          uint32
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum is an entry's CRC-32C: of its key's length, its key and its
// body.
func checksum(key string, body []byte) uint32 {
	c := crc32.Update(0, castagnoli, binary.AppendUvarint(nil, uint64(len(key))))
	c = crc32.Update(c, castagnoli, []byte(key))
	return crc32.Update(c, castagnoli, body)
}

// maxPacks is how many packs a folder may hold before a build merges the
// smaller ones, whatever the time of the last trim: a preview server
// rebuilds on every save, and each rebuild that computes something makes a
// pack.
const maxPacks = 16

// NewPacks returns the packs in root's sub folder, or a store that is off
// when root is "". what names what it holds, for its warning: "redline",
// "page".
func NewPacks(root, sub, what string) *Packs {
	p := &Packs{warner: warner{what: what, plural: sub}, now: time.Now}
	if root != "" {
		p.dir = filepath.Join(root, sub)
	}
	return p
}

// On tells whether p keeps anything.
func (p *Packs) On() bool { return p != nil && p.dir != "" }

func (p *Packs) packPath(id string) string  { return filepath.Join(p.dir, id+".pack") }
func (p *Packs) indexPath(id string) string { return filepath.Join(p.dir, id+".idx") }
func (p *Packs) tempPath(id string) string  { return filepath.Join(p.dir, ".tmp-"+id+".pack") }

// load reads the indexes in the folder, once. A damaged index is as good as
// none: its pack's entries are computed again, and trimmed in time.
func (p *Packs) load() {
	p.loadOnce.Do(func() {
		p.start = p.now().Unix()
		p.index = map[string]loc{}
		p.marks = map[*pack]map[string]bool{}
		for _, id := range p.ids() {
			entries, err := readIndex(p.indexPath(id))
			if err != nil {
				continue
			}
			pk := &pack{id: id}
			p.packs = append(p.packs, pk)
			// Later packs are newer, and their entries win.
			for _, e := range entries {
				p.index[e.key] = loc{p: pk, off: e.off, n: e.n, used: e.used, crc: e.crc}
			}
		}
	})
}

// ids returns the ids of the packs that have an index, oldest first.
func (p *Packs) ids() []string {
	des, _ := os.ReadDir(p.dir)
	var ids []string
	for _, de := range des {
		if id, ok := strings.CutSuffix(de.Name(), ".idx"); ok && !strings.HasPrefix(id, ".") {
			ids = append(ids, id)
		}
	}
	// Ids start with the time they were made, in fixed-width hex.
	slices.Sort(ids)
	return ids
}

// newID names a new pack: its time first, so that names sort by age, then
// random digits for builds that start in the same nanosecond.
func newID(t time.Time) string {
	return fmt.Sprintf("%016x-%08x", uint64(t.UnixNano()), rand.Uint32())
}

// file returns the pack's file, opened on first use, or nil.
func (pk *pack) file(p *Packs) *os.File {
	pk.openOnce.Do(func() {
		pk.f, _ = os.Open(p.packPath(pk.id))
	})
	return pk.f
}

// Get returns the body stored under key, or nil when it is missing or
// damaged.
func (p *Packs) Get(key string) []byte {
	if !p.On() {
		return nil
	}
	p.load()
	p.io.RLock()
	defer p.io.RUnlock()
	p.mu.Lock()
	l, ok := p.index[key]
	closed := p.closed
	p.mu.Unlock()
	if !ok || closed {
		return nil
	}
	var f *os.File
	if l.ownedByUs {
		f = l.p.f // set before any entry of the pack was indexed
	} else {
		f = l.p.file(p)
	}
	if f == nil {
		return nil
	}
	data := make([]byte, l.n)
	if _, err := f.ReadAt(data, l.off); err != nil || checksum(key, data) != l.crc {
		p.forget(key, l)
		return nil
	}
	p.use(key, l)
	return data
}

// forget drops a damaged entry from the index, so that it is read once and
// a Put may replace it.
func (p *Packs) forget(key string, l loc) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.index[key] == l {
		delete(p.index, key)
	}
}

// use marks an entry of an older pack as used, when its index says it was
// last used more than touchAfter ago: renewing every entry's time on every
// read would rewrite indexes each build for nothing.
func (p *Packs) use(key string, l loc) {
	if l.ownedByUs || p.start-l.used <= int64(touchAfter/time.Second) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	m := p.marks[l.p]
	if m == nil {
		m = map[string]bool{}
		p.marks[l.p] = m
	}
	m[key] = true
}

// Keep marks the entry under key as used, as Get does, without reading it:
// for a caller that had what the entry holds from elsewhere.
func (p *Packs) Keep(key string) {
	if !p.On() {
		return
	}
	p.load()
	p.mu.Lock()
	l, ok := p.index[key]
	p.mu.Unlock()
	if ok {
		p.use(key, l)
	}
}

// Put stores body under key and tells whether it did; a failure is
// remembered for one warning.
func (p *Packs) Put(key string, body []byte) bool {
	if !p.On() {
		return false
	}
	p.load()
	p.io.RLock()
	defer p.io.RUnlock()
	p.mu.Lock()
	if p.closed || p.curErr != nil {
		p.mu.Unlock()
		return false
	}
	if l, ok := p.index[key]; ok && l.ownedByUs {
		p.mu.Unlock()
		return true
	}
	if p.cur == nil {
		cur, err := p.create()
		if err != nil {
			p.curErr = err
			p.mu.Unlock()
			p.Fail(err)
			return false
		}
		p.cur = cur
	}
	cur := p.cur
	n := int64(len(body))
	off := cur.size
	cur.size += n
	p.mu.Unlock()

	crc := checksum(key, body)
	if _, err := cur.f.WriteAt(body, off); err != nil {
		p.Fail(err)
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.index[key] = loc{p: cur, off: off, n: n, used: p.start, crc: crc, ownedByUs: true}
	cur.entries[key] = indexEntry{key: key, off: off, n: n, used: p.start, crc: crc}
	return true
}

// create makes the pack this build writes, under a temporary name until
// Close.
func (p *Packs) create() (*pack, error) {
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return nil, err
	}
	pk := &pack{id: newID(p.now()), entries: map[string]indexEntry{}}
	f, err := os.OpenFile(p.tempPath(pk.id), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	pk.f = f
	return pk, nil
}

// Remove drops the entry under key, if there is one: for an entry that
// turned out not to be worth keeping.
func (p *Packs) Remove(key string) {
	if !p.On() {
		return
	}
	p.load()
	p.mu.Lock()
	defer p.mu.Unlock()
	l, ok := p.index[key]
	if !ok {
		return
	}
	delete(p.index, key)
	if l.ownedByUs {
		delete(l.p.entries, key)
		return
	}
	m := p.marks[l.p]
	if m == nil {
		m = map[string]bool{}
		p.marks[l.p] = m
	}
	m[key] = false
}

// Close ends the build's use of the store: its pack gets its final name and
// its index, older packs' indexes record what it used and removed, and, at
// most once per trimEvery or when the folder has more than maxPacks packs,
// entries unused for cacheTTL are dropped and sparse or small packs merged.
// The store reads and writes nothing after. A build that is killed before
// Close loses only what it computed.
func (p *Packs) Close() {
	if !p.On() {
		return
	}
	p.load()
	p.io.Lock()
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		p.io.Unlock()
		return
	}
	p.closed = true
	p.mu.Unlock()
	for _, pk := range p.packs {
		if pk.f != nil {
			pk.f.Close()
		}
	}
	cur := p.cur
	p.io.Unlock()

	if cur != nil {
		p.finish(cur)
	}
	for pk, m := range p.marks {
		p.mark(pk.id, m)
	}
	p.trim()
}

// finish gives the pack this build wrote its name and its index.
func (p *Packs) finish(cur *pack) {
	cerr := cur.f.Close()
	entries := make([]indexEntry, 0, len(cur.entries))
	for _, e := range cur.entries {
		entries = append(entries, e)
	}
	if cerr != nil || len(entries) == 0 {
		if cerr != nil {
			p.Fail(cerr)
		}
		os.Remove(p.tempPath(cur.id))
		return
	}
	// The pack first: an index is only ever found beside its pack.
	if err := os.Rename(p.tempPath(cur.id), p.packPath(cur.id)); err != nil {
		p.Fail(err)
		os.Remove(p.tempPath(cur.id))
		return
	}
	if err := WriteAtomic(p.indexPath(cur.id), encodeIndex(entries)); err != nil {
		p.Fail(err)
		os.Remove(p.packPath(cur.id))
	}
}

// mark records in the index of pack id the entries this build used (true)
// or removed (false). The index is read again rather than taken from when
// the build started: another build may have changed or removed it since,
// and what it did stays.
func (p *Packs) mark(id string, m map[string]bool) {
	entries, err := readIndex(p.indexPath(id))
	if err != nil {
		return
	}
	now := p.now().Unix()
	kept := entries[:0]
	for _, e := range entries {
		used, ok := m[e.key]
		if ok && !used {
			continue
		}
		if ok {
			e.used = max(e.used, now)
		}
		kept = append(kept, e)
	}
	if len(kept) == 0 {
		p.drop(id)
		return
	}
	_ = WriteAtomic(p.indexPath(id), encodeIndex(kept))
}

// drop removes a pack, its index first: a build that lists the folder then
// finds no index without its pack.
func (p *Packs) drop(id string) {
	os.Remove(p.indexPath(id))
	os.Remove(p.packPath(id))
}

// trim drops the entries no build used for cacheTTL, and the copies of a
// key that a newer pack holds again, then rewrites the packs that are less
// than half live, and merges all but the largest pack when there are more
// than maxPacks. It also removes what a killed build left and entries in
// the one-file-per-entry layout of earlier versions, which nothing reads.
func (p *Packs) trim() {
	now := p.now()
	ids := p.ids()
	marker := filepath.Join(p.dir, ".trimmed")
	info, err := os.Stat(marker)
	due := err != nil || now.Sub(info.ModTime()) >= trimEvery
	if err != nil && !os.IsNotExist(err) || !due && len(ids) <= maxPacks {
		return
	}
	if err := WriteAtomic(marker, nil); err != nil {
		return
	}
	if err := os.Chtimes(marker, now, now); err != nil {
		return
	}
	des, _ := os.ReadDir(p.dir)
	for _, de := range des {
		name := de.Name()
		switch {
		case de.IsDir() && len(name) == 2:
			os.RemoveAll(filepath.Join(p.dir, name))
		case strings.HasPrefix(name, ".tmp-"):
			if info, err := de.Info(); err == nil && now.Sub(info.ModTime()) > time.Hour {
				os.Remove(filepath.Join(p.dir, name))
			}
		}
	}

	type packInfo struct {
		id        string
		live      []indexEntry
		liveBytes int64
		size      int64
	}
	var infos []*packInfo
	seen := map[string]bool{}
	oldest := now.Add(-cacheTTL).Unix()
	// Newest first, so that the newest copy of a key is the one kept.
	for _, id := range slices.Backward(ids) {
		entries, err := readIndex(p.indexPath(id))
		st, serr := os.Stat(p.packPath(id))
		if err != nil || serr != nil {
			p.drop(id)
			continue
		}
		pi := &packInfo{id: id, size: st.Size()}
		for _, e := range entries {
			if !seen[e.key] && e.used >= oldest {
				pi.live = append(pi.live, e)
				pi.liveBytes += e.n
			}
			seen[e.key] = true
		}
		infos = append(infos, pi)
	}
	var merge, keep []*packInfo
	for _, pi := range infos {
		switch {
		case len(pi.live) == 0:
			p.drop(pi.id)
		case pi.liveBytes*2 < pi.size:
			merge = append(merge, pi)
		default:
			keep = append(keep, pi)
		}
	}
	if len(keep)+min(len(merge), 1) > maxPacks {
		slices.SortFunc(keep, func(a, b *packInfo) int { return int(b.size - a.size) })
		merge, keep = append(merge, keep[1:]...), keep[:1]
	}
	if len(merge) == 0 {
		return
	}
	// The oldest first, as the entries were written.
	slices.Reverse(merge)
	var live [][]indexEntry
	var ids2 []string
	for _, pi := range merge {
		live = append(live, pi.live)
		ids2 = append(ids2, pi.id)
	}
	if err := p.merge(now, ids2, live); err != nil {
		return
	}
	for _, id := range ids2 {
		p.drop(id)
	}
}

// merge writes one pack holding the entries live of the packs ids, those
// that read back whole.
func (p *Packs) merge(now time.Time, ids []string, live [][]indexEntry) error {
	id := newID(now)
	out, err := os.OpenFile(p.tempPath(id), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	var entries []indexEntry
	var off int64
	var werr error
	for i, src := range ids {
		f, err := os.Open(p.packPath(src))
		if err != nil {
			continue
		}
		for _, e := range live[i] {
			data := make([]byte, e.n)
			if _, err := f.ReadAt(data, e.off); err != nil || checksum(e.key, data) != e.crc {
				continue
			}
			if _, werr = out.Write(data); werr != nil {
				break
			}
			entries = append(entries, indexEntry{key: e.key, off: off, n: e.n, used: e.used, crc: e.crc})
			off += e.n
		}
		f.Close()
		if werr != nil {
			break
		}
	}
	if err := errors.Join(werr, out.Close()); err != nil {
		os.Remove(p.tempPath(id))
		return err
	}
	if len(entries) == 0 {
		os.Remove(p.tempPath(id))
		return nil
	}
	if err := os.Rename(p.tempPath(id), p.packPath(id)); err != nil {
		os.Remove(p.tempPath(id))
		return err
	}
	if err := WriteAtomic(p.indexPath(id), encodeIndex(entries)); err != nil {
		os.Remove(p.packPath(id))
		return err
	}
	return nil
}

// indexMagic starts every index; a change of the layout changes it.
const indexMagic = "policysite pack index 1\n"

// encodeIndex encodes a pack's index: the magic, the count of entries,
// each entry's key, offset, length and last use as varints and bytes and
// its checksum in 4 bytes, in the order of their offsets, then the SHA-256
// of all that, so that a damaged index is recognised.
func encodeIndex(entries []indexEntry) []byte {
	slices.SortFunc(entries, func(a, b indexEntry) int { return int(a.off - b.off) })
	b := []byte(indexMagic)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	for _, e := range entries {
		b = binary.AppendUvarint(b, uint64(len(e.key)))
		b = append(b, e.key...)
		b = binary.AppendUvarint(b, uint64(e.off))
		b = binary.AppendUvarint(b, uint64(e.n))
		b = binary.AppendVarint(b, e.used)
		b = binary.LittleEndian.AppendUint32(b, e.crc)
	}
	s := sha256.Sum256(b)
	return append(b, s[:]...)
}

var errBadIndex = errors.New("damaged pack index")

func readIndex(path string) ([]indexEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodeIndex(data)
}

// decodeIndex decodes what encodeIndex encoded, or fails with errBadIndex.
func decodeIndex(data []byte) ([]indexEntry, error) {
	if len(data) < len(indexMagic)+sha256.Size {
		return nil, errBadIndex
	}
	body, s := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(s, sum[:]) || !bytes.HasPrefix(body, []byte(indexMagic)) {
		return nil, errBadIndex
	}
	r := bytes.NewReader(body[len(indexMagic):])
	var err error
	uv := func() uint64 {
		v, e := binary.ReadUvarint(r)
		if e != nil {
			err = errBadIndex
		}
		return v
	}
	n := uv()
	if err != nil || n > uint64(r.Len()) {
		return nil, errBadIndex
	}
	entries := make([]indexEntry, 0, n)
	for range n {
		kl := uv()
		if err != nil || kl > uint64(r.Len()) {
			return nil, errBadIndex
		}
		key := make([]byte, kl)
		if _, e := io.ReadFull(r, key); e != nil {
			return nil, errBadIndex
		}
		e := indexEntry{key: string(key), off: int64(uv()), n: int64(uv())}
		used, uerr := binary.ReadVarint(r)
		var crc [4]byte
		_, cerr := io.ReadFull(r, crc[:])
		if err != nil || uerr != nil || cerr != nil || e.off < 0 || e.n < 0 {
			return nil, errBadIndex
		}
		e.used, e.crc = used, binary.LittleEndian.Uint32(crc[:])
		entries = append(entries, e)
	}
	if r.Len() != 0 {
		return nil, errBadIndex
	}
	return entries, nil
}
