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

// Parse parses a config file's bytes; name is used in errors.
func Parse(name string, data []byte) (*Site, error) {
	var s Site
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		var sm *toml.StrictMissingError
		if errors.As(err, &sm) && len(sm.Errors) > 0 {
			row, _ := sm.Errors[0].Position()
			return nil, policy.Errorf(name, row, "unknown key %q", strings.Join(sm.Errors[0].Key(), "."))
		}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, policy.Errorf(name, row, "%v", de)
		}
		return nil, policy.Errorf(name, 0, "%v", err)
	}
	if s.TimeZone == "" {
		s.TimeZone = "UTC"
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return nil, policy.Errorf(name, 0, "time_zone %q: %v", s.TimeZone, err)
	}
	s.Location = loc
	if s.BaseURL == "" {
		s.BaseURL = "/"
	}
	if err := CheckBaseURL(s.BaseURL); err != nil {
		return nil, policy.Errorf(name, keyLine(data, "base_url"), "base_url: %v", err)
	}
	if len(s.Langs) == 0 {
		return nil, policy.Errorf(name, 0, "no [[languages]]: the site needs at least one")
	}
	seen := map[policy.Lang]bool{}
	for i, l := range s.Langs {
		if !langRe.MatchString(string(l.Code)) {
			return nil, policy.Errorf(name, 0, "languages[%d]: code %q must be a lowercase ISO 639 code such as \"ru\"", i, l.Code)
		}
		if seen[l.Code] {
			return nil, policy.Errorf(name, 0, "language %q is listed twice", l.Code)
		}
		seen[l.Code] = true
		if l.Name == "" || l.Title == "" {
			return nil, policy.Errorf(name, 0, "language %q needs a name and a title", l.Code)
		}
	}
	for _, p := range s.Policies {
		if !policy.ValidSlug(p) {
			return nil, policy.Errorf(name, 0, "policies: %q is not a policy slug ([a-z0-9-]+)", p)
		}
	}
	for _, k := range []struct{ key, slug string }{{"privacy_policy", s.PrivacyPolicy}, {"terms_of_service", s.TermsOfService}} {
		if k.slug != "" && !policy.ValidSlug(k.slug) {
			return nil, policy.Errorf(name, 0, "%s: %q is not a policy slug ([a-z0-9-]+)", k.key, k.slug)
		}
	}
	if s.PrevailingLanguage == "" {
		s.PrevailingLanguage = s.Langs[0].Code
	} else if s.Lang(s.PrevailingLanguage) == nil {
		return nil, policy.Errorf(name, 0, "prevailing_language %q is not one of the site's languages (%s)", s.PrevailingLanguage, policy.JoinLangs(s.Codes()))
	}
	return &s, nil
}
