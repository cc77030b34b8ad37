package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"policysite/internal/policy"
	"policysite/internal/redline"
)

// Comparison is one redline page: an edition against the one before it.
//
// A superseded edition is compared with the edition in force in the
// reader's browser (the compare page), not on a page of its own: such
// pages would all change whenever a new edition takes effect, so one new
// edition would cost as many new redlines as the archive has editions,
// most of them large, while the chain of "changes" pages only ever grows
// by one.
type Comparison struct {
	Policy   *policy.Policy
	Lang     policy.Lang
	Timeline *policy.Timeline
	From, To *policy.Edition
	// Path is the page's path: "ru/privacy/2024-02-15/changes/".
	Path string
	// Encoded is the redline in its binary encoding, which Result
	// decodes where the redline is written out: decoded, the redlines of
	// a large site are hundreds of megabytes, which would be held while
	// Hugo renders every page. Stats, Same and Clauses are what the
	// redline page and the summaries show of it.
	Encoded []byte
	Stats   redline.Stats
	Same    bool
	Clauses []redline.Clause
}

// Result decodes the redline.
func (c *Comparison) Result() (*redline.Result, error) {
	var r redline.Result
	if err := r.UnmarshalBinary(c.Encoded); err != nil {
		return nil, fmt.Errorf("redline %s: %w", c.Path, err)
	}
	return &r, nil
}

// Redlines gives the redline of two texts, computing it with compute or
// reading it from a cache. The result must be what compute returns: a
// cache keys it by the SHA-256 of each text with its marks (oldSum,
// newSum, in hex: Edition.DocSum) and the redline engine, and nothing
// else.
type Redlines interface {
	Redline(oldSum, newSum string, compute func() *redline.Result) (redline.Outline, []byte)
}

// Compute is the Redlines without a cache.
type Compute struct{}

// Redline computes the redline.
func (Compute) Redline(_, _ string, compute func() *redline.Result) (redline.Outline, []byte) {
	r := compute()
	// MarshalBinary cannot fail; its error is for encoding.BinaryMarshaler.
	enc, _ := r.MarshalBinary()
	return r.Outline(), enc
}

// listComparisons lists every redline page the site has, in a fixed
// order.
func (p *Plan) listComparisons() []*Comparison {
	var out []*Comparison
	for _, pol := range p.Policies {
		for _, l := range p.Config.Codes() {
			tl := p.Timelines[pol.Slug][l]
			if tl == nil {
				continue
			}
			pub := tl.Published()
			for i := 1; i < len(pub); i++ {
				out = append(out, &Comparison{Policy: pol, Lang: l, Timeline: tl, From: pub[i-1], To: pub[i],
					Path: ChangesPath(pol.Slug, l, pub[i].ID)})
			}
		}
	}
	return out
}

// diffAll fills in every comparison's redline, on all cores. Each result
// depends only on its two texts, so the order of the work does not show
// in the output.
func (p *Plan) diffAll(rl Redlines, progress Progress) {
	if rl == nil {
		rl = Compute{}
	}
	// A text is made ready for redlines once, when a pair the cache does
	// not hold first needs it: most editions are in two pairs.
	type ready struct {
		once sync.Once
		t    *redline.Text
	}
	texts := map[*policy.Edition]*ready{}
	for _, c := range p.Comparisons {
		for _, e := range []*policy.Edition{c.From, c.To} {
			if texts[e] == nil {
				texts[e] = &ready{}
			}
		}
	}
	prepared := func(e *policy.Edition) *redline.Text {
		r := texts[e]
		r.once.Do(func() { r.t = redline.PrepareDoc(p.Editions[e].Doc()) })
		return r.t
	}
	Parallel(len(p.Comparisons), func(i int) {
		c := p.Comparisons[i]
		o, enc := rl.Redline(p.Editions[c.From].DocSum, p.Editions[c.To].DocSum, func() *redline.Result {
			return redline.DiffTexts(prepared(c.From), prepared(c.To))
		})
		c.Stats, c.Same, c.Clauses, c.Encoded = o.Stats, o.Same, o.Clauses, enc
		progress.Done(1)
	})
}

// Pair compares two editions of a policy exactly as the site does (the
// same analysis, plain texts and redline engine), for `policysite diff`.
// It returns the comparison and what the site shows of each edition.
func Pair(from, to *policy.Edition, rl Redlines) (*Comparison, *Edition, *Edition) {
	if rl == nil {
		rl = Compute{}
	}
	a, b := fromAnalysis(readAnalysis(from)), fromAnalysis(readAnalysis(to))
	o, enc := rl.Redline(a.DocSum, b.DocSum, func() *redline.Result { return redline.DiffDocs(a.Doc(), b.Doc()) })
	c := &Comparison{Lang: to.Lang, From: from, To: to, Path: ChangesPath(to.Policy, to.Lang, to.ID),
		Encoded: enc, Stats: o.Stats, Same: o.Same, Clauses: o.Clauses}
	return c, a, b
}

// sha is the SHA-256 of b in hex.
func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Doc is the edition as a redline compares it: its plain text and marks.
func (e *Edition) Doc() redline.Doc { return redline.Doc{Text: e.Text, Marks: e.Marks} }
