package desk_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/desk"
	"github.com/guong/guong/internal/server"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/internal/sitetest"
	"github.com/guong/guong/themes"
)

// TestDeskListsWithoutSnapshot: when the very first build fails there is
// no snapshot, and the form still offers the site's departments and
// models (site.yaml), its campaigns, people and tags (what the content
// loader could read), so the writer can repair the story from the desk.
func TestDeskListsWithoutSnapshot(t *testing.T) {
	dir := sitetest.Copy(t)
	broken := "---\ntitle: \"Hỏng\"\ndate: 2024-01-02\nperson: \"Ai đó\"\ndepartment: \"khong-co\"\nmodel: \"khong-co\"\n---\nThân bài.\n"
	if err := os.WriteFile(filepath.Join(dir, "content/stories/2024/hong.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Dev: true, Drafts: true, Future: true, Themes: themes.FS}
	srv := server.New(sitefs.Dir(dir), opts, io.Discard)
	if err := srv.Build(context.Background(), nil); err == nil || srv.Snapshot() != nil {
		t.Fatalf("the broken story did not fail the first build (%v), or there is a snapshot", err)
	}
	hs := serveDesk(t, dir, srv, opts)
	c := newClient(t, hs)
	form, _ := c.get(desk.Path + "moi")
	list, _ := c.get(desk.Path)
	for _, want := range []string{
		`value="phong-quan-ly-bien-gioi"`, // a department, from site.yaml
		`value="dan-van-kheo"`,            // a model, from site.yaml
		`value="bien-gioi-hoa-binh"`,      // a campaign, from content/campaigns
		`<option value="Hoàng Thị Lan"`,   // a person, from the stories
		`<option value="cửa khẩu">`,       // a tag, from the stories
	} {
		if !strings.Contains(form, want) {
			t.Errorf("the form without a snapshot has no %s", want)
		}
	}
	if !strings.Contains(list, `<option value="bien-gioi-hoa-binh"`) {
		t.Error("the list's campaign filter is empty without a snapshot")
	}
}

// TestDeskFont: the desk's style sheet sets its text in server.TextFont,
// the one stack the error overlay uses too.
func TestDeskFont(t *testing.T) {
	_, hs := newSite(t)
	c := newClient(t, hs)
	css, status := c.get(desk.Path + "desk.css")
	if status != 200 || !strings.Contains(css, "html{font:16px/1.5 "+server.TextFont+";") || strings.Contains(css, server.FontPlaceholder) {
		t.Errorf("%d: the desk's font is not server.TextFont:\n%.300s", status, css)
	}
}
