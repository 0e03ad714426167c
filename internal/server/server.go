// Package server is the live preview behind "guong serve": it builds the
// site into memory (never touching public/), serves it at the path of the
// site's base URL, rebuilds what changed when a source file is saved, and
// tells open browser tabs over Server-Sent Events to reload — or to show
// the build's errors in an overlay while the last good version stays up.
package server

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/publish"
)

// Paths the server answers itself, outside any site's base path.
const (
	EventsPath = "/__guong/events"
	ScriptPath = "/__guong/live.js"
)

//go:embed live.js
var liveJS []byte

// Server serves a site from memory. It is an http.Handler.
type Server struct {
	builder *build.Builder
	log     io.Writer

	mu       sync.RWMutex
	out      *publish.Memory // the last good build; nil before the first
	basePath string
	lang     string
	start    int64    // when the server started: build ids differ across restarts
	build    int      // counts successful builds
	problems []string // the last build's errors, empty if it succeeded
	clients  map[chan event]bool
}

// event is one message to the open tabs.
type event struct {
	name string // "state", "reload" or "problems"
	data any
}

// New returns a server for the site in siteFS.
func New(siteFS fs.FS, opts build.Options, log io.Writer) *Server {
	b := build.NewBuilder(siteFS, opts)
	b.DeferSearch()
	return &Server{builder: b, log: log, basePath: "/", lang: "vi",
		clients: map[chan event]bool{}, start: time.Now().UnixNano()}
}

// BasePath returns the path the site is served at, e.g. "/guong-dien-hinh/".
func (s *Server) BasePath() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.basePath
}

// Build builds the site, prints one line about it (what changed, pages
// rendered, milliseconds) and tells the open tabs. changed names the files
// (slash paths relative to the site folder; "." for anything) that changed
// since the last Build: only those are read again. Nil, for the first
// build, reads everything. On failure the errors are printed and shown in
// the tabs, and the last good build keeps being served.
func (s *Server) Build(ctx context.Context, changed []string) error {
	var (
		r   *build.Result
		out *publish.Memory
		err error
	)
	if changed == nil {
		r, out, err = s.builder.Build(ctx)
	} else {
		r, out, err = s.builder.BuildChanged(ctx, changed)
	}
	lang := r.Lang()
	stamp := time.Now().Format("15:04:05")
	what := describe(changed, lang)
	s.mu.Lock()
	s.lang = lang
	if err != nil {
		s.problems = problems(r, err, lang)
		lines := s.problems
		s.mu.Unlock()
		fmt.Fprintf(s.log, "%s %s%s\n", stamp, what, diag.Text(lang, "có lỗi; vẫn hiển thị bản trước:", "failed; still serving the previous version:"))
		for _, l := range lines {
			fmt.Fprintln(s.log, "  "+l)
		}
		s.broadcast(event{"problems", map[string]any{"errors": lines}})
		return err
	}
	s.out, s.basePath, s.problems = out, r.Config.BasePath(), nil
	s.build++
	id := s.buildID()
	s.mu.Unlock()
	r.Diags.Print(s.log, lang)
	fmt.Fprintf(s.log, "%s %s%s\n", stamp, what, diag.Text(lang,
		fmt.Sprintf("%d trang được tạo lại, %d tệp thay đổi, %d ms", r.Rendered, len(r.Changed)+len(r.Removed), r.Elapsed.Milliseconds()),
		fmt.Sprintf("%d pages rendered, %d files changed, %d ms", r.Rendered, len(r.Changed)+len(r.Removed), r.Elapsed.Milliseconds())))
	s.broadcast(event{"reload", map[string]any{"build": id, "pages": s.urls(append(r.Changed, r.Removed...)), "all": touchesAll(r.Changed)}})
	s.builder.Finish(ctx) // the search index, once the tabs have reloaded
	return nil
}

// buildID names the current build; the caller holds s.mu. "0" means none.
func (s *Server) buildID() string {
	if s.build == 0 {
		return "0"
	}
	return fmt.Sprintf("%x-%d", s.start, s.build)
}

// describe names the changed files for the log line.
func describe(changed []string, lang string) string {
	switch len(changed) {
	case 0:
		return ""
	case 1:
		return changed[0] + ": "
	}
	return diag.Text(lang, fmt.Sprintf("%s và %d tệp khác: ", changed[0], len(changed)-1),
		fmt.Sprintf("%s and %d more: ", changed[0], len(changed)-1))
}

func problems(r *build.Result, err error, lang string) []string {
	var lines []string
	for _, d := range r.Diags {
		if d.Severity == diag.Error {
			lines = append(lines, d.Format(lang))
		}
	}
	if len(lines) == 0 {
		lines = []string{err.Error()}
	}
	return lines
}

// urls turns output files into the URL paths of their pages.
func (s *Server) urls(files []string) []string {
	base := s.BasePath()
	out := make([]string, 0, len(files))
	for _, f := range files {
		f = strings.TrimSuffix(f, "index.html")
		out = append(out, base+f)
	}
	return out
}

// touchesAll reports whether a change affects every page: a style sheet,
// a script or another asset every page loads.
func touchesAll(changed []string) bool {
	for _, c := range changed {
		if strings.HasPrefix(c, "static/") {
			return true
		}
	}
	return false
}

func (s *Server) broadcast(e event) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for c := range s.clients {
		select {
		case c <- e:
		default: // a stuck tab misses this one; it reloads on reconnect
		}
	}
}

// Watch rebuilds on every burst of changes under the site folder dir until
// ctx is done.
func (s *Server) Watch(ctx context.Context, dir string) error {
	return Watch(ctx, dir, func(paths []string) { s.Build(ctx, paths) })
}

// ServeHTTP serves the current build at its base path: "dir/" serves
// "dir/index.html", "/" redirects to the base path, a missing file gets the
// site's own 404 page, and no path can reach outside the build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case EventsPath:
		s.events(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.mu.RLock()
	out, base, build, probs := s.out, s.basePath, s.buildID(), s.problems
	s.mu.RUnlock()
	if out == nil {
		s.errorPage(w, probs)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, base) {
		if p == "/" || p+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w, r, out, build)
		return
	}
	name := strings.TrimPrefix(p, base)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !publish.ValidPath(name) {
		s.notFound(w, r, out, build)
		return
	}
	data, ok := out.Get(name)
	if !ok {
		if _, isDir := out.Get(name + "/index.html"); isDir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, out, build)
		return
	}
	serve(w, r, name, data, http.StatusOK, build)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, out *publish.Memory, build string) {
	data, ok := out.Get("404.html")
	if !ok {
		http.Error(w, "404", http.StatusNotFound)
		return
	}
	serve(w, r, "404.html", data, http.StatusNotFound, build)
}

// errorPage is served while no build has succeeded yet.
func (s *Server) errorPage(w http.ResponseWriter, probs []string) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><title>guong: lỗi</title><body><h1>Trang chưa tạo được vì có lỗi</h1><pre>`)
	for _, p := range probs {
		b.WriteString(html.EscapeString(p) + "\n")
	}
	b.WriteString(`</pre></body></html>`)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write(inject([]byte(b.String()), "0"))
}

// events streams Server-Sent Events to one tab: the current state first,
// then every rebuild.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 8)
	s.mu.Lock()
	s.clients[c] = true
	state := event{"state", map[string]any{"build": s.buildID(), "errors": s.problems}}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	send := func(e event) bool {
		data, _ := json.Marshal(e.data)
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, data); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	if !send(state) {
		return
	}
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			if !send(e) {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

func serve(w http.ResponseWriter, r *http.Request, name string, data []byte, status int, build string) {
	ct := ContentType(name)
	if strings.HasPrefix(ct, "text/html") {
		data = inject(data, build)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the live-reload script to an HTML page, before </body>.
func inject(page []byte, build string) []byte {
	tag := fmt.Sprintf(`<script src="%s" data-build="%s"></script>`, ScriptPath, build)
	s := string(page)
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		return []byte(s[:i] + tag + s[i:])
	}
	return []byte(s + tag)
}

// ContentType returns the media type to serve a file with, by its extension.
func ContentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".webp":
		return "image/webp"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".ico":
		return "image/x-icon"
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		return ct
	}
	return "application/octet-stream"
}
