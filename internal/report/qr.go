package report

import (
	"fmt"
	"strings"

	"rsc.io/qr"
)

// QRSVG draws the QR code of text (a story's absolute URL; error
// correction level M, for paper that gets creased) as an SVG file: one
// path stroking each run of dark modules in a row as a line one module
// thick ("M4 4.5h7m2 0h1", relative after the first), inside the standard
// quiet zone of four modules, scaled by the page that shows it (as an
// image, whose alt text says where it leads). rsc.io/qr encodes with one fixed mask, which every reader
// accepts; go-qrcode tries all eight and took 13 times as long, which a
// roll of thousands of exemplars felt.
func QRSVG(text string) ([]byte, error) {
	q, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, err
	}
	// The symbol inside a quiet zone of four modules.
	const quiet = 4
	n := q.Size + 2*quiet
	bm := make([][]bool, n)
	for y := range bm {
		bm[y] = make([]bool, n)
		for x := range bm[y] {
			bm[y][x] = q.Black(x-quiet, y-quiet)
		}
	}
	var path strings.Builder
	cx, cy := 0, 0 // the pen, after the last run
	first := true
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			if first {
				fmt.Fprintf(&path, "M%d %d.5h%d", start, y, x-start)
				first = false
			} else {
				// Relative moves keep the path short, as a minifier would.
				fmt.Fprintf(&path, "m%d %dh%d", start-cx, y-cy, x-start)
			}
			cx, cy = x, y
		}
	}
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/><path stroke="#000" d="%s"/></svg>`,
		n, n, n, n, path.String()), nil
}
