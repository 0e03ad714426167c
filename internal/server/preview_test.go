package server

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// draftSite writes a site with a published story, a draft and a story
// scheduled after the build's date, and returns its folder.
func draftSite(t *testing.T) string {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml":                  "title: \"Gương\"\ndepartments:\n  van-phong: {name: \"Văn phòng Sở\"}\n",
		"content/stories/da-dang.md": story("Đã đăng", "Bài đã đăng."),
		"content/stories/nhap.md":    strings.Replace(story("Bài nháp", "Đang viết."), "---\n", "---\ndraft: true\n", 1),
		"content/stories/hen.md":     strings.Replace(story("Bài hẹn", "Đăng sau."), "date: 2023-06-11", "date: 2030-01-02", 1),
	})
	return dir
}

// serveSite builds the site in dir for the preview and serves it.
func serveSite(t *testing.T, dir string, opts build.Options) string {
	t.Helper()
	opts.Dev, opts.Themes, opts.Now = true, themes.FS, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	srv := New(sitefs.Dir(dir), opts, io.Discard)
	if err := srv.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs.URL
}

// TestPreviewShowsDrafts: the preview shows a draft and a scheduled story
// with their banners, and its home page lists them with what to do.
func TestPreviewShowsDrafts(t *testing.T) {
	base := serveSite(t, draftSite(t), build.Options{Drafts: true, Future: true})
	for path, banner := range map[string]string{"/bai-viet/nhap/": "BẢN NHÁP", "/bai-viet/hen/": "HẸN GIỜ ĐĂNG"} {
		code, body, _ := get(t, base+path)
		if code != 200 || !strings.Contains(body, `<p class="unpublished" role="note"><strong>`+banner) {
			t.Errorf("%s: %d, no banner %q", path, code, banner)
		}
	}
	if _, body, _ := get(t, base+"/bai-viet/da-dang/"); strings.Contains(body, `class="unpublished"`) {
		t.Errorf("a published story has a banner")
	}
	if _, body, _ := get(t, base+"/"); !strings.Contains(body, "unpublished-tag") {
		t.Errorf("the home page's cards do not mark the unpublished stories")
	}
	code, body, _ := get(t, base+HomePath)
	if code != 200 || !strings.Contains(body, "Bài chưa đăng (2)") || !strings.Contains(body, `href="/bai-viet/nhap/"`) ||
		!strings.Contains(body, "content/stories/hen.md") || !strings.Contains(body, "hẹn đăng ngày 2/1/2030") {
		t.Errorf("the preview's home page: %d\n%s", code, body)
	}
}

// TestPreviewHiddenDraft: told to hide drafts, the preview's 404 page for
// a draft's address says why it is missing.
func TestPreviewHiddenDraft(t *testing.T) {
	base := serveSite(t, draftSite(t), build.Options{})
	code, body, _ := get(t, base+"/bai-viet/nhap/")
	if code != 404 || !strings.Contains(body, "là bản nháp (draft: true)") || !strings.Contains(body, "--drafts=false") {
		t.Errorf("a hidden draft's page: %d\n%s", code, body)
	}
	if code, body, _ := get(t, base+"/bai-viet/hen/"); code != 404 || !strings.Contains(body, "hẹn đăng ngày 2/1/2030") {
		t.Errorf("a hidden scheduled story's page: %d", code)
	}
	if _, body, _ := get(t, base+"/bai-viet/khong-co/"); strings.Contains(body, "Bản xem trước:") {
		t.Errorf("a page that does not exist at all gets a draft's notice")
	}
}
