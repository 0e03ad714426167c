package sitefs

import (
	"context"
	"io/fs"
	"path"
	"path/filepath"
)

// WithContext returns fsys made cancellable by ctx: each call (opening,
// reading, listing, looking at a file, and reading and closing a file it
// opened) runs in a goroutine of its own, and returns ctx's error as soon
// as ctx is done, even if the call itself never returns — a read of a
// network file system that stopped answering blocks in the kernel, where
// nothing can interrupt it. Such a call is abandoned: what it returns later
// is dropped (a file it opened is closed), and it writes nothing.
//
// The errors of a cancelled call are *fs.PathError wrapping ctx's error
// (context.Canceled, context.DeadlineExceeded). A ctx that is never done
// gives fsys back unchanged.
func WithContext(ctx context.Context, fsys fs.FS) fs.FS {
	if ctx.Done() == nil {
		return fsys
	}
	if c, ok := fsys.(ctxFS); ok && c.ctx == ctx {
		return c
	}
	return ctxFS{ctx: ctx, fsys: fsys}
}

type ctxFS struct {
	ctx  context.Context
	fsys fs.FS
}

// result is what a call returned.
type result[T any] struct {
	v   T
	err error
}

// call runs f in a goroutine and waits for it or for ctx, whichever comes
// first. If ctx comes first, drop (if not nil) is given what f returns
// without an error, whenever that is.
func call[T any](ctx context.Context, op, name string, f func() (T, error), drop func(T)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, &fs.PathError{Op: op, Path: name, Err: err}
	}
	ch := make(chan result[T]) // unbuffered: a send succeeds only if the caller is still waiting
	go func() {
		v, err := f()
		select {
		case ch <- result[T]{v, err}:
		case <-ctx.Done():
			if err == nil && drop != nil {
				drop(v)
			}
		}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return zero, &fs.PathError{Op: op, Path: name, Err: ctx.Err()}
	}
}

func (c ctxFS) Open(name string) (fs.File, error) {
	f, err := call(c.ctx, "open", name, func() (fs.File, error) { return c.fsys.Open(name) }, closeFile)
	if err != nil {
		return nil, err
	}
	return &ctxFile{ctx: c.ctx, name: name, f: f}, nil
}

func closeFile(f fs.File) { _ = f.Close() }

func (c ctxFS) ReadFile(name string) ([]byte, error) {
	return call(c.ctx, "read", name, func() ([]byte, error) { return fs.ReadFile(c.fsys, name) }, nil)
}

func (c ctxFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := call(c.ctx, "readdir", name, func() ([]fs.DirEntry, error) { return fs.ReadDir(c.fsys, name) }, nil)
	return ctxEntries(c.ctx, name, entries), err
}

// ctxEntries makes the Info of each of the entries of the folder dir
// cancellable: an os.DirEntry looks at its file only when asked.
func ctxEntries(ctx context.Context, dir string, entries []fs.DirEntry) []fs.DirEntry {
	for i, e := range entries {
		entries[i] = ctxEntry{DirEntry: e, ctx: ctx, name: path.Join(dir, e.Name())}
	}
	return entries
}

// ctxEntry is a folder entry listed through a ctxFS.
type ctxEntry struct {
	fs.DirEntry
	ctx  context.Context
	name string
}

func (e ctxEntry) Info() (fs.FileInfo, error) {
	return call(e.ctx, "lstat", e.name, e.DirEntry.Info, nil)
}

// ReadFileIn reads the file name (a slash path) of the folder dir on the
// local disk, refusing what Folder and Dir refuse (links, a dir that is not
// a folder, files that are not regular), cancelled by ctx as the calls of
// WithContext are: the whole of it, dir's own look-up included, runs in a
// goroutine of its own that is abandoned when ctx is done. It is for the
// few files guong reads outside a site's fs.FS: the cache's records, the
// destination's marker.
func ReadFileIn(ctx context.Context, dir, name string) ([]byte, error) {
	return call(ctx, "read", filepath.Join(dir, filepath.FromSlash(name)), func() ([]byte, error) {
		fsys, err := Folder(dir)
		if err != nil {
			return nil, err
		}
		return fs.ReadFile(fsys, name)
	}, nil)
}

func (c ctxFS) Stat(name string) (fs.FileInfo, error) {
	return call(c.ctx, "stat", name, func() (fs.FileInfo, error) { return fs.Stat(c.fsys, name) }, nil)
}

func (c ctxFS) Lstat(name string) (fs.FileInfo, error) {
	return call(c.ctx, "lstat", name, func() (fs.FileInfo, error) { return fs.Lstat(c.fsys, name) }, nil)
}

func (c ctxFS) ReadLink(name string) (string, error) {
	return call(c.ctx, "readlink", name, func() (string, error) { return fs.ReadLink(c.fsys, name) }, nil)
}

// ctxFile is a file opened through a ctxFS: its calls are cancellable too.
type ctxFile struct {
	ctx  context.Context
	name string
	f    fs.File
}

func (f *ctxFile) Stat() (fs.FileInfo, error) {
	return call(f.ctx, "stat", f.name, f.f.Stat, nil)
}

func (f *ctxFile) Read(p []byte) (int, error) {
	// The goroutine reads into a buffer of its own: an abandoned read
	// that returns later must not write into p, which the caller has
	// moved on from.
	buf := make([]byte, len(p))
	data, err := call(f.ctx, "read", f.name, func() ([]byte, error) {
		n, err := f.f.Read(buf)
		return buf[:n], err
	}, nil)
	return copy(p, data), err
}

func (f *ctxFile) ReadDir(n int) ([]fs.DirEntry, error) {
	d, ok := f.f.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: fs.ErrInvalid}
	}
	entries, err := call(f.ctx, "readdir", f.name, func() ([]fs.DirEntry, error) { return d.ReadDir(n) }, nil)
	return ctxEntries(f.ctx, f.name, entries), err
}

func (f *ctxFile) Close() error {
	// A close can block like a read (a network file system flushes), and
	// must happen even when ctx is done, or the file would stay open: it
	// is abandoned only once it was begun.
	done := make(chan error, 1)
	go func() { done <- f.f.Close() }()
	select {
	case err := <-done:
		return err
	case <-f.ctx.Done():
		return &fs.PathError{Op: "close", Path: f.name, Err: f.ctx.Err()}
	}
}
