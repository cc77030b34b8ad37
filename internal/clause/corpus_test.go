package clause

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// shared is where the real policies live beside a checkout; a user's clone
// lacks it, and the tests that read it skip.
const shared = "../../../shared"

// bundleFiles are the documents of each git bundle of
// ../shared/corpus/git-histories, as its README lists them.
var bundleFiles = map[string][]string{
	"ota.bundle": {"LiveJournal/Terms of Service.md", "Telegram/Privacy Policy.md",
		"Spotify/Terms of Service.md", "Discord/Terms of Service.md"},
	"github.bundle": {"Policies/acceptable-use-policies/github-acceptable-use-policies.md",
		"Policies/github-terms/github-corporate-terms-of-service.md"},
	"mozilla.bundle": {"ru/websites_tou.md", "en/websites_tou.md"},
}

// corpusDoc is the latest edition of one real document, as the body of an
// edition: front matter, byte order mark and CRLF gone, as internal/source
// leaves them.
type corpusDoc struct {
	name string
	body string
	// prev is the edition before it, "" when there is none at hand.
	prev string
}

// corpusDocs reads the latest edition of every document of ../shared: the
// files of the git bundles, each folder of the flat corpus (by its
// ORDER.txt) and each seed. It skips, saying so, when ../shared is absent.
func corpusDocs(t *testing.T) []corpusDoc {
	t.Helper()
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("%s is absent: the corpus tests need a checkout beside ../shared", shared)
	}
	out := bundleDocs(t)
	orders, _ := filepath.Glob(filepath.Join(shared, "corpus", "*", "*", "ORDER.txt"))
	sort.Strings(orders)
	for _, order := range orders {
		data, err := os.ReadFile(order)
		if err != nil {
			t.Fatal(err)
		}
		names := strings.Fields(string(data))
		if len(names) == 0 {
			continue
		}
		dir := filepath.Dir(order)
		d := corpusDoc{name: filepath.ToSlash(strings.TrimPrefix(dir, shared+"/"))}
		d.body = readBody(t, filepath.Join(dir, names[len(names)-1]))
		if len(names) > 1 {
			d.prev = readBody(t, filepath.Join(dir, names[len(names)-2]))
		}
		out = append(out, d)
	}
	seeds, _ := filepath.Glob(filepath.Join(shared, "seeds", "*"))
	sort.Strings(seeds)
	for _, s := range seeds {
		out = append(out, corpusDoc{name: "seeds/" + filepath.Base(s), body: readBody(t, s)})
	}
	return out
}

// bundleDocs clones each bundle into a temporary folder and reads the
// latest edition of each of its files, and the one before it from git's
// history. Without git the bundles are left out, saying so.
func bundleDocs(t *testing.T) []corpusDoc {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Logf("git is not installed: the bundles of %s/corpus/git-histories are left out", shared)
		return nil
	}
	var names []string
	for b := range bundleFiles {
		names = append(names, b)
	}
	sort.Strings(names)
	var out []corpusDoc
	for _, b := range names {
		bundle := filepath.Join(shared, "corpus", "git-histories", b)
		if _, err := os.Stat(bundle); err != nil {
			t.Logf("%s is absent", bundle)
			continue
		}
		dir := filepath.Join(t.TempDir(), strings.TrimSuffix(b, ".bundle"))
		if msg, err := exec.Command("git", "clone", "-q", bundle, dir, "-b", "main").CombinedOutput(); err != nil {
			t.Fatalf("git clone %s: %v\n%s", bundle, err, msg)
		}
		for _, f := range bundleFiles[b] {
			d := corpusDoc{name: b + ":" + f, body: readBody(t, filepath.Join(dir, f))}
			if prev, err := exec.Command("git", "-C", dir, "log", "--format=%H", "-n", "2", "--", f).Output(); err == nil {
				if hs := strings.Fields(string(prev)); len(hs) == 2 {
					if data, err := exec.Command("git", "-C", dir, "show", hs[1]+":"+f).Output(); err == nil {
						d.prev = asBody(string(data))
					}
				}
			}
			out = append(out, d)
		}
	}
	return out
}

func readBody(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return asBody(string(data))
}

// asBody is a file's text as an edition's body: without the byte order
// mark, with LF line ends, without front matter.
func asBody(s string) string {
	s = strings.ReplaceAll(strings.TrimPrefix(s, "\uFEFF"), "\r\n", "\n")
	if strings.HasPrefix(s, "---\n") {
		if i := strings.Index(s[4:], "\n---\n"); i >= 0 {
			return s[4+i+5:]
		}
	}
	return s
}

var (
	// numberedRe is a line that starts, after heading marks, list bullets,
	// emphasis, empty anchor links and escapes, with a clause-like number
	// ("1.", "1.1", "1.1)", "11\.", "3.1.The") or a section letter ("B.",
	// not "U.S."). It is
	// written apart from the reader on purpose: it is what the test
	// measures the reader against. Indented lines (four spaces or more)
	// are nested in a list or code, and a line that starts with a table's
	// pipe or a tag is not a line of text.
	numberedRe = regexp.MustCompile(`^ {0,3}(?:(?:[-*+]|#{1,6})[ \t]+)?(?:(?:\*\*|__|\*|_|\[\]\([^)]*\))[ \t]*)*` +
		`(?:(?:\d{1,3}(?:\\?\.\d{1,3})+(?:\\?[.)])?|\d{1,3}\\?\.)(?:[ \t*_\x{00A0}]|$|\p{L})|[A-ZА-ЯЁ]\\?\.(?:[ \t*_\x{00A0}]|$))`)
	// tocRe is a table of contents' entry: a list item, numbered or not,
	// that is a link and nothing else.
	tocRe = regexp.MustCompile(`^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\[[^\]]*\]\([^)]*\)\s*$`)
	fence = regexp.MustCompile("^ {0,3}(```+|~~~+)")
)

// numberedLines returns the 1-based lines of body that numberedRe
// matches, outside fenced code and table of contents entries.
func numberedLines(body string) []int {
	var out []int
	inFence := ""
	for i, line := range strings.Split(body, "\n") {
		if inFence != "" {
			if strings.HasPrefix(strings.TrimLeft(line, " "), inFence) {
				inFence = ""
			}
			continue
		}
		if m := fence.FindStringSubmatch(line); m != nil {
			inFence = m[1]
			continue
		}
		if tocRe.MatchString(line) {
			continue
		}
		if numberedRe.MatchString(line) {
			out = append(out, i+1)
		}
	}
	return out
}

// TestCorpusNumberedLinesAreClauses: in the latest edition of every real
// document, at least 90% of the lines numbered like clauses (numberedRe,
// contents entries aside) are clauses, and the test logs each document's
// share.
func TestCorpusNumberedLinesAreClauses(t *testing.T) {
	for _, d := range corpusDocs(t) {
		at := map[int]bool{}
		for _, c := range Every(d.body) {
			at[c.Line] = true
		}
		lines := numberedLines(d.body)
		var missed []int
		for _, l := range lines {
			if !at[l] {
				missed = append(missed, l)
			}
		}
		found := len(lines) - len(missed)
		t.Logf("%-80s %3d of %3d numbered lines are clauses", d.name, found, len(lines))
		if len(lines) > 0 && found*10 < len(lines)*9 {
			t.Errorf("%s: %d of %d numbered lines are clauses, want 90%% or more; missed lines %v", d.name, found, len(lines), missed)
		}
	}
}
