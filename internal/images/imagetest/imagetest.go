// Package imagetest makes pictures for tests.
package imagetest

import (
	"encoding/binary"
	"hash/crc32"
)

// PNGHeader returns the start of a PNG of w × h pixels: its signature and
// header chunk, with no image data. It is what a picture too large to
// decode looks like to a check of its header (image.DecodeConfig), in a
// few bytes.
func PNGHeader(w, h uint32) string {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := binary.BigEndian.AppendUint32(nil, 13)
	chunk = append(chunk, "IHDR"...)
	chunk = append(chunk, ihdr...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return "\x89PNG\r\n\x1a\n" + string(chunk)
}
