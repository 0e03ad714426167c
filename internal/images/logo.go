package images

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"

	"github.com/guong/guong/internal/diag"
)

// MaxLogoSize is the largest SVG emblem accepted, in bytes: a logo is a few
// kilobytes of paths.
const MaxLogoSize = 1 << 20

// EmblemWord is what Report puts before the name of the agency's emblem.
var EmblemWord = diag.Word{VI: "biểu trưng (emblem)", EN: "the emblem"}

// ErrLogoFormat is returned by CheckLogo for a file that is neither an SVG
// document nor a JPEG, PNG, GIF or WebP picture.
var ErrLogoFormat = errors.New("not an SVG, JPEG, PNG, GIF or WebP image")

// CheckLogo checks the emblem or logo name of fsys: an SVG document (its
// first element is <svg>; at most MaxLogoSize bytes), or a picture CheckFile
// accepts. It is published as it is and shown with <img>, where an SVG's
// scripts never run.
func CheckLogo(fsys fs.FS, name string) (Info, error) {
	info, err := CheckFile(fsys, name)
	if !errors.Is(err, ErrFormat) {
		return info, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxLogoSize+1))
	if err != nil {
		return Info{}, err
	}
	if len(src) > MaxLogoSize || !isSVG(src) {
		return Info{}, ErrLogoFormat
	}
	return Info{Format: "svg"}, nil
}

// isSVG reports whether src is XML whose first element is an SVG <svg>.
func isSVG(src []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(src))
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "svg" && (se.Name.Space == "" || se.Name.Space == "http://www.w3.org/2000/svg")
		}
	}
}
