package check

import (
	"slices"

	"policysite/internal/config"
	"policysite/internal/plaintext"
	"policysite/internal/policy"
)

// drafts notes each draft, at its `draft` line: no build publishes it,
// which its author should know. It is no problem, so --strict does not
// count it: a draft kept in the repository while it is written must not
// stop the site's builds.
func drafts(all []*policy.Edition) []*policy.Warning {
	var out []*policy.Warning
	for _, e := range all {
		if e.Draft {
			out = append(out, policy.Errorf(e.File, e.DraftLine, "draft, not published: delete the line `draft: true` when the edition is ready"))
		}
	}
	return out
}

// withoutDrafts is p without its drafts, as a built site has it.
func withoutDrafts(p *policy.Policy) *policy.Policy {
	out := &policy.Policy{Slug: p.Slug, Editions: make(map[policy.Lang][]*policy.Edition, len(p.Editions))}
	for l, eds := range p.Editions {
		if kept := slices.DeleteFunc(slices.Clone(eds), func(e *policy.Edition) bool { return e.Draft }); len(kept) > 0 {
			out.Editions[l] = kept
		}
	}
	return out
}

// identical warns of each edition of p, which has no drafts, whose text
// is the same as that of the edition before it in its language:
// most likely a copy that `policysite new` made and nobody edited, which
// would be published as a new edition that changes nothing. An edition
// recorded in versions.sum is history, which cannot change, and is left
// alone. The texts compared are those the site publishes and compares.
func identical(p *policy.Policy, cfg *config.Site, an map[*policy.Edition]*Analysis, recorded func(*policy.Edition) bool) []*policy.Warning {
	var out []*policy.Warning
	for _, l := range cfg.Codes() {
		var prev *policy.Edition
		for _, e := range p.Editions[l] {
			if prev != nil && !recorded(e) && sameText(an[prev], an[e]) {
				out = append(out, policy.Errorf(e.File, 0,
					"its text is identical to that of %s, the edition before it: it would be published as a new edition that changes nothing; edit the text, or mark it `draft: true` until it is ready",
					prev.File))
			}
			prev = e
		}
	}
	return out
}

// sameText reports whether a and b read as the same plain text.
func sameText(a, b *Analysis) bool {
	if a == nil || b == nil {
		return false
	}
	return slices.EqualFunc(a.Blocks, b.Blocks, func(x, y plaintext.Block) bool { return x.Text == y.Text })
}
