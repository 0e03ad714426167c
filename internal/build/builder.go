package build

import (
	"context"
	"io/fs"
	"sync"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/site"
)

// Builder makes Snapshots of one site again and again, for the live
// preview. Each reuses what the last one read, keyed by the bytes it was
// made from (see caches): told which files changed (BuildChanged), it reads
// only those again, and it converts only the bodies that changed. It then
// indexes the whole site again, so that every page a Snapshot makes is the
// page a clean build makes, whatever the theme shows on it. A failed build
// leaves the last good Snapshot as the current one.
type Builder struct {
	site fs.FS
	opts Options

	mu     sync.Mutex // one build at a time
	caches caches
	// walk says that the next build must walk the content folder; else
	// changed lists every path changed since the last one.
	walk    bool
	changed []string
	last    *Snapshot // the last good one
}

// NewBuilder returns a Builder for the site in siteFS.
func NewBuilder(siteFS fs.FS, opts Options) *Builder {
	return &Builder{site: siteFS, opts: opts, walk: true, caches: caches{
		content:  content.NewCache(),
		bodies:   newBodyCache(),
		images:   newMemoryCache(coverCache(opts.CacheDir)),
		pictures: newPictureMemo(),
		names:    site.NewNames(),
	}}
}

// Build makes a Snapshot of the site, looking at every file. On failure it
// returns the error and a nil Snapshot; Last still returns the last good
// one.
func (b *Builder) Build(ctx context.Context) (*Result, *Snapshot, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.walk, b.changed = true, nil
	return b.build(ctx)
}

// BuildChanged is Build, told which files changed since the previous Build
// or BuildChanged: paths are slash-separated and relative to the site
// folder, as the live preview's watcher reports them; "." stands for
// anything. Only those files are read again: the paths must name every
// change, or the Snapshot may be stale.
func (b *Builder) BuildChanged(ctx context.Context, paths []string) (*Result, *Snapshot, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.changed = append(b.changed, paths...)
	return b.build(ctx)
}

func (b *Builder) build(ctx context.Context) (*Result, *Snapshot, error) {
	r, opts := begin(b.opts)
	defer r.finish(ctx)
	b.caches.incremental, b.caches.changed = !b.walk, b.changed
	b.walk, b.changed = false, nil
	snap := newSnapshot(ctx, b.site, opts, &b.caches, r)
	if err := ctx.Err(); err != nil {
		// What was read may be incomplete: the next build looks again.
		b.walk = true
		return r, nil, err
	}
	if snap == nil {
		return r, nil, errContent(r)
	}
	b.last = snap
	return r, snap, nil
}

// Last returns the last good Snapshot, or nil before the first success.
func (b *Builder) Last() *Snapshot {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.last
}
