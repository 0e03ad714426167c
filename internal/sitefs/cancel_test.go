package sitefs

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"
)

// blockingFS opens files whose Read blocks until release is closed; each
// Read first sends on reading.
type blockingFS struct {
	fstest.MapFS
	reading  chan struct{}
	release  chan struct{}
	returned chan struct{} // closed once the blocked Read wrote its bytes
	closed   chan struct{}
}

type blockingFile struct {
	fs.File
	b *blockingFS
}

func (b *blockingFS) Open(name string) (fs.File, error) {
	f, err := b.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return blockingFile{f, b}, nil
}

func (f blockingFile) Read(p []byte) (int, error) {
	f.b.reading <- struct{}{}
	<-f.b.release
	n := copy(p, "dữ liệu đến muộn")
	close(f.b.returned)
	return n, nil
}

func (f blockingFile) Close() error {
	close(f.b.closed)
	return f.File.Close()
}

// TestWithContextRead: a Read that never returns is given up when the
// context is cancelled, the caller's buffer is never written by it
// afterwards, and the file is still closed.
func TestWithContextRead(t *testing.T) {
	b := &blockingFS{MapFS: fstest.MapFS{"a.md": {Data: []byte("x")}}, reading: make(chan struct{}), release: make(chan struct{}), returned: make(chan struct{}), closed: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	fsys := WithContext(ctx, b)
	f, err := fsys.Open("a.md")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	done := make(chan error)
	go func() {
		_, err := f.Read(buf)
		done <- err
	}()
	<-b.reading
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Read: %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Read did not return a minute after the cancel")
	}
	close(b.release)
	<-b.returned
	if err := f.Close(); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("Close: %v", err)
	}
	<-b.closed // closed even though the context is done
	for _, c := range buf {
		if c != 0 {
			t.Fatalf("the abandoned read wrote into the caller's buffer: %q", buf)
		}
	}
	if _, err := fs.ReadFile(fsys, "a.md"); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadFile after the cancel: %v", err)
	}
	if _, err := io.ReadAll(f); err == nil {
		t.Errorf("a read after the cancel succeeded")
	}
}

// TestWithContextNeverDone: a context that is never done leaves the file
// system as it is.
func TestWithContextNeverDone(t *testing.T) {
	m := fstest.MapFS{}
	if got := WithContext(context.Background(), m); got == nil || fs.FS(m) == nil {
		t.Fatal("nil")
	} else if _, ok := got.(fstest.MapFS); !ok {
		t.Errorf("WithContext(Background) wrapped the file system")
	}
}

// BenchmarkWithContext is the cost a cancellable read adds: a small file
// read from memory, directly and through WithContext.
func BenchmarkWithContext(b *testing.B) {
	m := fstest.MapFS{"a.md": {Data: make([]byte, 4096)}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for name, fsys := range map[string]fs.FS{"direct": m, "cancellable": WithContext(ctx, m)} {
		b.Run(name, func(b *testing.B) {
			for range b.N {
				if _, err := fs.ReadFile(fsys, "a.md"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// slowInfoFS lists one entry whose Info blocks until release is closed,
// sending on looking first: an os.DirEntry looks at its file only then.
type slowInfoFS struct {
	fstest.MapFS
	looking, release chan struct{}
}

type slowEntry struct {
	fs.DirEntry
	b *slowInfoFS
}

func (b *slowInfoFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := b.MapFS.ReadDir(name)
	for i, e := range entries {
		entries[i] = slowEntry{e, b}
	}
	return entries, err
}

// slowDir is a folder opened in a slowInfoFS.
type slowDir struct {
	fs.ReadDirFile
	b *slowInfoFS
}

func (b *slowInfoFS) Open(name string) (fs.File, error) {
	f, err := b.MapFS.Open(name)
	if d, ok := f.(fs.ReadDirFile); ok && err == nil {
		return slowDir{d, b}, nil
	}
	return f, err
}

func (d slowDir) ReadDir(n int) ([]fs.DirEntry, error) {
	entries, err := d.ReadDirFile.ReadDir(n)
	for i, e := range entries {
		entries[i] = slowEntry{e, d.b}
	}
	return entries, err
}

func (e slowEntry) Info() (fs.FileInfo, error) {
	e.b.looking <- struct{}{}
	<-e.b.release
	return e.DirEntry.Info()
}

// TestWithContextEntryInfo: the Info of a listed entry, through ReadDir
// of the folder or of an opened folder, is given up when the context is
// cancelled.
func TestWithContextEntryInfo(t *testing.T) {
	for _, via := range []string{"fs.ReadDir", "File.ReadDir"} {
		t.Run(via, func(t *testing.T) {
			b := &slowInfoFS{MapFS: fstest.MapFS{"content/a.md": {Data: []byte("x")}}, looking: make(chan struct{}), release: make(chan struct{})}
			defer close(b.release)
			ctx, cancel := context.WithCancel(context.Background())
			fsys := WithContext(ctx, b)
			var entries []fs.DirEntry
			var err error
			if via == "fs.ReadDir" {
				entries, err = fs.ReadDir(fsys, "content")
			} else {
				var f fs.File
				if f, err = fsys.Open("content"); err == nil {
					entries, err = f.(fs.ReadDirFile).ReadDir(-1)
					defer f.Close()
				}
			}
			if err != nil || len(entries) != 1 {
				t.Fatalf("ReadDir: %v, %v", entries, err)
			}
			done := make(chan error)
			go func() {
				_, err := entries[0].Info()
				done <- err
			}()
			<-b.looking
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("Info: %v, want context.Canceled", err)
				}
			case <-time.After(time.Minute):
				t.Fatal("Info did not return a minute after the cancel")
			}
		})
	}
}
