package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

// addDraft adds to the sample in root a Russian edition of the privacy
// policy posted 2026-02-01, long before now, with a new clause 1.1; with
// draft, it says `draft: true`. It records the edition unless it is a
// draft, as the author would before publishing it.
func addDraft(t *testing.T, root string, draft bool) {
	t.Helper()
	ed, err := os.ReadFile(filepath.Join(root, "versions/privacy/2025-09-01.ru.md"))
	if err != nil {
		t.Fatal(err)
	}
	head := "posted: 2026-02-01T12:00:00+03:00"
	if draft {
		head += "\ndraft: true"
	}
	ed = bytes.Replace(ed, []byte("posted: 2025-09-01T12:00:00+03:00"), []byte(head), 1)
	ed = bytes.Replace(ed, []byte("1.1. Настоящая"), []byte("1.1. Черновая формулировка. Настоящая"), 1)
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2026-02-01.ru.md"), ed)
	testfs.RecordDir(t, root)
}

// TestDraftIsNeverPublished: a draft posted long ago leaves the built
// site byte for byte as it is without it (no page, JSON, text, feed
// entry, index entry, sitemap entry or redline), and the build counts
// it; the same edition without its draft line is published.
func TestDraftIsNeverPublished(t *testing.T) {
	build := func(root string) (map[string][]byte, *Report) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "public")
		rep, err := Run(context.Background(), Options{Source: root, Out: out, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return testfs.Tree(t, out), rep
	}
	want, base := build(sample(t))

	withDraft := sample(t)
	addDraft(t, withDraft, true)
	got, rep := build(withDraft)
	if rep.Result.Drafts != 1 {
		t.Errorf("the build counts %d drafts left out, want 1", rep.Result.Drafts)
	}
	// The draft's text is checked as any other (here, it lacks its
	// English translation); it needs no recording, since it is not
	// published, and changes nothing else.
	var others []string
	for _, w := range rep.Warnings {
		if w.File != "versions/privacy/2026-02-01.ru.md" || strings.Contains(w.Error(), "recorded") {
			others = append(others, w.Error())
		}
	}
	if len(others) != len(base.Warnings) {
		t.Errorf("with the draft, the build warns %q; without, %q", others, base.Warnings)
	}
	if len(got) != len(want) {
		t.Errorf("the site has %d files with the draft, %d without", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs with the draft", name)
		}
	}

	published := sample(t)
	addDraft(t, published, false)
	got, rep = build(published)
	if rep.Result.Drafts != 0 {
		t.Errorf("the build counts %d drafts, want none", rep.Result.Drafts)
	}
	page := got[filepath.Join("ru", "privacy", "2026-02-01", "index.html")]
	if !bytes.Contains(page, []byte("Черновая формулировка")) {
		t.Error("without its draft line, the edition is not published")
	}
}
