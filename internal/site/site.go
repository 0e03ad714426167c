// Package site builds the site model from the content: every published
// story linked to its model type, department, campaigns, person, tags and
// year; the lists each of those pages shows; pagination; and related
// stories. Everything is sorted, so the same input always gives the same site.
package site

import (
	"html/template"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
)

// RelatedCount is how many related stories a story page shows.
const RelatedCount = 5

// Site is the indexed site.
type Site struct {
	Config  *config.Config
	Now     time.Time
	Stories []*Story // published, newest first

	Models      []*Term
	Departments []*Term
	Campaigns   []*Campaign // ongoing first, then by start date, newest first
	Tags        []*Term     // by Vietnamese collation
	Years       []*Term     // newest first
	People      []*Person   // in Vietnamese alphabetical order (see indexPeople)
	// Individuals and Collectives are People apart, in the same order.
	Individuals []*Person
	Collectives []*Person
	Pages       []*Page // by weight, then title
	Skipped     []content.Skipped
	// UnusedProfiles are the profiles whose name no published story's person has.
	UnusedProfiles []*content.Profile
}

// Story is a published story with its links resolved. Its body is not
// in the model: it is converted when the story's page is made, and shown
// there only (theme.Page.Body).
type Story struct {
	*content.Story
	URL     string // relative to the base URL: "bai-viet/<slug>/"
	Excerpt string // the summary as written, or the body's first paragraph
	// Scheduled says the story is dated after the build: only a build
	// told to publish such stories (the live preview) has it.
	Scheduled  bool
	Model      *Term
	Department *Term
	Campaigns  []*Campaign
	Tags       []*Term
	Person     *Person
	Year       *Term
	Awards     []*Award // the story's awards, their forms looked up in the registry
	Related    []*Story
	// Modified is when the story was last updated, as its page shows
	// ("Cập nhật lúc …"): its "updated", else, with enableGitInfo, its
	// file's last git commit when that is after its date; zero if neither.
	Modified        time.Time
	ModifiedHasTime bool
	order           int // position in Site.Stories
}

// modified is when st was last updated: its "updated", else its file's
// last commit if that is after its date; zero if neither.
func modified(st *content.Story, commits map[string]time.Time) (time.Time, bool) {
	if !st.Updated.IsZero() {
		return st.Updated, st.UpdatedHasTime
	}
	if t, ok := commits[vi.NFC(st.File)]; ok && t.After(st.Date) {
		return t, true
	}
	return time.Time{}, false
}

// LastMod is the story's last change: Modified, else its date.
func (s *Story) LastMod() time.Time {
	if !s.Modified.IsZero() {
		return s.Modified
	}
	return s.Date
}

// Order returns the story's position in Site.Stories, newest first.
func (s *Story) Order() int { return s.order }

// Term is a model type, department, tag or year, with its stories.
type Term struct {
	Kind        string // "model", "department", "tag" or "year"
	Key         string
	Name        string
	Description string
	Color       string
	Short       string // a model type's name in the menu (config.Term.Short)
	Index       int    // position among its kind, e.g. to pick a model's colour
	URL         string
	Stories     []*Story // newest first
	// For departments: the people of its stories, in alphabetical order,
	// individuals and collectives apart.
	Individuals []*Person
	Collectives []*Person
}

// Campaign is an emulation movement with its stories.
type Campaign struct {
	*content.Campaign
	URL     string
	HTML    template.HTML
	Ongoing bool
	Stories []*Story
	ByModel []ModelCount // stories per model type, in registry order
}

// ModelCount is how many stories of a campaign are of one model type.
type ModelCount struct {
	Model *Term
	Count int
}

// Person is an individual or a collective with their stories.
type Person struct {
	Name       string
	Slug       string
	URL        string
	Collective bool
	Position   string // the latest story's, or the profile's
	Department *Term  // the latest story's
	Gender     string // the profile's, else the latest story's that says; "" if none does
	Initial    string // the alphabet letter the name is filed under
	Stories    []*Story
	Awards     []*Award // of all their stories, newest story first
	Profile    *Profile
	sortKey    []byte
}

// Award is an award with its form from the registry and the story that
// tells of it.
type Award struct {
	content.Award
	Form  *config.Award // nil for an award written as free text
	Story *Story
}

// Title is the award's name: its form's, or the free text written.
func (a *Award) Title() string {
	if a.Form != nil {
		return a.Form.Name
	}
	return a.Name
}

// Level is the name of the award's level, "" for free text.
func (a *Award) Level() string {
	if a.Form != nil {
		return a.Form.Level.Name()
	}
	return ""
}

// YearOf is the year of the achievement: the award's year, else the year
// of the story telling of it.
func (a *Award) YearOf() int {
	if a.Year != 0 {
		return a.Year
	}
	y, _ := strconv.Atoi(a.Story.Year.Key)
	return y
}

// Bodies are the Markdown bodies of the content's campaigns, plain pages
// and profiles, converted: Campaigns[i] is the body of the content's
// Campaigns[i], and so for pages and profiles. A body missing (as in
// tests) is empty. The stories' bodies are not here: see Story.
type Bodies struct {
	Campaigns, Pages, Profiles []Body
}

// Body is one converted body.
type Body struct {
	HTML           template.HTML
	FirstParagraph string // the text of its first paragraph
}

// body returns bodies[i], or an empty body.
func body(bodies []Body, i int) Body {
	if i < len(bodies) {
		return bodies[i]
	}
	return Body{}
}

// Page is a plain page of the site's own, with its body.
type Page struct {
	*content.Page
	HTML template.HTML
	// Summary is the page's summary as written, or its first paragraph.
	Summary string
}

// Profile is a person's profile, with its body.
type Profile struct {
	*content.Profile
	HTML template.HTML
}

// Build makes the site model of the content and its converted bodies.
// now decides which campaigns are ongoing.
func Build(cfg *config.Config, c *content.Site, bodies Bodies, now time.Time) *Site {
	return BuildWith(cfg, c, bodies, now, nil, nil)
}

// Names remembers how people's names sort (their collation keys and
// initials) from one Build to the next: the live preview indexes the site
// again on every change, and the names hardly change. Safe for one Build
// at a time; a nil *Names remembers nothing.
type Names struct {
	keys map[nameKey]sortedName
}

type nameKey struct {
	name       string
	collective bool
}

type sortedName struct {
	key     []byte
	initial string
}

// NewNames returns an empty Names.
func NewNames() *Names { return &Names{keys: map[nameKey]sortedName{}} }

// sorted returns how the name of p sorts, from n or worked out with sorter.
func (n *Names) sorted(sorter *vi.Sorter, p *Person) sortedName {
	k := nameKey{p.Name, p.Collective}
	if n != nil {
		if sn, ok := n.keys[k]; ok {
			return sn
		}
	}
	sortName := vi.CollectiveSortName(p.Name)
	if !p.Collective {
		sortName = vi.PersonSortName(p.Name)
	}
	sn := sortedName{key: sorter.Key(sortName), initial: vi.Initial(sortName)}
	if n != nil {
		n.keys[k] = sn
	}
	return sn
}

// relateAll sets every story's related stories, on every core: each
// story's are found apart from the others', from lists no longer changed.
func relateAll(stories []*Story) {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var scratch []*Story
			for i := w; i < len(stories); i += workers {
				stories[i].Related, scratch = related(stories[i], scratch)
			}
		})
	}
	wg.Wait()
}

// sortPages orders pages for menus: those with a weight first, lightest
// first, then the others by title.
func sortPages(sorter *vi.Sorter, pages []*Page) []*Page {
	out := append([]*Page(nil), pages...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Weight > 0) != (b.Weight > 0) {
			return a.Weight > 0
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return less(sorter, a.Title, b.Title, a.Slug, b.Slug)
	})
	return out
}

// newer orders stories newest first, then by slug for a stable order.
func newer(a, b *Story) bool {
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	return a.Slug < b.Slug
}

// compareNewer is newer as a comparison function.
func compareNewer(a, b *Story) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

func less(sorter *vi.Sorter, a, b, ka, kb string) bool {
	if c := sorter.Compare(a, b); c != 0 {
		return c < 0
	}
	return ka < kb
}

// sortCampaigns puts ongoing campaigns first, then the rest; within each,
// the latest start first.
func sortCampaigns(cs []*Campaign) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Ongoing != b.Ongoing {
			return a.Ongoing
		}
		if !a.Start.Equal(b.Start) {
			return a.Start.After(b.Start)
		}
		return a.Key < b.Key
	})
}

// indexPeople sorts people in Vietnamese alphabetical order — individuals by
// given name, then family name; collectives by their name without a leading
// "Tập thể" (vi.CollectiveSortName) — and gives each a
// distinct slug, even when two names transliterate alike.
func indexPeople(sorter *vi.Sorter, names *Names, people map[string]*Person, profiles []*Profile) []*Person {
	out := make([]*Person, 0, len(people))
	for _, p := range people {
		sn := names.sorted(sorter, p)
		p.sortKey, p.Initial = sn.key, sn.initial
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := compareBytes(out[i].sortKey, out[j].sortKey); c != 0 {
			return c < 0
		}
		return out[i].Name < out[j].Name
	})
	// Slugs: in alphabetical order, the first of a clash gets the plain slug.
	// Order by name so that adding a person elsewhere in the alphabet does
	// not move anyone's address.
	byName := append([]*Person(nil), out...)
	sort.Slice(byName, func(i, j int) bool { return byName[i].Name < byName[j].Name })
	used := map[string]bool{}
	for _, p := range byName {
		base := vi.Slug(p.Name)
		if base == "" {
			base = "nhan-vat"
		}
		slug := base
		for n := 2; used[slug]; n++ {
			slug = base + "-" + strconv.Itoa(n)
		}
		used[slug] = true
		p.Slug = slug
		p.URL = urls.Person(slug)
	}
	for _, pr := range profiles {
		if p := people[pr.Name]; p != nil {
			p.Profile = pr
			if pr.Position != "" {
				p.Position = pr.Position
			}
			if pr.Gender != "" {
				p.Gender = pr.Gender
			}
		}
	}
	return out
}

func compareBytes(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// related picks up to RelatedCount other stories: the same person's first,
// then the same campaign's, then the same model type's, then those sharing
// a tag; newest first within each. scratch is a buffer to reuse; it is
// returned for the next call.
func related(st *Story, scratch []*Story) ([]*Story, []*Story) {
	var out []*Story
	chosen := func(c *Story) bool { return c == st || slices.Contains(out, c) }
	take := func(lists ...[]*Story) {
		need := RelatedCount - len(out)
		if need <= 0 {
			return
		}
		cands := scratch[:0]
		for _, l := range lists {
			n := 0
			for _, c := range l {
				if n >= need {
					break
				}
				if !chosen(c) {
					cands = append(cands, c)
					n++
				}
			}
		}
		scratch = cands
		// A story in two lists is twice among the candidates: equal
		// orders are the same story, so the order of the sort is unique.
		slices.SortFunc(cands, func(a, b *Story) int { return a.order - b.order })
		for _, c := range cands {
			if len(out) == RelatedCount {
				return
			}
			if !chosen(c) {
				if out == nil {
					out = make([]*Story, 0, RelatedCount)
				}
				out = append(out, c)
			}
		}
	}
	take(st.Person.Stories)
	var lists [][]*Story
	for _, c := range st.Campaigns {
		lists = append(lists, c.Stories)
	}
	take(lists...)
	if st.Model != nil {
		take(st.Model.Stories)
	}
	lists = lists[:0]
	for _, t := range st.Tags {
		lists = append(lists, t.Stories)
	}
	take(lists...)
	return out, scratch
}
