package content

import (
	"context"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/meta"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/vi"
)

// Options choose which stories are published.
type Options struct {
	Drafts bool      // publish stories marked draft: true
	Future bool      // publish stories dated after Now
	Now    time.Time // the build's time; stories dated after it are scheduled
	// Cache, if set, keeps parsed files for the next Load of the same site.
	Cache *Cache
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
func Load(ctx context.Context, fsys fs.FS, cfg *site.Config, opts Options, diags *diag.List) *Site {
	files, assets := list(fsys, cfg, diags)
	s := &Site{Assets: assets}

	// Campaigns first: stories are checked against their keys.
	results := parseAll(ctx, fsys, cfg, files, opts)
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
	reg := registries{
		models:      site.Keys(cfg.Models),
		departments: site.Keys(cfg.Departments),
		campaigns:   campaignKeys,
	}
	type owner struct {
		file        string
		unpublished bool
	}
	slugs := map[string]owner{} // story slug → the first story with it
	pageSlugs := map[string]string{}
	for _, r := range results {
		switch v := r.value.(type) {
		case *parsedStory:
			if v.unpublished {
				var d diag.List
				v.check(reg, &d)
				diags.Append(asWarnings(d))
			} else {
				v.check(reg, diags)
			}
			st := v.story
			prev, dup := slugs[st.Slug]
			if dup && st.Slug != "" {
				if !v.unpublished && !prev.unpublished {
					diags.Errorf(v.slugPos, diag.DuplicateSlug, "bai-viet/"+st.Slug+"/", prev.file)
					continue
				}
				// A draft left out of the build takes no address yet.
				diags.Warnf(v.slugPos, diag.DuplicateSlug, "bai-viet/"+st.Slug+"/", prev.file)
			}
			if !dup || !v.unpublished {
				slugs[st.Slug] = owner{st.File, v.unpublished}
			}
			switch {
			case st.Draft && !opts.Drafts:
				s.Skipped = append(s.Skipped, Skipped{File: st.File, Title: st.Title, Date: st.Date, Reason: SkippedDraft})
			case st.Date.After(opts.Now) && !opts.Future:
				s.Skipped = append(s.Skipped, Skipped{File: st.File, Title: st.Title, Date: st.Date, Reason: SkippedFuture})
			default:
				s.Stories = append(s.Stories, st)
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
	return s
}

// reserved are the first path segments the site's own sections use; a page
// may not take them.
var reserved = map[string]bool{
	"bai-viet": true, "mo-hinh": true, "phong-trao": true, "don-vi": true, "nhan-vat": true,
	"chu-de": true, "nam": true, "tim-kiem": true, "bao-cao": true, "trang": true, "static": true,
	"nhung": true, "feed.xml": true, "feed.json": true, "sitemap.xml": true, "robots.txt": true, "404.html": true,
}

// list walks the content folder, sorting files by kind. Links are never
// followed; hidden files and editors' temporary files are ignored.
func list(fsys fs.FS, cfg *site.Config, diags *diag.List) (files []file, assets []string) {
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(diag.Position{File: p}, diag.ReadFailed, err)
			return nil
		}
		name := d.Name()
		if p != Dir && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags.Warnf(diag.Position{File: p}, diag.Symlink, p)
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if path.Ext(name) != ".md" {
			assets = append(assets, p)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			diags.Errorf(diag.Position{File: p}, diag.ReadFailed, err)
			return nil
		}
		if info.Size() > cfg.MaxFileSize {
			diags.Errorf(diag.Position{File: p}, diag.FileTooLarge, (info.Size()+(1<<20)-1)>>20, cfg.MaxFileSize>>20)
			return nil
		}
		f := file{path: p, size: info.Size(), mod: info.ModTime()}
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
			return nil // Markdown elsewhere is not published
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Position{File: Dir}, diag.ReadFailed, err)
	}
	sort.Strings(assets)
	return files, assets
}

type result struct {
	value any
	diags diag.List
}

// parseAll parses files on every core; results keep the order of files.
func parseAll(ctx context.Context, fsys fs.FS, cfg *site.Config, files []file, opts Options) []result {
	results := make([]result, len(files))
	if opts.Cache != nil {
		opts.Cache.prepare(settingsKey(cfg, opts), files)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if opts.Cache != nil {
					if r, ok := opts.Cache.get(files[i]); ok {
						results[i] = r
						continue
					}
				}
				results[i] = parseFile(fsys, cfg, files[i], opts)
				if opts.Cache != nil {
					opts.Cache.put(files[i], results[i])
				}
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

func parseFile(fsys fs.FS, cfg *site.Config, f file, opts Options) result {
	var r result
	src, err := fs.ReadFile(fsys, f.path)
	if err != nil {
		r.diags.Errorf(diag.Position{File: f.path}, diag.ReadFailed, err)
		return r
	}
	if int64(len(src)) > cfg.MaxFileSize { // grew since it was listed
		r.diags.Errorf(diag.Position{File: f.path}, diag.FileTooLarge, (int64(len(src))+(1<<20)-1)>>20, cfg.MaxFileSize>>20)
		return r
	}
	src = meta.Clean(f.path, src, &r.diags)
	if src == nil {
		return r
	}
	doc := meta.Split(f.path, src, &r.diags)
	if doc == nil {
		return r
	}
	switch f.kind {
	case kindStory:
		p := decodeStory(fsys, doc, cfg)
		if p.story.Draft && !opts.Drafts {
			// A draft that is not published cannot break the build: its
			// problems are warnings until it is.
			p.unpublished = true
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
