package site_test

import (
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

// TestRedlinePageLabelsFormattedClauses: a clause changed only in its
// formatting, here a paragraph split in two, is listed among the changed
// clauses as formatted, in the page's language, and changes.json says so.
func TestRedlinePageLabelsFormattedClauses(t *testing.T) {
	root := fixture(t)
	edition := func(posted, body string) []byte {
		return []byte("---\ntitle: Правила\nposted: " + posted + "\n---\n" + body + "\n")
	}
	testfs.WriteFile(t, filepath.Join(root, "versions/rules/2023-01-10.ru.md"), edition("2023-01-10T12:00:00+03:00",
		"1.1. Первый пункт.\n\n1.2. Напишите нам по почте, и мы ответим в течение десяти рабочих дней после получения письма."))
	testfs.WriteFile(t, filepath.Join(root, "versions/rules/2024-01-10.ru.md"), edition("2024-01-10T12:00:00+03:00",
		"1.1. Первый пункт.\n\n1.2. Напишите нам по почте,\n\nи мы ответим в течение десяти рабочих дней после получения письма."))
	out, _ := build(t, root)
	page := read(t, out, "ru/rules/2024-01-10/changes/index.html")
	want := `<li><a href="#c-1-2"><span class="rl-toc-no">1.2</span> Напишите нам по почте,</a> <span class="rl-badge rl-badge-formatted">оформление</span></li>`
	if !strings.Contains(page, want) {
		i := strings.Index(page, `class="rl-toc"`)
		t.Errorf("the list of changed clauses lacks\n%s\nin\n%.1500s", want, page[max(i, 0):])
	}
	doc := read(t, out, "ru/rules/2024-01-10/changes.json")
	for _, w := range []string{`"change": "formatted"`, `"formatted": 1`, `"breaks_inserted": 1`, `"break": true`} {
		if !strings.Contains(doc, w) {
			t.Errorf("changes.json lacks %s", w)
		}
	}
}
