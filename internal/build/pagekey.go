package build

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/sitemap"
	"github.com/guong/guong/internal/theme"
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
// Only the live preview's rebuilds compare keys: a one-off build has a nil
// *pageKeys, which computes nothing (every key is the zero key), records
// nothing and reuses nothing.
type pageKeys struct {
	global []byte                  // the site-wide part, hashed into every key
	cards  map[*site.Story][]byte  // each story's card fingerprint
	terms  map[*site.Term][]byte   // what every page of a term shows of it
	people map[*site.Person][]byte // what a list of people shows of each
	models []byte                  // the campaigns' counts by model type

	hashers sync.Pool // of *hasher, reused by of

	mu    sync.Mutex
	files map[string]pageKey
}

func newPageKeys(s *site.Site, c *content.Site, theme *theme.Theme, opts Options, n int) *pageKeys {
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
	k := &pageKeys{global: h.sum(), files: make(map[string]pageKey, n), cards: make(map[*site.Story][]byte, len(s.Stories)),
		terms: map[*site.Term][]byte{}, people: make(map[*site.Person][]byte, len(s.People))}
	// One buffer holds every card's fingerprint, made on every core, a
	// chunk of stories at a time.
	cards := make([]byte, 16*len(s.Stories))
	const chunk = 256
	parallel(context.Background(), (len(s.Stories)+chunk-1)/chunk, func(c int) {
		h := newHasher()
		for i := c * chunk; i < min((c+1)*chunk, len(s.Stories)); i++ {
			h.card(s.Stories[i], cards[16*i:16*i])
		}
	})
	for i, st := range s.Stories {
		k.cards[st] = cards[16*i : 16*i+16 : 16*i+16]
	}
	sums := make([]byte, 0, 16*len(s.People))
	ch := newHasher()
	for _, p := range s.People {
		ch.b = ch.b[:0]
		ch.str(p.Name, p.URL, p.Position, p.Initial)
		ch.flag(p.Collective)
		if p.Department != nil {
			ch.str(p.Department.Key)
		}
		ch.num(int64(len(p.Stories)))
		sums = ch.appendSum(sums)
		k.people[p] = sums[len(sums)-16:]
	}
	for _, camp := range s.Campaigns {
		for _, mc := range camp.ByModel {
			k.models = binary.AppendVarint(k.models, int64(mc.Count))
		}
	}
	for _, ts := range [][]*site.Term{s.Models, s.Departments, s.Tags, s.Years} {
		for _, t := range ts {
			th := newHasher()
			th.people = k.people
			th.str(t.Key, t.Name, t.Description)
			th.num(int64(len(t.Stories)))
			th.persons(t.Individuals)
			th.persons(t.Collectives)
			k.terms[t] = th.sum()
		}
	}
	return k
}

// card appends to out the fingerprint of what a story's card shows: title,
// person, department, model type, date and excerpt — not the body, so
// editing a story's text renders only its own page again.
func (h *hasher) card(st *site.Story, out []byte) []byte {
	h.b = h.b[:0]
	h.str(st.Slug, st.Title, st.Excerpt, st.Person.Name, st.Person.URL, st.Story.Model, st.Story.Department)
	h.num(st.Date.UnixNano())
	h.flag(st.Collective)
	return h.appendSum(out)
}

// recard updates the card fingerprint of a story whose content changed.
func (k *pageKeys) recard(st *site.Story) {
	k.cards[st] = newHasher().card(st, nil)
}

// showsCards reports whether page p shows the card of a story for which
// shown is true: whether its key (see of) covers the story's card.
func showsCards(p *theme.Page, shown func(*site.Story) bool) bool {
	some := func(sts []*site.Story) bool { return slices.ContainsFunc(sts, shown) }
	if p.Pager != nil && some(p.Pager.Stories) {
		return true
	}
	s := p.Site
	switch p.Kind {
	case "story":
		return shown(p.Story) || some(p.Story.Related)
	case "person":
		return some(p.Person.Stories)
	case "home":
		if some(first(s.Stories, 4)) {
			return true
		}
		for _, m := range s.Models {
			if some(first(m.Stories, 3)) {
				return true
			}
		}
		return false
	case "404":
		return some(first(s.Stories, 3))
	case "embed":
		return some(first(s.Stories, 5))
	case "page", "model", "department", "tag", "year", "campaign", "campaigns", "departments", "people", "tags", "years", "search":
		return false
	}
	return true // a kind that of does not know is rendered every time
}

func (k *pageKeys) set(file string, key pageKey) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.files[file] = key
}

// of returns the key of page p.
func (k *pageKeys) of(p *theme.Page) pageKey {
	if k == nil {
		return pageKey{}
	}
	h, _ := k.hashers.Get().(*hasher)
	if h == nil {
		h = newHasher()
	}
	defer k.hashers.Put(h)
	h.b = h.b[:0]
	h.cardSums, h.people = k.cards, k.people
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
		if sum, ok := k.terms[t]; ok {
			h.b = append(h.b, sum...)
		} else {
			h.str(t.Key, t.Name, t.Description)
			h.num(int64(len(t.Stories)))
			h.persons(t.Individuals)
			h.persons(t.Collectives)
		}
		if p.Kind == "model" {
			h.b = append(h.b, k.models...)
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
		h.persons(s.People)
	case "person":
		pe := p.Person
		h.persons([]*site.Person{pe})
		if pe.Profile != nil {
			h.num(int64(pe.Profile.Version))
		}
		h.cards(pe.Stories)
		for _, a := range pe.Awards { // from the stories' front matter
			h.str(a.Name, a.Decision, a.Story.URL)
			h.num(a.Date.Unix(), int64(a.Date.Nanosecond()))
			h.flag(a.HasDate)
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
	return h.key()
}

// feed returns the key of the feeds of a list showing items.
func (k *pageKeys) feed(dir, title, description string, items []*site.Story) pageKey {
	if k == nil {
		return pageKey{}
	}
	h := newHasher()
	h.cardSums = k.cards
	h.b = append(h.b, k.global...)
	h.str("feed", dir, title, description)
	for _, st := range items {
		h.cards([]*site.Story{st})
		h.str(st.Story.Campaigns...)
		h.num(int64(len(st.Story.Campaigns)))
		for _, t := range st.Tags {
			h.str(t.Name)
		}
		h.num(int64(len(st.Tags)))
	}
	return h.key()
}

// sitemap returns the key of the sitemap listing entries (their URLs
// relative to the base URL).
func (k *pageKeys) sitemap(entries []sitemap.Entry) pageKey {
	if k == nil {
		return pageKey{}
	}
	h := newHasher()
	h.b = append(h.b, k.global...)
	h.str("sitemap")
	for _, e := range entries {
		h.str(e.URL)
		h.num(e.LastMod.Unix(), int64(e.LastMod.Nanosecond()))
	}
	return h.key()
}

// reuse reports whether the previous build, whose keys are prev, wrote
// files from key: they are then kept as they are, and key is recorded as
// theirs. Else nothing is recorded.
func (k *pageKeys) reuse(prev map[string]pageKey, w *writer, key pageKey, files ...string) bool {
	if k == nil {
		return false
	}
	for _, f := range files {
		if old, ok := prev[f]; !ok || old != key {
			return false
		}
	}
	if !keepAll(w, files) {
		return false
	}
	for _, f := range files {
		k.set(f, key)
	}
	return true
}

func first(xs []*site.Story, n int) []*site.Story {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

// hasher writes length-prefixed fields, to be hashed by sum.
type hasher struct {
	b        []byte
	cardSums map[*site.Story][]byte  // precomputed card fingerprints
	people   map[*site.Person][]byte // precomputed people's fingerprints
}

func newHasher() *hasher { return &hasher{b: make([]byte, 0, 512)} }

// longString is the length from which str writes a string's hash rather
// than its bytes: titles and excerpts are long, and copying them costs more
// than hashing them.
const longString = 48

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.b = strconv.AppendInt(h.b, int64(len(s)), 10)
		h.b = append(h.b, ':')
		if len(s) >= longString {
			h.b = binary.LittleEndian.AppendUint64(h.b, maphash.String(seedA, s))
			h.b = binary.LittleEndian.AppendUint64(h.b, maphash.String(seedB, s))
		} else {
			h.b = append(h.b, s...)
		}
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

// cards covers what the cards of stories show (see card).
func (h *hasher) cards(sts []*site.Story) {
	for _, st := range sts {
		h.b = append(h.b, h.cardSums[st]...)
	}
}

// story covers a story page's own story: everything in its file.
func (h *hasher) story(st *site.Story) {
	h.str(st.Slug, st.Person.URL)
	h.num(int64(st.Version))
}

// persons covers what a list of people shows: each person's name, page,
// position, initial, kind, department and number of stories.
func (h *hasher) persons(ps []*site.Person) {
	for _, p := range ps {
		h.b = append(h.b, h.people[p]...)
	}
}

// sum hashes what was written into 16 bytes: two 64-bit maphash sums with
// different seeds. Keys are only compared within one process, so a
// process-seeded hash is enough, and it is several times faster than SHA-256.
func (h *hasher) sum() []byte { return h.appendSum(make([]byte, 0, 16)) }

// key returns sum as a pageKey.
func (h *hasher) key() pageKey {
	var k pageKey
	binary.LittleEndian.PutUint64(k[:8], maphash.Bytes(seedA, h.b))
	binary.LittleEndian.PutUint64(k[8:], maphash.Bytes(seedB, h.b))
	return k
}

// appendSum appends sum's 16 bytes to out.
func (h *hasher) appendSum(out []byte) []byte {
	out = binary.LittleEndian.AppendUint64(out, maphash.Bytes(seedA, h.b))
	return binary.LittleEndian.AppendUint64(out, maphash.Bytes(seedB, h.b))
}

// The seeds of the key hashes, chosen once per process.
var seedA, seedB = maphash.MakeSeed(), maphash.MakeSeed()
