package publish

import "errors"

// ErrLocked is returned when another build is writing the same destination.
var ErrLocked = errors.New("another guong build is writing this destination")
