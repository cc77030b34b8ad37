package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"policysite/internal/cache"
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
	args := append([]string{"build", "--source", root, "--out", filepath.Join(root, "out"), "--now", badNow}, flags...)
	return runCommand(context.Background(), args...)
}

// badEnv is the environment the commands of these tests see instead of the
// process's, so that rows can run in parallel (a row that called t.Setenv
// could not):
// messages in English whatever the machine's locale, the test binary's
// cache folder (see TestMain), and GOGC set, so that no build changes the
// collector's target, which builds running at once would set and restore
// out of order.
func badEnv(key string) string {
	switch key {
	case "POLICYSITE_LANG":
		return "en"
	case "GOGC":
		return "100"
	case cache.Env:
		return os.Getenv(cache.Env)
	}
	return ""
}

// runCommand runs the command line args as run does, with badEnv for an
// environment; run itself reads the process's.
func runCommand(ctx context.Context, args ...string) (stdout, stderr string, err error) {
	var cmd command
	switch args[0] {
	case "build":
		cmd = &buildCmd{getenv: badEnv}
	case "check":
		cmd = &checkCmd{getenv: badEnv}
	case "diff":
		cmd = &diffCmd{getenv: badEnv}
	default:
		panic("runCommand: no command " + args[0] + " in these tests")
	}
	var o, e bytes.Buffer
	// As main prints what a command returns and has not printed.
	if err = cmd.Run(ctx, args[1:], &o, &e); err != nil {
		printError(&e, err)
	}
	return o.String(), e.String(), err
}

// runLimit bounds every command of these tests: a named pipe read, a
// parser that recurses or a bomb that expands would otherwise hang the
// suite rather than fail a row. Healthy rows take well under a second.
const runLimit = 20 * time.Second

// runBounded is runCommand under runLimit. A command that does not
// end soon after its context does fails the test at once; it goes on in
// the background, as nothing can stop a goroutine blocked in a read.
func runBounded(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runLimit)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		stdout, stderr, err = runCommand(ctx, args...)
	}()
	select {
	case <-done:
		return stdout, stderr, err
	case <-time.After(runLimit + 5*time.Second):
		t.Fatalf("policysite %s did not end within %v: it waits on something or never finishes", args[0], runLimit)
		return "", "", nil
	}
}

// badInput is one kind of bad source: what the test does to a copy of the
// good repository, and what the build must say.
type badInput struct {
	name  string
	setup func(t *testing.T, root string)
	flags []string
	// want are texts that stderr must contain (see reports), and never the
	// starts of lines that it must not have.
	want, never []string
	// builds is true for input that is accepted: the build succeeds, and
	// check, if set, looks at the new output.
	builds bool
	// either is true for input the product may accept or refuse: hostile
	// markup, whose every page must be harmless if it builds, and whose
	// previous output must stay if it does not.
	either bool
	// buildOnly is true for a problem that only the build can see (one of
	// its own flags, its output folder), so `policysite check` need not
	// fail on it.
	buildOnly bool
	check     func(t *testing.T, out string)
	// folder, when set, is the name of the repository's folder, for a row
	// about where the repository is.
	folder string
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
// file (and line, where it has one) and a non-zero exit, and fails
// `policysite check` too; the previous output stays byte for byte and no
// temporary folder is left beside it or in the system's; input that only
// looks odd (a BOM, CRLF, raw HTML) builds, and no page of it can run
// script. Rows run in parallel: each has a repository of its own, and the
// commands read badEnv rather than the process's environment.
func TestBadInputNeverCostsData(t *testing.T) {
	watchTempDir(t)
	template, before := goodBuild(t)
	if found := executable(t, filepath.Join(template, "out")); len(found) > 0 {
		t.Fatalf("the good build's own pages fail the script scan, which must know them:\n%s", strings.Join(found, "\n"))
	}
	tests := slices.Concat(frontMatterInputs(), byteInputs(), unsafeInputs(), nameInputs(),
		sizeInputs(), nestingInputs(), binaryInputs(), fifoInputs(), symlinkInputs(), injectionInputs(),
		configInjectionInputs(), yamlInputs(), dateInputs(), hostileNameInputs(), bidiInputs())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.test(t, template, before)
		})
	}
}

// watchTempDir gives the commands of the test a system temporary folder of
// their own, and fails the test if anything (a go-build* or
// hugo-transform-error* of Hugo's, say) is left in it once every row is
// done. The tests' own folders (t.TempDir) go to GOTMPDIR, out of it.
// Rows run in parallel, so a leftover is not pinned on one: -parallel 1
// with -v shows which.
func watchTempDir(t *testing.T) {
	if os.Getenv("GOTMPDIR") == "" {
		t.Setenv("GOTMPDIR", os.TempDir())
	}
	dir := t.TempDir()
	for _, v := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(v, dir)
	}
	// Cleanups run last first: this one before t.TempDir's removal, and
	// after every parallel row.
	t.Cleanup(func() {
		if left := dirNames(t, dir); len(left) > 0 {
			t.Errorf("the commands left %v in the system's temporary folder", left)
		}
	})
}

// test spoils a copy of the repository at template with tc.setup, checks
// and builds it, and checks what they say and what the build leaves,
// against before, the files of template's own output.
func (tc badInput) test(t *testing.T, template string, before map[string][]byte) {
	root := filepath.Join(repoParent(t), cmp.Or(tc.folder, "repo"))
	testfs.CopyTree(t, template, root)
	tc.setup(t, root)
	beside := dirNames(t, root)

	checkOut, checkErr := tc.runCheck(t, root)
	_, stderr, err := runBounded(t, append([]string{"build", "--source", root, "--out", filepath.Join(root, "out"), "--now", badNow}, tc.flags...)...)
	t.Logf("stderr:\n%s", clip(stderr))
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
	switch {
	case err == nil && !tc.builds && !tc.either:
		t.Error("the build succeeded")
	case err != nil && tc.builds:
		t.Errorf("the build failed: %v", err)
	case err == nil:
		if tc.check != nil {
			tc.check(t, out)
		}
		for _, f := range executable(t, out) {
			t.Errorf("script could run: %s", f)
		}
	default:
		if tc.either {
			t.Logf("refused, as it may be: %v", err)
		}
		if exitCode(err) == 0 {
			t.Errorf("exit code 0 for %v", err)
		}
		if !strings.Contains(stderr, "previous output in") {
			t.Errorf("stderr does not say the previous output was kept")
		}
		sameFiles(t, before, testfs.Tree(t, out))
		tc.checkAgrees(t, checkOut, checkErr)
	}
	if after := dirNames(t, root); !slices.Equal(after, beside) {
		t.Errorf("the build left %v beside the output; before it there were %v", after, beside)
	}
}

// repoParent is a new folder for a row's repository, removed after the
// test. Unlike t.TempDir's, its path does not hold the row's name, whose
// commas would make Hugo read the project's configuration as two files.
func repoParent(t *testing.T) string {
	dir, err := os.MkdirTemp(os.Getenv("GOTMPDIR"), "badinput-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// clip is s, or its start and end when it is long: a row with a warning
// per line of a huge file would otherwise log megabytes.
func clip(s string) string {
	const keep = 4 << 10
	if len(s) <= 2*keep {
		return s
	}
	return s[:keep] + fmt.Sprintf("\n[… %d bytes …]\n", len(s)-2*keep) + s[len(s)-keep:]
}

// runCheck runs `policysite check` on the repository at root, with the
// build's --now and, of its flags, those check has.
func (tc badInput) runCheck(t *testing.T, root string) (output string, err error) {
	args := []string{"check", "--source", root, "--now", badNow}
	if slices.Contains(tc.flags, "--strict") {
		args = append(args, "--strict")
	}
	stdout, stderr, err := runBounded(t, args...)
	return stdout + stderr, err
}

// checkAgrees fails the test unless check, whose output and error are
// given, failed as the build did and named each of the build's messages
// that points into the repository: check must run every validation the
// build does, or authors learn of a problem only when they publish.
func (tc badInput) checkAgrees(t *testing.T, output string, err error) {
	t.Helper()
	if tc.buildOnly {
		return
	}
	if err == nil || exitCode(err) == 0 {
		t.Errorf("the build failed, but policysite check passed (%v):\n%s", err, clip(output))
		return
	}
	for _, w := range tc.want {
		if located(w) && !reports(output, w) {
			t.Errorf("policysite check does not report %q:\n%s", w, clip(output))
		}
	}
}

// oneLine is a want of texts that must all be on one line of the output,
// in this order: a message whose path and text the command may put in
// other words between (`read site config: open policysite.toml: …`).
func oneLine(texts ...string) string { return strings.Join(texts, "\n") }

// locatedRe splits a wanted message into where and what. A name that
// messages quote, as "x\n2024-01-10.ru.md:1: fake.md", is part of where;
// the line ":*" stands for any line number.
var locatedRe = regexp.MustCompile(`^((?:versions|content|layouts|i18n|assets|static)/(?:"(?:[^"\\]|\\.)*"|[^:"])*|policysite\.toml)(:\d+|:\*)?: (.*)$`)

// located tells whether want names a place in the repository, as a
// message of the sources does.
func located(want string) bool {
	return strings.Contains(want, "\n") || locatedRe.MatchString(want)
}

// reports tells whether output has the message want. A message that starts
// with a place, "versions/…md:3: text", must be on a line that starts with
// that place and says text, whatever words (such as "warning:") the
// command puts between them; one made with oneLine must have its texts on
// one line; any other is looked for as it is.
func reports(output, want string) bool {
	if parts := strings.Split(want, "\n"); len(parts) > 1 {
		for _, line := range strings.Split(output, "\n") {
			if inOrder(line, parts) {
				return true
			}
		}
		return false
	}
	m := locatedRe.FindStringSubmatch(want)
	if m == nil {
		return strings.Contains(output, want)
	}
	for _, line := range strings.Split(output, "\n") {
		rest, ok := strings.CutPrefix(line, m[1])
		if !ok {
			continue
		}
		if m[2] == ":*" {
			digits := strings.TrimLeft(strings.TrimPrefix(rest, ":"), "0123456789")
			ok = strings.HasPrefix(rest, ":") && len(digits) < len(rest)-1
			rest = digits
		} else {
			rest, ok = strings.CutPrefix(rest, m[2])
		}
		if rest, found := strings.CutPrefix(rest, ": "); ok && found && strings.Contains(rest, m[3]) {
			return true
		}
	}
	return false
}

// inOrder tells whether line holds parts, one after another.
func inOrder(line string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(line, p)
		if i < 0 {
			return false
		}
		line = line[i+len(p):]
	}
	return true
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
