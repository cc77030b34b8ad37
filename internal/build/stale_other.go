//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package build

import (
	"errors"
	"os"
)

// locksBuilds tells that build folders are not locked here: without
// flock(2) a build cannot tell a dead build's folder from a live one's, so
// it removes none (see removeStale) rather than risk a live one. On
// Windows, besides, an open folder could not be renamed into place.
const locksBuilds = false

// openFolder is never called where locksBuilds is false.
func openFolder(string) (*os.File, error) { return nil, errors.ErrUnsupported }

// flock is never called where locksBuilds is false.
func flock(*os.File, bool) error { return errors.ErrUnsupported }
