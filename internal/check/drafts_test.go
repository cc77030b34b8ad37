package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"policysite/internal/sum"
	"policysite/internal/testfs"
)

// draftEdition is edition with `draft: true`, on line 3.
func draftEdition(path, title, clauses string) string {
	return strings.Replace(edition(path, title, clauses), "title: "+title+"\n", "title: "+title+"\ndraft: true\n", 1)
}

// TestDraftsAreNotedNotWarned: each draft is a note at its `draft` line,
// which --strict does not count, and a draft is no predecessor for the
// identical-text warning, nor needs recording.
func TestDraftsAreNotedNotWarned(t *testing.T) {
	// Only the editions that are not drafts are recorded.
	fsys := testfs.Record(repo(t, siteConfig+
		edition("versions/p/2024-01-10.ru.md", "П", "")+
		draftEdition("versions/p/2024-02-10.ru.md", "П", "")+
		edition("versions/p/2024-03-01.ru.md", "П", "\n1.2. Второй.\n")+
		draftEdition("versions/p/2024-07-01.ru.md", "П", "\n1.2. Второй.\n")))
	if sums, err := sum.Read(fsys); err != nil || sums.Len() != 2 {
		t.Fatalf("versions.sum: %v, %v; want the 2 editions that are not drafts", sums, err)
	}
	r, err := Run(t.Context(), fsys, now, "")
	if err != nil {
		t.Fatal(err)
	}
	errs, warns := messages(r)
	match(t, "errors", errs, nil)
	match(t, "warnings", warns, nil)
	var notes []string
	for _, n := range r.Notes {
		notes = append(notes, n.Error())
	}
	match(t, "notes", notes, []string{
		"versions/p/2024-02-10.ru.md:3: draft, not published",
		"versions/p/2024-07-01.ru.md:3: draft, not published",
	})
}

// TestIdenticalTextWarns: an edition whose text is its predecessor's in
// its language is a warning naming both files, as is the copy `new` made
// once its draft line is gone; recorded history is left alone.
func TestIdenticalTextWarns(t *testing.T) {
	files := siteConfig +
		edition("versions/p/2024-01-10.ru.md", "П", "\n1.2. Второй.\n") +
		edition("versions/p/2024-01-10.en.md", "P", "\n1.2. Second.\n") +
		// The same text under another title and front matter.
		strings.Replace(edition("versions/p/2024-05-01.ru.md", "Политика", "\n1.2. Второй.\n"), "---\n## 1.", "summary: Нет\n---\n## 1.", 1) +
		edition("versions/p/2024-05-01.en.md", "P", "\n1.2. Second, edited.\n")
	fsys := repo(t, files)
	r, err := Run(t.Context(), fsys, now, "")
	if err != nil {
		t.Fatal(err)
	}
	// Not recorded yet (an error of its own), the edition can still be
	// changed.
	_, warns := messages(r)
	match(t, "warnings", warns, []string{
		"versions/p/2024-05-01.ru.md: its text is identical to that of versions/p/2024-01-10.ru.md, the edition before it",
	})

	// Recorded, the edition is published history: nothing can be done.
	sums := sum.New()
	for name, f := range fsys {
		if key, ok := strings.CutPrefix(name, "versions/"); ok {
			sums.Add(key, f.Data)
		}
	}
	fsys["versions/versions.sum"] = &fstest.MapFile{Data: sums.Bytes()}
	r, err = Run(t.Context(), fsys, now, "")
	if err != nil {
		t.Fatal(err)
	}
	errs, warns := messages(r)
	match(t, "errors", errs, nil)
	match(t, "warnings", warns, nil)
}
