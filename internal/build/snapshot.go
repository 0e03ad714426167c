package build

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/report"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/internal/theme"
	"github.com/guong/guong/internal/urls"
)

// Snapshot is a site as it stands at one moment: loaded, checked and
// indexed, with its theme and its resized covers. It can make any file of
// the site's output, alone and on request (File, for the live preview) or
// all of them at once (Run, for guong build): both go through the same
// page list and the same templates, so the preview shows what a build
// writes, whatever the theme shows on a page.
//
// Nothing in a Snapshot changes once it is made but the files it keeps
// once made; it is safe for concurrent use.
type Snapshot struct {
	opts     Options
	siteFS   fs.FS
	config   *config.Config
	pictures map[string][]byte // the pictures bodies show, resized, by output file
	site     *site.Site
	th       *theme.Theme
	covers   *coverSet
	pages    []*theme.Page
	pageAt   map[string]int // output file → its page in pages

	mu       sync.Mutex
	rendered map[string][]byte // pages made by File
	groups   [numGroups]group
}

// A group is a set of output files that are made together, once, the first
// time one of them is asked for.
type group struct {
	once  sync.Once
	files *publish.Memory
	err   error
}

// The groups of files besides the pages.
const (
	groupFiles  = iota // the theme's static files, covers, pictures and photos
	groupFeeds         // feeds, sitemaps and robots.txt
	groupSearch        // the search index
	numGroups
)

// newSnapshot loads, checks and indexes the site, reusing what cc keeps if
// it is not nil, and returns nil when the site has errors (r tells them).
//
// Every read of siteFS is cancelled by ctx, even one that never returns
// (see sitefs.WithContext), and so is every read the Snapshot makes later
// (the theme's static files, people's photos).
func newSnapshot(ctx context.Context, siteFS fs.FS, opts Options, cc *caches, r *Result) *Snapshot {
	siteFS = sitefs.WithContext(ctx, siteFS)
	lap := r.stopwatch()
	var cache images.Cache
	if cc != nil {
		cache = cc.images
	} else {
		cache = coverCache(opts.CacheDir)
	}
	proc := images.New(cancellableCache(ctx, cache))
	l := load(ctx, siteFS, opts, &r.Diags, cc, proc)
	lap("load")
	if l == nil {
		return nil
	}
	r.Config = l.cfg
	if l.content != nil {
		r.Skipped = l.content.Skipped
	}
	if r.Diags.HasErrors() || ctx.Err() != nil {
		return nil
	}
	cfg, c := l.cfg, l.content
	var names *site.Names
	if cc != nil {
		names = cc.names
	}
	s := site.BuildWith(cfg, c, l.bodies, opts.Now, names, l.commits)
	lap("index")
	covers := newCoverSet()
	var th *theme.Theme
	var err error
	if cc != nil {
		th, err = cc.loadTheme(ctx, themeFiles(siteFS, cfg, opts), cfg, opts)
	} else {
		th, err = loadTheme(themeFiles(siteFS, cfg, opts), cfg, opts, covers)
	}
	lap("theme")
	if err != nil {
		r.Diags.Errorf(diag.Position{File: "themes/" + cfg.Theme}, diag.TemplateError, err)
		return nil
	}
	r.Site = s
	for _, pr := range s.UnusedProfiles {
		r.Diags.Warnf(pr.NamePos, diag.UnusedProfile, pr.Name)
	}
	covers.resize(ctx, siteFS, s, proc, &r.Diags)
	r.Images = proc.Stats()
	lap("images")
	if r.Diags.HasErrors() || ctx.Err() != nil {
		return nil
	}
	if cc != nil {
		cc.covers.add(covers)
	}
	pages := Pages(s, opts.Dev, th.T)
	pageAt := make(map[string]int, len(pages))
	for i, p := range pages {
		pageAt[urls.File(p.URL)] = i
	}
	r.Pages = len(pages)
	return &Snapshot{opts: opts, siteFS: siteFS, config: cfg, pictures: l.pictures.files, site: s, th: th, covers: covers,
		pages: pages, pageAt: pageAt, rendered: map[string][]byte{}}
}

// Config returns the site's configuration.
func (snap *Snapshot) Config() *config.Config { return snap.config }

// Site returns the site model.
func (snap *Snapshot) Site() *site.Site { return snap.site }

// File returns the output file name (a slash path relative to the base
// URL, "bai-viet/lan/index.html"), making it if it was not made yet. It
// reports false if the site has no such file. An error is one of the
// theme's templates failing on the page.
func (snap *Snapshot) File(name string) ([]byte, bool, error) {
	if i, ok := snap.pageAt[name]; ok {
		snap.mu.Lock()
		data, done := snap.rendered[name]
		snap.mu.Unlock()
		if done {
			return data, true, nil
		}
		var buf bytes.Buffer
		if err := snap.th.RenderTo(&buf, snap.pages[i]); err != nil {
			return nil, true, err
		}
		data = buf.Bytes()
		snap.mu.Lock()
		snap.rendered[name] = data
		snap.mu.Unlock()
		return data, true, nil
	}
	files, err := snap.group(groupOf(name))
	if err != nil {
		return nil, false, err
	}
	data, ok := files.Get(name)
	return data, ok, nil
}

// groupOf returns the group a file that is not a page would be in.
func groupOf(name string) int {
	base := path.Base(name)
	switch {
	case strings.HasPrefix(name, urls.SearchIndex):
		return groupSearch
	case base == RSSFile || base == JSONFile || name == "robots.txt" ||
		!strings.Contains(name, "/") && strings.HasPrefix(name, "sitemap") && path.Ext(name) == ".xml":
		return groupFeeds
	}
	return groupFiles
}

// Files returns the name of every file of the output, sorted.
func (snap *Snapshot) Files() ([]string, error) {
	names := make([]string, 0, len(snap.pageAt))
	for name := range snap.pageAt {
		names = append(names, name)
	}
	for g := range numGroups {
		files, err := snap.group(g)
		if err != nil {
			return nil, err
		}
		names = append(names, files.Names()...)
	}
	sort.Strings(names)
	return names, nil
}

// group returns the files of group g, making them the first time.
func (snap *Snapshot) group(g int) (*publish.Memory, error) {
	gr := &snap.groups[g]
	gr.once.Do(func() {
		gr.files = publish.NewMemory()
		w := newWriter(context.Background(), gr.files, snap.opts.NoMinify)
		switch g {
		case groupFiles:
			snap.writeFiles(w)
		case groupFeeds:
			if err := writeFeeds(w, snap.site, snap.pages, snap.covers); err != nil {
				w.fail(err)
			}
		case groupSearch:
			writeSearch(snap.site, w, nil)
		}
		gr.err = w.err
	})
	return gr.files, gr.err
}

// writeFiles writes the theme's static files, the resized covers, the
// pictures bodies show, the people's photos and the open data (du-lieu/:
// made from the site model like the feeds, but small and read by
// machines, so it goes with the other files rather than in a group of
// its own).
func (snap *Snapshot) writeFiles(w *writer) {
	if data, err := report.OpenDataJSON(snap.site); err != nil {
		w.fail(err)
	} else {
		w.write(urls.DataJSON, data)
	}
	if data, err := report.OpenDataCSV(snap.site); err != nil {
		w.fail(err)
	} else {
		w.write(urls.DataCSV, data)
	}
	if err := w.copyStatic(snap.th); err != nil {
		w.fail(err)
	}
	// A picture that is a cover and in a body has the same files in both
	// sets (see pictureFile): each is written once.
	pictures := make(map[string][]byte, len(snap.pictures))
	maps.Copy(pictures, snap.pictures)
	for _, name := range snap.covers.files.Names() {
		pictures[name], _ = snap.covers.files.Get(name)
	}
	for _, name := range slices.Sorted(maps.Keys(pictures)) {
		w.write(name, pictures[name])
	}
	for _, cp := range verbatimCopies(snap.site) {
		data, err := fs.ReadFile(snap.siteFS, cp.From)
		if err != nil {
			w.fail(err)
			continue
		}
		w.write(cp.To, data)
	}
}

// verbatimCopies lists the files published as they are: the agency's emblem
// (covers and photos are resized: see coverSet).
func verbatimCopies(s *site.Site) []content.Copy {
	var out []content.Copy
	if a := s.Config.Agency; a.Emblem != "" {
		out = append(out, content.Copy{From: a.Emblem, To: a.EmblemFile()})
	}
	return out
}
