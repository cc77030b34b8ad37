package changeterms

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"policysite/internal/corpus"
)

// corpusEdition is one edition of ../shared/corpus, as blocks.
type corpusEdition struct {
	dir, file string
	blocks    []Block
}

// readCorpus reads every edition of ../shared/corpus/*/*/*.md, or skips the
// test when the corpus is absent.
func readCorpus(tb testing.TB) []corpusEdition {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(sharedCorpus, "*", "*", "*.md"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Skipf("%s is absent: the corpus tests need a checkout beside ../shared", sharedCorpus)
	}
	sort.Strings(files)
	out := make([]corpusEdition, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		dir, _ := filepath.Rel(sharedCorpus, filepath.Dir(f))
		out = append(out, corpusEdition{filepath.ToSlash(dir), filepath.Base(f), FromMarkdown(stripFrontMatter(string(data)))})
	}
	return out
}

func stripFrontMatter(s string) string {
	s = strings.ReplaceAll(strings.TrimPrefix(s, "\uFEFF"), "\r\n", "\n")
	if strings.HasPrefix(s, "---\n") {
		if i := strings.Index(s[4:], "\n---\n"); i >= 0 {
			return s[4+i+5:]
		}
	}
	return s
}

// TestCorpus runs Analyze on every real edition: it must not panic, every
// finding must quote its block, and the log says, per folder, how many
// editions have each kind, so a change of the rules shows in numbers.
func TestCorpus(t *testing.T) {
	eds := readCorpus(t)
	type tally struct {
		editions int
		kinds    map[Kind]int
	}
	byDir := map[string]*tally{}
	var dirs []string
	for _, e := range eds {
		tl := byDir[e.dir]
		if tl == nil {
			tl = &tally{kinds: map[Kind]int{}}
			byDir[e.dir] = tl
			dirs = append(dirs, e.dir)
		}
		tl.editions++
		terms := Analyze(e.blocks)
		checkInvariants(t, e.blocks, terms.Findings)
		for _, k := range Kinds {
			if terms.Has(k) {
				tl.kinds[k]++
			}
		}
	}
	for _, d := range dirs {
		tl := byDir[d]
		var b strings.Builder
		fmt.Fprintf(&b, "%s: %d editions;", d, tl.editions)
		for _, k := range Kinds {
			fmt.Fprintf(&b, " %s %d", k, tl.kinds[k])
		}
		t.Log(b.String())
	}
}

// TestCorpusChangeClauses checks the obvious change clauses of the real
// histories: GitHub's 30 days' notice on the home page or by email, its
// Terms' continued use, and Mozilla's "we may need to change this policy"
// with the updates posted online, in English and Russian.
func TestCorpusChangeClauses(t *testing.T) {
	eds := readCorpus(t)
	check := func(dir, file string, ok func(Terms) bool, what string) {
		t.Helper()
		for _, e := range eds {
			if e.dir == dir && e.file == file {
				if terms := Analyze(e.blocks); !ok(terms) {
					t.Errorf("%s/%s: want %s, got %+v", dir, file, what, terms.Findings)
				}
				return
			}
		}
		t.Errorf("%s/%s: no such edition", dir, file)
	}
	check("github-site-policy/privacy-statement", "2017-06-09-04c8757.md", func(t Terms) bool {
		return t.Has(Unilateral) && t.NoticeDays() == 30 && equalChannels(t.Channels(), Site, Email)
	}, "a unilateral change, 30 days' notice on the home page or by email")
	check("github-site-policy/privacy-statement", "2025-09-29-68e3dbe.md", func(t Terms) bool {
		return t.Has(Unilateral) && t.NoticeDays() == 30 && equalChannels(t.Channels(), Site, Email)
	}, "a unilateral change, 30 days' notice on the website or by email")
	check("github-site-policy/terms-of-service", "2025-09-29-68e3dbe.md", func(t Terms) bool {
		return t.Has(Unilateral) && t.NoticeDays() == 30 && t.Has(ContinuedUse) && equalChannels(t.Channels(), Site, Email)
	}, "a unilateral change, 30 days' notice, continued use")
	check("mozilla-firefox-privacy/en", "2026-04-28-6e773a7.md", func(t Terms) bool {
		return t.Has(Unilateral) && t.Has(Notification) && !t.Has(OnPosting) && !t.Has(NoticePeriod)
	}, "a unilateral change and a notification")
	check("mozilla-firefox-privacy/ru", lastFile(eds, "mozilla-firefox-privacy/ru"), func(t Terms) bool {
		return t.Has(Unilateral) && t.Has(Notification) && !t.Has(OnPosting) && !t.Has(NoticePeriod)
	}, "a unilateral change and a notification")
}

// TestCorpusHistories checks the change clauses of the git histories
// beside the flat folders, read as a site reads them: an address given in
// the clause, "further use" in Russian, the scope of a notice period, and
// clauses of terms whose section letter repeats.
func TestCorpusHistories(t *testing.T) {
	if _, err := os.Stat(sharedCorpus); err != nil {
		t.Skipf("%s is absent: the corpus tests need a checkout beside ../shared", sharedCorpus)
	}
	hs, err := corpus.Read(sharedCorpus)
	if errors.Is(err, corpus.ErrNoGit) {
		t.Skipf("the git histories need git: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	last := func(name string) Terms {
		t.Helper()
		for _, h := range hs {
			if h.Name == name {
				return Analyze(FromMarkdown(corpus.StripFrontMatter(h.Markdown[len(h.Markdown)-1])))
			}
		}
		t.Fatalf("no history %s", name)
		return Terms{}
	}
	if tm := last("ota/Telegram/Privacy Policy.md"); tm.URL() != "www.telegram.org/privacy" || !tm.Has(OnPosting) {
		t.Errorf("Telegram: want the page's address and effect on posting, got %+v", tm.Findings)
	}
	if tm := last("mozilla/ru/websites_tou.md"); !tm.Has(ContinuedUse) {
		t.Errorf("Mozilla's Russian terms: want continued use, got %+v", tm.Findings)
	}
	tm := last("github/Policies/github-terms/github-corporate-terms-of-service.md")
	if i := slices.IndexFunc(tm.Findings, func(f Finding) bool { return f.Kind == NoticePeriod }); i < 0 || tm.Findings[i].Scope != Material {
		t.Errorf("GitHub's corporate terms: want a notice period for material changes, got %+v", tm.Findings)
	}
	for _, h := range hs {
		if h.Name == "github/Policies/github-terms/github-corporate-terms-of-service.md" {
			for i, md := range h.Markdown {
				checkHeadingClauses(t, h.Files[i], FromMarkdown(corpus.StripFrontMatter(md)))
			}
		}
	}
}

// checkHeadingClauses checks that every numbered heading of lettered
// terms belongs to its own clause: "K. Payment" to K and "1. Pricing"
// below it to K.1, even where a section letter repeats, which made every
// block of the second "K" belong to the first one's "K.3".
func checkHeadingClauses(t *testing.T, file string, blocks []Block) {
	t.Helper()
	for _, b := range blocks {
		m := headingNumber.FindStringSubmatch(b.Text)
		if !b.Heading || m == nil {
			continue
		}
		if b.Clause != m[1] && !strings.HasSuffix(b.Clause, "."+m[1]) {
			t.Errorf("%s: heading at line %d numbered %s belongs to clause %s", file, b.Line, m[1], b.Clause)
		}
	}
}

// headingNumber is the number or letter a heading starts with.
var headingNumber = regexp.MustCompile(`^([A-Z]|\d+)\. `)

func equalChannels(got []Channel, want ...Channel) bool {
	return fmt.Sprint(got) == fmt.Sprint(want)
}

func lastFile(eds []corpusEdition, dir string) string {
	last := ""
	for _, e := range eds {
		if e.dir == dir {
			last = e.file
		}
	}
	return last
}
