// Package theme loads the templates, static files and UI
// strings of a theme from an fs.FS once, and renders each kind of page with
// html/template. A site's own themes/<name>/ folder overrides the embedded
// default theme file by file.
//
// A theme folder holds:
//
//	layouts/baseof.html   the page shell; it calls the "main" template
//	layouts/<kind>.html   one per page kind (see Kind), defining "main";
//	                      layouts/embed.html is a whole page without baseof
//	partials/*.html       templates shared by every kind
//	static/**             copied to static/ in the output (see Options.Asset)
//	static/img/share.png  the picture shared for pages without a cover
//	i18n/<lang>.yaml      UI strings, key: text
//
// Besides formatting helpers, templates have functions for what other sites
// read of a page (share.go): cover, srcset, shareImage, ogLocale and jsonLD.
package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guong/guong/internal/report"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
	"gopkg.in/yaml.v3"
)

// Page is what a template receives as its dot.
type Page struct {
	Kind        Kind
	URL         string // relative to the base URL, e.g. "bai-viet/lan/"
	Title       string
	Description string
	Site        *site.Site
	Story       *site.Story
	// Body is the HTML of the story's body, on a story's page only: it
	// is converted when the page is made.
	Body     template.HTML
	Page     *site.Page
	Term     *site.Term
	Campaign *site.Campaign
	Person   *site.Person
	Pager    *site.Pager
	// ReportOf and RollOf make the figures of a report page (bao-cao/)
	// and the roll of a roll-of-honour page (bang-vang/; nil on its
	// index), memoized (sync.OnceValue): counted when the page renders,
	// not when the live preview lists the pages after every change.
	// Templates call .Report and .Roll.
	ReportOf func() *report.Report
	RollOf   func() *report.Roll
	// Filters are the other pages of the same list under another filter
	// (the report of each year and campaign), the current one among them.
	Filters []Crumb
	Crumbs  []Crumb
	Dev     bool // rendered for the live preview
}

// Crumb is one step of a breadcrumb trail.
type Crumb struct {
	Name string
	URL  string // empty for the current page
}

// Theme is a loaded theme, safe for concurrent use.
type Theme struct {
	version   string // a fingerprint of every file of the theme
	frags     *fragments
	templates map[Kind]*template.Template
	lastSize  map[Kind]*atomic.Int64 // by kind: the size of the page RenderTo made last
	strings   map[string]string
	fsys      fs.FS
	basePath  string
	asset     func(string) string
	// defaultShare is the picture shared with pages without a cover.
	defaultShare *ShareImage

	// When the templates are minified, errors are told against the files
	// as written: plain is the theme loaded again without minifying, on
	// the first error.
	opts      Options
	plainOnce sync.Once
	plain     *Theme
}

// Options configure a theme.
type Options struct {
	Language string // the UI language: its i18n/<lang>.yaml is used
	BasePath string // the path of the site's base URL, e.g. "/guong-dien-hinh/"
	BaseURL  string // the absolute base URL, ending in "/"
	TimeZone *time.Location
	// Asset maps a static file's path ("css/site.css") to its published
	// path; nil publishes it under "static/" unchanged.
	Asset func(string) string
	// MinifyTemplate, if set, minifies the source of every template
	// (layouts/*.html, partials/*.html) before it is parsed, so that pages
	// come out of the templates minified and need no pass of their own
	// over every byte; see minify.Minifier.Template.
	MinifyTemplate func(src []byte) ([]byte, error)
	// Cover returns the resized cover of a story, or nil if it has none.
	// It is called while pages render, so it may look up covers resized
	// after Load.
	Cover func(*site.Story) *Cover
	// Photo returns the resized photo of a person's profile (its Sizes;
	// no Social), or nil if it has none. It is called as Cover is.
	Photo func(*site.Person) *Cover
}

// Load parses every template of the theme in fsys.
func Load(fsys fs.FS, opts Options) (*Theme, error) {
	th, err := load(fsys, opts)
	if err != nil && opts.MinifyTemplate != nil {
		// Tell the error with the lines of the file as written.
		opts.MinifyTemplate = nil
		if _, plainErr := load(fsys, opts); plainErr != nil {
			return nil, plainErr
		}
	}
	return th, err
}

func load(fsys fs.FS, opts Options) (*Theme, error) {
	th := &Theme{templates: map[Kind]*template.Template{}, lastSize: map[Kind]*atomic.Int64{}, fsys: fsys, basePath: opts.BasePath, frags: newFragments(), opts: opts}
	for _, kind := range Kinds() {
		th.lastSize[kind] = new(atomic.Int64)
	}
	var err error
	if th.version, err = fingerprint(fsys); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	th.strings, err = loadStrings(fsys, opts.Language)
	if err != nil {
		return nil, err
	}
	if opts.Asset == nil {
		opts.Asset = func(p string) string { return "static/" + p }
	}
	th.asset = opts.Asset
	th.loadShareImage(fsys, opts)
	funcs := th.funcs(opts)
	embed, err := embedFuncs()
	if err != nil {
		return nil, err
	}
	base := template.New("baseof").Funcs(funcs).Funcs(th.publishFuncs(opts)).Funcs(embed)
	src, err := readTemplate(fsys, "layouts/baseof.html", opts)
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if _, err := base.Parse(string(src)); err != nil {
		return nil, fmt.Errorf("theme: layouts/baseof.html: %w", err)
	}
	partials, _ := fs.Glob(fsys, "partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		src, err := readTemplate(fsys, p, opts)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		if _, err := base.New(strings.TrimSuffix(path.Base(p), ".html")).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("theme: %s: %w", p, err)
		}
	}
	// The shared fragments execute in a copy of the partials of their own.
	if th.frags.set, err = base.Clone(); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	for _, kind := range Kinds() {
		file := kind.layout()
		src, err := readTemplate(fsys, file, opts)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("theme: missing %s: %w", file, err)
		} else if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(string(kind)).Parse(string(src))
		}
		if err != nil {
			return nil, fmt.Errorf("theme: %s: %w", file, err)
		}
		foldConstants(t, []string{entry(kind)}, funcs)
		th.templates[kind] = t
	}
	th.frags.ready = true
	return th, nil
}

// readTemplate reads the template file name, minified if the options say so.
func readTemplate(fsys fs.FS, name string, opts Options) ([]byte, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil || opts.MinifyTemplate == nil {
		return src, err
	}
	out, err := opts.MinifyTemplate(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Version returns a fingerprint of every file of the theme: it changes
// whenever a template, a UI string or a static file does.
func (th *Theme) Version() string { return th.version }

// fingerprint hashes the names and contents of every file of fsys.
func fingerprint(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", p, len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// entry returns the name of the template that renders a page of kind.
func entry(kind Kind) string {
	if s, _ := kind.spec(); s.standalone {
		return string(kind)
	}
	return "baseof"
}

// Render writes the HTML of p.
func (th *Theme) Render(w io.Writer, p *Page) error {
	t := th.templates[p.Kind]
	if _, known := p.Kind.spec(); t == nil || !known {
		return fmt.Errorf("theme: no template for page kind %q", p.Kind)
	}
	if err := t.ExecuteTemplate(w, entry(p.Kind), p); err != nil {
		if plain := th.plainTheme(); plain != nil {
			if plainErr := plain.Render(io.Discard, p); plainErr != nil {
				return plainErr
			}
		}
		return fmt.Errorf("rendering %s (%s): %w", p.URL, p.Kind, err)
	}
	return nil
}

// plainTheme returns the theme loaded without minifying its templates, or
// nil if it is not minified (or fails to load again).
func (th *Theme) plainTheme() *Theme {
	if th.opts.MinifyTemplate == nil {
		return nil
	}
	th.plainOnce.Do(func() {
		opts := th.opts
		opts.MinifyTemplate = nil
		th.plain, _ = load(th.fsys, opts)
	})
	return th.plain
}

// Static lists the theme's static files, relative to static/.
func (th *Theme) Static() ([]string, error) {
	var files []string
	err := fs.WalkDir(th.fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, strings.TrimPrefix(p, "static/"))
		}
		return nil
	})
	if err != nil && !isNotExist(err) {
		return nil, err
	}
	sort.Strings(files)
	return files, nil
}

// Asset returns the published path of a static file, relative to the base
// URL: "css/site.css" → "static/css/site.3f2a1b9c0d.css".
func (th *Theme) Asset(name string) string { return th.asset(name) }

// ReadStatic returns the content of a static file.
func (th *Theme) ReadStatic(name string) ([]byte, error) {
	return fs.ReadFile(th.fsys, "static/"+name)
}

// T returns the UI string for key, or key itself when the theme has none.
func (th *Theme) T(key string) string {
	if s, ok := th.strings[key]; ok {
		return s
	}
	return key
}

// String returns the UI string for key in the theme in fsys for the
// language lang, or key itself when the theme has none: for the stages
// that run before the theme is loaded (the Markdown bodies).
func String(fsys fs.FS, lang, key string) string {
	strs, err := loadStrings(fsys, lang)
	if s, ok := strs[key]; ok && err == nil {
		return s
	}
	return key
}

func isNotExist(err error) bool { return err != nil && strings.Contains(err.Error(), "not exist") }

// loadStrings reads i18n/<lang>.yaml, falling back to vi.yaml.
func loadStrings(fsys fs.FS, lang string) (map[string]string, error) {
	out := map[string]string{}
	for _, l := range []string{"vi", lang} {
		src, err := fs.ReadFile(fsys, "i18n/"+l+".yaml")
		if err != nil {
			continue
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(src, &m); err != nil {
			return nil, fmt.Errorf("theme: i18n/%s.yaml: %w", l, err)
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out, nil
}

func (th *Theme) funcs(opts Options) template.FuncMap {
	loc := opts.TimeZone
	if loc == nil {
		loc = time.UTC
	}
	return template.FuncMap{
		"t": func(key string, args ...any) string {
			s := th.T(key)
			if len(args) > 0 {
				s = fmt.Sprintf(s, args...)
			}
			return s
		},
		"url":    func(p string) string { return opts.BasePath + strings.TrimPrefix(p, "/") },
		"absURL": func(p string) string { return opts.BaseURL + strings.TrimPrefix(p, "/") },
		// section names a section's folder (see urls.Section), so that
		// templates do not spell the URL scheme out.
		"section": func(name string) (string, error) {
			if p, ok := urls.Section(name); ok {
				return p, nil
			}
			return "", fmt.Errorf("no section %q", name)
		},
		"asset": func(p string) string { return opts.BasePath + opts.Asset(p) },
		"longDate": func(t time.Time) string {
			return vi.LongDate(t.In(loc))
		},
		"shortDate": func(t time.Time) string { return vi.ShortDate(t.In(loc)) },
		// clock is the time of day: "14:30".
		"clock":   func(t time.Time) string { return t.In(loc).Format("15:04") },
		"isoDate": func(t time.Time) string { return t.In(loc).Format(time.RFC3339) },
		"dayDate": func(t time.Time) string { return t.In(loc).Format("2006-01-02") },
		// documentDate is the date line of an administrative document:
		// "ngày 03 tháng 12 năm 2026".
		"documentDate": func(t time.Time) string { return vi.DocumentDate(t.In(loc)) },
		// chart draws a report's chart as inline SVG, made and escaped in
		// Go (report.Chart.SVG).
		"chart": func(c *report.Chart) template.HTML { return template.HTML(c.SVG()) },
		"first": func(n int, xs []*site.Story) []*site.Story {
			if len(xs) > n {
				return xs[:n]
			}
			return xs
		},
		"add":  func(a, b int) int { return a + b },
		"card": func(st *site.Story) (template.HTML, error) { return th.frags.card(st) },
		"partialCached": func(name string, data any, key string) (template.HTML, error) {
			return th.frags.partial(name, data, key)
		},
		"base":       path.Base,
		"trimPrefix": func(prefix, s string) string { return strings.TrimPrefix(s, prefix) },
		// telURI is a phone number as a tel: URI wants it: "0205 3812 460"
		// is "02053812460".
		"telURI":         telURI,
		"groupByInitial": groupByInitial,
		"peopleLists":    th.peopleLists,
		"hasText":        func(h template.HTML) bool { return strings.TrimSpace(string(h)) != "" },
		"trimSummary": func(s string, n int) string {
			r := []rune(s)
			if len(r) <= n {
				return s
			}
			cut := string(r[:n])
			if i := strings.LastIndex(cut, " "); i > n/2 {
				cut = cut[:i]
			}
			return cut + "…"
		},
	}
}

// Letter is the people filed under one letter of the alphabet.
type Letter struct {
	Letter string
	Slug   string // an ASCII id for the letter's heading
	People []*site.Person
}

// groupByInitial groups people (already sorted) under their initials,
// following the Vietnamese alphabet order of the list. A prefix, if given,
// begins each letter's id, so that two lists on one page have distinct
// ones: groupByInitial .Site.Collectives "tap-the" gives "tap-the-chu-p".
func groupByInitial(people []*site.Person, prefix ...string) []Letter {
	var out []Letter
	for _, p := range people {
		if len(out) == 0 || out[len(out)-1].Letter != p.Initial {
			slug := letterSlug(p.Initial)
			if len(prefix) > 0 && prefix[0] != "" {
				slug = prefix[0] + "-" + slug
			}
			out = append(out, Letter{Letter: p.Initial, Slug: slug})
		}
		out[len(out)-1].People = append(out[len(out)-1].People, p)
	}
	return out
}

// letterSlug gives Ă, Â, Đ ... distinct ASCII ids: "a", "a-breve", "a-circ", "d-stroke".
func letterSlug(l string) string {
	switch l {
	case "Ă":
		return "chu-a-trang"
	case "Â":
		return "chu-a-mu"
	case "Đ":
		return "chu-dd"
	case "Ê":
		return "chu-e-mu"
	case "Ô":
		return "chu-o-mu"
	case "Ơ":
		return "chu-o-moc"
	case "Ư":
		return "chu-u-moc"
	case "#":
		return "chu-khac"
	}
	return "chu-" + strings.ToLower(vi.Slug(l))
}

// RenderBytes renders p into a new byte slice.
func (th *Theme) RenderBytes(p *Page) ([]byte, error) {
	var buf bytes.Buffer
	if err := th.RenderTo(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderTo renders p at the end of buf.
func (th *Theme) RenderTo(buf *bytes.Buffer, p *Page) error {
	// The buffer is made a little bigger than the last page of the kind:
	// growing it from nothing to 20 KB costs a tenth of a page's time.
	last := th.lastSize[p.Kind]
	if last != nil {
		n := last.Load()
		buf.Grow(int(n + n/4))
	}
	start := buf.Len()
	if err := th.Render(buf, p); err != nil {
		return err
	}
	if last != nil {
		last.Store(int64(buf.Len() - start))
	}
	return nil
}

// Report returns the figures of a report page, nil for other pages.
func (p *Page) Report() *report.Report {
	if p.ReportOf == nil {
		return nil
	}
	return p.ReportOf()
}

// Roll returns the roll of a roll-of-honour page, nil for other pages.
func (p *Page) Roll() *report.Roll {
	if p.RollOf == nil {
		return nil
	}
	return p.RollOf()
}
