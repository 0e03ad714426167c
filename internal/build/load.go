package build

import (
	"context"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
	"github.com/guong/guong/internal/minify"
	"github.com/guong/guong/internal/urls"
)

// caches are what the live preview keeps from one build to the next, each
// keyed by the bytes it was made from: files whose size and time did not
// change are not parsed again, bodies that did not change are not
// converted again, resized covers are kept in memory. A one-off build has
// none (a nil *caches).
type caches struct {
	content *content.Cache
	bodies  *bodyCache
	covers  *memoryCache
	// incremental says that changed lists every file changed since the
	// last load; else the content folder is walked again.
	incremental bool
	changed     []string
}

// load reads site.yaml and the content, renders every Markdown body and
// checks the files bodies refer to. If alongside is not nil, it is called
// with the content once it is read without errors, while the bodies
// render: it must not use what rendering sets (HTML, Excerpt, Body,
// Images).
func load(ctx context.Context, siteFS fs.FS, opts Options, diags *diag.List, cc *caches, alongside func(*config.Config, *content.Site)) (*config.Config, *content.Site) {
	cfg := config.Load(siteFS, diags)
	if cfg == nil {
		return nil, nil
	}
	copts := content.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}
	var bodies *bodyCache
	if cc != nil {
		copts.Cache, copts.Incremental, copts.Changed = cc.content, cc.incremental, cc.changed
		bodies = cc.bodies
	}
	c := content.Load(ctx, siteFS, cfg, copts, diags)
	var mf *minify.Minifier
	if !opts.NoMinify {
		mf = minify.New()
	}
	var beside sync.WaitGroup
	if alongside != nil && c != nil && !diags.HasErrors() {
		beside.Go(func() { alongside(cfg, c) })
	}
	renderBodies(ctx, siteFS, cfg, c, diags, bodies, mf)
	beside.Wait()
	return cfg, c
}

// bodies are rendered results keyed by file, with what they refer to.
type body struct {
	file   string
	line   int
	src    []byte
	result markdown.Result
	diags  diag.List
}

// renderBodies converts every Markdown body on every core, but those the
// cache holds unchanged, minified by mf unless it is nil: the pages'
// templates are minified when the theme is loaded, so the bodies are the
// part of a page left to minify.
func renderBodies(ctx context.Context, siteFS fs.FS, cfg *config.Config, c *content.Site, diags *diag.List, cache *bodyCache, mf *minify.Minifier) {
	conv := markdown.New(cfg.BasePath())
	if mf != nil {
		conv = conv.WithMinify(mf.HTMLTo)
	}
	cache.prepare(cfg.BasePath())
	jobs := make([]body, 0, len(c.Stories)+len(c.Campaigns)+len(c.Pages)+len(c.Profiles))
	for _, s := range c.Stories {
		jobs = append(jobs, body{file: s.File, line: s.BodyLine, src: s.Body})
	}
	for _, x := range c.Campaigns {
		jobs = append(jobs, body{file: x.File, line: x.BodyLine, src: x.Body})
	}
	for _, p := range c.Pages {
		jobs = append(jobs, body{file: p.File, line: p.BodyLine, src: p.Body})
	}
	for _, p := range c.Profiles {
		jobs = append(jobs, body{file: p.File, line: p.BodyLine, src: p.Body})
	}
	todo := cache.getAll(jobs)
	parallel(ctx, len(todo), func(i int) {
		b := &jobs[todo[i]]
		b.result = conv.Convert(b.file, b.line, b.src, &b.diags)
		cache.put(b.file, b.line, b.src, b.result, b.diags)
		if cache == nil && todo[i] < len(c.Stories) {
			// Converted: the source (the file's bytes) is not needed any
			// more, and a one-off build of 100,000 stories would otherwise
			// hold 460 MB of it until the last is converted, beside their
			// HTML. Rebuilds keep it to compare.
			b.src = nil
			c.Stories[todo[i]].Body = nil
		}
	})
	var withImages []int
	for i := range jobs {
		if len(jobs[i].result.Images) > 0 {
			withImages = append(withImages, i)
		}
	}
	parallel(ctx, len(withImages), func(i int) {
		b := &jobs[withImages[i]]
		for _, img := range b.result.Images {
			if info, err := fs.Stat(siteFS, img.File); err != nil || !info.Mode().IsRegular() {
				b.diags.Errorf(img.Pos, diag.MissingFile, img.Rel)
			}
		}
	})
	i := 0
	next := func() *body { b := &jobs[i]; i++; diags.Append(b.diags); return b }
	for _, s := range c.Stories {
		b := next()
		s.HTML = b.result.HTML
		s.Excerpt = s.Summary
		if s.Excerpt == "" {
			s.Excerpt = b.result.FirstParagraph
		}
		if len(b.result.Images) > 0 {
			c.Images = append(c.Images, pageImages(urls.Stories+s.Slug+"/", b.result.Images)...)
		}
	}
	for _, x := range c.Campaigns {
		b := next()
		x.HTML = b.result.HTML
		c.Images = append(c.Images, pageImages(urls.Campaigns+x.Key+"/", b.result.Images)...)
	}
	for _, p := range c.Pages {
		b := next()
		p.HTML = b.result.HTML
		if p.Summary == "" {
			p.Summary = b.result.FirstParagraph
		}
		c.Images = append(c.Images, pageImages(p.Slug+"/", b.result.Images)...)
	}
	for _, p := range c.Profiles {
		p.HTML = next().result.HTML
	}
}

func pageImages(page string, imgs []markdown.Image) []content.Copy {
	var out []content.Copy
	for _, img := range imgs {
		out = append(out, content.Copy{From: img.File, To: page + img.Rel})
	}
	return out
}

// parallel calls f(0..n-1) on every core, stopping early if ctx is done.
// Each worker takes the next i itself: handing them out from one goroutine
// through a channel cost a switch between goroutines for every call.
func parallel(ctx context.Context, n int, f func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
