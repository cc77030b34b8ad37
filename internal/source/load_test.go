package source

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"policysite/internal/policy"
)

const ok = "---\ntitle: T\n---\nx\n"

// write writes data as root's file name, a slash-separated path.
func write(t *testing.T, root, name, data string) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// trees holds the same files in each kind of file system Load reads: in
// memory, as tests give it, and on disk through os.DirFS, as the commands
// give it. Load must read both alike.
func trees(t *testing.T, files map[string]string) map[string]fs.FS {
	t.Helper()
	mem := fstest.MapFS{}
	root := t.TempDir()
	for name, data := range files {
		mem[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
		write(t, root, name, data)
	}
	return map[string]fs.FS{"in memory": mem, "on disk": os.DirFS(root)}
}

// forEachTree runs f as a subtest on each of trees(files), in a fixed
// order.
func forEachTree(t *testing.T, files map[string]string, f func(t *testing.T, fsys fs.FS)) {
	t.Helper()
	ts := trees(t, files)
	for _, kind := range []string{"in memory", "on disk"} {
		t.Run(kind, func(t *testing.T) { f(t, ts[kind]) })
	}
}

func load(fsys fs.FS) (*Result, error) {
	return Load(Options{FS: fsys, Langs: langs, Location: msk})
}

func TestLoadOrdersEditionsByPosted(t *testing.T) {
	forEachTree(t, map[string]string{
		"versions/terms/2024-01-10.ru.md":   "---\ntitle: B\nposted: 2024-01-10T12:00:00+03:00\n---\nx\n",
		"versions/terms/2024-01-10-2.ru.md": "---\ntitle: C\nposted: 2024-01-10T18:00:00+03:00\n---\nx\n",
		"versions/terms/2023-05-01.ru.md":   "---\ntitle: A\n---\nx\n",
		"versions/.DS_Store":                "junk",
	}, func(t *testing.T, fsys fs.FS) {
		res, err := load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range res.Policies[0].Editions["ru"] {
			got = append(got, e.Title)
		}
		if strings.Join(got, "") != "ABC" {
			t.Errorf("order = %v, want A B C", got)
		}
	})
}

func TestLoadRejectsBadLayout(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"policy folder with capitals", map[string]string{"versions/Privacy/2024-01-01.ru.md": ok}, `versions/Privacy: policy folder "Privacy" must be named`},
		{"policy folder with dots", map[string]string{"versions/a.b/2024-01-01.ru.md": ok}, `versions/a.b: policy folder`},
		{"policy folder with a space", map[string]string{"versions/a b/2024-01-01.ru.md": ok}, `versions/a b: policy folder`},
		{"policy folder name too long", map[string]string{"versions/" + strings.Repeat("a", 65) + "/2024-01-01.ru.md": ok}, "at most 64"},
		{"policy folder with a newline, quoted", map[string]string{"versions/a\nversions-b.md:1: fake/2024-01-01.ru.md": ok}, `versions/"a\nversions-b.md:1: fake": policy folder`},
		{"policy folder not UTF-8, quoted", map[string]string{"versions/a\xff/2024-01-01.ru.md": ok}, `versions/"a\xff": policy folder "a\xff" must be named`},
		{"file name not UTF-8, quoted", map[string]string{"versions/p/2024-01-01\xff.ru.md": ok}, `versions/p/"2024-01-01\xff.ru.md": file name "2024-01-01\xff.ru.md" is not <YYYY-MM-DD>.<lang>.md`},
		{"file name with an escape sequence, quoted", map[string]string{"versions/p/\x1b[2J.ru.md": ok}, `versions/p/"\x1b[2J.ru.md": file name`},
		{"edition numbered -0", map[string]string{"versions/p/2024-01-01-0.ru.md": ok}, `versions/p/2024-01-01-0.ru.md: file name: "2024-01-01-0": a second edition of the same day is numbered -2`},
		{"unknown language", map[string]string{"versions/p/2024-01-01.de.md": ok}, `versions/p/2024-01-01.de.md: unknown language "de"`},
		{"file name without a date", map[string]string{"versions/p/latest.ru.md": ok}, `versions/p/latest.ru.md: file name`},
		{"stray file", map[string]string{"versions/p/notes.txt": "x"}, `versions/p/notes.txt: file name`},
		{"nested folder", map[string]string{"versions/p/old/2024-01-01.ru.md": ok}, `versions/p/old: unexpected folder`},
		{"file beside the policy folders", map[string]string{"versions/p/2024-01-01.ru.md": ok, "versions/notes.md": "x"}, "versions/notes.md: not a policy folder"},
		{"invalid UTF-8, with its line", map[string]string{"versions/p/2024-01-01.ru.md": "---\ntitle: T\n---\nbad \xff\n"}, "versions/p/2024-01-01.ru.md:4: invalid UTF-8"},
		{"all errors reported", map[string]string{"versions/p/2024-01-01.ru.md": "no", "versions/q/2024-01-01.ru.md": "no"}, "versions/p/2024-01-01.ru.md:1: no front matter"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachTree(t, tc.files, func(t *testing.T, fsys fs.FS) {
				_, err := load(fsys)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("err = %v, want %q", err, tc.want)
				}
				if tc.name == "all errors reported" && !strings.Contains(err.Error(), "versions/q/") {
					t.Errorf("only the first error was reported: %v", err)
				}
			})
		})
	}
}

// TestLoadAcceptsWhatIsNoEdition: what versions/ holds beside the
// editions is left alone, and a repository before its first edition loads
// with nothing in it.
func TestLoadAcceptsWhatIsNoEdition(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		policies int
		warning  string
	}{
		{"no versions folder yet", map[string]string{"policysite.toml": ""}, 0, ""},
		{"README and versions.sum beside the policies", map[string]string{"versions/README.md": "x", "versions/versions.sum": "x", "versions/p/2024-01-01.ru.md": ok}, 1, ""},
		{"hidden files and folders", map[string]string{"versions/.git/x": "x", "versions/p/.2024-01-01.ru.md.swp": "x", "versions/p/2024-01-01.ru.md": ok}, 1, ""},
		{"a policy folder without editions warns", map[string]string{"versions/p/.keep": ""}, 0, "versions/p: policy folder has no editions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachTree(t, tc.files, func(t *testing.T, fsys fs.FS) {
				res, err := load(fsys)
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Policies) != tc.policies {
					t.Errorf("%d policies, want %d", len(res.Policies), tc.policies)
				}
				var warns []string
				for _, w := range res.Warnings {
					warns = append(warns, w.Error())
				}
				if got := strings.Join(warns, "\n"); got != tc.warning {
					t.Errorf("warnings %q, want %q", got, tc.warning)
				}
			})
		})
	}
}

// TestLoadRefusesWhatIsNoTextFile: a file that cannot be read as one
// edition is refused by its kind and size before it is read.
func TestLoadRefusesWhatIsNoTextFile(t *testing.T) {
	const name = "versions/p/2024-01-02.ru.md"
	tests := []struct {
		name string
		file *fstest.MapFile
		want string
	}{
		{"a named pipe", &fstest.MapFile{Mode: fs.ModeNamedPipe}, name + ": not a regular file (a named pipe)"},
		{"a device", &fstest.MapFile{Mode: fs.ModeDevice}, name + ": not a regular file (a device)"},
		{"a socket", &fstest.MapFile{Mode: fs.ModeSocket}, name + ": not a regular file (a socket)"},
		{"a file over the limit", &fstest.MapFile{Data: []byte("---\ntitle: T\n---\n" + strings.Repeat("x", MaxFileSize))}, name + ": file is 4194321 bytes, over the 4194304-byte limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"versions/p/2024-01-01.ru.md": {Data: []byte(ok)}, name: tc.file}
			_, err := load(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestLoadFollowsLinksOnlyInside: a symbolic link is followed when it
// leads, element by element as the system follows it, to a place in the
// repository; one that leads out, by "..", by an absolute path or through
// another link, is refused, as is one that leads nowhere.
func TestLoadFollowsLinksOnlyInside(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
	}
	const edition = "versions/p/2024-01-02.ru.md"
	tests := []struct {
		name  string
		links fstest.MapFS
		want  string // "" when the edition loads
	}{
		{"a link to a file of the repository", fstest.MapFS{edition: link("../../shared/terms.md")}, ""},
		{"a link to a link of the repository", fstest.MapFS{edition: link("../../shared/again.md"), "shared/again.md": link("terms.md")}, ""},
		{"a policy folder linked inside", fstest.MapFS{"versions/q": link("../shared/q")}, ""},
		{"a link that climbs out", fstest.MapFS{edition: link("../../../secret.md")}, edition + ": symbolic link leads outside the repository (to ../../../secret.md)"},
		{"an absolute link", fstest.MapFS{edition: link("/etc/passwd")}, edition + ": symbolic link leads outside the repository (to /etc/passwd"},
		{"a policy folder linked out", fstest.MapFS{"versions/leak": link("../../elsewhere")}, "versions/leak: symbolic link leads outside the repository"},
		// shared/x/deep leads up to shared, so that ".." after it climbs
		// from there: read as text, the path would be shared/secret.md.
		{"a link whose .. climbs from another link's target", fstest.MapFS{edition: link("../../shared/x/deep/../../secret.md"), "shared/x/deep": link("..")}, edition + ": symbolic link leads outside the repository (to ../../shared/x/deep/../../secret.md)"},
		{"a link to nothing", fstest.MapFS{edition: link("gone.md")}, edition + ": broken symbolic link: versions/p/gone.md: file does not exist"},
		{"a link to a name that is not UTF-8, quoted", fstest.MapFS{edition: link("../../\x1b[2J\xff")}, edition + `: broken symbolic link: "\x1b[2J\xff": `},
		{"links that lead to each other", fstest.MapFS{edition: link("2024-01-03.md"), "versions/p/2024-01-03.md": link("2024-01-02.ru.md")}, edition + ": broken symbolic link"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"versions/p/2024-01-01.ru.md": {Data: []byte(ok)},
				"shared/terms.md":             {Data: []byte(ok)},
				"shared/q/2024-01-01.ru.md":   {Data: []byte(ok)},
				"shared/secret.md":            {Data: []byte(ok)},
			}
			for k, v := range tc.links {
				fsys[k] = v
			}
			res, err := load(fsys)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, p := range res.Policies {
					n += len(p.Editions["ru"])
				}
				if want := 2; n != want {
					t.Errorf("%d editions, want %d", n, want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestLoadReportsInTheFoldersOrder: files are read on several cores, but
// the errors and the editions come out in the order of the folder, the same
// every time.
func TestLoadReportsInTheFoldersOrder(t *testing.T) {
	files := map[string]string{}
	var want []string
	for i := range 60 {
		name := fmt.Sprintf("versions/p/2024-%02d-%02d.ru.md", 1+i/28, 1+i%28)
		if i%7 == 3 {
			files[name] = "no front matter"
			want = append(want, name+":1: no front matter")
			continue
		}
		files[name] = ok
	}
	forEachTree(t, files, func(t *testing.T, fsys fs.FS) {
		for range 5 {
			_, err := load(fsys)
			var list policy.ErrorList
			if !errors.As(err, &list) || len(list) != len(want) {
				t.Fatalf("err = %v, want %d errors", err, len(want))
			}
			for i, e := range list {
				if !strings.HasPrefix(e.Error(), want[i]) {
					t.Fatalf("error %d = %q, want %q first", i, e, want[i])
				}
			}
		}
	})
	for i := 3; i < 60; i += 7 {
		files[fmt.Sprintf("versions/p/2024-%02d-%02d.ru.md", 1+i/28, 1+i%28)] = ok
	}
	forEachTree(t, files, func(t *testing.T, fsys fs.FS) {
		res, err := load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		eds := res.Policies[0].Editions["ru"]
		byID := func(a, b *policy.Edition) int { return cmp.Compare(a.ID.String(), b.ID.String()) }
		if len(eds) != 60 || !slices.IsSortedFunc(eds, byID) {
			t.Errorf("%d editions, sorted: %v", len(eds), slices.IsSortedFunc(eds, byID))
		}
	})
}

// TestLoadRefusesSymlinkOutOfRepository: on disk, a link to a file of
// another folder of the machine is refused, and a link within the
// repository is followed.
func TestLoadRefusesSymlinkOutOfRepository(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write(t, outside, "secret.md", ok)
	write(t, root, "versions/p/2024-01-01.ru.md", ok)
	write(t, root, "shared/2024-01-03.ru.md", ok)
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(root, "versions/p/2024-01-02.ru.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join("..", "..", "shared", "2024-01-03.ru.md"), filepath.Join(root, "versions/p/2024-01-03.ru.md")); err != nil {
		t.Fatal(err)
	}
	_, err := load(os.DirFS(root))
	if err == nil || !strings.Contains(err.Error(), "versions/p/2024-01-02.ru.md: symbolic link leads outside the repository") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "2024-01-03") {
		t.Errorf("the link inside the repository is refused: %v", err)
	}
}
