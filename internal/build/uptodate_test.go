package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// TestUpToDate: an output is up to date only when the manifest and the
// output's stamp name the current inputs, for this destination, before the
// manifest expires; MayBeUpToDate says so without the inputs, and is false
// whenever the output cannot be up to date, so the build command need not
// wait for the inputs' fingerprint.
func TestUpToDate(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	dest := t.TempDir()
	abs, err := filepath.Abs(dest)
	if err != nil {
		t.Fatal(err)
	}
	good := Manifest{Inputs: "abc", Dest: abs, ValidUntil: now.Add(time.Hour)}
	tests := []struct {
		name   string
		m      Manifest
		stamp  string
		inputs string
		may    bool // MayBeUpToDate
		up     bool // UpToDate
	}{
		{"nothing changed", good, "abc", "abc", true, true},
		{"inputs changed", good, "abc", "abd", true, false},
		{"no manifest", Manifest{}, "abc", "abc", false, false},
		{"no stamp", good, "", "abc", false, false},
		{"stamp of another build", good, "xyz", "abc", false, false},
		{"another destination", Manifest{Inputs: "abc", Dest: abs + "-khac", ValidUntil: good.ValidUntil}, "abc", "abc", false, false},
		{"expired", Manifest{Inputs: "abc", Dest: abs, ValidUntil: now}, "abc", "abc", false, false},
		{"malformed fingerprint", Manifest{Inputs: "a b", Dest: abs, ValidUntil: good.ValidUntil}, "a b", "a b", false, false},
		{"inputs unreadable", good, "abc", "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MayBeUpToDate(tt.m, dest, tt.stamp, now); got != tt.may {
				t.Errorf("MayBeUpToDate = %v, want %v", got, tt.may)
			}
			if got := UpToDate(tt.m, tt.inputs, dest, tt.stamp, now); got != tt.up {
				t.Errorf("UpToDate = %v, want %v", got, tt.up)
			}
		})
	}
}

// countingFS counts the files read from it.
type countingFS struct {
	fs.FS
	mu    *sync.Mutex
	reads map[string]int
}

func (c countingFS) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
	return fs.ReadFile(c.FS, name)
}

// TestDigestsInputs: the fingerprint a build makes of what it read is the
// one Inputs makes by reading everything, without reading again the files
// the build read; a file the build did not read is still in it, and a file
// changed after the build read it is fingerprinted as it was read.
func TestDigestsInputs(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	fsys["content/ghi-chu.txt"] = &fstest.MapFile{Data: []byte("ghi chú của biên tập viên")}
	counting := countingFS{FS: fsys, mu: new(sync.Mutex), reads: map[string]int{}}
	opts := Options{Themes: themes.FS, Now: buildNow}
	recording, digests := Record(counting)
	if _, err := Run(context.Background(), recording, publish.NewMemory(), opts); err != nil {
		t.Fatal(err)
	}
	read := len(counting.reads)
	if read < 3 {
		t.Fatalf("the build read %d files", read)
	}
	clear(counting.reads)

	got, err := digests.Inputs(opts, "v1")
	if err != nil {
		t.Fatal(err)
	}
	if want, err := Inputs(fsys, opts, "v1"); err != nil || got != want {
		t.Fatalf("Digests.Inputs = %q, Inputs = %q (%v)", got, want, err)
	}
	for name, n := range counting.reads {
		if name != "content/ghi-chu.txt" {
			t.Errorf("Digests.Inputs read %s again (%d times)", name, n)
		}
	}
	if counting.reads["content/ghi-chu.txt"] != 1 {
		t.Errorf("Digests.Inputs did not read the file the build left alone: %v", counting.reads)
	}

	// A change to the file the build did not read changes the fingerprint.
	fsys["content/ghi-chu.txt"] = &fstest.MapFile{Data: []byte("ghi chú đã sửa")}
	if again, _ := digests.Inputs(opts, "v1"); again == got {
		t.Error("Digests.Inputs ignored a change to a file the build did not read")
	}
	fsys["content/ghi-chu.txt"] = &fstest.MapFile{Data: []byte("ghi chú của biên tập viên")}

	// A story changed after the build read it: the build's fingerprint is
	// of what it built, so the next build sees the change.
	var story string
	for name := range fsys {
		if strings.HasPrefix(name, "content/stories/") && strings.HasSuffix(name, ".md") {
			story = name
			break
		}
	}
	fsys[story] = &fstest.MapFile{Data: append(slices.Clone(fsys[story].Data), "\nĐoạn thêm.\n"...)}
	if again, _ := digests.Inputs(opts, "v1"); again != got {
		t.Errorf("Digests.Inputs changed with %s, edited after the build read it", story)
	}
	if now, _ := Inputs(fsys, opts, "v1"); now == got {
		t.Errorf("Inputs ignored the edit of %s", story)
	}
}

// TestPublish: a second Publish of an unchanged site leaves the folder as
// it is; an edit builds again; a failed build leaves the last output.
func TestPublish(t *testing.T) {
	siteDir, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	for name, data := range loadTxtar(t, "testdata/small.txtar") {
		p := filepath.Join(siteDir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Themes: themes.FS, Now: buildNow, CacheDir: filepath.Join(siteDir, CacheDir)}
	ctx := context.Background()
	publish := func(step string, force bool) *Result {
		t.Helper()
		r, err := Publish(ctx, sitefs.Dir(siteDir), dest, opts, PublishOptions{Force: force, Version: "test"})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return r
	}
	if r := publish("first", false); r.UpToDate || r.Pages == 0 {
		t.Fatalf("first build: up to date %v, %d pages", r.UpToDate, r.Pages)
	}
	home := filepath.Join(dest, "index.html")
	before, _ := os.ReadFile(home)
	if r := publish("unchanged", false); !r.UpToDate {
		t.Errorf("an unchanged site was built again")
	}
	if r := publish("forced", true); r.UpToDate {
		t.Errorf("--force left the output as it was")
	}
	site := filepath.Join(siteDir, "site.yaml")
	src, _ := os.ReadFile(site)
	os.WriteFile(site, bytes.Replace(src, []byte("title: \""), []byte("title: \"Mới – "), 1), 0o644)
	if r := publish("edited", false); r.UpToDate {
		t.Errorf("an edited site was not built again")
	}
	after, _ := os.ReadFile(home)
	if bytes.Equal(before, after) || !bytes.Contains(after, []byte("Mới – ")) {
		t.Errorf("the edit is not published")
	}
	os.WriteFile(site, []byte("title: [\n"), 0o644)
	if _, err := Publish(ctx, sitefs.Dir(siteDir), dest, opts, PublishOptions{Version: "test"}); err == nil {
		t.Fatalf("a broken site.yaml published")
	}
	if kept, _ := os.ReadFile(home); !bytes.Equal(kept, after) {
		t.Errorf("a failed build changed the output")
	}
}
