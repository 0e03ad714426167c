//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lock is an advisory lock (flock) on the folder that holds the
// destination, where the temporary folders live too. The kernel releases it
// when the process dies, so a killed build never leaves a stale lock, and no
// lock file is left lying about.
type lock struct{ f *os.File }

func lockDest(dest string) (*lock, error) {
	f, err := os.Open(filepath.Dir(dest))
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dest, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", dest, ErrLocked)
		}
		return nil, fmt.Errorf("locking %s: %w", dest, err)
	}
	return &lock{f: f}, nil
}

// release unlocks.
func (l *lock) release() {
	if l == nil || l.f == nil {
		return
	}
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
}
