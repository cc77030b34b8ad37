package source

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Offsets that time zones use run from -12:00 to +14:00. RFC 3339 allows
// up to ±23:59, but a moment written further than these from UTC names no
// place's clock: it is a typo, and a legal date must not rest on one.
const (
	minOffset = -12 * 60 * 60
	maxOffset = 14 * 60 * 60
)

// ErrOffset is the error, wrapped, of a moment written with an offset from
// UTC that RFC 3339 or the world's time zones do not have.
var ErrOffset = errors.New("bad UTC offset")

// moment reads a date or date-time. A value without a zone is in loc; a
// bare date means the first moment of that day there. hasTime tells whether
// a time of day was written; note, when not empty, is what the author
// should know about how a local time was read.
func (f field) moment(loc *time.Location) (t time.Time, hasTime bool, note string, err error) {
	switch f.kind {
	case kindTime:
		if err := checkOffset(f.t); err != nil {
			return time.Time{}, false, "", err
		}
		return f.t, true, "", nil
	case kindLocalDateTime, kindLocalDate, kindString:
		return parseMoment(strings.TrimSpace(f.str), loc)
	}
	return time.Time{}, false, "", fmt.Errorf("want a date (2024-03-01) or a date-time (2024-03-01T10:00:00+03:00)")
}

var momentLayouts = []struct {
	layout  string
	zoned   bool
	hasTime bool
}{
	{time.RFC3339, true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02 15:04:05Z07:00", true, true},
	{"2006-01-02T15:04:05", false, true},
	{"2006-01-02T15:04", false, true},
	{"2006-01-02 15:04:05", false, true},
	{"2006-01-02 15:04", false, true},
	{"2006-01-02", false, false},
}

var momentShapeRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)

func parseMoment(s string, loc *time.Location) (time.Time, bool, string, error) {
	for _, l := range momentLayouts {
		if l.zoned {
			t, err := time.Parse(l.layout, s)
			if err != nil {
				continue
			}
			if err := checkOffsetText(s); err != nil {
				return time.Time{}, false, "", err
			}
			if err := checkOffset(t); err != nil {
				return time.Time{}, false, "", err
			}
			return t, true, "", nil
		}
		// The wall clock as written, which time.ParseInLocation would
		// move silently out of a gap in loc's clock.
		wall, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if !l.hasTime {
			return DayStart(wall.Year(), wall.Month(), wall.Day(), loc), false, "", nil
		}
		t, note, err := localMoment(wall, loc)
		if err != nil {
			return time.Time{}, false, "", fmt.Errorf("%s %v", s, err)
		}
		if note != "" {
			note = s + " " + note
		}
		return t, true, note, nil
	}
	if err := checkOffsetText(s); err != nil {
		return time.Time{}, false, "", err
	}
	if m := momentShapeRe.FindStringSubmatch(s); m != nil {
		if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
			return time.Time{}, false, "", fmt.Errorf("%s is not a date that exists", s[:10])
		}
	}
	return time.Time{}, false, "", fmt.Errorf("%q is not a date (2024-03-01) or a date-time (2024-03-01T10:00:00+03:00)", s)
}

// ParseRFC3339 reads an RFC 3339 moment, as --now and --posted take one.
// Beyond time.Parse, it refuses an offset RFC 3339 does not allow (time.Parse
// reads +24:00, and +03:60 as +04:00) or no time zone uses; that error
// wraps ErrOffset.
func ParseRFC3339(s string) (time.Time, error) {
	if err := checkOffsetText(s); err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, err
	}
	if err := checkOffset(t); err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// DayStart is the first moment of a calendar day in loc: its midnight, or,
// where the clock skips midnight that day, the moment it skips to; where
// midnight comes twice, the first. A date alone means this moment wherever
// policysite reads one, so that front matter and flags agree.
func DayStart(year int, month time.Month, day int, loc *time.Location) time.Time {
	t, _, err := localMoment(time.Date(year, month, day, 0, 0, 0, 0, time.UTC), loc)
	if err != nil {
		// In a gap the day starts when the clock resumes.
		return nearestChange(time.Date(year, month, day, 0, 0, 0, 0, loc))
	}
	return t
}

// offsetTextRe is the numeric offset that ends a zoned moment.
var offsetTextRe = regexp.MustCompile(`[0-9]([+-])([0-9]{2}):([0-9]{2})$`)

// checkOffsetText refuses an offset written past RFC 3339's ±23:59, or
// with minutes past 59: time.Parse reads both (+23:60 as +24:00).
func checkOffsetText(s string) error {
	m := offsetTextRe.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	h, _ := strconv.Atoi(m[2])
	mm, _ := strconv.Atoi(m[3])
	if h > 23 || mm > 59 {
		return fmt.Errorf("%w: %s%s:%s is not an offset from UTC (RFC 3339 allows -23:59 to +23:59, time zones use -12:00 to +14:00)", ErrOffset, m[1], m[2], m[3])
	}
	return nil
}

// checkOffset refuses a moment whose offset from UTC no time zone uses,
// or that RFC 3339 cannot write (one with seconds).
func checkOffset(t time.Time) error {
	_, off := t.Zone()
	if off%60 != 0 || off <= -24*60*60 || off >= 24*60*60 {
		return fmt.Errorf("%w: %s is not an offset RFC 3339 can write", ErrOffset, formatOffset(off))
	}
	if off < minOffset || off > maxOffset {
		return fmt.Errorf("%w: no time zone is %s from UTC (they run from -12:00 to +14:00); check the offset", ErrOffset, formatOffset(off))
	}
	return nil
}

// formatOffset writes an offset in seconds as ±hh:mm, with seconds when it
// has any.
func formatOffset(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	s := fmt.Sprintf("%s%02d:%02d", sign, off/3600, off/60%60)
	if off%60 != 0 {
		s += fmt.Sprintf(":%02d", off%60)
	}
	return s
}

// localMoment is the moment the clock in loc shows wall, a time read in
// UTC. Where the clock skips wall (a gap as summer time starts) it is an
// error that says so: time.Date would move it by the gap, silently. Where
// the clock shows wall twice (as summer time ends) it is the first, and
// note says so, since time.Date leaves the choice unspecified.
func localMoment(wall time.Time, loc *time.Location) (time.Time, string, error) {
	t := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), loc)
	start, end := t.ZoneBounds()
	offsets := []int{zoneOffset(t)}
	if !start.IsZero() {
		offsets = append(offsets, zoneOffset(start.Add(-time.Nanosecond)))
	}
	if !end.IsZero() {
		offsets = append(offsets, zoneOffset(end))
	}
	var found []time.Time
	for _, off := range offsets {
		c := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if sameClock(c, wall) && !containsMoment(found, c) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 0:
		// The clock jumps from the old offset's reading of the change
		// to the new one's.
		jump := nearestChange(t)
		before := jump.In(time.FixedZone("", zoneOffset(jump.Add(-time.Nanosecond))))
		return time.Time{}, "", fmt.Errorf("does not exist in %s: the clock skips from %s to %s there that night; write a time outside the skipped hour, or the offset", loc, before.Format("15:04"), jump.In(loc).Format("15:04"))
	case 1:
		return found[0], "", nil
	}
	first, second := found[0], found[1]
	if second.Before(first) {
		first, second = second, first
	}
	return first, fmt.Sprintf("happens twice in %s, as the clock goes back; it is read as the first, %s, not %s: write the offset to say which",
		loc, first.Format(time.RFC3339), second.Format(time.RFC3339)), nil
}

// nearestChange is the change of offset in t's location nearest t:
// time.Date puts a time in a gap on either side of the gap's change.
func nearestChange(t time.Time) time.Time {
	start, end := t.ZoneBounds()
	if start.IsZero() || !end.IsZero() && end.Sub(t) < t.Sub(start) {
		return end
	}
	return start
}

func zoneOffset(t time.Time) int {
	_, off := t.Zone()
	return off
}

// sameClock tells whether t's wall clock in its zone reads wall's in UTC.
func sameClock(t, wall time.Time) bool {
	y, m, d := t.Date()
	wy, wm, wd := wall.Date()
	return y == wy && m == wm && d == wd && t.Hour() == wall.Hour() && t.Minute() == wall.Minute() && t.Second() == wall.Second() && t.Nanosecond() == wall.Nanosecond()
}

func containsMoment(list []time.Time, t time.Time) bool {
	for _, x := range list {
		if x.Equal(t) {
			return true
		}
	}
	return false
}
