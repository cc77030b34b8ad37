package plan

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/policy"
	"policysite/internal/redline"
	"policysite/internal/source"
)

var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// repo is a repository in memory: two languages, a privacy policy with
// three Russian editions (one upcoming, one not yet posted) and two
// English ones, and terms in English only. The site's own i18n files are
// read from the repository, as the product ships them.
func repo(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{
		"policysite.toml": {Data: []byte(`base_url = "https://policies.example/"
time_zone = "UTC"
privacy_policy = "privacy"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"

[[languages]]
code = "en"
name = "English"
title = "Documents"
`)},
		"versions/privacy/2024-01-01.ru.md": edition("Политика", "2024-01-01T00:00:00Z", "", "1.1. Первый пункт.\n\n1.2. Новая редакция вступает в силу с момента размещения."),
		"versions/privacy/2025-05-01.ru.md": edition("Политика", "2025-05-01T00:00:00Z", "2025-07-01T00:00:00Z", "1.1. Первый пункт, уточнённый.\n\n1.2. Новая редакция вступает в силу через 30 дней после размещения."),
		"versions/privacy/2025-09-01.ru.md": edition("Политика", "2025-09-01T00:00:00Z", "", "1.1. Будущий пункт."),
		"versions/privacy/2024-01-01.en.md": edition("Policy", "2024-01-01T00:00:00Z", "", "1.1. First clause."),
		"versions/privacy/2025-05-01.en.md": edition("Policy", "2025-05-01T00:00:00Z", "2025-07-01T00:00:00Z", "1.1. First clause, refined."),
		"versions/terms/2024-03-01.en.md":   edition("Terms", "2024-03-01T00:00:00Z", "", "1. Use the service."),
	}
	for _, l := range []string{"ru", "en"} {
		data, err := os.ReadFile("../../i18n/" + l + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		fsys["i18n/"+l+".toml"] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func edition(title, posted, effective, body string) *fstest.MapFile {
	fm := "---\ntitle: " + title + "\nposted: " + posted + "\n"
	if effective != "" {
		fm += "effective: " + effective + "\n"
	}
	return &fstest.MapFile{Data: []byte(fm + "---\n" + body + "\n")}
}

// input reads the plan's input from fsys, as a build does.
func input(t *testing.T, fsys fstest.MapFS) Input {
	t.Helper()
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	strs, err := l10n.Load(fsys, cfg.Codes())
	if err != nil {
		t.Fatal(err)
	}
	src, err := source.Load(source.Options{FS: fsys, Langs: cfg.Codes(), Location: cfg.Location})
	if err != nil {
		t.Fatal(err)
	}
	return Input{Config: cfg, BaseURL: cfg.BaseURL, Now: now, Policies: src.Policies, Strings: strs}
}

func makePlan(t *testing.T, fsys fstest.MapFS, rl Redlines) *Plan {
	t.Helper()
	in := input(t, fsys)
	in.Redlines = rl
	p, err := Make(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanHoldsWhatTheSiteShows(t *testing.T) {
	p := makePlan(t, repo(t), nil)
	if p.Shown != 2 || p.Unposted != 1 || len(p.Editions) != 5 {
		t.Errorf("shown %d, unposted %d, editions %d; want 2, 1, 5", p.Shown, p.Unposted, len(p.Editions))
	}
	ru := p.Timelines["privacy"]["ru"]
	if ru.Current() == nil || ru.Current().ID.String() != "2024-01-01" {
		t.Errorf("the Russian edition in force is %v, want 2024-01-01: 2025-05-01 takes effect only in July", ru.Current())
	}
	var paths []string
	for _, c := range p.Comparisons {
		paths = append(paths, c.Path)
		if p.Changes[c.To] != c {
			t.Errorf("%s is not the changes of its edition", c.Path)
		}
		if c.Same || c.Stats == (redline.Stats{}) {
			t.Errorf("%s: the redline shows no change", c.Path)
		}
		r, err := c.Result()
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := redline.Diff(p.Editions[c.From].Text, p.Editions[c.To].Text).MarshalBinary(); string(want) != string(c.Encoded) {
			t.Errorf("%s: the encoded redline is not redline.Diff's of the two texts", c.Path)
		}
		_ = r
	}
	if got, want := strings.Join(paths, " "), "ru/privacy/2025-05-01/changes/ en/privacy/2025-05-01/changes/"; got != want {
		t.Errorf("comparisons %s, want %s", got, want)
	}
	e := p.Editions[ru.Editions[0]]
	if e.Text != "1.1. Первый пункт.\n\n1.2. Новая редакция вступает в силу с момента размещения." || len(e.TextSum) != 64 || len(e.Lines) != 2 || len(e.Clauses) != 2 {
		t.Errorf("the first Russian edition reads as %+v", e)
	}
	if !p.NextChange.Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("NextChange = %v, want the effective date of 2025-05-01", p.NextChange)
	}
	if p.Privacy == nil || p.Privacy.Path("en") != "en/privacy/" || p.Terms == nil || p.Terms.Path("ru") != "en/terms/" {
		t.Errorf("privacy %+v, terms %+v", p.Privacy, p.Terms)
	}
	s, err := p.Summary(p.Comparisons[0])
	if err != nil || s == "" {
		t.Errorf("Summary = %q, %v", s, err)
	}
	// The rules for changes changed between the two Russian editions, and
	// the summary says so first.
	lead, _ := p.Strings.For("ru").T("ct_changed", nil)
	if !strings.HasPrefix(s, lead) {
		t.Errorf("Summary = %q, want it to start with %q", s, lead)
	}
}

// TestPlanIsTheSameWhateverTheRedlinesSource: the plan's redlines are what
// redline.Diff computes, whether a cache answered or not.
func TestPlanIsTheSameWhateverTheRedlinesSource(t *testing.T) {
	fsys := repo(t)
	want := makePlan(t, fsys, nil)
	got := makePlan(t, fsys, &counting{})
	for i, c := range got.Comparisons {
		if string(c.Encoded) != string(want.Comparisons[i].Encoded) {
			t.Errorf("%s differs with another Redlines", c.Path)
		}
	}
}

type counting struct{ n int }

func (c *counting) Redline(_, _ string, compute func() *redline.Result) (redline.Outline, []byte) {
	c.n++
	return Compute{}.Redline("", "", compute)
}

// TestPairIsTheSitesComparison: `policysite diff` compares two editions
// exactly as the site's redline page does.
func TestPairIsTheSitesComparison(t *testing.T) {
	p := makePlan(t, repo(t), nil)
	site := p.Comparisons[0]
	c, from, to := Pair(site.From, site.To, nil)
	if string(c.Encoded) != string(site.Encoded) || c.Path != site.Path {
		t.Error("Pair's redline is not the site's")
	}
	if from.Text != p.Editions[site.From].Text || to.TextSum != p.Editions[site.To].TextSum {
		t.Error("Pair's texts are not the site's")
	}
	want, _ := p.Summary(site)
	got, err := Summary(p.Strings.For(site.Lang), c, from, to)
	if err != nil || got != want {
		t.Errorf("Pair's summary %q, %v; the site's %q", got, err, want)
	}
}

func TestSitePolicyThatIsNoPolicyIsAnError(t *testing.T) {
	fsys := repo(t)
	cfg := string(fsys["policysite.toml"].Data)
	fsys["policysite.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(cfg, `privacy_policy = "privacy"`, `privacy_policy = "privcy"`, 1))}
	_, err := Make(context.Background(), input(t, fsys))
	if err == nil || !strings.Contains(err.Error(), `privacy_policy: there is no policy "privcy"`) {
		t.Errorf("err = %v, want one naming privacy_policy", err)
	}
}

func TestPathsAreTheStableAddresses(t *testing.T) {
	id, _ := policy.ParseID("2024-02-15")
	for _, tc := range []struct{ got, want string }{
		{EditionPath("privacy", "ru", id), "ru/privacy/2024-02-15/"},
		{ChangesPath("privacy", "ru", id), "ru/privacy/2024-02-15/changes/"},
		{TextPath("privacy", "ru", id), "ru/privacy/2024-02-15/text.txt"},
		{EditionJSONPath("privacy", "ru", id), "ru/privacy/2024-02-15/index.json"},
		{ChangesJSONPath("privacy", "ru", id), "ru/privacy/2024-02-15/changes.json"},
		{CompareWithInForcePath("privacy", "ru", id), "ru/privacy/compare/?from=2024-02-15"},
		{FeedPath("privacy", "en"), "en/privacy/feed.json"},
		{AtomPath("privacy", "en"), "en/privacy/index.xml"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s, want %s", tc.got, tc.want)
		}
	}
}
