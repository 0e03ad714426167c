package browsertest_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"io"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/guong/guong/internal/browsertest"
	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/desk"
	"github.com/guong/guong/internal/server"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/internal/sitetest"
	"github.com/guong/guong/themes"
)

// TestDesk drives the writer's desk as a writer would, in a phone-sized
// window: create a story with a cover through the form, see it in the
// preview, edit its title, meet the conflict dialog when the file changed
// on disk (and keep either version), and restore a backup.
func TestDesk(t *testing.T) {
	dir := sitetest.Copy(t)
	ctx, cancel := context.WithCancel(context.Background())
	opts := build.Options{Dev: true, Drafts: true, Future: true, Themes: themes.FS}
	srv := server.New(sitefs.Dir(dir), opts, io.Discard)
	if err := srv.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	srv.MountDesk(desk.Path, desk.New(desk.Options{Root: dir, Site: sitefs.Dir(dir), Build: opts, Snapshot: srv.Snapshot}))
	hs := httptest.NewUnstartedServer(server.Guard(srv, "127.0.0.1"))
	hs.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	hs.Start()
	t.Cleanup(func() { cancel(); hs.Close() })
	watching := make(chan struct{})
	go srv.Watch(ctx, dir, func() { close(watching) })
	<-watching

	cover := filepath.Join(t.TempDir(), "Cột mốc số 1.jpg")
	var pic bytes.Buffer
	jpeg.Encode(&pic, image.NewRGBA(image.Rect(0, 0, 64, 48)), nil)
	os.WriteFile(cover, pic.Bytes(), 0o644)

	b := browsertest.Start(t, 360, 800)
	tab := b.Tab(t, 60*time.Second, true)
	const rel = "content/stories/2024/chi-lan-giu-cot-moc.md"
	file := filepath.Join(dir, rel)
	page := hs.URL + "/guong-dien-hinh/bai-viet/chi-lan-giu-cot-moc/"

	// A new story, typed with the keyboard; its problems show as it is typed.
	err := chromedp.Do(tab,
		chromedp.Navigate(hs.URL+desk.Path+"moi"),
		chromedp.WaitVisible(chromedp.ID("f-title")),
		chromedp.SendKeys(chromedp.ID("f-title"), "Chị Lan giữ cột mốc"),
	)
	if err != nil {
		t.Fatal(err)
	}
	until(t, tab, `document.querySelector('#p-person').textContent.includes('"person" không được để trống')`,
		"the empty person is not shown at its field as the writer types")
	err = chromedp.Do(tab,
		run(`document.getElementById('f-date').value = '2024-03-08'`),
		chromedp.SendKeys(chromedp.ID("f-person"), "Hoàng Thị Lan"),
		chromedp.SetValue(chromedp.ID("f-department"), "phong-quan-ly-bien-gioi"),
		chromedp.SetValue(chromedp.ID("f-model"), "dan-van-kheo"),
		chromedp.SetUploadFiles(chromedp.ID("f-coverFile"), []string{cover}),
		chromedp.SendKeys(chromedp.ID("f-coverAlt"), "Cột mốc quốc giới"),
		run(`document.getElementById('f-draft').checked = false`),
		run(`document.getElementById('f-body').value = 'Chị Lan cùng bà con giữ cột mốc.\n'`),
		chromedp.SendKeys(chromedp.ID("f-body"), "\n"),
	)
	if err != nil {
		t.Fatal(err)
	}
	until(t, tab, `document.getElementById('sum').textContent === 'Không có lỗi.' || document.getElementById('sum').textContent.startsWith('0 lỗi')`,
		"the finished form still shows errors")
	until(t, tab, `document.getElementById('live').textContent.includes('giữ cột mốc')`, "the body is not previewed")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#story-form button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	until(t, tab, `(document.querySelector('.flash') || {textContent: ''}).textContent.includes('Đã lưu')`, "no saved message")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `cover: "cot-moc-so-1.jpg"`) {
		t.Fatalf("the story:\n%s", data)
	}

	// It is in the preview, with its cover resized like every cover.
	if err := chromedp.Do(tab, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	until(t, tab, `(document.querySelector('#tieu-de') || {}).textContent === 'Chị Lan giữ cột mốc'`, "the new story is not in the preview")
	until(t, tab, `[...document.querySelectorAll('img')].some(i => /cot-moc-so-1-\d+w\./.test(i.currentSrc || i.src))`, "no resized cover")

	// The preview's link opens its form; the title is edited and saved.
	err = chromedp.Do(tab,
		chromedp.Click(chromedp.ID("guong-desk-link")),
		chromedp.WaitVisible(chromedp.ID("f-title")),
		chromedp.SetValue(chromedp.ID("f-title"), "Chị Lan giữ cột mốc nơi biên giới"),
		chromedp.Click(chromedp.CSS(`#story-form button[type=submit]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	until(t, tab, `(document.querySelector('.flash') || {textContent: ''}).textContent.includes('Đã lưu')`, "the edit was not saved")
	if err := chromedp.Do(tab, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	until(t, tab, `(document.querySelector('#tieu-de') || {}).textContent === 'Chị Lan giữ cột mốc nơi biên giới'`, "the edited title is not in the preview")

	// The file changes on disk while the form is open: the conflict
	// dialog shows both, and the writer keeps the one on disk, then
	// (another time) their own.
	for _, keep := range []string{"take-disk", "keep-mine"} {
		err = chromedp.Do(tab,
			chromedp.Navigate(hs.URL+desk.Path+"sua?file="+rel),
			chromedp.WaitVisible(chromedp.ID("f-title")),
			chromedp.SetValue(chromedp.ID("f-title"), "Tiêu đề của tôi "+keep),
		)
		if err != nil {
			t.Fatal(err)
		}
		onDisk, _ := os.ReadFile(file)
		onDisk = bytes.Replace(onDisk, []byte("bà con"), []byte("bà con "+keep), 1)
		os.WriteFile(file, onDisk, 0o644)
		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#story-form button[type=submit]`))); err != nil {
			t.Fatal(err)
		}
		until(t, tab, `document.querySelector('[role=alertdialog]') !== null && document.body.textContent.includes('bà con `+keep+`') && document.body.textContent.includes('Tiêu đề của tôi `+keep+`')`,
			"no conflict dialog with both versions")
		if err := chromedp.Do(tab, chromedp.Click(chromedp.ID(keep))); err != nil {
			t.Fatal(err)
		}
		until(t, tab, `document.getElementById('f-title') !== null`, "the form did not come back")
		got, _ := os.ReadFile(file)
		switch keep {
		case "take-disk":
			if !bytes.Equal(got, onDisk) {
				t.Errorf("taking the disk's version wrote:\n%s", got)
			}
			title, _ := chromedp.Run(tab, chromedp.Value(chromedp.ID("f-title")))
			if title == "Tiêu đề của tôi take-disk" {
				t.Error("the form shows my version, not the disk's")
			}
		case "keep-mine":
			if !strings.Contains(string(got), `title: "Tiêu đề của tôi keep-mine"`) {
				t.Errorf("keeping mine wrote:\n%s", got)
			}
		}
	}

	// A backup is restored: the version before the last save comes back.
	before, _ := os.ReadFile(file)
	err = chromedp.Do(tab,
		chromedp.Navigate(hs.URL+desk.Path+"ban-luu?file="+rel),
		chromedp.WaitVisible(chromedp.CSS(`.backups li:first-child button`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	newest, _ := chromedp.Run(tab, chromedp.TextContent(chromedp.CSS(`.backups li:first-child pre`)))
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.backups li:first-child button`))); err != nil {
		t.Fatal(err)
	}
	until(t, tab, `(document.querySelector('.flash') || {textContent: ''}).textContent.includes('Đã khôi phục')`, "no restored message")
	after, _ := os.ReadFile(file)
	if bytes.Equal(after, before) || string(after) != newest {
		t.Errorf("restoring gave\n%s\nwant the newest backup\n%s", after, newest)
	}
}
