//go:build linux

package sitefs

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// dirReader reads files of a folder with openat2, which refuses to follow
// any symbolic link on the way: the check sitefs otherwise makes with one
// lstat per component of the path, done by the kernel as it opens the file.
//
// The folder's own path is resolved once, when the file system is made: a
// link among its parents that is pointed elsewhere later (a rare thing for
// a site being written) is not followed to its new target by ReadFile.
type dirReader struct {
	root     string      // the folder's absolute path, its own links resolved
	disabled atomic.Bool // openat2 is missing or refused here
}

// newDirReader returns a reader for the folder dir, or nil if its path
// cannot be resolved (Open then reports why).
func newDirReader(dir string) *dirReader {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	root, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil
	}
	return &dirReader{root: root}
}

// readFile reads name, a valid fs path. handled is false when the caller
// must read it the portable way: openat2 is not available, or a link was met,
// which may be one the folder's own path gained since newDirReader (the
// portable way follows those, and refuses those inside the folder).
func (r *dirReader) readFile(name string) (data []byte, handled bool, err error) {
	if r.disabled.Load() {
		return nil, false, nil
	}
	// O_NONBLOCK: opening a named pipe would otherwise wait, forever and
	// deaf to Ctrl+C, for a writer; it changes nothing for a regular file.
	how := unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK, Resolve: unix.RESOLVE_NO_SYMLINKS}
	fd, err := unix.Openat2(unix.AT_FDCWD, r.root+"/"+name, &how)
	for errors.Is(err, unix.EINTR) {
		fd, err = unix.Openat2(unix.AT_FDCWD, r.root+"/"+name, &how)
	}
	switch {
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM), errors.Is(err, unix.EINVAL):
		// An old kernel (before 5.6), or a sandbox that forbids openat2.
		r.disabled.Store(true)
		return nil, false, nil
	case errors.Is(err, unix.ELOOP):
		return nil, false, nil
	case err != nil:
		return nil, true, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, true, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
	case unix.S_IFDIR:
		return nil, true, &fs.PathError{Op: "read", Path: name, Err: unix.EISDIR}
	default:
		// A named pipe, a device, a socket: reading it may never end.
		return nil, true, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	size := int(st.Size)
	data = make([]byte, 0, size+1) // one byte more: the end is seen without growing
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if n > 0 {
			data = data[:len(data)+n]
		}
		switch {
		case errors.Is(err, unix.EINTR):
		case err != nil:
			return nil, true, &fs.PathError{Op: "read", Path: name, Err: err}
		case n == 0:
			return data, true, nil
		}
	}
}
