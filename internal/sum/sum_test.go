package sum

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysite/internal/policy"
)

func ed(file, posted, body string) *policy.Edition {
	p, err := time.Parse(time.RFC3339, posted)
	if err != nil {
		panic(err)
	}
	pol := strings.Split(strings.TrimPrefix(file, "versions/"), "/")[0]
	return &policy.Edition{Policy: pol, File: file, Posted: p, Effective: p, SourceSHA256: strings.TrimPrefix(Hash([]byte(body)), "sha256:")}
}

// drafted marks e a draft.
func drafted(e *policy.Edition) *policy.Edition {
	e.Draft = true
	return e
}

var now = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

// verifyCase is an edition set to verify, and the starts or parts of the
// one error and one warning it must give, if any.
type verifyCase struct {
	name        string
	eds         []*policy.Edition
	errs, warns []string
}

// run verifies tc.eds against f and h as of now.
func (tc verifyCase) run(t *testing.T, f *File, h *Committed) {
	t.Helper()
	errs, warns := f.Verify(tc.eds, now, h)
	expect(t, "errors", errs, tc.errs)
	expect(t, "warnings", warns, tc.warns)
}

// expect fails the test unless got is empty when want is, or else one
// message that has every text of want.
func expect(t *testing.T, kind string, got []*policy.SourceError, want []string) {
	t.Helper()
	if len(want) == 0 {
		if len(got) > 0 {
			t.Errorf("%s: %v", kind, got)
		}
		return
	}
	if len(got) != 1 {
		t.Fatalf("%s = %v, want one", kind, got)
	}
	for _, w := range want {
		if !strings.Contains(got[0].Error(), w) {
			t.Errorf("%s %q lacks %q", kind, got[0], w)
		}
	}
}

func TestRecordThenVerify(t *testing.T) {
	posted := ed("versions/privacy/2024-01-10.ru.md", "2024-01-10T12:00:00Z", "posted text")
	future := ed("versions/privacy/2024-07-01.ru.md", "2024-07-01T12:00:00Z", "future text")
	draft := drafted(ed("versions/privacy/2024-08-01.ru.md", "2024-08-01T12:00:00Z", "draft text"))
	f := New()
	added := f.Record([]*policy.Edition{posted, future, draft})
	if want := []string{posted.File, future.File}; !slices.Equal(added, want) {
		t.Fatalf("Record added %v, want %v: every edition but a draft, posted or not", added, want)
	}
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "versions"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.Write(root); err != nil {
		t.Fatal(err)
	}
	g, err := Read(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	if string(g.Bytes()) != string(f.Bytes()) {
		t.Errorf("the file does not read back as written:\n%s", g.Bytes())
	}

	terms := ed("versions/terms/2024-02-01.en.md", "2024-02-01T00:00:00Z", "terms")
	draftTerms := drafted(ed(terms.File, "2024-02-01T00:00:00Z", "terms, being written"))
	for _, tc := range []verifyCase{
		{name: "unchanged", eds: []*policy.Edition{posted, future, draft}},
		{name: "a draft edited freely", eds: []*policy.Edition{posted, future, drafted(ed(draft.File, "2024-08-01T12:00:00Z", "draft, edited"))}},
		{name: "a posted edition edited", eds: []*policy.Edition{ed(posted.File, "2024-01-10T12:00:00Z", "posted text, silently changed"), future},
			errs: []string{"versions/privacy/2024-01-10.ru.md: changed after it was posted (versions/versions.sum:4 records sha256:", "publish the correction as a new edition (policysite new privacy)"}},
		{name: "a recorded edition not yet posted edited is frozen too", eds: []*policy.Edition{posted, ed(future.File, "2024-07-01T12:00:00Z", "future text, changed")},
			errs: []string{"versions/privacy/2024-07-01.ru.md: changed after it was recorded (versions/versions.sum:5 records sha256:", "run `policysite record --unfreeze versions/privacy/2024-07-01.ru.md`"}},
		{name: "a recorded edition moved to the future and edited", eds: []*policy.Edition{ed(posted.File, "2030-01-01T00:00:00Z", "posted text, silently changed"), future},
			errs: []string{"versions/privacy/2024-01-10.ru.md: changed after it was recorded"}},
		{name: "a posted edition removed", eds: []*policy.Edition{future},
			errs: []string{"versions/versions.sum:4: records versions/privacy/2024-01-10.ru.md, which is gone"}},
		{name: "published but not recorded is an error", eds: []*policy.Edition{posted, future, terms},
			errs: []string{"versions/terms/2024-02-01.en.md: posted on 2024-02-01T00:00:00Z and published, but not recorded in versions/versions.sum: check that the file is the text that was approved (git diff and git log -- versions/terms/2024-02-01.en.md), then run `policysite record`"}},
		{name: "not yet posted and not recorded is a warning", eds: []*policy.Edition{posted, future, ed("versions/terms/2024-09-01.en.md", "2024-09-01T00:00:00Z", "terms")},
			warns: []string{"versions/terms/2024-09-01.en.md: not recorded: the first build after its posted moment (2024-09-01T00:00:00Z) will fail until it is; run `policysite record` once its text is final"}},
		{name: "a draft with a past posted moment, not recorded", eds: []*policy.Edition{posted, future, draftTerms}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, g, nil) })
	}
	if added := g.Record([]*policy.Edition{posted, future, draftTerms}); len(added) != 0 {
		t.Errorf("Record added %v: a draft is not approved text, whatever its posted moment", added)
	}
}

// TestPublishedButNotRecordedIsAnError: every edition the build would
// publish is an error once its entry, or the whole file, is gone, which
// tells "record" apart from every other error.
func TestPublishedButNotRecordedIsAnError(t *testing.T) {
	eds := []*policy.Edition{
		ed("versions/privacy/2024-01-10.ru.md", "2024-01-10T12:00:00Z", "a"),
		ed("versions/privacy/2024-01-10.en.md", "2024-01-10T12:00:00Z", "b"),
	}
	errs, warns := New().Verify(eds, now, nil)
	if len(errs) != 2 || len(warns) != 0 {
		t.Fatalf("errors %v, warnings %v: want one error per edition", errs, warns)
	}
	for i, e := range errs {
		if !errors.Is(e, ErrNotRecorded) || e.File != eds[i].File {
			t.Errorf("error %v: want ErrNotRecorded for %s", e, eds[i].File)
		}
	}
}

// TestUnfreezeOnlyBeforePosting: an edition not yet posted may leave the
// file, to be changed and recorded again; a posted one may not.
func TestUnfreezeOnlyBeforePosting(t *testing.T) {
	posted := ed("versions/privacy/2024-01-10.ru.md", "2024-01-10T12:00:00Z", "posted text")
	future := ed("versions/privacy/2024-07-01.ru.md", "2024-07-01T12:00:00Z", "future text")
	for _, tc := range []struct {
		name, file string
		eds        []*policy.Edition
		err        string // "" when the entry goes
	}{
		{"not yet posted: removed", future.File, []*policy.Edition{posted, future}, ""},
		{"given under versions/ or not", "privacy/2024-07-01.ru.md", []*policy.Edition{posted, future}, ""},
		{"posted: refused", posted.File, []*policy.Edition{posted, future},
			"versions/privacy/2024-01-10.ru.md was posted on 2024-01-10T12:00:00Z: a posted edition is what readers were bound by and stays frozen; publish a correction as a new edition (policysite new privacy)"},
		{"file gone, dated in the past: refused", posted.File, []*policy.Edition{future}, "was posted on 2024-01-09T10:00:00Z"},
		{"file gone, dated ahead: removed", future.File, []*policy.Edition{posted}, ""},
		{"not recorded", "versions/terms/2024-07-01.ru.md", nil, "versions/terms/2024-07-01.ru.md is not recorded in versions/versions.sum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := New()
			f.Record([]*policy.Edition{posted, future})
			err := f.Unfreeze(tc.file, tc.eds, now)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Unfreeze = %v, want %q", err, tc.err)
				}
				if f.Len() != 2 {
					t.Errorf("a refused unfreeze left %d entries, want 2", f.Len())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Len() != 1 || !f.Recorded(posted) {
				t.Errorf("entries after unfreezing:\n%s", f.Bytes())
			}
		})
	}
}

// TestReadRejectsABrokenFile: a line that is no entry, or an entry given
// twice, is reported at its line.
func TestReadRejectsABrokenFile(t *testing.T) {
	for _, tc := range []struct{ name, content, want string }{
		{"not an entry", "# comment\nprivacy/2024-01-10.ru.md deadbeef\n", "versions/versions.sum:2: not an entry"},
		{"twice", "privacy/2024-01-10.ru.md sha256:" + strings.Repeat("a", 64) + "\nprivacy/2024-01-10.ru.md sha256:" + strings.Repeat("b", 64) + "\n", "versions/versions.sum:2: privacy/2024-01-10.ru.md is recorded twice (first on line 1)"},
		{"path escapes", "../x/2024-01-10.ru.md sha256:" + strings.Repeat("a", 64) + "\n", "versions/versions.sum:1: not an entry"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(fstest.MapFS{Path: {Data: []byte(tc.content)}})
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Read = %v, want %q first", err, tc.want)
			}
		})
	}
}

// TestReadFromTheRepository: Read finds versions/versions.sum in the file
// system of the repository it is given, and a repository without one has
// recorded nothing.
func TestReadFromTheRepository(t *testing.T) {
	entry := "privacy/2024-01-10.ru.md sha256:" + strings.Repeat("a", 64)
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		n    int
		err  string
	}{
		{"no file: nothing recorded", fstest.MapFS{"versions/privacy/2024-01-10.ru.md": {Data: []byte("x")}}, 0, ""},
		{"no versions folder: nothing recorded", fstest.MapFS{}, 0, ""},
		{"only the header: nothing recorded", fstest.MapFS{Path: {Data: New().Bytes()}}, 0, ""},
		{"an entry", fstest.MapFS{Path: {Data: []byte(entry + "\n")}}, 1, ""},
		{"an entry with CRLF, blank lines and comments", fstest.MapFS{Path: {Data: []byte("# c\r\n\r\n" + entry + "\r\n")}}, 1, ""},
		{"a file only at the root is not it", fstest.MapFS{"versions.sum": {Data: []byte("junk\n")}}, 0, ""},
		{"a folder in its place", fstest.MapFS{Path + "/x": {Data: []byte("x")}}, 0, "read versions/versions.sum:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Read(tc.fsys)
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
					t.Fatalf("Read = %v, want %q first", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Len() != tc.n {
				t.Errorf("%d entries, want %d", f.Len(), tc.n)
			}
		})
	}
}

func TestBytesAreStable(t *testing.T) {
	f := New()
	eds := []*policy.Edition{
		ed("versions/terms/2024-01-10.ru.md", "2024-01-10T00:00:00Z", "b"),
		ed("versions/privacy/2024-01-10.ru.md", "2024-01-10T00:00:00Z", "a"),
	}
	f.Record(eds)
	lines := strings.Split(strings.TrimSpace(string(f.Bytes())), "\n")
	last := lines[len(lines)-2:]
	if !strings.HasPrefix(last[0], "privacy/") || !strings.HasPrefix(last[1], "terms/") {
		t.Errorf("entries not in path order: %q", last)
	}
}
