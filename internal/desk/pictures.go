package desk

import (
	"bytes"
	"io/fs"
	"net/http"
	"strings"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/markdown"
)

// picturesPath is where the desk serves the pictures of the content
// folder to the live body preview, by their site-relative path: a story's
// ![x](anh.jpg) shows while it is typed, before it is saved or built.
const picturesPath = Path + "anh/"

// previewPictures is the markdown.PictureFunc of the body preview: each
// local picture of the content folder that can be read (siteFS follows no
// links) is shown from picturesPath, in its own size. The converter puts
// basePath before every address, and the desk is outside the site's base
// path: the address climbs out of it.
func previewPictures(siteFS fs.FS, basePath string) markdown.PictureFunc {
	up := strings.Repeat("../", strings.Count(strings.Trim(basePath, "/"), "/")+1)
	if basePath == "/" {
		up = ""
	}
	return func(list []markdown.Image) markdown.Pictures {
		pics := markdown.Pictures{}
		for _, img := range list {
			if !strings.HasPrefix(img.File, content.Dir+"/") || pics[img.File] != nil {
				continue
			}
			info, err := images.CheckFile(siteFS, img.File)
			if err != nil {
				continue
			}
			url := up + strings.TrimPrefix(picturesPath, "/") + img.File
			pics[img.File] = &markdown.Picture{Sizes: []markdown.Size{{URL: url, Width: info.Width, Height: info.Height}}}
		}
		return pics
	}
}

// picture serves one picture of the content folder, read as the desk
// reads stories (Store.Read: confined to content/, no hidden part, no
// link, a regular file), and typed by its bytes.
func (d *Desk) picture(w http.ResponseWriter, r *http.Request, rel string) {
	data, err := d.store.Read(rel)
	if err != nil || data == nil {
		http.NotFound(w, r)
		return
	}
	info, err := images.Check(bytes.NewReader(data))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/"+info.Format)
	w.Write(data)
}
