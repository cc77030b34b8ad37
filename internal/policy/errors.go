package policy

import (
	"fmt"
	"strings"
)

// SourceError is a problem in a source file that its author must fix. Line
// is 1-based; 0 means the problem concerns the whole file.
type SourceError struct {
	File string
	Line int
	Err  error
}

func (e *SourceError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *SourceError) Unwrap() error { return e.Err }

// Errorf returns a SourceError for file and line.
func Errorf(file string, line int, format string, args ...any) *SourceError {
	return &SourceError{File: file, Line: line, Err: fmt.Errorf(format, args...)}
}

// ErrorList collects every source problem of a build, so that an author sees
// all of them at once rather than one per run.
type ErrorList []*SourceError

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns l as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Warning is a source problem that does not stop the build.
type Warning = SourceError
