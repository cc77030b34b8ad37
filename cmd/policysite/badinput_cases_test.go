package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"policysite/internal/source"
	"policysite/internal/testfs"
)

// The inputs of TestBadInputNeverCostsData, by what is wrong with them.

// frontMatterInputs are editions whose front matter is never closed or has
// an unknown key, dates in the front matter or the file name that do not
// parse or do not exist, ids spelled two ways, and editions with no text.
func frontMatterInputs() []badInput {
	return []badInput{
		{
			name:  "front matter never closed fails at its opening line",
			setup: writeSource("versions/privacy/2024-07-01.ru.md", "---\ntitle: Политика\n\n## 1. Раздел\n\n1.1. Текст.\n"),
			want:  []string{`versions/privacy/2024-07-01.ru.md:1: front matter opened here is never closed: add a line "---" after it`},
		},
		{
			name: "unknown front matter key warns with the nearest known key and builds",
			setup: writeRecorded("versions/privacy/2024-07-01.ru.md", ruEdition("Политика конфиденциальности", "postd: 2024-07-01\n",
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
			setup: writeRecorded("versions/privacy/2024-07-01.ru.md", ruEdition("Политика конфиденциальности", "postd: 2024-07-01\n",
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
	}
}

// byteInputs are editions too big, not UTF-8, or in UTF-8 with a BOM and
// CRLF line endings, which build.
func byteInputs() []badInput {
	invalidUTF8 := "---\ntitle: Политика\n---\n## 1. Раздел\n\n1.1. Текст \xff далее.\n"
	badOffset := strings.IndexByte(invalidUTF8, 0xff)
	// The column counts characters: "1.1. Текст " is 11 of them.
	utf8Want := fmt.Sprintf("versions/privacy/2024-07-01.ru.md:6: invalid UTF-8 at byte offset %d (column 12)", badOffset)

	crlf := "\uFEFF" + strings.ReplaceAll(ruEdition("Политика конфиденциальности", "posted: 2024-07-01T10:00:00+03:00\n",
		"1.1. Оператор обрабатывает только необходимые данные."), "\n", "\r\n")

	return []badInput{
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
			setup:  writeRecorded("versions/privacy/2024-07-01.ru.md", crlf),
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
	}
}

// unsafeInputs are editions that could reach beyond their text: raw HTML
// and javascript: links, which build harmless, symbolic links out of the
// repository and a named pipe.
func unsafeInputs() []badInput {
	return []badInput{
		{
			name: "raw HTML and javascript: links never reach a page",
			setup: writeRecorded("versions/privacy/2024-07-01.ru.md", "---\ntitle: Политика конфиденциальности\nsummary: <script>alert(2)</script> [y](javascript:alert(5))\n---\n"+
				"## 1. Общие положения\n\n<script>alert(1)</script>\n\n1.1. Оператор обрабатывает данные, см. [x](javascript:alert(1)) и <a href=\"javascript:alert(3)\">y</a>.\n\n"+
				"<img src=x onerror=alert(4)>\n\n1.2. Новая редакция вступает в силу с момента её размещения на сайте.\n"),
			// The build's warnings, each on a line of its own.
			want: []string{
				"versions/privacy/2024-07-01.ru.md:7: \nraw HTML <script> removed: <script>alert(1)</script>",
				"versions/privacy/2024-07-01.ru.md:9: \nraw HTML <a href> removed: href=\"javascript:alert(3)\"",
				"versions/privacy/2024-07-01.ru.md:11: \nraw HTML <img> removed: <img src=x onerror=alert(4)>",
			},
			builds: true,
			check: func(t *testing.T, out string) {
				page, err := os.ReadFile(filepath.Join(out, "ru/privacy/2024-07-01/index.html"))
				if err != nil {
					t.Fatal(err)
				}
				// Raw HTML is sanitised (internal/sanitize): the script, the
				// link's address and the img go, the link's text stays.
				if bytes.Contains(page, []byte("raw HTML omitted")) || !bytes.Contains(page, []byte("и y.")) {
					t.Errorf("the page omits raw HTML, or lacks the text of the removed link")
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
	}
}

// nameInputs are policy folders and edition files whose names the site
// cannot use, and several bad files at once.
func nameInputs() []badInput {
	return []badInput{
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
}
