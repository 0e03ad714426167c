// Package sitefs opens a site folder as an fs.FS that never follows a
// symbolic link: a link inside the site that points elsewhere (to /etc, to
// someone's documents) is treated as absent, so nothing outside the site
// folder can be read into, or published with, the site.
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

type noLinks struct {
	fsys   fs.FS
	reader *dirReader // nil, or reads files of the folder refusing links itself
}

// check reports an error if any component of name is a link.
func (n noLinks) check(op, name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return nil
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := path.Join(parts[:i+1]...)
		info, err := fs.Lstat(n.fsys, p)
		if err != nil {
			return &fs.PathError{Op: op, Path: name, Err: err}
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
	}
	return nil
}

func (n noLinks) Open(name string) (fs.File, error) {
	if err := n.check("open", name); err != nil {
		return nil, err
	}
	return n.fsys.Open(name)
}

// ReadDir lists a folder; links are listed (as links) so callers can warn
// about them, but cannot be opened.
func (n noLinks) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := n.check("readdir", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(n.fsys, name)
}

func (n noLinks) Stat(name string) (fs.FileInfo, error) {
	if err := n.check("stat", name); err != nil {
		return nil, err
	}
	return fs.Stat(n.fsys, name)
}

// Lstat describes name without following a final link.
func (n noLinks) Lstat(name string) (fs.FileInfo, error) {
	if name != "." {
		if err := n.check("lstat", path.Dir(name)); err != nil {
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
