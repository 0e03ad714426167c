package content

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
)

// Cache keeps parsed files between loads of one site, so that a rebuild
// reads and parses only the files whose size or modification time changed.
// It is safe for concurrent use. The zero value is not usable: use NewCache.
type Cache struct {
	mu      sync.Mutex
	key     string // the settings the entries were parsed with
	files   map[string]cacheEntry
	listing *listing    // the content folder as the last Load saw it
	reg     *registries // the registries of the last Load
	// spelt memoizes spelling by person name, across Loads: names are few
	// and repeat. It grows with the names ever seen, a few per edit.
	spelt map[string]string
}

type cacheEntry struct {
	size int64
	mod  time.Time
	res  result
	dep  string // another file the result depends on (see dependency)
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cacheEntry{}, spelt: map[string]string{}}
}

// spellings returns the memo of person names' spellings (see spelling)
// that Loads with c share, or nil for a nil *Cache. One Load at a time
// uses it.
func (c *Cache) spellings() map[string]string {
	if c == nil {
		return nil
	}
	return c.spelt
}

// settingsKey names what parsing depends on besides the file itself.
func settingsKey(cfg *config.Config, opts Options) string {
	return fmt.Sprintf("%s|%d|%v|%v|%q|%q", cfg.TimeZone, cfg.MaxFileSize, opts.Drafts, opts.TryDrafts, termsKey(cfg.Models), termsKey(cfg.Departments))
}

// prepare empties the cache if the settings changed, and forgets files
// that are gone. An incremental Load forgets them as it learns of them
// (see updateListing), without going through every file.
func (c *Cache) prepare(key string, files []file, incremental bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key != key {
		c.key, c.files = key, map[string]cacheEntry{}
		return
	}
	if incremental && c.listing != nil && c.listing.key == key {
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

// getAll fills results with the cached results of files, returning the
// indexes of the files to parse. A result that depends on another file is
// used only by an incremental Load, if that file did not change.
func (c *Cache) getAll(files []file, results []result, incremental bool, changed map[string]bool) (todo []int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, f := range files {
		e, ok := c.files[f.path]
		if !ok || e.size != f.size || !e.mod.Equal(f.mod) || e.dep != "" && (!incremental || changed[e.dep]) {
			todo = append(todo, i)
			continue
		}
		results[i] = e.res
	}
	return todo
}

func (c *Cache) put(f file, r result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[f.path] = cacheEntry{size: f.size, mod: f.mod, res: r, dep: dependency(r.value)}
}

// dependency returns the file, other than its own, a parsed file depends
// on: a story's cover or a profile's photo, which is checked; "" if none.
func dependency(v any) string {
	switch x := v.(type) {
	case *parsedStory:
		return x.coverFile
	case *Profile:
		return x.photoFile
	}
	return ""
}

// version fingerprints a file's bytes; pages showing it are rendered again
// when it changes.
func version(src []byte) uint64 {
	h := fnv.New64a()
	h.Write(src)
	return h.Sum64()
}

// listing is what a walk of the content folder found, in the walk's order,
// kept so that a Load told which paths changed updates it instead of
// walking every folder again.
type listing struct {
	key      string  // the settings it was made with: the size limit decides what is listed
	complete bool    // false if a folder could not be read
	entries  []entry // in walk order (see walkLess)
}

// entry is one path of the content folder the site does not ignore.
type entry struct {
	path  string
	file  *file // a Markdown file to parse
	asset bool  // another file, such as an image
	diags diag.List
}

// result returns the listing's files and sorted assets, adding its
// problems to diags.
func (l *listing) result(diags *diag.List) (files []file, assets []string) {
	files = make([]file, 0, len(l.entries))
	for _, e := range l.entries {
		diags.Append(e.diags)
		switch {
		case e.file != nil:
			files = append(files, *e.file)
		case e.asset:
			assets = append(assets, e.path)
		}
	}
	sort.Strings(assets)
	return files, assets
}

// find returns the position of p in the entries, or where it would go.
func (l *listing) find(p string) (int, bool) {
	i := sort.Search(len(l.entries), func(i int) bool { return !walkLess(l.entries[i].path, p) })
	return i, i < len(l.entries) && l.entries[i].path == p
}

// walkLess orders paths as fs.WalkDir visits them: by name within each
// folder, a folder's files right after it.
func walkLess(a, b string) bool {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			switch {
			case a[i] == '/':
				return true
			case b[i] == '/':
				return false
			}
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// sameRegistries returns the registries of the last Load if they hold the
// same keys as reg, so that stories checked then need no check again; else
// it keeps reg for the next Load.
func (c *Cache) sameRegistries(reg *registries) *registries {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reg != nil && c.reg.equal(reg) {
		return c.reg
	}
	c.reg = reg
	return reg
}

func (c *Cache) setListing(l *listing) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listing = l
}

// updateListing brings the last listing up to date with the paths that
// changed since, looking at those alone. It returns nil when a walk is
// needed: no complete listing with these settings, the content folder
// itself or a folder in it changed, or a path could not be examined.
func (c *Cache) updateListing(fsys fs.FS, cfg *config.Config, key string, changed []string) *listing {
	c.mu.Lock()
	old := c.listing
	c.mu.Unlock()
	if old == nil || old.key != key || !old.complete {
		return nil
	}
	l := &listing{key: key, complete: true, entries: old.entries}
	copied := false
	var gone []string
	for _, p := range changed {
		if p == "." || p == Dir {
			return nil
		}
		if !strings.HasPrefix(p, Dir+"/") || !fs.ValidPath(p) {
			continue // site.yaml, the theme: not the content folder's
		}
		if ignored(p) {
			continue
		}
		if i, _ := l.find(p + "/"); i < len(l.entries) && strings.HasPrefix(l.entries[i].path, p+"/") {
			return nil // a folder that was listed
		}
		info, err := fs.Lstat(fsys, p)
		var e entry
		keep := false
		switch {
		case errors.Is(err, fs.ErrNotExist):
			gone = append(gone, p)
		case err != nil:
			return nil
		case info.IsDir():
			return nil // a new folder: what is in it is unknown
		default:
			e, keep = examine(p, info.Mode().Type(), func() (fs.FileInfo, error) { return info, nil }, cfg)
		}
		if !copied {
			l.entries = append([]entry(nil), l.entries...)
			copied = true
		}
		i, found := l.find(p)
		switch {
		case found && keep:
			l.entries[i] = e
		case found:
			l.entries = append(l.entries[:i], l.entries[i+1:]...)
		case keep:
			l.entries = append(l.entries, entry{})
			copy(l.entries[i+1:], l.entries[i:])
			l.entries[i] = e
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listing = l
	for _, p := range gone {
		delete(c.files, p)
	}
	return l
}

// ignored reports whether a path of the content folder is one a walk
// skips: it or a folder on its way is hidden or an editor's temporary file.
func ignored(p string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(p, Dir+"/"), "/") {
		if hidden(part) {
			return true
		}
	}
	return false
}

// termsKey lists a registry's keys and names: a story written with a
// display name (see byName) is read against them.
func termsKey(terms []config.Term) string {
	var b strings.Builder
	for _, t := range terms {
		b.WriteString(t.Key + "=" + t.Name + ";")
	}
	return b.String()
}
