package desk

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
)

// Path is where the desk is served, outside any site's base path.
const Path = "/__guong/ban-viet/"

// MaxRequest bounds the body of a request to the desk: a story's text and
// one cover upload (MaxUpload).
const MaxRequest = MaxUpload + 16<<20

// Options tell a desk about its site.
type Options struct {
	Root  string        // the site folder on disk, which the desk writes into
	Site  fs.FS         // the same folder, read without following links (sitefs.Dir)
	Build build.Options // the preview's build options, for the checks
	// Snapshot returns the preview's last good snapshot, nil before the
	// first: the people, tags and campaigns on the site (before it, read
	// by the content loader: lists.go), and the pages of stories.
	Snapshot func() *build.Snapshot
	Now      func() time.Time // nil: time.Now
}

// Desk is the writer's desk, an http.Handler for the paths under Path.
// The preview of "guong serve" mounts it behind its loopback Host rule;
// it refuses every write without its session's CSRF token and a
// same-origin Origin header.
type Desk struct {
	opts     Options
	store    *Store
	sessions sessions
	checker  *build.Checker // what the last check read, for the next
}

// New returns the desk of a site.
func New(opts Options) *Desk {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Snapshot == nil {
		opts.Snapshot = func() *build.Snapshot { return nil }
	}
	return &Desk{opts: opts, store: NewStore(opts.Root), sessions: newSessions(), checker: build.NewChecker()}
}

// ServeHTTP serves the desk's pages and takes its forms.
func (d *Desk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	w.Header().Set("Referrer-Policy", "same-origin")
	name := strings.TrimPrefix(r.URL.Path, Path)
	if r.Method == http.MethodPost {
		// A request from another origin is refused before its body is read.
		if !sameOrigin(r) {
			d.fail(w, r, http.StatusForbidden, msg(d.lang(), "refused"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxRequest)
		if err := r.ParseMultipartForm(MaxUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			d.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf(msg(d.lang(), "upload.large"), MaxUpload>>20))
			return
		}
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		if !d.sessions.allowed(r) {
			d.fail(w, r, http.StatusForbidden, msg(d.lang(), "refused"))
			return
		}
		switch name {
		case "kiem-tra":
			d.check(w, r)
		case "luu":
			d.save(w, r)
		case "xoa":
			d.delete(w, r)
		case "khoi-phuc":
			d.restore(w, r)
		default:
			http.NotFound(w, r)
		}
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if rel, ok := strings.CutPrefix(r.URL.Path, picturesPath); ok {
		d.picture(w, r, rel)
		return
	}
	switch name {
	case "":
		d.list(w, r)
	case "sua", "moi":
		d.edit(w, r, name == "moi")
	case "ban-luu":
		d.backups(w, r)
	case "desk.js", "desk.css":
		d.static(w, name)
	default:
		http.NotFound(w, r)
	}
}

// config reads site.yaml again: it is small, and the form's lists follow
// it as it is saved.
func (d *Desk) config() *config.Config {
	var ignored diag.List // the preview and the checks report site.yaml's problems
	if cfg := config.Load(d.opts.Site, &ignored); cfg != nil {
		return cfg
	}
	return nil
}

func (d *Desk) lang() string {
	if cfg := d.config(); cfg != nil && cfg.Language == "en" {
		return "en"
	}
	return "vi"
}

// fail answers a refused or failed request: JSON to the page's script,
// a page to a browser without it.
func (d *Desk) fail(w http.ResponseWriter, r *http.Request, status int, text string) {
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]string{"error": text})
		return
	}
	d.render(w, status, "message", page{Lang: d.lang(), Title: msg(d.lang(), "desk"), Message: text})
}

func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// check answers the page's script as the writer types: the form's
// problems at their fields, and the body rendered.
func (d *Desk) check(w http.ResponseWriter, r *http.Request) {
	rel := r.PostFormValue("file")
	if rel == "" {
		rel = newStoryPath(r.PostFormValue("title"), r.PostFormValue("date"), d.opts.Now())
	}
	if err := storyPath(d.store, rel); err != nil {
		d.fail(w, r, http.StatusBadRequest, fmt.Sprintf(msg(d.lang(), "bad.path"), rel))
		return
	}
	form := formFrom(r, timeZone(d.config()))
	out := Check(r.Context(), d.checker, d.opts.Site, d.opts.Build, rel, form)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}
