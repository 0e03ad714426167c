package content

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/sitefs"
)

const refusedSite = "title: a\ndepartments:\n  van-phong: {name: Văn phòng}\n"

const lanStory = "---\ntitle: Chị Lan\ndate: 2023-06-11\nperson: Lan\ndepartment: van-phong\nmodel: dan-van-kheo\ncover: anh.jpg\n---\nChị Lan.\n"

// loadRefused loads the site in fsys and returns its sorted diagnostics in
// English, failing the test if loading blocks.
func loadRefused(t *testing.T, fsys fs.FS) string {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		var diags diag.List
		cfg := config.Load(fsys, &diags)
		if cfg != nil {
			Load(context.Background(), fsys, cfg, Options{Now: testNow}, &diags)
		}
		diags.Sort()
		done <- formatList(diags, "en")
	}()
	select {
	case got := <-done:
		return got
	case <-time.After(30 * time.Second):
		t.Fatal("loading the site blocked")
		return ""
	}
}

// TestNonRegularRefused: a story or a cover that is a named pipe is
// refused with a diagnostic at the file, or at the cover: value, instead
// of blocking the build forever in open.
func TestNonRegularRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system here")
	}
	root := t.TempDir()
	for name, data := range map[string]string{"site.yaml": refusedSite, "content/stories/lan.md": lanStory} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, pipe := range []string{"content/stories/anh.jpg", "content/stories/ong.md"} {
		if err := mkfifo(filepath.Join(root, pipe)); err != nil {
			t.Skipf("cannot make a named pipe here: %v", err)
		}
	}
	got := loadRefused(t, sitefs.Dir(root))
	want := `content/stories/lan.md:7:8: "anh.jpg" is not a regular file (it is a named pipe, a device or a socket); guong reads only regular files: replace it with a file
content/stories/ong.md: "content/stories/ong.md" is not a regular file (it is a named pipe, a device or a socket); guong reads only regular files: replace it with a file
`
	if got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// deniedFS answers fs.ErrPermission for the paths in deny, as files and
// folders of another user do (the tests run as root, who reads anything).
type deniedFS struct {
	fsys fstest.MapFS
	deny map[string]bool
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.fsys.Open(name)
}

// TestUnreadableRefused: a story file, a story folder and a cover that
// cannot be read for want of permission each give a diagnostic naming
// them and saying what to do.
func TestUnreadableRefused(t *testing.T) {
	fsys := deniedFS{fsys: fstest.MapFS{
		"site.yaml":                     {Data: []byte(refusedSite)},
		"content/stories/lan.md":        {Data: []byte(lanStory)},
		"content/stories/anh.jpg":       {Data: []byte(tinyJPEG)},
		"content/stories/ong.md":        {Data: []byte(lanStory)},
		"content/stories/2024/ba.md":    {Data: []byte(lanStory)},
		"content/stories/2024/anh.jpg":  {Data: []byte(tinyJPEG)},
		"content/stories/2025/chi-x.md": {Data: []byte(lanStory)},
	}, deny: map[string]bool{"content/stories/anh.jpg": true, "content/stories/ong.md": true, "content/stories/2025": true}}
	got := loadRefused(t, fsys)
	for _, want := range []string{
		`content/stories/lan.md:7:8: no permission to read "anh.jpg"; give the user running guong read access to it`,
		`content/stories/ong.md: no permission to read "content/stories/ong.md"; give the user`,
		`content/stories/2025: no permission to read "content/stories/2025"; give the user`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no diagnostic %q in\n%s", want, got)
		}
	}
}
