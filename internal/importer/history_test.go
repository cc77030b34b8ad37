package importer

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"policysite/internal/check"
	"policysite/internal/policy"
	"policysite/internal/testfs"
)

func TestFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(),
			"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.com",
			"GIT_COMMITTER_NAME=A", "GIT_COMMITTER_EMAIL=a@example.com",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(name, text string) {
		testfs.WriteFile(t, filepath.Join(repo, name), []byte(text))
	}
	// Enough unchanged text that git sees the rename below as one.
	long := strings.Repeat("1.9. A clause that stays as it is in every state.\n\n", 20)
	git("", "init", "-q")
	write("docs/privacy.md", "---\ntitle: Privacy\n---\n1.1. First.\n\n"+long)
	git("2024-02-01T10:00:00+03:00", "add", ".")
	git("2024-02-01T10:00:00+03:00", "commit", "-q", "-m", "first")
	write("docs/privacy.md", "---\ntitle: Privacy\n---\n1.1. First.   \r\n\r\n\r\n"+long)
	git("2024-03-01T10:00:00+03:00", "commit", "-q", "-am", "whitespace")
	// A late evening commit in its own zone is dated that day, though it
	// is the next day in UTC and in the site's zone.
	git("", "mv", "docs/privacy.md", "docs/privacy-notice.md")
	write("docs/privacy-notice.md", "---\ntitle: Privacy\n---\n1.1. First.\n\n1.2. Second.\n\n"+long)
	git("2024-04-01T23:30:00-05:00", "add", ".")
	git("2024-04-01T23:30:00-05:00", "commit", "-q", "-m", "second, renamed")

	states, notes, err := FromGit(context.Background(), repo, "docs/privacy-notice.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(states) != 3 || len(notes) != 0 {
		t.Fatalf("states %d, notes %q", len(states), notes)
	}
	p, err := Make(states, opts(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range p.Files {
		ids = append(ids, f.ID.String())
	}
	if strings.Join(ids, " ") != "2024-02-01 2024-04-01" || len(p.Skipped) != 1 {
		t.Errorf("ids %q, skipped %q", ids, p.Skipped)
	}
	if !strings.HasPrefix(p.Files[0].From, "commit ") || !strings.HasSuffix(p.Files[0].From, " docs/privacy.md") {
		t.Errorf("from = %q", p.Files[0].From)
	}

	if _, _, err := FromGit(context.Background(), repo, "docs/nosuch.md"); err == nil {
		t.Error("a file no commit changes imported")
	}

	// A shallow clone would give only the latest states as the whole
	// history: it is refused, with how to fetch the rest.
	shallow := filepath.Join(t.TempDir(), "shallow")
	git("", "clone", "-q", "--depth", "1", "file://"+repo, shallow)
	_, _, err = FromGit(context.Background(), shallow, "docs/privacy-notice.md")
	if err == nil || !strings.Contains(err.Error(), "is a shallow clone") || !strings.Contains(err.Error(), "fetch --unshallow") {
		t.Errorf("a shallow clone: err = %v, want it refused", err)
	}
}

// corpusDir is the shared corpus of real edition histories, beside the
// repository; tests that need it skip without it.
var digitsRe = regexp.MustCompile(`[0-9][0-9:T+.-]*`)

const corpusDir = "../../../shared/corpus"

// TestImportCorpus imports each real history of the corpus as a policy of
// its own, so that translations lagging each other are not compared
// clause by clause, and requires the site's checks to find no error.
func TestImportCorpus(t *testing.T) {
	folders, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*", "ORDER.txt"))
	if len(folders) == 0 {
		t.Skipf("no corpus at %s", corpusDir)
	}
	root := site(t)
	want := map[string]int{}
	for _, order := range folders {
		dir := filepath.Dir(order)
		lang := "en"
		var meta struct {
			Editions []struct {
				File   string  `json:"file"`
				Stated *string `json:"effective_date_stated"`
			} `json:"editions"`
		}
		if data, err := os.ReadFile(filepath.Join(dir, "editions.json")); err == nil {
			json.Unmarshal(data, &meta)
		}
		if filepath.Base(dir) == "ru" {
			lang = "ru"
		}
		slug := strings.ToLower(filepath.Base(filepath.Dir(dir)) + "-" + filepath.Base(dir))
		states, _, err := FromDir(dir, order)
		if err != nil {
			t.Fatal(err)
		}
		o := Options{Repo: os.DirFS(root), Policy: slug, Lang: policy.Lang(lang), DateFromText: true, Location: moscow}
		p, err := Make(states, o)
		if err != nil {
			t.Fatalf("%s: %v", slug, err)
		}
		if err := Write(root, p, false); err != nil {
			t.Fatal(err)
		}
		// The number of distinct states, counted apart from Make.
		distinct, prev := 0, ""
		for _, s := range states {
			title, body := split(s.Data)
			if title == "" {
				title = heading(body)
			}
			k := title + "\x00" + Canonical(dropTitle(body, title))
			if k != prev {
				distinct++
			}
			prev = k
		}
		want[slug] = distinct
		effective := 0
		for _, f := range p.Files {
			if f.Effective != "" {
				effective++
			}
		}
		// How often the date found agrees with the one the corpus records.
		found, agree := 0, 0
		for i, e := range meta.Editions {
			if i >= len(states) || e.File != states[i].Name {
				continue
			}
			// The date as the text writes it; the datetime attribute
			// beside it is sometimes stale (24 июня 2016 г. over
			// datetime="2014-04-15"), and readers read the words.
			recorded := ""
			if e.Stated != nil {
				if m := bareRe.FindStringSubmatch(clean(*e.Stated)); m != nil {
					if d, ok := fromGroups(m[1:]); ok {
						recorded = d.Format(time.DateOnly)
					}
				}
			}
			if recorded == "" {
				continue
			}
			_, body := split(states[i].Data)
			if d, text, ok := StatedDate(normalize(body)); ok {
				found++
				if d.Format(time.DateOnly) == recorded {
					agree++
				} else {
					t.Logf("%s %s: found %q, the corpus records %s", slug, e.File, text, recorded)
				}
			}
		}
		t.Logf("%s: %d states, %d editions, %d skipped, %d with a later effective date, %d notes; stated date found in %d with a recorded date, agreeing in %d",
			slug, len(states), len(p.Files), len(p.Skipped), effective, len(p.Notes), found, agree)
		if found != agree {
			t.Errorf("%s: the date found disagrees with the corpus's in %d editions", slug, found-agree)
		}
	}

	// Imported history is posted text, which the author records after the
	// import, as the import's last line says.
	testfs.RecordDir(t, root)
	r, err := check.Run(context.Background(), os.DirFS(root), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range r.Errors {
		t.Error(check.Format(e, "error"))
	}
	kinds := map[string]int{}
	for _, w := range r.Warnings {
		// Counted by their words, dates and numbers left out.
		msg := digitsRe.ReplaceAllString(w.Err.Error(), "#")
		kinds[msg[:min(len(msg), 70)]]++
	}
	t.Logf("check: %d errors, %d warnings", len(r.Errors), len(r.Warnings))
	for k, n := range kinds {
		t.Logf("  %4d × %s…", n, k)
	}
	for _, pol := range r.Policies {
		n := 0
		for _, eds := range pol.Editions {
			n += len(eds)
		}
		if n != want[pol.Slug] {
			t.Errorf("%s: %d editions, want %d distinct states", pol.Slug, n, want[pol.Slug])
		}
		delete(want, pol.Slug)
	}
	if len(want) > 0 {
		t.Errorf("policies not loaded: %v", want)
	}
}
