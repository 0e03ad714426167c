package content

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/images/imagetest"
)

// Real pictures of 2×2 pixels: covers are checked by their header.
var tinyJPEG, tinyPNG = func() (string, string) {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	var j, p bytes.Buffer
	jpeg.Encode(&j, img, nil)
	png.Encode(&p, img)
	return j.String(), p.String()
}()

// TestCoverChecked: a cover is checked by its header when the story is
// read — of an accepted type by its content, not too many pixels, not
// damaged — and each problem is reported at the cover: value, naming the
// file, without decoding the picture.
func TestCoverChecked(t *testing.T) {
	story := func(cover string) []byte {
		return []byte("---\ntitle: \"X\"\ndate: 2023-06-11\nperson: \"P\"\ndepartment: van-phong\nmodel: chuyen-mon\ncover: \"" + cover + "\"\ncoverAlt: \"Ảnh\"\n---\nBài.\n")
	}
	fsys := fstest.MapFS{
		"site.yaml":                 {Data: []byte(refusedSite)},
		"content/stories/a.md":      {Data: story("a.png")},
		"content/stories/a.png":     {Data: []byte(tinyPNG)},
		"content/stories/b.md":      {Data: story("b.jpg")},
		"content/stories/b.jpg":     {Data: []byte(tinyJPEG)},
		"content/stories/lon.md":    {Data: story("lon.png")},
		"content/stories/lon.png":   {Data: []byte(imagetest.PNGHeader(100_000, 100_000))},
		"content/stories/hong.md":   {Data: story("hong.png")},
		"content/stories/hong.png":  {Data: []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 20))},
		"content/stories/nhap.md":   {Data: story("nhap.jpg")},
		"content/stories/nhap.jpg":  {Data: []byte("---\ntitle: bản nháp\n---\n")},
		"content/stories/thumuc.md": {Data: story("thu-muc")},
		"content/stories/thu-muc/x": {Data: []byte("x")},
	}
	got := loadRefused(t, fsys)
	want := `content/stories/hong.md:7:8: cannot read the image "hong.png": the file is damaged or in another format (png: invalid format: invalid checksum)
content/stories/lon.md:7:8: the cover image "lon.png" is too large (100000×100000 pixels); make it smaller than 50 million pixels
content/stories/nhap.md:7:8: file "nhap.jpg" is not a JPEG, PNG, GIF or WebP image
content/stories/thumuc.md:7:8: file "thu-muc" not found
`
	if got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestNamesTooLong: a slug, a tag, a person's name or a cover's file
// name that would make a file name longer than the file system allows
// (255 bytes; the writer failed with a raw "file name too long") is
// reported at its value, with the limit in the characters of an address.
func TestNamesTooLong(t *testing.T) {
	long := strings.Repeat("Trường ", 30) // 210 characters once slugged
	fsys := fstest.MapFS{
		"site.yaml":            {Data: []byte(refusedSite)},
		"content/stories/a.md": {Data: []byte("---\ntitle: \"X\"\ndate: 2023-06-11\nperson: \"" + long + "\"\ndepartment: van-phong\nmodel: chuyen-mon\ntags: [\"ngắn\", \"" + long + "\"]\n---\nBài.\n")},
		"content/stories/b.md": {Data: []byte("---\ntitle: \"X\"\nslug: " + strings.Repeat("a", 201) + "\ndate: 2023-06-11\nperson: \"P\"\ndepartment: van-phong\nmodel: chuyen-mon\ncover: \"" + strings.Repeat("b", 201) + ".png\"\n---\nBài.\n")},
		"content/stories/" + strings.Repeat("b", 201) + ".png": {Data: []byte(tinyPNG)},
	}
	got := loadRefused(t, fsys)
	want := `content/stories/a.md:4:9: the person's name (person) is too long: it makes a name of 209 characters in the page's address, at most 200 (without diacritics); shorten it
content/stories/a.md:7:16: the tag is too long: it makes a name of 209 characters in the page's address, at most 200 (without diacritics); shorten it
content/stories/b.md:3:7: the slug is too long: it makes a name of 201 characters in the page's address, at most 200 (without diacritics); shorten it
content/stories/b.md:8:8: the cover's file name is too long: it makes a name of 201 characters in the page's address, at most 200 (without diacritics); shorten it
`
	if got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}
