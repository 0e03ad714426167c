package publish

import (
	"errors"
	"path/filepath"
)

// ErrLocked is returned when another build is writing the same destination.
var ErrLocked = errors.New("another guong build is writing this destination")

// lockName is the lock file of a build into dest, beside it and named after
// it: .<base>.guong-lock.
func lockName(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".guong-lock")
}
