package desk

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing/fstest"
	"time"
)

// Overlay returns fsys with the file name holding data, whether it exists
// or not (its folders appear as needed): the site as it would be if the
// form were saved.
//
// The file's time is when the overlay is made, to the nanosecond, so that
// a build.Checker never takes one form's text for another's of the same
// size.
func Overlay(fsys fs.FS, name string, data []byte) fs.FS {
	stamp := time.Now().Round(0)
	return overlay{base: fsys, name: name, mem: fstest.MapFS{name: {Data: data, Mode: 0o644, ModTime: stamp}}}
}

type overlay struct {
	base fs.FS
	name string
	mem  fstest.MapFS
}

// mine reports whether p is the file or one of its folders.
func (o overlay) mine(p string) bool {
	return p == o.name || strings.HasPrefix(o.name, p+"/") || p == "."
}

func (o overlay) Open(p string) (fs.File, error) {
	if p == o.name {
		return o.mem.Open(p)
	}
	f, err := o.base.Open(p)
	if err != nil && o.mine(p) && errors.Is(err, fs.ErrNotExist) {
		return o.mem.Open(p)
	}
	return f, err
}

func (o overlay) ReadFile(p string) ([]byte, error) {
	if p == o.name {
		return o.mem.ReadFile(p)
	}
	return fs.ReadFile(o.base, p)
}

func (o overlay) Stat(p string) (fs.FileInfo, error) {
	if p == o.name {
		return o.mem.Stat(p)
	}
	info, err := fs.Stat(o.base, p)
	if err != nil && o.mine(p) && errors.Is(err, fs.ErrNotExist) {
		return o.mem.Stat(p)
	}
	return info, err
}

// ReadDir lists a folder of the site, with the file (or the next folder
// on its way) added when it is not there.
func (o overlay) ReadDir(p string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, p)
	if !o.mine(p) || p == o.name {
		return entries, err
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return entries, err
	}
	mine, merr := o.mem.ReadDir(p)
	if merr != nil {
		return entries, err
	}
	for _, m := range mine {
		i := slices.IndexFunc(entries, func(e fs.DirEntry) bool { return e.Name() == m.Name() })
		if i < 0 {
			entries = append(entries, m)
		} else if path.Join(p, m.Name()) == o.name {
			entries[i] = m
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// Lstat describes p without following a last link, as the site's own file
// system does.
func (o overlay) Lstat(p string) (fs.FileInfo, error) {
	if p == o.name {
		return o.mem.Stat(p)
	}
	info, err := fs.Lstat(o.base, p)
	if err != nil && o.mine(p) && errors.Is(err, fs.ErrNotExist) {
		return o.mem.Stat(p)
	}
	return info, err
}

// ReadLink is the site's own: links are never followed.
func (o overlay) ReadLink(p string) (string, error) {
	if l, ok := o.base.(fs.ReadLinkFS); ok && p != o.name {
		return l.ReadLink(p)
	}
	return "", &fs.PathError{Op: "readlink", Path: p, Err: fs.ErrInvalid}
}
