package build

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"strconv"
	"sync"
	"time"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/index"
	"github.com/guong/guong/internal/render"
)

// pageKey fingerprints everything a page shows. A rebuild renders a page
// again only if its key changed, so the key must cover all the data the
// page's kind displays: the story itself, the cards of the stories it lists
// (each story's file version), counts, and the site-wide parts every page
// shows (menu, footer, theme, settings).
//
// Keys assume a page shows what its kind's default template shows. A theme
// that shows more on a page kind may see that page stale in the live
// preview; guong build always renders every page.
type pageKey [16]byte

// pageKeys computes the keys of one build and records them by output file.
type pageKeys struct {
	global []byte                  // the site-wide part, hashed into every key
	cards  map[*index.Story][]byte // each story's card fingerprint

	mu    sync.Mutex
	files map[string]pageKey
}

func newPageKeys(s *index.Site, c *content.Site, theme *render.Theme, opts Options, n int) *pageKeys {
	h := newHasher()
	cfg := s.Config
	h.str(cfg.Title, cfg.Description, cfg.Organization, cfg.BaseURL.String(), cfg.Language, cfg.TimeZone.String(), cfg.Theme)
	h.num(int64(cfg.Paginate))
	h.str(fmt.Sprint(cfg.Models), fmt.Sprint(cfg.Departments))
	h.str(theme.Version())
	h.flag(opts.Dev, opts.Drafts, opts.Future, opts.NoMinify)
	for _, camp := range s.Campaigns {
		h.str(camp.Key, camp.Title)
		h.num(int64(camp.Version))
		h.flag(camp.Ongoing)
		h.num(camp.Start.Unix(), camp.End.Unix())
	}
	for _, p := range s.Pages {
		h.str(p.Slug, p.Title, p.Menu)
		h.num(int64(p.Version), int64(p.Weight))
	}
	for _, y := range s.Years {
		h.str(y.Key)
	}
	k := &pageKeys{global: h.sum(), files: make(map[string]pageKey, n), cards: make(map[*index.Story][]byte, len(s.Stories))}
	for _, st := range s.Stories {
		ch := newHasher()
		ch.str(st.Slug, st.Title, st.Excerpt, st.Person.Name, st.Person.URL, st.Story.Model, st.Story.Department)
		ch.num(st.Date.UnixNano())
		ch.flag(st.Collective)
		k.cards[st] = ch.sum()[:16]
	}
	return k
}

func (k *pageKeys) set(file string, key pageKey) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.files[file] = key
}

// of returns the key of page p.
func (k *pageKeys) of(p *render.Page) pageKey {
	h := newHasher()
	h.cardSums = k.cards
	h.b = append(h.b, k.global...)
	h.str(p.Kind, p.URL, p.Title, p.Description)
	for _, c := range p.Crumbs {
		h.str(c.Name, c.URL)
	}
	if p.Pager != nil {
		h.num(int64(p.Pager.Number), int64(p.Pager.Total))
		h.cards(p.Pager.Stories)
	}
	s := p.Site
	switch p.Kind {
	case "story":
		st := p.Story
		h.story(st)
		for _, t := range st.Tags {
			h.str(t.Name, t.URL)
		}
		h.cards(st.Related)
	case "page":
		h.num(int64(p.Page.Version))
	case "model", "department", "tag", "year":
		t := p.Term
		h.str(t.Key, t.Name, t.Description)
		h.num(int64(len(t.Stories)))
		h.people(t.Individuals)
		h.people(t.Collectives)
		if p.Kind == "model" {
			for _, camp := range s.Campaigns {
				for _, mc := range camp.ByModel {
					h.num(int64(mc.Count))
				}
			}
		}
	case "campaign":
		h.num(int64(len(p.Campaign.Stories)))
	case "campaigns":
		for _, camp := range s.Campaigns {
			h.num(int64(len(camp.Stories)))
			for _, mc := range camp.ByModel {
				h.num(int64(mc.Count))
			}
		}
	case "departments":
		for _, d := range s.Departments {
			h.num(int64(len(d.Stories)))
		}
	case "people":
		h.people(s.People)
	case "person":
		pe := p.Person
		h.people([]*index.Person{pe})
		if pe.Profile != nil {
			h.num(int64(pe.Profile.Version))
		}
		h.cards(pe.Stories)
		for _, st := range pe.Stories { // awards come from the stories
			h.num(int64(st.Version))
		}
	case "tags":
		for _, t := range s.Tags {
			h.str(t.Name, t.URL)
			h.num(int64(len(t.Stories)))
		}
	case "years":
		for _, y := range s.Years {
			h.num(int64(len(y.Stories)))
		}
	case "home":
		h.cards(first(s.Stories, 4))
		for _, m := range s.Models {
			h.num(int64(len(m.Stories)))
			h.cards(first(m.Stories, 3))
		}
	case "404":
		h.cards(first(s.Stories, 3))
	case "embed":
		h.cards(first(s.Stories, 5))
	case "search":
		// Its filters list the model types, departments, campaigns and
		// years: all in the global key.
	default:
		// A kind this function does not know is rendered every time.
		h.num(time.Now().UnixNano())
	}
	var key pageKey
	copy(key[:], h.sum())
	return key
}

func first(xs []*index.Story, n int) []*index.Story {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

// hasher writes length-prefixed fields into SHA-256.
type hasher struct {
	b        []byte
	cardSums map[*index.Story][]byte // precomputed card fingerprints
}

func newHasher() *hasher { return &hasher{b: make([]byte, 0, 512)} }

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.b = strconv.AppendInt(h.b, int64(len(s)), 10)
		h.b = append(h.b, ':')
		h.b = append(h.b, s...)
	}
}

func (h *hasher) num(ns ...int64) {
	for _, n := range ns {
		h.b = binary.AppendVarint(h.b, n)
	}
}

func (h *hasher) flag(fs ...bool) {
	for _, f := range fs {
		if f {
			h.b = append(h.b, 1)
		} else {
			h.b = append(h.b, 0)
		}
	}
}

// cards covers what a story card shows: title, person, department, model
// type, date and excerpt — not the body, so editing a story's text renders
// only its own page again.
func (h *hasher) cards(sts []*index.Story) {
	for _, st := range sts {
		h.b = append(h.b, h.cardSums[st]...)
	}
}

// story covers a story page's own story: everything in its file.
func (h *hasher) story(st *index.Story) {
	h.str(st.Slug, st.Person.URL)
	h.num(int64(st.Version))
}

// people covers what a list of people shows.
func (h *hasher) people(ps []*index.Person) {
	for _, p := range ps {
		h.str(p.Name, p.URL, p.Position, p.Initial)
		h.flag(p.Collective)
		if p.Department != nil {
			h.str(p.Department.Key)
		}
		h.num(int64(len(p.Stories)))
	}
}

// sum hashes what was written into 16 bytes: two 64-bit maphash sums with
// different seeds. Keys are only compared within one process, so a
// process-seeded hash is enough, and it is several times faster than SHA-256.
func (h *hasher) sum() []byte {
	out := make([]byte, 0, 16)
	out = binary.LittleEndian.AppendUint64(out, maphash.Bytes(seedA, h.b))
	return binary.LittleEndian.AppendUint64(out, maphash.Bytes(seedB, h.b))
}

// The seeds of the key hashes, chosen once per process.
var seedA, seedB = maphash.MakeSeed(), maphash.MakeSeed()
