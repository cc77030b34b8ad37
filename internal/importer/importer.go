// Package importer brings an existing edition history into versions/: a
// folder of dated files or the history of one file in a git repository
// becomes one edition file per distinct state, each of which the
// repository's own parser reads back as the text it was.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"policysite/internal/policy"
	"policysite/internal/source"
)

// State is one state of the text to import, oldest first in a history.
type State struct {
	// Name says where it came from in reports: a file name or a commit.
	Name string
	// Date is the day it was published: only year, month and day count.
	Date time.Time
	Data []byte
	// Ordered says the state's place in the history is its source's own,
	// not its date's (a git history's commits): dated before the edition
	// before it, it is posted on that edition's day, with a note, where a
	// list of dated files out of order is refused as a mistake to fix.
	Ordered bool
}

// Options say where the history goes.
type Options struct {
	// Repo is the repository that holds versions/ (os.DirFS of its
	// folder), read to tell which files exist already.
	Repo   fs.FS
	Policy string
	Lang   policy.Lang
	// Title, when set, is every edition's title; otherwise
	// source.ChooseTitle takes it from the source's front matter, its first
	// heading or its file's name.
	Title string
	// DateFromText makes the date a text states its effective date.
	DateFromText bool
	// Location is the site's time zone, in which the parser reads dates.
	Location *time.Location
}

// File is one edition file to write.
type File struct {
	Rel  string // relative to the repository, with slashes
	From string // the State's Name
	ID   policy.ID
	Data []byte
	// Effective is the date written as effective, or "".
	Effective string
	// Exists is true when a file is already there.
	Exists bool
	// Title is the edition's title, and TitleFrom where it came from.
	Title     string
	TitleFrom source.TitleOrigin
}

// Plan is what an import would do.
type Plan struct {
	Files []File
	// Skipped are the states left out, each with why.
	Skipped []string
	// Notes are what the author should know about the files.
	Notes []string
	// States is how many states were read.
	States int
}

// TitleNotes say where the title of each file came from when neither
// --title nor the source's front matter gave it: a title taken from a
// heading or a file's name is a guess the author should check. Files in a
// row with the same title from the same place share a note.
func (p *Plan) TitleNotes() []string {
	var notes []string
	for i := 0; i < len(p.Files); {
		f, j := p.Files[i], i+1
		for j < len(p.Files) && p.Files[j].Title == f.Title && p.Files[j].TitleFrom == f.TitleFrom {
			j++
		}
		if where := titleWhere[f.TitleFrom]; where != "" {
			files := f.Rel
			if j-i > 1 {
				files = fmt.Sprintf("%s to %s (%d editions)", f.Rel, p.Files[j-1].Rel, j-i)
			}
			notes = append(notes, fmt.Sprintf("%s: title %q %s; --title gives another", files, f.Title, where))
		}
		i = j
	}
	return notes
}

var titleWhere = map[source.TitleOrigin]string{
	source.TitleHeading:  "taken from the first heading of the text, as the source has no front matter title",
	source.TitleFileName: "taken from the file's name, as the source has no front matter title and no heading of level 1 or 2",
}

// Existing returns the files that would replace existing ones.
func (p *Plan) Existing() []string {
	var out []string
	for _, f := range p.Files {
		if f.Exists {
			out = append(out, f.Rel)
		}
	}
	return out
}

// Make plans the import of states, oldest first: one edition per state that
// differs from the previous one kept in more than whitespace. Every file is
// parsed with internal/source before it is planned, so that a plan never
// holds a file the site would refuse.
func Make(states []State, o Options) (*Plan, error) {
	if !policy.ValidSlug(o.Policy) {
		return nil, fmt.Errorf("policy %q must be named with lowercase letters, digits and hyphens, as it becomes the policy's URL", o.Policy)
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	p := &Plan{States: len(states)}
	var (
		prevKey  string
		prevName string
		prevDate time.Time
		perDay   = map[string]int{}
	)
	for i, s := range states {
		day := dayOf(s.Date)
		if i > 0 && day.Before(prevDate) && !s.Ordered {
			return nil, fmt.Errorf("%s (%s) comes after %s (%s) but is older: the history must be oldest first", s.Name, day.Format(time.DateOnly), states[i-1].Name, prevDate.Format(time.DateOnly))
		}
		prevDate = day
		if err := isText(s.Data); err != nil {
			return nil, fmt.Errorf("%s %w", s.Name, err)
		}
		fmTitle, body := split(s.Data)
		t, terr := o.title(s, fmTitle, body)
		title := t.Text
		// The site shows the title above the text: a heading that says it
		// again would show it twice.
		body = dropTitle(body, title)
		if strings.TrimSpace(normalize(body)) == "" {
			p.Skipped = append(p.Skipped, fmt.Sprintf("%s: no text", s.Name))
			continue
		}
		if terr != nil {
			return nil, fmt.Errorf("%s: %v, in %+q (--title gives every edition one)", s.Name, terr, title)
		}
		if title == "" {
			return nil, fmt.Errorf("%s has no title (no front matter title, no heading, no file name): give one with --title", s.Name)
		}
		key := title + "\x00" + Canonical(body)
		if i > 0 && prevName != "" && key == prevKey {
			p.Skipped = append(p.Skipped, fmt.Sprintf("%s: only whitespace or line endings differ from %s", s.Name, prevName))
			continue
		}
		prevKey, prevName = key, s.Name

		posted, moved := orderedDay(s, day, p.Files)
		ds := posted.Format(time.DateOnly)
		perDay[ds]++
		f, note, err := o.file(s, title, body, policy.ID{Date: posted, Seq: perDay[ds]})
		if err != nil {
			return nil, err
		}
		f.Title, f.TitleFrom = title, t.Origin
		if moved != "" {
			p.Notes = append(p.Notes, f.Rel+": "+moved)
		}
		if note != "" {
			p.Notes = append(p.Notes, note)
		}
		p.Files = append(p.Files, f)
	}
	return p, nil
}

// file plans the edition file id of state s: its front matter, then the
// body as it was. note, when not "", is what the author should know of it.
func (o Options) file(s State, title string, body []byte, id policy.ID) (f File, note string, err error) {
	f = File{
		Rel:  source.Dir + "/" + o.Policy + "/" + id.String() + "." + string(o.Lang) + ".md",
		From: s.Name,
		ID:   id,
	}
	fm := source.FrontMatter{Title: title, Posted: id.Date}
	if o.DateFromText {
		if stated, text, ok := StatedDate(normalize(body)); ok {
			switch c := stated.Compare(id.Date); {
			case c > 0:
				fm.Effective = stated
				f.Effective = stated.Format(time.DateOnly)
			case c < 0:
				// The parser refuses an edition that takes effect before
				// it is posted, and on this site it could not have: it
				// applies from posting.
				note = fmt.Sprintf("%s: the text states %q (%s), before it was posted on %s; effective left out, so it takes effect when posted", s.Name, text, stated.Format(time.DateOnly), id.Date.Format(time.DateOnly))
			}
		}
	}
	var b bytes.Buffer
	if err := source.WriteEdition(&b, fm, string(body)); err != nil {
		return File{}, "", fmt.Errorf("%s: %w (--title gives every edition one)", s.Name, err)
	}
	f.Data = b.Bytes()
	if err := verify(f, o, title, body); err != nil {
		return File{}, "", err
	}
	if _, err := fs.Lstat(o.Repo, f.Rel); err == nil {
		f.Exists = true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return File{}, "", err
	}
	return f, note, nil
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// verify parses the file as the site will, and checks that it reads back as
// the source: its title, its posted date, and its body as the parser
// normalises it.
func verify(f File, o Options, title string, body []byte) error {
	e, _, err := source.ParseEdition(f.Data, source.ParseOptions{
		File: f.Rel, Policy: o.Policy, Name: source.FileName{ID: f.ID, Lang: o.Lang}, Location: o.Location,
	})
	if err != nil {
		return fmt.Errorf("%s (from %s) would not parse: %v", f.Rel, f.From, err)
	}
	if e.Body != normalize(body) || e.Title != strings.TrimSpace(title) {
		return fmt.Errorf("%s (from %s) would not read back as its source (a bug in policysite)", f.Rel, f.From)
	}
	return nil
}

var bom = []byte("\uFEFF")

// split returns the source's front matter title, if it has YAML front
// matter, and the body after it, byte for byte, without a leading BOM (an
// encoding mark, not text: mid-file it would become a character).
func split(data []byte) (title string, body []byte) {
	data = bytes.TrimPrefix(data, bom)
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return "", data
	}
	off := len(first) + 1
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			var fm struct {
				Title any `yaml:"title"`
			}
			// Front matter that does not parse still ends where it ends;
			// the title then comes from the heading.
			if yaml.Unmarshal(data[len(first)+1:off], &fm) == nil {
				if s, ok := fm.Title.(string); ok {
					title = strings.TrimSpace(s)
				}
			}
			return title, after
		}
		off += len(line) + 1
		rest = after
	}
	return "", data
}

// title returns the title of state s, by the rule the parser follows too
// (source.ChooseTitle): --title, else the source's front matter title, else
// its first heading of level 1 or 2, else its file's name. A history
// converted from Word or crawled from a site has no front matter, and
// sometimes no heading: its title is never a reason to refuse it.
func (o Options) title(s State, fmTitle string, body []byte) (source.Title, error) {
	src := source.TitleSources{Given: o.Title, Body: string(body), FileName: fileName(s.Name)}
	if fmTitle != "" {
		src.FrontMatter = &fmTitle
	}
	return source.ChooseTitle(src)
}

// fileName is the name of the file that the state named name came from:
// FromDir names a state by its file, FromGit by "commit <hash> <path>".
func fileName(name string) string {
	if rest, ok := strings.CutPrefix(name, "commit "); ok {
		if _, path, ok := strings.Cut(rest, " "); ok {
			return path
		}
	}
	return name
}

// heading returns the title that the first heading of level 1 or 2 of
// body gives, or "".
func heading(body []byte) string {
	t, _ := source.ChooseTitle(source.TitleSources{Body: string(body)})
	return t.Text
}

// dropTitle returns body without its first block when that is a heading
// that says title (see source.WithoutTitleHeading); else body as it is.
func dropTitle(body []byte, title string) []byte {
	rest, n := source.WithoutTitleHeading(string(body), title)
	if n == 0 {
		return body
	}
	return []byte(rest)
}

// normalize is what the parser does to a file: no BOM, LF line endings.
func normalize(b []byte) string {
	s := string(bytes.TrimPrefix(b, bom))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

var blankRunRe = regexp.MustCompile(`\n{3,}`)

// Canonical is a text with the differences that never change its meaning
// taken out: BOM, line endings, trailing spaces, runs of blank lines, and
// blank lines at either end. Two states with the same Canonical text are
// one edition.
func Canonical(body []byte) string {
	lines := strings.Split(normalize(body), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s := strings.Trim(strings.Join(lines, "\n"), "\n")
	return blankRunRe.ReplaceAllString(s, "\n\n")
}

// Write writes the plan's files, all or none: each goes to a hidden
// temporary file in the policy's folder (which the loader ignores), and
// only when every one is written are they renamed into place. Unless
// force, it refuses to replace a file.
func Write(root string, p *Plan, force bool) error {
	if !force {
		if ex := p.Existing(); len(ex) > 0 {
			return &ExistsError{Files: ex}
		}
	}
	if len(p.Files) == 0 {
		return nil
	}
	dir := filepath.Join(root, filepath.FromSlash(path.Dir(p.Files[0].Rel)))
	created := false
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		created = true
	}
	var temps []string
	removeTemps := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	undo := func() {
		removeTemps()
		if created {
			os.Remove(dir)
		}
	}
	for _, f := range p.Files {
		tmp, err := os.CreateTemp(dir, ".import-*.tmp")
		if err != nil {
			undo()
			return err
		}
		temps = append(temps, tmp.Name())
		_, werr := tmp.Write(f.Data)
		if cerr := tmp.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(tmp.Name(), 0o644)
		}
		if werr != nil {
			undo()
			return werr
		}
	}
	for i, f := range p.Files {
		dst := filepath.Join(root, filepath.FromSlash(f.Rel))
		if !force {
			// A link fails if the target appeared since the plan was made,
			// where a rename would silently replace it.
			if err := os.Link(temps[i], dst); err != nil {
				for _, g := range p.Files[:i] {
					os.Remove(filepath.Join(root, filepath.FromSlash(g.Rel)))
				}
				undo()
				if errors.Is(err, fs.ErrExist) {
					return &ExistsError{Files: []string{f.Rel}}
				}
				return err
			}
			continue
		}
		if err := os.Rename(temps[i], dst); err != nil {
			undo()
			return fmt.Errorf("%v (the files before %s are written)", err, f.Rel)
		}
	}
	removeTemps()
	return nil
}

// ExistsError is a refusal to replace existing editions.
type ExistsError struct{ Files []string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("would replace existing editions, so nothing was written (--force replaces them): %s", strings.Join(e.Files, ", "))
}

// isText tells why data is not the UTF-8 text of an edition, or returns
// nil. Histories kept as PDF or word processor files, or in a legacy
// encoding such as Windows-1251, are common; import keeps texts exactly and
// converts nothing, so it says what it found rather than reading binary as
// text.
func isText(data []byte) error {
	text := bytes.TrimPrefix(data, []byte("\ufeff"))
	if utf8.Valid(text) && bytes.IndexByte(text, 0) < 0 {
		return nil
	}
	if kind := http.DetectContentType(data); !strings.HasPrefix(kind, "text/") {
		return fmt.Errorf("is not text but %s: save it as Markdown or plain text in UTF-8 first; import converts nothing", strings.Split(kind, ";")[0])
	}
	return errors.New("is not UTF-8 text (an older encoding, such as Windows-1251?): save it in UTF-8 first; import converts nothing")
}
