// Package config reads policysite.toml, the one file in which a company
// describes its site: languages, time zone, address, policy order.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // the build must not depend on the host's zoneinfo

	"github.com/pelletier/go-toml/v2"

	"policysite/internal/policy"
)

// FileName is the config file's name at the repository root.
const FileName = "policysite.toml"

// Language is one site language.
type Language struct {
	Code policy.Lang `toml:"code"`
	// Name is the language's name in itself, for the switcher ("Русский").
	Name string `toml:"name"`
	// Title is the site's title in this language.
	Title string `toml:"title"`
	// Company is the operator's name as written in this language.
	Company string `toml:"company"`
}

// Site is the parsed config.
type Site struct {
	BaseURL  string     `toml:"base_url"`
	TimeZone string     `toml:"time_zone"`
	Policies []string   `toml:"policies"`
	Langs    []Language `toml:"languages"`
	// PrivacyPolicy is the slug of the policy that pages announce with
	// rel=privacy-policy and that /.well-known/privacy-policy leads to.
	// Empty means "privacy" when the site has such a policy, since the key
	// is then redundant for most sites.
	PrivacyPolicy string `toml:"privacy_policy"`
	// TermsOfService is the slug of the policy that pages announce with
	// rel=terms-of-service; empty means "terms" when the site has it.
	TermsOfService string `toml:"terms_of_service"`
	// PrevailingLanguage is the language whose text prevails when
	// translations of an edition differ; empty means the first language.
	PrevailingLanguage policy.Lang `toml:"prevailing_language"`

	// Location is TimeZone loaded.
	Location *time.Location `toml:"-"`

	// lines is where each key is in the file, for the messages of checks
	// made later (Line).
	lines *lineIndex
}

// Line is the line of the file where key ("privacy_policy",
// "languages[1].code") is written, or 0 when it is not written there.
func (s *Site) Line(key string) int {
	if s.lines == nil {
		return 0
	}
	return s.lines.line(key)
}

// Codes returns the language codes in config order; the first is the default.
func (s *Site) Codes() []policy.Lang {
	out := make([]policy.Lang, len(s.Langs))
	for i, l := range s.Langs {
		out[i] = l.Code
	}
	return out
}

// Lang returns the language with code c, or nil.
func (s *Site) Lang(c policy.Lang) *Language {
	for i := range s.Langs {
		if s.Langs[i].Code == c {
			return &s.Langs[i]
		}
	}
	return nil
}

var langRe = regexp.MustCompile(`^[a-z]{2,3}$`)

// Load reads policysite.toml at the root of repo, the repository
// (os.DirFS of its folder, or a fstest.MapFS in tests).
func Load(repo fs.FS) (*Site, error) {
	data, err := fs.ReadFile(repo, FileName)
	if err != nil {
		return nil, fmt.Errorf("read site config: %w", err)
	}
	return Parse(FileName, data)
}

// Parse parses a config file's bytes; name is used in errors, each of which
// names the line to fix.
func Parse(name string, data []byte) (*Site, error) {
	var s Site
	if err := decode(name, data, &s); err != nil {
		return nil, err
	}
	lines := indexLines(data)
	checks := []func(*Site, *lineIndex) (int, error){(*Site).settle, (*Site).checkLanguages, (*Site).checkPolicies, (*Site).checkPrevailing}
	for _, check := range checks {
		if line, err := check(&s, lines); err != nil {
			return nil, &policy.SourceError{File: name, Line: line, Err: err}
		}
	}
	s.lines = lines
	return &s, nil
}

// decode reads data into s, refusing keys that s has no field for.
func decode(name string, data []byte, s *Site) error {
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	err := dec.Decode(s)
	if err == nil {
		return nil
	}
	var sm *toml.StrictMissingError
	if errors.As(err, &sm) && len(sm.Errors) > 0 {
		row, _ := sm.Errors[0].Position()
		return policy.Errorf(name, row, "unknown key %q", strings.Join(sm.Errors[0].Key(), "."))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return policy.Errorf(name, row, "%v", de)
	}
	// go-toml gives no position only to errors about maps and raw captures,
	// which Site does not use; such an error would concern the whole file.
	return policy.Errorf(name, 0, "%v", err)
}

// settle loads the time zone and checks the address, filling in their
// defaults; it returns the line of a value it refuses.
func (s *Site) settle(lines *lineIndex) (int, error) {
	if s.TimeZone == "" {
		s.TimeZone = "UTC"
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return lines.line("time_zone"), fmt.Errorf("time_zone %q: %v", s.TimeZone, err)
	}
	s.Location = loc
	if s.BaseURL == "" {
		s.BaseURL = "/"
	}
	if err := CheckBaseURL(s.BaseURL); err != nil {
		return lines.line("base_url"), fmt.Errorf("base_url: %v", err)
	}
	return 0, nil
}

// checkLanguages checks the [[languages]] tables; it returns the line of a
// value it refuses, or of the table that lacks a key.
func (s *Site) checkLanguages(lines *lineIndex) (int, error) {
	if len(s.Langs) == 0 {
		// An absent key is missing from the root table, which has no
		// header: the author is sent to the top of the file.
		return lines.line("languages", ""), errors.New("no [[languages]]: the site needs at least one")
	}
	seen := map[policy.Lang]bool{}
	for i, l := range s.Langs {
		table := elem("languages", i)
		code := lines.line(child(table, "code"), table)
		if !langRe.MatchString(string(l.Code)) {
			return code, fmt.Errorf("languages[%d]: code %q must be a lowercase ISO 639 code such as \"ru\"", i, l.Code)
		}
		if seen[l.Code] {
			return code, fmt.Errorf("language %q is listed twice", l.Code)
		}
		seen[l.Code] = true
		if l.Name == "" || l.Title == "" {
			key := "name"
			if l.Name != "" {
				key = "title"
			}
			return lines.line(child(table, key), table), fmt.Errorf("language %q needs a name and a title", l.Code)
		}
	}
	return 0, nil
}

// checkPolicies checks the policy slugs: the order of the policies and the
// two that pages announce; it returns the line of a slug it refuses.
func (s *Site) checkPolicies(lines *lineIndex) (int, error) {
	for i, p := range s.Policies {
		if !policy.ValidSlug(p) {
			return lines.line(elem("policies", i), "policies"), fmt.Errorf("policies: %q is not a policy slug ([a-z0-9-]+)", p)
		}
	}
	for _, k := range []struct{ key, slug string }{{"privacy_policy", s.PrivacyPolicy}, {"terms_of_service", s.TermsOfService}} {
		if k.slug != "" && !policy.ValidSlug(k.slug) {
			return lines.line(k.key), fmt.Errorf("%s: %q is not a policy slug ([a-z0-9-]+)", k.key, k.slug)
		}
	}
	return 0, nil
}

// checkPrevailing checks prevailing_language, which defaults to the first
// language; it returns the line of a value it refuses.
func (s *Site) checkPrevailing(lines *lineIndex) (int, error) {
	if s.PrevailingLanguage == "" {
		s.PrevailingLanguage = s.Langs[0].Code
	} else if s.Lang(s.PrevailingLanguage) == nil {
		return lines.line("prevailing_language"), fmt.Errorf("prevailing_language %q is not one of the site's languages (%s)", s.PrevailingLanguage, policy.JoinLangs(s.Codes()))
	}
	return 0, nil
}
