package site_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"policysite/internal/cache"
	"policysite/internal/config"
)

// netlifyConfig is what netlify.toml may hold; anything else is a typo
// that Netlify would ignore silently, and fails the test.
type netlifyConfig struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
	Redirects []netlifyRedirect `toml:"redirects"`
	Plugins   []struct {
		Package string `toml:"package"`
	} `toml:"plugins"`
}

type netlifyRedirect struct {
	From       string              `toml:"from"`
	To         string              `toml:"to"`
	Status     int                 `toml:"status"`
	Force      bool                `toml:"force"`
	Conditions map[string][]string `toml:"conditions"`
}

func readNetlify(t *testing.T) *netlifyConfig {
	t.Helper()
	data, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var c netlifyConfig
	if err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&c); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	return &c
}

// readmeBuildCommand is the build command of README.md's "The two
// commands", without its comment.
func readmeBuildCommand(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(data), "\n## The two commands\n")
	if !ok {
		t.Fatal(`README.md has no "## The two commands"`)
	}
	_, block, ok := strings.Cut(sec, "```sh\n")
	if !ok {
		t.Fatal(`README.md: "The two commands" has no sh block`)
	}
	block, _, _ = strings.Cut(block, "```")
	for line := range strings.Lines(block) {
		cmd, _, _ := strings.Cut(line, "#")
		if cmd = strings.TrimSpace(cmd); strings.HasPrefix(cmd, "go run ") && strings.HasSuffix(cmd, " build") {
			return cmd
		}
	}
	t.Fatal(`README.md: "The two commands" has no build command`)
	return ""
}

// goModVersion is the go line of go.mod.
func goModVersion(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go\s+(\S+)\s*$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	return string(m[1])
}

// TestNetlifyBuildsAsTheReadmeSays: Netlify runs the README's build command
// with go.mod's Go and publishes the build's default output folder.
func TestNetlifyBuildsAsTheReadmeSays(t *testing.T) {
	c := readNetlify(t)
	if want := readmeBuildCommand(t); c.Build.Command != want {
		t.Errorf("netlify.toml: build command %q, README.md says %q", c.Build.Command, want)
	}
	if c.Build.Publish != "public" {
		t.Errorf("netlify.toml: publish %q, want public, where the build writes by default", c.Build.Publish)
	}
	if got, want := c.Build.Environment["GO_VERSION"], goModVersion(t); got != want {
		t.Errorf("netlify.toml: GO_VERSION %q, go.mod says go %s", got, want)
	}
}

// cachePlugin is the local build plugin that keeps policysite's cache
// between Netlify builds.
const cachePlugin = "./netlify/plugins/policysite-cache"

// TestNetlifyKeepsTheCache: Netlify keeps between builds only the folders
// its build image knows of, so netlify.toml puts policysite's cache in the
// checkout (ignored by git) and declares the plugin that restores it
// before the build and saves it after; run with a stand-in for Netlify's
// utilities, the plugin does that to the folder the build uses.
func TestNetlifyKeepsTheCache(t *testing.T) {
	c := readNetlify(t)
	dir := c.Build.Environment[cache.Env]
	if dir == "" || filepath.IsAbs(dir) || strings.HasPrefix(filepath.Clean(dir), "..") {
		t.Fatalf("netlify.toml: %s = %q, want a folder in the checkout, where the plugin can keep it", cache.Env, dir)
	}
	ignore, err := os.ReadFile("../../.gitignore")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(strings.Split(string(ignore), "\n"), "/"+filepath.ToSlash(filepath.Clean(dir))+"/") {
		t.Errorf(".gitignore does not ignore the cache folder /%s/", dir)
	}
	declared := false
	for _, p := range c.Plugins {
		declared = declared || p.Package == cachePlugin
	}
	if !declared {
		t.Fatalf("netlify.toml does not declare the plugin %s", cachePlugin)
	}
	pluginDir := filepath.Join("../..", filepath.FromSlash(cachePlugin))
	manifest, err := os.ReadFile(filepath.Join(pluginDir, "manifest.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^name: policysite-cache$`).Match(manifest) {
		t.Errorf("%s/manifest.yml does not name the plugin", cachePlugin)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: the plugin is not run (install Node.js to run this test)")
	}
	index, err := filepath.Abs(filepath.Join(pluginDir, "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	const script = `
const plugin = require(process.argv[1]);
const calls = [];
const utils = {cache: {
  restore: async (p) => { calls.push("restore " + p); return true; },
  save: async (p) => { calls.push("save " + p); return true; },
}};
(async () => {
  await plugin.onPreBuild({utils});
  await plugin.onPostBuild({utils});
  console.error(JSON.stringify(calls));
})();`
	cmd := exec.Command(node, "-e", script, index)
	cmd.Env = append(os.Environ(), cache.Env+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	if got, want := strings.TrimSpace(stderr.String()), `["restore `+dir+`","save `+dir+`"]`; got != want {
		t.Errorf("the plugin did %s, want %s", got, want)
	}
}

// TestNetlifyRedirectsFollowTheLanguages: / leads to each language of
// policysite.toml by the browser's language, else to the first one; a
// missing page gets the 404 page of its language.
func TestNetlifyRedirectsFollowTheLanguages(t *testing.T) {
	c := readNetlify(t)
	cfg, err := config.Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	first := string(cfg.Langs[0].Code)
	var root []netlifyRedirect
	for i, r := range c.Redirects {
		for k := range r.Conditions {
			if k != "Language" {
				t.Errorf("redirect %d (%s): condition %s; only Language is expected", i+1, r.From, k)
			}
		}
		if strings.HasPrefix(r.From, "/.well-known/") {
			t.Errorf("redirect %d: %s is the build's, in _redirects, from policysite.toml", i+1, r.From)
		}
		if r.From == "/" {
			root = append(root, r)
		}
	}
	if len(root) == 0 {
		t.Fatal("netlify.toml: no redirect from /")
	}
	for _, r := range root {
		if r.Status != 302 || !r.Force {
			t.Errorf("redirect from / to %s: status %d, force %v; want 302, forced past the page at /", r.To, r.Status, r.Force)
		}
	}
	last := root[len(root)-1]
	if len(last.Conditions) != 0 || last.To != "/"+first+"/" {
		t.Errorf("the last redirect from / goes to %s with %v; want /%s/ with no condition, the first language", last.To, last.Conditions, first)
	}
	covered := map[string]bool{first: true}
	for _, r := range root[:len(root)-1] {
		langs := r.Conditions["Language"]
		if len(langs) != 1 || r.To != "/"+langs[0]+"/" {
			t.Errorf("redirect from / to %s for Language %v: want one language and its home", r.To, langs)
			continue
		}
		if len(r.Conditions) == 0 {
			t.Errorf("redirect from / to %s has no condition and comes before the fallback", r.To)
		}
		covered[langs[0]] = true
	}
	for _, l := range cfg.Langs {
		if !covered[string(l.Code)] {
			t.Errorf("no redirect from / for Language %s (policysite.toml)", l.Code)
		}
		delete(covered, string(l.Code))
	}
	for l := range covered {
		t.Errorf("a redirect from / for Language %s, which policysite.toml does not have", l)
	}

	want := map[string]string{}
	for _, l := range cfg.Langs {
		want["/"+string(l.Code)+"/*"] = "/" + string(l.Code) + "/404.html"
	}
	for _, r := range c.Redirects {
		if r.Status != 404 {
			continue
		}
		if r.Force {
			t.Errorf("404 rule %s is forced: it would hide pages that exist", r.From)
		}
		if w, ok := want[r.From]; ok && w == r.To {
			delete(want, r.From)
		}
	}
	for from, to := range want {
		t.Errorf("no rule %s %s 404", from, to)
	}
	if n := len(c.Redirects); n == 0 || c.Redirects[n-1].From != "/*" || c.Redirects[n-1].To != "/"+first+"/404.html" || c.Redirects[n-1].Status != 404 {
		t.Errorf("the last redirect should be /* /%s/404.html 404, after every other", first)
	}
}
