package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestLockSiblings: builds into two folders of the same parent do not
// refuse each other, while each still refuses a second build into itself.
func TestLockSiblings(t *testing.T) {
	parent := t.TempDir()
	a, err := Open(filepath.Join(parent, "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Abort()
	b, err := Open(filepath.Join(parent, "b"))
	if err != nil {
		t.Fatalf("Open of a sibling destination = %v, want it to succeed", err)
	}
	defer b.Abort()
	if _, err := Open(filepath.Join(parent, "b")); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open of b = %v, want ErrLocked", err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestLockStale: the lock file a killed build leaves behind does not stop
// the next build, and a finished build leaves no lock file.
func TestLockStale(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(lockName(dest), nil, 0o644); err != nil { // as a killed build leaves it
		t.Fatal(err)
	}
	d, err := Open(dest)
	if err != nil {
		t.Fatalf("Open with a stale lock file = %v", err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(lockName(dest)); !os.IsNotExist(err) {
		t.Errorf("the lock file is left after Commit: %v", err)
	}
	d, err = Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if _, err := os.Lstat(lockName(dest)); !os.IsNotExist(err) {
		t.Errorf("the lock file is left after Abort: %v", err)
	}
}

// TestLockLink: a symbolic link at the lock file's name is not followed:
// the build is refused and the file it points to is not touched.
func TestLockLink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	target := filepath.Join(dir, "elsewhere")
	if err := os.Symlink(target, lockName(dest)); err != nil {
		t.Fatal(err)
	}
	if d, err := Open(dest); err == nil {
		d.Abort()
		t.Fatal("Open through a linked lock file succeeded")
	}
	if _, err := os.Lstat(target); !os.IsNotExist(err) {
		t.Errorf("the link's target was created: %v", err)
	}
}

// TestReadStamp: the stamp Commit leaves is read back, but not once the
// context is done: the read of the marker is cancellable like every other.
func TestReadStamp(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.Stamp = "abc"
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := ReadStamp(context.Background(), dest); got != "abc" {
		t.Errorf("ReadStamp = %q, want abc", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := ReadStamp(ctx, dest); got != "" {
		t.Errorf("ReadStamp after the cancel = %q, want nothing", got)
	}
}
