//go:build !unix

package publish

import "os"

// isMountPoint cannot tell a mount point here; renaming one fails, and
// the error says so.
func isMountPoint(dir string) bool { return false }

// busy reports whether err is the error of renaming a mount point.
func busy(err error) bool { return false }

// writeFile creates or truncates the file name and writes data into it.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
