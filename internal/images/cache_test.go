package images

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDirNoLinks: the cache never follows a symbolic link. An entry that
// is a link to a file elsewhere is not read (it would be published as a
// resized picture); a cache folder, or its images folder, that is a link
// is neither read nor written through; a link where an entry is written
// is replaced, and the file it pointed to is left alone.
func TestDirNoLinks(t *testing.T) {
	tmp := t.TempDir()
	secret := filepath.Join(tmp, "secret.txt")
	if err := os.WriteFile(secret, []byte("BÍ MẬT"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink := func(target, link string) {
		t.Helper()
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}

	// An entry that is a link.
	d := Dir{Root: filepath.Join(tmp, "site/.guong-cache"), Sub: "images"}
	os.MkdirAll(filepath.Dir(d.Root), 0o755)
	if err := d.Put("k.jpg", []byte("data")); err != nil {
		t.Fatal(err)
	}
	symlink(secret, filepath.Join(d.Root, "images/link.jpg"))
	if data, ok := d.Get("link.jpg"); ok {
		t.Errorf("Get(a link to %s) = %q: the cache followed a link", secret, data)
	}
	// Written where a link is: the link is replaced, its target untouched.
	if err := d.Put("link.jpg", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(secret); string(got) != "BÍ MẬT" {
		t.Errorf("the link's target now holds %q: the cache wrote through a link", got)
	}
	if got, ok := d.Get("link.jpg"); !ok || string(got) != "new" {
		t.Errorf("Get after Put = %q, %v; want the new entry", got, ok)
	}

	// The cache folder, or its images folder, a link to a folder elsewhere.
	outside := filepath.Join(tmp, "outside")
	if err := os.MkdirAll(filepath.Join(outside, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "images/k.jpg"), []byte("BÍ MẬT"), 0o644); err != nil {
		t.Fatal(err)
	}
	linkedRoot := Dir{Root: filepath.Join(tmp, "site2/.guong-cache"), Sub: "images"}
	os.MkdirAll(filepath.Dir(linkedRoot.Root), 0o755)
	symlink(outside, linkedRoot.Root)
	linkedSub := Dir{Root: filepath.Join(tmp, "site3/.guong-cache"), Sub: "images"}
	os.MkdirAll(linkedSub.Root, 0o755)
	symlink(filepath.Join(outside, "images"), filepath.Join(linkedSub.Root, "images"))
	for name, d := range map[string]Dir{"cache folder": linkedRoot, "images folder": linkedSub} {
		if data, ok := d.Get("k.jpg"); ok {
			t.Errorf("%s a link: Get = %q, read through the link", name, data)
		}
		if err := d.Put("new.jpg", []byte("x")); err == nil {
			t.Errorf("%s a link: Put succeeded", name)
		}
		if _, err := os.Stat(filepath.Join(outside, "images/new.jpg")); err == nil {
			t.Errorf("%s a link: Put wrote outside the site", name)
		}
	}
}
