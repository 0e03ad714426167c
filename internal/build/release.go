package build

import (
	"io/fs"
	"sync"
	"sync/atomic"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/site"
)

// htmlRelease lets each story's HTML go as soon as the two parts of a
// build that need it are done with it: the story's own page and its entry
// in the search index. Story HTML is the biggest part of a built site in
// memory (about 480 MB at 100,000 stories), and pages and index are made
// in the site's order, so a one-off build need not hold all of it at once.
//
// The search index is kept from running more than searchLead stories
// ahead of the story pages (see pace): a story's HTML goes when the later
// of the two is done with it, and the index's postings grow as it goes, so
// an index far ahead holds both the HTML and the postings of most stories.
//
// This relies on the theme showing a story's HTML on the story's own page
// only, which the built-in themes do (TestStoryHTMLOnOwnPage checks it): a
// site whose theme has templates of its own (see ownTemplates) keeps every
// story's HTML to the end of the build. A nil *htmlRelease releases
// nothing.
type htmlRelease struct {
	stories []*site.Story
	pos     map[*site.Story]int
	left    []atomic.Int32 // by story: the users of its HTML still to come

	mu        sync.Mutex
	moved     sync.Cond // signalled when pagesMade or over change
	pagesMade int       // story pages made
	over      bool      // no more pages are made
}

// searchLead is how many stories the search index may index ahead of the
// story pages made.
const searchLead = 1000

func newHTMLRelease(s *site.Site) *htmlRelease {
	r := &htmlRelease{stories: s.Stories, pos: make(map[*site.Story]int, len(s.Stories)), left: make([]atomic.Int32, len(s.Stories))}
	r.moved.L = &r.mu
	for i, st := range s.Stories {
		r.pos[st] = i
		r.left[i].Store(2)
	}
	return r
}

// done records that one user of story i's HTML is done with it.
func (r *htmlRelease) done(i int) {
	if r.left[i].Add(-1) == 0 {
		r.stories[i].HTML = ""
	}
}

// rendered records that st's page is made.
func (r *htmlRelease) rendered(st *site.Story) {
	if r == nil {
		return
	}
	if i, ok := r.pos[st]; ok {
		r.done(i)
		r.mu.Lock()
		r.pagesMade++
		r.moved.Broadcast()
		r.mu.Unlock()
	}
}

// pagesDone records that no more pages will be made, whether all are made
// or the build stopped: the search index need not wait any more.
func (r *htmlRelease) pagesDone() {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.over = true
	r.moved.Broadcast()
	r.mu.Unlock()
}

// pace waits until the search index may index story i.
func (r *htmlRelease) pace(i int) {
	if r == nil {
		return
	}
	r.mu.Lock()
	for !r.over && i >= r.pagesMade+searchLead {
		r.moved.Wait()
	}
	r.mu.Unlock()
}

// indexed returns the function by which the search index says it is done
// with a story, given by its position in the site's stories, or nil.
func (r *htmlRelease) indexed() func(i int) {
	if r == nil {
		return nil
	}
	return r.done
}

// ownTemplates reports whether the site's own theme folder has templates
// (layouts or partials, which render.Load reads), which may show a story's
// HTML on any page.
func ownTemplates(siteFS fs.FS, cfg *config.Config) bool {
	for _, dir := range []string{"layouts", "partials"} {
		if entries, err := fs.ReadDir(siteFS, "themes/"+cfg.Theme+"/"+dir); err == nil && len(entries) > 0 {
			return true
		}
	}
	return false
}
