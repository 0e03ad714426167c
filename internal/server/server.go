// Package server is the preview server behind "guong serve": it builds the
// site into memory (never touching public/), serves it at the path of the
// site's base URL, and rebuilds when a source file has changed.
package server

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/publish"
)

// Server serves a site from memory. It is an http.Handler.
type Server struct {
	site fs.FS
	opts build.Options
	log  io.Writer

	mu       sync.Mutex // serialises builds
	current  *publish.Memory
	basePath string
	lang     string
	stamp    string    // the sources' fingerprint at the last build
	checked  time.Time // when the sources were last looked at
	diags    diag.List // problems of the last build
}

// New returns a server for the site in siteFS. Build must be called before serving.
func New(siteFS fs.FS, opts build.Options, log io.Writer) *Server {
	return &Server{site: siteFS, opts: opts, log: log, basePath: "/", lang: "vi"}
}

// BasePath returns the path the site is served at, e.g. "/guong-dien-hinh/".
func (s *Server) BasePath() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.basePath
}

// Build builds the site into memory. On failure the last good build keeps
// being served and the error is returned.
func (s *Server) Build(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.build(ctx)
}

func (s *Server) build(ctx context.Context) error {
	stamp, _ := fingerprint(s.site)
	mem := publish.NewMemory()
	r, err := build.Run(ctx, s.site, mem, s.opts)
	s.stamp, s.checked, s.diags, s.lang = stamp, time.Now(), r.Diags, r.Lang()
	r.Diags.Print(s.log, r.Lang())
	if err != nil {
		fmt.Fprintln(s.log, diag.Text(r.Lang(), "Lỗi: vẫn hiển thị bản trước.", "Build failed: still serving the previous version."))
		return err
	}
	s.current = mem
	s.basePath = r.Config.BasePath()
	fmt.Fprintln(s.log, diag.Text(r.Lang(),
		fmt.Sprintf("Đã tạo %d trang trong %s.", r.Pages, r.Elapsed.Round(time.Millisecond)),
		fmt.Sprintf("Built %d pages in %s.", r.Pages, r.Elapsed.Round(time.Millisecond))))
	return nil
}

// refresh rebuilds if any source changed since the last build; it looks at
// most every 300 ms.
func (s *Server) refresh(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if time.Since(s.checked) < 300*time.Millisecond {
		return
	}
	s.checked = time.Now()
	if stamp, err := fingerprint(s.site); err == nil && stamp != s.stamp {
		s.build(ctx)
	}
}

// fingerprint summarises the names, sizes and times of every source file.
func fingerprint(fsys fs.FS) (string, error) {
	var b strings.Builder
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && p != "." && (p == "public" || strings.HasPrefix(d.Name(), ".")) {
			return fs.SkipDir
		}
		if info, err := d.Info(); err == nil && !d.IsDir() {
			fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String(), err
}

// ServeHTTP serves the current build. Paths outside the base path redirect
// to it; "dir/" serves "dir/index.html"; anything else missing is a 404 with
// the site's own 404 page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if strings.HasSuffix(r.URL.Path, "/") || path.Ext(r.URL.Path) == ".html" {
		s.refresh(r.Context())
	}
	s.mu.Lock()
	mem, base := s.current, s.basePath
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	if mem == nil {
		http.Error(w, "the site has not been built", http.StatusServiceUnavailable)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, base) {
		if p == "/" || p+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w, mem)
		return
	}
	name := strings.TrimPrefix(p, base)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !publish.ValidPath(name) {
		s.notFound(w, mem)
		return
	}
	data, ok := mem.Get(name)
	if !ok {
		if _, isDir := mem.Get(name + "/index.html"); isDir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, mem)
		return
	}
	serve(w, r, name, data, http.StatusOK)
}

func (s *Server) notFound(w http.ResponseWriter, mem *publish.Memory) {
	data, ok := mem.Get("404.html")
	if !ok {
		http.Error(w, "404", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(data)
}

func serve(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ct := ContentType(name)
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
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
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		return ct
	}
	return "application/octet-stream"
}
