package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/guong/guong/internal/index"
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
	cards map[*index.Story]template.HTML
	parts map[string]template.HTML
}

func newFragments() *fragments {
	return &fragments{cards: map[*index.Story]template.HTML{}, parts: map[string]template.HTML{}}
}

// errNotLoaded is returned by fragments asked for before the theme is loaded.
var errNotLoaded = errors.New("theme not loaded yet")

// card returns the rendered "card" partial of st.
func (f *fragments) card(st *index.Story) (template.HTML, error) {
	if !f.ready {
		return "", errNotLoaded
	}
	f.mu.Lock()
	h, ok := f.cards[st]
	f.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := f.exec("card", st)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	f.cards[st] = h
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
