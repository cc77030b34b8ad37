package policy

import (
	"testing"
	"time"
)

func ed(id string, posted, effective string) *Edition {
	pid, err := ParseID(id)
	if err != nil {
		panic(err)
	}
	p, _ := time.Parse(time.RFC3339, posted)
	e := p
	if effective != "" {
		e, _ = time.Parse(time.RFC3339, effective)
	}
	return &Edition{Policy: "privacy", ID: pid, Lang: "ru", Posted: p, Effective: e}
}

func TestTimelineStatusAtNow(t *testing.T) {
	a := ed("2023-01-01", "2023-01-01T12:00:00+03:00", "")
	b := ed("2024-02-15", "2024-02-15T10:00:00+03:00", "2024-03-01T00:00:00+03:00")
	c := ed("2025-09-01", "2025-09-01T12:00:00+03:00", "")
	d := ed("2026-11-16", "2026-11-16T12:00:00+03:00", "2027-01-01T00:00:00+03:00")
	eds := []*Edition{a, b, c, d}
	tests := []struct {
		now     string
		want    []Status
		inForce *Edition
	}{
		{"2022-12-31T00:00:00Z", []Status{StatusUnposted, StatusUnposted, StatusUnposted, StatusUnposted}, nil},
		{"2023-06-01T00:00:00Z", []Status{StatusInForce, StatusUnposted, StatusUnposted, StatusUnposted}, a},
		// b is posted but not yet in force: a still applies.
		{"2024-02-20T00:00:00Z", []Status{StatusInForce, StatusUpcoming, StatusUnposted, StatusUnposted}, a},
		// the moment b takes effect, it is in force.
		{"2024-03-01T00:00:00+03:00", []Status{StatusSuperseded, StatusInForce, StatusUnposted, StatusUnposted}, b},
		{"2026-11-21T12:00:00+03:00", []Status{StatusSuperseded, StatusSuperseded, StatusInForce, StatusUpcoming}, c},
		{"2027-01-01T00:00:00+03:00", []Status{StatusSuperseded, StatusSuperseded, StatusSuperseded, StatusInForce}, d},
	}
	for _, tc := range tests {
		t.Run(tc.now, func(t *testing.T) {
			now, _ := time.Parse(time.RFC3339, tc.now)
			tl := NewTimeline(eds, now)
			for i, s := range tl.Status {
				if s != tc.want[i] {
					t.Errorf("status of %s = %s, want %s", eds[i].ID, s, tc.want[i])
				}
			}
			if tl.Current() != tc.inForce {
				t.Errorf("in force = %v, want %v", tl.Current(), tc.inForce)
			}
		})
	}
}

func TestTimelineNeighboursSkipUnposted(t *testing.T) {
	a := ed("2023-01-01", "2023-01-01T12:00:00Z", "")
	b := ed("2024-01-01", "2024-01-01T12:00:00Z", "2024-06-01T00:00:00Z")
	c := ed("2030-01-01", "2030-01-01T12:00:00Z", "")
	now, _ := time.Parse(time.RFC3339, "2024-03-01T00:00:00Z")
	tl := NewTimeline([]*Edition{a, b, c}, now)
	if tl.Previous(b) != a || tl.Next(a) != b || tl.Next(b) != nil || tl.Previous(a) != nil {
		t.Error("previous/next do not follow the published history")
	}
	if got := tl.AppliesUntil(b); got != a {
		t.Errorf("AppliesUntil(b) = %v, want a", got)
	}
	if n := len(tl.Published()); n != 2 {
		t.Errorf("published %d editions, want 2", n)
	}
}

func TestTimelineNearest(t *testing.T) {
	a := ed("2023-01-01", "2023-01-01T12:00:00Z", "")
	c := ed("2025-01-01", "2025-01-01T12:00:00Z", "")
	now, _ := time.Parse(time.RFC3339, "2026-01-01T00:00:00Z")
	tl := NewTimeline([]*Edition{a, c}, now)
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	if got := tl.Nearest(at("2024-07-10T00:00:00Z")); got != a {
		t.Errorf("Nearest(mid-2024) = %v, want the 2023 edition in force then", got.ID)
	}
	if got := tl.Nearest(at("2020-01-01T00:00:00Z")); got != a {
		t.Errorf("Nearest(before all) = %v, want the earliest", got.ID)
	}
}

func TestIDOrderAndSpelling(t *testing.T) {
	ids := []string{"2024-01-01", "2024-01-01-2", "2024-01-01-10", "2024-01-02"}
	for i := 1; i < len(ids); i++ {
		a, _ := ParseID(ids[i-1])
		b, _ := ParseID(ids[i])
		if a.Compare(b) >= 0 {
			t.Errorf("%s should sort before %s", a, b)
		}
		if b.String() != ids[i] {
			t.Errorf("String() = %s, want %s", b, ids[i])
		}
	}
}

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{"privacy": true, "terms-of-use": true, "a1": true, "../x": false, "Privacy": false, "a.b": false, "-x": false, "": false, "a/b": false} {
		if ValidSlug(s) != want {
			t.Errorf("ValidSlug(%q) = %v", s, !want)
		}
	}
}

func TestTimelineSupersededBy(t *testing.T) {
	a := ed("2023-01-01", "2023-01-01T12:00:00Z", "")
	b := ed("2024-01-01", "2024-01-01T12:00:00Z", "2024-06-01T00:00:00Z")
	// c is posted after b and takes effect before it: it replaces a first.
	c := ed("2024-02-01", "2024-02-01T12:00:00Z", "")
	d := ed("2025-01-01", "2025-01-01T12:00:00Z", "")
	// e replaces d on the day it takes effect, and f is upcoming.
	e := ed("2025-01-01-2", "2025-01-01T12:00:00Z", "")
	f := ed("2026-01-01", "2026-01-01T12:00:00Z", "2026-06-01T00:00:00Z")
	eds := []*Edition{a, b, c, d, e, f}
	now, _ := time.Parse(time.RFC3339, "2026-03-01T00:00:00Z")
	tl := NewTimeline(eds, now)
	tests := []struct {
		name     string
		ed, want *Edition
	}{
		{"replaced by the edition that took effect first", a, c},
		{"an edition that took effect later replaces the one before it", c, b},
		// d and e take effect together and e wins, so d never applied.
		{"replaced by the edition in force right after it", b, e},
		{"posted the same moment, the later in history wins", d, e},
		{"the edition in force has no successor yet", e, nil},
		{"an upcoming edition has none", f, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tl.SupersededBy(tt.ed); got != tt.want {
				t.Errorf("SupersededBy(%s) = %v, want %v", tt.ed.ID, got, tt.want)
			}
		})
	}
}
