package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/minify"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/theme"
)

// writer minifies and writes files from many goroutines, keeping the first
// error and the names of the files written.
type writer struct {
	ctx      context.Context
	out      publish.Output
	minifier *minify.Minifier
	noMinify bool

	// pages are buffers for pages, used again once the output is done
	// with them (see writePage).
	pages sync.Pool

	mu      sync.Mutex
	err     error
	written map[string]bool
}

func newWriter(ctx context.Context, out publish.Output, noMinify bool) *writer {
	return &writer{ctx: ctx, out: out, minifier: minify.New(), noMinify: noMinify, written: map[string]bool{}}
}

// writeError is a file the output could not take: a full disk, a folder
// that cannot be written. It is the output's fault, not the theme's.
type writeError struct {
	name string
	err  error
}

func (e *writeError) Error() string { return fmt.Sprintf("writing %s: %v", e.name, e.err) }
func (e *writeError) Unwrap() error { return e.err }

// failure turns the writer's error, if any, into a diagnostic: an output
// error when the output failed, else a template error.
func (w *writer) failure(diags *diag.List) {
	var we *writeError
	switch {
	case w.err == nil:
	case errors.As(w.err, &we):
		diags.Errorf(diag.Position{}, diag.OutputError, w.err)
	default:
		diags.Errorf(diag.Position{}, diag.TemplateError, w.err)
	}
}

func (w *writer) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

// put writes data to name, minified first if minify says so. If release
// is not nil and the output says when it is done with data (a Releaser),
// release is called then; else it is not called.
func (w *writer) put(name string, data []byte, minify bool, release func()) {
	if minify {
		m, err := w.minifier.Minify(name, data)
		if err != nil {
			w.fail(err)
			return
		}
		data = m
	}
	var err error
	if r, ok := w.out.(publish.Releaser); ok && release != nil {
		err = r.WriteRelease(name, data, release)
	} else {
		err = w.out.Write(name, data)
	}
	if err != nil {
		w.fail(&writeError{name, err})
		return
	}
	w.mu.Lock()
	w.written[name] = true
	w.mu.Unlock()
}

// writeMinified writes a file that is minified already: a page executed
// from minified templates (see loadTheme), or an index file written
// compactly.
func (w *writer) writeMinified(name string, data []byte) { w.put(name, data, false, nil) }

// write minifies data by its name's type, unless the build says not to, and
// writes it.
func (w *writer) write(name string, data []byte) { w.put(name, data, !w.noMinify, nil) }

// pageBuffer returns an empty buffer to render a page into.
func (w *writer) pageBuffer() *bytes.Buffer {
	if b, ok := w.pages.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// writePage writes a page rendered into buf (from pageBuffer), which is
// minified already. When the output says when it is done with the page's
// bytes, buf is then used again for another page: pages are a fifth of
// what a build allocates.
func (w *writer) writePage(name string, buf *bytes.Buffer) {
	w.put(name, buf.Bytes(), false, func() {
		if buf.Cap() <= 1<<20 {
			buf.Reset()
			w.pages.Put(buf)
		}
	})
}

func (w *writer) copyStatic(theme *theme.Theme) error {
	files, err := theme.Static()
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := theme.ReadStatic(f)
		if err != nil {
			return err
		}
		w.write(theme.Asset(f), data)
	}
	return nil
}
