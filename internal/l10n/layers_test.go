package l10n

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"policysite/internal/overlay"
	"policysite/internal/policy"
)

// theme is a theme's strings: two languages with the same three messages.
func theme() fstest.MapFS {
	return fstest.MapFS{
		"i18n/en.toml": {Data: []byte("[greeting]\ndescription = \"d\"\nother = \"Hello, {{ .Name }}\"\n\n" +
			"[farewell]\ndescription = \"d\"\nother = \"Goodbye\"\n\n" +
			"[editions_count]\ndescription = \"d\"\none = \"{{ .Count }} edition\"\nother = \"{{ .Count }} editions\"\n")},
		"i18n/ru.toml": {Data: []byte("[greeting]\ndescription = \"d\"\nother = \"Привет, {{ .Name }}\"\n\n" +
			"[farewell]\ndescription = \"d\"\nother = \"До свидания\"\n\n" +
			"[editions_count]\ndescription = \"d\"\none = \"{{ .Count }} редакция\"\nfew = \"{{ .Count }} редакции\"\nmany = \"{{ .Count }} редакций\"\nother = \"{{ .Count }} редакции\"\n")},
	}
}

// TestASiteChangesOneMessage: a site's file that holds only the messages
// it changes, in either TOML form, changes those and keeps the theme's
// others; a language without a site file is the theme's.
func TestASiteChangesOneMessage(t *testing.T) {
	for _, tc := range []struct{ name, file string }{
		{"a table", "[farewell]\nother = \"See you\"\n"},
		{"a plain string", "farewell = \"See you\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := fstest.MapFS{"i18n/en.toml": {Data: []byte(tc.file)}}
			b, err := Load(overlay.New(site, theme()), []policy.Lang{"ru", "en"})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				lang   policy.Lang
				id     string
				want   string
				plural bool
			}{
				{"en", "farewell", "See you", false},
				{"en", "greeting", "Hello, Ann", false},
				{"en", "editions_count", "2 editions", true},
				{"ru", "farewell", "До свидания", false},
				{"ru", "editions_count", "5 редакций", true},
			} {
				var got string
				if c.plural {
					got, err = b.For(c.lang).N(c.id, map[bool]int{true: 2, false: 5}[c.lang == "en"], nil)
				} else {
					got, err = b.For(c.lang).T(c.id, map[string]any{"Name": "Ann"})
				}
				if err != nil || got != c.want {
					t.Errorf("%s %s = %q, %v; want %q", c.lang, c.id, got, err, c.want)
				}
			}
			if gaps := b.Gaps(); len(gaps) != 0 {
				t.Errorf("Gaps = %+v, want none: the merged files have the same messages", gaps)
			}
		})
	}
}

// TestFileIsTheMergedMessages: File gives Hugo the messages Go
// translates with: the site's changes merged into the theme's file, the
// same bytes however often it is loaded; a language only one layer has is
// that layer's file as it is.
func TestFileIsTheMergedMessages(t *testing.T) {
	site := fstest.MapFS{"i18n/en.toml": {Data: []byte("[farewell]\nother = \"See you\"\n")}}
	load := func() *Bundle {
		b, err := Load(overlay.New(site, theme()), []policy.Lang{"ru", "en"})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	b := load()
	en := b.File("en")
	for i := 0; i < 5; i++ {
		if again := load().File("en"); !bytes.Equal(again, en) {
			t.Fatalf("loaded again, File(en) differs:\n%s\n---\n%s", en, again)
		}
	}
	keys, err := Keys(en)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(keys)); !slices.Equal(got, []string{"editions_count", "farewell", "greeting"}) {
		t.Errorf("File(en) holds %q, want the theme's three messages", got)
	}
	// The file alone gives the strings the bundle gives.
	alone, err := New(map[policy.Lang][]byte{"en": en}, []policy.Lang{"en"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := alone.For("en").T("farewell", nil); got != "See you" {
		t.Errorf("File(en) says farewell %q, want the site's %q", got, "See you")
	}
	if got, _ := alone.For("en").N("editions_count", 1, nil); got != "1 edition" {
		t.Errorf("File(en) says editions_count %q, want the theme's", got)
	}
	if ru, _ := fs.ReadFile(theme(), "i18n/ru.toml"); !bytes.Equal(b.File("ru"), ru) {
		t.Errorf("File(ru) = %q, want the theme's file as it is", b.File("ru"))
	}
	if b.File("de") != nil {
		t.Errorf("File(de) = %q, want nil for a language not loaded", b.File("de"))
	}
}

// TestALanguageTheThemeLacks: a language that only the site has is read
// from the site's file alone, and its gaps are against the merged files
// of the others; without a file of its own, Load says what to write.
func TestALanguageTheThemeLacks(t *testing.T) {
	site := fstest.MapFS{"i18n/de.toml": {Data: []byte("[greeting]\nother = \"Hallo, {{ .Name }}\"\n")}}
	b, err := Load(overlay.New(site, theme()), []policy.Lang{"de", "en"})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := b.For("de").T("greeting", map[string]any{"Name": "Ann"}); err != nil || got != "Hallo, Ann" {
		t.Errorf("de greeting = %q, %v", got, err)
	}
	gaps := b.Gaps()
	want := []Gap{{Lang: "de", From: "en", Missing: []string{"editions_count", "farewell"}}}
	if len(gaps) != 1 || gaps[0].Lang != want[0].Lang || gaps[0].From != want[0].From || !slices.Equal(gaps[0].Missing, want[0].Missing) {
		t.Errorf("Gaps = %+v, want %+v", gaps, want)
	}

	_, err = Load(overlay.New(fstest.MapFS{}, theme()), []policy.Lang{"de", "en"})
	if err == nil || !strings.Contains(err.Error(), `interface strings for "de": open i18n/de.toml: file does not exist; the built-in theme has none for de`) {
		t.Errorf("without i18n/de.toml: %v", err)
	}
}

// TestABrokenSiteFileIsNamed: a site file that is not TOML is named, not
// silently replaced by the theme's.
func TestABrokenSiteFileIsNamed(t *testing.T) {
	site := fstest.MapFS{"i18n/en.toml": {Data: []byte("[farewell\n")}}
	_, err := Load(overlay.New(site, theme()), []policy.Lang{"ru", "en"})
	if err == nil || !strings.HasPrefix(err.Error(), "i18n/en.toml: ") {
		t.Errorf("err = %v, want one naming i18n/en.toml", err)
	}
}
