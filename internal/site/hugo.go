// Package site renders the pages of a build's plan (package plan) with
// Hugo, embedded as a library: it is the only package that imports Hugo.
// Hugo sees a project that exists only in memory (the repository's
// layouts, content, i18n, assets and static files, read through fs.FS,
// plus a page for every policy, edition, redline and comparison of the
// plan), so it never writes into the source tree, and it publishes into
// the build's output folder.
package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"policysite/internal/outdir"
	"policysite/internal/sitetree"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/htime"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
	"github.com/spf13/afero"
)

// Message is a warning or error that Hugo logged, with paths made relative
// to the repository and generated pages named by their source file.
type Message struct {
	Error bool
	Text  string
}

// hugoProject is the in-memory project handed to Hugo.
type hugoProject struct {
	root string // absolute; the virtual project lives at the same path
	fs   afero.Fs
	// rename maps virtual paths of generated edition pages to the source
	// files they come from, for messages.
	rename map[string]sourceFile
	// pagePos finds a content file's path in Hugo's messages, with the
	// line and column Hugo may give after it; run builds it.
	pagePos *regexp.Regexp
	// paths rewrites other paths in Hugo's messages; run builds it.
	paths *strings.Replacer
	// finish, when not nil, finishes the files Hugo publishes (see
	// publishFs).
	finish func(name string) func(data []byte) ([]byte, error)
	// wrote, when not nil, is told the path of each file Hugo creates.
	wrote func(name string)
	// taken, when not nil, tells which files Hugo must not replace.
	taken func(name string) bool
}

func newProject(root string) *hugoProject {
	return &hugoProject{root: root, fs: afero.NewMemMapFs(), rename: map[string]sourceFile{}}
}

// sourceFile is the edition a generated page comes from: its file, and the
// line of the file on which its body starts. The page holds the body on
// the same lines from its second on (its front matter is one line of
// JSON, pageData), so a line Hugo gives in the page maps to one of the
// file.
type sourceFile struct {
	File     string
	BodyLine int
}

func (p *hugoProject) write(rel string, data []byte) error {
	path := filepath.Join(p.root, filepath.FromSlash(rel))
	if err := p.fs.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return afero.WriteFile(p.fs, path, data, 0o644)
}

// copyDir copies the folder dir of src into the project, if it exists,
// leaving out what the renderer skips (sitetree.Skipped). What it may hold
// is checked before (sitetree.Files); src, the repository read through
// package repofs, opens nothing else anyway.
func (p *hugoProject) copyDir(src fs.FS, dir string) error {
	if _, err := fs.Stat(src, dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return fs.WalkDir(src, dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != dir && sitetree.Skipped(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: symbolic links are not followed in %s/", path, dir)
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(src, path)
		if err != nil {
			return err
		}
		return p.write(path, data)
	})
}

// hugoRuns lets one Hugo build run at a time in the process: Hugo keeps
// package-level state (its clock, the sorted lists of pages that
// page.Clear lets go of), which two builds at once would share.
var hugoRuns sync.Mutex

// fixedClock is a clock stopped at the build's "now". Hugo gives templates
// its time through now and time.Now, so a footer that prints the year
// shows the year of --now: the same input gives the same output whenever
// it is built.
type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time                  { return c.t }
func (c fixedClock) Since(t time.Time) time.Duration { return c.t.Sub(t) }
func (c fixedClock) Until(t time.Time) time.Duration { return t.Sub(c.t) }

// Offset is the clock's distance from the system's, which Hugo never asks
// for; answering would read the wall clock.
func (c fixedClock) Offset() time.Duration { return 0 }

// run builds the project with Hugo into publishDir, its clock stopped at
// now, and returns what Hugo logged. cfg is Hugo's configuration, written as
// the project's hugo.json.
func (p *hugoProject) run(ctx context.Context, cfg map[string]any, publishDir string, now time.Time) ([]Message, error) {
	hugoRuns.Lock()
	defer hugoRuns.Unlock()
	clock := htime.Clock
	htime.Clock = fixedClock{now}
	defer func() { htime.Clock = clock }()

	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := p.write("hugo.json", data); err != nil {
		return nil, err
	}
	p.paths = p.pathReplacer()
	p.pagePos = pagePosRe(p.root)

	var (
		mu   sync.Mutex
		msgs []Message
	)
	collect := func(e *logg.Entry) error {
		if e.Level < logg.LevelWarn {
			return nil
		}
		mu.Lock()
		msgs = append(msgs, Message{Error: e.Level >= logg.LevelError, Text: p.clean(e.Message)})
		mu.Unlock()
		return nil
	}
	var discard bytes.Buffer
	logger := loggers.New(loggers.Options{
		Level:         logg.LevelWarn,
		StdOut:        &discard,
		StdErr:        &discard,
		DistinctLevel: logg.LevelWarn,
		HandlerPost:   collect,
	})

	flags := config.New()
	flags.Set("workingDir", p.root)
	flags.Set("publishDir", publishDir)
	// Environ is never empty, or Hugo would read os.Environ and let stray
	// HUGO_* variables change the site.
	conf, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:          p.fs,
		Flags:       flags,
		Logger:      logger,
		Environment: "production",
		Environ:     []string{"POLICYSITE=1"},
		Filename:    filepath.Join(p.root, "hugo.json"),
	})
	if err != nil {
		return msgs, fmt.Errorf("hugo config: %s", p.clean(err.Error()))
	}
	fs := hugofs.NewFromSourceAndDestination(p.fs, publishFs{Fs: afero.NewOsFs(), finish: p.finish, wrote: p.wrote, taken: p.taken, root: publishDir}, flags)
	// TestLogger is, despite its name, the one way to give Hugo a logger of
	// our own; without it Hugo's warnings would go straight to stderr.
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: conf, Fs: fs, TestLogger: logger})
	if err != nil {
		return msgs, fmt.Errorf("hugo: %s", p.clean(err.Error()))
	}
	defer sites.Close()
	// Hugo keeps the last sorted lists of pages in a package variable,
	// and through them every page, its parsed Markdown and its HTML: on a
	// large site hundreds of megabytes, held while the build writes its
	// JSON unless they are let go.
	defer page.Clear()
	if err := ctx.Err(); err != nil {
		return msgs, err
	}
	if err := sites.Build(hugolib.BuildCfg{NoBuildLock: true}); err != nil {
		return msgs, fmt.Errorf("hugo: %s", p.clean(err.Error()))
	}
	if n := logger.LoggCount(logg.LevelError); n > 0 {
		return msgs, fmt.Errorf("hugo logged %d error(s)", n)
	}
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].Text < msgs[j].Text })
	return msgs, nil
}

// clean makes a Hugo message readable for the repository's authors: paths
// relative to the repository, generated pages named by their source file,
// and none of the advice about Hugo's own config, which they do not edit.
func (p *hugoProject) clean(s string) string {
	if i := strings.Index(s, "\nYou can suppress"); i >= 0 {
		s = s[:i]
	}
	if p.pagePos != nil {
		s = p.pagePos.ReplaceAllStringFunc(s, p.sourcePos)
	}
	s = p.paths.Replace(s)
	s = strings.ReplaceAll(s, "; see https://gohugo.io/getting-started/configuration-markup/#rendererunsafe", "")
	return strings.TrimSpace(s)
}

// sourcePos names a generated edition page, at a line Hugo gives or none,
// by its source file and line: the line Hugo gives, mapped to the file's,
// or else the first line of the edition's body. The column is left out:
// the page's lines carry the clause anchors the file's lack. Other pages
// are left to pathReplacer.
func (p *hugoProject) sourcePos(m string) string {
	parts := posSuffixRe.FindStringSubmatch(m)
	src, ok := p.rename[parts[1]]
	if !ok {
		return m
	}
	line := src.BodyLine
	if l, _, _ := strings.Cut(strings.TrimPrefix(parts[2], ":"), ":"); l != "" {
		// The page's first line is its front matter, the second the
		// body's first.
		if n, err := strconv.Atoi(l); err == nil && n >= 2 {
			line = src.BodyLine + n - 2
		}
	}
	if line <= 0 {
		return src.File
	}
	return src.File + ":" + strconv.Itoa(line)
}

// pagePosRe finds the path of a content file of the project at root, with
// the line and column that may follow it.
func pagePosRe(root string) *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(filepath.Join(root, "content")+string(filepath.Separator)) +
		`[^\s"'<>:]+\.md(?::\d+(?::\d+)?)?`)
}

// posSuffixRe parts a match of pagePos into the path and the position.
var posSuffixRe = regexp.MustCompile(`^(.*\.md)((?::\d+){0,2})$`)

// pathReplacer makes paths in messages relative to the repository.
func (p *hugoProject) pathReplacer() *strings.Replacer {
	return strings.NewReplacer(p.root+string(filepath.Separator), "")
}

// dump writes the project to dir, with cfg as dir/hugo.json and the cache
// folders pointed inside dir.
func (p *hugoProject) dump(dir string, cfg map[string]any) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	c := map[string]any{}
	for k, v := range cfg {
		c[k] = v
	}
	c["cacheDir"] = filepath.Join(dir, ".hugo-cache")
	c["resourceDir"] = filepath.Join(dir, "resources")
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "hugo.json"), data, 0o644); err != nil {
		return err
	}
	return afero.Walk(p.fs, p.root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, err := filepath.Rel(p.root, path)
		if err != nil || rel == "hugo.json" {
			return err
		}
		data, err := afero.ReadFile(p.fs, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// dropContent removes the content files, once Hugo has rendered them: on a
// large site they are tens of megabytes that the rest of the build does
// not need.
func (p *hugoProject) dropContent() {
	_ = p.fs.RemoveAll(filepath.Join(p.root, "content"))
}

// publishStatic copies the project's static/ folder into outDir: the
// repository's static files and the WebAssembly module. Hugo as a library renders pages and resources only; copying
// static files is its command line's job, so the build does it here, and
// unlike that command it never lets a static file replace a page.
func (p *hugoProject) publishStatic(out *outdir.Dir) error {
	base := filepath.Join(p.root, "static")
	if _, err := p.fs.Stat(base); err != nil {
		return nil
	}
	return afero.Walk(p.fs, base, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, err := filepath.Rel(base, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		data, err := afero.ReadFile(p.fs, path)
		if err != nil {
			return err
		}
		err = out.Create(rel, data)
		if errors.Is(err, fs.ErrExist) && out.Made(out.Path(rel)) {
			return fmt.Errorf("static/%s: /%s is where the site publishes its data; rename the file", rel, rel)
		}
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("static/%s: the site already has a page at /%s; rename one of them", rel, rel)
		}
		if err != nil {
			return fmt.Errorf("publish static/%s: %w", rel, err)
		}
		return nil
	})
}
