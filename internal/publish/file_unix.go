//go:build unix

package publish

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
)

// isMountPoint reports whether the folder dir is a mount point: it lies on
// another device than its parent. A mount point cannot be renamed (EBUSY),
// so it cannot be swapped for a new output.
func isMountPoint(dir string) bool {
	var st, parent syscall.Stat_t
	if syscall.Lstat(dir, &st) != nil || syscall.Stat(filepath.Dir(dir), &parent) != nil {
		return false
	}
	return st.Mode&syscall.S_IFMT == syscall.S_IFDIR && st.Dev != parent.Dev
}

// busy reports whether err is the error of renaming a mount point.
func busy(err error) bool { return errors.Is(err, syscall.EBUSY) }

// writeFile creates or truncates the file name and writes data into it,
// with three system calls. os.WriteFile makes the same file with six or
// more (it also registers the file with the runtime's poller and checks its
// flags), which tells on a build writing tens of thousands of files.
func writeFile(name string, data []byte) error {
	fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	for err == syscall.EINTR {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
