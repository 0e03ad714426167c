package server

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// writeSite writes files under dir.
func writeSite(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func story(title, body string) string {
	return "---\ntitle: \"" + title + "\"\ndate: 2023-06-11\nperson: \"Hoàng Thị Lan\"\ndepartment: van-phong\nmodel: dan-van-kheo\n---\n" + body + "\n"
}

// sse reads Server-Sent Events from the server.
type sse struct {
	events chan [2]string // name, data
}

// listen opens the event stream of a tab showing the page at path.
func listen(t testing.TB, ctx context.Context, url, path string) *sse {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+EventsPath+"?page="+neturl.QueryEscape(path), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events served as %q", ct)
	}
	s := &sse{events: make(chan [2]string, 64)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				s.events <- [2]string{name, strings.TrimPrefix(line, "data: ")}
			}
		}
	}()
	return s
}

// next waits for the next event called name, skipping others.
func (s *sse) next(t testing.TB, name string) map[string]any {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-s.events:
			if e[0] != name {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(e[1]), &m); err != nil {
				t.Fatal(err)
			}
			return m
		case <-timeout:
			t.Fatalf("no %q event within 10 s", name)
		}
	}
}

func get(t testing.TB, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// start serves the site in dir with live rebuilds, returning its URL.
func start(t testing.TB, dir string) (string, context.Context) {
	url, ctx, _ := startServer(t, dir)
	return url, ctx
}

// startServer is start, also returning the server.
func startServer(t testing.TB, dir string) (string, context.Context, *Server) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv := New(sitefs.Dir(dir), build.Options{Dev: true, Themes: themes.FS}, io.Discard)
	srv.Build(ctx, nil)
	hs := httptest.NewUnstartedServer(srv)
	hs.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	hs.Start()
	// Cancel first: open event streams end with ctx, and Close waits for them.
	t.Cleanup(func() { cancel(); hs.Close() })
	watching := make(chan struct{})
	go srv.Watch(ctx, dir, func() { close(watching) })
	<-watching
	return hs.URL, ctx, srv
}

// TestLivePreview goes through what a writer does with the preview open.
func TestLivePreview(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml":            "title: \"Gương\"\nbaseURL: \"https://example.gov.vn/guong-dien-hinh/\"\ndepartments:\n  van-phong: {name: \"Văn phòng Sở\"}\n",
		"content/stories/a.md": story("Chị Lan", "Lời đầu tiên."),
		"content/stories/b.md": story("Anh Bình", "Bài thứ hai."),
	})
	base, ctx := start(t, dir)
	page := base + "/guong-dien-hinh/bai-viet/a/"

	t.Run("serves at the base path", func(t *testing.T) {
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/guong-dien-hinh/" {
			t.Errorf("/ → %d %s, want a redirect to /guong-dien-hinh/", resp.StatusCode, resp.Header.Get("Location"))
		}
		code, body, h := get(t, page)
		if code != 200 || !strings.Contains(body, "Lời đầu tiên.") {
			t.Fatalf("story page: %d", code)
		}
		if h.Get("Cache-Control") != "no-store" || h.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("headers: %v", h)
		}
		if !strings.Contains(body, ScriptPath) {
			t.Errorf("the live-reload script is not injected")
		}
		css := regexp.MustCompile(`href="?(/guong-dien-hinh/static/css/site[^" >]*\.css)`).FindStringSubmatch(body)
		if css == nil {
			t.Fatalf("no style sheet link in the page")
		}
		code, _, h = get(t, base+css[1])
		if code != 200 || h.Get("Content-Type") != "text/css; charset=utf-8" {
			t.Errorf("style sheet: %d %s", code, h.Get("Content-Type"))
		}
	})

	events := listen(t, ctx, base, "/guong-dien-hinh/bai-viet/a/")
	events.next(t, "state")
	search := listen(t, ctx, base, "/guong-dien-hinh/tim-kiem/")
	search.next(t, "state")

	t.Run("an edit is served and announced", func(t *testing.T) {
		writeSite(t, dir, map[string]string{"content/stories/a.md": story("Chị Lan", "Lời đã sửa.")})
		if ev := events.next(t, "reload"); ev["reload"] != true {
			t.Errorf("the edited story's tab is not told to reload: %v", ev)
		}
		if ev := search.next(t, "reload"); ev["reload"] != false {
			t.Errorf("the search page's tab is told to reload, though its page did not change: %v", ev)
		}
		if _, body, _ := get(t, page); !strings.Contains(body, "Lời đã sửa.") {
			t.Errorf("the edit is not served")
		}
	})

	t.Run("an error is shown and the last good page kept", func(t *testing.T) {
		writeSite(t, dir, map[string]string{"content/stories/a.md": strings.Replace(story("Chị Lan", "Hỏng."), "dan-van-kheo", "dan-van-kheoo", 1)})
		ev := events.next(t, "problems")
		errs := ev["errors"].([]any)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].(string), `content/stories/a.md:6:8: không có loại mô hình "dan-van-kheoo"`) {
			t.Errorf("problems = %v", errs)
		}
		if _, body, _ := get(t, page); !strings.Contains(body, "Lời đã sửa.") {
			t.Errorf("the last good page is not served")
		}
		// A tab opened now learns of the errors at once.
		late := listen(t, ctx, base, "/guong-dien-hinh/")
		if st := late.next(t, "state"); len(st["errors"].([]any)) != 1 {
			t.Errorf("a new tab's state = %v", st)
		}
	})

	t.Run("fixing the file recovers", func(t *testing.T) {
		writeSite(t, dir, map[string]string{"content/stories/a.md": story("Chị Lan", "Đã sửa lỗi.")})
		events.next(t, "reload")
		if _, body, _ := get(t, page); !strings.Contains(body, "Đã sửa lỗi.") {
			t.Errorf("the fixed page is not served")
		}
	})

	t.Run("a deleted story is gone", func(t *testing.T) {
		os.Remove(filepath.Join(dir, "content/stories/b.md"))
		events.next(t, "reload")
		if code, body, _ := get(t, base+"/guong-dien-hinh/bai-viet/b/"); code != 404 || !strings.Contains(body, "Không tìm thấy trang") {
			t.Errorf("deleted story: %d", code)
		}
		if _, body, _ := get(t, base+"/guong-dien-hinh/"); strings.Contains(body, "Anh Bình") {
			t.Errorf("the home page still lists the deleted story")
		}
	})

	t.Run("a story in a new folder is published", func(t *testing.T) {
		os.MkdirAll(filepath.Join(dir, "content/stories/2024/thang-6"), 0o755)
		writeSite(t, dir, map[string]string{"content/stories/2024/thang-6/c.md": story("Chị Cúc", "Bài trong thư mục mới.")})
		deadline := time.Now().Add(10 * time.Second)
		for {
			if code, body, _ := get(t, base+"/guong-dien-hinh/bai-viet/c/"); code == 200 && strings.Contains(body, "Bài trong thư mục mới.") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the story in the new folder was not published")
			}
			events.next(t, "reload")
		}
	})

	t.Run("requests cannot leave the site", func(t *testing.T) {
		os.WriteFile(filepath.Join(dir, "bi-mat.txt"), []byte("bí mật"), 0o644)
		for _, p := range []string{"/guong-dien-hinh/../bi-mat.txt", "/guong-dien-hinh/%2e%2e/bi-mat.txt", "/guong-dien-hinh/..%2fsite.yaml", "/guong-dien-hinh//etc/passwd", "/site.yaml"} {
			req, _ := http.NewRequest("GET", base+p, nil)
			req.URL.Opaque = p // send the path as is, unnormalised
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 404 || strings.Contains(string(body), "bí mật") || strings.Contains(string(body), "baseURL") {
				t.Errorf("GET %s: %d", p, resp.StatusCode)
			}
		}
	})
}

// TestFirstBuildFails: the server starts even when the site has errors,
// shows them, and publishes the site once they are fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml":            "title: \"Gương\"\ndepartments:\n  van-phong: {name: \"Văn phòng Sở\"}\n",
		"content/stories/a.md": "---\ntitle: \"A\"\n",
	})
	base, ctx := start(t, dir)
	code, body, _ := get(t, base+"/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "content/stories/a.md:1:1:") {
		t.Fatalf("first page: %d %s", code, body)
	}
	events := listen(t, ctx, base, "/")
	events.next(t, "state")
	writeSite(t, dir, map[string]string{"content/stories/a.md": story("A", "Xong.")})
	events.next(t, "reload")
	if code, body, _ := get(t, base+"/bai-viet/a/"); code != 200 || !strings.Contains(body, "Xong.") {
		t.Errorf("after the fix: %d", code)
	}
}

func TestWatched(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"site.yaml", true},
		{"content/stories/a.md", true},
		{"themes/default/layouts/story.html", true},
		{"content/stories/.a.md.swp", false},
		{"content/stories/a.md~", false},
		{"content/.git/x", false},
		{"content/stories/4913", false},
		{"public/index.html", false},
		{".guong-cache/x", false},
		{"README.md", false},
	} {
		if got := watched(tc.path); got != tc.want {
			t.Errorf("watched(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// TestSettled: a burst is reported after Quiet only when its files are
// there with something in them; a file missing or empty, as it is halfway
// through an editor's save, makes the watcher wait Unsettled.
func TestSettled(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"content/stories/a.md": story("A", "Lời."),
		"content/stories/e.md": "",
	})
	for _, tc := range []struct {
		name    string
		pending map[string]bool
		want    bool
	}{
		{"a saved file", map[string]bool{"content/stories/a.md": false}, true},
		{"a folder", map[string]bool{"content/stories": false, ".": false}, true},
		{"an emptied file (truncated, not written yet)", map[string]bool{"content/stories/a.md": false, "content/stories/e.md": false}, false},
		{"a new empty file", map[string]bool{"content/stories/e.md": true}, false},
		{"a file gone (renamed away, or deleted)", map[string]bool{"content/stories/b.md": false}, false},
		{"a temporary file, created and gone", map[string]bool{"content/stories/b.md.tmp": true, "content/stories/a.md": false}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := settled(dir, tc.pending); got != tc.want {
				t.Errorf("settled(%v) = %v, want %v", tc.pending, got, tc.want)
			}
		})
	}
}
