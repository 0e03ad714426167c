package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/themes"
)

// markedSite is the small site with stories whose HTML holds a link to
// marker(slug), which only their HTML has (not their summary, their
// excerpt or their text).
func markedSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := loadTxtar(t, "testdata/small.txtar")
	for i := range 5 {
		slug := fmt.Sprintf("danh-dau-%d", i)
		fsys["content/stories/2024/"+slug+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: \"Bài đánh dấu %d\"\ndate: 2024-02-%02d\nperson: \"Người Thử\"\ndepartment: van-phong\nmodel: chuyen-mon\ntags: [\"đánh dấu\"]\n---\nĐoạn đầu.\n\nĐoạn sau có [liên kết](%s).\n",
			i, i+1, marker(slug)))}
	}
	return fsys
}

func marker(slug string) string { return "https://example.org/" + slug + "/" }

// markersIn returns, by story slug, the files of mem holding the marker
// of the story.
func markersIn(t *testing.T, fsys fs.FS, opts Options) (map[string][]string, *Result) {
	t.Helper()
	mem, r := buildMemory(t, fsys, opts)
	found := map[string][]string{}
	for _, st := range r.Site.Stories {
		if !strings.HasPrefix(st.Slug, "danh-dau-") {
			continue
		}
		found[st.Slug] = nil
		for _, name := range mem.Names() {
			data, _ := mem.Get(name)
			if bytes.Contains(data, []byte(marker(st.Slug))) {
				found[st.Slug] = append(found[st.Slug], name)
			}
		}
	}
	if len(found) != 5 {
		t.Fatalf("%d marked stories published, want 5", len(found))
	}
	return found, r
}

// TestStoryBodyOnItsPage: a story's body is on its own page, and on no
// other page or file of the build.
func TestStoryBodyOnItsPage(t *testing.T) {
	found, r := markersIn(t, markedSite(t), Options{})
	for _, st := range r.Site.Stories {
		if files, ok := found[st.Slug]; ok && (len(files) != 1 || files[0] != urls.File(st.URL)) {
			t.Errorf("%s: body in %v, want in %s only", st.Slug, files, urls.File(st.URL))
		}
	}
}

// TestStoryBodyProblems: problems in two stories' bodies, found as their
// pages are made, fail the build together, each at its line and column.
func TestStoryBodyProblems(t *testing.T) {
	fsys := markedSite(t)
	for i, name := range []string{"danh-dau-1", "danh-dau-3"} {
		f := fsys["content/stories/2024/"+name+".md"]
		f.Data = append(bytes.Clone(f.Data), fmt.Sprintf("\n![ảnh](thieu-%d.jpg)\n", i)...)
	}
	r, err := Run(t.Context(), fsys, publish.NewMemory(), Options{Themes: themes.FS, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err == nil {
		t.Fatal("a build with missing pictures in two bodies succeeded")
	}
	var at []string
	for _, d := range r.Diags {
		if d.Severity != diag.Error {
			continue
		}
		at = append(at, fmt.Sprintf("%s:%d:%d", d.Pos.File, d.Pos.Line, d.Pos.Col))
	}
	want := []string{"content/stories/2024/danh-dau-1.md:13:1", "content/stories/2024/danh-dau-3.md:13:1"}
	if strings.Join(at, " ") != strings.Join(want, " ") {
		t.Errorf("errors at %v, want %v", at, want)
	}
}

// savedAgainFS is a site whose file name is saved again, with other bytes,
// once the build has read it the first time.
type savedAgainFS struct {
	fstest.MapFS
	name  string
	again []byte
	reads atomic.Int32
}

func (f *savedAgainFS) ReadFile(name string) ([]byte, error) {
	if name == f.name && f.reads.Add(1) > 1 {
		return f.again, nil
	}
	return f.MapFS.ReadFile(name)
}

func (f *savedAgainFS) Open(name string) (fs.File, error) {
	if name == f.name && f.reads.Load() > 0 {
		return nil, fmt.Errorf("open %s: the test reads this file with ReadFile only", name)
	}
	return f.MapFS.Open(name)
}

// TestStorySavedMidBuild: a story saved again between the build's reading
// of its front matter and its page's reading of its body fails the build
// with changed-mid-build at the file, not a page under the old front
// matter with the new body.
func TestStorySavedMidBuild(t *testing.T) {
	const name = "content/stories/2024/danh-dau-2.md"
	site := markedSite(t)
	fsys := &savedAgainFS{MapFS: site, name: name, again: append(bytes.Clone(site[name].Data), "\nThêm một đoạn.\n"...)}
	r, err := Run(t.Context(), fsys, publish.NewMemory(), Options{Themes: themes.FS, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err == nil {
		t.Fatal("a build whose story changed under it succeeded")
	}
	if len(r.Diags) != 1 || r.Diags[0].Code != diag.ChangedMidBuild || r.Diags[0].Pos.File != name {
		t.Errorf("diagnostics %v, want one changed-mid-build at %s", r.Diags.Err(), name)
	}
}
