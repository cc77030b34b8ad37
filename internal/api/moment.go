package api

import "time"

// Moment is how the documents write a moment: RFC 3339, in the zone the
// source gave.
func Moment(t time.Time) string { return t.Format(time.RFC3339) }
