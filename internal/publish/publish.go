// Package publish is the one place output leaves guong: pages and files as
// path → bytes, minified by type, written either to memory (for the live
// preview and tests) or to a destination folder that is replaced atomically
// only when the whole build succeeded.
package publish

import (
	"bytes"
	"fmt"
	"io"
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
	"github.com/tdewolff/parse/v2/buffer"
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

// Minifier minifies output by file type. It is configured once and then safe
// for concurrent use.
type Minifier struct {
	m         *minify.M
	templates *minify.M // HTML with Go template actions
}

// NewMinifier returns a Minifier for HTML, CSS, JS, SVG, JSON and XML.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &htmlMinifier)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	t := minify.New()
	tm := htmlMinifier
	tm.TemplateDelims = html.GoTemplateDelims
	t.Add("text/html", &tm)
	t.AddFunc("text/css", css.Minify)
	t.AddFunc("application/javascript", js.Minify)
	t.AddFunc("image/svg+xml", svg.Minify)
	return &Minifier{m: m, templates: t}
}

// htmlMinifier is how HTML is minified: end tags, quotes and the document's
// html, head and body tags are kept, for old browsers and readers of the
// source.
var htmlMinifier = html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}

// Template minifies the source of an HTML template, leaving its {{actions}}
// as they are. A page executed from minified templates is minified but for
// the values the actions insert, which the build minifies where they are
// made (Markdown bodies) or which are short texts.
func (mf *Minifier) Template(src []byte) ([]byte, error) {
	out, err := mf.templates.Bytes("text/html", emptyComments(src))
	if err != nil {
		return nil, fmt.Errorf("minifying a template: %w", err)
	}
	return collapseLines(out), nil
}

// emptyComments returns src with the text of its template comments
// ({{/* ... */}}, {{- /* ... */ -}}) removed, their delimiters and trim
// markers kept: a comment executes to nothing either way. The minifier
// reads quotes inside actions as Go string and character literals, so an
// apostrophe in a comment ("a campaign's period") would make it take the
// rest of the file for a literal and leave it unminified.
func emptyComments(src []byte) []byte {
	var out []byte
	rest := src
	for {
		open := bytes.Index(rest, []byte("{{"))
		if open < 0 {
			break
		}
		body := open + 2
		if bytes.HasPrefix(rest[body:], []byte("- ")) {
			body += 2
		}
		if !bytes.HasPrefix(rest[body:], []byte("/*")) {
			out = append(out, rest[:body]...)
			rest = rest[body:]
			continue
		}
		end := bytes.Index(rest[body+2:], []byte("*/"))
		if end < 0 {
			break // not a template: the parser will say so
		}
		end += body + 2
		if out == nil {
			out = make([]byte, 0, len(src))
		}
		out = append(out, rest[:body+2]...)
		rest = rest[end:] // from "*/" on
	}
	if out == nil {
		return src
	}
	return append(out, rest...)
}

// collapseLines replaces every run of white space that holds a line break
// with a single line break, but inside pre and textarea elements. The
// minifier leaves the white space next to template actions as it is (it
// cannot know what they will write); a line break is all of it that HTML
// text, attribute lists, scripts and JSON need.
func collapseLines(b []byte) []byte {
	out := b[:0:0]
	for i := 0; i < len(b); {
		if b[i] == '<' {
			if end := preformattedEnd(b[i:]); end > 0 {
				out = append(out, b[i:i+end]...)
				i += end
				continue
			}
		}
		if !isSpace(b[i]) {
			out = append(out, b[i])
			i++
			continue
		}
		j, newline := i, false
		for j < len(b) && isSpace(b[j]) {
			newline = newline || b[j] == '\n'
			j++
		}
		if newline {
			out = append(out, '\n')
		} else {
			out = append(out, b[i:j]...)
		}
		i = j
	}
	return out
}

// preformattedEnd returns, if b starts with a pre or textarea element, the
// length of that element up to its end tag (all of b if it has none);
// otherwise 0.
func preformattedEnd(b []byte) int {
	for _, tag := range []string{"pre", "textarea"} {
		if len(b) > len(tag)+1 && strings.EqualFold(string(b[1:1+len(tag)]), tag) &&
			(b[1+len(tag)] == '>' || isSpace(b[1+len(tag)])) {
			end := bytes.Index(bytes.ToLower(b), []byte("</"+tag))
			if end < 0 {
				return len(b)
			}
			return end
		}
	}
	return 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

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

// HTMLTo writes the minified form of a fragment of HTML to w.
func (mf *Minifier) HTMLTo(w io.Writer, data []byte) error {
	return mf.m.Minify("text/html", w, buffer.NewReader(data))
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
