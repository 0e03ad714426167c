// Package server is the live preview behind "guong serve": it builds the
// site into memory (never touching public/), serves it at the path of the
// site's base URL, rebuilds what changed when a source file is saved, and
// tells open browser tabs over Server-Sent Events to reload — or to show
// the build's errors in an overlay while the last good version stays up.
package server

import (
	"bytes"
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
	"github.com/guong/guong/internal/content"
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
//
// It renders a page when a browser asks for it, from the last good
// build.Snapshot, which keeps it for the next request. After every change
// it makes a new Snapshot, renders again the page each open tab shows, and
// tells the tabs whose page changed, byte for byte, to reload: whatever the
// theme shows on a page, a tab shows what a clean build would write.
type Server struct {
	builder *build.Builder
	log     io.Writer

	mu       sync.RWMutex
	snap     *build.Snapshot // the last good build; nil before the first
	basePath string
	lang     string
	start    int64             // when the server started: build ids differ across restarts
	build    int               // counts successful builds
	problems []string          // the last build's errors, empty if it succeeded
	skipped  []content.Skipped // the stories the last good build left out
	warnings diag.List         // and its warnings
	clients  map[*client]bool
	mounts   []mount // handlers of the preview's own pages, such as the desk
	desk     string  // the writer's desk's path, if mounted: every page links to it
}

// mount is a handler served at the paths under prefix.
type mount struct {
	prefix string
	h      http.Handler
}

// Mount serves h at the paths under prefix (which ends in "/"), and
// redirects prefix without its slash there: the preview's own pages, such
// as the writer's desk. h answers loopback hosts only (Loopback), even
// when the preview is bound to every interface. Mount is for set-up,
// before the server serves.
func (s *Server) Mount(prefix string, h http.Handler) {
	s.mounts = append(s.mounts, mount{prefix, Loopback(h)})
}

// MountDesk mounts the writer's desk (package desk) at prefix, as Mount
// does, and links every page and the preview's home to it.
func (s *Server) MountDesk(prefix string, h http.Handler) {
	s.Mount(prefix, h)
	s.desk = prefix
}

// Snapshot returns the last good snapshot, nil before the first.
func (s *Server) Snapshot() *build.Snapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.snap
}

// client is one open tab, listening for events.
type client struct {
	page   string // the URL path of the tab's page
	events chan event
}

// event is one message to the open tabs.
type event struct {
	name string // "state", "reload" or "problems"
	data any
}

// New returns a server for the site in siteFS.
func New(siteFS fs.FS, opts build.Options, log io.Writer) *Server {
	return &Server{builder: build.NewBuilder(siteFS, opts), log: log, basePath: "/", lang: "vi",
		clients: map[*client]bool{}, start: time.Now().UnixNano()}
}

// BasePath returns the path the site is served at, e.g. "/guong-dien-hinh/".
func (s *Server) BasePath() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.basePath
}

// Build builds the site, prints one line about it (what changed, tabs
// reloaded, milliseconds) and tells the open tabs. changed names the files
// (slash paths relative to the site folder; "." for anything) that changed
// since the last Build: only those are read again. Nil, for the first
// build, reads everything. On failure the errors are printed and shown in
// the tabs, and the last good build keeps being served.
func (s *Server) Build(ctx context.Context, changed []string) error {
	start := time.Now()
	var (
		r    *build.Result
		snap *build.Snapshot
		err  error
	)
	if changed == nil {
		r, snap, err = s.builder.Build(ctx)
	} else {
		r, snap, err = s.builder.BuildChanged(ctx, changed)
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
	before := view{s.snap, s.basePath}
	failed := len(s.problems) > 0
	s.snap, s.basePath, s.problems, s.skipped, s.warnings = snap, snap.Config().BasePath(), nil, r.Skipped, r.Diags
	s.build++
	id := s.buildID()
	tabs := make([]*client, 0, len(s.clients))
	for c := range s.clients {
		tabs = append(tabs, c)
	}
	s.mu.Unlock()
	reloaded := reloadTabs(tabs, before, view{snap, snap.Config().BasePath()}, id, failed)
	r.Diags.Print(s.log, lang)
	ms := time.Since(start).Milliseconds()
	// Counted once the tabs are told: counting lists every page.
	pages := snap.PageCount()
	fmt.Fprintf(s.log, "%s %s%s\n", stamp, what, diag.Text(lang,
		fmt.Sprintf("%d trang, %d thẻ trình duyệt được tải lại, %d ms", pages, reloaded, ms),
		fmt.Sprintf("%d pages, %d browser tabs reloaded, %d ms", pages, reloaded, ms)))
	return nil
}

// view is a snapshot as the server serves it, at its base path.
type view struct {
	snap *build.Snapshot
	base string
}

// reloadTabs renders the page of every open tab as it was and as it is,
// each page once, and sends each tab a "reload" event that says whether
// its page changed; after a failed build, every tab reloads. It returns how
// many tabs were told to reload.
func reloadTabs(tabs []*client, before, after view, id string, all bool) int {
	changed := map[string]bool{}
	n := 0
	for _, c := range tabs {
		again, seen := changed[c.page]
		if !seen {
			again = all || before.snap == nil || !samePage(before.lookup(c.page), after.lookup(c.page))
			changed[c.page] = again
		}
		if again {
			n++
		}
		select {
		case c.events <- event{"reload", map[string]any{"build": id, "reload": again}}:
		default: // a stuck tab misses this one; it reloads on reconnect
		}
	}
	return n
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

func (s *Server) broadcast(e event) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for c := range s.clients {
		select {
		case c.events <- e:
		default: // a stuck tab misses this one; it reloads on reconnect
		}
	}
}

// Watch rebuilds on every burst of changes under the site folder dir until
// ctx is done. ready, if not nil, is called once the watching has started.
func (s *Server) Watch(ctx context.Context, dir string, ready func()) error {
	return Watch(ctx, dir, ready, func(paths []string) { s.Build(ctx, paths) })
}

// ServeHTTP serves the current build at its base path: "dir/" serves
// "dir/index.html", "/" redirects to the base path, a missing file gets the
// site's own 404 page, and no path can reach outside the build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for _, m := range s.mounts {
		switch {
		case strings.HasPrefix(r.URL.Path, m.prefix):
			m.h.ServeHTTP(w, r)
			return
		case r.URL.Path+"/" == m.prefix:
			http.Redirect(w, r, m.prefix, http.StatusMovedPermanently)
			return
		}
	}
	switch r.URL.Path {
	case EventsPath:
		s.events(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(WithTextFont(liveJS))
		return
	case HomePath:
		s.home(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.mu.RLock()
	v, build, probs, skipped, warnings, lang := view{s.snap, s.basePath}, s.buildID(), s.problems, s.skipped, s.warnings, s.lang
	s.mu.RUnlock()
	if v.snap == nil {
		s.errorPage(w, probs, http.StatusServiceUnavailable)
		return
	}
	res := v.lookup(r.URL.Path)
	switch {
	case res.redirect != "":
		http.Redirect(w, r, res.redirect, res.status)
	case res.err != nil:
		s.errorPage(w, []string{res.err.Error()}, http.StatusInternalServerError)
	case res.data == nil:
		http.Error(w, "404", http.StatusNotFound)
	case res.status == http.StatusNotFound:
		data := res.data
		if notice := s.hiddenNotice(v, skipped, warnings, lang, r.URL.Path); notice != "" {
			data = withNotice(data, notice)
		}
		serve(w, r, res.name, data, res.status, build, s.desk)
	default:
		serve(w, r, res.name, res.data, res.status, build, s.desk)
	}
}

// found is what a URL path leads to.
type found struct {
	name     string // the output file served
	data     []byte // its bytes; nil if there is nothing to serve
	status   int
	redirect string // where to send the browser instead, if not empty
	err      error  // a template failed on the page
}

// lookup resolves a URL path: "dir/" is "dir/index.html", "/" redirects to
// the base path, a missing file is the site's own 404 page, and no path can
// reach outside the build.
func (v view) lookup(p string) found {
	if !strings.HasPrefix(p, v.base) {
		if p == "/" || p+"/" == v.base {
			return found{redirect: v.base, status: http.StatusFound}
		}
		return v.notFound()
	}
	name := strings.TrimPrefix(p, v.base)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !publish.ValidPath(name) {
		return v.notFound()
	}
	data, ok, err := v.snap.File(name)
	switch {
	case err != nil:
		return found{name: name, err: err}
	case ok:
		return found{name: name, data: data, status: http.StatusOK}
	}
	if _, isDir, _ := v.snap.File(name + "/index.html"); isDir {
		return found{redirect: p + "/", status: http.StatusMovedPermanently}
	}
	return v.notFound()
}

func (v view) notFound() found {
	data, ok, err := v.snap.File("404.html")
	if err != nil || !ok {
		return found{status: http.StatusNotFound, err: err}
	}
	return found{name: "404.html", data: data, status: http.StatusNotFound}
}

// samePage reports whether two lookups serve the same thing.
func samePage(a, b found) bool {
	return a.status == b.status && a.redirect == b.redirect && a.err == nil && b.err == nil && bytes.Equal(a.data, b.data)
}

// errorPage is served while no build has succeeded yet, and for a page a
// template fails on.
func (s *Server) errorPage(w http.ResponseWriter, probs []string, status int) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><title>guong: lỗi</title><body><h1>Trang chưa tạo được vì có lỗi</h1><pre>`)
	for _, p := range probs {
		b.WriteString(html.EscapeString(p) + "\n")
	}
	b.WriteString(`</pre></body></html>`)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(inject([]byte(b.String()), "0", s.desk))
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
	c := &client{page: r.URL.Query().Get("page"), events: make(chan event, 8)}
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
		case e := <-c.events:
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

func serve(w http.ResponseWriter, r *http.Request, name string, data []byte, status int, build, desk string) {
	ct := ContentType(name)
	if strings.HasPrefix(ct, "text/html") {
		data = inject(data, build, desk)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the live-reload script to an HTML page, before </body>; with
// the path of the writer's desk, if mounted, for the script's link to it.
func inject(page []byte, build, desk string) []byte {
	tag := fmt.Sprintf(`<script src="%s" data-build="%s"></script>`, ScriptPath, build)
	if desk != "" {
		tag = fmt.Sprintf(`<script src="%s" data-build="%s" data-desk="%s"></script>`, ScriptPath, build, html.EscapeString(desk))
	}
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
