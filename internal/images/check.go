package images

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"strings"

	"golang.org/x/image/webp"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/sitefs"
)

// Info is what Check learns of a picture from its header.
type Info struct {
	Format        string // "jpeg", "png", "gif" or "webp"
	Width, Height int
}

// Check reads the header of the picture in r, without decoding its pixels,
// and returns its format and size. It accepts what covers accept — JPEG,
// PNG, GIF and WebP, by their content, whatever the file's name says — and
// refuses more than MaxPixels pixels. Its errors are ErrFormat (another kind
// of file: a text, a draft's Markdown), a *TooLargeError, or the error of a
// damaged header.
func Check(r io.Reader) (Info, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(16)
	format := sniff(head)
	var cfg image.Config
	var err error
	switch format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(br)
	case "png":
		cfg, err = png.DecodeConfig(br)
	case "gif":
		cfg, err = gif.DecodeConfig(br)
	case "webp":
		cfg, err = webp.DecodeConfig(br)
	default:
		return Info{}, ErrFormat
	}
	if err != nil {
		if strings.HasPrefix(err.Error(), format+":") {
			return Info{}, err
		}
		return Info{}, fmt.Errorf("%s: %w", format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, ErrFormat
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return Info{}, &TooLargeError{Width: cfg.Width, Height: cfg.Height}
	}
	return Info{Format: format, Width: cfg.Width, Height: cfg.Height}, nil
}

// ErrFolder is returned by CheckFile for a path that is a folder.
var ErrFolder = errors.New("a folder, not a picture")

// CheckFile checks the picture name of fsys as Check does, looking at it
// before opening it: a named pipe would block the open. It reads only the
// header. Pass its error to Report for a diagnostic.
func CheckFile(fsys fs.FS, name string) (Info, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return Info{}, err
	}
	switch {
	case info.IsDir():
		return Info{}, &fs.PathError{Op: "open", Path: name, Err: ErrFolder}
	case !info.Mode().IsRegular():
		return Info{}, &fs.PathError{Op: "open", Path: name, Err: sitefs.ErrNotRegular}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	return Check(f)
}

// The words Report puts before an image's name.
var (
	CoverWord = diag.Word{VI: "ảnh bìa (cover)", EN: "the cover image"}
	PhotoWord = diag.Word{VI: "ảnh chân dung (photo)", EN: "the photo"}
	BodyWord  = diag.Word{VI: "ảnh", EN: "the image"}
)

// Report adds to diags, at pos, the diagnostic of err, an error of Check,
// CheckFile or Processor.Cover about the picture written (the path as the
// writer wrote it) and described by what (CoverWord, BodyWord…): missing,
// not a regular file, unreadable, not a picture of an accepted type, too
// many pixels, damaged. It adds nothing for a nil err.
func Report(diags *diag.List, pos diag.Position, what diag.Word, written string, err error) {
	var tooLarge *TooLargeError
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, ErrFolder):
		diags.Errorf(pos, diag.MissingFile, written)
	case errors.Is(err, ErrFormat):
		diags.Errorf(pos, diag.NotAnImage, written)
	case errors.As(err, &tooLarge):
		diags.Errorf(pos, diag.ImageTooLarge, what, written, tooLarge.Width, tooLarge.Height, MaxPixels/1_000_000)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, sitefs.ErrNotRegular):
		diags.ReadError(pos, written, err)
	default:
		diags.Errorf(pos, diag.BadImage, written, err)
	}
}
