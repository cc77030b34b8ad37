// Package gen writes a synthetic policysite repository for benchmarks: a
// policysite.toml, the templates, strings, styles and pages of a template
// repository, and versions/ with as many editions as asked for, in Russian
// and English, each edited a little from the one before.
//
// The text is assembled from word lists written for this package, so it
// reads like a consumer policy but is not one; it is meant for measuring
// builds and nothing else. The output depends only on the Options: the same
// options give byte-identical files.
package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Moscow must not depend on the host's zoneinfo

	"policysite/internal/sum"
)

// Options say what to generate.
type Options struct {
	// Template is a repository (normally this one's root) whose i18n/,
	// layouts/, assets/, content/ and, if present, static/ are copied.
	Template string
	// Policies is the number of policies; 0 means 2.
	Policies int
	// EditionsPerLang is the number of editions in each language, summed
	// over the policies; 0 means 100.
	EditionsPerLang int
}

// seed fixes the text: change it and every generated edition changes.
const seed = 0x706f6c6963797369 // "policysi"

// templateDirs are copied from Options.Template.
var templateDirs = []string{"i18n", "layouts", "assets", "content", "static"}

var (
	firstDay = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	// lastDay bounds the editions' dates, so that all of them are posted by
	// the benchmarks' fixed now (2026-11-21).
	lastDay = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
)

// Generate writes a complete repository into dir, which must be empty or
// not exist yet.
func Generate(dir string, o Options) error {
	if o.Policies == 0 {
		o.Policies = 2
	}
	if o.EditionsPerLang == 0 {
		o.EditionsPerLang = 100
	}
	if o.Policies < 0 || o.EditionsPerLang < o.Policies {
		return fmt.Errorf("gen: %d editions per language cannot be shared among %d policies", o.EditionsPerLang, o.Policies)
	}
	if o.Template == "" {
		return errors.New("gen: Options.Template must name the repository whose layouts and strings to copy")
	}
	if _, err := os.Stat(filepath.Join(o.Template, "layouts")); err != nil {
		return fmt.Errorf("gen: template %s has no layouts/: %w", o.Template, err)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("gen: %s is not empty", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, d := range templateDirs {
		if err := copyTree(filepath.Join(o.Template, d), filepath.Join(dir, d)); err != nil {
			return fmt.Errorf("gen: copy %s/: %w", d, err)
		}
	}
	docs := make([]docKind, o.Policies)
	for i := range docs {
		docs[i] = docKinds[i%len(docKinds)]
		if n := i / len(docKinds); n > 0 {
			docs[i].slug += "-" + strconv.Itoa(n+1)
			docs[i].enTitle += fmt.Sprintf(" No. %d", n+1)
			docs[i].ruTitle += fmt.Sprintf(" № %d", n+1)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "policysite.toml"), siteConfig(docs), 0o644); err != nil {
		return err
	}
	sums := sum.New()
	for i := range docs {
		n := o.EditionsPerLang / o.Policies
		if i < o.EditionsPerLang%o.Policies {
			n++
		}
		if err := writePolicy(dir, &docs[i], i, n, sums); err != nil {
			return err
		}
	}
	// Every generated edition is posted before lastDay, so all of them are
	// recorded, as on a real site whose authors run `policysite record`.
	return sums.Write(dir)
}

func siteConfig(docs []docKind) []byte {
	slugs := make([]string, len(docs))
	for i, k := range docs {
		slugs[i] = strconv.Quote(k.slug)
	}
	return []byte(`# A synthetic repository written by policysite/internal/gen for benchmarks
# only. Its policies are assembled from word lists: they are not real
# documents and must not be published.

base_url = "https://prichal.example/"
time_zone = "Europe/Moscow"
policies = [` + strings.Join(slugs, ", ") + `]

[[languages]]
code = "ru"
name = "Русский"
title = "Правовые документы сервиса «Причал»"
company = "ООО «Северная пристань»"

[[languages]]
code = "en"
name = "English"
title = "Prichal legal documents"
company = "Severnaya Pristan LLC"
`)
}

// stamp is when one edition was posted and took effect.
type stamp struct {
	id        string
	posted    time.Time
	effective *date
}

// schedule spaces n editions a few days apart from firstDay, now and then
// two on the same day, and squeezes them before lastDay if need be. About
// one in four takes effect some days after it is posted.
func schedule(r *rand.Rand, n int) []stamp {
	span := int(lastDay.Sub(firstDay).Hours() / 24)
	mean := min(10, max(1, span/n))
	days := make([]int, n)
	for i := 1; i < n; i++ {
		gap := 1 + r.IntN(2*mean-1)
		if r.IntN(40) == 0 {
			gap = 0
		}
		days[i] = days[i-1] + gap
	}
	if total := days[n-1]; total > span {
		for i := range days {
			days[i] = days[i] * span / total
		}
	}
	msk, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		panic(err) // time/tzdata is linked in
	}
	out := make([]stamp, n)
	seq, minute := 1, 0
	for i, d := range days {
		day := firstDay.AddDate(0, 0, d)
		if i > 0 && d == days[i-1] {
			seq++
			minute = min(minute+30+r.IntN(120), 24*60-1)
		} else {
			seq, minute = 1, (9+r.IntN(9))*60+15*r.IntN(4)
		}
		id := day.Format("2006-01-02")
		if seq > 1 {
			id += "-" + strconv.Itoa(seq)
		}
		out[i] = stamp{
			id:     id,
			posted: time.Date(day.Year(), day.Month(), day.Day(), minute/60, minute%60, 0, 0, msk),
		}
		next := 30
		if i+1 < n {
			next = days[i+1] - d
		}
		if seq == 1 && next >= 3 && r.IntN(4) == 0 {
			e := day.AddDate(0, 0, 1+r.IntN(min(next-1, 30)))
			out[i].effective = &date{e.Year(), int(e.Month()), e.Day()}
		}
	}
	return out
}

func writePolicy(root string, kind *docKind, index, n int, sums *sum.File) error {
	r := rand.New(rand.NewPCG(seed, uint64(index)))
	dir := filepath.Join(root, "versions", kind.slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stamps := schedule(r, n)
	g := newDocument(r, kind)
	var prev *date
	for i, st := range stamps {
		e := &edition{
			posted:     st.posted.Format(time.RFC3339),
			postedDate: date{st.posted.Year(), int(st.posted.Month()), st.posted.Day()},
			effective:  st.effective,
			enTitle:    kind.enTitle,
			ruTitle:    kind.ruTitle,
			enURL:      "https://prichal.example/en/" + kind.slug + "/",
			ruURL:      "https://prichal.example/ru/" + kind.slug + "/",
		}
		if i > 0 {
			e.previous = prev
			e.changes = g.edit()
		}
		for _, lang := range []string{"ru", "en"} {
			name := filepath.Join(dir, st.id+"."+lang+".md")
			data := g.doc.render(lang, e)
			if err := os.WriteFile(name, data, 0o644); err != nil {
				return err
			}
			sums.Add(kind.slug+"/"+st.id+"."+lang+".md", data)
		}
		pd := e.postedDate
		prev = &pd
	}
	return nil
}

// copyTree copies the regular files under src into dst; a missing src is
// not an error. Hidden files are skipped, as the build skips them.
func copyTree(src, dst string) error {
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != src && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		}
		return fmt.Errorf("%s is not a regular file or folder", path)
	})
}
