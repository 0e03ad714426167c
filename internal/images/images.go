// Package images resizes pictures at build time. A cover becomes a few
// widths for srcset (never wider than the source: nothing is upscaled) and
// a crop in the 1.91:1 shape social networks show when a page is shared
// (1200×630 when the source is large enough).
//
// JPEG and WebP sources give JPEG outputs, PNG and GIF sources PNG outputs
// (keeping transparency); the social crop is always a JPEG on white. The
// EXIF orientation of a JPEG is applied, so phone photos stand upright.
//
// Every output is looked up in a Cache first, keyed by the SHA-256 of the
// source bytes and the output's spec, so a rebuild resizes only new or
// changed pictures. A Processor is safe for concurrent use.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// Default sizes.
const (
	SocialWidth  = 1200 // the width of the shared picture
	SocialHeight = 630  // its height: the 1.91:1 shape of Facebook, Zalo and Twitter cards
	Quality      = 82   // JPEG quality
	MaxPixels    = 50_000_000
)

// version changes whenever the resizing or encoding changes, so that cached
// outputs of an older guong are not used.
const version = 1

// Media types of outputs.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
)

// Picture is one encoded output.
type Picture struct {
	Width, Height int
	Type          string // JPEG or PNG
	Data          []byte
}

// Ext returns the file extension of p's type: ".jpg" or ".png".
func (p *Picture) Ext() string {
	if p.Type == PNG {
		return ".png"
	}
	return ".jpg"
}

// Hash returns the hex SHA-256 of p's bytes.
func (p *Picture) Hash() string {
	s := sha256.Sum256(p.Data)
	return hex.EncodeToString(s[:])
}

// Set is what a cover becomes.
type Set struct {
	Widths []*Picture // narrowest first; the last is the widest
	Social *Picture   // the 1.91:1 crop for sharing
}

// Stats counts a Processor's outputs.
type Stats struct {
	Resized int // outputs made by resizing
	Cached  int // outputs taken from the cache
}

// Processor makes Sets. Its zero value is not usable: call New.
type Processor struct {
	widths  []int
	thumb   int // a cover's thumbnail width, or 0
	cache   Cache
	budget  *Budget
	resized atomic.Int64
	cached  atomic.Int64
}

// DefaultWidths are the widths pictures are made in for pages.
var DefaultWidths = []int{480, 800, 1200}

// ThumbWidth is the width of the thumbnail a cover is also made in (with
// DefaultWidths): the embedded lists show covers 5rem wide, sharp at
// twice the pixels. A picture in a story's body has none.
const ThumbWidth = 160

// New returns a Processor making the given widths (DefaultWidths, and
// ThumbWidth for covers, if none), with cache (nil caches nothing). Its
// decodes share the budget of every Processor (see SharedBudget).
func New(cache Cache, widths ...int) *Processor {
	thumb := 0
	if len(widths) == 0 {
		widths, thumb = DefaultWidths, ThumbWidth
	}
	return &Processor{widths: widths, thumb: thumb, cache: cache, budget: sharedBudget}
}

func (p *Processor) WithBudget(b *Budget) *Processor {
	p.budget = b
	return p
}

// DefaultBudget is the memory, in bytes, that the pictures being resized
// at once may take, all Processors together (see SharedBudget): eight
// covers of 7000×7000 pixels, decoded one a core, took 1.7 GB on two cores
// and 4 GB on eight; under this budget they are resized one after another.
const DefaultBudget = 384 << 20

var sharedBudget = NewBudget(DefaultBudget)

// collectAfter is the cost, in bytes, from which a picture's memory is
// collected as soon as it is resized: pictures of more than about 30
// million pixels (a 24-megapixel camera's photo costs 230 MB, a phone's
// 150 MB, and is left to the collector's pace).
const collectAfter = 256 << 20

// SharedBudget returns the budget every Processor decodes under unless
// told otherwise (WithBudget).
func SharedBudget() *Budget { return sharedBudget }

// Budget bounds the memory of concurrent decodes: a decode first takes
// what its picture will cost (see cost), waiting until that much is free.
// A picture costing more than the whole budget takes all of it, and so is
// resized alone. It is safe for concurrent use.
type Budget struct {
	mu         sync.Mutex
	changed    *sync.Cond
	size, free int64
	peak       int64 // the most ever taken at once
}

// NewBudget returns a budget of size bytes.
func NewBudget(size int64) *Budget {
	b := &Budget{size: size, free: size}
	b.changed = sync.NewCond(&b.mu)
	return b
}

// acquire takes n bytes (at most the whole budget), waiting until they
// are free, and returns what it took.
func (b *Budget) acquire(n int64) int64 {
	n = max(min(n, b.size), 0)
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.free < n {
		b.changed.Wait()
	}
	b.free -= n
	b.peak = max(b.peak, b.size-b.free)
	return n
}

func (b *Budget) release(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.changed.Broadcast()
}

// Peak returns the most of the budget ever taken at once, in bytes.
func (b *Budget) Peak() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.peak
}

// cost is the memory, in bytes, that resizing a w×h source (upright, of
// cfg's colour model and orientation) to a widest size of top takes at
// its peak: the decoded pixels, the upright copy a rotation makes, the
// scaler's temporary rows (4 float64s a pixel, top.w wide and h high, see
// golang.org/x/image/draw) and the widest output.
func cost(cfg image.Config, orient, w, h int, top spec) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	c := px * bytesPerPixel(cfg.ColorModel)
	if orient > 1 {
		c += 2 * 4 * px
	}
	return c + int64(top.w)*int64(h)*32 + int64(top.w)*int64(top.h)*4
}

// bytesPerPixel is what a decoded picture of model takes a pixel.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// Stats returns what the Processor did so far.
func (p *Processor) Stats() Stats {
	return Stats{Resized: int(p.resized.Load()), Cached: int(p.cached.Load())}
}

// ErrFormat is returned for a source that is not a JPEG, PNG, GIF or WebP image.
var ErrFormat = errors.New("not a JPEG, PNG, GIF or WebP image")

// TooLargeError is returned, before decoding, for a source of more than
// MaxPixels pixels.
type TooLargeError struct{ Width, Height int }

// Error describes the size and the limit.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("image too large: %d×%d pixels, at most %d million", e.Width, e.Height, MaxPixels/1_000_000)
}

// spec is one planned output.
type spec struct {
	w, h int
	crop image.Rectangle // the part of the (upright) source shown; empty means all of it
	typ  string
}

func (s spec) key(sum string) string {
	ext := ".jpg"
	if s.typ == PNG {
		ext = ".png"
	}
	c := ""
	if !s.crop.Empty() {
		c = fmt.Sprintf("-c%d_%d_%d_%d", s.crop.Min.X, s.crop.Min.Y, s.crop.Max.X, s.crop.Max.Y)
	}
	return fmt.Sprintf("%s-%dx%d%s-q%d-v%d%s", sum, s.w, s.h, c, Quality, version, ext)
}

// Cover makes the Set of the picture in src.
func (p *Processor) Cover(src []byte) (*Set, error) { return p.set(src, true) }

// Widths makes the picture in src in the Processor's widths, as Cover
// does, without the social crop: what a picture in a story's body becomes.
func (p *Processor) Widths(src []byte) ([]*Picture, error) {
	set, err := p.set(src, false)
	if err != nil {
		return nil, err
	}
	return set.Widths, nil
}

// set makes the Set of the picture in src, with its social crop if social.
func (p *Processor) set(src []byte, social bool) (*Set, error) {
	format, cfg, err := decodeConfig(src)
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, ErrFormat
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, &TooLargeError{Width: cfg.Width, Height: cfg.Height}
	}
	orient := 1
	if format == "jpeg" {
		orient = Orientation(src)
	}
	w, h := cfg.Width, cfg.Height
	if orient >= 5 {
		w, h = h, w
	}
	typ := JPEG
	if format == "png" || format == "gif" {
		typ = PNG
	}
	widths := p.widths
	if social && p.thumb > 0 {
		widths = append([]int{p.thumb}, widths...)
	}
	sizes, crop := plan(w, h, widths, typ)
	sum := sha256.Sum256(src)
	hexSum := hex.EncodeToString(sum[:])

	// Decode only if some output is not cached. Every narrower size and,
	// when it is as sharp, the social crop are scaled from the widest size
	// in memory: one pass over the full picture instead of several. What
	// each output is made from depends only on the sizes, never on what
	// the cache holds, so a build gives the same bytes with or without it.
	var upright, widest image.Image
	var taken int64
	defer func() {
		if taken >= collectAfter {
			// The pixels are garbage now, but a large build collects only
			// near its memory limit (see cmd/guong's softMemoryLimit):
			// without a collection here, each huge picture would add its
			// size to the process until then.
			upright, widest = nil, nil
			runtime.GC()
		}
		p.budget.release(taken)
	}()
	source := func() (image.Image, error) {
		if upright == nil {
			taken = p.budget.acquire(cost(cfg, orient, w, h, sizes[len(sizes)-1]))
			img, err := decode(format, src)
			if err != nil {
				return nil, err
			}
			upright = Orient(img, orient)
		}
		return upright, nil
	}
	top := sizes[len(sizes)-1]
	widestImage := func() (image.Image, error) {
		if widest == nil {
			src, err := source()
			if err != nil {
				return nil, err
			}
			widest = resize(src, top)
		}
		return widest, nil
	}
	set := &Set{}
	for _, s := range sizes {
		pic, err := p.make(s, hexSum, func() (image.Image, error) {
			w, err := widestImage()
			if err != nil || s == top {
				return w, err
			}
			return resize(w, spec{w: s.w, h: s.h, typ: s.typ}), nil
		})
		if err != nil {
			return nil, err
		}
		set.Widths = append(set.Widths, pic)
	}
	if !social {
		return set, nil
	}
	// The crop in the widest size's pixels, if they are enough.
	scale := float64(top.w) / float64(w)
	c := crop.crop
	inTop := image.Rect(int(float64(c.Min.X)*scale+0.5), int(float64(c.Min.Y)*scale+0.5),
		int(float64(c.Max.X)*scale+0.5), int(float64(c.Max.Y)*scale+0.5)).Intersect(image.Rect(0, 0, top.w, top.h))
	set.Social, err = p.make(crop, hexSum, func() (image.Image, error) {
		if inTop.Dx() >= crop.w {
			w, err := widestImage()
			if err != nil {
				return nil, err
			}
			return resize(w, spec{w: crop.w, h: crop.h, crop: inTop, typ: crop.typ}), nil
		}
		src, err := source()
		if err != nil {
			return nil, err
		}
		return resize(src, crop), nil
	})
	if err != nil {
		return nil, err
	}
	return set, nil
}

// make returns the output s, from the cache or else encoding what render
// returns.
func (p *Processor) make(s spec, sum string, render func() (image.Image, error)) (*Picture, error) {
	key := s.key(sum)
	if p.cache != nil {
		if data, ok := p.cache.Get(key); ok {
			p.cached.Add(1)
			return &Picture{Width: s.w, Height: s.h, Type: s.typ, Data: data}, nil
		}
	}
	img, err := render()
	if err != nil {
		return nil, err
	}
	data, err := encode(img, s.typ)
	if err != nil {
		return nil, err
	}
	p.resized.Add(1)
	if p.cache != nil {
		// A cache that cannot be written only costs time on the next build.
		_ = p.cache.Put(key, data)
	}
	return &Picture{Width: s.w, Height: s.h, Type: s.typ, Data: data}, nil
}

// plan lists the outputs of an upright w×h source.
func plan(w, h int, widths []int, typ string) (sizes []spec, social spec) {
	widest := 0
	for _, x := range widths {
		widest = max(widest, x)
	}
	add := func(x int) {
		for _, s := range sizes {
			if s.w == x {
				return
			}
		}
		sizes = append(sizes, spec{w: x, h: scaled(h, x, w), typ: typ})
	}
	for _, x := range widths {
		if x < w {
			add(x)
		}
	}
	add(min(w, widest))
	sortSpecs(sizes)

	// The social crop: the largest 1.91:1 part of the source, centred
	// across and a third of the way down (faces are rarely in the lower
	// half of a portrait), scaled down to 1200×630 if it is larger.
	cw, ch := w, scaled(w, SocialHeight, SocialWidth)
	if ch > h {
		cw, ch = scaled(h, SocialWidth, SocialHeight), h
	}
	cw, ch = max(cw, 1), max(ch, 1)
	x0, y0 := (w-cw)/2, (h-ch)/3
	social = spec{w: cw, h: ch, crop: image.Rect(x0, y0, x0+cw, y0+ch), typ: JPEG}
	if cw > SocialWidth {
		social.w, social.h = SocialWidth, SocialHeight
	}
	return sizes, social
}

// scaled returns v·num/den rounded, at least 1.
func scaled(v, num, den int) int {
	return max(1, int((int64(v)*int64(num)+int64(den)/2)/int64(den)))
}

func sortSpecs(s []spec) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].w < s[j-1].w; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// resize scales the crop of src (all of it if none) to s.w×s.h.
func resize(src image.Image, s spec) image.Image {
	r := src.Bounds()
	if !s.crop.Empty() {
		r = s.crop.Add(r.Min)
	}
	dst := image.NewRGBA(image.Rect(0, 0, s.w, s.h))
	if s.typ == JPEG {
		// JPEG has no transparency: show transparent parts on white.
		draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	}
	op := draw.Over
	if o, ok := src.(interface{ Opaque() bool }); s.typ == PNG || ok && o.Opaque() {
		op = draw.Src
	}
	if r.Dx() == s.w && r.Dy() == s.h {
		draw.Draw(dst, dst.Bounds(), src, r.Min, op)
		return dst
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, r, op, nil)
	return dst
}

func encode(img image.Image, typ string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if typ == PNG {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: Quality})
	}
	return buf.Bytes(), err
}

// sniff tells the format of src by its first bytes.
func sniff(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(src, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(src, []byte("GIF87a")), bytes.HasPrefix(src, []byte("GIF89a")):
		return "gif"
	case len(src) >= 12 && string(src[:4]) == "RIFF" && string(src[8:12]) == "WEBP":
		return "webp"
	}
	return ""
}

func decodeConfig(src []byte) (string, image.Config, error) {
	format := sniff(src)
	r := bytes.NewReader(src)
	var cfg image.Config
	var err error
	switch format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(r)
	case "png":
		cfg, err = png.DecodeConfig(r)
	case "gif":
		cfg, err = gif.DecodeConfig(r)
	case "webp":
		cfg, err = webp.DecodeConfig(r)
	default:
		return "", cfg, ErrFormat
	}
	if err != nil {
		return "", cfg, fmt.Errorf("%s: %w", format, err)
	}
	return format, cfg, nil
}

func decode(format string, src []byte) (image.Image, error) {
	r := bytes.NewReader(src)
	var img image.Image
	var err error
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(r)
	case "png":
		img, err = png.Decode(r)
	case "gif":
		img, err = gif.Decode(r)
	case "webp":
		img, err = webp.Decode(r)
	default:
		return nil, ErrFormat
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", format, err)
	}
	return img, nil
}
