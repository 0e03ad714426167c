package build

import (
	"bytes"
	"context"
	"html/template"
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
	convert  *converter    // of the stories' bodies, for their pages
	pictures *bodyPictures // the pictures bodies show, resized
	images   *images.Processor
	site     *site.Site
	th       *theme.Theme
	covers   *coverSet
	// list is every page of the site, listed the first time a page is
	// asked for that is not a story's: the live preview mostly asks for
	// the story being written, and listing 20,000 pages on every change
	// was a tenth of its rebuild. stories finds a story's page by slug.
	list    func() pageList
	stories func() map[string]*site.Story

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
	if cc != nil {
		// The preview converts every story's body now: a problem in one
		// is shown at once, and the pages it serves take their bodies
		// from the cache.
		l.convert.checkStories(ctx, c.Stories, &r.Diags)
		if r.Diags.HasErrors() || ctx.Err() != nil {
			return nil
		}
	}
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
	return &Snapshot{opts: opts, siteFS: siteFS, config: cfg, convert: l.convert, pictures: l.pictures, images: proc, site: s, th: th, covers: covers,
		list:     sync.OnceValue(func() pageList { return listPages(s, opts.Dev, th.T) }),
		stories:  sync.OnceValue(func() map[string]*site.Story { return storiesBySlug(s) }),
		rendered: map[string][]byte{}}
}

// pageList is every page of a site (Pages), and where each is by its
// output file.
type pageList struct {
	pages []*theme.Page
	at    map[string]int // output file → its page in pages
}

func listPages(s *site.Site, dev bool, t func(string) string) pageList {
	pages := Pages(s, dev, t)
	at := make(map[string]int, len(pages))
	for i, p := range pages {
		at[urls.File(p.URL)] = i
	}
	return pageList{pages, at}
}

func storiesBySlug(s *site.Site) map[string]*site.Story {
	m := make(map[string]*site.Story, len(s.Stories))
	for _, st := range s.Stories {
		m[st.Slug] = st
	}
	return m
}

// pages returns every page of the site, in Pages' order.
func (snap *Snapshot) pages() []*theme.Page { return snap.list().pages }

// PageCount returns the number of HTML pages of the site.
func (snap *Snapshot) PageCount() int { return len(snap.pages()) }

// page returns the page whose output file is name, and false if no page
// has it. A story's page is made as Pages makes it, without listing the
// others.
func (snap *Snapshot) page(name string) (*theme.Page, bool) {
	if slug, ok := urls.StorySlug(name); ok {
		if st := snap.stories()[slug]; st != nil && urls.File(st.URL) == name {
			p := storyPage(st)
			fillPage(p, snap.site, snap.opts.Dev)
			return p, true
		}
	}
	l := snap.list()
	i, ok := l.at[name]
	if !ok {
		return nil, false
	}
	return l.pages[i], true
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
	if p, ok := snap.page(name); ok {
		snap.mu.Lock()
		data, done := snap.rendered[name]
		snap.mu.Unlock()
		if done {
			return data, true, nil
		}
		var buf bytes.Buffer
		if err := snap.render(&buf, p); err != nil {
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

// render writes page p to w. A story's page is given its body (Page.Body),
// converted now (in the preview, from the cache: the problems of every
// body were told when the snapshot was made).
func (snap *Snapshot) render(w *bytes.Buffer, p *theme.Page) error {
	var body template.HTML
	if p.Kind == theme.Story {
		body, _ = snap.convert.story(p.Story.Story)
	}
	return snap.th.RenderTo(w, withBody(p, body))
}

// withBody returns story page p given its body, or p itself if it is
// another page.
func withBody(p *theme.Page, body template.HTML) *theme.Page {
	if p.Kind != theme.Story {
		return p
	}
	q := *p
	q.Body = body
	return &q
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
	at := snap.list().at
	names := make([]string, 0, len(at))
	for name := range at {
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
			if err := writeFeeds(w, snap.site, snap.pages(), snap.covers); err != nil {
				w.fail(err)
			}
		case groupSearch:
			snap.writeSearch(w)
		}
		gr.err = w.err
	})
	return gr.files, gr.err
}

// writeFiles writes the theme's static files, the resized covers, the
// pictures bodies show, the people's photos, the QR codes of the rolls of
// honour and the open data (du-lieu/:
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
	snap.writeQRCodes(w)
	// A picture that is a cover and in a body has the same files in both
	// sets (see pictureFile): each is written once.
	pictures := snap.pictures.published()
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

// writeQRCodes writes the QR code of every exemplar a roll of honour
// shows, once however many rolls show them: each roll shows it as an
// image, so a roll of a thousand exemplars is not a thousand inline
// drawings.
func (snap *Snapshot) writeQRCodes(w *writer) {
	done := map[string]bool{}
	for _, p := range snap.pages() {
		roll := p.Roll()
		if roll == nil {
			continue
		}
		for _, e := range roll.Entries {
			if done[e.QR] {
				continue
			}
			done[e.QR] = true
			svg, err := report.QRSVG(e.URL)
			if err != nil {
				w.fail(err)
				return
			}
			w.writeMinified(e.QR, svg)
		}
	}
}
