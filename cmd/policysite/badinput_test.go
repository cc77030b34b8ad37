package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"policysite/internal/source"
	"policysite/internal/sum"
	"policysite/internal/testfs"
)

// badNow is the build's --now in every build of these tests, so that the
// same sources always give the same bytes.
const badNow = "2024-08-01T00:00:00+03:00"

// goodRepo is a small valid repository: one policy, two editions in each
// language, each saying how a new edition takes effect, so that its build
// prints no warning.
var goodRepo = map[string]string{
	"policysite.toml": `base_url = "https://docs.example/"
time_zone = "Europe/Moscow"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"

[[languages]]
code = "en"
name = "English"
title = "Documents"
`,
	"content/_index.ru.md":              "---\ntitle: Документы\n---\n",
	"content/_index.en.md":              "---\ntitle: Documents\n---\n",
	"versions/privacy/2024-01-10.ru.md": ruEdition("Политика конфиденциальности", "", "1.1. Оператор обрабатывает данные пользователей."),
	"versions/privacy/2024-05-20.ru.md": ruEdition("Политика конфиденциальности", "posted: 2024-05-20T10:00:00+03:00\n", "1.1. Оператор обрабатывает только необходимые данные."),
	"versions/privacy/2024-01-10.en.md": enEdition("Privacy policy", "", "1.1. The operator processes users' data."),
	"versions/privacy/2024-05-20.en.md": enEdition("Privacy policy", "posted: 2024-05-20T10:00:00+03:00\n", "1.1. The operator processes only the data it needs."),
}

// ruEdition and enEdition write an edition with the given extra front
// matter and first clause, and the clause on how new editions take effect.
func ruEdition(title, front, clause string) string {
	return "---\ntitle: " + title + "\n" + front + "---\n## 1. Общие положения\n\n" + clause +
		"\n\n1.2. Новая редакция вступает в силу с момента её размещения на сайте.\n"
}

func enEdition(title, front, clause string) string {
	return "---\ntitle: " + title + "\n" + front + "---\n## 1. General\n\n" + clause +
		"\n\n1.2. A new edition takes effect from the moment it is posted on the site.\n"
}

// goodBuild writes goodRepo with the repository's layouts, i18n and assets
// into a folder, builds it into out/ and returns the folder and out/'s
// files. It fails the test if that build warns.
func goodBuild(t *testing.T) (root string, before map[string][]byte) {
	t.Helper()
	root = t.TempDir()
	for _, d := range []string{"layouts", "i18n", "assets"} {
		testfs.CopyTree(t, filepath.Join("../..", d), filepath.Join(root, d))
	}
	var recorded []string
	for name, data := range goodRepo {
		testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(name)), []byte(data))
		if rel, ok := strings.CutPrefix(name, source.Dir+"/"); ok {
			recorded = append(recorded, rel+" "+sum.Hash([]byte(data))+"\n")
		}
	}
	// Posted editions are recorded, as `policysite record` would, so that
	// the build has nothing to warn about.
	sort.Strings(recorded)
	testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(sum.Path)), []byte(strings.Join(recorded, "")))
	_, stderr, err := buildRepo(root)
	if err != nil || stderr != "" {
		t.Fatalf("the good repository does not build cleanly: %v\n%s", err, stderr)
	}
	return root, testfs.Tree(t, filepath.Join(root, "out"))
}

// buildRepo runs `policysite build` on the repository at root, into
// root/out, as the command line would.
func buildRepo(root string, flags ...string) (stdout, stderr string, err error) {
	var o, e bytes.Buffer
	args := append([]string{"build", "--source", root, "--out", filepath.Join(root, "out"), "--now", badNow}, flags...)
	err = run(context.Background(), args, &o, &e)
	return o.String(), e.String(), err
}

// badInput is one kind of bad source: what the test does to a copy of the
// good repository, and what the build must say.
type badInput struct {
	name  string
	setup func(t *testing.T, root string)
	flags []string
	// want are texts that stderr must contain, and never the starts of
	// lines that it must not have.
	want, never []string
	// builds is true for input that is accepted: the build succeeds, and
	// check, if set, looks at the new output.
	builds bool
	check  func(t *testing.T, out string)
}

// writeSource returns a setup that writes files, relative to the repository.
func writeSource(files ...string) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		for i := 0; i+1 < len(files); i += 2 {
			testfs.WriteFile(t, filepath.Join(root, filepath.FromSlash(files[i])), []byte(files[i+1]))
		}
	}
}

// TestBadInputNeverCostsData: every bad source fails the build with its
// file (and line, where it has one) and a non-zero exit, the previous
// output stays byte for byte and no temporary folder is left beside it;
// input that only looks odd (a BOM, CRLF, raw HTML) builds, safely.
func TestBadInputNeverCostsData(t *testing.T) {
	t.Setenv("POLICYSITE_LANG", "en")
	template, before := goodBuild(t)
	tests := slices.Concat(frontMatterInputs(), byteInputs(), unsafeInputs(), nameInputs())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, template, before) })
	}
}

// test spoils a copy of the repository at template with tc.setup, builds
// it, and checks what the build says and what it leaves, against before,
// the files of template's own output.
func (tc badInput) test(t *testing.T, template string, before map[string][]byte) {
	root := t.TempDir()
	testfs.CopyTree(t, template, root)
	tc.setup(t, root)
	beside := dirNames(t, root)

	_, stderr, err := buildRepo(root, tc.flags...)
	t.Logf("stderr:\n%s", stderr)
	for _, w := range tc.want {
		if !reports(stderr, w) {
			t.Errorf("stderr lacks %q", w)
		}
	}
	for _, n := range tc.never {
		if strings.HasPrefix(stderr, n) || strings.Contains(stderr, "\n"+n) {
			t.Errorf("stderr has a line that starts with %q", n)
		}
	}
	out := filepath.Join(root, "out")
	if tc.builds {
		if err != nil {
			t.Fatalf("the build failed: %v", err)
		}
		if tc.check != nil {
			tc.check(t, out)
		}
	} else {
		if err == nil {
			t.Fatal("the build succeeded")
		}
		if exitCode(err) == 0 {
			t.Errorf("exit code 0 for %v", err)
		}
		if !strings.Contains(stderr, "previous output in") {
			t.Errorf("stderr does not say the previous output was kept")
		}
		sameFiles(t, before, testfs.Tree(t, out))
	}
	if after := dirNames(t, root); !slices.Equal(after, beside) {
		t.Errorf("the build left %v beside the output; before it there were %v", after, beside)
	}
}

// locatedRe splits a wanted message into where and what.
var locatedRe = regexp.MustCompile(`^(versions/[^:]*(?::\d+)?): (.*)$`)

// reports tells whether stderr has the message want. A message that starts
// with a place, "versions/…md:3: text", must be on a line that starts with
// that place and says text, whatever words (such as "warning:") the
// command puts between them; any other is looked for as it is.
func reports(stderr, want string) bool {
	m := locatedRe.FindStringSubmatch(want)
	if m == nil {
		return strings.Contains(stderr, want)
	}
	for _, line := range strings.Split(stderr, "\n") {
		if rest, ok := strings.CutPrefix(line, m[1]+": "); ok && strings.Contains(rest, m[2]) {
			return true
		}
	}
	return false
}

// sameFiles fails the test unless got holds exactly the files of want, byte
// for byte.
func sameFiles(t *testing.T, want, got map[string][]byte) {
	t.Helper()
	for name, data := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s was removed from the output", name)
		case !bytes.Equal(g, data):
			t.Errorf("%s changed in the output", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s was added to the output", name)
		}
	}
}

// dirNames lists the names in dir, sorted; a leftover temporary folder of a
// build shows up as a new name beside out.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func symlinkOrSkip(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}
