package build

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// TestHonourQRCodes: every QR code of the rolls of honour, read back from
// the published SVG file by a QR decoder, is the absolute URL of the page
// its exemplar's entry links to, which is a person's page of the site; and
// each exemplar's code is one file, whichever rolls show it.
func TestHonourQRCodes(t *testing.T) {
	mem, r := buildMemory(t, loadTxtar(t, "testdata/small.txtar"), Options{})
	if r.Site == nil {
		t.Fatalf("no site: %v", r.Diags)
	}
	base := r.Site.Config.BaseURL
	people := map[string]bool{}
	for _, p := range r.Site.People {
		people[base.String()+p.URL] = true
	}
	entry := regexp.MustCompile(`<a class="?honour-qr"? href="?([^" >]+)"?><img class="?qr"? src="?([^" >]+)"?`)
	svg := regexp.MustCompile(`<svg[^>]* viewBox="0 0 (\d+) (\d+)"[^>]*>.*?<path stroke="#000" d="([^"]*)"/></svg>`)
	codes, files := 0, map[string]string{}
	for _, name := range mem.Names() {
		if !strings.HasPrefix(name, "bang-vang/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		data, _ := mem.Get(name)
		for _, m := range entry.FindAllStringSubmatch(string(data), -1) {
			codes++
			href, src := m[1], strings.TrimPrefix(m[2], base.Path)
			if prev, ok := files[href]; ok && prev != src {
				t.Errorf("%s: %s has two QR codes, %s and %s", name, href, prev, src)
			}
			files[href] = src
			data, ok := mem.Get(src)
			if !ok {
				t.Fatalf("%s: the QR code %s of %s is not in the output", name, src, href)
			}
			sm := svg.FindStringSubmatch(string(data))
			if sm == nil {
				t.Fatalf("%s: not a QR code drawn by report.QRSVG: %.200s", src, data)
			}
			n, _ := strconv.Atoi(sm[1])
			if got := decodeQR(t, n, sm[3]); got != href || !people[href] {
				t.Errorf("%s: QR code %s holds %q, links to %q; want the absolute URL of a person's page", name, src, got, href)
			}
		}
	}
	if codes < 3 {
		t.Errorf("%d QR codes decoded, want one per exemplar on every roll", codes)
	}
}

// decodeQR reads back the text of a QR code of n×n modules drawn as the
// SVG path d by report.QRSVG.
func decodeQR(t *testing.T, n int, d string) string {
	t.Helper()
	run := regexp.MustCompile(`([Mm])(-?\d+) (-?\d+)(?:\.5)?h(\d+)`)
	const scale = 4
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	cx, cy := 0, 0
	for _, seg := range run.FindAllStringSubmatch(d, -1) {
		dx, _ := strconv.Atoi(seg[2])
		dy, _ := strconv.Atoi(seg[3])
		w, _ := strconv.Atoi(seg[4])
		x, y := dx, dy
		if seg[1] == "m" {
			x, y = cx+dx, cy+dy
		}
		cx, cy = x+w, y
		for px := x * scale; px < (x+w)*scale; px++ {
			for py := y * scale; py < (y+1)*scale; py++ {
				img.SetGray(px, py, color.Gray{})
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("the QR code does not decode: %v", err)
	}
	return res.GetText()
}
