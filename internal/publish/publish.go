// Package publish is the one place output leaves guong: pages and files as
// path → bytes, minified by type, written either to memory (for the live
// preview and tests) or to a destination folder that is replaced atomically
// only when the whole build succeeded.
package publish

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Output receives a build's files. Paths are slash-separated and relative to
// the output root. Implementations are safe for concurrent use.
type Output interface {
	Write(name string, data []byte) error
}

// ValidPath reports whether name is a clean relative path that stays inside
// the output root.
func ValidPath(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return false
	}
	if path.Clean(name) != name {
		return false
	}
	return name != ".." && !strings.HasPrefix(name, "../")
}

// Memory is an Output that keeps files in memory.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Write stores a copy of data under name.
func (m *Memory) Write(name string, data []byte) error {
	if !ValidPath(name) {
		return fmt.Errorf("publish: invalid output path %q", name)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = append([]byte(nil), data...)
	return nil
}

// Get returns the file stored under name.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names returns the stored paths, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Minifier minifies output by file type. It is configured once and then safe
// for concurrent use.
type Minifier struct{ m *minify.M }

// NewMinifier returns a Minifier for HTML, CSS, JS, SVG, JSON and XML.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "application/xml",
}

// Minify returns data minified for the type its name's extension says;
// other files are returned unchanged.
func (mf *Minifier) Minify(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data, nil
	}
	out, err := mf.m.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("minifying %s: %w", name, err)
	}
	return out, nil
}

// Delete removes the file stored under name.
func (m *Memory) Delete(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, name)
}

// Clone returns a Memory holding the same files. File contents are shared,
// never modified in place: Write replaces them.
func (m *Memory) Clone() *Memory {
	m.mu.RLock()
	defer m.mu.RUnlock()
	c := &Memory{files: make(map[string][]byte, len(m.files))}
	for k, v := range m.files {
		c.files[k] = v
	}
	return c
}
