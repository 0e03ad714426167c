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
		`<img src="/guong/anh/moc-800w.bbbb.jpg" alt="Cột mốc" title="Mốc" srcset="/guong/anh/moc-480w.aaaa.jpg 480w, /guong/anh/moc-800w.bbbb.jpg 800w, /guong/anh/moc-1200w.cccc.jpg 1200w" sizes="` + ImageSizes + `" width="1200" height="750" loading="lazy" decoding="async">`,
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
