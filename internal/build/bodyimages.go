package build

import (
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/markdown"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
)

// bodyPictures are the pictures the bodies of one build show, each made
// once however many bodies show it: resized like covers into a few widths
// with fingerprinted names under urls.Pictures
// ("anh/cot-moc-800w.3f2a1b9c0d.jpg"), the original never published. With
// no Processor (guong check) a picture is only checked, from its header.
// It is safe for concurrent use.
type bodyPictures struct {
	fsys  fs.FS
	proc  *images.Processor // nil: check only
	mu    sync.Mutex
	byKey map[string]*bodyPicture
	// files are the published sizes by output file, their bytes as the
	// Processor made them (not copied: a build holds every picture's
	// sizes until it writes them).
	files map[string][]byte
}

// bodyPicture is one source file's outcome.
type bodyPicture struct {
	once sync.Once
	pic  *markdown.Picture // nil if checked only, or on error
	err  error
}

// newBodyPictures returns the pictures of a build reading fsys, resized by
// proc (nil: checked only).
func newBodyPictures(fsys fs.FS, proc *images.Processor) *bodyPictures {
	return &bodyPictures{fsys: fsys, proc: proc, byKey: map[string]*bodyPicture{}, files: map[string][]byte{}}
}

// get returns what the picture file is published as, making it the first
// time it is asked for.
func (bp *bodyPictures) get(file string) (*markdown.Picture, error) {
	bp.mu.Lock()
	e, ok := bp.byKey[file]
	if !ok {
		e = &bodyPicture{}
		bp.byKey[file] = e
	}
	bp.mu.Unlock()
	e.once.Do(func() { e.pic, e.err = bp.make(file) })
	return e.pic, e.err
}

// make checks the picture file and, with a Processor, resizes it and
// publishes its sizes.
func (bp *bodyPictures) make(file string) (*markdown.Picture, error) {
	// Looked at before it is read: a named pipe would block the read, a
	// text or a draft's source is no picture, and the pixel limit is
	// checked from the header before anything is decoded.
	if _, err := images.CheckFile(bp.fsys, file); err != nil || bp.proc == nil {
		return nil, err
	}
	src, err := fs.ReadFile(bp.fsys, file)
	if err != nil {
		return nil, err
	}
	sizes, err := bp.proc.Widths(src)
	if err != nil {
		return nil, err
	}
	stem := vi.Slug(strings.TrimSuffix(path.Base(file), path.Ext(file)))
	if stem == "" {
		stem = "anh"
	}
	pic := &markdown.Picture{}
	for _, p := range sizes {
		name := urls.Picture(stem + "-" + strconv.Itoa(p.Width) + "w." + p.Hash()[:10] + p.Ext())
		bp.mu.Lock()
		bp.files[name] = p.Data
		bp.mu.Unlock()
		pic.Sizes = append(pic.Sizes, markdown.Size{URL: name, Width: p.Width, Height: p.Height})
	}
	return pic, nil
}

// resolve is a body's markdown.PictureFunc: it reports each picture's
// problem to diags at the place the body shows it.
func (bp *bodyPictures) resolve(imgs []markdown.Image, diags *diag.List) markdown.Pictures {
	pics := markdown.Pictures{}
	for _, img := range imgs {
		pic, err := bp.get(img.File)
		images.Report(diags, img.Pos, images.BodyWord, img.Rel, err)
		if pic != nil {
			pics[img.File] = pic
		}
	}
	return pics
}

// stats returns what the Processor did, if any.
func (bp *bodyPictures) stats() images.Stats {
	if bp.proc == nil {
		return images.Stats{}
	}
	return bp.proc.Stats()
}
