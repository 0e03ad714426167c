package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
)

// hangFS is a site whose every call on one path blocks until release is
// closed, as a read of a network file system that stopped answering
// blocks in the kernel. entered is closed when the first such call
// begins, returned when the first one returns.
type hangFS struct {
	fstest.MapFS
	path                       string
	release, entered, returned chan struct{}
	enter, leave               sync.Once
}

func newHangFS(fsys fstest.MapFS, path string) *hangFS {
	return &hangFS{MapFS: fsys, path: path, release: make(chan struct{}), entered: make(chan struct{}), returned: make(chan struct{})}
}

func (h *hangFS) hang(name string) {
	if name != h.path {
		return
	}
	h.enter.Do(func() { close(h.entered) })
	<-h.release
	h.leave.Do(func() { close(h.returned) })
}

func (h *hangFS) Open(name string) (fs.File, error) { h.hang(name); return h.MapFS.Open(name) }
func (h *hangFS) ReadFile(name string) ([]byte, error) {
	h.hang(name)
	return h.MapFS.ReadFile(name)
}
func (h *hangFS) Stat(name string) (fs.FileInfo, error) { h.hang(name); return h.MapFS.Stat(name) }

// wait waits for ch, failing the test if what is waited for has not come
// after a minute: a test that would otherwise hang, not a timing.
func wait(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(time.Minute):
		t.Fatalf("still waiting for %s after a minute", what)
	}
}

// TestCancelHungRead: whichever file a build blocks on — site.yaml, a
// story, a cover, a body's picture, a theme file — Run, Check, the
// preview's Builder and Publish return context.Canceled as soon as their
// context is cancelled, with no diagnostics, and nothing is written to the
// destination, then or when the hung read returns at last.
func TestCancelHungRead(t *testing.T) {
	base := publishingSite(t)
	footer, err := os.ReadFile("../../themes/default/partials/footer.html")
	if err != nil {
		t.Fatal(err)
	}
	base["themes/default/partials/footer.html"] = &fstest.MapFile{Data: footer}
	opts := Options{Themes: themes.FS, Now: buildNow}
	type entry struct {
		name string
		run  func(ctx context.Context, fsys fs.FS, dest string) error
		// after, if not nil, checks what is left once the hung read
		// returned.
		after func(t *testing.T)
	}
	// Run may have written pages before it was stopped (a story's page
	// waits for the pictures its body shows), but writes nothing once it
	// has returned; Publish, which builds into a folder of its own,
	// leaves the destination as it was.
	var runOut *publish.Memory
	var runWrote []string
	entries := []entry{
		{"Run", func(ctx context.Context, fsys fs.FS, dest string) error {
			runOut = publish.NewMemory()
			_, err := Run(ctx, fsys, runOut, opts)
			runWrote = runOut.Names()
			return err
		}, func(t *testing.T) {
			if now := runOut.Names(); len(now) != len(runWrote) {
				t.Errorf("Run wrote %d files after it returned", len(now)-len(runWrote))
			}
		}},
		{"Check", func(ctx context.Context, fsys fs.FS, dest string) error {
			if r := Check(ctx, fsys, opts); len(r.Diags) > 0 {
				t.Errorf("a stopped check has diagnostics: %v", r.Diags.Err())
			}
			return ctx.Err()
		}, nil},
		{"Builder", func(ctx context.Context, fsys fs.FS, dest string) error {
			_, snap, err := NewBuilder(fsys, opts).Build(ctx)
			if snap != nil {
				t.Errorf("a stopped build made a snapshot")
			}
			return err
		}, nil},
		{"Publish", func(ctx context.Context, fsys fs.FS, dest string) error {
			_, err := Publish(ctx, fsys, dest, opts, PublishOptions{})
			return err
		}, nil},
	}
	for _, path := range []string{"site.yaml", "content/stories/2023/chi-lan.md", "content/stories/2023/lan.jpg", "content/stories/2023/cua-khau.gif", "themes/default/partials/footer.html"} {
		for _, e := range entries {
			if e.name == "Check" && strings.HasPrefix(path, "themes/") {
				continue // guong check reads no theme
			}
			t.Run(e.name+" "+path, func(t *testing.T) {
				fsys := newHangFS(base, path)
				dir := t.TempDir()
				dest := filepath.Join(dir, "public")
				if err := os.MkdirAll(dest, 0o755); err != nil {
					t.Fatal(err)
				}
				// The last build's output: it must stay as it is.
				if err := os.WriteFile(filepath.Join(dest, publish.Marker), nil, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dest, "index.html"), []byte("cũ"), 0o644); err != nil {
					t.Fatal(err)
				}
				before := listTree(t, dir)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				done := make(chan struct{})
				var err error
				go func() {
					defer close(done)
					err = e.run(ctx, fsys, dest)
				}()
				select {
				case <-fsys.entered:
				case <-done:
					t.Fatalf("returned (%v) without reading %s", err, path)
				}
				cancel()
				wait(t, done, "the stopped build to return")
				if !errors.Is(err, context.Canceled) {
					t.Errorf("error %v, want context.Canceled", err)
				}
				close(fsys.release)
				wait(t, fsys.returned, "the hung read to return")
				if e.after != nil {
					e.after(t)
				}
				if after := listTree(t, dir); after != before {
					t.Errorf("the destination's folder changed:\n%s\nwas:\n%s", after, before)
				}
			})
		}
	}
}

// listTree lists every file under dir with its contents.
func listTree(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out = append(out, rel+"/")
			return nil
		}
		data, err := os.ReadFile(p)
		out = append(out, rel+" "+string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}
