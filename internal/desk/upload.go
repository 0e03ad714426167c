package desk

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"path"
	"strconv"
	"strings"

	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/vi"
)

// MaxUpload is the largest cover the desk takes, in bytes.
const MaxUpload = 10 << 20

// Errors of an upload.
var (
	ErrTooLarge = errors.New("the picture is larger than MaxUpload")
	ErrNotImage = errors.New("not a JPEG, PNG or WebP picture")
)

// extensions are the pictures a cover may be, by the format images.Check
// finds in their bytes, and the extension the desk names them with.
var extensions = map[string]string{"jpeg": ".jpg", "png": ".png", "webp": ".webp"}

// Upload stores a picture beside the story rel and returns its file name,
// as the story's cover field writes it. Its type is told by its content
// (images.Check), never by its name; the name is the uploaded one made a
// slug, and a file of that name holding other bytes is never replaced
// ("-2", "-3"… are tried). The build resizes it like every cover.
func Upload(s *Store, rel string, fh *multipart.FileHeader) (string, error) {
	if fh.Size > MaxUpload {
		return "", ErrTooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxUpload+1))
	if err != nil {
		return "", err
	}
	if len(data) > MaxUpload {
		return "", ErrTooLarge
	}
	info, err := images.Check(bytes.NewReader(data))
	ext, ok := extensions[info.Format]
	if err != nil || !ok {
		return "", ErrNotImage
	}
	stem := vi.Slug(strings.TrimSuffix(path.Base(strings.ReplaceAll(fh.Filename, "\\", "/")), path.Ext(fh.Filename)))
	if stem == "" {
		stem = "anh-bia"
	}
	dir := path.Dir(rel)
	for i := 1; ; i++ {
		name := stem + ext
		if i > 1 {
			name = stem + "-" + strconv.Itoa(i) + ext
		}
		cur, err := s.Read(dir + "/" + name)
		if err != nil {
			return "", err
		}
		if cur == nil {
			return name, s.Save(dir+"/"+name, data, "")
		}
		if bytes.Equal(cur, data) {
			return name, nil
		}
	}
}
