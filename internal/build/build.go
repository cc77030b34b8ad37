// Package build runs a whole build: read the config and every source,
// render the site into a temporary directory beside the output, and swap it
// in only when everything succeeded, so that a failed build loses nothing.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"policysite/internal/cache"
	"policysite/internal/check"
	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/overlay"
	"policysite/internal/plan"
	"policysite/internal/policy"
	"policysite/internal/source"
)

// Options are the build command's flags.
type Options struct {
	Source  string
	Out     string
	Now     time.Time
	BaseURL string // overrides the config's base_url when not empty
	// HugoProject, when set, also receives the project handed to Hugo.
	HugoProject string
	// Strict makes every warning an error: the build fails and the previous
	// output stays.
	Strict bool
	// CacheDir is the folder of the caches kept between builds; "" is
	// cache.DefaultDir.
	CacheDir string
	// Progress, when not nil, hears how the build advances.
	Progress plan.Progress
	// RenderGCPercent is site.Options': the garbage collector's target
	// while Hugo renders, or 0 to leave it.
	RenderGCPercent int
	// Preview builds the author's preview (policysite serve), never a
	// site to publish: drafts and editions posted after Now are shown
	// too, each under a banner (see plan.Input.Preview).
	Preview bool
}

// ErrStrict is returned, wrapped, when a build with Strict has warnings.
var ErrStrict = errors.New("--strict makes warnings errors")

// Report is what a build did.
type Report struct {
	Site     *config.Site
	Strings  *l10n.Bundle
	Result   *Result
	Warnings []*policy.Warning
	Out      string
}

// Run builds the site. On error the previous output is left as it was.
func Run(ctx context.Context, o Options) (*Report, error) {
	root, err := filepath.Abs(o.Source)
	if err != nil {
		return nil, err
	}
	out, err := filepath.Abs(o.Out)
	if err != nil {
		return nil, err
	}
	if err := checkOut(root, out); err != nil {
		return nil, err
	}
	cacheDir := o.CacheDir
	if cacheDir == "" {
		cacheDir = cache.DefaultDir()
	}
	// The same checks as `policysite check`, first: a build publishes only
	// what passes them.
	if o.Progress != nil {
		o.Progress.Phase("reading editions", 0)
	}
	// The repository over the built-in theme: a site's own layouts, strings
	// and assets replace the theme's one file (or message) at a time.
	repo := overlay.Site(root)
	chk, err := check.RunIn(ctx, root, repo, o.Now, cacheDir)
	if err != nil {
		return nil, err
	}
	if o.Preview {
		chk.UnrecordedAsWarnings()
	}
	rep := &Report{Site: chk.Site, Strings: chk.Strings, Out: o.Out, Warnings: chk.Warnings}
	if err := chk.Err(); err != nil {
		return rep, err
	}
	if o.Strict && len(rep.Warnings) > 0 {
		return rep, strictErr(len(rep.Warnings))
	}
	cfg := chk.Site
	baseURL := cfg.BaseURL
	if o.BaseURL != "" {
		if err := config.CheckBaseURL(o.BaseURL); err != nil {
			return rep, fmt.Errorf("--base-url: %w", err)
		}
		baseURL = o.BaseURL
	}

	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return rep, err
	}
	// What builds killed before they ended left beside the output goes
	// first (see stale.go). A folder that cannot be removed now costs this
	// build nothing: the next one tries again.
	_ = removeStale(out)
	tmp, unlock, err := mkdirBeside(out)
	if err != nil {
		return rep, fmt.Errorf("create build directory beside %s: %w", o.Out, err)
	}
	// The folder stays locked until it is gone or has become the output, so
	// that another build never takes it for a dead one's: defers run last
	// first.
	defer unlock()
	defer os.RemoveAll(tmp) // a no-op once it has been swapped in

	// The analyses are the plan's to let go of (see Site).
	analyses := chk.Analyses
	chk.Analyses = nil
	res, err := Site(ctx, Input{
		Source: repo, Root: root, Config: cfg, BaseURL: baseURL, Now: o.Now,
		Policies: chk.Policies, Strings: chk.Strings, Analyses: analyses, HugoProject: o.HugoProject,
		CacheDir: cacheDir, CacheWarning: chk.CacheWarning, Progress: o.Progress, RenderGCPercent: o.RenderGCPercent,
		Preview: o.Preview,
	}, tmp)
	rep.Result = res
	if err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := swap(tmp, out); err != nil {
		return rep, err
	}
	return rep, nil
}

// checkOut refuses output directories whose replacement would destroy
// something: the repository or a folder of it, or a folder that was not
// built by policysite.
func checkOut(root, out string) error {
	within := func(a, b string) bool { // a is b or inside it
		return a == b || strings.HasPrefix(a, b+string(filepath.Separator))
	}
	if within(root, out) {
		return fmt.Errorf("--out %s would replace the repository itself", out)
	}
	for _, d := range []string{source.Dir, "content", "layouts", "i18n", "assets", "static", "cmd", "internal"} {
		if within(out, filepath.Join(root, d)) {
			return fmt.Errorf("--out %s is inside the sources (%s/)", out, d)
		}
	}
	info, err := os.Stat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("--out %s is a file, not a directory", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and has no index.html, so it is not a site this command built; remove it or choose another --out", out)
	}
	return nil
}

// swap puts the finished build at out. The old output is moved aside first
// and removed only after the new one is in place. It is locked meanwhile,
// so that another build's removeStale leaves it (see lockOutput).
func swap(tmp, out string) error {
	defer lockOutput(out)()
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("move the previous output aside: %w", err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return fmt.Errorf("put the new output in place: %w", err)
	}
	if old != "" {
		return removeTree(old)
	}
	return nil
}

// mkdirBeside creates the empty folder a build writes before it becomes
// out, in out's parent so that the swap is a rename, and locks it (see
// stale.go); unlock lets go of the lock, once the folder is removed or has
// become out. Unlike os.MkdirTemp, whose folder only its owner may read
// (0700), it leaves the permissions to the umask, as for every folder
// inside: the folder becomes the site, which a web server running as
// another user must read, and rsync -a copies its mode to the host.
func mkdirBeside(out string) (dir string, unlock func(), err error) {
	prefix := filepath.Join(filepath.Dir(out), buildFolderPrefix(out))
	for range 1000 {
		dir := prefix + strconv.FormatUint(rand.Uint64(), 36)
		err := os.Mkdir(dir, 0o755)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", nil, err
		}
		unlock, lost, err := lockNew(dir)
		if lost {
			// Another build's removeStale has it: it removes it.
			continue
		}
		if err != nil {
			os.Remove(dir)
			return "", nil, err
		}
		return dir, unlock, nil
	}
	return "", nil, fmt.Errorf("no free name for %s*", prefix)
}

func strictErr(n int) error {
	return fmt.Errorf("%d warning(s), and %w", n, ErrStrict)
}
