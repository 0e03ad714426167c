package content

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
)

// TestCache: a second Load with a cache reuses unchanged files (the same
// values), parses a changed one again, forgets a deleted one, and a file
// with an error keeps reporting it.
func TestCache(t *testing.T) {
	story := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\ndate: 2023-06-11\nperson: \"Lan\"\ndepartment: van-phong\nmodel: dan-van-kheo\n---\nNội dung.\n"), ModTime: time.Unix(1, 0)}
	}
	fsys := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: \"T\"\ndepartments:\n  van-phong: {name: \"Văn phòng\"}\n")},
		"content/stories/a.md": story("A"),
		"content/stories/b.md": story("B"),
		"content/stories/c.md": {Data: []byte("---\ntitle: \"C\"\n---\n"), ModTime: time.Unix(1, 0)},
	}
	var d diag.List
	cfg := config.Load(fsys, &d)
	cache := NewCache()
	opts := Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Cache: cache}
	load := func() (*Site, diag.List) {
		var diags diag.List
		s := Load(context.Background(), fsys, cfg, opts, &diags)
		return s, diags
	}
	first, d1 := load()
	if len(first.Stories) != 3 || !d1.HasErrors() {
		t.Fatalf("first load: %d stories, diags %v", len(first.Stories), d1)
	}
	fsys["content/stories/b.md"] = story("B2")
	fsys["content/stories/b.md"].ModTime = time.Unix(2, 0)
	delete(fsys, "content/stories/a.md")
	second, d2 := load()
	if len(second.Stories) != 2 || second.Stories[0].Title != "B2" {
		t.Fatalf("second load did not see the edit and the deletion: %+v", second.Stories)
	}
	if len(d2) != len(d1) {
		t.Errorf("the broken file's diagnostics were lost: %v", d2)
	}
	fsys["content/stories/a.md"] = story("A")
	third, _ := load()
	if len(third.Stories) != 3 {
		t.Fatalf("third load: %d stories", len(third.Stories))
	}
	fourth, _ := load()
	for i := range third.Stories {
		if third.Stories[i] != fourth.Stories[i] {
			t.Errorf("an unchanged file was parsed again")
		}
	}
}

// TestLoadIncremental: a Load told which paths changed finds what a walk
// of the whole folder finds — the same files in the same order, the same
// assets and problems — as files are edited, added (in new folders too),
// removed, grown too large, hidden or replaced by links.
func TestLoadIncremental(t *testing.T) {
	story := func(title string) []byte {
		return []byte("---\ntitle: \"" + title + "\"\ndate: 2023-06-11\nperson: \"Lan\"\ndepartment: van-phong\nmodel: dan-van-kheo\n---\nNội dung.\n")
	}
	tick := int64(1)
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte("title: \"T\"\nmaxFileSize: 100\ndepartments:\n  van-phong: {name: \"Văn phòng\"}\n")},
	}
	write := func(p string, data []byte) {
		tick++
		fsys[p] = &fstest.MapFile{Data: data, ModTime: time.Unix(tick, 0)}
	}
	for _, p := range []string{"content/stories/a.md", "content/stories/a-b.md", "content/stories/a/c.md", "content/stories/2024/d.md", "content/pages/gioi-thieu.md"} {
		write(p, story(p))
	}
	write("content/stories/a/anh.png", []byte("PNG"))
	var d diag.List
	cfg := config.Load(fsys, &d)
	if d.HasErrors() {
		t.Fatal(d)
	}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cache := NewCache()
	describe := func(s *Site, diags diag.List) string {
		var b strings.Builder
		for _, st := range s.Stories {
			fmt.Fprintf(&b, "story %s %q\n", st.File, st.Title)
		}
		for _, p := range s.Pages {
			fmt.Fprintf(&b, "page %s\n", p.File)
		}
		fmt.Fprintf(&b, "assets %v\n", s.Assets)
		diags.Sort()
		for _, x := range diags {
			fmt.Fprintln(&b, x.Format("en"))
		}
		return b.String()
	}
	walks := 0
	load := func(opts Options) string {
		var diags diag.List
		s := Load(context.Background(), countingFS{fsys, &walks}, cfg, opts, &diags)
		return describe(s, diags)
	}
	load(Options{Now: now, Cache: cache})
	// step checks an incremental load; walk says whether it should have
	// walked the folder.
	check := func(name string, walk bool, changed ...string) {
		t.Helper()
		walks = 0
		got := load(Options{Now: now, Cache: cache, Incremental: true, Changed: changed})
		if walked := walks > 0; walked != walk {
			t.Errorf("%s: walked the folder: %v", name, walked)
		}
		if want := load(Options{Now: now}); got != want {
			t.Errorf("%s: incremental load\n%s\nwalk\n%s", name, got, want)
		}
	}
	step := func(name string, changed ...string) { t.Helper(); check(name, false, changed...) }
	write("content/stories/a-b.md", story("B mới"))
	step("edit", "content/stories/a-b.md")
	write("content/stories/a-a.md", story("Mới"))
	write("content/stories/a/b.md", story("Mới nữa"))
	step("add beside others", "content/stories/a-a.md", "content/stories/a/b.md")
	delete(fsys, "content/stories/a.md")
	step("delete", "content/stories/a.md")
	write("content/stories/2025/moi/e.md", story("E"))
	check("add in a new folder", true, "content/stories/2025", "content/stories/2025/moi/e.md")
	write("content/stories/a/anh2.jpg", []byte("JPG"))
	step("add an asset", "content/stories/a/anh2.jpg")
	write("content/stories/2024/d.md", append(story("D"), strings.Repeat("x", 500)...))
	step("grow too large", "content/stories/2024/d.md")
	write("content/stories/2024/d.md", story("D"))
	step("shrink again", "content/stories/2024/d.md")
	write("content/stories/.an.md", story("Ẩn"))
	write("content/stories/f.md~", story("Tạm"))
	step("hidden and temporary files", "content/stories/.an.md", "content/stories/f.md~")
	fsys["content/stories/lien-ket.md"] = &fstest.MapFile{Data: []byte("a-b.md"), Mode: fs.ModeSymlink}
	step("a link", "content/stories/lien-ket.md")
	write("content/pages/khac.md", []byte("---\ntitle: \"Khác\"\n---\nTrang.\n"))
	write("content/ghi-chu.md", story("Không đăng"))
	step("a page, and Markdown elsewhere", "content/pages/khac.md", "content/ghi-chu.md")
	png := []byte(tinyPNG)
	write("content/stories/bia/anh-bia.png", png)
	write("content/stories/bia/bia.md", append(story("Có ảnh bìa")[:4], []byte(`cover: anh-bia.png
`+string(story("Có ảnh bìa")[4:]))...))
	check("a story with a cover, in a new folder", true, "content/stories/bia")
	var before diag.List
	first := Load(context.Background(), fsys, cfg, Options{Now: now, Cache: cache, Incremental: true}, &before)
	write("content/stories/g2.md", story("G2"))
	var after diag.List
	second := Load(context.Background(), fsys, cfg, Options{Now: now, Cache: cache, Incremental: true, Changed: []string{"content/stories/g2.md"}}, &after)
	for _, a := range first.Stories {
		for _, b := range second.Stories {
			if a.File == b.File && a.File == "content/stories/bia/bia.md" && a != b {
				t.Errorf("a story whose cover did not change was parsed again")
			}
		}
	}
	write("content/stories/bia/anh-bia.png", []byte("không phải ảnh"))
	step("the cover is no image any more", "content/stories/bia/anh-bia.png")
	delete(fsys, "content/stories/bia/anh-bia.png")
	step("the cover is gone", "content/stories/bia/anh-bia.png")
	write("content/stories/bia/anh-bia.png", png)
	step("the cover is back", "content/stories/bia/anh-bia.png")
	for p := range fsys {
		if strings.HasPrefix(p, "content/stories/a/") {
			delete(fsys, p)
		}
	}
	check("delete a folder", true, "content/stories/a")
	write("content/stories/g.md", story("G"))
	check("everything", true, ".")
	write("content/stories/h.md", story("H"))
	step("a path outside the content folder too", "site.yaml", "themes/default/layouts/story.html", "content/stories/h.md")
}

// countingFS counts the folders read.
type countingFS struct {
	fstest.MapFS
	reads *int
}

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	*c.reads++
	return c.MapFS.ReadDir(name)
}
