package markdown

import (
	"strings"
	"testing"

	"github.com/guong/guong/internal/diag"
)

// TestConvertPictures: the PictureFunc is given the body's local images
// before rendering, and the HTML names what it returned; remote pictures
// and local ones it does not publish are left as written.
func TestConvertPictures(t *testing.T) {
	body := "![Cột mốc](anh/moc.jpg \"Mốc\")\n\n![xa](https://example.org/a.jpg)\n\n![chưa](khac.png)\n"
	var given []string
	pics := func(imgs []Image) Pictures {
		for _, img := range imgs {
			given = append(given, img.File+"@"+img.Pos.String())
		}
		return Pictures{"content/stories/anh/moc.jpg": {Sizes: []Size{
			{URL: "anh/moc-480w.aaaa.jpg", Width: 480, Height: 300},
			{URL: "anh/moc-800w.bbbb.jpg", Width: 800, Height: 500},
			{URL: "anh/moc-1200w.cccc.jpg", Width: 1200, Height: 750},
		}}}
	}
	var diags diag.List
	r := New("/guong/").ConvertPictures("content/stories/lan.md", 5, []byte(body), pics, &diags)
	if len(diags) != 0 {
		t.Fatal(diags.Err())
	}
	if got, want := strings.Join(given, " "), "content/stories/anh/moc.jpg@content/stories/lan.md:5:1 content/stories/khac.png@content/stories/lan.md:9:1"; got != want {
		t.Errorf("given %q, want %q", got, want)
	}
	for _, want := range []string{
		`<img src="/guong/anh/moc-800w.bbbb.jpg" alt="Cột mốc" title="Mốc" srcset="/guong/anh/moc-480w.aaaa.jpg 480w, /guong/anh/moc-800w.bbbb.jpg 800w, /guong/anh/moc-1200w.cccc.jpg 1200w" sizes="` + ImageSizes + `" width="1200" height="750" decoding="async">`,
		`<img src="https://example.org/a.jpg" alt="xa">`,
		`<img src="khac.png" alt="chưa">`,
	} {
		if !strings.Contains(string(r.HTML), want) {
			t.Errorf("no %s in\n%s", want, r.HTML)
		}
	}
	if len(r.Pictures) != 1 {
		t.Errorf("Result.Pictures %v", r.Pictures)
	}
	called := false
	New("/").ConvertPictures("a.md", 1, []byte("Không có ảnh.\n"), func([]Image) Pictures { called = true; return nil }, &diags)
	if called {
		t.Errorf("the PictureFunc was called for a body without pictures")
	}
}

// TestFirstPictureEager: the first picture a body publishes loads at once
// (it may be the page's Largest Contentful Paint) and every later one,
// the same file shown again included, lazily; none is given fetchpriority.
func TestFirstPictureEager(t *testing.T) {
	body := "Mở đầu.\n\n![xa](https://example.org/a.jpg)\n\n![một](mot.jpg)\n\n![hai](hai.jpg)\n\n![lại](mot.jpg)\n"
	size := func(name string) *Picture {
		return &Picture{Sizes: []Size{{URL: "anh/" + name, Width: 800, Height: 500}}}
	}
	pics := func([]Image) Pictures {
		return Pictures{"content/stories/mot.jpg": size("mot.jpg"), "content/stories/hai.jpg": size("hai.jpg")}
	}
	var diags diag.List
	r := New("/").ConvertPictures("content/stories/lan.md", 5, []byte(body), pics, &diags)
	html := string(r.HTML)
	var loading []string
	for _, img := range strings.Split(html, "<img ")[1:] {
		img = img[:strings.Index(img, ">")]
		if !strings.Contains(img, "srcset=") {
			continue
		}
		if strings.Contains(img, "fetchpriority") {
			t.Errorf("fetchpriority in <img %s>", img)
		}
		switch {
		case strings.Contains(img, `loading="lazy"`):
			loading = append(loading, "lazy")
		case strings.Contains(img, "loading="):
			loading = append(loading, "other")
		default:
			loading = append(loading, "eager")
		}
	}
	if got := strings.Join(loading, " "); got != "eager lazy lazy" {
		t.Errorf("loading of the pictures: %q, want \"eager lazy lazy\" in\n%s", got, html)
	}
}
