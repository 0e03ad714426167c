//go:build linux

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestReadFileFast checks that on Linux the fast path reads files itself
// and leaves links to the portable path.
func TestReadFileFast(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "a.md"), []byte("nội dung"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a.md"), filepath.Join(root, "b.md")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	r := newDirReader(root)
	data, ok, err := r.readFile("a.md")
	if r.disabled.Load() {
		t.Skip("openat2 is not available here")
	}
	if !ok || err != nil || string(data) != "nội dung" {
		t.Errorf(`readFile("a.md") = %q, %v, %v; want "nội dung", nil, true`, data, err, ok)
	}
	if _, ok, _ := r.readFile("b.md"); ok {
		t.Errorf(`readFile("b.md"), a link, was answered; want it left to the portable path`)
	}
	if _, ok, err := r.readFile("c.md"); !ok || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf(`readFile("c.md") = %v, %v; want fs.ErrNotExist, true`, err, ok)
	}
}
