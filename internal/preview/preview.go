// Package preview is a live preview of the site for authors: it builds the
// whole site into a folder of its own, serves it on a loopback address, and
// builds it again whenever a source changes. It shows the drafts and the
// editions not yet posted too, each under a banner, which a built site
// never does. While a source is broken it
// serves the build's errors instead of the site, so that a stale page is
// never taken for the current one.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"policysite/internal/build"
	"policysite/internal/policy"
	"policysite/internal/termsafe"
)

// Options configure a preview.
type Options struct {
	// Source is the repository: policysite.toml, versions/, content/, ….
	Source string
	// Addr is host:port on a loopback interface; port 0 picks a free port.
	Addr string
	// Now, when set, is every build's now. When zero, each build reads the
	// clock, and the preview builds again by itself when an edition is
	// posted or takes effect, as a long session would otherwise show
	// statuses that have since changed.
	Now time.Time
	// Strict makes every warning an error, as build --strict does.
	Strict bool
	// TempDir is where the output folder is made; empty means the system's
	// temporary folder. The output folder is removed when the preview stops.
	TempDir string
	// Stdout receives one line per build, Stderr the warnings and errors.
	Stdout, Stderr io.Writer

	// clock replaces time.Now, so that tests can bring an edition's moment
	// near.
	clock func() time.Time
	// quiet is how long the sources must stay unchanged before a rebuild.
	quiet time.Duration
}

// debounce is how long the sources must stay unchanged before a rebuild:
// saving a file, or checking out a branch, writes many files in a burst.
const debounce = 200 * time.Millisecond

// maxWait bounds the wait for quiet, so that a stream of changes still
// rebuilds now and then.
const maxWait = 2 * time.Second

// Server is a running preview.
type Server struct {
	o    Options
	root string // the repository, absolute
	work string // holds the output folders; removed on stop
	url  string // the base URL the site is built for
	// hosts are the Host values requests may carry; see servedHosts.
	hosts map[string]bool

	ln      net.Listener
	srv     *http.Server
	watcher *fsnotify.Watcher

	// changed holds a token when a source changed since the last build
	// began: a change during a build brings exactly one more build.
	changed chan struct{}
	// next is when the site, built with the clock's now, next changes by
	// itself (zero for none); only the build loop touches it.
	next time.Time
	// builds counts the builds, naming their output folders.
	builds int

	mu  sync.Mutex
	cur *snapshot // what requests are served from

	done chan struct{}
	err  error // why the preview stopped, if not its context
}

// Run previews the site until ctx is cancelled, then stops the server and
// the watcher and removes the output. It returns nil when ctx ended it.
func Run(ctx context.Context, o Options) error {
	s, err := Start(ctx, o)
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return nil // stopped during the first build
		}
		return err
	}
	return s.Wait()
}

// Start listens on o.Addr, builds the site once, and serves it, building
// again on every change of the sources until ctx is cancelled. A build
// that fails does not stop it: the preview serves the errors instead.
func Start(ctx context.Context, o Options) (_ *Server, err error) {
	if err := CheckAddr(o.Addr); err != nil {
		return nil, err
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	if o.clock == nil {
		o.clock = time.Now
	}
	if o.quiet == 0 {
		o.quiet = debounce
	}
	root, err := filepath.Abs(o.Source)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(root); err != nil {
		return nil, err
	} else if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", o.Source)
	}

	s := &Server{o: o, root: root, changed: make(chan struct{}, 1), done: make(chan struct{})}
	defer func() {
		if err != nil {
			s.cleanUp()
		}
	}()
	// Listen before the first build, which may take a while: a port in use
	// should be said at once.
	if s.ln, err = net.Listen("tcp", o.Addr); err != nil {
		return nil, err
	}
	host, _, _ := net.SplitHostPort(o.Addr)
	tcp, _ := s.ln.Addr().(*net.TCPAddr)
	if tcp == nil || !tcp.IP.IsLoopback() {
		// localhost may be defined otherwise in /etc/hosts.
		return nil, fmt.Errorf("%s listens on %s, not on a loopback address: %w", o.Addr, s.ln.Addr(), errNotLoopback)
	}
	urlHost := net.JoinHostPort(host, strconv.Itoa(tcp.Port))
	s.url = "http://" + urlHost + "/"
	s.hosts = servedHosts(tcp, urlHost)

	if s.work, err = os.MkdirTemp(o.TempDir, "policysite-preview-"); err != nil {
		return nil, err
	}
	if s.watcher, err = fsnotify.NewWatcher(); err != nil {
		return nil, fmt.Errorf("watch the sources: %w", err)
	}
	if err := s.watchAll(); err != nil {
		return nil, err
	}
	s.build(ctx, true)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- s.srv.Serve(s.ln) }()
	fmt.Fprintf(o.Stdout, "Serving the site at %s — rebuilding when sources change; Ctrl-C to stop.\n", s.home())

	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.loop(ctx, served)
	}()
	go func() {
		<-loopDone
		s.stop()
		close(s.done)
	}()
	return s, nil
}

// URL is the base URL the site is served and built for, such as
// http://127.0.0.1:8080/.
func (s *Server) URL() string { return s.url }

// Wait waits until the preview has stopped and removed its output. It
// returns nil when the preview's context stopped it.
func (s *Server) Wait() error {
	<-s.done
	return s.err
}

// home is the address to open: the default language's home page.
func (s *Server) home() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && len(s.cur.langs) > 0 {
		return s.url + string(s.cur.langs[0]) + "/"
	}
	return s.url
}

// loop builds whenever the sources changed or the next edition's moment
// came, one build at a time, until ctx is cancelled or the server fails.
func (s *Server) loop(ctx context.Context, served <-chan error) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { s.watch(ctx) })
	defer wg.Wait()
	defer cancel()

	due := time.NewTimer(time.Hour)
	due.Stop()
	defer due.Stop()
	for {
		if !s.next.IsZero() {
			due.Reset(max(s.next.Sub(s.o.clock()), 0))
		}
		select {
		case <-ctx.Done():
			return
		case err := <-served:
			s.err = fmt.Errorf("serve: %w", err)
			return
		case <-s.changed:
		case <-due.C:
		}
		due.Stop()
		s.build(ctx, false)
	}
}

// stop shuts the server down, letting requests in flight finish, and
// removes the output.
func (s *Server) stop() {
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(sctx); err != nil {
		s.srv.Close()
	}
	s.cleanUp()
}

// cleanUp releases what Start acquired.
func (s *Server) cleanUp() {
	if s.watcher != nil {
		s.watcher.Close()
	}
	if s.ln != nil {
		s.ln.Close()
	}
	if s.work != "" {
		if err := os.RemoveAll(s.work); err != nil {
			fmt.Fprintf(s.o.Stderr, "preview: remove the output: %v\n", err)
		}
	}
}

// build builds the site into a new output folder and serves it, or serves
// the errors if the build failed. The folder is new each time, so that the
// one being served is never written to.
func (s *Server) build(ctx context.Context, first bool) {
	now := s.o.Now
	if now.IsZero() {
		now = s.o.clock()
	}
	s.builds++
	out := filepath.Join(s.work, "site-"+strconv.Itoa(s.builds))
	start := time.Now()
	// Preview: the author sees drafts and editions not yet posted, each
	// under its banner, which a built site never shows.
	rep, err := build.Run(ctx, build.Options{Source: s.root, Out: out, Now: now, BaseURL: s.url, Strict: s.o.Strict, Preview: true})
	if ctx.Err() != nil {
		return // stopping: what this build made goes with the output
	}
	s.printWarnings(rep)
	snap := &snapshot{dir: out, built: time.Now()}
	if rep != nil && rep.Site != nil {
		snap.langs = rep.Site.Codes()
		// Times the author reads are in the site's zone, as on its pages.
		if rep.Site.Location != nil {
			snap.built = snap.built.In(rep.Site.Location)
		}
	}
	s.next = time.Time{}
	if err != nil {
		snap.dir = ""
		snap.problems, snap.note = problems(rep, err)
		if snap.note == "" {
			for _, p := range snap.problems {
				s.say(p)
			}
		} else {
			s.say(snap.note)
		}
		fmt.Fprintf(s.o.Stdout, "Build failed: %d error(s); the preview shows them\n", len(snap.problems))
	} else {
		snap.files = http.FileServer(http.Dir(out))
		if s.o.Now.IsZero() && rep.Result != nil && rep.Result.NextChange.After(now) {
			s.next = rep.Result.NextChange
		}
		if !first {
			fmt.Fprintf(s.o.Stdout, "Rebuilt in %.1fs\n", time.Since(start).Seconds())
		}
	}
	s.swap(snap)
}

// printWarnings prints a build's warnings as the build command does.
func (s *Server) printWarnings(rep *build.Report) {
	if rep == nil {
		return
	}
	for _, w := range rep.Warnings {
		s.say(formatWarning(w))
	}
	if rep.Result != nil {
		for _, m := range rep.Result.Messages {
			if !m.Error {
				s.say("warning: " + m.Text)
			}
		}
	}
}

// say prints a message line on Stderr, its control characters written
// visibly: messages quote file names and the sources.
func (s *Server) say(line string) {
	io.WriteString(s.o.Stderr, termsafe.Escape(line+"\n"))
}

func formatWarning(w *policy.Warning) string {
	loc := w.File
	if w.Line > 0 {
		loc += ":" + strconv.Itoa(w.Line)
	}
	return loc + ": warning: " + w.Err.Error()
}

// problems lists what made a build fail, one message each, as
// file:line: message where there is a file. note explains a list of
// warnings that --strict made errors.
func problems(rep *build.Report, err error) (list []string, note string) {
	var errs policy.ErrorList
	switch {
	case errors.As(err, &errs):
		for _, e := range errs {
			list = append(list, e.Error())
		}
	case errors.Is(err, build.ErrStrict) && rep != nil:
		for _, w := range rep.Warnings {
			list = append(list, w.Error())
		}
		note = err.Error()
	default:
		list = append(list, strings.TrimSpace(err.Error()))
	}
	if rep != nil && rep.Result != nil {
		for _, m := range rep.Result.Messages {
			if m.Error && !containsString(list, m.Text) {
				list = append(list, m.Text)
			}
		}
	}
	return list, note
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// errNotLoopback is why an address is refused.
var errNotLoopback = errors.New("the preview serves only this computer")

// CheckAddr accepts host:port addresses on a loopback interface only
// (127.0.0.1, ::1, localhost): the preview shows unpublished editions and
// is meant for the author alone.
func CheckAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port, such as 127.0.0.1:8080", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q: the port must be a number from 0 to 65535", addr)
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%q is not a loopback address (127.0.0.1, ::1 or localhost): %w", addr, errNotLoopback)
}
