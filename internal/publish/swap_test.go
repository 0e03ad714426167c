package publish

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// commitOutput opens dest, writes index.html holding v, and commits.
func commitOutput(t *testing.T, dest, v string) error {
	t.Helper()
	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, map[string]string{"index.html": v})
	return d.Commit()
}

// TestSwapOneStep: on Linux the new output replaces the old one in a
// single exchange, so there is no moment without a destination (a build
// killed between two renames left none); the exchange's other side, the
// old output, is removed. Killed right after the exchange (here: the old
// output cannot be removed yet), the destination is the new build and the
// next Open clears what is left.
func TestSwapOneStep(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("renameat2 is Linux's")
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := commitOutput(t, dest, "v1"); err != nil {
		t.Fatal(err)
	}
	exchanged := 0
	exchangeFolders = func(a, b string) error {
		err := exchange(a, b)
		if err == nil {
			exchanged++
			// Both names are there at once, swapped.
			if got, _ := os.ReadFile(filepath.Join(a, "index.html")); string(got) != "v1" {
				t.Errorf("after the exchange the temporary folder holds %q, want the old output", got)
			}
		}
		return err
	}
	defer func() { exchangeFolders = exchange }()
	if err := commitOutput(t, dest, "v2"); err != nil {
		t.Fatal(err)
	}
	if exchanged != 1 {
		t.Fatalf("%d exchanges, want 1", exchanged)
	}
	if got := tree(t, dest); got["index.html"] != "v2" {
		t.Errorf("destination holds %v, want v2", got)
	}
	if s := siblings(t, parent); strings.Join(s, " ") != "public" {
		t.Errorf("beside the destination: %v, want only public", s)
	}
}

// TestSwapTwoRenames: where folders cannot be exchanged, two renames do
// it, and a build killed between them is put right by the next Open
// (TestRecover).
func TestSwapTwoRenames(t *testing.T) {
	exchangeFolders = func(a, b string) error { return errNoExchange }
	defer func() { exchangeFolders = exchange }()
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for _, v := range []string{"v1", "v2"} {
		if err := commitOutput(t, dest, v); err != nil {
			t.Fatal(err)
		}
	}
	if got := tree(t, dest); got["index.html"] != "v2" {
		t.Errorf("destination holds %v, want v2", got)
	}
	if s := siblings(t, parent); strings.Join(s, " ") != "public" {
		t.Errorf("beside the destination: %v, want only public", s)
	}
}

// TestLeftover: when the old output cannot be removed after the swap (a
// read-only folder, an immutable file: here, removal fails), Commit says
// that the new build is published and what is left; later builds are not
// stopped by the leftover, and remove it once they can.
func TestLeftover(t *testing.T) {
	for _, twoRenames := range []bool{false, true} {
		if twoRenames {
			exchangeFolders = func(a, b string) error { return errNoExchange }
		}
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		if err := commitOutput(t, dest, "v1"); err != nil {
			t.Fatal(err)
		}
		denied := errors.New("operation not permitted")
		removeAll = func(p string) error { return denied }
		err := commitOutput(t, dest, "v2")
		var left *LeftoverError
		if !errors.As(err, &left) || !errors.Is(err, denied) {
			t.Fatalf("two renames %v: Commit = %v, want a LeftoverError", twoRenames, err)
		}
		if got := tree(t, dest); got["index.html"] != "v2" {
			t.Errorf("two renames %v: destination holds %v, want the new build, published", twoRenames, got)
		}
		if _, err := os.Stat(left.Path); err != nil {
			t.Errorf("two renames %v: the leftover %s: %v", twoRenames, left.Path, err)
		}
		// Still stuck: the next build goes on and says what is left.
		d, err := Open(dest)
		if err != nil {
			t.Fatalf("two renames %v: Open with a leftover = %v", twoRenames, err)
		}
		if len(d.Leftovers) == 0 {
			t.Errorf("two renames %v: Open reports no leftover", twoRenames)
		}
		write(t, d, map[string]string{"index.html": "v3"})
		if err := d.Commit(); !errors.As(err, &left) {
			t.Errorf("two renames %v: third Commit = %v, want a LeftoverError", twoRenames, err)
		}
		if got := tree(t, dest); got["index.html"] != "v3" {
			t.Errorf("two renames %v: destination holds %v, want v3", twoRenames, got)
		}
		// Removable again: the next build clears everything.
		removeAll = os.RemoveAll
		if err := commitOutput(t, dest, "v4"); err != nil {
			t.Fatal(err)
		}
		if s := siblings(t, parent); strings.Join(s, " ") != "public" {
			t.Errorf("two renames %v: beside the destination: %v, want only public", twoRenames, s)
		}
		exchangeFolders = exchange
	}
}

// TestMountPoint: a destination that is a mount point (which cannot be
// renamed) is refused by Open, before a whole output is written beside it.
func TestMountPoint(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	os.MkdirAll(dest, 0o755)
	mountPoint = func(dir string) bool { return dir == dest }
	defer func() { mountPoint = isMountPoint }()
	_, err := Open(dest)
	var mp *MountPointError
	if !errors.As(err, &mp) || mp.Dest != dest {
		t.Fatalf("Open(a mount point) = %v, want a MountPointError", err)
	}
	if s := siblings(t, parent); strings.Join(s, " ") != "public" {
		t.Errorf("beside the destination: %v, want only public", s)
	}
	if isMountPoint(parent) {
		t.Errorf("isMountPoint(%s), a plain folder, = true", parent)
	}
	if runtime.GOOS == "linux" && !isMountPoint("/proc") {
		t.Errorf("isMountPoint(/proc) = false")
	}
}
