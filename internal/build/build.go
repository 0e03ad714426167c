// Package build is the pipeline every command shares: load the site, parse
// and check its content, render the Markdown, index, render every page with
// the theme, minify, and hand the files to a publish.Output. The CLI and the
// live preview are thin shells around Run.
package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/markdown"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/theme"
)

// Options control a build.
type Options struct {
	Drafts bool      // publish drafts
	Future bool      // publish stories dated after Now
	Now    time.Time // the build's time; zero means time.Now()
	Dev    bool      // build for the live preview
	// Themes holds the built-in themes, one folder each ("default/...").
	Themes fs.FS
	// NoMinify leaves output as the templates wrote it.
	NoMinify bool
	// CacheDir keeps resized cover images between builds (in its images/
	// folder); empty caches nothing.
	CacheDir string
}

// Result tells what a build did.
type Result struct {
	Config *config.Config // nil if site.yaml could not be read
	// Site is nil if the content had errors. A one-off build (Run) with
	// the built-in templates empties each story's HTML once it is used:
	// see htmlRelease.
	Site    *site.Site
	Pages   int // HTML pages written
	Files   int // all files written
	Skipped []content.Skipped
	Diags   diag.List // errors and warnings, sorted
	Elapsed time.Duration
	Images  images.Stats // cover sizes resized, and taken from the cache

	// For rebuilds (see Builder): pages rendered this time, files whose
	// bytes changed or are new, and files the previous build had and this
	// one does not.
	Rendered int
	Changed  []string
	Removed  []string

	// Phases is where the time went, stage by stage.
	Phases []Phase
}

// Phase is the time one stage of a build took.
type Phase struct {
	Name string
	Time time.Duration
}

// stopwatch returns a function that records the time since its last call
// as a phase called name.
func (r *Result) stopwatch() func(name string) {
	last := time.Now()
	return func(name string) {
		now := time.Now()
		r.Phases = append(r.Phases, Phase{name, now.Sub(last)})
		last = now
	}
}

// Lang returns the language diagnostics should be printed in.
func (r *Result) Lang() string {
	if r.Config != nil {
		return r.Config.Language
	}
	return "vi"
}

// Check loads and checks the site without rendering anything.
func Check(ctx context.Context, siteFS fs.FS, opts Options) *Result {
	start := time.Now()
	r := &Result{}
	if opts.Now.IsZero() {
		opts.Now = start
	}
	cfg, c := load(ctx, siteFS, opts, &r.Diags, nil, nil)
	r.Config = cfg
	if c != nil {
		r.Skipped = c.Skipped
	}
	r.Diags.Sort()
	r.Elapsed = time.Since(start)
	return r
}

// load reads site.yaml and the content, renders every Markdown body and
// checks the files bodies refer to. If alongside is not nil, it is called
// with the content once it is read without errors, while the bodies
// render: it must not use what rendering sets (HTML, Excerpt, Body,
// Images).
func load(ctx context.Context, siteFS fs.FS, opts Options, diags *diag.List, sess *session, alongside func(*config.Config, *content.Site)) (*config.Config, *content.Site) {
	if sess != nil && sess.loaded != nil { // by Builder.quick
		l := sess.loaded
		sess.loaded = nil
		diags.Append(l.diags)
		if alongside != nil && l.cfg != nil && l.content != nil && !diags.HasErrors() {
			alongside(l.cfg, l.content)
		}
		return l.cfg, l.content
	}
	cfg := config.Load(siteFS, diags)
	if cfg == nil {
		return nil, nil
	}
	copts := content.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}
	var bodies *bodyCache
	if sess != nil {
		copts.Cache = sess.content
		bodies = sess.bodies
		copts.Incremental, copts.Changed = sess.takeChanges()
	}
	c := content.Load(ctx, siteFS, cfg, copts, diags)
	var mf *publish.Minifier
	if !opts.NoMinify {
		mf = publish.NewMinifier()
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
func renderBodies(ctx context.Context, siteFS fs.FS, cfg *config.Config, c *content.Site, diags *diag.List, cache *bodyCache, mf *publish.Minifier) {
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
			c.Images = append(c.Images, pageImages(site.StoriesPath+s.Slug+"/", b.result.Images)...)
		}
	}
	for _, x := range c.Campaigns {
		b := next()
		x.HTML = b.result.HTML
		c.Images = append(c.Images, pageImages(site.CampaignsPath+x.Key+"/", b.result.Images)...)
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

// Run builds the site in siteFS into out. It returns an error, with the
// diagnostics in the Result, when the content has errors; nothing should
// then be published from out.
func Run(ctx context.Context, siteFS fs.FS, out publish.Output, opts Options) (*Result, error) {
	start := time.Now()
	r, err := run(ctx, siteFS, out, opts, nil)
	if f, ok := out.(publish.Flusher); ok {
		// The files are written by the time Run returns, and the time
		// it took is the build's.
		if ferr := f.Flush(); ferr != nil && err == nil {
			r.Diags.Errorf(diag.Position{}, diag.OutputError, ferr)
			err = errContent(r)
		}
		r.Elapsed = time.Since(start)
	}
	return r, err
}

// run is Run, reusing the work of a previous build when sess is not nil.
func run(ctx context.Context, siteFS fs.FS, out publish.Output, opts Options, sess *session) (*Result, error) {
	start := time.Now()
	if opts.Now.IsZero() {
		opts.Now = start
	}
	r := &Result{}
	defer func() { r.Diags.Sort(); r.Elapsed = time.Since(start) }()
	lap := r.stopwatch()

	// The index needs only what the front matter says: it is made while
	// the bodies render, so that neither core waits for it.
	var s *site.Site
	cfg, c := load(ctx, siteFS, opts, &r.Diags, sess, func(cfg *config.Config, c *content.Site) {
		s = site.Build(cfg, c, opts.Now)
	})
	lap("load+index")
	r.Config = cfg
	if c != nil {
		r.Skipped = c.Skipped
	}
	if r.Diags.HasErrors() || cfg == nil {
		return r, errContent(r)
	}
	covers := newCoverSet()
	theme, err := loadTheme(siteFS, cfg, opts, covers)
	if err != nil {
		r.Diags.Errorf(diag.Position{File: "themes/" + cfg.Theme}, diag.TemplateError, err)
		return r, errContent(r)
	}
	r.Site = s
	for _, pr := range s.UnusedProfiles {
		r.Diags.Warnf(pr.NamePos, diag.UnusedProfile, pr.Name)
	}

	w := &writer{ctx: ctx, out: out, minifier: publish.NewMinifier(), noMinify: opts.NoMinify, written: map[string]bool{}}
	if sess != nil {
		w.prev = sess.output
		w.written = make(map[string]bool, len(sess.files))
	}
	covers.resize(ctx, siteFS, s, opts.CacheDir, w, &r.Diags)
	r.Images = covers.stats
	if r.Diags.HasErrors() {
		return r, errContent(r)
	}
	lap("images")
	// The search index is made while the pages render: the single writer
	// of a publish.Dir often keeps the render workers waiting, and the
	// index's work fills that time.
	// A one-off build lets each story's HTML go once its page and its
	// search entry are made (see htmlRelease).
	var release *htmlRelease
	if sess == nil && !ownTemplates(siteFS, cfg) {
		release = newHTMLRelease(s)
	}
	var searchDone chan struct{}
	if sess == nil || !sess.deferSearch {
		searchDone = make(chan struct{})
		go func() {
			defer close(searchDone)
			writeSearch(s, w, release)
		}()
	}
	pages := Pages(s, opts.Dev, theme.T)
	var keys *pageKeys // see pageKeys: only rebuilds compare them
	if sess != nil {
		keys = newPageKeys(s, c, theme, opts, len(pages))
		keys.mix(covers.version)
	}
	// A one-off build writes the feeds and the sitemap (0.5 s on one core
	// at 100,000 stories) while the pages render; the live preview compares
	// their keys with the last build's, set as the pages render.
	var feeds sync.WaitGroup
	var feedsErr error
	if sess == nil {
		feeds.Go(func() { feedsErr = writeFeeds(w, s, pages, covers, nil, nil, nil) })
	}
	parallel(ctx, len(pages), func(i int) {
		p := pages[i]
		file := pageFile(p.URL)
		key := keys.of(p)
		keys.set(file, key)
		if sess != nil && sess.keys[file] == key && w.keep(file) {
			return
		}
		buf := w.pageBuffer()
		err := theme.RenderTo(buf, p)
		if p.Kind == "story" {
			release.rendered(p.Story)
		}
		if err != nil {
			w.fail(err)
			return
		}
		w.rendered.Add(1)
		w.writePage(file, buf)
	})
	release.pagesDone()
	lap("pages")
	if searchDone == nil {
		// The live preview writes the search index after the reload.
		sess.pending = func(w *writer) { writeSearch(s, w, nil) }
	} else {
		<-searchDone
	}
	lap("search")
	if sess != nil {
		feedsErr = writeFeeds(w, s, pages, covers, keys, sess.lastKeys(), sess.later())
	}
	feeds.Wait()
	if err := feedsErr; err != nil {
		w.fail(err)
	}
	lap("feeds")
	if err := w.copyStatic(theme); err != nil {
		w.fail(err)
	}
	for _, cp := range append(c.Images, coverCopies(s)...) {
		data, err := fs.ReadFile(siteFS, cp.From)
		if err != nil {
			w.fail(err)
			continue
		}
		w.write(cp.To, data)
	}
	lap("files")
	r.Pages = len(pages)
	r.Files = len(w.written)
	r.Rendered = int(w.rendered.Load())
	r.Changed = w.changed
	sort.Strings(r.Changed)
	if sess != nil {
		sess.newKeys = keys.files
		sess.written = w.written
		sess.built = &lastBuild{content: c, site: s, pages: pages, theme: theme, keys: keys, covers: covers}
	}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	if w.err != nil {
		r.Diags.Errorf(diag.Position{}, diag.TemplateError, w.err)
		return r, errContent(r)
	}
	return r, nil
}

func errContent(r *Result) error {
	return diag.ListError{List: r.Diags, Lang: r.Lang()}
}

// pageFile is the output file of a page URL: "bai-viet/x/" → "bai-viet/x/index.html".
func pageFile(url string) string {
	if url == "" || strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}

// coverCopies lists the profile photos to copy beside their people's
// pages (stories' covers are resized: see coverSet).
func coverCopies(s *site.Site) []content.Copy {
	var out []content.Copy
	for _, p := range s.People {
		if p.Profile != nil && p.Profile.Photo != "" {
			out = append(out, content.Copy{From: p.Profile.Photo, To: p.URL + path.Base(p.Profile.Photo)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].To < out[j].To })
	return out
}

// writer minifies and writes files from many goroutines, keeping the first error.
type writer struct {
	ctx      context.Context
	out      publish.Output
	prev     *publish.Memory // the previous build's output, if any
	minifier *publish.Minifier
	noMinify bool
	rendered atomic.Int64

	// pages are buffers for pages, used again once the output is done
	// with them (see writePage).
	pages sync.Pool

	mu      sync.Mutex
	err     error
	written map[string]bool // every file of this build, written or kept
	changed []string        // files that differ from the previous build's
}

func (w *writer) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

// put writes data to name, minified first if minify says so. If release
// is not nil and the output says when it is done with data (a Releaser),
// release is called then; else it is not called.
func (w *writer) put(name string, data []byte, minify bool, release func()) {
	if minify {
		m, err := w.minifier.Minify(name, data)
		if err != nil {
			w.fail(err)
			return
		}
		data = m
	}
	var same bool
	if w.prev != nil {
		old, ok := w.prev.Get(name)
		same = ok && bytes.Equal(old, data)
	}
	var err error
	if r, ok := w.out.(publish.Releaser); ok && release != nil {
		err = r.WriteRelease(name, data, release)
	} else {
		err = w.out.Write(name, data)
	}
	if err != nil {
		w.fail(fmt.Errorf("writing %s: %w", name, err))
		return
	}
	w.mu.Lock()
	w.written[name] = true
	if !same {
		w.changed = append(w.changed, name)
	}
	w.mu.Unlock()
}

// writeMinified writes a file that is minified already: a page executed
// from minified templates (see loadTheme), or an index file written
// compactly.
func (w *writer) writeMinified(name string, data []byte) { w.put(name, data, false, nil) }

// write minifies data by its name's type, unless the build says not to, and
// writes it.
func (w *writer) write(name string, data []byte) { w.put(name, data, !w.noMinify, nil) }

// pageBuffer returns an empty buffer to render a page into.
func (w *writer) pageBuffer() *bytes.Buffer {
	if b, ok := w.pages.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// writePage writes a page rendered into buf (from pageBuffer), which is
// minified already. When the output says when it is done with the page's
// bytes, buf is then used again for another page: pages are a fifth of
// what a build allocates.
func (w *writer) writePage(name string, buf *bytes.Buffer) {
	w.put(name, buf.Bytes(), false, func() {
		if buf.Cap() <= 1<<20 {
			buf.Reset()
			w.pages.Put(buf)
		}
	})
}

// keep records that the previous build's file name stays as it is; it
// reports false if there is no such file.
func (w *writer) keep(name string) bool {
	if w.prev == nil {
		return false
	}
	if _, ok := w.prev.Get(name); !ok {
		return false
	}
	w.mu.Lock()
	w.written[name] = true
	w.mu.Unlock()
	return true
}

func (w *writer) copyStatic(theme *theme.Theme) error {
	files, err := theme.Static()
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := theme.ReadStatic(f)
		if err != nil {
			return err
		}
		w.write(theme.Asset(f), data)
	}
	return nil
}
