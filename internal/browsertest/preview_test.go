package browsertest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/guong/guong/internal/browsertest"
	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/scaffold"
	"github.com/guong/guong/internal/server"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// TestPreviewDraft: a story just made by "guong new story" is a draft;
// the preview shows it with its banner, and an edit saved on disk reloads
// the open tab by itself.
func TestPreviewDraft(t *testing.T) {
	dir := t.TempDir()
	siteYAML := []byte("title: \"Gương\"\nbaseURL: \"https://example.gov.vn/guong-dien-hinh/\"\ndepartments:\n  van-phong: {name: \"Văn phòng Sở\"}\n")
	var diags diag.List
	cfg := config.Load(fstest.MapFS{"site.yaml": {Data: siteYAML}}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	now := time.Now()
	rel := scaffold.StoryPath("Chị Lan và bếp ăn", now)
	src := scaffold.Story("Chị Lan và bếp ăn", now, cfg, nil)
	for name, data := range map[string][]byte{"site.yaml": siteYAML, rel: src} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := server.New(sitefs.Dir(dir), build.Options{Dev: true, Drafts: true, Future: true, Themes: themes.FS}, io.Discard)
	if err := srv.Build(ctx, nil); err != nil {
		t.Fatalf("the new story does not build: %v\n%s", err, src)
	}
	hs := httptest.NewUnstartedServer(srv)
	hs.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	hs.Start()
	t.Cleanup(func() { cancel(); hs.Close() })
	watching := make(chan struct{})
	go srv.Watch(ctx, dir, func() { close(watching) })
	<-watching

	b := browsertest.Start(t, 360, 800)
	tab := b.Tab(t, 20*time.Second, true)
	page := hs.URL + "/guong-dien-hinh/bai-viet/chi-lan-va-bep-an/"
	err := chromedp.Do(tab, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`.guong-notice`)))
	if err != nil {
		t.Fatal(err)
	}
	// The story as "guong new story" wrote it has no person yet: the page
	// says so, at the line to fix.
	line, _ := json.Marshal(rel + `:8:9: cảnh báo: "person" không được để trống`)
	until(t, tab, `(document.querySelector('.guong-problems') || {textContent: ""}).textContent.includes(`+string(line)+`)`,
		"the new story's page does not say which line to fix")
	until(t, tab, `document.querySelector('script[data-build]') !== null`, "no live-reload script")
	// The writer fills in the person and saves: the tab reloads by itself
	// and shows the draft with its banner.
	src = bytes.Replace(src, []byte(`person: ""`), []byte(`person: "Hoàng Thị Lan"`), 1)
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), src, 0o644); err != nil {
		t.Fatal(err)
	}
	// The tab may reload more than once (a save can come as two bursts of
	// events): every look waits through reloads.
	until(t, tab, `(document.querySelector('.story-header .unpublished strong') || {}).textContent === "BẢN NHÁP"`,
		"the draft is not shown with its banner once fixed")
	src = bytes.Replace(src, []byte("Chị Lan và bếp ăn"), []byte("Chị Lan và bếp ăn tập thể"), 1)
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), src, 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, tab, `document.querySelector('#tieu-de') !== null && document.querySelector('#tieu-de').textContent === "Chị Lan và bếp ăn tập thể"`,
		"the open tab did not reload with the edit")
}

// until waits for a JavaScript expression to be true in a tab that may
// reload meanwhile: a reload interrupts the wait, which starts again,
// until the tab's time is up.
func until(t *testing.T, tab context.Context, expr, failure string) {
	t.Helper()
	for err := chromedp.Do(tab, wait(expr)); err != nil; err = chromedp.Do(tab, wait(expr)) {
		if tab.Err() != nil {
			t.Fatalf("%s: %v", failure, err)
		}
	}
}
