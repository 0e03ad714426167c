package content

import (
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/guong/guong/internal/site"
)

// Cache keeps parsed files between loads of one site, so that a rebuild
// reads and parses only the files whose size or modification time changed.
// It is safe for concurrent use. The zero value is not usable: use NewCache.
type Cache struct {
	mu    sync.Mutex
	key   string // the settings the entries were parsed with
	files map[string]cacheEntry
}

type cacheEntry struct {
	size int64
	mod  time.Time
	res  result
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cacheEntry{}} }

// settingsKey names what parsing depends on besides the file itself.
func settingsKey(cfg *site.Config, opts Options) string {
	return fmt.Sprintf("%s|%d|%v", cfg.TimeZone, cfg.MaxFileSize, opts.Drafts)
}

// reset empties the cache if the settings changed, and forgets files that
// are gone.
func (c *Cache) prepare(key string, files []file) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key != key {
		c.key, c.files = key, map[string]cacheEntry{}
		return
	}
	present := make(map[string]bool, len(files))
	for _, f := range files {
		present[f.path] = true
	}
	for p := range c.files {
		if !present[p] {
			delete(c.files, p)
		}
	}
}

func (c *Cache) get(f file) (result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[f.path]
	if !ok || e.size != f.size || !e.mod.Equal(f.mod) {
		return result{}, false
	}
	return e.res, true
}

func (c *Cache) put(f file, r result) {
	if !cacheable(r.value) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[f.path] = cacheEntry{size: f.size, mod: f.mod, res: r}
}

// cacheable reports whether a parsed file depends on nothing but itself. A
// story with a cover or a profile with a photo checks another file, which
// may change on its own; those are parsed every time.
func cacheable(v any) bool {
	switch x := v.(type) {
	case *parsedStory:
		return x.story.Cover == "" && x.coverWritten == ""
	case *Profile:
		return x.Photo == "" && x.photoWritten == ""
	}
	return true
}

// version fingerprints a file's bytes; pages showing it are rendered again
// when it changes.
func version(src []byte) uint64 {
	h := fnv.New64a()
	h.Write(src)
	return h.Sum64()
}
