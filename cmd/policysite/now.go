package main

import (
	"fmt"
	"time"
)

// nowFlag is the --now flag that build, check and record share: the
// moment that decides which editions are posted, in force or upcoming.
type nowFlag struct {
	value string
	// clock gives the default, the current time; tests replace it.
	clock func() time.Time
}

const nowUsage = "the build's notion of now, as RFC 3339 (2024-03-01T10:00:00+03:00); decides which editions are posted, in force or upcoming (default: the current time)"

// get returns the moment the flag names, or the current time.
func (n *nowFlag) get() (time.Time, error) {
	if n.value == "" {
		if n.clock != nil {
			return n.clock(), nil
		}
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, n.value)
	if err != nil {
		return time.Time{}, &usageError{fmt.Sprintf("--now %q is not an RFC 3339 date-time such as 2024-03-01T10:00:00+03:00", n.value)}
	}
	return t, nil
}
