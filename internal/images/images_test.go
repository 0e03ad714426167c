package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"sync"
	"testing"
)

// gradient returns a w×h picture with a smooth gradient and a few shapes,
// like a photo as far as compression is concerned.
func gradient(w, h int, alpha bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := uint8(255)
			if alpha && x < w/4 {
				a = 0
			}
			i := img.PixOffset(x, y)
			copy(img.Pix[i:i+4], []uint8{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) % 256), a})
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withOrientation inserts an EXIF block with the given orientation after
// the start of a JPEG.
func withOrientation(jpg []byte, o uint16, order binary.ByteOrder) []byte {
	tiff := make([]byte, 8+2+12+4)
	if order == binary.LittleEndian {
		copy(tiff, "II")
	} else {
		copy(tiff, "MM")
	}
	order.PutUint16(tiff[2:], 42)
	order.PutUint32(tiff[4:], 8)
	order.PutUint16(tiff[8:], 1)
	order.PutUint16(tiff[10:], 0x0112)
	order.PutUint16(tiff[12:], 3)
	order.PutUint32(tiff[14:], 1)
	order.PutUint16(tiff[18:], o)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// memCache is a Cache in memory.
type memCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (c *memCache) Get(k string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[k]
	return d, ok
}

func (c *memCache) Put(k string, d []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = d
	return nil
}

type size struct{ w, h int }

func TestCoverSizes(t *testing.T) {
	tests := []struct {
		name   string
		src    func(t *testing.T) []byte
		typ    string
		widths []size
		social size
	}{
		{"landscape JPEG", func(t *testing.T) []byte { return encodeJPEG(t, gradient(1600, 1000, false)) },
			JPEG, []size{{480, 300}, {800, 500}, {1200, 750}}, size{1200, 630}},
		{"large photo", func(t *testing.T) []byte { return encodeJPEG(t, gradient(3000, 2000, false)) },
			JPEG, []size{{480, 320}, {800, 533}, {1200, 800}}, size{1200, 630}},
		{"small PNG is never upscaled", func(t *testing.T) []byte { return encodePNG(t, gradient(600, 400, true)) },
			PNG, []size{{480, 320}, {600, 400}}, size{600, 315}},
		{"tiny portrait", func(t *testing.T) []byte { return encodeJPEG(t, gradient(300, 900, false)) },
			JPEG, []size{{300, 900}}, size{300, 158}},
		{"wide panorama", func(t *testing.T) []byte { return encodeJPEG(t, gradient(3000, 500, false)) },
			JPEG, []size{{480, 80}, {800, 133}, {1200, 200}}, size{952, 500}},
		{"quarter-turned phone photo", func(t *testing.T) []byte {
			return withOrientation(encodeJPEG(t, gradient(1600, 1000, false)), 6, binary.BigEndian)
		}, JPEG, []size{{480, 768}, {800, 1280}, {1000, 1600}}, size{1000, 525}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set, err := New(nil, pageWidths...).Cover(tc.src(t))
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Widths) != len(tc.widths) {
				t.Fatalf("%d widths, want %d", len(set.Widths), len(tc.widths))
			}
			for i, want := range tc.widths {
				checkPicture(t, set.Widths[i], want, tc.typ)
			}
			checkPicture(t, set.Social, tc.social, JPEG)
		})
	}
}

// checkPicture decodes p and checks its declared and real size and type.
func checkPicture(t *testing.T, p *Picture, want size, typ string) {
	t.Helper()
	if p.Width != want.w || p.Height != want.h || p.Type != typ {
		t.Errorf("picture is %d×%d %s, want %d×%d %s", p.Width, p.Height, p.Type, want.w, want.h, typ)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(p.Data))
	if err != nil {
		t.Fatalf("output does not decode: %v", err)
	}
	if cfg.Width != p.Width || cfg.Height != p.Height || "image/"+format != p.Type {
		t.Errorf("output is really %d×%d %s, declared %d×%d %s", cfg.Width, cfg.Height, format, p.Width, p.Height, p.Type)
	}
}

func TestCache(t *testing.T) {
	src := encodeJPEG(t, gradient(1600, 1000, false))
	cache := Dir{Root: t.TempDir(), Sub: "images"}

	p1 := New(cache, pageWidths...)
	a, err := p1.Cover(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := p1.Stats(); got != (Stats{Resized: 4}) {
		t.Errorf("first build: %+v, want 4 resized", got)
	}

	// A new Processor, as in the next build: everything from the cache.
	p2 := New(cache, pageWidths...)
	b, err := p2.Cover(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := p2.Stats(); got != (Stats{Cached: 4}) {
		t.Errorf("second build: %+v, want 4 cached", got)
	}
	for i := range a.Widths {
		if !bytes.Equal(a.Widths[i].Data, b.Widths[i].Data) || a.Widths[i].Width != b.Widths[i].Width {
			t.Errorf("width %d differs between the resized and the cached output", i)
		}
	}
	if !bytes.Equal(a.Social.Data, b.Social.Data) {
		t.Errorf("the social picture differs between the resized and the cached output")
	}

	// A changed picture is resized again.
	p3 := New(cache, pageWidths...)
	if _, err := p3.Cover(encodeJPEG(t, gradient(1600, 1001, false))); err != nil {
		t.Fatal(err)
	}
	if got := p3.Stats(); got.Resized != 4 || got.Cached != 0 {
		t.Errorf("changed picture: %+v, want 4 resized", got)
	}

	// A partly cached picture: the missing outputs are made again.
	m := &memCache{m: map[string][]byte{}}
	if _, err := New(m, pageWidths...).Cover(src); err != nil {
		t.Fatal(err)
	}
	for k := range m.m {
		delete(m.m, k)
		break
	}
	p4 := New(m, pageWidths...)
	c, err := p4.Cover(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := p4.Stats(); got != (Stats{Resized: 1, Cached: 3}) {
		t.Errorf("one entry missing: %+v, want 1 resized and 3 cached", got)
	}
	// Whatever the cache held, the bytes are those of a build without it.
	for i := range a.Widths {
		if !bytes.Equal(a.Widths[i].Data, c.Widths[i].Data) {
			t.Errorf("width %d differs when made with a partial cache", i)
		}
	}
	if !bytes.Equal(a.Social.Data, c.Social.Data) {
		t.Errorf("the social picture differs when made with a partial cache")
	}
}

func TestDirCacheKeys(t *testing.T) {
	d := Dir{Root: t.TempDir(), Sub: "images"}
	for _, bad := range []string{"", "../x", "a/b", `a\b`, ".hidden"} {
		if err := d.Put(bad, []byte("x")); err == nil {
			t.Errorf("Put(%q) succeeded", bad)
		}
		if _, ok := d.Get(bad); ok {
			t.Errorf("Get(%q) found something", bad)
		}
	}
	if err := d.Put("k.jpg", []byte("data")); err != nil {
		t.Fatal(err)
	}
	if got, ok := d.Get("k.jpg"); !ok || string(got) != "data" {
		t.Errorf("Get = %q, %v", got, ok)
	}
}

func TestErrors(t *testing.T) {
	if _, err := New(nil).Cover([]byte("not a picture")); !errors.Is(err, ErrFormat) {
		t.Errorf("text: err = %v, want ErrFormat", err)
	}
	// A PNG header announcing 100,000 × 100,000 pixels must be refused
	// before anything is allocated for it.
	huge := []byte("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 100_000)
	binary.BigEndian.PutUint32(ihdr[4:], 100_000)
	ihdr[8], ihdr[9] = 8, 2
	chunk := binary.BigEndian.AppendUint32(nil, 13)
	chunk = append(chunk, "IHDR"...)
	chunk = append(chunk, ihdr...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	var tooLarge *TooLargeError
	if _, err := New(nil).Cover(append(huge, chunk...)); !errors.As(err, &tooLarge) || tooLarge.Width != 100_000 {
		t.Errorf("huge PNG: err = %v, want a TooLargeError", err)
	}
	// A truncated JPEG fails to decode with an error, not a panic.
	src := encodeJPEG(t, gradient(200, 100, false))
	if _, err := New(nil).Cover(src[:len(src)/2]); err == nil {
		t.Errorf("truncated JPEG: no error")
	}
}

func TestOrientation(t *testing.T) {
	jpg := encodeJPEG(t, gradient(16, 8, false))
	for o := uint16(1); o <= 8; o++ {
		for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			if got := Orientation(withOrientation(jpg, o, order)); got != int(o) {
				t.Errorf("Orientation = %d, want %d (%v)", got, o, order)
			}
		}
	}
	if got := Orientation(jpg); got != 1 {
		t.Errorf("no EXIF: Orientation = %d, want 1", got)
	}
	if got := Orientation([]byte{0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff}); got != 1 {
		t.Errorf("truncated segment: Orientation = %d, want 1", got)
	}
}

func TestOrient(t *testing.T) {
	// A 2×2 picture A B / C D, and what each orientation shows upright.
	a, b, c, d := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 255, 0, 255}, color.RGBA{0, 0, 255, 255}, color.RGBA{255, 255, 0, 255}
	src := image.NewRGBA(image.Rect(0, 0, 2, 2))
	src.Set(0, 0, a)
	src.Set(1, 0, b)
	src.Set(0, 1, c)
	src.Set(1, 1, d)
	want := map[int][4]color.RGBA{
		1: {a, b, c, d},
		2: {b, a, d, c},
		3: {d, c, b, a},
		4: {c, d, a, b},
		5: {a, c, b, d},
		6: {c, a, d, b},
		7: {d, b, c, a},
		8: {b, d, a, c},
	}
	for o, w := range want {
		img := Orient(src, o)
		got := [4]color.RGBA{}
		for i := range got {
			got[i] = color.RGBAModel.Convert(img.At(i%2, i/2)).(color.RGBA)
		}
		if got != w {
			t.Errorf("orientation %d: got %v, want %v", o, got, w)
		}
	}

	// A wide photo stored sideways (orientation 6) comes out tall, with
	// what was on its left side on top.
	wide := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			if x < 20 {
				wide.Set(x, y, color.RGBA{255, 0, 0, 255})
			} else {
				wide.Set(x, y, color.RGBA{0, 0, 255, 255})
			}
		}
	}
	up := Orient(wide, 6)
	if b := up.Bounds(); b.Dx() != 20 || b.Dy() != 40 {
		t.Fatalf("upright size %v, want 20×40", b)
	}
	if r, _, _, _ := up.At(10, 5).RGBA(); r < 0xf000 {
		t.Errorf("the top of the upright picture is not the left of the stored one")
	}
}

// BenchmarkCover makes the Set of a cover: decoding, three widths, the
// social crop and encoding; and the same from a warm cache.
func BenchmarkCover(b *testing.B) {
	for _, sz := range []size{{1600, 1000}, {4000, 3000}} {
		src := encodeJPEG(b, gradient(sz.w, sz.h, false))
		b.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := New(nil).Cover(src); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("%dx%d-cached", sz.w, sz.h), func(b *testing.B) {
			cache := &memCache{m: map[string][]byte{}}
			if _, err := New(cache).Cover(src); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := New(cache).Cover(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzOrientation: any bytes give an orientation from 1 to 8, without
// panicking or reading out of bounds.
func FuzzOrientation(f *testing.F) {
	jpg := encodeJPEG(f, gradient(8, 8, false))
	f.Add(jpg)
	f.Add(withOrientation(jpg, 6, binary.BigEndian))
	f.Add(withOrientation(jpg, 8, binary.LittleEndian)[:40])
	f.Add([]byte{0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := Orientation(data); o < 1 || o > 8 {
			t.Errorf("Orientation = %d", o)
		}
	})
}

// pageWidths are the widths the tests of sizes and of the cache make:
// DefaultWidths, without a cover's thumbnail.
var pageWidths = DefaultWidths

// TestThumbnail: with the default widths, a cover also has its thumbnail,
// and a body's picture has not.
func TestThumbnail(t *testing.T) {
	src := encodeJPEG(t, image.NewRGBA(image.Rect(0, 0, 1600, 1000)))
	set, err := New(nil).Cover(src)
	if err != nil {
		t.Fatal(err)
	}
	pics, err := New(nil).Widths(src)
	if err != nil {
		t.Fatal(err)
	}
	var cover, body []int
	for _, p := range set.Widths {
		cover = append(cover, p.Width)
	}
	for _, p := range pics {
		body = append(body, p.Width)
	}
	if !slices.Equal(cover, []int{ThumbWidth, 480, 800, 1200}) || !slices.Equal(body, DefaultWidths) {
		t.Errorf("cover widths %v, body widths %v", cover, body)
	}
}
