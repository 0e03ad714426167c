//go:build !unix

package desk

import "errors"

// mkfifo makes a named pipe at path: not here.
func mkfifo(path string) error { return errors.New("no named pipes here") }
