// Package sitefs opens a site folder as an fs.FS that never follows a
// symbolic link: a link inside the site that points elsewhere (to /etc, to
// someone's documents) is treated as absent, so nothing outside the site
// folder can be read into, or published with, the site. Nor does it open
// anything but folders and regular files: a named pipe or a device in the
// site would block a build forever in open, or never end to read.
package sitefs

import (
	"io/fs"
	"os"
	"path"
	"strings"
)

// Dir returns the folder dir as a file system that refuses links. Where the
// system can refuse them itself while opening a file (Linux's openat2),
// ReadFile asks it to: one system call instead of one per component of the
// path, and no window between the check and the opening.
func Dir(dir string) fs.FS {
	n := noLinks{fsys: os.DirFS(dir)}
	n.reader = newDirReader(dir)
	return n
}

// NoLinks wraps fsys so that opening any path one of whose components is a
// symbolic link fails with fs.ErrNotExist. fsys must implement fs.ReadLinkFS
// (os.DirFS does) for links to be seen; others are returned unchanged.
func NoLinks(fsys fs.FS) fs.FS {
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return fsys
	}
	return noLinks{fsys: fsys}
}

// ErrNotRegular is the error of opening a file that is neither a regular
// file nor a folder: a named pipe (FIFO), a device, a socket. Its NotRegular
// method tells diag.List.ReadError so.
var ErrNotRegular error = notRegularError{}

type notRegularError struct{}

func (notRegularError) Error() string {
	return "not a regular file (a named pipe, a device or a socket)"
}
func (notRegularError) NotRegular() bool { return true }

// regular reports whether a file of this mode may be opened: a regular
// file or a folder.
func regular(mode fs.FileMode) bool { return mode.IsRegular() || mode.IsDir() }

type noLinks struct {
	fsys   fs.FS
	reader *dirReader // nil, or reads files of the folder refusing links itself
}

// check reports an error if any component of name is a link. It returns
// what it learnt of the last component (nil for ".").
func (n noLinks) check(op, name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return nil, nil
	}
	parts := strings.Split(name, "/")
	var info fs.FileInfo
	for i := range parts {
		p := path.Join(parts[:i+1]...)
		var err error
		info, err = fs.Lstat(n.fsys, p)
		if err != nil {
			return nil, &fs.PathError{Op: op, Path: name, Err: err}
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
	}
	return info, nil
}

// Open opens a folder or a regular file; anything else is refused with
// ErrNotRegular before it is opened.
func (n noLinks) Open(name string) (fs.File, error) {
	info, err := n.check("open", name)
	if err != nil {
		return nil, err
	}
	if info != nil && !regular(info.Mode()) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	f, err := n.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	// Made a pipe between the look and the opening (only a race with
	// someone writing the site can do it): refused all the same.
	if st, err := f.Stat(); err != nil || !regular(st.Mode()) {
		f.Close()
		if err == nil {
			err = ErrNotRegular
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

// ReadDir lists a folder; links are listed (as links) so callers can warn
// about them, but cannot be opened.
func (n noLinks) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, err := n.check("readdir", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(n.fsys, name)
}

func (n noLinks) Stat(name string) (fs.FileInfo, error) {
	if _, err := n.check("stat", name); err != nil {
		return nil, err
	}
	return fs.Stat(n.fsys, name)
}

// Lstat describes name without following a final link.
func (n noLinks) Lstat(name string) (fs.FileInfo, error) {
	if name != "." {
		if _, err := n.check("lstat", path.Dir(name)); err != nil {
			return nil, err
		}
	}
	return fs.Lstat(n.fsys, name)
}

// ReadFile reads the file name, as fs.ReadFile through Open would.
func (n noLinks) ReadFile(name string) ([]byte, error) {
	if n.reader != nil && fs.ValidPath(name) {
		if data, handled, err := n.reader.readFile(name); handled {
			return data, err
		}
	}
	return fs.ReadFile(openOnly{n}, name)
}

// openOnly hides a file system's ReadFile, so that fs.ReadFile goes through Open.
type openOnly struct{ fs.FS }

// ReadLink reports no link target: links are never followed.
func (n noLinks) ReadLink(name string) (string, error) {
	return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrNotExist}
}
