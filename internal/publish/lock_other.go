//go:build !unix && !windows

package publish

// lock does nothing where there is neither flock nor Windows' sharing
// modes: two builds into the same destination are then not kept apart.
type lock struct{}

func lockDest(dest string) (*lock, error) { return &lock{}, nil }

// release unlocks.
func (l *lock) release() {}
