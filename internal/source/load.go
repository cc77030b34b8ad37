package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"policysite/internal/policy"
	"policysite/internal/repofs"
)

// Dir is the folder, relative to the repository, that holds the editions.
const Dir = "versions"

// Options configure Load.
type Options struct {
	// FS is the repository, its root the folder that holds versions/
	// (os.DirFS of the repository, or a fstest.MapFS in tests). Load reads
	// it on several goroutines at once. A symbolic link in it is followed
	// only when it leads to a place inside FS, which Load can tell only of
	// an FS that implements fs.ReadLinkFS, as os.DirFS does; another FS
	// shows no links, and must keep its files inside itself.
	FS       fs.FS
	Langs    []policy.Lang
	Location *time.Location
}

// Result is every policy found, ordered by slug, with warnings.
type Result struct {
	Policies []*policy.Policy
	Warnings []*policy.Warning
}

// Load reads every edition under versions/ of o.FS. It reports every
// problem it finds, as a policy.ErrorList, rather than stopping at the
// first.
func Load(o Options) (*Result, error) {
	entries, err := fs.ReadDir(o.FS, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		// A repository before its first edition: `policysite new` and
		// `policysite import` make the folder.
		entries, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", Dir, err)
	}
	var (
		res  Result
		errs policy.ErrorList
	)
	for _, ent := range entries {
		name := ent.Name()
		rel := Dir + "/" + shown(name)
		if ignored(name) {
			continue
		}
		// A name that is not UTF-8 cannot be opened through an fs.FS, and
		// is no slug either.
		if !utf8.ValidString(name) {
			errs = append(errs, badSlug(rel, name))
			continue
		}
		info, err := statInside(o.FS, Dir+"/"+name)
		if err != nil {
			errs = append(errs, policy.Errorf(rel, 0, "%v", err))
			continue
		}
		if !info.IsDir() {
			if name == "README.md" || name == "versions.sum" {
				continue
			}
			errs = append(errs, policy.Errorf(rel, 0, "not a policy folder: %s holds one folder per policy", Dir))
			continue
		}
		if !policy.ValidSlug(name) {
			errs = append(errs, badSlug(rel, name))
			continue
		}
		p, warns, perrs := loadPolicy(o, name)
		res.Warnings = append(res.Warnings, warns...)
		errs = append(errs, perrs...)
		if len(perrs) == 0 && p != nil {
			res.Policies = append(res.Policies, p)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	sort.Slice(res.Policies, func(i, j int) bool { return res.Policies[i].Slug < res.Policies[j].Slug })
	return &res, nil
}

// badSlug is the error of the policy folder name, shown as rel.
func badSlug(rel, name string) *policy.SourceError {
	return policy.Errorf(rel, 0, "policy folder %q must be named with lowercase letters, digits and hyphens ([a-z0-9-]+, at most 64), starting with a letter or digit, as it becomes the policy's URL", name)
}

func loadPolicy(o Options, slug string) (*policy.Policy, []*policy.Warning, policy.ErrorList) {
	dir := Dir + "/" + slug
	entries, err := fs.ReadDir(o.FS, dir)
	if err != nil {
		return nil, nil, policy.ErrorList{policy.Errorf(Dir+"/"+slug, 0, "%v", err)}
	}
	p := &policy.Policy{Slug: slug, Editions: map[policy.Lang][]*policy.Edition{}}
	// Files are read and parsed on all cores: a policy can have thousands
	// of editions. What each gives is gathered in the folder's order, so
	// messages and editions come out as from one loop.
	type loaded struct {
		lang  policy.Lang
		e     *policy.Edition
		warns []*policy.Warning
		errs  policy.ErrorList
	}
	out := make([]loaded, len(entries))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(entries), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				r := &out[i]
				r.lang, r.e, r.warns, r.errs = loadEdition(o, slug, dir, entries[i].Name())
			}
		})
	}
	for i := range entries {
		next <- i
	}
	close(next)
	wg.Wait()
	var (
		warns []*policy.Warning
		errs  policy.ErrorList
	)
	for _, r := range out {
		warns = append(warns, r.warns...)
		errs = append(errs, r.errs...)
		if r.e != nil {
			p.Editions[r.lang] = append(p.Editions[r.lang], r.e)
		}
	}
	for _, eds := range p.Editions {
		sort.SliceStable(eds, func(i, j int) bool { return policy.Less(eds[i], eds[j]) })
	}
	if len(p.Editions) == 0 && len(errs) == 0 {
		warns = append(warns, policy.Errorf(Dir+"/"+slug, 0, "policy folder has no editions"))
		return nil, warns, nil
	}
	return p, warns, errs
}

// loadEdition reads and parses the file name of the folder dir (a path in
// o.FS) of policy slug; an ignored file gives nothing.
func loadEdition(o Options, slug, dir, name string) (policy.Lang, *policy.Edition, []*policy.Warning, policy.ErrorList) {
	rel := Dir + "/" + slug + "/" + shown(name)
	if ignored(name) {
		return "", nil, nil, nil
	}
	fail := func(format string, args ...any) (policy.Lang, *policy.Edition, []*policy.Warning, policy.ErrorList) {
		return "", nil, nil, policy.ErrorList{policy.Errorf(rel, 0, format, args...)}
	}
	// A name that is not UTF-8 cannot be opened through an fs.FS, and is
	// no edition's either.
	if !utf8.ValidString(name) {
		_, err := ParseFileName(name, o.Langs)
		return fail("%v", err)
	}
	file := dir + "/" + name
	info, err := statInside(o.FS, file)
	if err != nil {
		return fail("%v", err)
	}
	if info.IsDir() {
		return fail("unexpected folder: a policy folder holds only edition files <YYYY-MM-DD>.<lang>.md")
	}
	fn, err := ParseFileName(name, o.Langs)
	if err != nil {
		return fail("%v", err)
	}
	// Reading a named pipe or a device would wait for ever or never end.
	if !info.Mode().IsRegular() {
		return fail("not a regular file (%s): an edition is a plain text file", fileType(info.Mode()))
	}
	if info.Size() > MaxFileSize {
		return fail("file is %d bytes, over the %d-byte limit for one edition", info.Size(), MaxFileSize)
	}
	data, err := readLimited(o.FS, file, MaxFileSize)
	if err != nil {
		return fail("%v", err)
	}
	e, w, err := ParseEdition(data, ParseOptions{File: rel, Policy: slug, Name: fn, Location: o.Location})
	if err != nil {
		var se *policy.SourceError
		if errors.As(err, &se) {
			return "", nil, w, policy.ErrorList{se}
		}
		return "", nil, w, policy.ErrorList{policy.Errorf(rel, 0, "%v", err)}
	}
	return fn.Lang, e, w, nil
}

// shown is name as messages give it (repofs.Shown).
func shown(name string) string { return repofs.Shown(name) }

// ignored skips hidden files that editors and systems leave behind.
func ignored(name string) bool { return strings.HasPrefix(name, ".") }

// statInside stats name, following a symbolic link only when its target
// stays inside fsys: a link out of the repository could publish any file of
// the machine that builds the site.
func statInside(fsys fs.FS, name string) (fs.FileInfo, error) {
	info, err := fs.Lstat(fsys, name)
	if err != nil {
		// The message names the file already, and shown.
		return nil, repofs.Pathless(err)
	}
	if info.Mode()&fs.ModeSymlink == 0 {
		return info, nil
	}
	target, err := repofs.Resolve(fsys, name)
	if err != nil {
		return nil, err
	}
	return fs.Stat(fsys, target)
}

// readLimited reads at most limit+1 bytes of name: a file that grew past
// the limit after it was checked is still not read whole, and ParseEdition
// reports it as too large.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// fileType names the kind of a file that is not a regular file.
func fileType(m fs.FileMode) string { return repofs.FileType(m) }
