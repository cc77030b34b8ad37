package sum

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	g, err := Read(root)
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

func TestReadRejectsABrokenFile(t *testing.T) {
	for name, content := range map[string]string{
		"not an entry": "# comment\nprivacy/2024-01-10.ru.md deadbeef\n",
		"twice":        "privacy/2024-01-10.ru.md sha256:" + strings.Repeat("a", 64) + "\nprivacy/2024-01-10.ru.md sha256:" + strings.Repeat("b", 64) + "\n",
		"path escapes": "../x/2024-01-10.ru.md sha256:" + strings.Repeat("a", 64) + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, "versions"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "versions", "versions.sum"), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Read(root)
			if err == nil || !strings.HasPrefix(err.Error(), "versions/versions.sum:") {
				t.Errorf("Read = %v, want an error naming the file and line", err)
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
