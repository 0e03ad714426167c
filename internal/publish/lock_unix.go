//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lock is an advisory lock (flock) on a file beside the destination named
// after it (lockName), so builds into sibling folders never meet. The
// kernel releases it when the process dies: the file a killed build leaves
// is not locked, and the next build takes it over. release removes the file
// while still holding the lock, and lockDest checks that the file it locked
// is still the one at that name, so a build that opened the file just before
// it was removed cannot believe it holds the lock.
type lock struct {
	f    *os.File
	name string
}

func lockDest(dest string) (*lock, error) {
	name := lockName(dest)
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
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
		held, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", dest, err)
		}
		if now, err := os.Lstat(name); err == nil && os.SameFile(held, now) {
			return &lock{f: f, name: name}, nil
		}
		f.Close() // removed by the build that held it: lock the new one
	}
}

// release removes the lock file and unlocks.
func (l *lock) release() {
	if l == nil || l.f == nil {
		return
	}
	os.Remove(l.name)
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
}
