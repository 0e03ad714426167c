// Package publish is the one place output leaves guong: pages and files as
// path → bytes, written either to memory (for the live preview and tests)
// or to a destination folder that is replaced atomically only when the
// whole build succeeded. Minifying them is internal/minify's job.
package publish

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

// Output receives a build's files. Paths are slash-separated and relative to
// the output root. Implementations are safe for concurrent use. Write may
// keep data until the output is flushed (Dir writes in the background), so
// callers hand over data and do not change it afterwards.
type Output interface {
	Write(name string, data []byte) error
}

// Releaser is an Output that says when it is done with a file's bytes, so
// that the caller may use them again: a build's pages are a fifth of what
// it allocates.
type Releaser interface {
	Output
	// WriteRelease is Write, then calls release once data is no longer
	// needed: after it is written, or at once if it is refused. release is
	// called exactly once, maybe from another goroutine.
	WriteRelease(name string, data []byte, release func()) error
}

// Flusher is an Output that writes in the background: Flush returns when
// every file is written, with the first error.
type Flusher interface {
	Flush() error
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
