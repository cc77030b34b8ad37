// Package changeterms finds, in an edition of a policy, the clauses that
// govern how the policy changes and when a new edition takes effect, and
// classifies what they say: that the company may change the policy on its
// own, with or without the user's consent; that a new edition takes effect
// on posting, unless it provides otherwise, or after a notice period; how
// users are told; that continuing to use the service means accepting the
// change; and where the current edition is published. It reads Russian and
// English, matching word stems that carry the meaning within a sentence
// rather than memorised sentences, since every company words these clauses
// its own way.
//
// It also reads whether a notice period or a notification is for material
// changes only, and whether a change may apply retroactively. A sentence is
// read with its neighbours: the sentence before, and the heading of its
// section ("6. Изменения Политики", "B. Changes"), which say whose changes
// "the changes" are.
package changeterms

import (
	"slices"
	"strings"
)

// Kind is one thing a clause can say about changes to the policy. The
// values are part of the site's JSON and never change spelling.
type Kind string

// The kinds, in the order a summary gives them.
const (
	// Unilateral: the company may change the policy on its own.
	Unilateral Kind = "unilateral"
	// OnPosting: a new edition takes effect from the moment it is posted.
	OnPosting Kind = "effective_on_posting"
	// UnlessOtherwise: … unless the new edition provides otherwise.
	UnlessOtherwise Kind = "unless_otherwise"
	// NoticePeriod: a new edition takes effect a number of days after it is
	// posted or announced.
	NoticePeriod Kind = "notice_period"
	// Notification: how users are told of a change.
	Notification Kind = "notification"
	// ContinuedUse: continuing to use the service means accepting the change.
	ContinuedUse Kind = "continued_use"
	// PublishedAt: where the current edition is published.
	PublishedAt Kind = "published_at"
	// Retroactive: a change may apply to what happened before it.
	Retroactive Kind = "retroactive"
)

// Kinds lists every kind in summary order.
var Kinds = []Kind{Unilateral, OnPosting, UnlessOtherwise, NoticePeriod, Notification, ContinuedUse, PublishedAt, Retroactive}

// Scope says which changes a notice period or a notification is for.
type Scope string

// The scopes. An empty Scope means every change: the clause names no kind.
const (
	// Material: only material (substantive, significant; «существенные»)
	// changes.
	Material Scope = "material"
)

// Consent says whether a unilateral change needs the user's consent.
type Consent string

// The consents. An empty Consent means the clause does not say.
const (
	WithoutConsent Consent = "without"
	WithConsent    Consent = "with"
)

// Channel is a way users are told of a change.
type Channel string

// The channels, in summary order.
const (
	Site  Channel = "site"
	Email Channel = "email"
	Other Channel = "other"
	// None: the clause says changes are made without notice.
	None Channel = "none"
)

// Block is one paragraph of an edition's plain text (see package
// plaintext) and the numbered clause it belongs to.
type Block struct {
	Text string
	// Clause is the number of the clause the block is part of ("6.2"), or
	// "" for text before the first numbered clause or in a policy without
	// numbers.
	Clause string
	// Line is the block's line in the edition's Markdown body, for messages.
	Line int
	// Heading is true for a heading of the Markdown, or a numbered line
	// set in bold as one: it names what the clauses below it are about
	// and states no rule itself.
	Heading bool
}

// Finding is one thing one sentence says.
type Finding struct {
	Kind   Kind
	Clause string
	Line   int
	// Sentence is the sentence that says it, as in the text.
	Sentence string
	// Consent is set for Unilateral.
	Consent Consent
	// Days is set for NoticePeriod.
	Days int
	// Scope is set for NoticePeriod and Notification when the clause
	// limits them to some changes.
	Scope Scope
	// Channels is set for Notification, in summary order without repeats.
	Channels []Channel
	// URL is set for PublishedAt when the text gives an address.
	URL string
}

// Terms is what an edition says about changes, in the text's order.
type Terms struct {
	Findings []Finding
}

// Has reports whether some finding is of kind k.
func (t Terms) Has(k Kind) bool {
	return slices.ContainsFunc(t.Findings, func(f Finding) bool { return f.Kind == k })
}

// Empty reports whether the edition says nothing about changes.
func (t Terms) Empty() bool { return len(t.Findings) == 0 }

// Consent returns what the edition says about consent to a unilateral
// change: WithoutConsent if any clause says so, else WithConsent if one
// does, else "".
func (t Terms) Consent() Consent {
	var c Consent
	for _, f := range t.Findings {
		if f.Kind == Unilateral && f.Consent != "" && c != WithoutConsent {
			c = f.Consent
		}
	}
	return c
}

// NoticeDays returns the longest notice period the edition states, or 0.
func (t Terms) NoticeDays() int {
	n := 0
	for _, f := range t.Findings {
		if f.Kind == NoticePeriod {
			n = max(n, f.Days)
		}
	}
	return n
}

// Channels returns every channel the edition names, in summary order.
func (t Terms) Channels() []Channel {
	var out []Channel
	for _, c := range []Channel{Site, Email, Other, None} {
		for _, f := range t.Findings {
			if f.Kind == Notification && slices.Contains(f.Channels, c) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// URL returns the first address the edition gives for its current edition.
func (t Terms) URL() string {
	for _, f := range t.Findings {
		if f.Kind == PublishedAt && f.URL != "" {
			return f.URL
		}
	}
	return ""
}

// Clauses returns the numbers of the clauses with findings, in order,
// without repeats; unnumbered text is left out.
func (t Terms) Clauses() []string {
	var out []string
	for _, f := range t.Findings {
		if f.Clause != "" && !slices.Contains(out, f.Clause) {
			out = append(out, f.Clause)
		}
	}
	return out
}

// SameRules reports whether t and o say the same things about changes,
// whatever their wording and clause numbers: so whether a reader must learn
// the rules anew.
func (t Terms) SameRules(o Terms) bool {
	for _, k := range Kinds {
		if t.Has(k) != o.Has(k) {
			return false
		}
	}
	return t.Consent() == o.Consent() && slices.Equal(t.notices(), o.notices()) &&
		slices.Equal(t.Channels(), o.Channels()) && t.URL() == o.URL()
}

// notice is a notice period and the changes it is for.
type notice struct {
	days  int
	scope Scope
}

// notices returns the notice periods t states, sorted, without repeats: a
// period narrowed to material changes is another rule than one for all.
func (t Terms) notices() []notice {
	var out []notice
	for _, f := range t.Findings {
		if f.Kind == NoticePeriod {
			out = append(out, notice{f.Days, f.Scope})
		}
	}
	slices.SortFunc(out, func(a, b notice) int {
		if a.days != b.days {
			return a.days - b.days
		}
		return strings.Compare(string(a.scope), string(b.scope))
	})
	return slices.Compact(out)
}

// Analyze finds what the blocks of an edition say about changes.
func Analyze(blocks []Block) Terms {
	var a analyzer
	var out []Finding
	for _, b := range blocks {
		out = a.block(b, out)
	}
	// A finding's strings are cut from the edition's whole text, and a
	// build keeps the findings of every edition while Hugo renders: as
	// slices, they would keep every text too, tens of megabytes on a large
	// site.
	for i := range out {
		f := &out[i]
		f.Clause, f.Sentence, f.URL = strings.Clone(f.Clause), strings.Clone(f.Sentence), strings.Clone(f.URL)
	}
	return Terms{Findings: out}
}
