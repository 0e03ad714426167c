// Command pixelbomb writes a small site whose stories have huge covers:
// PNGs of one colour, a few hundred kilobytes each, that decode to
// hundreds of megabytes. It measures what a build's image decoding costs
// in memory:
//
//	go run ./scripts/pixelbomb -n 8 -size 7000 /tmp/bomb
//	/usr/bin/time -v guong build -s /tmp/bomb   # "Maximum resident set size"
package main

import (
	"bufio"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path/filepath"
)

func main() {
	n := flag.Int("n", 8, "stories, one cover each")
	size := flag.Int("size", 7000, "width and height of each cover, in pixels")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: pixelbomb [-n 8] [-size 7000] FOLDER")
	}
	dir := flag.Arg(0)
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("site.yaml", []byte("title: \"Ảnh lớn\"\ndepartments:\n  van-phong: {name: \"Văn phòng\"}\n"))
	// One opaque RGBA picture, encoded as a truecolour PNG: it decodes to
	// 4 bytes a pixel, the most a cover costs.
	img := image.NewNRGBA(image.Rect(0, 0, *size, *size))
	for i := 0; i < *n; i++ {
		c := color.NRGBA{uint8(40 * i), 120, uint8(255 - 30*i), 255}
		for p := 0; p < len(img.Pix); p += 4 {
			img.Pix[p], img.Pix[p+1], img.Pix[p+2], img.Pix[p+3] = c.R, c.G, c.B, c.A
		}
		name := fmt.Sprintf("content/stories/anh-%d/anh.png", i)
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		f, err := os.Create(p)
		if err != nil {
			log.Fatal(err)
		}
		w := bufio.NewWriter(f)
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, img); err != nil {
			log.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			log.Fatal(err)
		}
		f.Close()
		write(fmt.Sprintf("content/stories/anh-%d/anh-%d.md", i, i), []byte(fmt.Sprintf(
			"---\ntitle: \"Ảnh %d\"\ndate: 2024-01-%02d\nperson: \"Người %d\"\ndepartment: van-phong\nmodel: chuyen-mon\ncover: anh.png\n---\nBài %d.\n", i, i+1, i, i)))
	}
}
