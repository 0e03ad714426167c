package build

import (
	"context"
	"sync"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/markdown"
)

// bodyCache keeps converted Markdown bodies by file, with the version of
// the file (its fingerprint: see content.Story) they were converted from,
// for the live preview and the writer's desk: see wrap.
type bodyCache struct {
	mu       sync.Mutex
	basePath string
	label    string
	entries  map[string]bodyEntry
}

type bodyEntry struct {
	line    int
	version uint64
	result  markdown.Result
	diags   diag.List
}

func newBodyCache() *bodyCache { return &bodyCache{entries: map[string]bodyEntry{}} }

// prepare empties the cache if the base path, which links depend on, or
// the label of tables changed.
func (c *bodyCache) prepare(basePath, label string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.basePath != basePath || c.label != label {
		c.basePath, c.label, c.entries = basePath, label, map[string]bodyEntry{}
	}
}

// get returns what the body of file, from line, converted to when the
// cache last saw the file at the same version.
func (c *bodyCache) get(file string, line int, version uint64) (markdown.Result, diag.List, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[file]
	if !ok || e.line != line || e.version != version {
		return markdown.Result{}, nil, false
	}
	return e.result, append(diag.List(nil), e.diags...), true
}

func (c *bodyCache) put(file string, line int, version uint64, r markdown.Result, d diag.List) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[file] = bodyEntry{line: line, version: version, result: r, diags: append(diag.List(nil), d...)}
}

// wrap returns convert behind the cache: a body is taken from the cache,
// and not even read, when its file is at the same version and the
// pictures it shows (made again by pics) are unchanged; else it is
// converted, and kept if it could be read.
func (c *bodyCache) wrap(convert convertFunc, pics *bodyPictures) convertFunc {
	return func(file string, line int, version uint64, read func() ([]byte, error)) (markdown.Result, diag.List, diag.List, bool) {
		if r, d, ok := c.get(file, line, version); ok {
			var picDiags diag.List
			if len(r.Images) == 0 || pics.resolve(r.Images, &picDiags).Equal(r.Pictures) {
				return r, d, picDiags, true
			}
		}
		r, d, picDiags, ok := convert(file, line, version, read)
		if ok {
			c.put(file, line, version, r, d)
		}
		return r, d, picDiags, ok
	}
}

// memoryCache keeps resized images in memory, in front of a cache on disk
// (or none), so that the live preview's rebuilds do not read every resized
// cover again. It is an images.Cache; a nil under caches in memory only.
type memoryCache struct {
	under images.Cache
	mu    sync.Mutex
	data  map[string][]byte
}

func newMemoryCache(under images.Cache) *memoryCache {
	return &memoryCache{under: under, data: map[string][]byte{}}
}

// Get returns the entry key, from memory or else from the cache under.
func (m *memoryCache) Get(key string) ([]byte, bool) {
	m.mu.Lock()
	data, ok := m.data[key]
	m.mu.Unlock()
	if ok || m.under == nil {
		return data, ok
	}
	if data, ok = m.under.Get(key); ok {
		m.mu.Lock()
		m.data[key] = data
		m.mu.Unlock()
	}
	return data, ok
}

// Put keeps data in memory and in the cache under.
func (m *memoryCache) Put(key string, data []byte) error {
	m.mu.Lock()
	m.data[key] = data
	m.mu.Unlock()
	if m.under == nil {
		return nil
	}
	return m.under.Put(key, data)
}

// cancellableCache returns cache whose reads return as a miss once ctx is
// done, even if one never returns (the cache folder is in the site folder,
// which may be on a network file system that stopped answering), and
// which begins no store once ctx is done (one begun before may still
// finish: an entry is written whole or not at all, see images.Dir). A nil
// cache stays nil.
func cancellableCache(ctx context.Context, cache images.Cache) images.Cache {
	if cache == nil || ctx.Done() == nil {
		return cache
	}
	return ctxCache{ctx: ctx, under: cache}
}

type ctxCache struct {
	ctx   context.Context
	under images.Cache
}

type cacheGot struct {
	data []byte
	ok   bool
}

func (c ctxCache) Get(key string) ([]byte, bool) {
	if c.ctx.Err() != nil {
		return nil, false
	}
	ch := make(chan cacheGot, 1)
	go func() {
		data, ok := c.under.Get(key)
		ch <- cacheGot{data, ok}
	}()
	select {
	case g := <-ch:
		return g.data, g.ok
	case <-c.ctx.Done():
		return nil, false
	}
}

func (c ctxCache) Put(key string, data []byte) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	ch := make(chan error, 1)
	go func() { ch <- c.under.Put(key, data) }()
	select {
	case err := <-ch:
		return err
	case <-c.ctx.Done():
		return c.ctx.Err()
	}
}
