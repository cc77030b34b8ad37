package policy

import "time"

// Status is where an edition stands at a given moment. The values are part
// of the JSON outputs and never change spelling.
type Status string

const (
	// StatusInForce is the edition that applies now.
	StatusInForce Status = "in_force"
	// StatusSuperseded applied once (or was due to) and has been replaced.
	StatusSuperseded Status = "superseded"
	// StatusUpcoming is posted but takes effect later.
	StatusUpcoming Status = "upcoming"
	// StatusUnposted is not yet posted: the site does not publish it.
	StatusUnposted Status = "unposted"
)

// Timeline is a language's editions of one policy as they stand at Now.
type Timeline struct {
	Now time.Time
	// Editions are ordered as in the policy's history.
	Editions []*Edition
	Status   []Status
	// InForce indexes Editions, or is -1 when no edition applies yet.
	InForce int
}

// NewTimeline classifies eds (ordered by Less) at now.
func NewTimeline(eds []*Edition, now time.Time) *Timeline {
	t := &Timeline{Now: now, Editions: eds, Status: make([]Status, len(eds))}
	t.InForce = inForceAt(eds, now)
	for i, e := range eds {
		switch {
		case e.Posted.After(now):
			t.Status[i] = StatusUnposted
		case i == t.InForce:
			t.Status[i] = StatusInForce
		case e.Effective.After(now):
			t.Status[i] = StatusUpcoming
		default:
			t.Status[i] = StatusSuperseded
		}
	}
	return t
}

// inForceAt returns the index of the edition that applies at moment at. An
// edition applies from its Effective moment until a later-effective one
// replaces it; when two take effect at the same moment, the one later in the
// history wins, since it was posted to replace the other.
func inForceAt(eds []*Edition, at time.Time) int {
	best := -1
	for i, e := range eds {
		if e.Posted.After(at) || e.Effective.After(at) {
			continue
		}
		if best < 0 || !e.Effective.Before(eds[best].Effective) {
			best = i
		}
	}
	return best
}

// Published returns the editions that the site shows: all but the unposted.
func (t *Timeline) Published() []*Edition {
	var out []*Edition
	for i, e := range t.Editions {
		if t.Status[i] != StatusUnposted {
			out = append(out, e)
		}
	}
	return out
}

// StatusOf returns e's status, or "" when e is not on the timeline.
func (t *Timeline) StatusOf(e *Edition) Status {
	for i, x := range t.Editions {
		if x == e {
			return t.Status[i]
		}
	}
	return ""
}

// Current returns the edition in force, or nil.
func (t *Timeline) Current() *Edition {
	if t.InForce < 0 {
		return nil
	}
	return t.Editions[t.InForce]
}

// AppliesUntil returns the edition that applies until upcoming e takes
// effect: the one in force just before e.Effective among editions already
// posted at Now. It may itself be upcoming today.
func (t *Timeline) AppliesUntil(e *Edition) *Edition {
	before := e.Effective.Add(-time.Nanosecond)
	best := -1
	for i, x := range t.Editions {
		if x == e || t.Status[i] == StatusUnposted || x.Effective.After(before) {
			continue
		}
		if best < 0 || !x.Effective.Before(t.Editions[best].Effective) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return t.Editions[best]
}

// Previous returns the published edition before e in the history, or nil.
func (t *Timeline) Previous(e *Edition) *Edition {
	var prev *Edition
	for i, x := range t.Editions {
		if t.Status[i] == StatusUnposted {
			continue
		}
		if x == e {
			return prev
		}
		prev = x
	}
	return nil
}

// Next returns the published edition after e in the history, or nil.
func (t *Timeline) Next(e *Edition) *Edition {
	seen := false
	for i, x := range t.Editions {
		if t.Status[i] == StatusUnposted {
			continue
		}
		if seen {
			return x
		}
		seen = x == e
	}
	return nil
}

// Nearest returns the published edition that best stands in for a missing
// translation of an edition with the given id and effective moment: the one
// in force at that moment, or else the earliest published one.
func (t *Timeline) Nearest(effective time.Time) *Edition {
	best := -1
	for i, x := range t.Editions {
		if t.Status[i] == StatusUnposted || x.Effective.After(effective) {
			continue
		}
		if best < 0 || !x.Effective.Before(t.Editions[best].Effective) {
			best = i
		}
	}
	if best >= 0 {
		return t.Editions[best]
	}
	for i, x := range t.Editions {
		if t.Status[i] != StatusUnposted {
			return x
		}
	}
	return nil
}

// SupersededBy returns the edition that replaced superseded edition e: the
// one that applied right after e stopped applying. It is nil unless e is
// superseded.
func (t *Timeline) SupersededBy(e *Edition) *Edition {
	at := -1
	for i, x := range t.Editions {
		if x == e {
			at = i
		}
	}
	if at < 0 || t.Status[at] != StatusSuperseded {
		return nil
	}
	best := -1
	for i, x := range t.Editions {
		if i == at || t.Status[i] == StatusUnposted || Applies(x).After(t.Now) {
			continue
		}
		// x displaces e only if it would win over e in inForceAt.
		if c := x.Effective.Compare(e.Effective); c < 0 || (c == 0 && i < at) {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := t.Editions[best]
		if c := Applies(x).Compare(Applies(b)); c < 0 || (c == 0 && !x.Effective.Before(b.Effective)) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return t.Editions[best]
}

// Applies returns the moment from which e can apply: its Effective moment,
// or the moment it was posted when it was made effective retroactively.
func Applies(e *Edition) time.Time {
	if e.Posted.After(e.Effective) {
		return e.Posted
	}
	return e.Effective
}
