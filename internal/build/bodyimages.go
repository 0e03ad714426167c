package build

import (
	"io/fs"
	"maps"
	"strconv"
	"sync"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/markdown"
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
	memo  *pictureMemo      // the live preview's, or nil
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
// proc (nil: checked only), reusing what memo (if not nil) holds.
func newBodyPictures(fsys fs.FS, proc *images.Processor, memo *pictureMemo) *bodyPictures {
	if proc == nil {
		memo = nil // it holds resized pictures
	}
	return &bodyPictures{fsys: fsys, proc: proc, memo: memo, byKey: map[string]*bodyPicture{}, files: map[string][]byte{}}
}

// pictureMemo keeps, for the live preview, what each picture file was
// made into, by the file's size and modification time (as the content's
// cache keeps parsed files): a rebuild neither reads nor fingerprints
// again the pictures that did not change. It is safe for concurrent use.
type pictureMemo struct {
	mu      sync.Mutex
	entries map[string]memoEntry
}

type memoEntry struct {
	size  int64
	mod   time.Time
	pic   *markdown.Picture
	files map[string][]byte // its published sizes
}

func newPictureMemo() *pictureMemo { return &pictureMemo{entries: map[string]memoEntry{}} }

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
	e.once.Do(func() { e.pic, e.err = bp.remembered(file) })
	return e.pic, e.err
}

// remembered is make, taking from the memo a picture whose file did not
// change, and keeping there one it made.
func (bp *bodyPictures) remembered(file string) (*markdown.Picture, error) {
	if bp.memo == nil {
		pic, _, err := bp.make(file)
		return pic, err
	}
	info, err := fs.Stat(bp.fsys, file)
	if err == nil && info.Mode().IsRegular() {
		bp.memo.mu.Lock()
		m, ok := bp.memo.entries[file]
		bp.memo.mu.Unlock()
		if ok && m.size == info.Size() && m.mod.Equal(info.ModTime()) {
			bp.publish(m.files)
			return m.pic, nil
		}
	}
	pic, files, err := bp.make(file)
	bp.memo.mu.Lock()
	defer bp.memo.mu.Unlock()
	if err == nil && info != nil {
		bp.memo.entries[file] = memoEntry{size: info.Size(), mod: info.ModTime(), pic: pic, files: files}
	} else {
		delete(bp.memo.entries, file)
	}
	return pic, err
}

// publish adds files to the build's published sizes.
func (bp *bodyPictures) publish(files map[string][]byte) {
	bp.mu.Lock()
	defer bp.mu.Unlock()
	for name, data := range files {
		bp.files[name] = data
	}
}

// published returns the published sizes made so far, by output file.
func (bp *bodyPictures) published() map[string][]byte {
	bp.mu.Lock()
	defer bp.mu.Unlock()
	return maps.Clone(bp.files)
}

// make checks the picture file and, with a Processor, resizes it and
// publishes its sizes, which it returns by output file.
func (bp *bodyPictures) make(file string) (*markdown.Picture, map[string][]byte, error) {
	// Looked at before it is read: a named pipe would block the read, a
	// text or a draft's source is no picture, and the pixel limit is
	// checked from the header before anything is decoded.
	if _, err := images.CheckFile(bp.fsys, file); err != nil || bp.proc == nil {
		return nil, nil, err
	}
	src, err := fs.ReadFile(bp.fsys, file)
	if err != nil {
		return nil, nil, err
	}
	sizes, err := bp.proc.Widths(src)
	if err != nil {
		return nil, nil, err
	}
	pic := &markdown.Picture{}
	files := map[string][]byte{}
	for _, p := range sizes {
		name := pictureFile(file, strconv.Itoa(p.Width)+"w", p)
		files[name] = p.Data
		pic.Sizes = append(pic.Sizes, markdown.Size{URL: name, Width: p.Width, Height: p.Height})
	}
	bp.publish(files)
	return pic, files, nil
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

// forget drops from the memo the pictures no body of this build showed.
// Call it once every body is converted.
func (bp *bodyPictures) forget() {
	if bp.memo == nil {
		return
	}
	bp.mu.Lock()
	defer bp.mu.Unlock()
	bp.memo.mu.Lock()
	defer bp.memo.mu.Unlock()
	for file := range bp.memo.entries {
		if _, ok := bp.byKey[file]; !ok {
			delete(bp.memo.entries, file)
		}
	}
}
