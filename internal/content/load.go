package content

import (
	"context"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
)

// Options choose which stories are published.
type Options struct {
	Drafts bool // publish stories marked draft: true
	// TryDrafts, with Drafts, leaves out a draft that has errors, its
	// problems warnings, rather than failing the build: the live preview
	// shows the drafts that can be shown, and a story just begun does not
	// take the whole preview down.
	TryDrafts bool
	Future    bool      // publish stories dated after Now
	Now       time.Time // the build's time; stories dated after it are scheduled
	// Cache, if set, keeps parsed files for the next Load of the same site.
	Cache *Cache
	// Incremental says that Changed lists every path (slash-separated,
	// relative to the site folder) that may have changed since the last
	// Load with Cache: Load then looks at those paths alone instead of
	// walking the content folder. It walks anyway when it cannot be sure
	// (a folder changed, the settings changed, there was no walk yet).
	Incremental bool
	Changed     []string
	// FirstParagraph, if not nil, finds the text of the first paragraph
	// of a story's Markdown body (markdown.Converter.FirstParagraph): the
	// site model's excerpt of a story with no summary. Load keeps no
	// story's body; it keeps this.
	FirstParagraph func(body []byte) string
}

// kind is what a content file is, by its folder.
type kind int

const (
	kindStory kind = iota
	kindCampaign
	kindPage
	kindProfile
)

type file struct {
	path string
	kind kind
	size int64
	mod  time.Time
}

// Load reads and checks the content folder of fsys. Problems are added to
// diags; the returned Site holds every file that could be read.
func Load(ctx context.Context, fsys fs.FS, cfg *config.Config, opts Options, diags *diag.List) *Site {
	files, assets, incremental := list(fsys, cfg, opts, diags)
	s := &Site{Assets: assets}

	// Campaigns first: stories are checked against their keys.
	results := parseAll(ctx, fsys, cfg, files, opts, incremental)
	for _, r := range results {
		diags.Append(r.diags)
		if c, ok := r.value.(*Campaign); ok {
			s.Campaigns = append(s.Campaigns, c)
		}
	}
	campaignKeys := make([]string, len(s.Campaigns))
	for i, c := range s.Campaigns {
		campaignKeys[i] = c.Key
	}
	reg := &registries{
		models:         newRegistry(config.Keys(cfg.Models)),
		departments:    newRegistry(config.Keys(cfg.Departments)),
		campaigns:      newRegistry(campaignKeys),
		campaignTitles: map[string]string{},
		awards:         newRegistry(cfg.AwardKeys()),
		forms:          cfg.Awards,
	}
	for _, c := range s.Campaigns {
		reg.campaignTitles[spelling(c.Title)] = c.Key
	}
	if opts.Cache != nil {
		reg = opts.Cache.sameRegistries(reg)
	}
	type owner struct {
		file        string
		unpublished bool
	}
	slugs := make(map[string]owner, len(results)) // story slug → the first story with it
	var published []*parsedStory
	pageSlugs := map[string]string{}
	for _, r := range results {
		switch v := r.value.(type) {
		case *parsedStory:
			d := v.checkedAgainst(reg)
			// A cached *parsedStory is shared with later loads: what this
			// load decides about it is kept here.
			unpublished, broken := v.unpublished, v.broken
			if v.story.Draft && opts.Drafts && opts.TryDrafts && d.HasErrors() {
				unpublished, broken = true, true
			}
			if unpublished {
				diags.Append(asWarnings(append(diag.List(nil), d...)))
			} else {
				diags.Append(d)
			}
			st := byTitle(v.story, reg)
			prev, dup := slugs[st.Slug]
			if dup && st.Slug != "" {
				if !unpublished && !prev.unpublished {
					diags.Errorf(v.slugPos, diag.DuplicateSlug, urls.Story(st.Slug), prev.file)
					continue
				}
				// A draft left out of the build takes no address yet.
				diags.Warnf(v.slugPos, diag.DuplicateSlug, urls.Story(st.Slug), prev.file)
			}
			if !dup || !unpublished {
				slugs[st.Slug] = owner{st.File, unpublished}
			}
			switch {
			case st.Draft && (!opts.Drafts || broken):
				s.Skipped = append(s.Skipped, Skipped{File: st.File, Slug: st.Slug, Title: st.Title, Date: st.Date, Reason: SkippedDraft, Broken: broken})
			case st.Date.After(opts.Now) && !opts.Future:
				s.Skipped = append(s.Skipped, Skipped{File: st.File, Slug: st.Slug, Title: st.Title, Date: st.Date, Reason: SkippedFuture})
			default:
				s.Stories = append(s.Stories, st)
				published = append(published, v)
			}
		case *parsedPage:
			if prev, dup := pageSlugs[v.page.Slug]; dup {
				diags.Errorf(v.slugPos, diag.DuplicateSlug, v.page.Slug+"/", prev)
				continue
			}
			if reserved[v.page.Slug] {
				diags.Errorf(v.slugPos, diag.DuplicateSlug, v.page.Slug+"/", diag.Word{VI: "một mục của trang", EN: "a section of the site"})
				continue
			}
			pageSlugs[v.page.Slug] = v.page.File
			s.Pages = append(s.Pages, v.page)
		case *Profile:
			s.Profiles = append(s.Profiles, v)
		}
	}
	checkSpellings(published, opts.Cache.spellings(), diags)
	return s
}

// checkSpellings warns about a published story whose person is written
// unlike the same person in other stories — only in case, spaces or the
// way the marks are typed — which would make two people of one: at the
// less used spelling, naming the more used one and a file using it.
func checkSpellings(stories []*parsedStory, memo map[string]string, diags *diag.List) {
	type use struct {
		count int
		file  string // the first story naming it
	}
	// Names repeat from story to story: each is compared once.
	uses := map[string]*use{}
	for _, p := range stories {
		if p.story.Person == "" {
			continue
		}
		if u := uses[p.story.Person]; u != nil {
			u.count++
		} else {
			uses[p.story.Person] = &use{count: 1, file: p.story.File}
		}
	}
	alike := map[string][]string{} // spelling → the names written so
	for name := range uses {
		k, ok := memo[name]
		if !ok {
			k = spelling(name)
			if memo != nil {
				memo[name] = k
			}
		}
		alike[k] = append(alike[k], name)
	}
	usual := map[string]string{} // a rarer name → the most used one like it
	for _, names := range alike {
		if len(names) < 2 {
			continue
		}
		best := names[0]
		for _, n := range names[1:] {
			if uses[n].count > uses[best].count || uses[n].count == uses[best].count && n < best {
				best = n
			}
		}
		for _, n := range names {
			if n != best {
				usual[n] = best
			}
		}
	}
	if len(usual) == 0 {
		return
	}
	for _, p := range stories {
		if best, ok := usual[p.story.Person]; ok {
			diags.Warnf(p.personPos, diag.PersonSpelling, p.story.Person, best, uses[best].file)
		}
	}
}

// reserved are the first path segments the site's own sections use; a page
// may not take them.
var reserved = map[string]bool{
	"bai-viet": true, "mo-hinh": true, "phong-trao": true, "don-vi": true, "nhan-vat": true,
	"chu-de": true, "nam": true, "tim-kiem": true, "bao-cao": true, "bang-vang": true, "du-lieu": true, "anh": true, "trang": true, "static": true,
	"nhung": true, "kha-nang-tiep-can": true, "bieu-trung": true, "feed.xml": true, "feed.json": true, "sitemap.xml": true, "robots.txt": true, "404.html": true,
}

// list finds the content folder's files, sorting them by kind: by walking
// the folder, or, when opts says which paths changed since the last Load
// with its Cache, by looking at those paths alone.
// It reports whether it looked at the changed paths alone.
func list(fsys fs.FS, cfg *config.Config, opts Options, diags *diag.List) (files []file, assets []string, incremental bool) {
	key := settingsKey(cfg, opts)
	var l *listing
	if opts.Cache != nil && opts.Incremental {
		l = opts.Cache.updateListing(fsys, cfg, key, opts.Changed)
	}
	incremental = l != nil
	if l == nil {
		l = walk(fsys, cfg, key)
		if opts.Cache != nil {
			opts.Cache.setListing(l)
		}
	}
	files, assets = l.result(diags)
	return files, assets, incremental
}

// walk walks the content folder. Links are never followed; hidden files
// and editors' temporary files are ignored.
func walk(fsys fs.FS, cfg *config.Config, key string) *listing {
	l := &listing{key: key, complete: true}
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.complete = false
			l.entries = append(l.entries, entry{path: p, diags: failed(p, err)})
			return nil
		}
		if p != Dir && hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if e, ok := examine(p, d.Type(), d.Info, cfg); ok {
			l.entries = append(l.entries, e)
		}
		return nil
	})
	if err != nil {
		l.complete = false
		l.entries = append(l.entries, entry{path: Dir, diags: failed(Dir, err)})
	}
	return l
}

// hidden reports whether a file or folder name is one list ignores:
// hidden, or an editor's temporary file.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")
}

// failed reports the error of reading the file or folder p: no
// permission, not a regular file, or another reason.
func failed(p string, err error) diag.List {
	var d diag.List
	d.ReadError(diag.Position{File: p}, p, err)
	return d
}

// examine classifies the content file p, which is not a folder, given its
// type and a way to get its size and time. It reports false for files the
// site ignores.
func examine(p string, typ fs.FileMode, info func() (fs.FileInfo, error), cfg *config.Config) (entry, bool) {
	e := entry{path: p}
	if typ&fs.ModeSymlink != 0 {
		e.diags.Warnf(diag.Position{File: p}, diag.Symlink, p)
		return e, true
	}
	if !typ.IsRegular() {
		if path.Ext(p) == ".md" {
			// A named pipe, a device or a socket named like a story:
			// never read (it could block the build forever), and said.
			e.diags.Errorf(diag.Position{File: p}, diag.NotRegular, p)
			return e, true
		}
		return e, false
	}
	if path.Ext(p) != ".md" {
		e.asset = true
		return e, true
	}
	fi, err := info()
	if err != nil {
		e.diags = failed(p, err)
		return e, true
	}
	if fi.Size() > cfg.MaxFileSize {
		e.diags.Errorf(diag.Position{File: p}, diag.FileTooLarge, (fi.Size()+(1<<20)-1)>>20, cfg.MaxFileSize>>20)
		return e, true
	}
	f := file{path: p, size: fi.Size(), mod: fi.ModTime()}
	switch {
	case strings.HasPrefix(p, StoriesDir+"/"):
		f.kind = kindStory
	case path.Dir(p) == CampaignsDir:
		f.kind = kindCampaign
	case path.Dir(p) == PagesDir:
		f.kind = kindPage
	case path.Dir(p) == PeopleDir:
		f.kind = kindProfile
	default:
		return e, false // Markdown elsewhere is not published
	}
	e.file = &f
	return e, true
}

type result struct {
	value any
	diags diag.List
}

// parseAll parses files on every core; results keep the order of files.
// Files the cache holds unchanged are not read again. incremental says
// that opts.Changed lists every change since the last Load.
func parseAll(ctx context.Context, fsys fs.FS, cfg *config.Config, files []file, opts Options, incremental bool) []result {
	results := make([]result, len(files))
	var todo []int
	if opts.Cache != nil {
		opts.Cache.prepare(settingsKey(cfg, opts), files, incremental)
		var changed map[string]bool
		if incremental {
			changed = make(map[string]bool, len(opts.Changed))
			for _, p := range opts.Changed {
				changed[p] = true
			}
		}
		todo = opts.Cache.getAll(files, results, incremental, changed)
	} else {
		todo = make([]int, len(files))
		for i := range todo {
			todo[i] = i
		}
	}
	// Each worker takes the next file itself (see build.parallel).
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < min(runtime.GOMAXPROCS(0), max(len(todo), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				t := int(next.Add(1) - 1)
				if t >= len(todo) {
					return
				}
				i := todo[t]
				results[i] = parseFile(fsys, cfg, files[i], opts)
				if opts.Cache != nil {
					opts.Cache.put(files[i], results[i])
				}
			}
		}()
	}
	wg.Wait()
	return results
}

func parseFile(fsys fs.FS, cfg *config.Config, f file, opts Options) result {
	var r result
	src, err := fs.ReadFile(fsys, f.path)
	if err != nil {
		r.diags.ReadError(diag.Position{File: f.path}, f.path, err)
		return r
	}
	if int64(len(src)) > cfg.MaxFileSize { // grew since it was listed
		r.diags.Errorf(diag.Position{File: f.path}, diag.FileTooLarge, (int64(len(src))+(1<<20)-1)>>20, cfg.MaxFileSize>>20)
		return r
	}
	raw := src
	src = frontmatter.Clean(f.path, src, &r.diags)
	if src == nil {
		return r
	}
	doc := frontmatter.Split(f.path, src, &r.diags)
	if doc == nil {
		return r
	}
	switch f.kind {
	case kindStory:
		p := decodeStory(fsys, doc, cfg)
		if opts.FirstParagraph != nil {
			p.story.FirstParagraph = opts.FirstParagraph(doc.Body)
		}
		// Most files need no cleaning: ReadBody then need not clean them
		// again.
		p.story.cleanAsRead = len(src) == len(raw) && (len(src) == 0 || &src[0] == &raw[0])
		if p.story.Draft && (!opts.Drafts || opts.TryDrafts && r.diags.HasErrors()) {
			// A draft that is not published cannot break the build: its
			// problems are warnings until it is.
			p.unpublished, p.broken = true, opts.Drafts
			r.diags = asWarnings(r.diags)
		}
		r.value = p
	case kindCampaign:
		r.value = decodeCampaign(doc, cfg)
	case kindPage:
		r.value = decodePage(doc)
	case kindProfile:
		r.value = decodeProfile(fsys, doc)
	}
	if r.value == nil || isNilValue(r.value) {
		r.value = nil
	}
	v := version(src)
	switch x := r.value.(type) {
	case *parsedStory:
		x.story.Version = v
	case *Campaign:
		x.Version = v
	case *parsedPage:
		x.page.Version = v
	case *Profile:
		x.Version = v
	}
	return r
}

func isNilValue(v any) bool {
	switch x := v.(type) {
	case *Campaign:
		return x == nil
	case *Profile:
		return x == nil
	}
	return false
}

// slugFromFile returns the slug a file name gives: its base name without
// ".md", transliterated if need be.
func slugFromFile(p string) string {
	base := strings.TrimSuffix(path.Base(p), ".md")
	if vi.ValidSlug(base) {
		return base
	}
	return vi.Slug(base)
}

// asWarnings returns l with every error turned into a warning.
func asWarnings(l diag.List) diag.List {
	for i := range l {
		l[i].Severity = diag.Warning
	}
	return l
}
