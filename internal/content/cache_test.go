package content

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/site"
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
	cfg := site.Load(fsys, &d)
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
