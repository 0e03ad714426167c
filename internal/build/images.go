package build

import (
	"context"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/theme"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
)

// CacheDir is the folder, inside a site folder, where the CLI keeps what
// builds can reuse (Options.CacheDir). It can be deleted at any time.
const CacheDir = ".guong-cache"

// CacheImagesDir is the folder, inside Options.CacheDir, of resized images.
const CacheImagesDir = "images"

// coverSet is the resized covers of one build, by story URL. It is filled
// by resize before any page renders and only read afterwards.
type coverSet struct {
	byStory map[*site.Story]*theme.Cover
	lengths map[string]int // output file → size in bytes, for feed enclosures
	files   *publish.Memory
}

func newCoverSet() *coverSet {
	return &coverSet{byStory: map[*site.Story]*theme.Cover{}, lengths: map[string]int{}, files: publish.NewMemory()}
}

// coverCache returns the cache of resized images in cacheDir, or nil (no
// cache) if cacheDir is empty.
func coverCache(cacheDir string) images.Cache {
	if cacheDir == "" {
		return nil
	}
	return images.Dir{Root: cacheDir, Sub: CacheImagesDir}
}

// lookup is the theme's theme.Options.Cover.
func (cs *coverSet) lookup(st *site.Story) *theme.Cover { return cs.byStory[st] }

// pictureFile is the output file of one size of the picture file src,
// labelled "800w" or "1200x630": in urls.Pictures, named after src and
// fingerprinted ("anh/lan-800w.3f2a1b9c0d.jpg"). The name depends only on
// the source's name and the size's bytes, so a picture that is a cover, a
// photo and in a body is one file per size, whatever its roles.
func pictureFile(src, label string, p *images.Picture) string {
	stem := vi.Slug(strings.TrimSuffix(path.Base(src), path.Ext(src)))
	if stem == "" {
		stem = "anh"
	}
	return urls.Picture(stem + "-" + label + "." + p.Hash()[:10] + p.Ext())
}

// resize makes every published story's cover in a few widths and a social
// crop, writes them with fingerprinted names (pictureFile), and records
// them for the templates, keeping the files in cs.files. proc keeps what it
// resizes in its cache between builds. Problems become errors at the
// story's file.
func (cs *coverSet) resize(ctx context.Context, siteFS fs.FS, s *site.Site, proc *images.Processor, diags *diag.List) {
	var todo []*site.Story
	for _, st := range s.Stories {
		if st.Cover != "" {
			todo = append(todo, st)
		}
	}
	type result struct {
		set   *images.Set
		diags diag.List
	}
	results := make([]result, len(todo))
	parallel(ctx, len(todo), func(i int) {
		st, res := todo[i], &results[i]
		pos := diag.Position{File: st.File}
		src, err := fs.ReadFile(siteFS, st.Cover)
		if err != nil {
			res.diags.ReadError(pos, st.Cover, err)
			return
		}
		set, err := proc.Cover(src)
		if err != nil {
			images.Report(&res.diags, pos, images.CoverWord, st.Cover, err)
			return
		}
		res.set = set
	})
	for i, st := range todo {
		res := results[i]
		diags.Append(res.diags)
		if res.set == nil {
			continue // an error, or the build was cancelled
		}
		c := &theme.Cover{}
		publish := func(p *images.Picture, label string) theme.Picture {
			name := pictureFile(st.Cover, label, p)
			cs.files.Write(name, p.Data)
			cs.lengths[name] = len(p.Data)
			return theme.Picture{URL: name, Width: p.Width, Height: p.Height, Type: p.Type}
		}
		for _, p := range res.set.Widths {
			c.Sizes = append(c.Sizes, publish(p, strconv.Itoa(p.Width)+"w"))
		}
		c.Social = publish(res.set.Social, strconv.Itoa(res.set.Social.Width)+"x"+strconv.Itoa(res.set.Social.Height))
		cs.byStory[st] = c
	}
}

// coverSets are the covers of the live preview's last two snapshots, which
// share one theme: a story's cover is found by the story, which belongs to
// one snapshot's site model.
type coverSets struct {
	mu   sync.RWMutex
	sets [2]*coverSet // the newest first
}

// add makes cs the newest set, forgetting the oldest.
func (c *coverSets) add(cs *coverSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sets[1], c.sets[0] = c.sets[0], cs
}

// lookup is the shared theme's theme.Options.Cover.
func (c *coverSets) lookup(st *site.Story) *theme.Cover {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, cs := range c.sets {
		if cs == nil {
			continue
		}
		if cv, ok := cs.byStory[st]; ok {
			return cv
		}
	}
	return nil
}
