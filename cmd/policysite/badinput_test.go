package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

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

	invalidUTF8 := "---\ntitle: Политика\n---\n## 1. Раздел\n\n1.1. Текст \xff далее.\n"
	badOffset := strings.IndexByte(invalidUTF8, 0xff)
	// The column counts characters: "1.1. Текст " is 11 of them.
	utf8Want := fmt.Sprintf("versions/privacy/2024-07-01.ru.md:6: invalid UTF-8 at byte offset %d (column 12)", badOffset)

	crlf := "\uFEFF" + strings.ReplaceAll(ruEdition("Политика конфиденциальности", "posted: 2024-07-01T10:00:00+03:00\n",
		"1.1. Оператор обрабатывает только необходимые данные."), "\n", "\r\n")

	tests := []badInput{
		{
			name:  "front matter never closed fails at its opening line",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", "---\ntitle: Политика\n\n## 1. Раздел\n\n1.1. Текст.\n"),
			want:  []string{`versions/privacy/2024-07-01.ru.md:1: front matter opened here is never closed: add a line "---" after it`},
		},
		{
			name: "unknown front matter key warns with the nearest known key and builds",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", ruEdition("Политика конфиденциальности", "postd: 2024-07-01\n",
				"1.1. Оператор обрабатывает данные.")),
			want:   []string{`versions/privacy/2024-07-01.ru.md:3: unknown front matter key "postd" is ignored (did you mean "posted"?)`},
			builds: true,
			check: func(t *testing.T, out string) {
				if _, err := os.Stat(filepath.Join(out, "ru/privacy/2024-07-01/index.html")); err != nil {
					t.Errorf("the edition with a warning was not published: %v", err)
				}
			},
		},
		{
			name: "unknown front matter key fails with --strict",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", ruEdition("Политика конфиденциальности", "postd: 2024-07-01\n",
				"1.1. Оператор обрабатывает данные.")),
			flags: []string{"--strict"},
			want: []string{
				`versions/privacy/2024-07-01.ru.md:3: unknown front matter key "postd" is ignored (did you mean "posted"?)`,
				"--strict makes warnings errors",
			},
		},
		{
			name:  "a date that does not parse fails at its line",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", ruEdition("Политика", "posted: soon\n", "1.1. Текст.")),
			want:  []string{`versions/privacy/2024-07-01.ru.md:3: posted: "soon" is not a date (2024-03-01) or a date-time (2024-03-01T10:00:00+03:00)`},
		},
		{
			name:  "a time of day that does not exist fails at its line",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", ruEdition("Политика", "effective: 2024-07-01T25:00\n", "1.1. Текст.")),
			want:  []string{`versions/privacy/2024-07-01.ru.md:3: effective: "2024-07-01T25:00" is not a date`},
		},
		{
			name:  "a date that does not exist in front matter fails at its line",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", ruEdition("Политика", "posted: 2024-07-01\neffective: 2024-02-30\n", "1.1. Текст.")),
			want:  []string{"versions/privacy/2024-07-01.ru.md:4: effective: 2024-02-30 is not a date that exists"},
		},
		{
			name:  "a date that does not exist in the file name fails",
			setup: writeSource("versions/privacy/2024-02-30.ru.md", ruEdition("Политика", "", "1.1. Текст.")),
			want:  []string{`versions/privacy/2024-02-30.ru.md: file name: "2024-02-30": 2024-02-30 is not a date that exists`},
		},
		{
			// Two files cannot give one id: -1 and -02 would be other
			// spellings of existing ids, so they are refused.
			name: "another spelling of an existing id fails",
			setup: writeSource(
				"versions/privacy/2024-05-20-1.ru.md", ruEdition("Политика", "", "1.1. Текст."),
				"versions/privacy/2024-05-20-02.ru.md", ruEdition("Политика", "", "1.1. Текст."),
			),
			want: []string{
				`versions/privacy/2024-05-20-1.ru.md: file name: "2024-05-20-1": a second edition of the same day is numbered -2, -3, …`,
				`versions/privacy/2024-05-20-02.ru.md: file name: "2024-05-20-02": a second edition of the same day is numbered -2, -3, …`,
			},
		},
		{
			name:  "an empty body fails at the line where the text should start",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", "---\ntitle: Политика\n---\n\n   \n"),
			want:  []string{"versions/privacy/2024-07-01.ru.md:4: the edition has no text after its front matter"},
		},
		{
			name:  "an empty body after a last line without newline fails at the closing line",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", "---\ntitle: Политика\n---"),
			want:  []string{"versions/privacy/2024-07-01.ru.md:3: the edition has no text after its front matter"},
		},
		{
			name: "a file over the size limit fails unread",
			setup: writeSource("versions/privacy/2024-07-01.ru.md",
				ruEdition("Политика", "", "1.1. "+strings.Repeat("Текст. ", source.MaxFileSize/len("Текст. ")))),
			want: []string{"versions/privacy/2024-07-01.ru.md: file is ", fmt.Sprintf("over the %d-byte limit for one edition", source.MaxFileSize)},
		},
		{
			name:  "invalid UTF-8 fails with its line and byte offset",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", invalidUTF8),
			want:  []string{utf8Want},
		},
		{
			name:  "a NUL byte, as in a UTF-16 file, fails with its line and byte offset",
			setup: writeSource("versions/privacy/2024-07-01.en.md", "-\x00-\x00-\x00\n\x00t\x00"),
			want:  []string{"versions/privacy/2024-07-01.en.md:1: NUL byte at byte offset 1"},
		},
		{
			name:   "a BOM and CRLF line endings are no change",
			setup:  writeSource("versions/privacy/2024-07-01.ru.md", crlf),
			builds: true,
			check: func(t *testing.T, out string) {
				var doc struct {
					Same bool `json:"same"`
				}
				data, err := os.ReadFile(filepath.Join(out, "ru/privacy/2024-07-01/changes.json"))
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(data, &doc); err != nil {
					t.Fatal(err)
				}
				if !doc.Same {
					t.Errorf("the redline between a CRLF edition with a BOM and the same text in LF is not same: true:\n%s", data)
				}
			},
		},
		{
			name: "raw HTML and javascript: links never reach a page",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", "---\ntitle: Политика конфиденциальности\nsummary: <script>alert(2)</script> [y](javascript:alert(5))\n---\n"+
				"## 1. Общие положения\n\n<script>alert(1)</script>\n\n1.1. Оператор обрабатывает данные, см. [x](javascript:alert(1)) и <a href=\"javascript:alert(3)\">y</a>.\n\n"+
				"<img src=x onerror=alert(4)>\n\n1.2. Новая редакция вступает в силу с момента её размещения на сайте.\n"),
			want:   []string{`Raw HTML omitted while rendering "versions/privacy/2024-07-01.ru.md"`},
			builds: true,
			check: func(t *testing.T, out string) {
				page, err := os.ReadFile(filepath.Join(out, "ru/privacy/2024-07-01/index.html"))
				if err != nil {
					t.Fatal(err)
				}
				if n := bytes.Count(page, []byte("<!-- raw HTML omitted -->")); n != 4 {
					t.Errorf("the page omits %d pieces of raw HTML, want 4: the script, the a tags and the img", n)
				}
				if !bytes.Contains(page, []byte(`<a href="#ZgotmplZ">x</a>`)) {
					t.Errorf("the javascript: link is not neutralised")
				}
				// Text that reads "javascript:" is harmless; a script
				// element, an address or an event handler is not.
				dangerous := regexp.MustCompile(`(?i)<script\b[^>]*>[^<]*alert|\b(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:|<[a-z][^>]*\son[a-z]+\s*=`)
				for name, data := range testfs.Tree(t, out) {
					if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
						continue
					}
					if m := dangerous.Find(data); m != nil {
						t.Errorf("%s carries the policy's %q", name, m)
					}
				}
			},
		},
		{
			name: "a symbolic link to a file out of the repository is refused",
			setup: func(t *testing.T, root string) {
				outside := filepath.Join(t.TempDir(), "secret.md")
				testfs.WriteFile(t, outside, []byte(ruEdition("Секрет", "", "1.1. Секрет.")))
				symlinkOrSkip(t, outside, filepath.Join(root, "versions/privacy/2024-07-01.ru.md"))
			},
			want: []string{"versions/privacy/2024-07-01.ru.md: symbolic link leads outside the repository"},
		},
		{
			name: "a symbolic link to a folder out of the repository is refused",
			setup: func(t *testing.T, root string) {
				outside := t.TempDir()
				testfs.WriteFile(t, filepath.Join(outside, "2024-07-01.ru.md"), []byte(ruEdition("Секрет", "", "1.1. Секрет.")))
				symlinkOrSkip(t, outside, filepath.Join(root, "versions/leak"))
			},
			want: []string{"versions/leak: symbolic link leads outside the repository"},
		},
		{
			name: "a named pipe in place of an edition is refused, not waited on",
			setup: func(t *testing.T, root string) {
				if runtime.GOOS == "windows" {
					t.Skip("no named pipes in the file system here")
				}
				path := filepath.Join(root, "versions/privacy/2024-07-01.ru.md")
				if out, err := exec.Command("mkfifo", path).CombinedOutput(); err != nil {
					t.Skipf("mkfifo: %v %s", err, out)
				}
			},
			want: []string{"versions/privacy/2024-07-01.ru.md: not a regular file"},
		},
		{
			name:  "a policy folder with dots is refused",
			setup: writeSource("versions/x..y/2024-07-01.ru.md", ruEdition("X", "", "1.1. X.")),
			want:  []string{`versions/x..y: policy folder "x..y" must be named with lowercase letters, digits and hyphens`},
		},
		{
			name:  "a policy folder with capitals is refused",
			setup: writeSource("versions/Privacy/2024-07-01.ru.md", ruEdition("X", "", "1.1. X.")),
			want:  []string{`versions/Privacy: policy folder "Privacy" must be named`},
		},
		{
			name:  "a policy folder with a space is refused",
			setup: writeSource("versions/a b/2024-07-01.ru.md", ruEdition("X", "", "1.1. X.")),
			want:  []string{`versions/a b: policy folder "a b" must be named`},
		},
		{
			name:  "a policy folder name too long for a URL segment is refused",
			setup: writeSource("versions/"+strings.Repeat("a", 65)+"/2024-07-01.ru.md", ruEdition("X", "", "1.1. X.")),
			want:  []string{"versions/" + strings.Repeat("a", 65) + `: policy folder`, "at most 64"},
		},
		{
			name:  "an edition numbered -0 is refused",
			setup: writeSource("versions/privacy/2024-01-01-0.ru.md", ruEdition("X", "", "1.1. X.")),
			want:  []string{`versions/privacy/2024-01-01-0.ru.md: file name: "2024-01-01-0": a second edition of the same day is numbered -2, -3, …`},
		},
		{
			name:  "an edition file with a second extension is refused",
			setup: writeSource("versions/privacy/2024-07-01.ru.md.md", ruEdition("X", "", "1.1. X.")),
			want:  []string{`versions/privacy/2024-07-01.ru.md.md: file name "2024-07-01.ru.md.md" is not <YYYY-MM-DD>.<lang>.md`},
		},
		{
			name:  "a file name with a line break is quoted, so it cannot pose as another message",
			setup: writeSource("versions/privacy/x\n2024-01-10.ru.md:1: fake.md", ruEdition("X", "", "1.1. X.")),
			want:  []string{`versions/privacy/"x\n2024-01-10.ru.md:1: fake.md": file name`},
			never: []string{"2024-01-10.ru.md:1:"},
		},
		{
			name:  "an unknown language is refused",
			setup: writeSource("versions/privacy/2024-01-01.de.md", ruEdition("X", "", "1.1. X.")),
			want:  []string{`versions/privacy/2024-01-01.de.md: unknown language "de" in the file name (the site's languages: ru, en)`},
		},
		{
			name: "every bad file is reported at once",
			setup: writeSource(
				"versions/privacy/2024-07-01.ru.md", "---\ntitle: Политика\n",
				"versions/privacy/2024-07-02.en.md", ruEdition("Policy", "posted: soon\n", "1.1. Text."),
				"versions/terms/2024-01-01.de.md", ruEdition("X", "", "1.1. X."),
			),
			want: []string{
				"versions/privacy/2024-07-01.ru.md:1: front matter opened here is never closed",
				`versions/privacy/2024-07-02.en.md:3: posted: "soon" is not a date`,
				`versions/terms/2024-01-01.de.md: unknown language "de"`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
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
		})
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

// TestMainInAHelperProcess is no test of its own: a test that needs the
// whole process, signals included, runs the test binary again with
// POLICYSITE_TEST_MAIN set to main's arguments, one per line, and this
// runs main with them.
func TestMainInAHelperProcess(t *testing.T) {
	args, ok := os.LookupEnv("POLICYSITE_TEST_MAIN")
	if !ok {
		return
	}
	os.Args = append([]string{"policysite"}, strings.Split(args, "\n")...)
	main()
}

// TestTerminatedBuildLeavesNoTemporaryFolder: SIGTERM (kill, a CI
// timeout, a container stop) in the middle of a build ends it without
// leaving its temporary folder beside the output or touching the output.
// The build is held in the middle deterministically: --hugo-project names
// a folder whose hugo.json is a named pipe, and writing it waits until the
// test reads it.
func TestTerminatedBuildLeavesNoTemporaryFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM or named pipes here")
	}
	t.Setenv("POLICYSITE_LANG", "en")
	root, before := goodBuild(t)
	project := t.TempDir()
	pipe := filepath.Join(project, "hugo.json")
	if out, err := exec.Command("mkfifo", pipe).CombinedOutput(); err != nil {
		t.Skipf("mkfifo: %v %s", err, out)
	}
	beside := dirNames(t, root)

	cmd := exec.Command(os.Args[0], "-test.run=^TestMainInAHelperProcess$")
	cmd.Env = append(os.Environ(),
		"POLICYSITE_TEST_MAIN="+strings.Join([]string{"build", "--source", root, "--out", filepath.Join(root, "out"), "--now", badNow, "--hugo-project", project}, "\n"),
		// The test binary's own set-up leaves a folder in TMPDIR when main
		// exits under it.
		"TMPDIR="+t.TempDir(),
	)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// The build folder appears, and stays while the build waits on the pipe.
	for deadline := time.Now().Add(time.Minute); !slices.ContainsFunc(dirNames(t, root), isBuildFolder); {
		if time.Now().After(deadline) {
			t.Fatalf("no build folder appeared beside out; stderr:\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Let the signal cancel the build before it goes on; the assertions
	// below hold whichever comes first.
	time.Sleep(100 * time.Millisecond)
	// Opened without blocking, the pipe reads to its end whether the build
	// is still there to write it or was killed.
	f, err := os.OpenFile(pipe, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, f)
	f.Close()
	err = cmd.Wait()
	t.Logf("exit: %v; stderr:\n%s", err, stderr.String())

	if after := dirNames(t, root); !slices.Equal(after, beside) {
		t.Errorf("the terminated build left %v beside the output; before it there were %v", after, beside)
	}
	// The same sources and --now give the same bytes, so the output is the
	// previous one whether or not the build got to finish.
	sameFiles(t, before, testfs.Tree(t, filepath.Join(root, "out")))
	if err != nil && !strings.Contains(stderr.String(), "previous output in") {
		t.Errorf("the terminated build does not say that the previous output was kept")
	}
}

// isBuildFolder tells a build's temporary folder (see internal/build) by
// its name.
func isBuildFolder(name string) bool { return strings.Contains(name, ".building-") }
