package desk_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/guong/guong/internal/desk"
)

// TestDeskPreviewPictures: the live body preview shows a picture beside
// the story as it is typed, before any save, from the desk itself; the
// desk serves nothing outside content/, no link, and no file that is not
// a picture.
func TestDeskPreviewPictures(t *testing.T) {
	dir, hs := newSite(t)
	folder := filepath.Join(dir, filepath.Dir(lanFile))
	if err := os.WriteFile(filepath.Join(folder, "anh-moi.png"), pngBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(folder, "ghi-chu.png"), []byte("không phải ảnh"), 0o644)
	os.Symlink(filepath.Join(dir, "site.yaml"), filepath.Join(folder, "lien-ket.png"))
	c := newClient(t, hs)
	page, _ := c.get(desk.Path + "sua?file=" + lanFile)
	fields := formValues(page)
	fields.Set("csrf", c.token)
	fields.Set("body", fields.Get("body")+"\r\n![Ảnh mới](anh-moi.png)\r\n")
	resp, out := c.post(desk.Path+"kiem-tra", fields, nil, map[string]string{"Accept": "application/json"})
	var checked desk.Checked
	if err := json.Unmarshal([]byte(out), &checked); resp.StatusCode != 200 || err != nil {
		t.Fatalf("%d %v\n%s", resp.StatusCode, err, out)
	}
	m := regexp.MustCompile(`<img src="([^"]+)"[^>]*alt="Ảnh mới"`).FindStringSubmatch(string(checked.Body))
	if m == nil {
		t.Fatalf("no picture in the preview:\n%s", checked.Body)
	}
	from, _ := url.Parse(hs.URL + desk.Path + "sua")
	src, _ := url.Parse(m[1])
	got := from.ResolveReference(src)
	if got.Path != desk.Path+"anh/"+filepath.ToSlash(filepath.Dir(lanFile))+"/anh-moi.png" {
		t.Errorf("the picture is shown from %s", got)
	}
	r, err := http.Get(got.String())
	if err != nil || r.StatusCode != 200 || r.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("the picture: %v %v", err, r)
	}
	r.Body.Close()
	for _, p := range []string{"site.yaml", "content/../site.yaml", "content/stories/2022/ghi-chu.png",
		"content/stories/2022/lien-ket.png", "content/stories/2022/khong-co.png", lanFile} {
		r, err := http.Get(hs.URL + desk.Path + "anh/" + p)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want it refused", p, r.StatusCode)
		}
	}
}

// TestDeskTimeControl: the form shows the story's time of day, and a time
// changed there is written back in the story's own format.
func TestDeskTimeControl(t *testing.T) {
	dir, hs := newSite(t)
	c := newClient(t, hs)
	page, _ := c.get(desk.Path + "sua?file=" + lanFile)
	fields := formValues(page)
	if fields.Get("time") != "08:00" {
		t.Fatalf("the time control shows %q, want 08:00", fields.Get("time"))
	}
	fields.Set("csrf", c.token)
	fields.Set("time", "14:30")
	if resp, out := c.post(desk.Path+"luu", fields, nil, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d\n%s", resp.StatusCode, out)
	}
	got, _ := os.ReadFile(filepath.Join(dir, lanFile))
	if !regexp.MustCompile(`(?m)^date: 2022-05-19T14:30:00\+07:00$`).Match(got) {
		t.Errorf("the time is not written back:\n%s", got)
	}
}
