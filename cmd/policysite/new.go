package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"

	"policysite/internal/config"
	"policysite/internal/policy"
	"policysite/internal/source"
)

// newCmd starts the next edition of a policy: in each language it copies the
// edition in force to a new file with fresh front matter, so that authors
// edit the text rather than retype it.
type newCmd struct {
	// getenv is kept for the shape every command shares; new reads no
	// environment variable yet.
	getenv func(string) string

	source, lang, posted string
	now                  nowFlag
}

const newUsage = "usage: policysite new <policy> [--lang ru,en] [--posted 2026-12-01] [--source DIR] [--now RFC3339]"

func (c *newCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.lang, "lang", "", "the `languages` to start the edition in, separated by commas (default: every site language the policy has editions in)")
	fs.StringVar(&c.posted, "posted", "", "when the new edition is to be posted: a `date` (2026-12-01, midnight in the site's time zone) or an RFC 3339 moment (2026-12-01T10:00:00+03:00) (default: the next midnight after now)")
	fs.StringVar(&c.now.value, "now", "", "the moment that decides which edition is in force, as RFC 3339 (2024-03-01T10:00:00+03:00) (default: the current time)")
	return fs
}

// newFile is one file that new writes.
type newFile struct {
	rel  string // relative to the repository, with slashes, as in source messages
	from *policy.Edition
	// fromWhy says why from is not the edition in force; empty when it is.
	fromWhy string
	data    []byte
}

// Run writes the new edition's files, all of them or, on any mistake, none.
func (c *newCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := c.flags(stderr)
	// Flags may come before or after the policy, as in diff.
	pos, err := parseArgs(flags, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{newUsage}
	}
	slug := pos[0]
	now, err := c.now.get()
	if err != nil {
		return err
	}
	root, err := filepath.Abs(c.source)
	if err != nil {
		return err
	}
	cfg, err := config.Load(root)
	if err != nil {
		return err
	}
	loc := cfg.Location

	// Command-line mistakes are reported before the sources are read.
	var langs []policy.Lang
	if c.lang != "" {
		for _, s := range strings.Split(c.lang, ",") {
			l := policy.Lang(strings.TrimSpace(s))
			if l == "" || slices.Contains(langs, l) {
				continue
			}
			if cfg.Lang(l) == nil {
				return &usageError{fmt.Sprintf("--lang %q: the site's languages are %s", s, policy.JoinLangs(cfg.Codes()))}
			}
			langs = append(langs, l)
		}
	}
	var (
		posted      time.Time
		postedValue string
	)
	if c.posted != "" {
		if posted, postedValue, err = parsePosted(c.posted, loc); err != nil {
			return &usageError{err.Error()}
		}
	} else {
		posted = nextMidnight(now, loc)
		postedValue = posted.Format("2006-01-02")
	}

	src, err := source.Load(source.Options{Root: root, Langs: cfg.Codes(), Location: loc})
	if err != nil {
		return reportSourceErrors(stderr, err)
	}
	var (
		pol   *policy.Policy
		slugs []string
	)
	for _, p := range src.Policies {
		slugs = append(slugs, p.Slug)
		if p.Slug == slug {
			pol = p
		}
	}
	if pol == nil {
		there := "there is none yet"
		if len(slugs) > 0 {
			there = "there are: " + strings.Join(slugs, ", ")
		}
		// new continues a policy; its first edition is written by hand or
		// imported.
		return fmt.Errorf("no policy %q in versions/; %s. A policy's first edition is written by hand, as versions/%s/<YYYY-MM-DD>.<lang>.md (README.md, \"Source format\"), or imported with its history (policysite import)", slug, there, slug)
	}
	have := pol.Langs(cfg.Codes())
	if langs == nil {
		langs = have
	}
	for _, l := range langs {
		if len(pol.Editions[l]) == 0 {
			return fmt.Errorf("policy %s has no editions in %s, so there is nothing to start from; it has editions in %s", pol.Slug, l, policy.JoinLangs(have))
		}
	}

	// One edition in several languages has one id: the posted date,
	// numbered after every edition of that date in the chosen languages.
	var taken []policy.ID
	for _, l := range langs {
		for _, e := range pol.Editions[l] {
			taken = append(taken, e.ID)
		}
	}
	id := newID(posted, loc, taken)

	var (
		files []newFile
		notes []string
	)
	later := map[string][]policy.Lang{} // note → languages, to say it once
	var laterOrder []string
	for _, l := range langs {
		eds := pol.Editions[l]
		tl := policy.NewTimeline(eds, now)
		from, why := sourceEdition(tl)
		name := id.String() + "." + string(l) + ".md"
		rel := source.Dir + "/" + pol.Slug + "/" + name
		data, err := draft(from, postedValue)
		if err != nil {
			return err
		}
		// The file must read back as the edition it means to be; anything
		// else is a bug here, and is better caught before writing.
		e, _, err := source.ParseEdition(data, source.ParseOptions{File: rel, Policy: pol.Slug, Name: source.FileName{ID: id, Lang: l}, Location: loc})
		if err != nil {
			return fmt.Errorf("new: the file for %s would not parse (a bug in policysite): %v", rel, err)
		}
		// Warnings are not checked here: a parser that one day warns about
		// a draft's empty summary must not stop new (its unit test notices).
		if e.Body != from.Body || e.Title != from.Title || !e.Posted.Equal(posted) {
			return fmt.Errorf("new: the file for %s would not read back as written (a bug in policysite)", rel)
		}
		files = append(files, newFile{rel: rel, from: from, fromWhy: why, data: data})

		// Editions after the copied one are not in the copy: an upcoming
		// edition's changes would be silently dropped unless the author
		// knows.
		var after []string
		for i := slices.Index(eds, from) + 1; i < len(eds); i++ {
			after = append(after, fmt.Sprintf("%s (%s)", eds[i].ID, statusWords(tl.Status[i])))
		}
		if len(after) > 0 {
			n := strings.Join(after, ", ")
			if later[n] == nil {
				laterOrder = append(laterOrder, n)
			}
			later[n] = append(later[n], l)
		}
	}
	for _, n := range laterOrder {
		its, it := "its", "it"
		if strings.Contains(n, ",") {
			its, it = "their", "them"
		}
		notes = append(notes, fmt.Sprintf("Later than the edition copied, so not in the copy: %s in %s; carry %s changes over by hand if the new edition builds on %s.", n, policy.JoinLangs(later[n]), its, it))
	}
	if id.Seq > 1 {
		first := id
		first.Seq = 1
		var in []policy.Lang
		var lastSameDay *policy.Edition
		for _, l := range langs {
			for _, e := range pol.Editions[l] {
				if e.ID.Date.Equal(id.Date) {
					if !slices.Contains(in, l) {
						in = append(in, l)
					}
					if lastSameDay == nil || e.Posted.After(lastSameDay.Posted) {
						lastSameDay = e
					}
				}
			}
		}
		n := fmt.Sprintf("%s is taken in %s, so this is a further edition of that day: %s.", first, policy.JoinLangs(in), id)
		if lastSameDay != nil && posted.Before(lastSameDay.Posted) {
			n += fmt.Sprintf(" Set its posted after %s, when %s is posted, so that it follows it.", lastSameDay.Posted.In(loc).Format(time.RFC3339), lastSameDay.ID)
		}
		notes = append(notes, n)
	}
	// With --lang, the id may already be an edition's in another language:
	// the new file then is that edition's translation.
	for _, l := range have {
		if slices.Contains(langs, l) {
			continue
		}
		if e := pol.Find(l, id); e != nil {
			notes = append(notes, fmt.Sprintf("%s has the same id, so the new edition is its translation: give both the same posted and effective.", e.File))
		}
	}
	if c.posted == "" {
		notes = append(notes, fmt.Sprintf("posted: %s, the next midnight in %s, so that no build before then publishes the draft (--posted sets another moment).", postedValue, loc))
	} else if !posted.After(now) {
		notes = append(notes, fmt.Sprintf("posted %s is not after now: the next build publishes the edition as it is.", postedValue))
	}

	// Every target is checked before any is written, so that a refusal
	// leaves the repository as it was.
	dir := filepath.Join(root, source.Dir, pol.Slug)
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.Base(f.rel))); err == nil {
			return fmt.Errorf("%s already exists; policysite new never overwrites a file", f.rel)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := writeAll(dir, files); err != nil {
		return err
	}

	for _, f := range files {
		from := f.from.ID.String()
		if f.fromWhy != "" {
			from += ", " + f.fromWhy
		}
		fmt.Fprintf(stdout, "%s (from %s)\n", f.rel, from)
	}
	for _, n := range notes {
		fmt.Fprintln(stdout, n)
	}
	fmt.Fprintln(stdout, "Next: edit the text and summary; set posted to the moment the edition is published (and effective, if it takes effect later).")
	fmt.Fprintf(stdout, "To see it, build with --now %s or later: a build before posted leaves it out, and the first build at or after posted publishes it.\n", posted.In(loc).Format(time.RFC3339))
	return nil
}

// writeAll creates every file, never replacing one, and removes those it
// created if any fails, so that a run writes all of its files or none.
func writeAll(dir string, files []newFile) error {
	var done []string
	for _, f := range files {
		path := filepath.Join(dir, filepath.Base(f.rel))
		err := writeNew(path, f.data)
		if err != nil {
			for _, p := range done {
				os.Remove(p)
			}
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s already exists; policysite new never overwrites a file", f.rel)
			}
			return err
		}
		done = append(done, path)
	}
	return nil
}

// writeNew writes a file that must not exist yet: O_EXCL closes the gap
// between the check and the write.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// sourceEdition picks the edition to copy: the one in force, else the latest
// posted, else the latest of all. why is empty for the edition in force and
// otherwise says which fallback it is.
func sourceEdition(tl *policy.Timeline) (e *policy.Edition, why string) {
	if cur := tl.Current(); cur != nil {
		return cur, ""
	}
	for i := len(tl.Editions) - 1; i >= 0; i-- {
		if tl.Status[i] != policy.StatusUnposted {
			return tl.Editions[i], "the latest posted edition: none is in force yet"
		}
	}
	return tl.Editions[len(tl.Editions)-1], "the latest edition: none is posted yet"
}

// statusWords is a status as a note says it.
func statusWords(s policy.Status) string {
	switch s {
	case policy.StatusUnposted:
		return "not yet posted"
	case policy.StatusInForce:
		return "in force"
	}
	return string(s)
}

// parsePosted reads --posted: a date, meaning midnight in loc as in front
// matter, or an RFC 3339 moment. value is what the front matter gets.
func parsePosted(s string, loc *time.Location) (t time.Time, value string, err error) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, s, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, s, nil
	}
	return time.Time{}, "", fmt.Errorf("--posted %q is not a date such as 2026-12-01 or an RFC 3339 date-time such as 2026-12-01T10:00:00+03:00", s)
}

// nextMidnight returns the first midnight in loc after now. A draft posted
// then is not published by a build run the day it is started.
func nextMidnight(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// newID returns the id of an edition posted at posted: its date in loc, as
// the parser reads a file name, numbered after every edition of that date in
// taken, so that a further edition of a day follows the day's others.
func newID(posted time.Time, loc *time.Location, taken []policy.ID) policy.ID {
	y, m, d := posted.In(loc).Date()
	id := policy.ID{Date: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Seq: 1}
	for _, t := range taken {
		if t.Date.Equal(id.Date) && t.Seq >= id.Seq {
			id.Seq = t.Seq + 1
		}
	}
	return id
}

// draft returns the file that starts a new edition from src: fresh front
// matter in src's own format (YAML or TOML) and src's body unchanged.
func draft(src *policy.Edition, posted string) ([]byte, error) {
	isTOML := src.TOML
	title, err := frontMatterTitle(src.Title, isTOML)
	if err != nil {
		return nil, err
	}
	delim, sep := "---", ": "
	if isTOML {
		delim, sep = "+++", " = "
	}
	var b strings.Builder
	b.WriteString(delim + "\n")
	b.WriteString(title)
	b.WriteString("posted" + sep + posted + "\n")
	// effective is left out, so that the edition takes effect when posted;
	// the comment says how to change that without a trip to the README.
	b.WriteString("# effective" + sep + "only if the edition takes effect later than it is posted, as a date or an RFC 3339 moment; without it, it takes effect when posted\n")
	b.WriteString("# summary" + sep + "one line on what changed, shown above the text\n")
	// An empty string rather than no value: YAML reads a bare `summary:` as
	// null, which the parser refuses.
	b.WriteString("summary" + sep + "\"\"\n")
	b.WriteString(delim + "\n")
	b.WriteString(src.Body)
	return []byte(b.String()), nil
}

// frontMatterTitle encodes the title line with the format's own encoder, so
// that quotes, colons and the like in a title stay text.
func frontMatterTitle(title string, isTOML bool) (string, error) {
	var (
		out []byte
		err error
	)
	if isTOML {
		out, err = toml.Marshal(struct {
			Title string `toml:"title"`
		}{title})
	} else {
		out, err = yaml.Marshal(struct {
			Title string `yaml:"title"`
		}{title})
	}
	return string(out), err
}
