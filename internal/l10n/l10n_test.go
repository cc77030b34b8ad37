package l10n

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysite/internal/policy"
)

// The tests read the repository's own i18n files: they are what ships.
func load(t *testing.T) *Bundle {
	t.Helper()
	b, err := Load(os.DirFS("../.."), []policy.Lang{"ru", "en"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRussianPlurals(t *testing.T) {
	ru := load(t).For("ru")
	for n, want := range map[int]string{
		1: "1 редакция", 2: "2 редакции", 3: "3 редакции", 4: "4 редакции", 5: "5 редакций",
		11: "11 редакций", 12: "12 редакций", 14: "14 редакций", 21: "21 редакция", 22: "22 редакции",
		25: "25 редакций", 101: "101 редакция", 111: "111 редакций", 0: "0 редакций",
	} {
		got, err := ru.N("editions_count", n, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("editions_count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestEnglishPlurals(t *testing.T) {
	en := load(t).For("en")
	for n, want := range map[int]string{1: "1 edition", 2: "2 editions", 21: "21 editions", 0: "0 editions"} {
		if got, _ := en.N("editions_count", n, nil); got != want {
			t.Errorf("editions_count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	b := load(t)
	msk := time.FixedZone("MSK", 3*3600)
	tests := []struct {
		lang    policy.Lang
		t       time.Time
		hasTime bool
		want    string
	}{
		{"ru", time.Date(2024, 1, 15, 0, 0, 0, 0, msk), false, "15 января 2024 г."},
		{"ru", time.Date(2024, 3, 1, 10, 0, 0, 0, msk), true, "1 марта 2024 г., 10:00 (UTC+3)"},
		{"ru", time.Date(2024, 3, 1, 10, 0, 0, 0, msk), false, "1 марта 2024 г."},
		{"ru", time.Date(2024, 3, 1, 11, 0, 0, 0, msk), true, "1 марта 2024 г., 11:00 (UTC+3)"},
		{"ru", time.Date(2025, 5, 4, 0, 0, 0, 0, msk), false, "4 мая 2025 г."},
		{"en", time.Date(2024, 1, 15, 0, 0, 0, 0, msk), false, "January 15, 2024"},
		{"en", time.Date(2024, 3, 1, 9, 5, 0, 0, time.FixedZone("", 5*3600+1800)), true, "March 1, 2024, 09:05 (UTC+5:30)"},
		{"en", time.Date(2024, 3, 1, 9, 5, 0, 0, time.UTC), true, "March 1, 2024, 09:05 (UTC)"},
	}
	// The bundle remembers what it wrote; the second pass reads that.
	for pass := range 2 {
		for _, tc := range tests {
			got, err := b.For(tc.lang).Moment(tc.t, tc.hasTime)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("pass %d: %s %v: %q, want %q", pass, tc.lang, tc.t, got, tc.want)
			}
		}
	}
}

func TestMissingMessageIsAnError(t *testing.T) {
	for name, f := range map[string]func(*Localizer) (string, error){
		"T": func(l *Localizer) (string, error) { return l.T("no_such_key", nil) },
		"N": func(l *Localizer) (string, error) { return l.N("no_such_key", 3, nil) },
	} {
		_, err := f(load(t).For("ru"))
		if !errors.Is(err, ErrNoMessage) {
			t.Errorf("%s: a missing message gave %v, want ErrNoMessage", name, err)
		}
		// The author learns which file lacks which message.
		if err != nil && !strings.Contains(err.Error(), `i18n/ru.toml: message "no_such_key"`) {
			t.Errorf("%s: %v does not name the file and the message", name, err)
		}
	}
}

// TestEveryKeyTranslatedAndDescribed holds the shipped files to the same set
// of keys, each with a description for translators, and Russian plurals to
// all four forms.
func TestEveryKeyTranslatedAndDescribed(t *testing.T) {
	keys := map[string]map[string]string{}
	for _, l := range []string{"ru", "en"} {
		data, err := os.ReadFile(filepath.Join("../..", Dir, l+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		k, err := Keys(data)
		if err != nil {
			t.Fatal(err)
		}
		keys[l] = k
	}
	var all []string
	for k := range keys["ru"] {
		all = append(all, k)
	}
	for k := range keys["en"] {
		if _, ok := keys["ru"][k]; !ok {
			all = append(all, k)
		}
	}
	sort.Strings(all)
	for _, k := range all {
		for _, l := range []string{"ru", "en"} {
			d, ok := keys[l][k]
			if !ok {
				t.Errorf("%s.toml lacks %q", l, k)
			} else if d == "" {
				t.Errorf("%s.toml: %q has no description for translators", l, k)
			}
		}
	}
	ru, _ := os.ReadFile(filepath.Join("../..", Dir, "ru.toml"))
	var m map[string]map[string]any
	if err := tomlUnmarshal(ru, &m); err != nil {
		t.Fatal(err)
	}
	for k, forms := range m {
		if _, plural := forms["one"]; !plural {
			continue
		}
		for _, f := range []string{"one", "few", "many", "other"} {
			if _, ok := forms[f]; !ok {
				t.Errorf("ru.toml: plural %q lacks the %q form", k, f)
			}
		}
	}
}

// TestLoadReadsTheRepositorysStrings: Load reads i18n/<lang>.toml of the
// file system it is given for each language, and names the file that is
// missing or broken.
func TestLoadReadsTheRepositorysStrings(t *testing.T) {
	const ru = "[greeting]\ndescription = \"d\"\nother = \"Привет, {{ .Name }}\"\n"
	const en = "[greeting]\ndescription = \"d\"\nother = \"Hello, {{ .Name }}\"\n"
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		langs []policy.Lang
		want  string // the English greeting, or the error
		err   bool
	}{
		{"every language's file", fstest.MapFS{"i18n/ru.toml": {Data: []byte(ru)}, "i18n/en.toml": {Data: []byte(en)}}, []policy.Lang{"ru", "en"}, "Hello, Ann", false},
		{"a file beside i18n/ is not read", fstest.MapFS{"i18n/ru.toml": {Data: []byte(ru)}, "en.toml": {Data: []byte(en)}}, []policy.Lang{"ru", "en"}, `interface strings for "en": open i18n/en.toml: file does not exist`, true},
		{"a language without its file", fstest.MapFS{"i18n/ru.toml": {Data: []byte(ru)}}, []policy.Lang{"ru", "en"}, `interface strings for "en": open i18n/en.toml`, true},
		{"a broken file, named", fstest.MapFS{"i18n/ru.toml": {Data: []byte(ru)}, "i18n/en.toml": {Data: []byte("[greeting\n")}}, []policy.Lang{"ru", "en"}, "i18n/en.toml: ", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Load(tc.fsys, tc.langs)
			if tc.err {
				if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
					t.Fatalf("err = %v, want %q first", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := b.For("en").T("greeting", map[string]any{"Name": "Ann"})
			if err != nil || got != tc.want {
				t.Errorf("greeting = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
