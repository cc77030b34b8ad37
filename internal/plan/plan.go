// Package plan computes, from what a build has read (the config, the
// editions, the strings and each edition's analysis), one value that holds
// everything the site shows: every policy's timeline per language, each
// edition's status, plain text and its hash, clauses and change terms,
// the redlines to render, and the URL path of every page and document.
// It does no I/O: the Hugo renderer (package site) and the publisher of
// JSON, feeds, texts and discovery files (package publish) each read the
// plan, and so cannot disagree about what the site says.
package plan

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"sync"
	"time"

	"policysite/internal/changeterms"
	"policysite/internal/check"
	"policysite/internal/clause"
	"policysite/internal/config"
	"policysite/internal/l10n"
	"policysite/internal/policy"
	"policysite/internal/textmark"
)

// Input is what a plan is made from.
type Input struct {
	Config *config.Site
	// BaseURL is the address the site is published at: the config's, or
	// the build's --base-url.
	BaseURL  string
	Now      time.Time
	Policies []*policy.Policy
	Strings  *l10n.Bundle
	// Analyses are what package check read in each edition, when the
	// caller has run it; the plan reads the editions it lacks.
	Analyses map[*policy.Edition]*check.Analysis
	// Redlines computes the redlines, or reads them from a cache; nil
	// computes every one.
	Redlines Redlines
	// Progress, when not nil, hears how the plan advances.
	Progress Progress
	// Preview makes the plan of the author's preview (policysite serve),
	// never of a built site: drafts and editions posted after Now are
	// shown too, as if posted at Now, each marked in Plan.Unpublished.
	Preview bool
}

// Progress hears how a build advances, so that a long build can show it.
// Done is called from several goroutines at once.
type Progress interface {
	// Phase starts a step of the build; total counts its items, or is 0
	// when they are not counted.
	Phase(name string, total int)
	// Done says that n more items of the current step are finished.
	Done(n int)
}

// NoProgress is a Progress that hears nothing.
type NoProgress struct{}

func (NoProgress) Phase(string, int) {}
func (NoProgress) Done(int)          {}

// Plan is everything the site shows.
type Plan struct {
	Config  *config.Site
	BaseURL string
	Now     time.Time
	// Strings are the site's messages; the renderers write the plan's
	// data in each language with them.
	Strings  *l10n.Bundle
	Policies []*policy.Policy
	// Timelines[slug][lang] is a policy's timeline in a language, for
	// every language in which it has editions.
	Timelines map[string]map[policy.Lang]*policy.Timeline
	// Editions holds what the site shows of every published edition.
	Editions map[*policy.Edition]*Edition
	// Comparisons are the redline pages: each published edition against
	// the one before it, in the site's order.
	Comparisons []*Comparison
	// Changes maps an edition to its comparison with the one before it.
	Changes map[*policy.Edition]*Comparison
	// Privacy and Terms are the policies that pages announce as the
	// privacy policy and the terms of service, or nil.
	Privacy, Terms *SitePolicy
	// Notes are warnings about the plan, in English, for the build's
	// summary.
	Notes []string
	// Shown counts the policies with a published edition, Unposted the
	// editions left out because they are posted after Now, and Drafts
	// those left out because they are drafts.
	Shown, Unposted, Drafts int
	// Unpublished marks, in a preview (Input.Preview), the editions shown
	// that a built site leaves out; it is nil otherwise.
	Unpublished map[*policy.Edition]Unpublished
	// NextChange is the first moment after Now at which an edition is
	// posted or takes effect: the site shows the change only once built
	// again then. It is zero when nothing is due.
	NextChange time.Time
}

// Edition is what the site shows of one published edition besides its
// source: the plain text the redlines compare and the site publishes, with
// its SHA-256 in hex and the Markdown line on which each of its blocks
// starts; the body with clause anchors; its clauses; and what it says
// about changes.
type Edition struct {
	Text    string
	TextSum string
	// Marks is what Text does not show of the Markdown: each block's
	// form, the links' addresses, emphasis (internal/textmark).
	Marks textmark.Marks
	// DocSum is the SHA-256 of Text and Marks together: what a redline
	// depends on, and the key of a cached one.
	DocSum    string
	Lines     []int
	Annotated string
	Clauses   []clause.Clause
	Terms     changeterms.Terms
}

// ReleaseBodies lets go of every edition's annotated body, which only the
// Hugo renderer's edition pages show: once they are written into Hugo's
// project (site.Prepare), a large site's bodies are tens of megabytes
// that the render would otherwise hold to its end.
func (p *Plan) ReleaseBodies() {
	for _, e := range p.Editions {
		e.Annotated = ""
	}
}

// ReleaseTexts lets go of every edition's plain text and source, once the
// publisher has written them (publish.Documents): the Hugo render that
// follows needs neither, and on a large site they are tens of megabytes
// that it would otherwise hold to its end. Nothing reads them after.
func (p *Plan) ReleaseTexts() {
	for e, ed := range p.Editions {
		ed.Text = ""
		e.Body = ""
	}
}

// Make computes the plan. It stops early with ctx's error when ctx ends.
func Make(ctx context.Context, in Input) (*Plan, error) {
	if in.Progress == nil {
		in.Progress = NoProgress{}
	}
	pols, unpublished, analyses, drafts := selectEditions(in)
	p := &Plan{Config: in.Config, BaseURL: in.BaseURL, Now: in.Now, Strings: in.Strings, Policies: pols,
		Timelines: map[string]map[policy.Lang]*policy.Timeline{}, Drafts: drafts, Unpublished: unpublished}
	for _, pol := range pols {
		p.Timelines[pol.Slug] = map[policy.Lang]*policy.Timeline{}
		shown := false
		for _, l := range in.Config.Codes() {
			eds := pol.Editions[l]
			if len(eds) == 0 {
				continue
			}
			tl := policy.NewTimeline(eds, in.Now)
			p.Timelines[pol.Slug][l] = tl
			pub := tl.Published()
			p.Unposted += len(tl.Editions) - len(pub)
			shown = shown || len(pub) > 0
		}
		if shown {
			p.Shown++
		}
	}
	p.readEditions(analyses)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.Comparisons = p.listComparisons()
	in.Progress.Phase("redlines", len(p.Comparisons))
	p.diffAll(in.Redlines, in.Progress)
	p.Changes = make(map[*policy.Edition]*Comparison, len(p.Comparisons))
	for _, c := range p.Comparisons {
		p.Changes[c.To] = c
	}
	if err := p.sitePolicies(); err != nil {
		return nil, err
	}
	p.NextChange = nextChange(in.Policies, in.Config.Codes(), in.Now)
	return p, ctx.Err()
}

// Published lists every published edition of every policy in every
// language, in the site's order: by policy, language, then date.
func (p *Plan) Published() []*policy.Edition {
	var out []*policy.Edition
	for _, pol := range p.Policies {
		for _, l := range p.Config.Codes() {
			if tl := p.Timelines[pol.Slug][l]; tl != nil {
				out = append(out, tl.Published()...)
			}
		}
	}
	return out
}

// readEditions computes, on all cores, what the site shows of every
// published edition, from the analysis the caller read or else afresh.
func (p *Plan) readEditions(analyses map[*policy.Edition]*check.Analysis) {
	eds := p.Published()
	out := make([]*Edition, len(eds))
	Parallel(len(eds), func(i int) {
		a := analyses[eds[i]]
		if a == nil {
			a = check.Read(eds[i].Body)
		}
		out[i] = fromAnalysis(a)
	})
	p.Editions = make(map[*policy.Edition]*Edition, len(eds))
	for i, e := range eds {
		p.Editions[e] = out[i]
	}
}

// fromAnalysis is what the site shows of an edition analysed as a: the
// plain text is its blocks' texts, a blank line apart.
func fromAnalysis(a *check.Analysis) *Edition {
	size := 0
	for _, b := range a.Blocks {
		size += len(b.Text) + 2
	}
	var text []byte
	if size > 0 {
		text = make([]byte, 0, size)
	}
	lines := make([]int, len(a.Blocks))
	for j, b := range a.Blocks {
		if j > 0 {
			text = append(text, "\n\n"...)
		}
		text = append(text, b.Text...)
		lines[j] = b.Line
	}
	return &Edition{Text: string(text), TextSum: sha(text), Marks: a.Marks, DocSum: docSum(text, a.Marks), Lines: lines,
		Annotated: a.Annotated, Clauses: a.Clauses, Terms: a.Terms}
}

// docSum is the SHA-256 of a plain text and its marks, in hex: what a
// redline of the edition depends on. The marks are written as JSON, whose
// encoding of a struct is the same on every run.
func docSum(text []byte, m textmark.Marks) string {
	js, err := json.Marshal(m)
	if err != nil {
		// Marks are ints and strings: Marshal cannot fail on them.
		panic(err)
	}
	h := sha256.New()
	h.Write(text)
	h.Write([]byte{0})
	h.Write(js)
	return hex.EncodeToString(h.Sum(nil))
}

// nextChange is Plan.NextChange, from the editions as the sources give
// them: a preview, which shows an edition posted after now as posted
// already, still changes when it is posted (its banner goes). Drafts
// change nothing at any moment.
func nextChange(pols []*policy.Policy, langs []policy.Lang, now time.Time) time.Time {
	var next time.Time
	for _, pol := range pols {
		for _, l := range langs {
			for _, e := range pol.Editions[l] {
				if e.Draft {
					continue
				}
				for _, t := range []time.Time{e.Posted, e.Effective} {
					if t.After(now) && (next.IsZero() || t.Before(next)) {
						next = t
					}
				}
			}
		}
	}
	return next
}

// Parallel calls f for every i below n, on all cores.
func Parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
