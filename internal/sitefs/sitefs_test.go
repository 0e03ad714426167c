package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestReadFile checks what ReadFile reads and refuses, through the fast
// path where there is one and through Open, which must agree: files are
// read, links inside the site are absent (a linked file, a file in a
// linked folder), and a site folder reached through a link is read.
func TestReadFile(t *testing.T) {
	tmp := t.TempDir()
	root, outside := filepath.Join(tmp, "site"), filepath.Join(tmp, "ngoai")
	for name, data := range map[string]string{
		filepath.Join(root, "content/stories/lan.md"): "Chị Lan",
		filepath.Join(root, "content/empty.md"):       "",
		filepath.Join(outside, "bi-mat.md"):           "BÍ MẬT",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		filepath.Join(root, "content/stories/link.md"): filepath.Join(outside, "bi-mat.md"),
		filepath.Join(root, "content/ngoai"):           outside,
		filepath.Join(tmp, "site-link"):                root,
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	tests := []struct {
		dir, name, want string
		err             error
	}{
		{root, "content/stories/lan.md", "Chị Lan", nil},
		{root, "content/empty.md", "", nil},
		{filepath.Join(tmp, "site-link"), "content/stories/lan.md", "Chị Lan", nil},
		{root, "content/stories/link.md", "", fs.ErrNotExist},
		{root, "content/ngoai/bi-mat.md", "", fs.ErrNotExist},
		{root, "content/stories/khong-co.md", "", fs.ErrNotExist},
		{root, "../ngoai/bi-mat.md", "", fs.ErrInvalid},
	}
	for _, fast := range []bool{true, false} {
		for _, tt := range tests {
			n := Dir(tt.dir).(noLinks)
			if !fast {
				n.reader = nil
			} else if n.reader == nil && runtime.GOOS == "linux" {
				t.Fatalf("Dir(%s) has no fast reader on Linux", tt.dir)
			}
			got, err := n.ReadFile(tt.name)
			switch {
			case tt.err != nil && !errors.Is(err, tt.err):
				t.Errorf("fast %v: ReadFile(%s) = %q, %v; want %v", fast, tt.name, got, err, tt.err)
			case tt.err == nil && (err != nil || string(got) != tt.want):
				t.Errorf("fast %v: ReadFile(%s) = %q, %v; want %q", fast, tt.name, got, err, tt.want)
			}
		}
	}
}
