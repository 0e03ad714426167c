//go:build windows

package publish

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
)

// lock is a file beside the destination, where the temporary folders live
// too, held open without sharing: a second build cannot open it. Windows
// deletes it when it is closed, and closes it when the process ends, so a
// killed build leaves neither a stale lock nor the file.
type lock struct{ h windows.Handle }

func lockDest(dest string) (*lock, error) {
	name := lockName(dest)
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dest, err)
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_ALWAYS,
		windows.FILE_ATTRIBUTE_HIDDEN|windows.FILE_FLAG_DELETE_ON_CLOSE, 0)
	if err != nil {
		if errors.Is(err, windows.ERROR_SHARING_VIOLATION) {
			return nil, fmt.Errorf("%s: %w", dest, ErrLocked)
		}
		return nil, fmt.Errorf("locking %s: %w", dest, err)
	}
	return &lock{h: h}, nil
}

// release unlocks.
func (l *lock) release() {
	if l == nil || l.h == 0 {
		return
	}
	windows.CloseHandle(l.h)
	l.h = 0
}
