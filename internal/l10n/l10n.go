// Package l10n gives Go code the interface strings of i18n/*.toml, the same
// files Hugo's templates translate with, and writes dates as each language
// does («15 января 2024 г.», "January 15, 2024").
package l10n

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"policysite/internal/policy"
)

// Dir is the folder, relative to the repository, with one TOML file per
// language.
const Dir = "i18n"

// Bundle holds every language's messages.
type Bundle struct {
	b     *i18n.Bundle
	langs []policy.Lang
	// ids are the message IDs of each language's file.
	ids map[policy.Lang]map[string]bool
	// files are the language files the messages were read from, merged
	// as Load merges them; see File.
	files map[policy.Lang][]byte
	// missed, when not nil, collects the messages that T and N did not
	// find; see Lenient.
	missed *missedSet
	// moments holds what Date and DateTime wrote, by language and moment:
	// a site of thousands of editions writes each date many times over, and
	// go-i18n executes a template each time.
	moments sync.Map
}

// Load reads i18n/<lang>.toml of repo, the repository (os.DirFS of its
// folder, or a fstest.MapFS in tests), for each of langs; each must exist.
// When repo is made of layers (package overlay's, a site's repository over
// the built-in theme), a language's file is the messages of every layer
// that has it, the upper layer's message winning for an ID that both have:
// a site's file may hold only the messages it changes.
func Load(repo fs.FS, langs []policy.Lang) (*Bundle, error) {
	layers := []fs.FS{repo}
	if l, ok := repo.(layered); ok {
		layers = l.Layers()
	}
	files := map[policy.Lang][]byte{}
	for _, l := range langs {
		name := Dir + "/" + string(l) + ".toml"
		found, err := read(layers, name)
		if errors.Is(err, fs.ErrNotExist) && len(layers) > 1 {
			return nil, fmt.Errorf("interface strings for %q: %w; the built-in theme has none for %s either, so the site needs a file of its own with every message (translate the theme's %s/en.toml)", l, err, l, Dir)
		}
		if err != nil {
			return nil, fmt.Errorf("interface strings for %q: %w", l, err)
		}
		if files[l], err = merge(name, found); err != nil {
			return nil, err
		}
	}
	return New(files, langs)
}

// layered is a file system whose layers (top first) a reader may read one
// by one; see package overlay.
type layered interface {
	Layers() []fs.FS
}

// read returns the file name of each layer that has it, the bottom
// layer's first; an error when none has it.
func read(layers []fs.FS, name string) ([][]byte, error) {
	var found [][]byte
	for i := len(layers) - 1; i >= 0; i-- {
		data, err := fs.ReadFile(layers[i], name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = append(found, data)
	}
	if len(found) == 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return found, nil
}

// merge returns the one file of found as it is, or the messages of all
// of them in one file, each from the last file that has its ID.
func merge(name string, found [][]byte) ([]byte, error) {
	if len(found) == 1 {
		return found[0], nil
	}
	msgs := map[string]any{}
	for _, data := range found {
		var m map[string]any
		if err := toml.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		maps.Copy(msgs, m)
	}
	// go-toml writes a map's keys sorted: the same messages make the same
	// file, which Hugo reads too (File).
	data, err := toml.Marshal(msgs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}

// New builds a bundle from file contents keyed by language.
func New(files map[policy.Lang][]byte, langs []policy.Lang) (*Bundle, error) {
	if len(langs) == 0 {
		return nil, fmt.Errorf("no languages")
	}
	b := i18n.NewBundle(language.Make(string(langs[0])))
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	ids := map[policy.Lang]map[string]bool{}
	for _, l := range langs {
		name := filepath.ToSlash(filepath.Join(Dir, string(l)+".toml"))
		mf, err := b.ParseMessageFileBytes(files[l], string(l)+".toml")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ids[l] = map[string]bool{}
		for _, m := range mf.Messages {
			ids[l][m.ID] = true
		}
	}
	return &Bundle{b: b, langs: langs, ids: ids, files: files}, nil
}

// File returns lang's messages as the TOML file they were read from, the
// layers' merged into one (see Load), or nil for a language the bundle
// does not have. The renderer gives it to Hugo's templates as their
// i18n/<lang>.toml, so that pages and Go's strings say the same.
func (b *Bundle) File(lang policy.Lang) []byte {
	if b == nil {
		return nil
	}
	return b.files[lang]
}

// Gap is what one language's file lacks: of another's (Gaps), or of what
// the code asked for (Missed).
type Gap struct {
	// From is the language whose file has the messages, or "" for Missed.
	Lang, From policy.Lang
	// Missing are the IDs of the messages Lang lacks, sorted.
	Missing []string
}

// missedSet is what a lenient bundle did not find, by language.
type missedSet struct {
	mu  sync.Mutex
	ids map[policy.Lang]map[string]bool
}

// Lenient returns a bundle of the same messages whose T and N give "" for
// a message that a language's file lacks, and note it for Missed. A build
// that meets one missing message (a repository whose i18n/ is older than
// the policysite it runs) can so go on to meet the others, and then stop
// with all of them, rather than with one per run.
func (b *Bundle) Lenient() *Bundle {
	return &Bundle{b: b.b, langs: b.langs, ids: b.ids, files: b.files, missed: &missedSet{ids: map[policy.Lang]map[string]bool{}}}
}

// Missed returns what T and N of a lenient bundle did not find, in the
// order of the languages; nil for any other bundle.
func (b *Bundle) Missed() []Gap {
	if b.missed == nil {
		return nil
	}
	b.missed.mu.Lock()
	defer b.missed.mu.Unlock()
	var gaps []Gap
	for _, l := range b.langs {
		if ids := b.missed.ids[l]; len(ids) > 0 {
			gaps = append(gaps, Gap{Lang: l, Missing: slices.Sorted(maps.Keys(ids))})
		}
	}
	return gaps
}

// Gaps compares each language's file with the others', in the order of
// the languages: a file gets a Gap for the first other file that has
// messages it lacks. A language added by copying another's file and
// translating it is where messages go missing: Hugo then shows those of
// the first language on its pages, and the strings Go writes stop the
// build.
func (b *Bundle) Gaps() []Gap {
	var gaps []Gap
	for _, l := range b.langs {
		for _, from := range b.langs {
			if from == l {
				continue
			}
			var missing []string
			for id := range b.ids[from] {
				if !b.ids[l][id] {
					missing = append(missing, id)
				}
			}
			if len(missing) > 0 {
				sort.Strings(missing)
				gaps = append(gaps, Gap{Lang: l, From: from, Missing: missing})
				break
			}
		}
	}
	return gaps
}

// Localizer translates into one language.
type Localizer struct {
	lang policy.Lang
	loc  *i18n.Localizer
	b    *Bundle
}

// For returns the localizer for lang.
func (b *Bundle) For(lang policy.Lang) *Localizer {
	return &Localizer{lang: lang, loc: i18n.NewLocalizer(b.b, string(lang)), b: b}
}

// Lang is the localizer's language.
func (l *Localizer) Lang() policy.Lang { return l.lang }

// ErrNoMessage is the error of T and N for a message that the language's
// file does not have: a site whose i18n/ predates a message that a newer
// policysite writes. Callers for whom a message is not essential (a
// command's summary, once its work is done) go on without it.
var ErrNoMessage = errors.New("no such message")

// T returns message id filled with data. A missing message is an error so
// that a forgotten key fails the tests instead of showing up on a page.
func (l *Localizer) T(id string, data map[string]any) (string, error) {
	s, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", l.err(id, err)
	}
	return s, nil
}

// err names the file that lacks message id, or says what else went wrong.
// A lenient bundle notes a missing message instead, and err returns nil.
func (l *Localizer) err(id string, err error) error {
	var nf *i18n.MessageNotFoundErr
	if !errors.As(err, &nf) {
		return fmt.Errorf("%s/%s.toml: message %q: %w", Dir, l.lang, id, err)
	}
	if m := l.b.missed; m != nil {
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.ids[l.lang] == nil {
			m.ids[l.lang] = map[string]bool{}
		}
		m.ids[l.lang][id] = true
		return nil
	}
	return fmt.Errorf("%s/%s.toml: message %q: %w", Dir, l.lang, id, ErrNoMessage)
}

// N returns message id in the plural form for count (one, few, many, other
// in Russian); the message sees the count as {{ .Count }}, as in Hugo.
func (l *Localizer) N(id string, count int, data map[string]any) (string, error) {
	td := map[string]any{"Count": count}
	for k, v := range data {
		td[k] = v
	}
	s, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: td})
	if err != nil {
		return "", l.err(id, err)
	}
	return s, nil
}

// Date writes t's calendar date as the language does, with the month in the
// form that message "month_N" gives and the order that "date_long" gives.
func (l *Localizer) Date(t time.Time) (string, error) {
	return l.memo('d', t, l.date)
}

func (l *Localizer) date(t time.Time) (string, error) {
	month, err := l.T("month_"+strconv.Itoa(int(t.Month())), nil)
	if err != nil {
		return "", err
	}
	return l.T("date_long", map[string]any{"Day": t.Day(), "Month": month, "Year": t.Year()})
}

// DateTime writes t's date and time of day with its UTC offset, in t's own
// zone: a moment written with +03:00 is shown at +03:00.
func (l *Localizer) DateTime(t time.Time) (string, error) {
	return l.memo('t', t, l.dateTime)
}

func (l *Localizer) dateTime(t time.Time) (string, error) {
	d, err := l.Date(t)
	if err != nil {
		return "", err
	}
	return l.T("date_time", map[string]any{"Date": d, "Time": t.Format("15:04"), "Zone": Zone(t)})
}

// momentKey is what a date or a date and time is written from: the
// calendar date, the time of day and the offset of t's own zone.
type momentKey struct {
	lang policy.Lang
	kind byte
	wall string
}

// memo returns what write gives for t, written once per bundle.
func (l *Localizer) memo(kind byte, t time.Time, write func(time.Time) (string, error)) (string, error) {
	layout := "2006-01-02T15:04-07:00"
	if kind == 'd' {
		layout = "2006-01-02"
	}
	k := momentKey{l.lang, kind, t.Format(layout)}
	if s, ok := l.b.moments.Load(k); ok {
		return s.(string), nil
	}
	s, err := write(t)
	if err != nil {
		return "", err
	}
	l.b.moments.Store(k, s)
	return s, nil
}

// Moment writes t with its time of day when hasTime, else as a date.
func (l *Localizer) Moment(t time.Time, hasTime bool) (string, error) {
	if hasTime {
		return l.DateTime(t)
	}
	return l.Date(t)
}

// Zone writes t's offset as "UTC+3", "UTC+5:30" or "UTC".
func Zone(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	s := "UTC" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// Keys returns the message ids of a TOML file with a description for
// each, so that tests can hold both files to the same keys and to a comment
// for translators on every one.
func Keys(data []byte) (map[string]string, error) {
	var m map[string]map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for id, fields := range m {
		d, _ := fields["description"].(string)
		out[id] = strings.TrimSpace(d)
	}
	return out, nil
}
