package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestValidPath(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"index.html", true},
		{"bai-viet/lan/index.html", true},
		{"", false},
		{"/etc/passwd", false},
		{"../x", false},
		{"a/../../x", false},
		{"a/./b", false},
		{"a\\b", false},
		{"..", false},
		{"a\x00b", false},
	} {
		if got := ValidPath(tc.name); got != tc.ok {
			t.Errorf("ValidPath(%q) = %v, want %v", tc.name, got, tc.ok)
		}
	}
}

// tree returns every file under dir with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func write(t *testing.T, d *Dir, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := d.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAtomicSwap: a committed build replaces the old output whole (pages
// of deleted stories disappear); an aborted build leaves it byte for byte;
// nothing but the destination is left in its parent folder.
func TestAtomicSwap(t *testing.T) {
	parent := t.TempDir()
	os.WriteFile(filepath.Join(parent, "ghi-chu.txt"), []byte("của người dùng"), 0o644)
	dest := filepath.Join(parent, "public")

	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, map[string]string{"index.html": "v1", "bai-viet/cu/index.html": "old story"})
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Fatalf("destination exists before Commit")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	first := tree(t, dest)
	if first["index.html"] != "v1" || first[Marker] == "" {
		t.Fatalf("after first commit: %v", first)
	}

	// A failed build: written, then aborted.
	d, err = Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, map[string]string{"index.html": "broken"})
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); !equal(got, first) {
		t.Fatalf("aborted build changed the output: %v", got)
	}

	// A new build without the old story.
	d, err = Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, map[string]string{"index.html": "v2"})
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dest)
	if got["index.html"] != "v2" {
		t.Errorf("index.html = %q, want v2", got["index.html"])
	}
	if _, ok := got["bai-viet/cu/index.html"]; ok {
		t.Errorf("the deleted story's page is still there")
	}
	if s := siblings(t, parent); strings.Join(s, " ") != "ghi-chu.txt public" {
		t.Errorf("parent folder holds %v, want only ghi-chu.txt and public", s)
	}
	if b, _ := os.ReadFile(filepath.Join(parent, "ghi-chu.txt")); string(b) != "của người dùng" {
		t.Errorf("a file beside the destination was changed")
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestNotOurs: a non-empty folder without the marker is never replaced.
func TestNotOurs(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "Documents")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "luan-van.docx"), []byte("quan trọng"), 0o644)
	if _, err := Open(dest); !errors.Is(err, ErrNotOurs) {
		t.Fatalf("Open(non-empty foreign folder) = %v, want ErrNotOurs", err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "luan-van.docx")); err != nil || string(b) != "quan trọng" {
		t.Fatalf("the user's file was touched")
	}
	// A file in place of the destination is not ours either.
	file := filepath.Join(t.TempDir(), "public")
	os.WriteFile(file, []byte("x"), 0o644)
	if _, err := Open(file); !errors.Is(err, ErrNotOurs) {
		t.Fatalf("Open(a file) = %v, want ErrNotOurs", err)
	}
}

// TestRecover: a build killed mid-swap (the old output set aside, the new
// one not yet in place) is repaired by the next Open, and stale temporary
// folders are removed.
func TestRecover(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	aside := filepath.Join(parent, ".public.guong-old-123")
	os.MkdirAll(aside, 0o755)
	os.WriteFile(filepath.Join(aside, "index.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(aside, Marker), nil, 0o644)
	stale := filepath.Join(parent, ".public.guong-tmp-456")
	os.MkdirAll(filepath.Join(stale, "bai-viet"), 0o755)

	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "old" {
		t.Errorf("the old output was not restored: %v %q", err, b)
	}
	for _, p := range []string{aside, stale} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s was not cleaned up", p)
		}
	}
}

// TestLock: two builds at once on the same destination are refused.
func TestLock(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	a, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dest); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dest)
	if err != nil {
		t.Fatalf("Open after the first build finished: %v", err)
	}
	b.Abort()
}

func TestCheckDest(t *testing.T) {
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	home, _ := os.UserHomeDir()
	for _, tc := range []struct {
		name, dest string
		reason     UnsafeReason
		ok         bool
	}{
		{"default public", filepath.Join(site, "public"), 0, true},
		{"beside the site", filepath.Join(filepath.Dir(site), "out"), 0, true},
		{"the site itself", site, DestHoldsSite, false},
		{"a parent of the site", filepath.Dir(site), DestHoldsSite, false},
		{"inside content", filepath.Join(site, "content", "x"), DestInSources, false},
		{"inside themes", filepath.Join(site, "themes", "default"), DestInSources, false},
		{"root", "/", DestIsRoot, false},
		{"home", home, DestIsHome, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckDest(site, tc.dest)
			if tc.ok {
				if err != nil {
					t.Fatalf("CheckDest(%s) = %v, want nil", tc.dest, err)
				}
				return
			}
			var ue *UnsafeDestError
			if !errors.As(err, &ue) {
				t.Fatalf("CheckDest(%s) = %v, want an UnsafeDestError", tc.dest, err)
			}
			if ue.Reason != tc.reason && !(tc.name == "home" && ue.Reason == DestHoldsSite) {
				t.Errorf("reason %v, want %v", ue.Reason, tc.reason)
			}
		})
	}
}

func TestMemory(t *testing.T) {
	m := NewMemory()
	if err := m.Write("../x", nil); err == nil {
		t.Errorf("Memory accepted ../x")
	}
	data := []byte("a")
	m.Write("a/index.html", data)
	data[0] = 'b'
	if got, _ := m.Get("a/index.html"); string(got) != "a" {
		t.Errorf("Memory kept a reference to the caller's slice")
	}
	if names := m.Names(); len(names) != 1 || names[0] != "a/index.html" {
		t.Errorf("Names = %v", names)
	}
}

func TestWriteError(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/index.html", "b", "b/index.html", "c/index.html"} {
		d.Write(name, []byte(name)) // "b" is a file: "b/index.html" cannot be made
	}
	err = d.Commit()
	var we *WriteError
	if !errors.As(err, &we) || we.Name != "b/index.html" {
		t.Fatalf("Commit() = %v, want a WriteError naming b/index.html", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	if err := d.Write("d", nil); err == nil {
		t.Errorf("Write after a failed commit succeeded")
	}
}

// TestWriteRelease checks that a Dir hands each file's bytes back once they
// are written, exactly once, so that reusing them at once is safe: here
// one buffer is overwritten for every file as soon as it is released.
func TestWriteRelease(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	var released sync.WaitGroup
	free := make(chan []byte, 1)
	free <- make([]byte, 0, 64)
	want := map[string]string{}
	for i := range 200 {
		name := fmt.Sprintf("bai-viet/%d/index.html", i)
		var buf []byte
		select {
		case buf = <-free: // the last file's bytes, once released
		case <-time.After(10 * time.Second):
			t.Fatalf("file %d: the bytes of the one before were never released", i)
		}
		data := fmt.Appendf(buf, "trang %d", i)
		want[name] = string(data)
		released.Add(1)
		if err := d.WriteRelease(name, data, func() { free <- data[:0]; released.Done() }); err != nil {
			t.Fatal(err)
		}
	}
	refused := 0
	if err := d.WriteRelease("../ngoai", []byte("x"), func() { refused++ }); err == nil || refused != 1 {
		t.Errorf("invalid path: err %v, release called %d times; want an error and once", err, refused)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	released.Wait()
	got := tree(t, dest)
	delete(got, Marker)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("written files differ from what was handed over: %d files, want %d", len(got), len(want))
	}
}
