package build

import (
	"context"
	"html/template"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
	"github.com/guong/guong/internal/site"
)

// converter converts the Markdown bodies of one build, one at a time, on
// the goroutine that needs one: a story's body is converted by the worker
// that makes its page, which hands its text to the search index and lets
// it go (see emit). The pictures a body shows are made by pics once the
// body is parsed, before it is rendered, so that its HTML names their
// published sizes. It is safe for concurrent use.
type converter struct {
	conv  *markdown.Converter
	cache *bodyCache // the live preview's; nil in a one-off build
	pics  *bodyPictures
}

// body returns the conversion of a body (src, on file line line of file)
// and its problems with those of the pictures it shows. The cache's is
// taken when the body is unchanged and so are the pictures it shows.
func (c *converter) body(file string, line int, src []byte) (markdown.Result, diag.List) {
	if r, d, ok := c.cache.get(file, line, src); ok {
		var picDiags diag.List
		if len(r.Images) == 0 || c.pics.resolve(r.Images, &picDiags).Equal(r.Pictures) {
			return r, append(d, picDiags...)
		}
	}
	var d, picDiags diag.List
	r := c.conv.ConvertPictures(file, line, src, func(imgs []markdown.Image) markdown.Pictures {
		return c.pics.resolve(imgs, &picDiags)
	}, &d)
	c.cache.put(file, line, src, r, d)
	return r, append(d, picDiags...)
}

// story returns the HTML of a story's body and its problems.
func (c *converter) story(st *content.Story) (template.HTML, diag.List) {
	r, d := c.body(st.File, st.BodyLine, st.Body)
	return r.HTML, d
}

// lead returns the text of the first paragraph of a story's body, without
// converting it (see markdown.Converter.FirstParagraph), or as the cache
// holds it.
func (c *converter) lead(st *content.Story) string {
	if r, _, ok := c.cache.get(st.File, st.BodyLine, st.Body); ok {
		return r.FirstParagraph
	}
	return c.conv.FirstParagraph(st.Body)
}

// checkStories converts every story's body, on every core, and reports
// their problems in the stories' order: what guong check and the live
// preview find before any page is asked for. The preview keeps the
// results in its cache for the pages.
func (c *converter) checkStories(ctx context.Context, stories []*content.Story, diags *diag.List) {
	found := make([]diag.List, len(stories))
	parallel(ctx, len(stories), func(i int) {
		_, found[i] = c.story(stories[i])
	})
	for _, d := range found {
		diags.Append(d)
	}
	if ctx.Err() == nil {
		c.pics.forget()
	}
}

// convertBodies converts the bodies of the campaigns, the plain pages and
// the profiles on every core, and takes the first paragraph of each
// story's, reporting their problems in the content's order.
func (c *converter) convertBodies(ctx context.Context, cs *content.Site, diags *diag.List) site.Bodies {
	type job struct {
		file string
		line int
		src  []byte
		out  *site.Body
	}
	bodies := site.Bodies{
		Stories:   make([]site.Body, len(cs.Stories)),
		Campaigns: make([]site.Body, len(cs.Campaigns)),
		Pages:     make([]site.Body, len(cs.Pages)),
		Profiles:  make([]site.Body, len(cs.Profiles)),
	}
	var jobs []job
	for i, x := range cs.Campaigns {
		jobs = append(jobs, job{x.File, x.BodyLine, x.Body, &bodies.Campaigns[i]})
	}
	for i, p := range cs.Pages {
		jobs = append(jobs, job{p.File, p.BodyLine, p.Body, &bodies.Pages[i]})
	}
	for i, p := range cs.Profiles {
		jobs = append(jobs, job{p.File, p.BodyLine, p.Body, &bodies.Profiles[i]})
	}
	found := make([]diag.List, len(jobs))
	parallel(ctx, len(jobs)+len(cs.Stories), func(i int) {
		if i >= len(jobs) {
			bodies.Stories[i-len(jobs)].FirstParagraph = c.lead(cs.Stories[i-len(jobs)])
			return
		}
		j := jobs[i]
		var r markdown.Result
		r, found[i] = c.body(j.file, j.line, j.src)
		*j.out = site.Body{HTML: r.HTML, FirstParagraph: r.FirstParagraph}
	})
	for _, d := range found {
		diags.Append(d)
	}
	return bodies
}
