package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"sync"

	"github.com/guong/guong/internal/site"
)

// fragments renders parts of pages that many pages share once per site
// model: each story's card (a story appears on a dozen lists and related
// boxes), the site header and the footer. The live preview renders pages
// of successive site models with one Theme, so a card is kept with its
// story and a part with its site.
//
// Templates call them as {{card .}} and {{partialCached "footer" . ""}}. A
// partial called through partialCached must depend only on the site and on
// its key: the first page to need a key renders it for all the others. Its
// data must be the page (the site is the page's); with other data it is
// rendered every time.
type fragments struct {
	set *template.Template // the partials, executed outside any page
	// ready is set once the theme is loaded: before, while foldConstants
	// executes the templates with no data, nothing is rendered or kept.
	ready bool
	mu    sync.Mutex
	// cards are by the story's Order: a slice rather than a map keyed by
	// the story, whose hundred thousand entries at as many stories cost a
	// few cache misses per card (measured: 0.9 % of such a build's CPU).
	cards []storyCard
	// parts are by the site they were rendered from (the live preview
	// renders from more than one site model with one theme), then by
	// name and key; only the parts of the two sites last seen are kept.
	parts map[*site.Site]map[string]template.HTML
	sites []*site.Site // the sites of parts, oldest first
}

// storyCard is a story's rendered card.
type storyCard struct {
	story *site.Story // nil while none is rendered
	html  template.HTML
}

func newFragments() *fragments {
	return &fragments{parts: map[*site.Site]map[string]template.HTML{}}
}

// errNotLoaded is returned by fragments asked for before the theme is loaded.
var errNotLoaded = errors.New("theme not loaded yet")

// card returns the rendered "card" partial of st.
func (f *fragments) card(st *site.Story) (template.HTML, error) {
	if !f.ready {
		return "", errNotLoaded
	}
	i := st.Order()
	f.mu.Lock()
	// The story is compared too: a story not made by site.Build has no
	// place of its own.
	if i < len(f.cards) && f.cards[i].story == st {
		h := f.cards[i].html
		f.mu.Unlock()
		return h, nil
	}
	f.mu.Unlock()
	h, err := f.exec("card", st)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	if i >= len(f.cards) {
		f.cards = append(f.cards, make([]storyCard, i+1-len(f.cards))...)
	}
	f.cards[i] = storyCard{st, h}
	f.mu.Unlock()
	return h, nil
}

// partial returns the rendered partial name for data, once per key and
// site (data's, when it is a *Page).
func (f *fragments) partial(name string, data any, key string) (template.HTML, error) {
	if !f.ready {
		return "", errNotLoaded
	}
	p, ok := data.(*Page)
	if !ok || p.Site == nil {
		return f.exec(name, data)
	}
	s := p.Site
	k := name + "\x00" + key
	f.mu.Lock()
	h, ok := f.parts[s][k]
	f.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := f.exec(name, data)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	f.keep(s)[k] = h
	f.mu.Unlock()
	return h, nil
}

// keep returns the parts of s, making room for them if s is new; the
// caller holds f.mu.
func (f *fragments) keep(s *site.Site) map[string]template.HTML {
	if parts, ok := f.parts[s]; ok {
		return parts
	}
	if len(f.sites) == 2 {
		delete(f.parts, f.sites[0])
		f.sites = f.sites[1:]
	}
	f.sites = append(f.sites, s)
	f.parts[s] = map[string]template.HTML{}
	return f.parts[s]
}

func (f *fragments) exec(name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := f.set.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("partial %s: %w", name, err)
	}
	return template.HTML(b.String()), nil
}
