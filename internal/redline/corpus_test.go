package redline

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"policysite/internal/corpus"
	"policysite/internal/plaintext"
	"policysite/internal/testfs"
)

// sharedCorpus is where the real edition histories live beside a checkout.
const sharedCorpus = "../../../shared/corpus"

// history is one policy's editions in one language, oldest first, as plain
// text, and with their marks as the site compares them.
type history struct {
	name  string
	files []string
	texts []string
	docs  []Doc
}

// corpusHistories reads every history of ../shared/corpus through package
// corpus, the flat folders and the files of the git bundles, as the plain
// texts the site compares. It skips the test when ../shared is absent, or
// when git is not there to read the bundles.
func corpusHistories(tb testing.TB) []history {
	tb.Helper()
	// A missing corpus is checked apart from Read's errors: a file missing
	// inside it is a broken corpus, to report, not one to skip.
	if _, err := os.Stat(sharedCorpus); err != nil {
		tb.Skip("../shared/corpus is absent: the corpus tests need a checkout beside ../shared")
	}
	hs, err := corpus.Read(sharedCorpus)
	switch {
	case errors.Is(err, corpus.ErrNoGit):
		tb.Skipf("skipped: %v", err)
	case err != nil:
		tb.Fatal(err)
	case len(hs) == 0:
		tb.Skip("../shared/corpus holds no history")
	}
	out := make([]history, len(hs))
	for i, h := range hs {
		out[i] = history{name: h.Name, files: h.Files}
		for _, md := range h.Markdown {
			out[i].add(md)
		}
	}
	return out
}

// add appends an edition, from its Markdown.
func (h *history) add(md string) {
	text, marks := plaintext.Marked(corpus.StripFrontMatter(md))
	h.texts = append(h.texts, text)
	h.docs = append(h.docs, Doc{Text: text, Marks: marks})
}

// sampleHistories reads the editions of the sample site (internal/testfs).
func sampleHistories(tb testing.TB) []history {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(testfs.SampleDir(), "versions", "*", "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no sample editions: %v", err)
	}
	sort.Strings(files)
	byKey := map[string]*history{}
	var keys []string
	for _, f := range files {
		base := filepath.Base(f)
		parts := strings.Split(base, ".")
		if len(parts) != 3 {
			continue
		}
		key := filepath.Base(filepath.Dir(f)) + "/" + parts[1]
		h := byKey[key]
		if h == nil {
			h = &history{name: key}
			byKey[key] = h
			keys = append(keys, key)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		h.files = append(h.files, base)
		h.add(string(data))
	}
	var out []history
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	return out
}

// TestEveryConsecutivePair compares every consecutive pair of editions
// as the site does (texts and marks) and holds each redline to its
// promises: both texts given back exactly, no change splitting a word,
// every count of the summary equal to what the operations show, and,
// on the real histories, no more changed spans than git's word diff marks
// on the same plain texts.
func TestEveryConsecutivePair(t *testing.T) {
	run := func(t *testing.T, hs []history, git bool) {
		pairs, spans, gitSpans := 0, 0, 0
		tmp := t.TempDir()
		for _, h := range hs {
			for i := 1; i < len(h.texts); i++ {
				name := h.name + ": " + h.files[i-1] + " → " + h.files[i]
				r := DiffDocs(h.docs[i-1], h.docs[i])
				checkResult(t, name, r, h.texts[i-1], h.texts[i])
				checkCounts(t, name, r)
				pairs++
				if !git {
					continue
				}
				out, err := corpus.GitWordDiff(tmp, h.texts[i-1], h.texts[i])
				if err != nil {
					t.Fatal(err)
				}
				ours, theirs := r.ChangedSpans(), corpus.GitSpans(out)
				if ours > theirs {
					t.Errorf("%s: %d changed spans, git's word diff marks %d", name, ours, theirs)
				}
				spans += ours
				gitSpans += theirs
			}
		}
		t.Logf("%d pairs; %d changed spans, git %d", pairs, spans, gitSpans)
	}
	t.Run("sample", func(t *testing.T) { run(t, sampleHistories(t), false) })
	t.Run("corpus", func(t *testing.T) { run(t, corpusHistories(t), true) })
}

// TestPreparedTextsDiffAsStrings: each text prepared once and compared, at
// the same time, with the one before and the one after gives the redlines
// of DiffDocs, byte for byte; with -race, it also shows that Diffs sharing
// a Text do not write to it.
func TestPreparedTextsDiffAsStrings(t *testing.T) {
	run := func(t *testing.T, hs []history) {
		for _, h := range hs {
			texts := make([]*Text, len(h.docs))
			for i, d := range h.docs {
				texts[i] = PrepareDoc(d)
			}
			got := make([][]byte, len(h.texts))
			var wg sync.WaitGroup
			for i := 1; i < len(h.texts); i++ {
				wg.Go(func() { got[i], _ = DiffTexts(texts[i-1], texts[i]).MarshalBinary() })
			}
			wg.Wait()
			for i := 1; i < len(h.texts); i++ {
				want, _ := DiffDocs(h.docs[i-1], h.docs[i]).MarshalBinary()
				if !bytes.Equal(got[i], want) {
					t.Errorf("%s: %s → %s: DiffTexts differs from DiffDocs", h.name, h.files[i-1], h.files[i])
				}
			}
		}
	}
	t.Run("sample", func(t *testing.T) { run(t, sampleHistories(t)) })
	t.Run("corpus", func(t *testing.T) { run(t, corpusHistories(t)) })
}

// TestCorpusNoiseIsNoChange takes every corpus edition and compares it with
// itself after the noise real files carry: CRLF, a BOM and no-break spaces.
func TestCorpusNoiseIsNoChange(t *testing.T) {
	for _, h := range corpusHistories(t) {
		for i, text := range h.texts {
			noisy := "\uFEFF" + strings.ReplaceAll(strings.ReplaceAll(text, "\n", "\r\n"), " ", "\u00A0")
			if r := Diff(text, noisy); !r.Same() {
				t.Errorf("%s %s: noise shows as a change", h.name, h.files[i])
			}
		}
	}
}

func TestPlainTextIsNormalised(t *testing.T) {
	for _, h := range append(sampleHistories(t), corpusHistoriesOrNone(t)...) {
		for i, text := range h.texts {
			if Normalize(text) != text {
				t.Errorf("%s %s: plaintext.Of is not a fixed point of Normalize", h.name, h.files[i])
			}
		}
	}
}

func corpusHistoriesOrNone(t *testing.T) []history {
	if _, err := os.Stat(sharedCorpus); err != nil {
		return nil
	}
	return corpusHistories(t)
}
