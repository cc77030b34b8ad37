package check

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"policysite/internal/sum"
	"policysite/internal/testfs"
)

// repo is the repository of archive's files and the shipped i18n/, in
// memory.
func repo(t *testing.T, archive string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for _, l := range []string{"ru", "en"} {
		data, err := os.ReadFile(filepath.Join("../../i18n", l+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		fsys["i18n/"+l+".toml"] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// sample writes the sample site (internal/testfs) into a temporary
// repository and returns it.
func sample(t *testing.T) fs.FS {
	t.Helper()
	return os.DirFS(testfs.Sample(t))
}

const siteConfig = `
-- policysite.toml --
time_zone = "Europe/Moscow"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"

[[languages]]
code = "en"
name = "English"
title = "Documents"
`

func edition(path, title, clauses string) string {
	return "-- " + path + " --\n---\ntitle: " + title + "\n---\n## 1. Общие положения\n\n1.1. Новая редакция вступает в силу с момента её размещения на сайте.\n" + clauses
}

var now = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

func messages(r *Report) (errs, warns []string) {
	for _, e := range r.Errors {
		errs = append(errs, e.Error())
	}
	for _, w := range r.Warnings {
		warns = append(warns, w.Error())
	}
	return errs, warns
}

func TestTranslationDrift(t *testing.T) {
	tests := []struct {
		name        string
		files       string
		errs, warns []string
	}{
		{
			name: "same clauses: nothing to say",
			files: edition("versions/p/2024-01-10.ru.md", "П", "\n1.2. Второй.\n") +
				edition("versions/p/2024-01-10.en.md", "P", "\n1.2. Second.\n"),
		},
		{
			name: "a clause missing from the translation",
			files: edition("versions/p/2024-01-10.ru.md", "П", "\n1.2. Второй.\n\n1.3. Третий.\n") +
				edition("versions/p/2024-01-10.en.md", "P", "\n1.2. Second.\n"),
			errs: []string{"versions/p/2024-01-10.en.md: lacks clause 1.3, which versions/p/2024-01-10.ru.md has"},
		},
		{
			name: "a clause only in the translation, at its line",
			files: edition("versions/p/2024-01-10.ru.md", "П", "\n1.2. Второй.\n") +
				edition("versions/p/2024-01-10.en.md", "P", "\n1.2. Second.\n\n1.3. Third.\n"),
			errs: []string{"versions/p/2024-01-10.en.md:10: clause 1.3 is not in versions/p/2024-01-10.ru.md"},
		},
		{
			name: "no translation of an older edition",
			files: edition("versions/p/2024-01-10.ru.md", "П", "") +
				edition("versions/p/2024-02-10.ru.md", "П", "\n1.2. Второй.\n") + edition("versions/p/2024-02-10.en.md", "P", "\n1.2. Second.\n"),
			warns: []string{"versions/p/2024-01-10.ru.md: has no translation into English (en): the en pages lead to the nearest edition in that language instead; add versions/p/2024-01-10.en.md"},
		},
		{
			name: "newer than every edition in the other language",
			files: edition("versions/p/2024-01-10.ru.md", "П", "") + edition("versions/p/2024-01-10.en.md", "P", "") +
				edition("versions/p/2024-03-01.ru.md", "П", "\n1.2. Второй.\n"),
			warns: []string{"versions/p/2024-03-01.ru.md: newer than every edition in English (en) (the latest is 2024-01-10)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Run(t.Context(), testfs.Record(repo(t, siteConfig+tt.files)), now, "")
			if err != nil {
				t.Fatal(err)
			}
			errs, warns := messages(r)
			match(t, "errors", errs, tt.errs)
			match(t, "warnings", warns, tt.warns)
		})
	}
}

func match(t *testing.T, kind string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %q, want %d like %q", kind, got, len(want), want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("%s[%d] = %q, want it to start with %q", kind, i, got[i], want[i])
		}
	}
}

// TestDatesThatContradictTheChangeClausesWarn: check warns, naming the
// file and line, when an edition takes effect later than posted while its
// text says "on posting" and neither provides otherwise nor gives the date.
func TestDatesThatContradictTheChangeClausesWarn(t *testing.T) {
	root := repo(t, siteConfig+`
-- versions/p/2024-07-01.ru.md --
---
title: Политика
posted: 2024-07-01T12:00:00+03:00
effective: 2024-08-01T00:00:00+03:00
---
## 1. Общие положения

1.1. Первый пункт.

1.2. Новая редакция Политики вступает в силу с момента её размещения на сайте.
`)
	r, err := Run(t.Context(), testfs.Record(root), time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Fatal(err)
	}
	errs, warns := messages(r)
	match(t, "errors", errs, nil)
	match(t, "warnings", warns, []string{"versions/p/2024-07-01.ru.md:10: takes effect on 2024-08-01, later than it is posted, but clause 1.2 says"})
}

// TestSourceErrorsAreReportedNotReturned: a broken edition is a finding of
// the check, with its file and line, not a failure to check.
func TestSourceErrorsAreReportedNotReturned(t *testing.T) {
	r, err := Run(t.Context(), repo(t, siteConfig+"-- versions/p/2024-01-10.ru.md --\n---\ntitle: П\nposted: 2024-02-30\n---\nТекст.\n"), now, "")
	if err != nil {
		t.Fatal(err)
	}
	errs, _ := messages(r)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "versions/p/2024-01-10.ru.md:3: ") {
		t.Errorf("errors = %q", errs)
	}
}

// TestSampleHasOnlyItsDocumentedWarning: the sample site is clean apart
// from its Russian-only edition, which it has on purpose.
func TestSampleHasOnlyItsDocumentedWarning(t *testing.T) {
	r, err := Run(t.Context(), sample(t), time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Fatal(err)
	}
	errs, warns := messages(r)
	match(t, "errors", errs, nil)
	match(t, "warnings", warns, []string{"versions/privacy/2024-07-10.ru.md: has no translation into English (en)"})
}

// TestCachedAnalysisIsTheSame: a check with a cold cache, one with a warm
// cache and one without a cache read every edition of the sample alike, and
// the warm one reads them from the cache.
func TestCachedAnalysisIsTheSame(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	fsys := sample(t)
	none, err := Run(t.Context(), fsys, now, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, state := range []string{"cold", "warm"} {
		r, err := Run(t.Context(), fsys, now, dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Analyses) == 0 || len(r.Analyses) != len(none.Analyses) {
			t.Fatalf("%s: %d analyses, want %d", state, len(r.Analyses), len(none.Analyses))
		}
		for e, a := range none.Analyses {
			var got *Analysis
			for f, b := range r.Analyses {
				if f.File == e.File {
					got = b
				}
			}
			if got == nil || !reflect.DeepEqual(a, got) {
				t.Errorf("%s: %s reads otherwise", state, e.File)
			}
		}
		if !reflect.DeepEqual(none.Warnings, r.Warnings) || !reflect.DeepEqual(none.Errors, r.Errors) {
			t.Errorf("%s: the findings differ", state)
		}
		// One entry per distinct body, which the warm run reads.
		if entries, _ := filepath.Glob(filepath.Join(dir, "analyses", "??", "*")); len(entries) == 0 || len(entries) > len(none.Analyses) {
			t.Errorf("%s: %d cache entries for %d editions", state, len(entries), len(none.Analyses))
		}
	}
}

// TestI18nGapsWarn: a language's file that lacks messages another has (a
// language added by translating a copy) is named, with what it lacks.
func TestI18nGapsWarn(t *testing.T) {
	root := repo(t, siteConfig+edition("versions/p/2024-01-10.ru.md", "П", "")+edition("versions/p/2024-01-10.en.md", "P", ""))
	// An English file that lacks two tables, as one older than the code.
	en := filepath.Join(t.TempDir(), "en.toml")
	testfs.WriteFile(t, en, root["i18n/en.toml"].Data)
	testfs.DropTables(t, en, "toc", "home")
	data, err := os.ReadFile(en)
	if err != nil {
		t.Fatal(err)
	}
	root["i18n/en.toml"] = &fstest.MapFile{Data: data}
	r, err := Run(t.Context(), root, now, "")
	if err != nil {
		t.Fatal(err)
	}
	_, warns := messages(r)
	want := "i18n/en.toml: lacks 2 message(s) that i18n/ru.toml has: home, toc; pages in en show them"
	found := false
	for _, w := range warns {
		found = found || strings.HasPrefix(w, want)
		if strings.HasPrefix(w, "i18n/ru.toml") {
			t.Errorf("ru.toml has every message, but: %s", w)
		}
	}
	if !found {
		t.Errorf("warnings = %q, want one starting %q", warns, want)
	}
}

// TestNewRepositoryWarns: a repository before its first edition, without
// even versions/, checks and builds, and is told how to start.
func TestNewRepositoryWarns(t *testing.T) {
	r, err := Run(t.Context(), repo(t, siteConfig), now, "")
	if err != nil {
		t.Fatal(err)
	}
	errs, warns := messages(r)
	match(t, "errors", errs, nil)
	match(t, "warnings", warns, []string{"versions: no policy yet: write a policy's first edition as versions/<policy>/<YYYY-MM-DD>.<lang>.md"})
}

// TestRunReadsTheRepositoryItIsGiven: config, strings, editions and sums
// all come from the file system Run is given, and what is wrong in them is
// named by its path in it.
func TestRunReadsTheRepositoryItIsGiven(t *testing.T) {
	ed := edition("versions/p/2024-01-10.ru.md", "П", "") + edition("versions/p/2024-01-10.en.md", "P", "")
	// sumOf is versions.sum recording those of ed's files named.
	sumOf := func(names ...string) string {
		f := sum.New()
		for _, af := range txtar.Parse([]byte(ed)).Files {
			if key := strings.TrimPrefix(af.Name, "versions/"); slices.Contains(names, key) {
				f.Add(key, af.Data)
			}
		}
		return "-- versions/versions.sum --\n" + string(f.Bytes())
	}
	tests := []struct {
		name  string
		files string
		drop  string // a file to take out of the repository
		err   string // what Run returns
		errs  []string
		warns []string
	}{
		{name: "a clean repository", files: siteConfig + ed + sumOf("p/2024-01-10.ru.md", "p/2024-01-10.en.md")},
		{name: "a published edition not recorded", files: siteConfig + ed + sumOf("p/2024-01-10.ru.md"),
			errs: []string{"versions/p/2024-01-10.en.md: posted on 2024-01-10T00:00:00+03:00 and published, but not recorded in versions/versions.sum: check that the file is the text that was approved"}},
		{name: "no versions.sum: every published edition not recorded", files: siteConfig + ed,
			errs: []string{"versions/p/2024-01-10.en.md: posted on 2024-01-10T00:00:00+03:00 and published, but not recorded", "versions/p/2024-01-10.ru.md: posted on 2024-01-10T00:00:00+03:00 and published, but not recorded"}},
		{name: "an edition not yet posted, not recorded", files: siteConfig + ed + sumOf("p/2024-01-10.ru.md", "p/2024-01-10.en.md") +
			edition("versions/p/2024-07-01.ru.md", "П", "\n1.2. Второй.\n") + edition("versions/p/2024-07-01.en.md", "P", "\n1.2. Second.\n"),
			warns: []string{"versions/p/2024-07-01.en.md: not recorded: the first build after its posted moment (2024-07-01T00:00:00+03:00) will fail until it is", "versions/p/2024-07-01.ru.md: not recorded: the first build after its posted moment"}},
		{name: "a recorded edition that changed", files: siteConfig + strings.Replace(ed, "title: P", "title: Changed", 1) + sumOf("p/2024-01-10.ru.md", "p/2024-01-10.en.md"),
			errs: []string{"versions/p/2024-01-10.en.md: changed after it was posted (versions/versions.sum:4 records sha256:"}},
		{name: "a broken sum line", files: siteConfig + ed + "-- versions/versions.sum --\njunk\n",
			errs: []string{"versions/versions.sum:1: not an entry"}},
		{name: "a config mistake, at its line", files: "-- policysite.toml --\ntimezone = 1\n" + ed,
			errs: []string{`policysite.toml:1: unknown key "timezone"`}},
		{name: "no config", files: ed, drop: "policysite.toml", err: "read site config: open policysite.toml"},
		{name: "a language without strings", files: siteConfig + ed, drop: "i18n/en.toml", err: `interface strings for "en": open i18n/en.toml`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := repo(t, tc.files)
			delete(fsys, tc.drop)
			r, err := Run(t.Context(), fsys, now, "")
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q first", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			errs, warns := messages(r)
			match(t, "errors", errs, tc.errs)
			match(t, "warnings", warns, tc.warns)
		})
	}
}

// TestPreviewTakesUnrecordedAsWarnings: a preview, which publishes
// nothing, warns of an edition posted but not recorded rather than
// failing, and still fails on every other error.
func TestPreviewTakesUnrecordedAsWarnings(t *testing.T) {
	r, err := Run(t.Context(), repo(t, siteConfig+
		edition("versions/p/2024-01-10.ru.md", "П", "\n1.2. Второй.\n\n1.3. Третий.\n")+
		edition("versions/p/2024-01-10.en.md", "P", "\n1.2. Second.\n")), now, "")
	if err != nil {
		t.Fatal(err)
	}
	r.UnrecordedAsWarnings()
	errs, warns := messages(r)
	match(t, "errors", errs, []string{"versions/p/2024-01-10.en.md: lacks clause 1.3"})
	match(t, "warnings", warns, []string{
		"versions/p/2024-01-10.en.md: posted on 2024-01-10T00:00:00+03:00 and published, but not recorded",
		"versions/p/2024-01-10.ru.md: posted on 2024-01-10T00:00:00+03:00 and published, but not recorded",
	})
}
