package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/theme"
)

// Builder builds one site again and again into memory, for the live
// preview. Each build reuses the previous one: files whose size and time
// did not change are not parsed again, bodies that did not change are not
// converted again, and a page is rendered again only when what it shows
// changed (see pageKeys). Told which files changed (BuildChanged), it reads
// only those, and when the stories edited kept their place in the site, it
// renders only the pages showing what changed without indexing the site
// again (see quick). A failed build leaves the previous output as the
// current one.
type Builder struct {
	site fs.FS
	opts Options

	mu   sync.Mutex // one build at a time
	sess *session
}

// session is what one build hands to the next.
type session struct {
	content *content.Cache
	bodies  *bodyCache
	keys    map[string]pageKey // output file → key of the page last rendered there
	output  *publish.Memory    // the last good output
	files   map[string]bool    // the files of output the builds wrote, but a deferred search index
	search  map[string]bool    // the files of the search index Finish last wrote into output

	// walk says that the next load must walk the content folder; else
	// changed lists every path changed since the last load (takeChanges).
	walk    bool
	changed []string

	// last is the last good build while only stories changed since; a
	// rebuild may start from it (see Builder.quick). Nil otherwise.
	last *lastBuild

	// Filled in by the build under way. loaded is the content a quick
	// rebuild loaded before it found that more than bodies changed.
	loaded  *loaded
	newKeys map[string]pageKey
	written map[string]bool
	built   *lastBuild

	// deferSearch leaves the search index, and a sitemap that changed, to
	// Finish; pending is their work, sitemapPending tells of the latter.
	deferSearch    bool
	pending        func(w *writer)
	sitemapPending bool
}

// loaded is what load returned, and the time it took.
type loaded struct {
	cfg     *config.Config
	content *content.Site
	diags   diag.List
	took    time.Duration
}

// lastBuild is what a quick rebuild starts from: the last good build's
// content, site model, pages, theme and page keys.
type lastBuild struct {
	content *content.Site
	site    *site.Site
	pages   []*theme.Page
	theme   *theme.Theme
	keys    *pageKeys
	covers  *coverSet

	byFile []*site.Story       // site's stories in content's order; see indexed
	pageAt map[*site.Story]int // positions of story pages in pages; see pageIndex
}

// takeChanges returns what the content load of the build under way should
// know of the changes: whether changed lists them all (else it walks the
// folder), and which. A second load in the same build sees no change.
func (s *session) takeChanges() (incremental bool, changed []string) {
	incremental, changed = !s.walk, s.changed
	s.walk, s.changed = false, nil
	return incremental, changed
}

// lastKeys returns the page keys of the last good build, nil if none.
func (s *session) lastKeys() map[string]pageKey {
	if s == nil {
		return nil
	}
	return s.keys
}

// later returns, when the search index is deferred, a function that defers
// more work to Finish; else nil.
func (s *session) later() func(func(*writer)) {
	if s == nil || !s.deferSearch {
		return nil
	}
	return func(work func(*writer)) {
		before := s.pending
		s.pending = func(w *writer) {
			if before != nil {
				before(w)
			}
			work(w)
		}
		s.sitemapPending = true
	}
}

// NewBuilder returns a Builder for the site in siteFS.
func NewBuilder(siteFS fs.FS, opts Options) *Builder {
	return &Builder{site: siteFS, opts: opts, sess: &session{
		content: content.NewCache(),
		bodies:  newBodyCache(),
		walk:    true,
	}}
}

// Build builds the site, looking at every file. On success it returns the
// new output, in which every file of the previous output that this build
// did not produce is gone (Result.Removed lists them). On failure it
// returns the error and a nil output; Output still returns the last good
// one.
func (b *Builder) Build(ctx context.Context) (*Result, *publish.Memory, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sess.walk, b.sess.changed, b.sess.last = true, nil, nil
	return b.build(ctx, false)
}

// BuildChanged is Build, told which files changed since the previous Build
// or BuildChanged: paths are slash-separated and relative to the site
// folder, as the live preview's watcher reports them; "." stands for
// anything. Only those files are looked at again, and when they are all
// stories that kept their place in the site (see quick), the site is not
// indexed again. The paths must name every change, or the output may be
// stale. On success, the output returned may be the previous one, changed
// in place (as Finish changes it).
func (b *Builder) BuildChanged(ctx context.Context, paths []string) (*Result, *publish.Memory, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sess.changed = append(b.sess.changed, paths...)
	if !storiesOnly(b.site, paths) {
		b.sess.last = nil
	}
	return b.build(ctx, true)
}

// storiesOnly reports whether every path is a story's Markdown file (or
// was one: a deleted file).
func storiesOnly(siteFS fs.FS, paths []string) bool {
	for _, p := range paths {
		if !strings.HasPrefix(p, content.StoriesDir+"/") || path.Ext(p) != ".md" || !fs.ValidPath(p) {
			return false
		}
		info, err := fs.Lstat(siteFS, p)
		if err == nil && !info.Mode().IsRegular() || err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false
		}
	}
	return true
}

func (b *Builder) build(ctx context.Context, quick bool) (*Result, *publish.Memory, error) {
	if b.sess.sitemapPending {
		// The output's sitemap is older than its pages: only a whole
		// build (its sitemap's key) mends it.
		b.sess.last = nil
	}
	b.sess.pending, b.sess.sitemapPending = nil, false
	if quick && b.sess.last != nil {
		if r, ok, err := b.quick(ctx); ok {
			if err != nil {
				return r, nil, err
			}
			return r, b.sess.output, nil
		}
	}
	next := publish.NewMemory()
	if b.sess.output != nil {
		next = b.sess.output.Clone()
	}
	b.sess.built = nil
	var took time.Duration // loading, by quick
	if b.sess.loaded != nil {
		took = b.sess.loaded.took
	}
	r, err := run(ctx, b.site, next, b.opts, b.sess)
	if len(r.Phases) > 0 {
		r.Phases[0].Time += took
	}
	r.Elapsed += took
	if err != nil {
		b.sess.pending, b.sess.sitemapPending = nil, false
		return r, nil, err
	}
	for name := range b.sess.files {
		if b.sess.pending != nil && strings.HasPrefix(name, SearchIndexPath) {
			continue // replaced by Finish
		}
		if !b.sess.written[name] {
			next.Delete(name)
			r.Removed = append(r.Removed, name)
		}
	}
	sort.Strings(r.Removed)
	b.sess.keys, b.sess.output, b.sess.files, b.sess.last = b.sess.newKeys, next, b.sess.written, b.sess.built
	b.sess.newKeys, b.sess.written, b.sess.built = nil, nil, nil
	return r, next, nil
}

// quick rebuilds from the last good build when the stories that changed
// kept their place in the site: the same files, published, with the same
// address, date, person, position, department, model type, campaigns,
// tags and cover. The site model is then kept as it is, each changed
// story's new content swapped in, and only the pages that show what
// changed are rendered again: a story's own page when its body changed;
// when its title, summary, excerpt or awards changed, also every page
// showing its card (see showsCards) and the feeds listing it. They are
// written into the last output, in place, as Finish does. quick reports
// false, having written nothing, when more changed; the caller then
// builds as usual, from the content quick loaded. It assumes, as page
// keys do, that a page shows what its kind's default template shows.
func (b *Builder) quick(ctx context.Context) (*Result, bool, error) {
	sess, last := b.sess, b.sess.last
	opts := b.opts
	start := time.Now()
	if opts.Now.IsZero() {
		opts.Now = start
	}
	r := &Result{}
	lap := r.stopwatch()
	finish := func(err error) (*Result, bool, error) {
		r.Diags.Sort()
		r.Elapsed = time.Since(start)
		return r, true, err
	}
	cfg, c := load(ctx, b.site, opts, &r.Diags, sess, nil)
	lap("load")
	r.Config = cfg
	if c != nil {
		r.Skipped = c.Skipped
	}
	if r.Diags.HasErrors() || cfg == nil {
		return finish(errContent(r))
	}
	giveUp := func() (*Result, bool, error) {
		sess.loaded = &loaded{cfg: cfg, content: c, diags: r.Diags, took: time.Since(start)}
		return nil, false, nil
	}
	swap, own, cards, ok := last.edits(c, opts.Now)
	if !ok {
		return giveUp()
	}
	theme := last.theme
	if len(cards) > 0 {
		// The theme keeps each story's card once rendered: a new one
		// renders the changed cards again.
		th, err := loadTheme(b.site, last.site.Config, opts, last.covers)
		if err != nil {
			return giveUp() // reported by the whole build
		}
		theme = th
	}

	// From here on the last build's site model is changed: on failure,
	// it is dropped.
	s := last.site
	s.Now, s.Skipped = opts.Now, c.Skipped
	byFile := last.indexed()
	for _, i := range swap {
		byFile[i].Story = c.Stories[i]
	}
	last.content = c
	carded := map[*site.Story]bool{}
	for _, i := range cards {
		st := byFile[i]
		carded[st] = true
		last.keys.recard(st)
		last.replacePage(storyPage(st), s, b.opts.Dev)
	}
	for st := range carded {
		st.Person.Awards = personAwards(st.Person)
	}
	var pages []*theme.Page
	if len(carded) > 0 {
		for _, p := range last.pages {
			if showsCards(p, func(st *site.Story) bool { return carded[st] }) {
				pages = append(pages, p)
			}
		}
	}
	for _, i := range own {
		if st := byFile[i]; !carded[st] {
			pages = append(pages, last.page(st))
		}
	}
	for _, pr := range s.UnusedProfiles {
		r.Diags.Warnf(pr.NamePos, diag.UnusedProfile, pr.Name)
	}

	// Written aside first: a failed build leaves the output as it was.
	staged := publish.NewMemory()
	w := &writer{ctx: ctx, out: staged, prev: sess.output, minifier: publish.NewMinifier(), noMinify: b.opts.NoMinify, written: map[string]bool{}}
	parallel(ctx, len(pages), func(i int) {
		html, err := theme.RenderBytes(pages[i])
		if err != nil {
			w.fail(err)
			return
		}
		w.rendered.Add(1)
		w.writeMinified(pageFile(pages[i].URL), html)
	})
	lap("pages")
	keys := &pageKeys{global: last.keys.global, cards: last.keys.cards, files: map[string]pageKey{}}
	if len(carded) > 0 {
		if err := writeListFeeds(w, s, last.covers, keys, sess.keys); err != nil {
			w.fail(err)
		}
	}
	lap("feeds")
	if !sess.deferSearch {
		writeSearch(s, w, nil)
		for name := range sess.files {
			if strings.HasPrefix(name, SearchIndexPath) && !w.written[name] {
				r.Removed = append(r.Removed, name)
			}
		}
		sort.Strings(r.Removed)
	}
	lap("search")
	r.Site = s
	r.Pages = len(last.pages)
	r.Rendered = int(w.rendered.Load())
	r.Changed = w.changed
	sort.Strings(r.Changed)
	if err := ctx.Err(); err != nil {
		sess.last = nil
		return finish(err)
	}
	if w.err != nil {
		sess.last = nil
		r.Diags.Errorf(diag.Position{}, diag.TemplateError, w.err)
		return finish(errContent(r))
	}
	last.theme = theme
	if sess.deferSearch {
		sess.pending = func(w *writer) { writeSearch(s, w, nil) }
	}
	for _, p := range pages {
		keys.files[pageFile(p.URL)] = last.keys.of(p)
	}
	for name, key := range keys.files {
		sess.keys[name] = key
	}
	for _, name := range r.Removed {
		sess.output.Delete(name)
		delete(sess.files, name)
	}
	for name := range w.written {
		if data, ok := staged.Get(name); ok {
			sess.output.Write(name, data)
		}
		sess.files[name] = true
	}
	r.Files = len(sess.files)
	return finish(nil)
}

// personAwards lists the awards of a person's stories, as site.Build does.
func personAwards(p *site.Person) []site.PersonAward {
	var out []site.PersonAward
	for _, st := range p.Stories {
		for _, a := range st.Awards {
			out = append(out, site.PersonAward{Award: a, Story: st})
		}
	}
	return out
}

// edits compares freshly loaded content with the last build's. It reports
// false if a story changed its place in the site (see Builder.quick) or
// anything but stories changed. Else it returns the positions in
// c.Stories of the stories that are new values (to swap into the site
// model), of those whose own page changed, and of those whose card (or
// awards) changed.
func (l *lastBuild) edits(c *content.Site, now time.Time) (swap, own, cards []int, ok bool) {
	old := l.content
	if len(c.Stories) != len(old.Stories) || len(c.Campaigns) != len(old.Campaigns) ||
		len(c.Pages) != len(old.Pages) || len(c.Profiles) != len(old.Profiles) ||
		!slices.Equal(c.Images, old.Images) || !sameSkipped(c.Skipped, old.Skipped) {
		return nil, nil, nil, false
	}
	for i, x := range c.Campaigns {
		if o := old.Campaigns[i]; x != o && (x.File != o.File || x.Version != o.Version) {
			return nil, nil, nil, false
		}
	}
	for i, x := range c.Pages {
		if o := old.Pages[i]; x != o && (x.File != o.File || x.Version != o.Version) {
			return nil, nil, nil, false
		}
	}
	for i, x := range c.Profiles {
		if o := old.Profiles[i]; x != o && (x.File != o.File || x.Version != o.Version) {
			return nil, nil, nil, false
		}
	}
	for _, camp := range l.site.Campaigns {
		if camp.Ongoing != camp.Campaign.Ongoing(now) {
			return nil, nil, nil, false
		}
	}
	for i, st := range c.Stories {
		o := old.Stories[i]
		if st == o {
			continue
		}
		if !samePlace(st, o) {
			return nil, nil, nil, false
		}
		swap = append(swap, i)
		switch {
		case !sameCard(st, o):
			cards = append(cards, i)
			own = append(own, i)
		case st.Version != o.Version || st.BodyLine != o.BodyLine || st.HTML != o.HTML:
			own = append(own, i)
		}
	}
	return swap, own, cards, true
}

// samePlace reports whether two versions of a story have the same place in
// the site: everything the site model takes from a story (its lists,
// pages, related stories, people, their positions), the sitemap and the
// search filters, and its cover. TestStoryFieldsCompared keeps it, with
// sameCard, in step with content.Story.
func samePlace(a, b *content.Story) bool {
	return a.File == b.File && a.Slug == b.Slug && sameTime(a.Date, b.Date) && a.HasTime == b.HasTime &&
		a.Person == b.Person && a.Position == b.Position && a.Collective == b.Collective &&
		a.Department == b.Department && a.Model == b.Model &&
		slices.Equal(a.Campaigns, b.Campaigns) && slices.Equal(a.Tags, b.Tags) &&
		a.Cover == b.Cover && a.CoverAlt == b.CoverAlt && a.Draft == b.Draft
}

// sameCard reports whether two versions of a story in the same place show
// alike everywhere but on the story's own page: the same title, summary
// and excerpt (its card, feeds) and awards (its person's page).
func sameCard(a, b *content.Story) bool {
	return a.Title == b.Title && a.Summary == b.Summary && a.Excerpt == b.Excerpt &&
		slices.EqualFunc(a.Awards, b.Awards, func(x, y content.Award) bool {
			return x.Name == y.Name && x.Decision == y.Decision && sameTime(x.Date, y.Date) && x.HasDate == y.HasDate
		})
}

// sameTime reports whether two times are the same instant written in the
// same zone.
func sameTime(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return a.Equal(b) && an == bn && ao == bo
}

func sameSkipped(a, b []content.Skipped) bool {
	return slices.EqualFunc(a, b, func(x, y content.Skipped) bool {
		return x.File == y.File && x.Title == y.Title && sameTime(x.Date, y.Date) && x.Reason == y.Reason
	})
}

// indexed returns the site model's stories in the content's order.
func (l *lastBuild) indexed() []*site.Story {
	if l.byFile == nil {
		of := make(map[*content.Story]*site.Story, len(l.site.Stories))
		for _, st := range l.site.Stories {
			of[st.Story] = st
		}
		l.byFile = make([]*site.Story, len(l.content.Stories))
		for i, st := range l.content.Stories {
			l.byFile[i] = of[st]
		}
	}
	return l.byFile
}

// pageIndex returns the position in pages of a story's page.
func (l *lastBuild) pageIndex(st *site.Story) int {
	if l.pageAt == nil {
		l.pageAt = make(map[*site.Story]int, len(l.site.Stories))
		for i, p := range l.pages {
			if p.Kind == "story" {
				l.pageAt[p.Story] = i
			}
		}
	}
	return l.pageAt[st]
}

// page returns the page of a story.
func (l *lastBuild) page(st *site.Story) *theme.Page { return l.pages[l.pageIndex(st)] }

// replacePage puts p in the place of its story's page, made anew because
// its title or excerpt changed.
func (l *lastBuild) replacePage(p *theme.Page, s *site.Site, dev bool) {
	fillPage(p, s, dev)
	l.pages[l.pageIndex(p.Story)] = p
}

// DeferSearch makes Build leave the search index to Finish, so that the
// live preview can reload the pages first: the index of 10,000 stories
// takes a second or two to write. A sitemap that changed is left to
// Finish too.
func (b *Builder) DeferSearch() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sess.deferSearch = true
}

// Finish writes what the last Build deferred — the search index, the
// sitemap — into its output, replacing the previous ones. It does nothing
// if nothing is pending.
func (b *Builder) Finish(ctx context.Context) {
	b.mu.Lock()
	defer b.mu.Unlock()
	work, out := b.sess.pending, b.sess.output
	b.sess.pending, b.sess.sitemapPending = nil, false
	if work == nil || out == nil {
		return
	}
	w := &writer{ctx: ctx, out: out, minifier: publish.NewMinifier(), noMinify: b.opts.NoMinify, written: map[string]bool{}}
	work(w)
	stale := func(name string) {
		if strings.HasPrefix(name, SearchIndexPath) && !w.written[name] {
			out.Delete(name)
			delete(b.sess.files, name)
		}
	}
	for name := range b.sess.search {
		stale(name)
	}
	for name := range b.sess.files { // written by a build that did not defer it
		stale(name)
	}
	b.sess.search = w.written
}

// Output returns the last good output, or nil before the first success.
func (b *Builder) Output() *publish.Memory {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sess.output
}

// bodyCache keeps converted Markdown bodies by file, with the body they
// were converted from. A nil *bodyCache caches nothing.
type bodyCache struct {
	mu       sync.Mutex
	basePath string
	entries  map[string]bodyEntry
}

type bodyEntry struct {
	line   int
	src    []byte
	result markdown.Result
	diags  diag.List
}

func newBodyCache() *bodyCache { return &bodyCache{entries: map[string]bodyEntry{}} }

// prepare empties the cache if the base path, which links depend on, changed.
func (c *bodyCache) prepare(basePath string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.basePath != basePath {
		c.basePath, c.entries = basePath, map[string]bodyEntry{}
	}
}

// getAll fills in the jobs the cache holds unchanged, and returns the
// positions of the others.
func (c *bodyCache) getAll(jobs []body) (todo []int) {
	if c == nil {
		todo = make([]int, len(jobs))
		for i := range todo {
			todo[i] = i
		}
		return todo
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range jobs {
		b := &jobs[i]
		e, ok := c.entries[b.file]
		if !ok || e.line != b.line || !bytes.Equal(e.src, b.src) {
			todo = append(todo, i)
			continue
		}
		b.result, b.diags = e.result, append(diag.List(nil), e.diags...)
	}
	return todo
}

func (c *bodyCache) put(file string, line int, src []byte, r markdown.Result, d diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[file] = bodyEntry{line: line, src: src, result: r, diags: append(diag.List(nil), d...)}
}
