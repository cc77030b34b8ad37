// Package l10n gives Go code the interface strings of i18n/*.toml, the same
// files Hugo's templates translate with, and writes dates as each language
// does («15 января 2024 г.», "January 15, 2024").
package l10n

import (
	"fmt"
	"os"
	"path/filepath"
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
	// moments holds what Date and DateTime wrote, by language and moment:
	// a site of thousands of editions writes each date many times over, and
	// go-i18n executes a template each time.
	moments sync.Map
}

// Load reads root/i18n/<lang>.toml for each of langs; each must exist.
func Load(root string, langs []policy.Lang) (*Bundle, error) {
	files := map[policy.Lang][]byte{}
	for _, l := range langs {
		path := filepath.Join(root, Dir, string(l)+".toml")
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("interface strings for %q: %w", l, err)
		}
		files[l] = data
	}
	return New(files, langs)
}

// New builds a bundle from file contents keyed by language.
func New(files map[policy.Lang][]byte, langs []policy.Lang) (*Bundle, error) {
	if len(langs) == 0 {
		return nil, fmt.Errorf("no languages")
	}
	b := i18n.NewBundle(language.Make(string(langs[0])))
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, l := range langs {
		name := filepath.ToSlash(filepath.Join(Dir, string(l)+".toml"))
		if _, err := b.ParseMessageFileBytes(files[l], string(l)+".toml"); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return &Bundle{b: b, langs: langs}, nil
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

// T returns message id filled with data. A missing message is an error so
// that a forgotten key fails the tests instead of showing up on a page.
func (l *Localizer) T(id string, data map[string]any) (string, error) {
	s, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", fmt.Errorf("message %q in %s: %w", id, l.lang, err)
	}
	return s, nil
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
		return "", fmt.Errorf("message %q in %s: %w", id, l.lang, err)
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
