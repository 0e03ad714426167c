package content

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
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

// hugePNG is the header of a PNG announcing w×h pixels, with nothing after.
func hugePNG(w, h uint32) string {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	chunk := binary.BigEndian.AppendUint32(nil, 13)
	chunk = append(chunk, "IHDR"...)
	chunk = append(chunk, ihdr...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return "\x89PNG\r\n\x1a\n" + string(chunk)
}

// TestCoverChecked: a cover is checked by its header when the story is
// read — of an accepted type by its content, not too many pixels, not
// damaged — and each problem is reported at the cover: value, naming the
// file, without decoding the picture.
func TestCoverChecked(t *testing.T) {
	story := func(cover string) []byte {
		return []byte("---\ntitle: \"X\"\ndate: 2023-06-11\nperson: \"P\"\ndepartment: van-phong\nmodel: chuyen-mon\ncover: \"" + cover + "\"\n---\nBài.\n")
	}
	fsys := fstest.MapFS{
		"site.yaml":                 {Data: []byte(refusedSite)},
		"content/stories/a.md":      {Data: story("a.png")},
		"content/stories/a.png":     {Data: []byte(tinyPNG)},
		"content/stories/b.md":      {Data: story("b.jpg")},
		"content/stories/b.jpg":     {Data: []byte(tinyJPEG)},
		"content/stories/lon.md":    {Data: story("lon.png")},
		"content/stories/lon.png":   {Data: []byte(hugePNG(100_000, 100_000))},
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
