package e2e

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"policysite/internal/build"
	"policysite/internal/testfs"
)

// buildNow is the build's "now": fixed, so that statuses (in force,
// superseded, upcoming) and therefore the pages are the same on every run.
var buildNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.FixedZone("UTC+3", 3*60*60))

// langs are the sample site's languages.
var langs = []string{"ru", "en"}

// builtSite is the sample site, built once per test binary and served on
// the loopback interface.
type builtSite struct {
	dir  string // the output folder
	base string // http://127.0.0.1:PORT/, the build's base URL
}

// url returns the address of a path of the site, such as "/ru/privacy/".
func (s *builtSite) url(p string) string {
	return strings.TrimSuffix(s.base, "/") + p
}

// htmlFiles returns every HTML file of the output, as slash paths relative
// to its folder, sorted.
func (s *builtSite) htmlFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(s.dir, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	if len(files) == 0 {
		t.Fatal("the build wrote no HTML file")
	}
	return files
}

var (
	siteOnce sync.Once
	theSite  *builtSite
	siteErr  error
	// siteTmps and servers are every built site's folder and server,
	// which TestMain removes and stops.
	siteTmps []string
	servers  []*http.Server
	// buildLogs are what the sample site's build said.
	buildLogs []string
)

// sampleSite builds the sample site (internal/testfs) the first time a
// test asks for it, and serves it until the test binary ends (see
// TestMain).
func sampleSite(t *testing.T) *builtSite {
	t.Helper()
	siteOnce.Do(func() {
		var logs []string
		theSite, logs, siteErr = buildAndServe(testfs.WriteSample)
		buildLogs = logs
	})
	if siteErr != nil {
		t.Fatalf("build and serve the sample site: %v", siteErr)
	}
	return theSite
}

// buildAndServe builds the site that write writes into a repository, in a
// temporary folder, and serves it on a free loopback port. It returns
// what the build said.
func buildAndServe(write func(dir string) error) (*builtSite, []string, error) {
	// The port must be known before the build, since it is in the base URL
	// of every canonical link, hreflang alternate and JSON document.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	base := "http://" + ln.Addr().String() + "/"
	tmp, err := os.MkdirTemp("", "policysite-e2e-")
	if err != nil {
		ln.Close()
		return nil, nil, err
	}
	siteTmps = append(siteTmps, tmp)
	out := filepath.Join(tmp, "public")
	// A repository is the source, as `policysite build` builds one.
	src := filepath.Join(tmp, "site")
	if err := write(src); err != nil {
		ln.Close()
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	rep, err := build.Run(ctx, build.Options{Source: src, Out: out, Now: buildNow, BaseURL: base})
	var logs []string
	if rep != nil {
		for _, w := range rep.Warnings {
			logs = append(logs, "warning: "+w.Error())
		}
		if rep.Result != nil {
			for _, m := range rep.Result.Messages {
				logs = append(logs, "message: "+m.Text)
			}
		}
	}
	if err != nil {
		ln.Close()
		return nil, logs, err
	}
	server := &http.Server{Handler: fileServer(out), ReadHeaderTimeout: 10 * time.Second}
	servers = append(servers, server)
	go server.Serve(ln)
	return &builtSite{dir: out, base: base}, logs, nil
}

// contentTypes are the types a static host is expected to send. They are
// set here rather than left to the mime package, whose table depends on the
// machine's /etc/mime.types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json",
	".txt":  "text/plain; charset=utf-8",
	".xml":  "application/xml",
	".wasm": "application/wasm",
}

// fileServer serves the output folder like a plain static host.
func fileServer(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		switch {
		case name == "feed.json":
			w.Header().Set("Content-Type", "application/feed+json")
		case name == "index.xml":
			w.Header().Set("Content-Type", "application/atom+xml")
		case contentTypes[path.Ext(name)] != "":
			w.Header().Set("Content-Type", contentTypes[path.Ext(name)])
		}
		files.ServeHTTP(w, r)
	})
}

// TestMain runs the tests, then ends the browser and the server and
// removes the built site, which the tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	if len(buildLogs) > 0 && testing.Verbose() {
		fmt.Println("e2e: the sample site's build said:")
		for _, l := range buildLogs {
			fmt.Println("  " + l)
		}
	}
	closeBrowser()
	for _, server := range servers {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		server.Shutdown(ctx)
		cancel()
	}
	for _, tmp := range siteTmps {
		os.RemoveAll(tmp)
	}
	os.Exit(code)
}

// requiredEnv, when set (.ci/run sets it), makes a missing tool fail the
// tests instead of skipping them, so that a broken install in CI cannot
// pass as a green run that tested nothing.
const requiredEnv = "POLICYSITE_E2E_REQUIRED"

// skipWithout skips the test, saying why, or fails it when requiredEnv is
// set.
func skipWithout(t *testing.T, why string) {
	t.Helper()
	if os.Getenv(requiredEnv) != "" {
		t.Fatalf("%s (%s is set, so this is an error)", why, requiredEnv)
	}
	t.Skip(why)
}

// toolDir is where .ci/run installs the npm packages the tests use, and
// where a developer may install them too:
// npm install --prefix ~/.cache/policysite-e2e axe-core@… html-validate@…
func toolDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "policysite-e2e")
}

// npmFile finds a file of an npm package: at the path in the environment
// variable env when it is set (an error if that file is missing), else in
// toolDir. It returns "" when the package is not installed.
func npmFile(t *testing.T, env, rel string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s=%s: %v", env, p, err)
		}
		return p
	}
	if dir := toolDir(); dir != "" {
		p := filepath.Join(dir, "node_modules", filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			return p
		} else if !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	return ""
}
