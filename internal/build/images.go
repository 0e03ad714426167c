package build

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/theme"
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
	byStory map[string]*theme.Cover
	lengths map[string]int // output file → size in bytes, for feed enclosures
	version []byte         // a fingerprint of every cover's outputs
	stats   images.Stats
}

func newCoverSet() *coverSet {
	return &coverSet{byStory: map[string]*theme.Cover{}, lengths: map[string]int{}}
}

// lookup is the theme's theme.Options.Cover.
func (cs *coverSet) lookup(st *site.Story) *theme.Cover { return cs.byStory[st.URL] }

// resize makes every published story's cover in a few widths and a social
// crop, writes them beside the story's page with fingerprinted names
// ("lan-800w.3f2a1b9c0d.jpg", "lan-1200x630.9e8d7c6b5a.jpg"), and records
// them for the templates. Resized files are kept in cacheDir between
// builds (nothing is cached if it is empty). Problems become errors at the
// story's file.
func (cs *coverSet) resize(ctx context.Context, siteFS fs.FS, s *site.Site, cacheDir string, w *writer, diags *diag.List) {
	var cache images.Cache
	if cacheDir != "" {
		cache = images.Dir{Root: cacheDir, Sub: CacheImagesDir}
	}
	proc := images.New(cache)
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
	h := sha256.New()
	for i, st := range todo {
		res := results[i]
		diags.Append(res.diags)
		if res.set == nil {
			continue // an error, or the build was cancelled
		}
		stem := vi.Slug(strings.TrimSuffix(path.Base(st.Cover), path.Ext(st.Cover)))
		if stem == "" {
			stem = "anh-bia"
		}
		c := &theme.Cover{}
		publish := func(p *images.Picture, label string) theme.Picture {
			name := st.URL + stem + "-" + label + "." + p.Hash()[:10] + p.Ext()
			w.write(name, p.Data)
			cs.lengths[name] = len(p.Data)
			h.Write([]byte(name + "\n"))
			return theme.Picture{URL: name, Width: p.Width, Height: p.Height, Type: p.Type}
		}
		for _, p := range res.set.Widths {
			c.Sizes = append(c.Sizes, publish(p, strconv.Itoa(p.Width)+"w"))
		}
		c.Social = publish(res.set.Social, strconv.Itoa(res.set.Social.Width)+"x"+strconv.Itoa(res.set.Social.Height))
		cs.byStory[st.URL] = c
	}
	cs.version = h.Sum(nil)
	cs.stats = proc.Stats()
}

// mix makes every page key depend on b too: pages show covers (the story
// page, its share tags, the cards of lists), so a changed cover renders
// them again in the live preview.
func (k *pageKeys) mix(b []byte) {
	if k == nil {
		return
	}
	k.global = append(k.global, b...)
}
