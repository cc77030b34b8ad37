package preview

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"policysite/internal/config"
	"policysite/internal/source"
)

// sourceDirs are the folders whose files make the site; with config.FileName
// they are all that a change can matter in.
var sourceDirs = []string{source.Dir, "content", "layouts", "i18n", "assets", "static"}

// watchAll watches the repository's root, for policysite.toml and for
// source folders that appear, and every folder under the source folders.
func (s *Server) watchAll() error {
	if err := s.watcher.Add(s.root); err != nil {
		return fmt.Errorf("watch %s: %w", s.o.Source, err)
	}
	for _, d := range sourceDirs {
		s.watchTree(filepath.Join(s.root, d))
	}
	return nil
}

// watchTree watches dir and every folder under it: fsnotify watches one
// folder, not what is below it.
func (s *Server) watchTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil // gone meanwhile, or unreadable: the build says so
		}
		if p != dir && ignored(d.Name()) || p == s.work {
			return filepath.SkipDir
		}
		if err := s.watcher.Add(p); err != nil {
			fmt.Fprintf(s.o.Stderr, "preview: changes in %s will not be seen: %v\n", s.rel(p), err)
		}
		return nil
	})
}

func (s *Server) rel(p string) string {
	if r, err := filepath.Rel(s.root, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}

// watch turns changes of the sources into builds: once the sources have
// been quiet for o.quiet, or at the latest maxWait after the first change
// of a burst, it leaves a token in s.changed.
func (s *Server) watch(ctx context.Context) {
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	var first time.Time // of the burst; zero when none is pending
	changed := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		quiet.Reset(min(s.o.quiet, first.Add(maxWait).Sub(now)))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-s.watcher.Events:
			if !ok {
				return
			}
			if s.relevant(ev) {
				changed()
			}
		case err, ok := <-s.watcher.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.o.Stderr, "preview: watching the sources: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost, perhaps of new folders: watch
				// everything again, and build.
				s.watchAll()
			}
			changed()
		case <-quiet.C:
			first = time.Time{}
			select {
			case s.changed <- struct{}{}:
			default: // a build is already due
			}
		}
	}
}

// relevant reports whether ev can change the site, and watches a new
// folder of the sources.
func (s *Server) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false // also sent for reads by some tools; no content changed
	}
	if s.work != "" && (ev.Name == s.work || strings.HasPrefix(ev.Name, s.work+string(filepath.Separator))) {
		return false
	}
	rel, err := filepath.Rel(s.root, ev.Name)
	if err != nil || !isSource(filepath.ToSlash(rel)) {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// Files may already be in it; the build this change brings
			// reads them.
			s.watchTree(ev.Name)
		}
	}
	return true
}

// isSource reports whether the file at rel, relative to the repository and
// slash-separated, is one that the site is made of: policysite.toml, or a
// file under a source folder that is neither hidden nor an editor's
// temporary file.
func isSource(rel string) bool {
	parts := strings.Split(rel, "/")
	if len(parts) == 1 {
		return rel == config.FileName || slices.Contains(sourceDirs, rel)
	}
	if !slices.Contains(sourceDirs, parts[0]) {
		return false
	}
	for _, p := range parts[1:] {
		if ignored(p) {
			return false
		}
	}
	return true
}

// ignored reports whether a file or folder name is hidden (.git, an Emacs
// lock file .#x, a Vim swap file .x.swp) or an editor's backup or swap
// file (x~, x.swp).
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx")
}
