package importer

import (
	"context"
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

// bundlesDir holds real git histories of published policies, as bundles.
const bundlesDir = corpusDir + "/git-histories"

var slugRe = regexp.MustCompile(`[^a-z0-9]+`)

// TestFromGitImportsTheRealHistories imports every file of every bundle of
// ../shared/corpus/git-histories with its git history, as import --git
// does, and requires: no error; each history in its order, dated forward;
// LiveJournal's commit dated before the one before it kept, with a note;
// Mozilla's Russian terms, which began after the English ones, holding
// Russian texts only; and check finding every text in its language.
func TestFromGitImportsTheRealHistories(t *testing.T) {
	bundles, _ := filepath.Glob(filepath.Join(bundlesDir, "*.bundle"))
	if len(bundles) == 0 {
		t.Skipf("no git histories at %s: the real histories are not imported", bundlesDir)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the real histories are not imported")
	}
	root := site(t)
	imported := 0
	for _, b := range bundles {
		repo := filepath.Join(t.TempDir(), "repo")
		if out, err := exec.Command("git", "clone", "-q", b, repo, "-b", "main").CombinedOutput(); err != nil {
			t.Fatalf("git clone %s: %v\n%s", b, err, out)
		}
		out, err := exec.Command("git", "-C", repo, "ls-files", "-z").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
			importReal(t, root, repo, path)
			imported++
		}
	}
	if imported < 8 {
		t.Errorf("%d files imported, want the 8 the bundles' README lists", imported)
	}

	testfs.RecordDir(t, root)
	r, err := check.Run(context.Background(), os.DirFS(root), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Policies) != imported {
		t.Fatalf("check loaded %d policies of %d: %v", len(r.Policies), imported, r.Err())
	}
	for _, w := range r.Warnings {
		if strings.Contains(w.Error(), "the text is not in") {
			t.Error(check.Format(w, "warning"))
		}
	}
	t.Logf("check: %d errors, %d warnings", len(r.Errors), len(r.Warnings))
}

// importReal imports the history of path in repo into the site at root,
// as a policy of its own, and checks what it made.
func importReal(t *testing.T, root, repo, path string) {
	t.Helper()
	lang := policy.Lang("en")
	if strings.HasPrefix(path, "ru/") {
		lang = "ru"
	}
	slug := strings.Trim(slugRe.ReplaceAllString(strings.ToLower(strings.TrimSuffix(path, ".md")), "-"), "-")
	states, skipped, err := FromGit(context.Background(), repo, path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	p, err := Make(states, Options{Repo: os.DirFS(root), Policy: slug, Lang: lang, DateFromText: true, Location: moscow})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := Write(root, p, false); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, n := range p.Notes {
		if strings.HasSuffix(n, "to keep the history's order") {
			order = append(order, n)
		}
	}
	t.Logf("%s (%s): %d commits, %d editions, %d skipped, %d notes, %d of them on the history's order",
		path, lang, len(states)+len(skipped), len(p.Files), len(p.Skipped)+len(skipped), len(p.Notes), len(order))
	for _, n := range order {
		t.Logf("  note: %s", n)
	}
	for i, f := range p.Files {
		if i > 0 && f.ID.Compare(p.Files[i-1].ID) <= 0 {
			t.Errorf("%s: %s comes after %s", path, f.Rel, p.Files[i-1].Rel)
		}
		if !strings.HasSuffix(f.From, " "+path) {
			t.Errorf("%s: %s is from %s, another file", path, f.Rel, f.From)
		}
		if _, body := split(f.Data); lang == "ru" && cyrillicShare(string(body)) < 0.8 {
			t.Errorf("%s: %s (from %s) is not in Russian", path, f.Rel, f.From)
		}
	}
	if strings.HasPrefix(path, "LiveJournal/") && len(order) == 0 {
		t.Errorf("%s: no note on the commit dated before the one before it", path)
	}
}

// site writes a site of two languages, Russian and English, into a
// temporary folder, for check to read the imported editions in.
func site(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	testfs.WriteFile(t, filepath.Join(root, "policysite.toml"), []byte(`base_url = "https://docs.example/"
time_zone = "Europe/Moscow"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"

[[languages]]
code = "en"
name = "English"
title = "Documents"
`))
	testfs.WriteFile(t, filepath.Join(root, "content", "_index.ru.md"), []byte("---\ntitle: Документы\n---\n"))
	testfs.WriteFile(t, filepath.Join(root, "content", "_index.en.md"), []byte("---\ntitle: Documents\n---\n"))
	for _, d := range []string{"layouts", "i18n", "assets"} {
		testfs.CopyTree(t, filepath.Join("../..", d), filepath.Join(root, d))
	}
	return root
}
