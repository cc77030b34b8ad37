package plan

import (
	"maps"
	"slices"
	"time"

	"policysite/internal/check"
	"policysite/internal/policy"
)

// Unpublished is what the sources say of an edition that a preview shows
// and a built site leaves out: a draft, or an edition posted after Now.
type Unpublished struct {
	Draft bool
	// Posted is the edition's posted moment as its source gives it; the
	// preview shows the edition as posted at Now when this is later.
	Posted        time.Time
	PostedHasTime bool
}

// selectEditions returns the policies as the plan shows them. A built
// site leaves every draft out, as it does an edition posted after Now,
// so that no draft is ever published, counted in force, paired as a
// translation or compared, whatever its posted moment; drafts counts
// them. A preview (in.Preview) keeps every edition, and shows each that
// a built site leaves out as if posted at Now, so that the author sees
// its page as it will be: its copy is marked in unpublished, and
// analyses gains the copy's entry.
func selectEditions(in Input) (pols []*policy.Policy, unpublished map[*policy.Edition]Unpublished,
	analyses map[*policy.Edition]*check.Analysis, drafts int) {
	analyses = in.Analyses
	if in.Preview {
		unpublished = map[*policy.Edition]Unpublished{}
		analyses = maps.Clone(in.Analyses)
	}
	pols = make([]*policy.Policy, len(in.Policies))
	for i, pol := range in.Policies {
		cp := &policy.Policy{Slug: pol.Slug, Editions: make(map[policy.Lang][]*policy.Edition, len(pol.Editions))}
		for l, eds := range pol.Editions {
			if in.Preview {
				cp.Editions[l] = previewEditions(eds, in.Now, unpublished, analyses)
				continue
			}
			kept := slices.DeleteFunc(slices.Clone(eds), func(e *policy.Edition) bool { return e.Draft })
			drafts += len(eds) - len(kept)
			if len(kept) > 0 {
				cp.Editions[l] = kept
			}
		}
		pols[i] = cp
	}
	return pols, unpublished, analyses, drafts
}

// previewEditions are eds as a preview shows them: each draft and each
// edition posted after now replaced by a copy posted at now at the
// latest, in the history's order.
func previewEditions(eds []*policy.Edition, now time.Time, unpublished map[*policy.Edition]Unpublished,
	analyses map[*policy.Edition]*check.Analysis) []*policy.Edition {
	out := slices.Clone(eds)
	for i, e := range out {
		if !e.Draft && !e.Posted.After(now) {
			continue
		}
		c := *e
		if c.Posted.After(now) {
			// Effective is not before the source's posted moment, so it
			// stays after the new one.
			c.Posted, c.PostedHasTime = now, true
		}
		out[i] = &c
		unpublished[&c] = Unpublished{Draft: e.Draft, Posted: e.Posted, PostedHasTime: e.PostedHasTime}
		if a, ok := analyses[e]; ok {
			analyses[&c] = a
		}
	}
	slices.SortStableFunc(out, func(a, b *policy.Edition) int {
		switch {
		case policy.Less(a, b):
			return -1
		case policy.Less(b, a):
			return 1
		}
		return 0
	})
	return out
}
