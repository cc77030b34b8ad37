//go:build !unix

package repofs

import "os"

// openFile opens a file for reading. Systems other than Unix have no named
// pipes in the file system that a stat would call regular.
func openFile(name string) (*os.File, error) { return os.Open(name) }
