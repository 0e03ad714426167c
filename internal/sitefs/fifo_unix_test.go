//go:build unix

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a named pipe at name, or skips the test.
func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
}

// notBlocked runs f and returns its error, failing the test if f is still
// blocked long after it should have returned at once: a writer is then
// opened on the pipe so that the test ends.
func notBlocked(t *testing.T, pipe string, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		if w, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatalf("opening the named pipe %s blocked", pipe)
		return nil
	}
}

// TestNonRegularRefused: a named pipe in the site, which would block
// open(2) until someone writes to it, is refused at once with
// ErrNotRegular by ReadFile (fast and portable paths) and Open, and still
// described by Stat and Lstat.
func TestNonRegularRefused(t *testing.T) {
	root := t.TempDir()
	pipe := filepath.Join(root, "site.yaml")
	mkfifo(t, pipe)
	for _, fast := range []bool{true, false} {
		n := Dir(root).(noLinks)
		if !fast {
			n.reader = nil
		}
		err := notBlocked(t, pipe, func() error { _, err := n.ReadFile("site.yaml"); return err })
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("fast %v: ReadFile(a named pipe) = %v, want ErrNotRegular", fast, err)
		}
		err = notBlocked(t, pipe, func() error {
			f, err := n.Open("site.yaml")
			if err == nil {
				f.Close()
			}
			return err
		})
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("fast %v: Open(a named pipe) = %v, want ErrNotRegular", fast, err)
		}
		if info, err := fs.Stat(n, "site.yaml"); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("fast %v: Stat(a named pipe) = %v, %v; want its mode", fast, info, err)
		}
	}
}
