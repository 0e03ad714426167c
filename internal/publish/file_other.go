//go:build !unix

package publish

import "os"

// writeFile creates or truncates the file name and writes data into it.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
