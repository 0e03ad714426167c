package build

import (
	"bytes"
	"context"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
	"github.com/guong/guong/internal/publish"
)

// Builder builds one site again and again into memory, for the live
// preview. Each build reuses the previous one: files whose size and time
// did not change are not parsed again, bodies that did not change are not
// converted again, and a page is rendered again only when what it shows
// changed (see pageKeys). A failed build leaves the previous output as the
// current one.
type Builder struct {
	site fs.FS
	opts Options

	mu   sync.Mutex // one build at a time
	sess *session
}

// session is what one build hands to the next.
type session struct {
	content *content.Cache
	bodies  *bodyCache
	keys    map[string]pageKey // output file → key of the page last rendered there
	output  *publish.Memory    // the last good output

	// Filled in by the build under way.
	newKeys map[string]pageKey
	written map[string]bool

	// deferSearch leaves the search index to Finish; pending is its work.
	deferSearch bool
	pending     func(w *writer)
}

// NewBuilder returns a Builder for the site in siteFS.
func NewBuilder(siteFS fs.FS, opts Options) *Builder {
	return &Builder{site: siteFS, opts: opts, sess: &session{
		content: content.NewCache(),
		bodies:  newBodyCache(),
	}}
}

// Build builds the site. On success it returns the new output, in which
// every file of the previous output that this build did not produce is gone
// (Result.Removed lists them). On failure it returns the error and a nil
// output; Output still returns the last good one.
func (b *Builder) Build(ctx context.Context) (*Result, *publish.Memory, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	next := publish.NewMemory()
	if b.sess.output != nil {
		next = b.sess.output.Clone()
	}
	b.sess.pending = nil
	r, err := run(ctx, b.site, next, b.opts, b.sess)
	if err != nil {
		return r, nil, err
	}
	for _, name := range next.Names() {
		if b.sess.pending != nil && strings.HasPrefix(name, SearchIndexPath) {
			continue // replaced by Finish
		}
		if !b.sess.written[name] {
			next.Delete(name)
			r.Removed = append(r.Removed, name)
		}
	}
	sort.Strings(r.Removed)
	b.sess.keys, b.sess.output = b.sess.newKeys, next
	b.sess.newKeys, b.sess.written = nil, nil
	return r, next, nil
}

// DeferSearch makes Build leave the search index to Finish, so that the
// live preview can reload the pages first: the index of 10,000 stories
// takes a second or two to write.
func (b *Builder) DeferSearch() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sess.deferSearch = true
}

// Finish writes what the last Build deferred — the search index — into its
// output, replacing the previous index. It does nothing if nothing is
// pending.
func (b *Builder) Finish(ctx context.Context) {
	b.mu.Lock()
	defer b.mu.Unlock()
	work, out := b.sess.pending, b.sess.output
	b.sess.pending = nil
	if work == nil || out == nil {
		return
	}
	w := &writer{ctx: ctx, out: out, minifier: publish.NewMinifier(), noMinify: b.opts.NoMinify, written: map[string]bool{}}
	work(w)
	for _, name := range out.Names() {
		if strings.HasPrefix(name, SearchIndexPath) && !w.written[name] {
			out.Delete(name)
		}
	}
}

// Output returns the last good output, or nil before the first success.
func (b *Builder) Output() *publish.Memory {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sess.output
}

// bodyCache keeps converted Markdown bodies by file, with the body they
// were converted from. A nil *bodyCache caches nothing.
type bodyCache struct {
	mu       sync.Mutex
	basePath string
	entries  map[string]bodyEntry
}

type bodyEntry struct {
	line   int
	src    []byte
	result markdown.Result
	diags  diag.List
}

func newBodyCache() *bodyCache { return &bodyCache{entries: map[string]bodyEntry{}} }

// prepare empties the cache if the base path, which links depend on, changed.
func (c *bodyCache) prepare(basePath string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.basePath != basePath {
		c.basePath, c.entries = basePath, map[string]bodyEntry{}
	}
}

func (c *bodyCache) get(file string, line int, src []byte) (markdown.Result, diag.List, bool) {
	if c == nil {
		return markdown.Result{}, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[file]
	if !ok || e.line != line || !bytes.Equal(e.src, src) {
		return markdown.Result{}, nil, false
	}
	return e.result, append(diag.List(nil), e.diags...), true
}

func (c *bodyCache) put(file string, line int, src []byte, r markdown.Result, d diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[file] = bodyEntry{line: line, src: src, result: r, diags: append(diag.List(nil), d...)}
}
