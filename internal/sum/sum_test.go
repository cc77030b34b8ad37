package sum

import (
	"os"
	"path/filepath"
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

var now = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

func TestRecordThenVerify(t *testing.T) {
	posted := ed("versions/privacy/2024-01-10.ru.md", "2024-01-10T12:00:00Z", "posted text")
	draft := ed("versions/privacy/2024-07-01.ru.md", "2024-07-01T12:00:00Z", "draft text")
	f := &File{hashes: map[string]string{}, lines: map[string]int{}}
	added := f.Record([]*policy.Edition{posted, draft}, now)
	if len(added) != 1 || added[0] != posted.File {
		t.Fatalf("Record added %v, want only the posted edition", added)
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

	tests := []struct {
		name        string
		eds         []*policy.Edition
		errs, warns []string
	}{
		{"unchanged", []*policy.Edition{posted, draft}, nil, nil},
		{"a draft edited freely", []*policy.Edition{posted, ed(draft.File, "2024-07-01T12:00:00Z", "draft, edited")}, nil, nil},
		{"a posted edition edited", []*policy.Edition{ed(posted.File, "2024-01-10T12:00:00Z", "posted text, silently changed"), draft},
			[]string{"versions/privacy/2024-01-10.ru.md: changed after it was posted (versions/versions.sum:4 records sha256:", "publish the correction as a new edition (policysite new privacy)"}, nil},
		{"a recorded edition moved to the future and edited", []*policy.Edition{ed(posted.File, "2030-01-01T00:00:00Z", "posted text, silently changed")},
			[]string{"versions/privacy/2024-01-10.ru.md: changed after it was posted"}, nil},
		{"a posted edition removed", []*policy.Edition{draft}, []string{"versions/versions.sum:4: records versions/privacy/2024-01-10.ru.md, which is gone"}, nil},
		{"posted but not recorded", []*policy.Edition{posted, draft, ed("versions/terms/2024-02-01.en.md", "2024-02-01T00:00:00Z", "terms")}, nil,
			[]string{"versions/terms/2024-02-01.en.md: posted on 2024-02-01T00:00:00Z but not recorded in versions/versions.sum: run `policysite record`"}},
	}
	marked := ed("versions/terms/2024-02-01.en.md", "2024-02-01T00:00:00Z", "terms, being written")
	marked.Draft = true
	if added := g.Record([]*policy.Edition{posted, marked}, now); len(added) != 0 {
		t.Errorf("Record added %v: a draft is not published, whatever its posted moment", added)
	}
	tests = append(tests, struct {
		name        string
		eds         []*policy.Edition
		errs, warns []string
	}{"a draft with a past posted moment, not recorded", []*policy.Edition{posted, marked}, nil, nil})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, warns := g.Verify(tt.eds, now)
			check := func(kind string, got []*policy.SourceError, want []string) {
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
			check("errors", errs, tt.errs)
			check("warnings", warns, tt.warns)
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
	f := &File{hashes: map[string]string{}, lines: map[string]int{}}
	eds := []*policy.Edition{
		ed("versions/terms/2024-01-10.ru.md", "2024-01-10T00:00:00Z", "b"),
		ed("versions/privacy/2024-01-10.ru.md", "2024-01-10T00:00:00Z", "a"),
	}
	f.Record(eds, now)
	lines := strings.Split(strings.TrimSpace(string(f.Bytes())), "\n")
	last := lines[len(lines)-2:]
	if !strings.HasPrefix(last[0], "privacy/") || !strings.HasPrefix(last[1], "terms/") {
		t.Errorf("entries not in path order: %q", last)
	}
}
