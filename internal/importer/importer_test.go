package importer

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
	"policysite/internal/source"
	"policysite/internal/testfs"
)

var moscow, _ = time.LoadLocation("Europe/Moscow")

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func opts(root string) Options {
	return Options{Repo: os.DirFS(root), Policy: "privacy", Lang: "en", Location: moscow}
}

const text1 = "# Privacy\n\n1.1. A new edition takes effect when posted.\n"

func TestMake(t *testing.T) {
	tests := []struct {
		name     string
		states   []State
		dateText bool
		title    string
		files    []string // Rel (from), effective
		skipped  int
		notes    int
		err      string
	}{
		{
			name: "same day gets -2 and -3",
			states: []State{
				{Name: "a.md", Date: day("2024-02-01"), Data: []byte(text1)},
				{Name: "b.md", Date: day("2024-02-01"), Data: []byte(text1 + "\n1.2. More.\n")},
				{Name: "c.md", Date: day("2024-02-01"), Data: []byte(text1 + "\n1.2. Less.\n")},
				{Name: "d.md", Date: day("2024-03-01"), Data: []byte(text1 + "\n1.3. Other.\n")},
			},
			files: []string{"2024-02-01 a.md", "2024-02-01-2 b.md", "2024-02-01-3 c.md", "2024-03-01 d.md"},
		},
		{
			name: "whitespace-only changes are skipped",
			states: []State{
				{Name: "a.md", Date: day("2024-02-01"), Data: []byte(text1)},
				{Name: "b.md", Date: day("2024-02-02"), Data: []byte("\uFEFF# Privacy  \r\n\r\n\r\n\r\n1.1. A new edition takes effect when posted.\r\n\r\n")},
				{Name: "c.md", Date: day("2024-02-03"), Data: []byte(text1 + "1.2. New.\n")},
				{Name: "d.md", Date: day("2024-02-04"), Data: []byte(text1 + "1.2. New.   \n\n")},
			},
			files:   []string{"2024-02-01 a.md", "2024-02-03 c.md"},
			skipped: 2,
		},
		{
			name: "a change of words inside a line is kept",
			states: []State{
				{Name: "a.md", Date: day("2024-02-01"), Data: []byte(text1)},
				{Name: "b.md", Date: day("2024-02-02"), Data: []byte("# Privacy\n\n1.1. A new  edition takes effect when posted.\n")},
			},
			files: []string{"2024-02-01 a.md", "2024-02-02 b.md"},
		},
		{
			name:     "stated date later than posted is effective; earlier is a note",
			dateText: true,
			states: []State{
				{Name: "a.md", Date: day("2024-02-01"), Data: []byte("# Privacy\n\nEffective date: **March 1, 2024**\n\n1.1. Text.\n")},
				{Name: "b.md", Date: day("2024-04-01"), Data: []byte("# Privacy\n\nEffective date: March 15, 2024\n\n1.1. Text 2.\n")},
				{Name: "c.md", Date: day("2024-05-01"), Data: []byte("# Privacy\n\nLast updated: 2024-05-01\n\n1.1. Text 3.\n")},
			},
			files: []string{"2024-02-01 a.md 2024-03-01", "2024-04-01 b.md", "2024-05-01 c.md"},
			notes: 1,
		},
		{
			name:  "--title wins",
			title: "Notice",
			states: []State{
				{Name: "a.md", Date: day("2024-02-01"), Data: []byte("---\ntitle: Own\n---\nText.\n")},
			},
			files: []string{"2024-02-01 a.md"},
		},
		{
			name:   "a title of two lines is read on one, as the parser reads it",
			states: []State{{Name: "a.md", Date: day("2024-02-01"), Data: []byte("---\ntitle: |\n  Privacy\n  notice\n---\nText.\n")}},
			files:  []string{"2024-02-01 a.md"},
		},
		{
			name:   "a title with a bidi control left open is refused, with its state",
			states: []State{{Name: "a.md", Date: day("2024-02-01"), Data: []byte("---\ntitle: \"Privacy \u202e\"\n---\nText.\n")}},
			err:    `a.md: title: bidi control U+202E is never closed: close it with U+202C within the title, or it reverses the text shown after it, in "Privacy \u202e" (--title gives every edition one)`,
		},
		{
			name:   "no title but the file's name",
			states: []State{{Name: "a.md", Date: day("2024-02-01"), Data: []byte("Text.\n")}},
			files:  []string{"2024-02-01 a.md"},
		},
		{
			name: "out of order",
			states: []State{
				{Name: "a.md", Date: day("2024-02-01"), Data: []byte(text1)},
				{Name: "b.md", Date: day("2024-01-01"), Data: []byte(text1 + "x\n")},
			},
			err: "must be oldest first",
		},
		{
			name: "empty text is skipped",
			states: []State{
				{Name: "a.md", Date: day("2024-02-01"), Data: []byte("---\ntitle: T\n---\n\n")},
				{Name: "b.md", Date: day("2024-02-02"), Data: []byte(text1)},
			},
			files:   []string{"2024-02-02 b.md"},
			skipped: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := opts(t.TempDir())
			o.DateFromText, o.Title = tt.dateText, tt.title
			p, err := Make(tt.states, o)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range p.Files {
				g := f.ID.String() + " " + f.From
				if f.Effective != "" {
					g += " " + f.Effective
				}
				got = append(got, g)
				if f.Rel != "versions/privacy/"+f.ID.String()+".en.md" {
					t.Errorf("Rel = %s", f.Rel)
				}
			}
			if !slices.Equal(got, tt.files) {
				t.Errorf("files = %q, want %q", got, tt.files)
			}
			if len(p.Skipped) != tt.skipped || len(p.Notes) != tt.notes {
				t.Errorf("skipped %q, notes %q; want %d and %d", p.Skipped, p.Notes, tt.skipped, tt.notes)
			}
			if tt.title != "" && !strings.Contains(string(p.Files[0].Data), "title: "+tt.title+"\n") {
				t.Errorf("title not used:\n%s", p.Files[0].Data)
			}
		})
	}
}

// TestBodyKept checks that a file reads back, through the site's parser, as
// exactly the source's body, whatever its front matter, BOM and line
// endings; only a leading heading that says the title, which the site
// shows above the text, is left out, with the blank lines after it.
func TestBodyKept(t *testing.T) {
	tests := []struct {
		name, src, title, body string
		// flagTitle is --title.
		flagTitle string
	}{
		{"front matter carried over", "---\ntitle: \"Privacy: the notice\"\nredirect_from:\n - /privacy/\n---\n\nEffective date: x\n\nText.  \n", "Privacy: the notice", "\nEffective date: x\n\nText.  \n", ""},
		{"BOM and CRLF with front matter", "\uFEFF---\r\ntitle: T\r\n---\r\nLine 1\r\n\r\nLine 2\r\n", "T", "Line 1\n\nLine 2\n", ""},
		{"BOM without front matter", "\uFEFF# Heading {: #top}\r\n\r\nText\u00a0here.\r\n", "Heading", "Text\u00a0here.\n", ""},
		{"heading below level one when there is none", "## <span class=\"x\"></span> <span>Notice</span>\n\nText.\n", "Notice", "Text.\n", ""},
		{"no final newline", "# T\n\nText.", "T", "Text.", ""},
		{"blank lines before the title", "\n\n# T\n\n\nText.\n", "T", "Text.\n", ""},
		{"a front matter title said again", "---\ntitle: T\n---\n# T\n\nText.\n", "T", "Text.\n", ""},
		{"--title said again", "# T\n\nText.\n", "T", "Text.\n", "T"},
		{"a heading that is not the title", "# Preface\n\n# T\n\nText.\n", "T", "# Preface\n\n# T\n\nText.\n", "T"},
		{"a title heading after text", "Intro.\n\n# T\n\nText.\n", "T", "Intro.\n\n# T\n\nText.\n", ""},
		{"sections under the title", "# T\n\n## T\n\nText.\n", "T", "## T\n\nText.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := opts(t.TempDir())
			o.Title = tt.flagTitle
			p, err := Make([]State{{Name: "a.md", Date: day("2024-02-01"), Data: []byte(tt.src)}}, o)
			if err != nil {
				t.Fatal(err)
			}
			f := p.Files[0]
			e, warns, err := source.ParseEdition(f.Data, source.ParseOptions{File: f.Rel, Policy: "privacy", Name: source.FileName{ID: f.ID, Lang: "en"}, Location: moscow})
			if err != nil || len(warns) > 0 {
				t.Fatalf("parse: %v %v\n%s", err, warns, f.Data)
			}
			if e.Body != tt.body || e.Title != tt.title {
				t.Errorf("title %q body %q, want %q %q", e.Title, e.Body, tt.title, tt.body)
			}
			if !e.Posted.Equal(time.Date(2024, 2, 1, 0, 0, 0, 0, moscow)) || e.EffectiveSet {
				t.Errorf("posted %v effective set %v", e.Posted, e.EffectiveSet)
			}
		})
	}
}

func TestStatedDate(t *testing.T) {
	tests := []struct {
		body, want string
	}{
		{"# P\n\nEffective date: February 1, 2024\n", "2024-02-01"},
		{"Effective date: **January 26, 2017**\n", "2017-01-26"},
		{"# P\n\n_Last updated: Sept. 3rd, 2019_\n", "2019-09-03"},
		{"# P\n\nLast updated on 1 March 2020.\n", "2020-03-01"},
		{"# P\n\nUpdated: 2021-07-15\n", "2021-07-15"},
		{"# P\n\nJanuary 27, 2014\n{: datetime=\"2014-01-27\" }\n", "2014-01-27"},
		{"# Уведомление\n\n15 апреля 2014\u00a0г.\n{: datetime=\"2014-04-15\" }\n", "2014-04-15"},
		{"# Уведомление\n\n*Дата вступления в силу: 28 сентября 2017 г.*\r\n", "2017-09-28"},
		{"# Уведомление\n\nДата вступления в силу: 4 мая 2026 г.\n", "2026-05-04"},
		{"# Политика\n\nРедакция от 15 апреля 2014 г.\n", "2014-04-15"},
		{"# Политика\n\nРедакция от «15» апреля 2014 года\n", "2014-04-15"},
		{"# Политика\n\nДата публикации: 01.03.2024\n", "2024-03-01"},
		// No date, a date inside a sentence, a date too far down, and a
		// date that does not exist are not stated dates.
		{"# P\n\nText.\n", ""},
		{"# P\n\nWe changed this on February 1, 2024 to add clauses.\n", ""},
		{"# P\n\na\n\nb\n\nc\n\nd\n\nFebruary 1, 2024\n", ""},
		{"# P\n\nEffective date: February 30, 2024\n", ""},
	}
	for _, tt := range tests {
		d, text, ok := StatedDate(normalize([]byte(tt.body)))
		got := ""
		if ok {
			got = d.Format(time.DateOnly)
		}
		if got != tt.want {
			t.Errorf("StatedDate(%q) = %q (%q), want %q", tt.body, got, text, tt.want)
		}
	}
}

func TestFromDir(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"2024-02-01-b.md", "2024-02-01-a.md", "2023-12-31.txt", "README.md", "ORDER.txt"} {
		testfs.WriteFile(t, filepath.Join(dir, n), []byte("# "+n+"\n\ntext "+n+"\n"))
	}
	names := func(s []State) (out []string) {
		for _, x := range s {
			out = append(out, x.Name+"@"+x.Date.Format(time.DateOnly))
		}
		return out
	}
	// What is not imported is named, with why.
	testfs.WriteFile(t, filepath.Join(dir, "2024-03-01-drafts", "2024-03-01.md"), []byte(text1))
	if err := os.Symlink("2024-02-01-a.md", filepath.Join(dir, "2024-02-02-link.md")); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
	st, skipped, err := FromDir(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2023-12-31.txt@2023-12-31", "2024-02-01-a.md@2024-02-01", "2024-02-01-b.md@2024-02-01"}
	if !slices.Equal(names(st), want) {
		t.Errorf("by name: %q", names(st))
	}
	wantSkipped := []string{
		"2024-02-02-link.md: not a regular file (a link, say); import reads regular files only",
		"2024-03-01-drafts/: a folder; import reads the files of " + dir + " itself",
		"ORDER.txt: no date (YYYY-MM-DD) at the start of its name; rename it so, or list it after its date in a file given with --order",
		"README.md: no date (YYYY-MM-DD) at the start of its name; rename it so, or list it after its date in a file given with --order",
	}
	if !slices.Equal(skipped, wantSkipped) {
		t.Errorf("by name, skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(wantSkipped, "\n"))
	}

	order := filepath.Join(dir, "ORDER.txt")
	testfs.WriteFile(t, order, []byte("2024-02-01-b.md\n\n2024-02-01-a.md\n"))
	st, skipped, err = FromDir(dir, order)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names(st), []string{"2024-02-01-b.md@2024-02-01", "2024-02-01-a.md@2024-02-01"}) {
		t.Errorf("by ORDER: %q", names(st))
	}
	// The list itself is not a file left out.
	wantSkipped = []string{
		"2023-12-31.txt: not listed in ORDER.txt",
		wantSkipped[0], wantSkipped[1],
		"README.md: not listed in ORDER.txt",
	}
	if !slices.Equal(skipped, wantSkipped) {
		t.Errorf("by ORDER, skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(wantSkipped, "\n"))
	}

	for list, msg := range map[string]string{
		"2024-02-01-x.md\n":                  "is not in",
		"README.md\n":                        "is not a file name starting with a date",
		"2024-02-01-a.md\n2024-02-01-a.md\n": "listed twice",
	} {
		testfs.WriteFile(t, order, []byte(list))
		if _, _, err := FromDir(dir, order); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("order %q: err = %v, want %q", list, err, msg)
		}
	}
	if _, _, err := FromDir(t.TempDir(), ""); err == nil {
		t.Error("an empty folder imported")
	}
}

// TestFromDirDatedByTheList: files whose names do not say when they were
// posted are dated by the order list, a date before each name.
func TestFromDirDatedByTheList(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"privacy-v1.md", "privacy-v2.md", "2021-03-01 privacy.md"} {
		testfs.WriteFile(t, filepath.Join(dir, n), []byte("# "+n+"\n\ntext "+n+"\n"))
	}
	order := filepath.Join(t.TempDir(), "ORDER.txt")
	testfs.WriteFile(t, order, []byte("# oldest first\n2019-05-20 privacy-v1.md\n2020-01-15\tprivacy-v2.md\n2021-03-01 privacy.md\n"))
	st, notes, err := FromDir(dir, order)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range st {
		got = append(got, s.Name+"@"+s.Date.Format(time.DateOnly))
	}
	// "2021-03-01 privacy.md" is a file's whole name, dated by it.
	want := []string{"privacy-v1.md@2019-05-20", "privacy-v2.md@2020-01-15", "2021-03-01 privacy.md@2021-03-01"}
	if !slices.Equal(got, want) || len(notes) != 0 {
		t.Errorf("got %q %q, want %q", got, notes, want)
	}
	for list, msg := range map[string]string{
		"privacy-v1.md\n":                                      "is not a file name starting with a date (YYYY-MM-DD), nor a date and a file name",
		"2019-13-40 privacy-v1.md\n":                           "a line is a file name that starts with a date, or a date (YYYY-MM-DD) and a file name",
		"2019-05-20 ../privacy.md\n":                           "name a file of the folder itself",
		"2019-05-20 privacy-v3.md\n":                           "privacy-v3.md is not in",
		"2019-05-20 privacy-v1.md\n2019-06-01 privacy-v1.md\n": "listed twice",
	} {
		testfs.WriteFile(t, order, []byte(list))
		if _, _, err := FromDir(dir, order); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("order %q: err = %v, want %q", list, err, msg)
		}
	}
	undated := t.TempDir()
	testfs.WriteFile(t, filepath.Join(undated, "privacy-v1.md"), []byte(text1))
	if _, _, err := FromDir(undated, ""); err == nil || !strings.Contains(err.Error(), "each after its date") {
		t.Errorf("undated files without a list: err = %v, want how to date them", err)
	}
}

func TestWrite(t *testing.T) {
	root := t.TempDir()
	states := []State{
		{Name: "a.md", Date: day("2024-02-01"), Data: []byte(text1)},
		{Name: "b.md", Date: day("2024-03-01"), Data: []byte(text1 + "1.2. New.\n")},
	}
	p, err := Make(states, opts(root))
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(root, p, false); err != nil {
		t.Fatal(err)
	}
	got := testfs.Tree(t, root)
	if len(got) != 2 || got[filepath.Join("versions", "privacy", "2024-03-01.en.md")] == nil {
		t.Fatalf("wrote %v", got)
	}
	res, err := source.Load(source.Options{FS: os.DirFS(root), Langs: []policy.Lang{"en"}, Location: moscow})
	if err != nil || len(res.Warnings) > 0 || len(res.Policies[0].Editions["en"]) != 2 {
		t.Fatalf("load: %v %v", err, res)
	}

	// A second import finds the files there, refuses, and changes nothing.
	keep := filepath.Join(root, "versions", "privacy", "2024-02-01.en.md")
	os.WriteFile(keep, []byte("mine"), 0o644)
	p, err = Make(append(states, State{Name: "c.md", Date: day("2024-04-01"), Data: []byte(text1 + "1.3.\n")}), opts(root))
	if err != nil {
		t.Fatal(err)
	}
	if ex := p.Existing(); len(ex) != 2 {
		t.Fatalf("existing = %q", ex)
	}
	var ee *ExistsError
	if err := Write(root, p, false); !errors.As(err, &ee) || len(ee.Files) != 2 {
		t.Fatalf("err = %v", err)
	}
	if after := testfs.Tree(t, root); len(after) != 2 || string(after[filepath.Join("versions", "privacy", "2024-02-01.en.md")]) != "mine" {
		t.Fatalf("a refused import changed files: %v", after)
	}
	// --force replaces them.
	if err := Write(root, p, true); err != nil {
		t.Fatal(err)
	}
	if after := testfs.Tree(t, root); len(after) != 3 || string(after[filepath.Join("versions", "privacy", "2024-02-01.en.md")]) == "mine" {
		t.Fatalf("forced import: %v", after)
	}
}

// TestNotTextIsNamed: a history kept as PDF or word processor files, or in
// an encoding older than UTF-8, is refused with what it is, not read as
// text (a PDF "has no title").
func TestNotTextIsNamed(t *testing.T) {
	for _, tt := range []struct {
		name, data, want string
	}{
		{"a PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x01", "a.md is not text but application/pdf: save it as Markdown or plain text in UTF-8 first"},
		{"a word processor's file", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "a.md is not text but application/zip"},
		{"Windows-1251", "# \xcf\xee\xeb\xe8\xf2\xe8\xea\xe0\n\n1.1. \xd2\xe5\xea\xf1\xf2.\n", "a.md is not UTF-8 text (an older encoding, such as Windows-1251?)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Make([]State{{Name: "a.md", Date: day("2024-02-01"), Data: []byte(tt.data)}}, opts(t.TempDir()))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
