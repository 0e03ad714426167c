package images

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images/imagetest"
)

// TestCheckFile: a body image is checked by its content, as covers are:
// pictures of the accepted types pass with their size; a text or a
// draft's Markdown named .jpg, a damaged header, too many pixels, a
// folder, a named pipe and a missing file are refused, and Report turns
// each into the catalogue's diagnostic at the position given.
func TestCheckFile(t *testing.T) {
	jpg := encodeJPEG(t, gradient(40, 30, false))
	pngData := encodePNG(t, gradient(20, 10, true))
	huge := []byte(imagetest.PNGHeader(100_000, 100_000))
	fsys := fstest.MapFS{
		"a.jpg":       {Data: jpg},
		"b.png":       {Data: pngData},
		"ghi-chu.jpg": {Data: []byte("ghi chú riêng, không phải ảnh")},
		"nhap.md":     {Data: []byte("---\ntitle: bản nháp\n---\nBí mật.\n")},
		"hong.jpg":    {Data: jpg[:20]},
		"lon.png":     {Data: huge},
		"thu-muc/x":   {Data: []byte("x")},
		"ong.jpg":     {Mode: fs.ModeNamedPipe},
	}
	for name, want := range map[string]Info{"a.jpg": {"jpeg", 40, 30}, "b.png": {"png", 20, 10}} {
		if got, err := CheckFile(fsys, name); err != nil || got != want {
			t.Errorf("CheckFile(%s) = %+v, %v; want %+v", name, got, err, want)
		}
	}
	pos := diag.Position{File: "content/stories/lan.md", Line: 12, Col: 3}
	for name, want := range map[string]string{
		"ghi-chu.jpg":  `content/stories/lan.md:12:3: file "ghi-chu.jpg" is not a JPEG, PNG, GIF or WebP image`,
		"nhap.md":      `content/stories/lan.md:12:3: file "nhap.md" is not a JPEG, PNG, GIF or WebP image`,
		"hong.jpg":     `content/stories/lan.md:12:3: cannot read the image "hong.jpg": the file is damaged or in another format (jpeg: unexpected EOF)`,
		"lon.png":      `content/stories/lan.md:12:3: the image "lon.png" is too large (100000×100000 pixels); make it smaller than 50 million pixels`,
		"thu-muc":      `content/stories/lan.md:12:3: file "thu-muc" not found`,
		"khong-co.jpg": `content/stories/lan.md:12:3: file "khong-co.jpg" not found`,
		"ong.jpg":      `content/stories/lan.md:12:3: "ong.jpg" is not a regular file (it is a named pipe, a device or a socket); guong reads only regular files: replace it with a file`,
	} {
		_, err := CheckFile(fsys, name)
		if err == nil {
			t.Errorf("CheckFile(%s) accepted it", name)
			continue
		}
		var d diag.List
		Report(&d, pos, BodyWord, name, err)
		if len(d) != 1 || d[0].Format("en") != want {
			t.Errorf("CheckFile(%s): %v reported as %v; want %s", name, err, d, want)
		}
	}
	if _, err := Check(strings.NewReader("GIF89a\x01\x00\x01\x00\x00\x00\x00")); err != nil {
		t.Errorf("a GIF header: %v", err)
	}
	if _, err := Check(bytes.NewReader(huge)); !errors.As(err, new(*TooLargeError)) {
		t.Errorf("Check(a 100,000² header) = %v, want a TooLargeError", err)
	}
}

// TestBudget: decodes take what their picture costs from the budget and
// wait for it: several covers resized at once never hold more than the
// budget, and a cover costing more than all of it is resized alone, not
// refused.
func TestBudget(t *testing.T) {
	src := encodeJPEG(t, gradient(1600, 1000, false))
	format, cfg, err := decodeConfig(src)
	if err != nil || format != "jpeg" {
		t.Fatal(format, err)
	}
	sizes, _ := plan(cfg.Width, cfg.Height, []int{480, 800, 1200}, JPEG)
	one := cost(cfg, 1, cfg.Width, cfg.Height, sizes[len(sizes)-1])
	for _, size := range []int64{one + one/2, one / 3} {
		b := NewBudget(size)
		var wg sync.WaitGroup
		for range 6 {
			wg.Go(func() {
				if _, err := New(nil).WithBudget(b).Cover(src); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if peak := b.Peak(); peak > size || peak < min(one, size) {
			t.Errorf("budget %d: peak %d, want between %d and the budget", size, peak, min(one, size))
		}
		if b.free != b.size {
			t.Errorf("budget %d: %d left after every decode ended", size, b.free)
		}
	}
}
