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

// coverSet is the resized covers of one build, by story, and the resized
// photos of people's profiles, by person. It is filled by resize before any
// page renders and only read afterwards.
type coverSet struct {
	byStory  map[*site.Story]*theme.Cover
	byPerson map[*site.Person]*theme.Cover // Sizes only: a photo is not shared
	lengths  map[string]int                // output file → size in bytes, for feed enclosures
	files    *publish.Memory
}

func newCoverSet() *coverSet {
	return &coverSet{byStory: map[*site.Story]*theme.Cover{}, byPerson: map[*site.Person]*theme.Cover{},
		lengths: map[string]int{}, files: publish.NewMemory()}
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

// photo is the theme's theme.Options.Photo.
func (cs *coverSet) photo(p *site.Person) *theme.Cover { return cs.byPerson[p] }

// resizeJob is one picture resize makes: a story's cover (with its social
// crop) or a person's photo.
type resizeJob struct {
	file    string        // the picture, site-relative
	written string        // its path as the front matter writes it
	pos     diag.Position // where it is written
	what    diag.Word     // images.CoverWord, images.PhotoWord
	story   *site.Story   // the cover's story, or nil
	person  *site.Person  // the photo's person, or nil
}

// resizeJobs lists the covers of s's stories and the photos of its people.
func resizeJobs(s *site.Site) []resizeJob {
	var todo []resizeJob
	for _, st := range s.Stories {
		if st.Cover != "" {
			todo = append(todo, resizeJob{file: st.Cover, written: st.Cover, pos: diag.Position{File: st.File},
				what: images.CoverWord, story: st})
		}
	}
	for _, p := range s.People {
		if pr := p.Profile; pr != nil && pr.Photo != "" {
			todo = append(todo, resizeJob{file: pr.Photo, written: pr.PhotoWritten, pos: pr.PhotoPos,
				what: images.PhotoWord, person: p})
		}
	}
	return todo
}

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
// crop, and every profile's photo in the same widths, writes them with
// fingerprinted names (pictureFile), and records them for the templates,
// keeping the files in cs.files. proc keeps what it resizes in its cache
// between builds. Problems become errors where the picture is named.
func (cs *coverSet) resize(ctx context.Context, siteFS fs.FS, s *site.Site, proc *images.Processor, diags *diag.List) {
	todo := resizeJobs(s)
	type result struct {
		set   *images.Set
		diags diag.List
	}
	results := make([]result, len(todo))
	parallel(ctx, len(todo), func(i int) {
		job, res := todo[i], &results[i]
		src, err := fs.ReadFile(siteFS, job.file)
		if err != nil {
			res.diags.ReadError(job.pos, job.written, err)
			return
		}
		var set *images.Set
		if job.story != nil {
			set, err = proc.Cover(src)
		} else {
			set = &images.Set{}
			set.Widths, err = proc.Widths(src)
		}
		if err != nil {
			images.Report(&res.diags, job.pos, job.what, job.written, err)
			return
		}
		res.set = set
	})
	for i, job := range todo {
		res := results[i]
		diags.Append(res.diags)
		if res.set == nil {
			continue // an error, or the build was cancelled
		}
		c := &theme.Cover{}
		publish := func(p *images.Picture, label string) theme.Picture {
			name := pictureFile(job.file, label, p)
			cs.files.Write(name, p.Data)
			cs.lengths[name] = len(p.Data)
			return theme.Picture{URL: name, Width: p.Width, Height: p.Height, Type: p.Type}
		}
		for _, p := range res.set.Widths {
			c.Sizes = append(c.Sizes, publish(p, strconv.Itoa(p.Width)+"w"))
		}
		if job.story == nil {
			cs.byPerson[job.person] = c
			continue
		}
		c.Social = publish(res.set.Social, strconv.Itoa(res.set.Social.Width)+"x"+strconv.Itoa(res.set.Social.Height))
		cs.byStory[job.story] = c
	}
}

// coverSets are the covers and photos of the live preview's last two
// snapshots, which share one theme: a story's cover is found by the story,
// a photo by the person, each belonging to one snapshot's site model.
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

// photo is the shared theme's theme.Options.Photo.
func (c *coverSets) photo(p *site.Person) *theme.Cover {
	return c.find(func(cs *coverSet) *theme.Cover { return cs.byPerson[p] })
}

// lookup is the shared theme's theme.Options.Cover.
func (c *coverSets) lookup(st *site.Story) *theme.Cover {
	return c.find(func(cs *coverSet) *theme.Cover { return cs.byStory[st] })
}

// find returns the first picture get finds in the newest set, then the other.
func (c *coverSets) find(get func(*coverSet) *theme.Cover) *theme.Cover {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, cs := range c.sets {
		if cs == nil {
			continue
		}
		if pic := get(cs); pic != nil {
			return pic
		}
	}
	return nil
}
