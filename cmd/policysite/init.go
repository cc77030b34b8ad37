package main

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"time"

	"policysite/internal/config"
	"policysite/internal/policy"
)

// initCmd starts a new site: the settings, the home and about pages in
// every language, an empty versions/, and the files that build and check
// it on Netlify and GitHub Actions. The built-in theme gives every page,
// string and style, so a site needs nothing more to build.
type initCmd struct {
	lang, company, baseURL, timeZone string
}

//go:embed skeleton
var skeleton embed.FS

// langCodeRe is the shape of a language code that config accepts.
var langCodeRe = regexp.MustCompile(`^[a-z]{2,3}$`)

// Placeholders the new site holds until its owner replaces them; every one
// is marked CHANGE ME where it is written.
const (
	placeholderBaseURL = "https://policies.example.com/"
	placeholderRepo    = "CHANGE-ME: the address of policysite's git repository"
	// policysiteVersion is the branch or tag the new site's CI builds
	// policysite from, until its owner pins one.
	policysiteVersion = "main"
	// goVersion is go.mod's go line: the Go that builds policysite.
	goVersion = "1.26.0"
)

func (c *initCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.lang, "lang", "ru,en", "the site's `languages`, separated by commas, the default first")
	fs.StringVar(&c.company, "company", "", "the `name` of the company whose policies the site publishes (default: a placeholder to replace)")
	fs.StringVar(&c.baseURL, "base-url", "", "the `URL` the site is deployed at, such as https://legal.example.com/ (default: a placeholder to replace)")
	fs.StringVar(&c.timeZone, "time-zone", "UTC", "the IANA `zone` of dates written without one, such as Europe/Moscow")
	return fs
}

func (c *initCmd) help() string {
	return "Usage: policysite init [DIR] [flags]\n\nStarts a new site in DIR (default: this folder), which must be empty or not exist:\npolicysite.toml, content/, an empty versions/, netlify.toml, .gitignore and a GitHub\nActions workflow. Values not given by flags are placeholders marked CHANGE ME."
}

// initLang is a language of the new site as the templates write it.
type initLang struct {
	Code, Name, Title, Company string
	// Known is false for a language policysite has no name or strings
	// for: its values are placeholders.
	Known bool
}

// initData is what the templates read.
type initData struct {
	BaseURL                                string
	BaseURLPlaceholder, CompanyPlaceholder bool
	TimeZone                               string
	Langs, Others                          []initLang
	First                                  initLang
	GoVersion                              string
	PolicysiteRepo, PolicysiteVersion      string
}

func (c *initCmd) Run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	pos, err := parseArgs(c.flags(stderr), args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return &usageError{"usage: policysite init [DIR] [flags]"}
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	data, err := c.data()
	if err != nil {
		return err
	}
	files, err := siteFiles(data)
	if err != nil {
		return err
	}
	// The files must make a site that policysite reads; anything else is
	// a bug here, better caught before writing.
	if _, err := config.Parse(config.FileName, files[config.FileName]); err != nil {
		return fmt.Errorf("init: the new %s would not read (a bug in policysite): %w", config.FileName, err)
	}
	if err := emptyOrAbsent(dir); err != nil {
		return err
	}
	names := slices.Sorted(maps.Keys(files))
	if err := writeSite(dir, names, files); err != nil {
		return err
	}
	sayf(stdout, "Started a site in %s:\n", dir)
	for _, n := range names {
		sayln(stdout, "  "+n)
	}
	c.next(stdout, dir, data)
	return nil
}

// data reads the flags into what the templates write.
func (c *initCmd) data() (*initData, error) {
	d := &initData{BaseURL: c.baseURL, TimeZone: c.timeZone, GoVersion: goVersion,
		PolicysiteRepo: placeholderRepo, PolicysiteVersion: policysiteVersion}
	if d.BaseURL == "" {
		d.BaseURL, d.BaseURLPlaceholder = placeholderBaseURL, true
	} else if err := config.CheckBaseURL(d.BaseURL); err != nil {
		return nil, &usageError{"--base-url " + err.Error()}
	}
	if _, err := time.LoadLocation(d.TimeZone); err != nil || d.TimeZone == "" {
		return nil, &usageError{fmt.Sprintf("--time-zone %q is not an IANA time zone such as Europe/Moscow", c.timeZone)}
	}
	company := strings.TrimSpace(c.company)
	d.CompanyPlaceholder = company == ""
	if strings.ContainsAny(company, "\r\n") {
		return nil, &usageError{"--company: give the name on one line"}
	}
	for _, code := range strings.Split(c.lang, ",") {
		code = strings.TrimSpace(code)
		if !langCodeRe.MatchString(code) {
			return nil, &usageError{fmt.Sprintf("--lang %q: a language is a lowercase ISO 639 code such as ru or en", code)}
		}
		if slices.ContainsFunc(d.Langs, func(l initLang) bool { return l.Code == code }) {
			return nil, &usageError{fmt.Sprintf("--lang: %s is given twice", code)}
		}
		d.Langs = append(d.Langs, newInitLang(policy.Lang(code), company))
	}
	d.First, d.Others = d.Langs[0], d.Langs[1:]
	return d, nil
}

// newInitLang is language code of a site of company ("" for a
// placeholder).
func newInitLang(code policy.Lang, company string) initLang {
	t, known := siteTexts[code]
	l := initLang{Code: string(code), Known: known}
	if !known {
		t = siteTexts["en"]
		l.Name, l.Title = "CHANGE ME ("+string(code)+")", "CHANGE ME: Legal documents"
	} else {
		l.Name, l.Title = t.name, t.title
	}
	l.Company = company
	if company == "" {
		l.Company = t.company
	}
	return l
}

// emptyOrAbsent refuses a dir that exists and holds anything, or is not a
// folder: init never replaces or mixes in with what is there.
func emptyOrAbsent(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		if info, serr := os.Stat(dir); serr == nil && !info.IsDir() {
			return fmt.Errorf("%s is a file, not a folder: policysite init starts a site in an empty or new folder; nothing was written", dir)
		}
		return err
	case len(entries) > 0:
		shown := make([]string, 0, 3)
		for _, e := range entries[:min(3, len(entries))] {
			shown = append(shown, e.Name())
		}
		more := ""
		if len(entries) > 3 {
			more = fmt.Sprintf(" and %d more", len(entries)-3)
		}
		return fmt.Errorf("%s is not empty (it holds %s%s): policysite init starts a site only in an empty or new folder, so that nothing there is lost; nothing was written", dir, strings.Join(shown, ", "), more)
	}
	return nil
}

// writeSite writes files under dir, folders 0755 and files 0644 (less the
// umask), in the order of names. On a failure it removes what it wrote,
// since dir held nothing before.
func writeSite(dir string, names []string, files map[string][]byte) (err error) {
	_, statErr := os.Stat(dir)
	created := errors.Is(statErr, fs.ErrNotExist)
	defer func() {
		if err == nil {
			return
		}
		if created {
			os.RemoveAll(dir)
			return
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, n := range names {
		path := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// next says what to do after init.
func (c *initCmd) next(w io.Writer, dir string, d *initData) {
	src := ""
	if dir != "." {
		src = " --source " + dir
	}
	fmt.Fprintln(w, "\nNext:")
	step := 1
	say := func(format string, args ...any) {
		sayf(w, "  %d. "+format+"\n", append([]any{step}, args...)...)
		step++
	}
	say("Replace every CHANGE ME: in policysite.toml, content/, netlify.toml and .github/workflows/policysite.yml.")
	for _, l := range d.Langs {
		if !l.Known {
			say("Translate i18n/%s.toml, written in English: policysite has no strings for %s.", l.Code, l.Code)
		}
	}
	say("Write a policy's first edition, such as versions/privacy/<YYYY-MM-DD>.%s.md (versions/README.md shows the format).", d.First.Code)
	say("Preview the site with `policysite serve%s`; check it with `policysite check%s`.", src, src)
	say("Build it with `policysite build%s`, or push it to a Git host that Netlify builds from.", src)
}

// siteFiles are the new site's files, by their paths with slashes.
func siteFiles(d *initData) (map[string][]byte, error) {
	files := map[string][]byte{}
	for name, tmpl := range map[string]string{
		config.FileName:                    "skeleton/policysite.toml.tmpl",
		"netlify.toml":                     "skeleton/netlify.toml.tmpl",
		".github/workflows/policysite.yml": "skeleton/policysite.yml.tmpl",
	} {
		b, err := execSkeleton(tmpl, d)
		if err != nil {
			return nil, err
		}
		files[name] = b
	}
	for name, raw := range map[string]string{".gitignore": "skeleton/gitignore", "versions/README.md": "skeleton/versions-README.md"} {
		b, err := skeleton.ReadFile(raw)
		if err != nil {
			return nil, err
		}
		files[name] = b
	}
	for _, l := range d.Langs {
		home, about := contentPages(l)
		files["content/_index."+l.Code+".md"] = []byte(home)
		files["content/about."+l.Code+".md"] = []byte(about)
		if !l.Known {
			b, err := untranslatedStrings(l.Code)
			if err != nil {
				return nil, err
			}
			files["i18n/"+l.Code+".toml"] = b
		}
	}
	return files, nil
}

func execSkeleton(name string, d *initData) ([]byte, error) {
	t, err := template.ParseFS(skeleton, name)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("init: %s: %w", name, err)
	}
	return b.Bytes(), nil
}
