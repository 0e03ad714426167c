// Package build is the pipeline every command shares. It makes a Snapshot
// of the site — load site.yaml and the content, parse and check the front
// matter, convert the Markdown, index the site, load the theme, resize the
// covers — and then makes the files of the output from it: all of them at
// once into a publish.Output (Run, for guong build), or one at a time as
// they are asked for (Snapshot.File, for the live preview, whose Builder
// makes a new Snapshot on every change, reusing what did not change).
// Each stage returns values and diagnostics — the content (content.Load),
// its converted bodies (site.Bodies: a story's first paragraph only), the
// site model made of both (site.Build), the pages — and none changes what
// an earlier one made. A story's body is converted by the worker that
// makes its page, which hands its text to the search index in the same
// step (see emit): no build holds every story's HTML at once.
package build

import (
	"context"
	"io/fs"
	"sync"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/sitefs"
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
	// LastCommits returns the date of the last git commit of each content
	// file, by its site-relative path (gitinfo.LastCommits), for sites
	// with enableGitInfo; nil when the site is not a folder in git's reach.
	LastCommits func(ctx context.Context) (map[string]time.Time, error)
}

// Result tells what a build did.
type Result struct {
	Config *config.Config // nil if site.yaml could not be read
	// Site is nil if the content had errors.
	Site    *site.Site
	Pages   int // HTML pages of the site, by Run (else Snapshot.PageCount)
	Files   int // all files written, by Run
	Skipped []content.Skipped
	Diags   diag.List // errors and warnings, sorted
	Elapsed time.Duration
	Images  images.Stats // sizes of covers and body pictures resized, and taken from the cache
	// UpToDate says that Publish found nothing changed since the last
	// build and left the output as it was.
	UpToDate bool

	// Phases is where the time went, stage by stage.
	Phases []Phase

	started time.Time // see begin
}

// begin starts a run of Check, Model, Run or the preview's build: the
// Result to fill, timed from now, and opts with Now set to now unless it
// is given. The caller defers the Result's finish.
func begin(opts Options) (*Result, Options) {
	r := &Result{started: time.Now()}
	if opts.Now.IsZero() {
		opts.Now = r.started
	}
	return r, opts
}

// finish ends a run begun by begin: no diagnostics if ctx was cancelled
// (see stopped), else sorted, and the time the run took.
func (r *Result) finish(ctx context.Context) {
	stopped(ctx, r)
	r.Diags.Sort()
	r.Elapsed = time.Since(r.started)
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

// Check loads and checks the site without rendering anything. Its reads
// are cancelled by ctx, as Run's are: a Result stopped by ctx has no
// diagnostics (see stopped).
func Check(ctx context.Context, siteFS fs.FS, opts Options) *Result {
	return check(ctx, siteFS, opts, nil)
}

// Checker is Check run again and again on one site, as the writer's desk
// checks a form while it is typed: like the preview's Builder, it reads
// and parses again only the files whose size or time changed, and converts
// only the bodies whose bytes changed. It is safe for concurrent use, one
// check at a time.
type Checker struct {
	mu     sync.Mutex
	caches caches
}

// NewChecker returns a Checker with nothing read yet.
func NewChecker() *Checker {
	return &Checker{caches: caches{content: content.NewCache(), bodies: newBodyCache()}}
}

// Check is Check, reusing what the last Check of c read.
func (c *Checker) Check(ctx context.Context, siteFS fs.FS, opts Options) *Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	return check(ctx, siteFS, opts, &c.caches)
}

func check(ctx context.Context, siteFS fs.FS, opts Options, cc *caches) *Result {
	r, opts := begin(opts)
	defer r.finish(ctx)
	siteFS = sitefs.WithContext(ctx, siteFS)
	if l := load(ctx, siteFS, opts, &r.Diags, cc, nil); l != nil {
		r.Config = l.cfg
		if l.content != nil {
			r.Skipped = l.content.Skipped
			l.convert.checkStories(ctx, l.content.Stories, &r.Diags)
		}
	}
	return r
}

// Model loads and checks the site and builds its model (Result.Site, nil
// when the content has errors) without rendering any page: what guong
// report counts from.
func Model(ctx context.Context, siteFS fs.FS, opts Options) *Result {
	r, opts := begin(opts)
	defer r.finish(ctx)
	siteFS = sitefs.WithContext(ctx, siteFS)
	l := load(ctx, siteFS, opts, &r.Diags, nil, nil)
	if l != nil {
		r.Config = l.cfg
		if l.content != nil {
			r.Skipped = l.content.Skipped
			l.convert.checkStories(ctx, l.content.Stories, &r.Diags)
		}
	}
	if l != nil && l.content != nil && !r.Diags.HasErrors() && ctx.Err() == nil {
		r.Site = site.BuildWith(l.cfg, l.content, l.bodies, opts.Now, nil, l.commits)
	}
	return r
}

// Run builds the site in siteFS into out. It returns an error, with the
// diagnostics in the Result, when the content has errors; nothing should
// then be published from out. The problems of a story's body are found as
// its page is made (see emit), with every other page still made: all of a
// build's problems are told at once.
//
// When ctx is done, Run returns ctx's error promptly, even if a read of
// siteFS never returns (a network file system that stopped answering: see
// sitefs.WithContext), with nothing written to out once it has returned.
func Run(ctx context.Context, siteFS fs.FS, out publish.Output, opts Options) (*Result, error) {
	r, opts := begin(opts)
	defer r.finish(ctx)
	snap := newSnapshot(ctx, siteFS, opts, nil, r)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	if snap == nil {
		return r, errContent(r)
	}
	w := newWriter(ctx, out, opts.NoMinify)
	bodyProblems := snap.emit(ctx, w, r.stopwatch())
	r.Diags.Append(bodyProblems)
	r.Images = snap.images.Stats() // with the pictures of the stories' bodies
	if f, ok := out.(publish.Flusher); ok && w.err == nil {
		// The files are written by the time Run returns, and the time
		// it took is the build's.
		if err := f.Flush(); err != nil {
			r.Diags.Errorf(diag.Position{}, diag.OutputError, err)
			return r, errContent(r)
		}
	}
	r.Files, r.Pages = len(w.written), snap.PageCount()
	if err := ctx.Err(); err != nil {
		return r, err
	}
	if w.err != nil {
		w.failure(&r.Diags)
		return r, errContent(r)
	}
	if r.Diags.HasErrors() { // in a story's body, found as its page was made
		return r, errContent(r)
	}
	return r, nil
}

// stopped empties the diagnostics of r if ctx is done: what a stopped
// build found is incomplete, and mostly the reads it cancelled.
func stopped(ctx context.Context, r *Result) {
	if ctx.Err() != nil {
		r.Diags = nil
	}
}

func errContent(r *Result) error {
	return diag.ListError{List: r.Diags, Lang: r.Lang()}
}
