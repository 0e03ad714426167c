package build

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/gitinfo"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/markdown"
	"github.com/guong/guong/internal/minify"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/theme"
)

// caches are what the live preview keeps from one build to the next, each
// keyed by the bytes it was made from: files whose size and time did not
// change are not parsed again, bodies that did not change are not
// converted again, resized covers are kept in memory. A one-off build has
// none (a nil *caches).
type caches struct {
	content *content.Cache
	bodies  *bodyCache
	images  *memoryCache
	// pictures are the pictures bodies show, as last made.
	pictures *pictureMemo
	names    *site.Names
	// theme is the theme last loaded, with its key (see themeKey): a
	// theme is loaded again only when its files or settings change, and
	// finds covers in covers.
	theme    *theme.Theme
	themeKey string
	themeCtx context.Context // the context of the build that loaded it
	covers   coverSets
	// incremental says that changed lists every file changed since the
	// last load; else the content folder is walked again.
	incremental bool
	changed     []string
}

// loaded is the site as load read it: site.yaml, the content (with the
// first paragraph of each story's body), the bodies of its campaigns,
// pages and profiles converted, and the converter of the stories' bodies,
// which are read and converted when their pages are made.
type loaded struct {
	cfg      *config.Config
	content  *content.Site
	bodies   site.Bodies
	convert  *converter
	pictures *bodyPictures // what the bodies show, resized
	// commits are the dates of the content files' last git commits, for
	// enableGitInfo; nil without it.
	commits map[string]time.Time
}

// loadTheme returns the theme last loaded if nothing it is made from
// changed, else loads it again.
func (cc *caches) loadTheme(ctx context.Context, themeFS fs.FS, cfg *config.Config, opts Options) (*theme.Theme, error) {
	key, err := themeKey(themeFS, cfg, opts)
	if err != nil {
		return nil, err
	}
	// A theme reads its static files when they are first asked for,
	// through the site folder made cancellable by the build that loaded
	// it (see newSnapshot): one loaded by a build whose context is done
	// is loaded again.
	if cc.theme != nil && key == cc.themeKey && cc.themeCtx.Err() == nil {
		return cc.theme, nil
	}
	th, err := loadTheme(themeFS, cfg, opts, &cc.covers)
	if err != nil {
		return nil, err
	}
	cc.theme, cc.themeKey, cc.themeCtx = th, key, ctx
	return th, nil
}

// load reads site.yaml and the content, converts the bodies but the
// stories' and checks the pictures they show, resizing them with proc (if
// nil, they are only checked). It returns nil if site.yaml cannot be read,
// and no content or bodies if the content cannot.
func load(ctx context.Context, siteFS fs.FS, opts Options, diags *diag.List, cc *caches, proc *images.Processor) *loaded {
	cfg := config.Load(siteFS, diags)
	if cfg == nil {
		return nil
	}
	var cache *bodyCache
	var memo *pictureMemo
	if cc != nil {
		cache, memo = cc.bodies, cc.pictures
	}
	pics := newBodyPictures(siteFS, proc, memo)
	conv := newConverter(siteFS, cfg, TableLabel(siteFS, cfg, opts), !opts.NoMinify, cache, pics)
	// The live preview shows the drafts it can: one with errors is left
	// out with warnings rather than failing the preview.
	copts := content.Options{Drafts: opts.Drafts, TryDrafts: opts.Dev, Future: opts.Future, Now: opts.Now,
		FirstParagraph: conv.md.FirstParagraph}
	if cc != nil {
		copts.Cache, copts.Incremental, copts.Changed = cc.content, cc.incremental, cc.changed
	}
	l := &loaded{cfg: cfg, content: content.Load(ctx, siteFS, cfg, copts, diags), convert: conv, pictures: pics}
	if l.content == nil {
		return l
	}
	l.bodies = conv.convertBodies(ctx, l.content, diags)
	if cfg.EnableGitInfo {
		l.commits = lastCommits(ctx, cfg, opts, diags)
	}
	return l
}

// newConverter returns the converter of a build's bodies: their tables
// are named by tableLabel (see markdown.Converter.WithTableLabel), and
// they are minified unless minified is false (the pages' templates are
// minified when the theme is loaded, so the bodies are the part of a page
// left to minify). With a cache (the live preview's), bodies are
// converted behind it.
func newConverter(siteFS fs.FS, cfg *config.Config, tableLabel string, minified bool, cache *bodyCache, pics *bodyPictures) *converter {
	md := markdown.New(cfg.BasePath()).WithTableLabel(tableLabel)
	if minified {
		md = md.WithMinify(minify.New().HTMLTo)
	}
	c := &converter{md: md, fsys: siteFS, pics: pics}
	c.body = c.convert
	if cache != nil {
		cache.prepare(cfg.BasePath(), tableLabel)
		c.body = cache.wrap(c.convert, pics)
	}
	return c
}

// TableLabel is the name the site's theme gives the tables of a body (its
// "body_table" string, numbered by markdown.Converter.WithTableLabel): the
// build's, and the writer's desk's preview of a body, read it here.
func TableLabel(siteFS fs.FS, cfg *config.Config, opts Options) string {
	return theme.String(themeFiles(siteFS, cfg, opts), cfg.Language, "body_table")
}

// lastCommits reads the dates of the content files' last commits with one
// git log; without git, or outside a repository, it warns and returns nil.
func lastCommits(ctx context.Context, cfg *config.Config, opts Options, diags *diag.List) map[string]time.Time {
	notRepository := diag.Word{VI: "thư mục của trang không nằm trong một kho git", EN: "the site folder is not in a git repository"}
	if opts.LastCommits == nil {
		diags.Warnf(cfg.EnableGitInfoPos, diag.GitInfoUnavailable, notRepository)
		return nil
	}
	commits, err := opts.LastCommits(ctx)
	switch {
	case errors.Is(err, gitinfo.ErrNoGit):
		diags.Warnf(cfg.EnableGitInfoPos, diag.GitInfoUnavailable, diag.Word{VI: "máy chưa cài git", EN: "git is not installed"})
	case errors.Is(err, gitinfo.ErrNotRepository):
		diags.Warnf(cfg.EnableGitInfoPos, diag.GitInfoUnavailable, notRepository)
	case err != nil:
		diags.Warnf(cfg.EnableGitInfoPos, diag.GitInfoUnavailable, diag.Word{VI: err.Error(), EN: err.Error()})
	default:
		return commits
	}
	return nil
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
