package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The real histories that companies' repositories hold, as git bundles
// beside the checkout (../shared/corpus/git-histories; see its README).
// They are for tests that skip when the folder is absent.
const gitHistories = "../../../shared/corpus/git-histories"

// gitHistory is one file of one bundle, imported as a policy.
type gitHistory struct {
	bundle, path, slug, lang string
}

var gitHistoryFiles = []gitHistory{
	{"ota", "LiveJournal/Terms of Service.md", "livejournal-terms", "en"},
	{"ota", "Telegram/Privacy Policy.md", "telegram-privacy", "en"},
	{"ota", "Spotify/Terms of Service.md", "spotify-terms", "en"},
	{"ota", "Discord/Terms of Service.md", "discord-terms", "en"},
	{"github", "Policies/acceptable-use-policies/github-acceptable-use-policies.md", "github-aup", "en"},
	{"github", "Policies/github-terms/github-corporate-terms-of-service.md", "github-corporate", "en"},
	{"mozilla", "ru/websites_tou.md", "mozilla-websites", "ru"},
	{"mozilla", "en/websites_tou.md", "mozilla-websites", "en"},
}

// historyNow is the builds' --now: after every commit of the bundles.
const historyNow = "2026-12-01T00:00:00Z"

// TestRealGitHistoriesImportCheckAndBuild imports every file of the git
// bundles with import --git and no --title, as a company would, and holds
// the site that results to what its readers need: check finds no error,
// the build omits no raw HTML, the latest editions' numbered lines are
// clauses with anchors on the page, titles carry no Markdown, and an
// edition's index.json and changes.json name the same clauses.
func TestRealGitHistoriesImportCheckAndBuild(t *testing.T) {
	if _, err := os.Stat(gitHistories); err != nil {
		t.Skipf("skipped: %s is not beside the checkout (%v); these tests need the real histories", gitHistories, err)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipped: git is not installed")
	}
	site := t.TempDir()
	mustRun(t, "init", site, "--lang", "en,ru", "--company", "Example", "--base-url", "https://legal.example/")
	clones := map[string]string{}
	for _, h := range gitHistoryFiles {
		if clones[h.bundle] == "" {
			clones[h.bundle] = filepath.Join(t.TempDir(), h.bundle)
			out, err := exec.Command("git", "clone", "-q", filepath.Join(gitHistories, h.bundle+".bundle"), clones[h.bundle], "-b", "main").CombinedOutput()
			if err != nil {
				t.Fatalf("clone %s: %v\n%s", h.bundle, err, out)
			}
		}
		mustRun(t, "import", h.slug, "--lang", h.lang, "--git", clones[h.bundle], "--path", h.path, "--source", site)
	}
	mustRun(t, "record", "--source", site, "--now", historyNow)
	mustRun(t, "check", "--source", site, "--now", historyNow)
	out := filepath.Join(site, "public")
	stderr := mustRun(t, "build", "--source", site, "--now", historyNow, "--out", out)
	if strings.Contains(stderr, "Raw HTML omitted") {
		t.Errorf("the build omitted raw HTML:\n%s", stderr)
	}
	for _, h := range gitHistoryFiles {
		t.Run(h.slug+"/"+h.lang, func(t *testing.T) { checkLatest(t, site, out, h) })
	}
}

// checkLatest holds the latest edition of h to the bar.
func checkLatest(t *testing.T, site, out string, h gitHistory) {
	eds, _ := filepath.Glob(filepath.Join(site, "versions", h.slug, "*."+h.lang+".md"))
	if len(eds) == 0 {
		t.Fatal("no edition imported")
	}
	slices.Sort(eds)
	latest := eds[len(eds)-1]
	id := strings.TrimSuffix(filepath.Base(latest), "."+h.lang+".md")
	page := filepath.Join(out, h.lang, h.slug, id)
	var index struct {
		Title   string `json:"title"`
		Clauses []struct {
			Number, Anchor string
		} `json:"clauses"`
	}
	readJSON(t, filepath.Join(page, "index.json"), &index)
	if strings.ContainsAny(index.Title, `\[]*_{}#`) || index.Title == "" {
		t.Errorf("title %q is empty or carries Markdown", index.Title)
	}
	src, err := os.ReadFile(latest)
	if err != nil {
		t.Fatal(err)
	}
	numbered := numberedLines(string(src))
	if len(index.Clauses) < numbered*9/10 {
		t.Errorf("%d clauses in index.json for %d numbered lines (under 90%%)", len(index.Clauses), numbered)
	}
	t.Logf("%s: %d clauses, %d numbered lines, title %q", filepath.Base(latest), len(index.Clauses), numbered, index.Title)
	html, err := os.ReadFile(filepath.Join(page, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	for _, c := range index.Clauses {
		numbers = append(numbers, c.Number)
		if !bytes.Contains(html, []byte(`id="`+c.Anchor+`"`)) {
			t.Errorf("clause %s has no anchor %q on its page", c.Number, c.Anchor)
		}
	}
	changes := filepath.Join(page, "changes", "changes.json")
	if _, err := os.Stat(changes); err != nil {
		return // the first edition has no redline
	}
	var redline struct {
		Clauses []struct {
			Number string `json:"number"`
		} `json:"clauses"`
	}
	readJSON(t, changes, &redline)
	var inRedline []string
	for _, c := range redline.Clauses {
		if c.Number != "" {
			inRedline = append(inRedline, c.Number)
		}
	}
	slices.Sort(numbers)
	slices.Sort(inRedline)
	if !slices.Equal(slices.Compact(numbers), slices.Compact(inRedline)) {
		t.Errorf("index.json's clauses %v differ from changes.json's %v", numbers, inRedline)
	}
}

// numberRe is a line that opens with a clause number or a section letter,
// once heading marks, emphasis, empty anchor links and escapes are taken
// off: what a reader sees as a numbered clause.
var (
	numberRe   = regexp.MustCompile(`^(?:[A-Z]|\d{1,3}(?:\.\d{1,3})*)(?:\.|\))(?:\s|$)|^\d{1,3}(?:\.\d{1,3})+\s`)
	stripRe    = regexp.MustCompile(`^(?:#{1,6}\s+|\*\*|__|\[\]\(#[^)]*\)|\s)+`)
	tocEntryRe = regexp.MustCompile(`^\s*(?:[-*+]|\d+\.)\s+\[[^\]]*\]\([^)]*#`)
)

// numberedLines counts the lines of an edition's body that open with a
// clause number, entries of a table of contents aside.
func numberedLines(src string) int {
	n, fence := 0, false
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fence = !fence
		}
		if fence || tocEntryRe.MatchString(line) || strings.HasPrefix(line, "    ") {
			continue
		}
		plain := strings.ReplaceAll(stripRe.ReplaceAllString(line, ""), `\.`, ".")
		if numberRe.MatchString(plain) {
			n++
		}
	}
	return n
}

func mustRun(t *testing.T, args ...string) (stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	if err := run(context.Background(), args, &o, &e); err != nil {
		t.Fatalf("policysite %s: %v\n%s%s", strings.Join(args, " "), err, o.String(), e.String())
	}
	return e.String()
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
