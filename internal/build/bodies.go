package build

import (
	"context"
	"errors"
	"html/template"
	"io/fs"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
	"github.com/guong/guong/internal/site"
)

// converter converts the Markdown bodies of one build, one at a time, on
// the goroutine that needs one. A story's body is read again from its file
// (content.ReadBody) and converted by the worker that makes its page,
// which hands its text to the search index and lets it go (see emit): no
// build holds every story's Markdown or HTML at once. The pictures a body
// shows are made by pics once the body is parsed, before it is rendered,
// so that its HTML names their published sizes. It is safe for concurrent
// use.
type converter struct {
	md   *markdown.Converter
	fsys fs.FS // the site folder, where stories' bodies are read
	pics *bodyPictures
	// body is convert, or in the live preview convert behind its cache
	// (bodyCache.wrap).
	body convertFunc
}

// convertFunc converts a body: the body of file, from file line line, at
// the file's version, read by read. It returns the result, the problems of
// the conversion and those of the pictures the body shows, and false if
// the body could not be read (problems tells why).
type convertFunc func(file string, line int, version uint64, read func() ([]byte, error)) (r markdown.Result, problems, pictureProblems diag.List, ok bool)

// convert is the converter's convertFunc.
func (c *converter) convert(file string, line int, version uint64, read func() ([]byte, error)) (markdown.Result, diag.List, diag.List, bool) {
	var problems, pictureProblems diag.List
	src, err := read()
	if err != nil {
		at := diag.Position{File: file}
		if errors.Is(err, content.ErrChanged) {
			problems.Errorf(at, diag.ChangedMidBuild)
		} else {
			problems.ReadError(at, file, err)
		}
		return markdown.Result{}, problems, nil, false
	}
	r := c.md.ConvertPictures(file, line, src, func(imgs []markdown.Image) markdown.Pictures {
		return c.pics.resolve(imgs, &pictureProblems)
	}, &problems)
	return r, problems, pictureProblems, true
}

// story returns the HTML of a story's body and its problems.
func (c *converter) story(st *content.Story) (template.HTML, diag.List) {
	r, d, picDiags, _ := c.body(st.File, st.BodyLine, st.Version, func() ([]byte, error) { return content.ReadBody(c.fsys, st) })
	return r.HTML, append(d, picDiags...)
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
// the profiles on every core, reporting their problems in the content's
// order.
func (c *converter) convertBodies(ctx context.Context, cs *content.Site, diags *diag.List) site.Bodies {
	type job struct {
		file    string
		line    int
		version uint64
		src     []byte
		out     *site.Body
	}
	bodies := site.Bodies{
		Campaigns: make([]site.Body, len(cs.Campaigns)),
		Pages:     make([]site.Body, len(cs.Pages)),
		Profiles:  make([]site.Body, len(cs.Profiles)),
	}
	var jobs []job
	for i, x := range cs.Campaigns {
		jobs = append(jobs, job{x.File, x.BodyLine, x.Version, x.Body, &bodies.Campaigns[i]})
	}
	for i, p := range cs.Pages {
		jobs = append(jobs, job{p.File, p.BodyLine, p.Version, p.Body, &bodies.Pages[i]})
	}
	for i, p := range cs.Profiles {
		jobs = append(jobs, job{p.File, p.BodyLine, p.Version, p.Body, &bodies.Profiles[i]})
	}
	found := make([]diag.List, len(jobs))
	parallel(ctx, len(jobs), func(i int) {
		j := jobs[i]
		r, d, picDiags, _ := c.body(j.file, j.line, j.version, func() ([]byte, error) { return j.src, nil })
		*j.out, found[i] = site.Body{HTML: r.HTML, FirstParagraph: r.FirstParagraph}, append(d, picDiags...)
	})
	for _, d := range found {
		diags.Append(d)
	}
	return bodies
}
