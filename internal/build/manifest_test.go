package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestManifestNoLinks: the manifest is never read or written through a
// symbolic link. A last-build.json.tmp (or last-build.json) that is a link
// to a file elsewhere leaves that file alone; a cache folder that is a
// link is refused, and a manifest behind a link is not read.
func TestManifestNoLinks(t *testing.T) {
	tmp := t.TempDir()
	victim := filepath.Join(tmp, "victim.txt")
	if err := os.WriteFile(victim, []byte("giữ nguyên"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink := func(target, link string) {
		t.Helper()
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	m := Manifest{Inputs: "abc", Dest: "/x/public", ValidUntil: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}

	cache := filepath.Join(tmp, "site/.guong-cache")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(victim, filepath.Join(cache, manifestFile+".tmp"))
	if err := WriteManifest(cache, m); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(victim); string(got) != "giữ nguyên" {
		t.Errorf("the file %s.tmp pointed to now holds %q", manifestFile, got)
	}
	if got := ReadManifest(context.Background(), cache); got.Inputs != "abc" {
		t.Errorf("ReadManifest = %+v, want what was written", got)
	}

	// The manifest itself replaced by a link: not read, and replaced.
	other := filepath.Join(tmp, "other.json")
	os.WriteFile(other, []byte(`{"inputs":"outside"}`), 0o644)
	os.Remove(filepath.Join(cache, manifestFile))
	symlink(other, filepath.Join(cache, manifestFile))
	if got := ReadManifest(context.Background(), cache); got.Inputs != "" {
		t.Errorf("ReadManifest read %+v through a link", got)
	}
	if err := WriteManifest(cache, m); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(other); string(got) != `{"inputs":"outside"}` {
		t.Errorf("WriteManifest wrote through a link: %s holds %q", other, got)
	}

	// The cache folder itself a link to a folder outside the site.
	outside := filepath.Join(tmp, "outside")
	os.MkdirAll(outside, 0o755)
	os.WriteFile(filepath.Join(outside, manifestFile), []byte(`{"inputs":"outside"}`), 0o644)
	linked := filepath.Join(tmp, "site2/.guong-cache")
	os.MkdirAll(filepath.Dir(linked), 0o755)
	symlink(outside, linked)
	if got := ReadManifest(context.Background(), linked); got.Inputs != "" {
		t.Errorf("ReadManifest read %+v through a linked cache folder", got)
	}
	if err := WriteManifest(linked, m); err == nil {
		t.Errorf("WriteManifest into a linked cache folder succeeded")
	}
	if got, _ := os.ReadFile(filepath.Join(outside, manifestFile)); string(got) != `{"inputs":"outside"}` {
		t.Errorf("WriteManifest wrote outside the site: %q", got)
	}
}

// TestReadManifestCancelled: the manifest is not read once the context is
// done (the read is cancellable like every other), so a build that is
// stopped does not wait on the cache folder.
func TestReadManifestCancelled(t *testing.T) {
	cache := t.TempDir()
	if err := WriteManifest(cache, Manifest{Inputs: "abc"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := ReadManifest(ctx, cache); got.Inputs != "" {
		t.Errorf("ReadManifest after the cancel = %+v, want the zero Manifest", got)
	}
}
