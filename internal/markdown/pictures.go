package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Picture is what a local image of a body is published as: the same
// picture in a few widths.
type Picture struct {
	Sizes []Size // narrowest first; the last is the widest
}

// Size is one published width of a Picture.
type Size struct {
	URL           string // relative to the site's base URL
	Width, Height int
}

// Pictures maps the local images of a body, by their Image.File, to what
// they are published as. An image it does not hold is rendered as
// written.
type Pictures map[string]*Picture

// PictureFunc returns the Pictures of the local images a body shows, given
// in the order the body shows them (an image shown twice is given twice).
// A conversion calls it once, after the body is parsed and checked and
// before it is rendered, and only if the body shows a local image.
type PictureFunc func([]Image) Pictures

// ImageSizes is the sizes attribute of a body's pictures: the width of the
// default theme's prose column (the story's cover has the same).
const ImageSizes = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"

// srcWidth is the widest size an img element's src names; browsers that
// read srcset pick their own.
const srcWidth = 800

// Equal reports whether p and q publish every image the same way.
func (p Pictures) Equal(q Pictures) bool {
	if len(p) != len(q) {
		return false
	}
	for file, a := range p {
		b, ok := q[file]
		if !ok || (a == nil) != (b == nil) {
			return false
		}
		if a == nil {
			continue
		}
		if len(a.Sizes) != len(b.Sizes) {
			return false
		}
		for i := range a.Sizes {
			if a.Sizes[i] != b.Sizes[i] {
				return false
			}
		}
	}
	return true
}

// src returns the size an img element's src names: the widest up to
// srcWidth pixels, or the narrowest.
func (p *Picture) src() Size {
	best := p.Sizes[0]
	for _, s := range p.Sizes {
		if s.Width <= srcWidth {
			best = s
		}
	}
	return best
}

// localImage is a local image node of a body with the file it shows.
type localImage struct {
	node *ast.Image
	file string
}

// applyPictures gives every local image that pics publishes its final
// address and the attributes of a responsive picture: srcset and sizes,
// width and height (the widest size's, so that the page keeps its place
// for the picture before it loads), decoding="async", and loading="lazy"
// but for the first: goldmark's HTML renderer writes them
// (html.ImageAttributeFilter).
//
// The first picture of a body may be in the first screen (a body that
// opens with a picture, or has one after a short lead) and then be the
// page's Largest Contentful Paint: a lazy picture there is requested only
// after layout, which Lighthouse reports ("Largest Contentful Paint image
// was lazily loaded"), so it loads at once. None gets fetchpriority: a
// story's cover, above the body, is its LCP candidate and has it, and a
// second high-priority picture would compete with it; without a cover,
// the converter cannot tell whether the picture is in the first screen,
// and one further down would take bandwidth from the text and fonts there.
func applyPictures(nodes []localImage, pics Pictures, basePath string) {
	first := true
	for _, li := range nodes {
		pic := pics[li.file]
		if pic == nil || len(pic.Sizes) == 0 {
			continue
		}
		var srcset strings.Builder
		for i, s := range pic.Sizes {
			if i > 0 {
				srcset.WriteString(", ")
			}
			srcset.Write(util.URLEscape([]byte(basePath+s.URL), false))
			srcset.WriteString(" " + strconv.Itoa(s.Width) + "w")
		}
		widest := pic.Sizes[len(pic.Sizes)-1]
		n := li.node
		n.Destination = escapeDest(basePath + pic.src().URL)
		n.SetAttributeString("srcset", srcset.String())
		n.SetAttributeString("sizes", ImageSizes)
		n.SetAttributeString("width", strconv.Itoa(widest.Width))
		n.SetAttributeString("height", strconv.Itoa(widest.Height))
		if !first {
			n.SetAttributeString("loading", "lazy")
		}
		first = false
		n.SetAttributeString("decoding", "async")
	}
}
