package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"policysite/internal/policy"
)

const good = `
base_url = "https://x.example/"
time_zone = "Europe/Moscow"
policies = ["privacy"]

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"

[[languages]]
code = "en"
name = "English"
title = "Documents"
`

func TestParseGood(t *testing.T) {
	s, err := Parse("policysite.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Codes(); len(got) != 2 || got[0] != "ru" || got[1] != "en" {
		t.Errorf("Codes() = %v", got)
	}
	if s.Location.String() != "Europe/Moscow" {
		t.Errorf("Location = %v", s.Location)
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown key", "timezone = \"UTC\"\n" + good, `policysite.toml:1: unknown key "timezone"`},
		{"unknown key in a language", good + "titel = \"x\"\n", `policysite.toml:15: unknown key "languages.titel"`},
		{"syntax", "base_url = \n", "policysite.toml:1:"},
		{"bad time zone", strings.Replace(good, "Europe/Moscow", "Mars/Olympus", 1), `time_zone "Mars/Olympus"`},
		{"base url without slash", strings.Replace(good, "https://x.example/", "https://x.example", 1), "must end with a slash"},
		{"base url scheme", strings.Replace(good, "https://x.example/", "ftp://x.example/", 1), "only http and https"},
		{"no languages", "time_zone = \"UTC\"\n", "no [[languages]]"},
		{"bad language code", strings.Replace(good, `code = "ru"`, `code = "RU"`, 1), "lowercase ISO 639"},
		{"language twice", strings.Replace(good, `code = "en"`, `code = "ru"`, 1), "listed twice"},
		{"bad policy slug", strings.Replace(good, `["privacy"]`, `["../x"]`, 1), "not a policy slug"},
		{"bad privacy policy slug", "privacy_policy = \"Privacy\"\n" + good, `privacy_policy: "Privacy" is not a policy slug`},
		{"bad terms slug", "terms_of_service = \"terms/2024\"\n" + good, `terms_of_service: "terms/2024" is not a policy slug`},
		{"privacy policy not a string", "privacy_policy = true\n" + good, "policysite.toml:1:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("policysite.toml", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestParseDiscoveryPolicies(t *testing.T) {
	tests := []struct{ name, src, privacy, terms string }{
		{"omitted", good, "", ""},
		{"named", "privacy_policy = \"personal-data\"\nterms_of_service = \"terms-of-use\"\n" + good, "personal-data", "terms-of-use"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("policysite.toml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if s.PrivacyPolicy != tc.privacy || s.TermsOfService != tc.terms {
				t.Errorf("PrivacyPolicy, TermsOfService = %q, %q; want %q, %q", s.PrivacyPolicy, s.TermsOfService, tc.privacy, tc.terms)
			}
		})
	}
}

func TestPrevailingLanguage(t *testing.T) {
	base := "[[languages]]\ncode = \"ru\"\nname = \"Русский\"\ntitle = \"Т\"\n\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"T\"\n"
	tests := []struct {
		name, extra string
		want        policy.Lang
		err         string
	}{
		{"defaults to the first language", "", "ru", ""},
		{"named", "prevailing_language = \"en\"\n", "en", ""},
		{"not a site language", "prevailing_language = \"de\"\n", "", `policysite.toml:1: prevailing_language "de" is not one of the site's languages (ru, en)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("policysite.toml", []byte(tt.extra+base))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.PrevailingLanguage != tt.want {
				t.Errorf("PrevailingLanguage = %s, want %s", s.PrevailingLanguage, tt.want)
			}
		})
	}
}

// TestLoadReadsTheRepositoryRoot: Load reads policysite.toml from the root
// of the file system it is given, and names the file in what it reports.
func TestLoadReadsTheRepositoryRoot(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		langs string // the codes loaded, when there is no error
		err   string
	}{
		{"the config at the root", fstest.MapFS{FileName: {Data: []byte(good)}}, "ru, en", ""},
		{"no config", fstest.MapFS{"versions/p/2024-01-01.ru.md": {Data: []byte("x")}}, "", "read site config: open policysite.toml: file does not exist"},
		{"a config only in a subfolder", fstest.MapFS{"site/" + FileName: {Data: []byte(good)}}, "", "read site config:"},
		{"a mistake, named with its file and line", fstest.MapFS{FileName: {Data: []byte("timezone = \"UTC\"\n" + good)}}, "", `policysite.toml:1: unknown key "timezone"`},
		{"a config that is a folder", fstest.MapFS{FileName + "/x": {Data: []byte(good)}}, "", "read site config:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(tc.fsys)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := policy.JoinLangs(s.Codes()); got != tc.langs {
				t.Errorf("languages %s, want %s", got, tc.langs)
			}
		})
	}
}
