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
// the published SVG by a QR decoder, is the absolute URL of the story it
// links to, which is a story of the site.
func TestHonourQRCodes(t *testing.T) {
	mem, r := buildMemory(t, loadTxtar(t, "testdata/small.txtar"), Options{})
	if r.Site == nil {
		t.Fatalf("no site: %v", r.Diags)
	}
	stories := map[string]bool{}
	for _, st := range r.Site.Stories {
		stories[r.Site.Config.BaseURL.String()+st.URL] = true
	}
	entry := regexp.MustCompile(`<a class="honour-qr" href="([^"]+)"><svg[^>]* viewBox="0 0 (\d+) (\d+)"[^>]*>.*?<path stroke="#000" d="([^"]*)"/></svg></a>`)
	run := regexp.MustCompile(`([Mm])(-?\d+) (-?\d+)(?:\.5)?h(\d+)`)
	codes := 0
	for _, name := range mem.Names() {
		if !strings.HasPrefix(name, "bang-vang/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		data, _ := mem.Get(name)
		for _, m := range entry.FindAllStringSubmatch(string(data), -1) {
			codes++
			href, path := m[1], m[4]
			n, _ := strconv.Atoi(m[2])
			const scale = 4
			img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
			for i := range img.Pix {
				img.Pix[i] = 255
			}
			cx, cy := 0, 0
			for _, seg := range run.FindAllStringSubmatch(path, -1) {
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
				t.Fatalf("%s: the QR code to %s does not decode: %v", name, href, err)
			}
			if res.GetText() != href || !stories[href] {
				t.Errorf("%s: QR code holds %q, links to %q; want the absolute URL of a story", name, res.GetText(), href)
			}
		}
	}
	if codes < 3 {
		t.Errorf("%d QR codes decoded, want one per exemplar on every roll", codes)
	}
}
