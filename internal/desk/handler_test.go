package desk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/desk"
	"github.com/guong/guong/internal/server"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/internal/sitetest"
	"github.com/guong/guong/themes"
)

const lanFile = "content/stories/2022/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi.md"

// newSite copies the sample site into a temporary folder and serves it as
// guong serve does, the desk mounted; it returns the folder and the
// address.
func newSite(t *testing.T) (string, *httptest.Server) {
	t.Helper()
	dir := sitetest.Copy(t)
	opts := build.Options{Dev: true, Drafts: true, Future: true, Themes: themes.FS}
	srv := server.New(sitefs.Dir(dir), opts, io.Discard)
	if err := srv.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return dir, serveDesk(t, dir, srv, opts)
}

// serveDesk mounts the desk of the site in dir on the preview srv, as
// guong serve does, and serves it.
func serveDesk(t *testing.T, dir string, srv *server.Server, opts build.Options) *httptest.Server {
	srv.MountDesk(desk.Path, desk.New(desk.Options{Root: dir, Site: sitefs.Dir(dir), Build: opts, Snapshot: srv.Snapshot}))
	hs := httptest.NewServer(server.Guard(srv, "127.0.0.1"))
	t.Cleanup(hs.Close)
	return hs
}

// client is a browser's session with the desk: its cookie and token.
type client struct {
	t     *testing.T
	hs    *httptest.Server
	http  *http.Client
	token string
}

var tokenRE = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

func newClient(t *testing.T, hs *httptest.Server) *client {
	jar, _ := cookiejar.New(nil)
	c := &client{t: t, hs: hs, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	body, status := c.get(desk.Path + "sua?file=" + lanFile)
	m := tokenRE.FindStringSubmatch(body)
	if status != 200 || m == nil {
		t.Fatalf("the form: %d, no token\n%s", status, body)
	}
	c.token = m[1]
	return c
}

func (c *client) get(p string) (string, int) {
	resp, err := c.http.Get(c.hs.URL + p)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), resp.StatusCode
}

// post sends a multipart form, as the desk's page does, with the headers
// given (Origin is the desk's own unless given).
func (c *client) post(p string, fields url.Values, files map[string][]byte, header map[string]string) (*http.Response, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, _ := w.CreateFormFile("coverFile", name)
		fw.Write(data)
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, c.hs.URL+p, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", c.hs.URL)
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	if header["Host"] != "" {
		req.Host = header["Host"]
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// newStory is the form of a new story.
func (c *client) newStory(title string) url.Values {
	return url.Values{"csrf": {c.token}, "file": {""}, "base": {""}, "title": {title}, "date": {"2024-03-08"},
		"person": {"Hoàng Thị Lan"}, "collective": {"false"}, "department": {"phong-quan-ly-bien-gioi"},
		"model": {"dan-van-kheo"}, "campaigns": {"bien-gioi-hoa-binh"}, "tag": {"biên giới", ""},
		"coverAlt": {"Cột mốc"}, "award-kind": {""}, "body": {"Nội dung bài.\r\n\r\n## Mục một\r\n"}}
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDeskRefuses(t *testing.T) {
	dir, hs := newSite(t)
	c := newClient(t, hs)
	form := c.newStory("Bài không được lưu")
	noToken := url.Values{}
	for k, v := range form {
		noToken[k] = v
	}
	noToken.Del("csrf")
	for _, tc := range []struct {
		name   string
		fields url.Values
		header map[string]string
	}{
		{"no CSRF token", noToken, nil},
		{"a wrong CSRF token", withField(form, "csrf", strings.Repeat("0", 64)), nil},
		{"a foreign Origin", form, map[string]string{"Origin": "http://evil.example"}},
		{"another port's Origin", form, map[string]string{"Origin": "http://127.0.0.1:1"}},
		{"no Origin", form, map[string]string{"Origin": ""}},
		{"a foreign Host", form, map[string]string{"Host": "evil.example"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := c.post(desk.Path+"luu", tc.fields, nil, tc.header)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("status %d, want 403\n%s", resp.StatusCode, body)
			}
		})
	}
	// Nothing was written by any of them.
	if entries, _ := os.ReadDir(filepath.Join(dir, "content/stories/2024")); len(entries) != 3 {
		t.Errorf("content/stories/2024 holds %d files", len(entries))
	}
	// A foreign Host cannot read the desk either.
	req, _ := http.NewRequest(http.MethodGet, hs.URL+desk.Path, nil)
	req.Host = "evil.example:80"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a foreign Host reads the desk: %v %v", resp.StatusCode, err)
	}
}

func withField(v url.Values, k, x string) url.Values {
	out := url.Values{}
	for kk, vv := range v {
		out[kk] = vv
	}
	out.Set(k, x)
	return out
}

// TestDeskLoopbackOnly: a preview bound to every interface answers the
// machine's own addresses, but the desk only loopback ones.
func TestDeskLoopbackOnly(t *testing.T) {
	h := server.Loopback(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) }))
	for host, want := range map[string]int{"127.0.0.1:1313": 200, "localhost:1313": 200, "[::1]:1313": 200,
		"192.168.1.20:1313": 403, "10.0.0.1": 403, "evil.example": 403, "127.0.0.1.evil.example": 403} {
		req := httptest.NewRequest(http.MethodGet, desk.Path, nil)
		req.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != want {
			t.Errorf("Host %s: %d, want %d", host, w.Code, want)
		}
	}
}

func TestDeskCreateWithCover(t *testing.T) {
	dir, hs := newSite(t)
	c := newClient(t, hs)
	resp, body := c.post(desk.Path+"luu", c.newStory("Chị Lan và tổ tự quản đường biên"), map[string][]byte{"Cột mốc.PNG": pngBytes(t)}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	rel := "content/stories/2024/chi-lan-va-to-tu-quan-duong-bien.md"
	if loc := resp.Header.Get("Location"); !strings.Contains(loc, url.QueryEscape(rel)) {
		t.Errorf("redirected to %s", loc)
	}
	data, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title: "Chị Lan và tổ tự quản đường biên"`, "date: 2024-03-08\n", `cover: "cot-moc.png"`, `tags: ["biên giới"]`, "---\nNội dung bài.\n\n## Mục một\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("no %q in\n%s", want, data)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/stories/2024/cot-moc.png")); err != nil {
		t.Error(err)
	}
	// The same title again takes another file.
	resp, _ = c.post(desk.Path+"luu", c.newStory("Chị Lan và tổ tự quản đường biên"), nil, nil)
	if !strings.Contains(resp.Header.Get("Location"), "duong-bien-2.md") {
		t.Errorf("the second story went to %s", resp.Header.Get("Location"))
	}
}

func TestDeskUploadRefused(t *testing.T) {
	dir, hs := newSite(t)
	c := newClient(t, hs)
	for name, data := range map[string][]byte{
		"anh.jpg": []byte("<html>not a picture</html>"),
		"lon.png": append(pngBytes(t), make([]byte, desk.MaxUpload)...),
		"anh.gif": []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
	} {
		t.Run(name, func(t *testing.T) {
			resp, body := c.post(desk.Path+"luu", c.newStory("Bài có ảnh hỏng "+name), map[string][]byte{name: data}, nil)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 422", resp.StatusCode)
			}
			if !strings.Contains(body, "Ảnh quá lớn") && !strings.Contains(body, "không phải ảnh JPEG, PNG hay WebP") {
				t.Errorf("the page does not say why:\n%s", body)
			}
		})
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content/stories/2024")); len(entries) != 3 {
		t.Errorf("content/stories/2024 holds %d files", len(entries))
	}
	// A request larger than the desk takes at all.
	resp, _ := c.post(desk.Path+"luu", c.newStory("Bài quá lớn"), map[string][]byte{"x.png": make([]byte, desk.MaxRequest+1)}, nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversize request: %d", resp.StatusCode)
	}
}

func TestDeskConflictAndCheck(t *testing.T) {
	dir, hs := newSite(t)
	c := newClient(t, hs)
	path := filepath.Join(dir, lanFile)
	orig, _ := os.ReadFile(path)
	form, _ := desk.Load(lanFile, orig)
	fields := url.Values{"csrf": {c.token}, "file": {lanFile}, "base": {desk.Hash(orig)}, "title": {"Tiêu đề mới"},
		"date": {"2022-05-19"}, "dateText": {form.Date}, "person": {form.Person}, "collective": {"false"},
		"department": {form.Department}, "model": {"dan-van-kheoo"}, "body": {string(form.Body)}}
	// The check answers at the field, in Vietnamese.
	resp, body := c.post(desk.Path+"kiem-tra", fields, nil, map[string]string{"Accept": "application/json"})
	var checked desk.Checked
	if err := json.Unmarshal([]byte(body), &checked); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v\n%s", resp.StatusCode, err, body)
	}
	if len(checked.Problems) == 0 || checked.Problems[0].Field != "model" || !strings.Contains(checked.Problems[0].Message, "không có loại mô hình") {
		t.Errorf("problems %+v", checked.Problems)
	}
	// The file changes on disk meanwhile: the save is refused with both versions.
	os.WriteFile(path, append(orig, "\nThêm ở nơi khác.\n"...), 0o644)
	fields.Set("model", "dan-van-kheo")
	resp, body = c.post(desk.Path+"luu", fields, nil, nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Thêm ở nơi khác.") || !strings.Contains(body, "Tiêu đề mới") {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	// Keeping mine, from the conflict page.
	raw := regexp.MustCompile(`name="raw" value="([^"]*)"`).FindStringSubmatch(body)
	diskHash := regexp.MustCompile(`name="base" value="([0-9a-f]*)"`).FindStringSubmatch(body)
	if raw == nil || diskHash == nil {
		t.Fatal("no choice on the conflict page")
	}
	mine := htmlUnescape(raw[1])
	resp, _ = c.post(desk.Path+"luu", url.Values{"csrf": {c.token}, "file": {lanFile}, "base": {diskHash[1]}, "raw": {mine}}, nil, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("keeping mine: %d", resp.StatusCode)
	}
	if got, _ := os.ReadFile(path); string(got) != mine || !strings.Contains(mine, `title: "Tiêu đề mới"`) {
		t.Errorf("the file holds\n%s", got)
	}
}

func htmlUnescape(s string) string {
	r := strings.NewReplacer("&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&#43;", "+", "&amp;", "&", "&#10;", "\n", "&#xA;", "\n")
	return r.Replace(s)
}

// TestDeskFromPreview: every preview page links to the desk, and the link
// of a story's page opens that story's form.
func TestDeskFromPreview(t *testing.T) {
	_, hs := newSite(t)
	c := newClient(t, hs)
	page, _ := c.get("/guong-dien-hinh/bai-viet/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi/")
	if !strings.Contains(page, `data-desk="`+desk.Path+`"`) {
		t.Fatal("the story's page does not link to the desk")
	}
	home, _ := c.get("/__guong/")
	if !strings.Contains(home, `href="`+desk.Path+`"`) {
		t.Error("the preview's home does not link to the desk")
	}
	form, status := c.get(desk.Path + "sua?page=" + url.QueryEscape("/guong-dien-hinh/bai-viet/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi/"))
	if status != 200 || !strings.Contains(form, `name="file" value="`+lanFile+`"`) {
		t.Errorf("the page's link opens %d\n%s", status, form)
	}
}

// TestDeskURLEncoded: a form sent without a file (urlencoded, as a browser
// sends one without an upload) is taken too, and refused the same way.
func TestDeskURLEncoded(t *testing.T) {
	dir, hs := newSite(t)
	c := newClient(t, hs)
	send := func(fields url.Values, origin string) int {
		req, _ := http.NewRequest(http.MethodPost, hs.URL+desk.Path+"luu", strings.NewReader(fields.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", origin)
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := send(c.newStory("Bài gửi thường"), "http://evil.example"); code != http.StatusForbidden {
		t.Errorf("a foreign origin: %d", code)
	}
	if code := send(c.newStory("Bài gửi thường"), hs.URL); code != http.StatusSeeOther {
		t.Errorf("the desk's own: %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/stories/2024/bai-gui-thuong.md")); err != nil {
		t.Error(err)
	}
}

// TestDeskProblemsLinkToFields: every problem the check finds names a
// control the form has, by its id, for the summary's links.
func TestDeskProblemsLinkToFields(t *testing.T) {
	dir, hs := newSite(t)
	rel := "content/stories/2026/bai-loi.md"
	src := "---\ntitle: \"\"\ndate: 31/02/2026\nperson: \"\"\nposition: \" Chuyên viên\u00a0\"\ngender: khac\ncollective: yes\ndepartment: phong-lanh-suu\n" +
		"model: dan-van-kheoo\ncampaigns: [khong-co]\ntags: [\"" + strings.Repeat("dài ", 40) + "\"]\nsummary: 12\ncover: khong-co.jpg\n" +
		"awards:\n  - {kind: bang-khen-tinhh, decision: \"12 QĐ\", date: 2025-13-01, year: 3000}\nauthor: true\nsource: [a]\nslug: Sai Slug\n---\n[x](javascript:1)\n"
	os.MkdirAll(filepath.Join(dir, "content/stories/2026"), 0o755)
	os.WriteFile(filepath.Join(dir, rel), []byte(src), 0o644)
	c := newClient(t, hs)
	page, status := c.get(desk.Path + "sua?file=" + rel)
	if status != 200 {
		t.Fatalf("%d\n%s", status, page)
	}
	form, _ := desk.Load(rel, []byte(src))
	got := desk.Check(context.Background(), nil, sitefs.Dir(dir), build.Options{}, rel, form)
	fields := map[string]bool{}
	for _, p := range got.Problems {
		fields[p.Field] = true
		if p.Input != "" && !strings.Contains(page, `id="`+p.Input+`"`) {
			t.Errorf("%s: no control %q for %q", p.Field, p.Input, p.Message)
		}
		if p.Input != "" && !strings.Contains(page, `href="#`+p.Input+`"`) {
			t.Errorf("the summary does not link to %q", p.Input)
		}
	}
	if len(fields) < 10 {
		t.Errorf("only %d fields with problems: %v", len(fields), got.Problems)
	}
}

// TestDeskDeleteRestore: deleting moves the story to its backups, the
// list names it, and restoring brings the same bytes back.
func TestDeskDeleteRestore(t *testing.T) {
	dir, hs := newSite(t)
	c := newClient(t, hs)
	path := filepath.Join(dir, lanFile)
	orig, _ := os.ReadFile(path)
	resp, body := c.post(desk.Path+"xoa", url.Values{"csrf": {c.token}, "file": {lanFile}, "base": {desk.Hash([]byte("stale"))}}, nil, nil)
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("a stale delete: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = c.post(desk.Path+"xoa", url.Values{"csrf": {c.token}, "file": {lanFile}, "base": {desk.Hash(orig)}}, nil, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the story is still there: %v", err)
	}
	list, _ := c.get(desk.Path)
	if !strings.Contains(list, "ban-luu?file=") || !strings.Contains(list, ">"+lanFile+"</a>") {
		t.Error("the list does not name the deleted story")
	}
	page, _ := c.get(desk.Path + "ban-luu?file=" + lanFile)
	name := regexp.MustCompile(`name="name" value="([^"]+)"`).FindStringSubmatch(page)
	if name == nil {
		t.Fatalf("no backup to restore:\n%s", page)
	}
	resp, _ = c.post(desk.Path+"khoi-phuc", url.Values{"csrf": {c.token}, "file": {lanFile}, "base": {""}, "name": {name[1]}}, nil, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", resp.StatusCode)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
		t.Error("the restored story differs")
	}
}

// TestDeskSaveUnchanged: a form saved as it was opened leaves the file's
// bytes as they are, even where the canonical form would differ.
func TestDeskSaveUnchanged(t *testing.T) {
	dir, hs := newSite(t)
	c := newClient(t, hs)
	path := filepath.Join(dir, lanFile)
	orig, _ := os.ReadFile(path)
	form, _ := desk.Load(lanFile, orig)
	if bytes.Equal(form.Bytes(), orig) {
		t.Fatal("the sample story is canonical already: the test would prove nothing")
	}
	page, _ := c.get(desk.Path + "sua?file=" + lanFile)
	fields := formValues(page)
	fields.Set("csrf", c.token)
	resp, body := c.post(desk.Path+"luu", fields, nil, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d\n%s", resp.StatusCode, body)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
		t.Errorf("an unchanged save rewrote the file:\n%s", got)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, desk.BackupsDir)); len(entries) != 0 {
		t.Error("an unchanged save made a backup")
	}
}

// formValues reads the values a browser would send from the story form
// of a page: inputs (checked ones for boxes), selects' selected options,
// textareas.
func formValues(page string) url.Values {
	v := url.Values{}
	page = page[strings.Index(page, `id="story-form"`):]
	page = page[:strings.Index(page, "</form>")]
	attr := func(tag, name string) (string, bool) {
		m := regexp.MustCompile(`\b` + name + `="([^"]*)"`).FindStringSubmatch(tag)
		if m == nil {
			return "", false
		}
		return htmlUnescape(m[1]), true
	}
	for _, tag := range regexp.MustCompile(`<input[^>]*>`).FindAllString(page, -1) {
		name, ok := attr(tag, "name")
		typ, _ := attr(tag, "type")
		if !ok || typ == "file" || (typ == "checkbox" || typ == "radio") && !strings.Contains(tag, " checked") {
			continue
		}
		val, _ := attr(tag, "value")
		v.Add(name, val)
	}
	for _, m := range regexp.MustCompile(`(?s)<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(page, -1) {
		if sel := regexp.MustCompile(`<option value="([^"]*)" selected`).FindStringSubmatch(m[2]); sel != nil {
			v.Add(m[1], htmlUnescape(sel[1]))
		} else {
			v.Add(m[1], "")
		}
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea[^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>`).FindAllStringSubmatch(page, -1) {
		v.Add(m[1], htmlUnescape(m[2]))
	}
	return v
}

// TestDeskEnglish: a site whose language is English gets the desk in
// English, its problems too.
func TestDeskEnglish(t *testing.T) {
	dir, hs := newSite(t)
	cfg, _ := os.ReadFile(filepath.Join(dir, "site.yaml"))
	os.WriteFile(filepath.Join(dir, "site.yaml"), bytes.Replace(cfg, []byte(`language: "vi"`), []byte(`language: "en"`), 1), 0o644)
	c := newClient(t, hs)
	page, _ := c.get(desk.Path + "sua?file=" + lanFile)
	for _, want := range []string{`<html lang="en">`, "Writer&#39;s desk", "Model type", "State: Published"} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in the English desk", want)
		}
	}
	fields := formValues(page)
	fields.Set("csrf", c.token)
	fields.Set("model", "dan-van-kheoo")
	_, body := c.post(desk.Path+"kiem-tra", fields, nil, map[string]string{"Accept": "application/json"})
	if !strings.Contains(body, `unknown model \"dan-van-kheoo\" (did you mean \"dan-van-kheo\"?)`) {
		t.Errorf("the check: %s", body)
	}
	if strings.Contains(body, "không có") {
		t.Errorf("a Vietnamese message on an English site: %s", body)
	}
}
