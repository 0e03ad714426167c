package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/guong/guong/internal/site"
)

// fragments renders parts of pages that many pages share once per build:
// each story's card (a story appears on a dozen lists and related boxes),
// the site header and the footer. A Theme is loaded for one build, so the
// cache lives as long as the build.
//
// Templates call them as {{card .}} and {{partialCached "footer" . ""}}. A
// partial called through partialCached must depend only on the site and on
// its key: the first page to need a key renders it for all the others.
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
	parts map[string]template.HTML
}

// storyCard is a story's rendered card.
type storyCard struct {
	story *site.Story // nil while none is rendered
	html  template.HTML
}

func newFragments() *fragments {
	return &fragments{parts: map[string]template.HTML{}}
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

// partial returns the rendered partial name for data, once per key.
func (f *fragments) partial(name string, data any, key string) (template.HTML, error) {
	if !f.ready {
		return "", errNotLoaded
	}
	k := name + "\x00" + key
	f.mu.Lock()
	h, ok := f.parts[k]
	f.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := f.exec(name, data)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	f.parts[k] = h
	f.mu.Unlock()
	return h, nil
}

func (f *fragments) exec(name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := f.set.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("partial %s: %w", name, err)
	}
	return template.HTML(b.String()), nil
}

// menuKey returns the key under which a page's header is shared: pages the
// menu links to mark their own entry as current, so each has its own
// header; every other page shares one.
func menuKey(p *Page) string {
	if p.URL == "" || p.Kind == "campaigns" || p.Kind == "departments" || p.Kind == "people" || p.Kind == "search" ||
		p.Kind == "model" && p.Pager != nil && p.Pager.Number == 1 {
		return "menu:" + p.URL
	}
	if p.Kind == "page" && p.Page != nil && p.Page.Menu != "" {
		return "menu:" + p.URL
	}
	if strings.HasPrefix(p.URL, "tim-kiem/") {
		return "menu:" + p.URL
	}
	return "-"
}
