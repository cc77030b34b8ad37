// Command redlinebench compares the redline engine with git's word diff over
// every consecutive pair of editions in the shared corpora:
//
//	go run ./internal/redline/cmd/redlinebench [-corpus ../shared/corpus] [-runs 5]
//
// Each folder of the corpus with an ORDER.txt is one history, oldest edition
// first, and so is each file of each git bundle below it, with its distinct
// states along the first-parent line of main (see package corpus). For every
// consecutive pair it compares the plain texts and marks the site compares
// (front matter stripped, then plaintext.Marked), timing redline.DiffDocs
// in this process and `git diff --no-index --word-diff=porcelain` on the
// plain texts as a separate process, and counting the changed spans each
// marks (Result.ChangedSpans, corpus.GitSpans). It prints a Markdown
// report and exits with status 1 when a target of docs/performance.md is
// missed:
//
//   - the median pair is diffed no slower than git diffs it;
//   - no pair takes over 50 ms;
//   - no pair has more changed spans than git marks.
//
// Apart from the timings, the report depends only on the corpus. The program
// writes only into temporary directories (the texts git compares, the
// bundles' clones), which it removes.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"policysite/internal/corpus"
	"policysite/internal/plaintext"
	"policysite/internal/redline"
)

// maxPair is the per-pair time limit.
const maxPair = 50 * time.Millisecond

// doc is one edition as the site compares it: its plain text and marks.
type doc struct{ redline.Doc }

// history is one policy's editions in one language, oldest first.
type history struct {
	name  string
	files []string
	texts []doc
}

// result is what was measured on one consecutive pair.
type result struct {
	history  string
	old, new string // file names
	ours     time.Duration
	git      time.Duration
	ourSpans int
	gitSpans int
}

func (r result) name() string { return r.history + ": " + r.old + " → " + r.new }

func main() {
	corpusDir := flag.String("corpus", filepath.Join("..", "shared", "corpus"), "the corpus `dir`: every folder below it with an ORDER.txt, and every file of every *.bundle below it, is a history")
	runs := flag.Int("runs", 5, "time each pair `n` times and keep the median")
	flag.Parse()
	if flag.NArg() > 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: redlinebench [-corpus DIR] [-runs N]")
		os.Exit(2)
	}
	ok, err := run(os.Stdout, *corpusDir, *runs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "redlinebench:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// run measures every pair, writes the report to w and reports whether every
// target was met.
func run(w io.Writer, corpusDir string, runs int) (bool, error) {
	hs, err := readHistories(corpusDir)
	if err != nil {
		return false, err
	}
	if len(hs) == 0 {
		return false, fmt.Errorf("no ORDER.txt or *.bundle below %s", corpusDir)
	}
	gitVersion, err := exec.Command("git", "version").Output()
	if err != nil {
		return false, fmt.Errorf("git version: %w", err)
	}
	tmp, err := os.MkdirTemp("", "redlinebench-")
	if err != nil {
		return false, fmt.Errorf("temporary directory: %w", err)
	}
	defer os.RemoveAll(tmp)

	var results [][]result
	for _, h := range hs {
		var rs []result
		for i := 1; i < len(h.texts); i++ {
			r, err := measure(tmp, h.texts[i-1], h.texts[i], runs)
			if err != nil {
				return false, fmt.Errorf("%s: %s → %s: %w", h.name, h.files[i-1], h.files[i], err)
			}
			r.history, r.old, r.new = h.name, h.files[i-1], h.files[i]
			rs = append(rs, r)
		}
		results = append(results, rs)
	}
	return report(w, results, runs, strings.TrimSpace(string(gitVersion))), nil
}

// readHistories reads every history below dir, flat folders and git
// bundles, through package corpus, which sorts them by name so that the
// report's order is the same on every run.
func readHistories(dir string) ([]history, error) {
	hs, err := corpus.Read(dir)
	if err != nil {
		return nil, err
	}
	out := make([]history, len(hs))
	for i, h := range hs {
		out[i] = history{name: h.Name, files: h.Files, texts: make([]doc, len(h.Markdown))}
		for j, md := range h.Markdown {
			text, marks := plaintext.Marked(corpus.StripFrontMatter(md))
			out[i].texts[j] = doc{redline.Doc{Text: text, Marks: marks}}
		}
	}
	return out, nil
}

// measure times both diffs of one pair, runs times each, and counts their
// spans. The redline compares the texts with their marks, as the site does.
func measure(tmp string, old, new doc, runs int) (result, error) {
	var r result
	ours := make([]time.Duration, runs)
	var res *redline.Result
	for i := range ours {
		start := time.Now()
		res = redline.DiffDocs(old.Doc, new.Doc)
		ours[i] = time.Since(start)
	}
	r.ours = median(ours)
	r.ourSpans = res.ChangedSpans()

	gits := make([]time.Duration, runs)
	var out []byte
	for i := range gits {
		var err error
		start := time.Now()
		out, err = corpus.GitWordDiff(tmp, old.Text, new.Text)
		gits[i] = time.Since(start)
		if err != nil {
			return r, err
		}
	}
	r.git = median(gits)
	r.gitSpans = corpus.GitSpans(out)
	return r, nil
}

func median(ds []time.Duration) time.Duration { return percentile(ds, 50) }

// percentile returns the nearest-rank p-th percentile, or 0 for none.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(i, 0)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

// report writes the Markdown report and reports whether every target was met.
func report(w io.Writer, results [][]result, runs int, gitVersion string) bool {
	var all []result
	for _, rs := range results {
		all = append(all, rs...)
	}
	fmt.Fprintf(w, "## Redlines against %s\n\n", gitVersion)
	fmt.Fprintf(w, "Times in milliseconds: for each pair, the median of %d runs. Spans are maximal runs of changes.\n\n", runs)
	fmt.Fprintln(w, "| history | pairs | redline median | redline p90 | redline max | git median | spans redline | spans git |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|")
	for _, rs := range results {
		if len(rs) == 0 {
			continue
		}
		ours, gits, ourN, gitN := split(rs)
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %d | %d |\n", rs[0].history, len(rs),
			ms(median(ours)), ms(percentile(ours, 90)), ms(slices.Max(ours)), ms(median(gits)), ourN, gitN)
	}
	if len(all) == 0 {
		fmt.Fprintln(w, "\nNo pairs.")
		return true
	}
	ours, gits, ourN, gitN := split(all)
	fmt.Fprintf(w, "| **all** | %d | %s | %s | %s | %s | %d | %d |\n\n", len(all),
		ms(median(ours)), ms(percentile(ours, 90)), ms(slices.Max(ours)), ms(median(gits)), ourN, gitN)

	slowest := all[0]
	var over, moreSpans []result
	slower := 0
	for _, r := range all {
		if r.ours > slowest.ours {
			slowest = r
		}
		if r.ours > maxPair {
			over = append(over, r)
		}
		if r.ourSpans > r.gitSpans {
			moreSpans = append(moreSpans, r)
		}
		if r.ours > r.git {
			slower++
		}
	}
	medianOK := median(ours) <= median(gits)
	fmt.Fprintf(w, "- Median pair: redline %s ms, git %s ms (%s); redline was slower than git on %d of %d pairs.\n",
		ms(median(ours)), ms(median(gits)), verdict(medianOK), slower, len(all))
	fmt.Fprintf(w, "- Slowest pair: %s ms, %s.\n", ms(slowest.ours), slowest.name())
	fmt.Fprintf(w, "- Pairs over %d ms: %d (%s).\n", maxPair.Milliseconds(), len(over), verdict(len(over) == 0))
	for _, r := range over {
		fmt.Fprintf(w, "  - %s: %s ms\n", r.name(), ms(r.ours))
	}
	fmt.Fprintf(w, "- Pairs with more spans than git: %d (%s).\n", len(moreSpans), verdict(len(moreSpans) == 0))
	for _, r := range moreSpans {
		fmt.Fprintf(w, "  - %s: redline %d, git %d\n", r.name(), r.ourSpans, r.gitSpans)
	}
	return medianOK && len(over) == 0 && len(moreSpans) == 0
}

// split returns the times of rs and the sums of their spans.
func split(rs []result) (ours, gits []time.Duration, ourN, gitN int) {
	for _, r := range rs {
		ours = append(ours, r.ours)
		gits = append(gits, r.git)
		ourN += r.ourSpans
		gitN += r.gitSpans
	}
	return ours, gits, ourN, gitN
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}
