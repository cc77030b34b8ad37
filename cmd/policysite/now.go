package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"policysite/internal/config"
	"policysite/internal/repofs"
	"policysite/internal/source"
)

// nowFlag is the --now flag that build, check, record, new and serve
// share: the moment that decides which editions are posted, in force or
// upcoming.
type nowFlag struct {
	value string
	// clock gives the default, the current time; tests replace it.
	clock func() time.Time
	// source is the command's --source, whose policysite.toml gives the
	// time zone of a plain date; nil reads it in UTC.
	source *string
}

const nowUsage = "the build's notion of now: a `moment`, as a date (2026-12-01, midnight in the site's time zone) or RFC 3339 (2026-12-01T10:00:00+03:00); decides which editions are posted, in force or upcoming (default: the current time)"

// get returns the moment the flag names, or the current time. A plain
// date is midnight in the site's time zone, as a date in front matter is.
func (n *nowFlag) get() (time.Time, error) {
	if n.value == "" {
		if n.clock != nil {
			return n.clock(), nil
		}
		return time.Now(), nil
	}
	v := strings.TrimSpace(n.value)
	t, err := source.ParseRFC3339(v)
	if err == nil {
		return t, nil
	}
	if errors.Is(err, source.ErrOffset) {
		return time.Time{}, &usageError{fmt.Sprintf("--now %q: %v", n.value, err)}
	}
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		return source.DayStart(d.Year(), d.Month(), d.Day(), n.location()), nil
	}
	return time.Time{}, &usageError{fmt.Sprintf("--now %q is not an RFC 3339 date-time such as 2026-12-01T10:00:00+03:00, nor a date such as 2026-12-01", n.value)}
}

// location is the time zone of the site at source. Without one the
// command fails anyway, saying why, so UTC serves until then.
func (n *nowFlag) location() *time.Location {
	if n.source == nil {
		return time.UTC
	}
	root, err := filepath.Abs(*n.source)
	if err != nil {
		return time.UTC
	}
	cfg, err := config.Load(repofs.New(root))
	if err != nil {
		return time.UTC
	}
	return cfg.Location
}
