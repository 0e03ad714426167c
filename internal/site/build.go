package site

import (
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
)

// BuildWith is Build, remembering how names sort in names, with the dates
// of the content files' last git commits by file (enableGitInfo; nil for
// none), which date the update of a story that writes no "updated". It is a row of
// steps, each filling in what the next ones read: the registries' terms,
// the stories, newest first, each linked to its terms, campaigns, person
// and awards, the lists sorted, the people, the plain pages, and the
// related stories.
func BuildWith(cfg *config.Config, c *content.Site, bodies Bodies, now time.Time, names *Names, commits map[string]time.Time) *Site {
	b := &builder{
		s:       &Site{Config: cfg, Now: now, Skipped: c.Skipped},
		sorter:  vi.NewSorter(),
		tags:    map[string]*Term{},
		tagKeys: map[string]string{},
		years:   map[int]*Term{},
		people:  map[string]*Person{},
	}
	b.registries(cfg, c, bodies, now)
	b.stories(c, bodies, now, commits)
	for i, st := range b.s.Stories {
		st.order = i
		b.link(st)
	}
	b.sortLists()
	b.indexPeople(c, bodies, names)
	b.pages(c, bodies)
	relateAll(b.s.Stories)
	return b.s
}

// builder holds what BuildWith's steps share: the site being made and the
// lookups from the keys stories are written with to the site's values.
type builder struct {
	s         *Site
	sorter    *vi.Sorter
	models    map[string]*Term
	depts     map[string]*Term
	campaigns map[string]*Campaign
	forms     map[string]*config.Award
	tags      map[string]*Term
	tagKeys   map[string]string // tag name → key: names repeat across stories
	years     map[int]*Term
	people    map[string]*Person
}

// registries makes the terms of the site's registries (model types,
// departments, forms of award) and its campaigns.
func (b *builder) registries(cfg *config.Config, c *content.Site, bodies Bodies, now time.Time) {
	s := b.s
	b.models = map[string]*Term{}
	for i, t := range cfg.Models {
		term := &Term{Kind: "model", Key: t.Key, Name: t.Name, Short: t.Short, Description: t.Description, Color: t.Color, Index: i, URL: urls.Model(t.Key)}
		s.Models = append(s.Models, term)
		b.models[t.Key] = term
	}
	b.depts = map[string]*Term{}
	for i, t := range cfg.Departments {
		term := &Term{Kind: "department", Key: t.Key, Name: t.Name, Description: t.Description, Index: i, URL: urls.Department(t.Key)}
		s.Departments = append(s.Departments, term)
		b.depts[t.Key] = term
	}
	b.campaigns = map[string]*Campaign{}
	for i, cc := range c.Campaigns {
		camp := &Campaign{Campaign: cc, URL: urls.Campaign(cc.Key), Ongoing: cc.Ongoing(now), HTML: body(bodies.Campaigns, i).HTML}
		s.Campaigns = append(s.Campaigns, camp)
		b.campaigns[cc.Key] = camp
	}
	b.forms = map[string]*config.Award{}
	for i := range cfg.Awards {
		b.forms[cfg.Awards[i].Key] = &cfg.Awards[i]
	}
}

// stories makes the site's stories from the content's, with their
// excerpts and last updates, newest first.
func (b *builder) stories(c *content.Site, bodies Bodies, now time.Time, commits map[string]time.Time) {
	for _, st := range c.Stories {
		excerpt := st.Summary
		if excerpt == "" {
			excerpt = st.FirstParagraph
		}
		story := &Story{Story: st, URL: urls.Story(st.Slug), Excerpt: excerpt, Scheduled: st.Date.After(now)}
		story.Modified, story.ModifiedHasTime = modified(st, commits)
		b.s.Stories = append(b.s.Stories, story)
	}
	slices.SortStableFunc(b.s.Stories, compareNewer)
}

// link links st to its model type, department, campaigns, tags, year,
// person and awards, and adds it to their lists, which stay newest first
// as stories are linked in that order.
func (b *builder) link(st *Story) {
	st.Model = b.models[st.Story.Model]
	st.Department = b.depts[st.Story.Department]
	if st.Model != nil {
		st.Model.Stories = append(st.Model.Stories, st)
	}
	if st.Department != nil {
		st.Department.Stories = append(st.Department.Stories, st)
	}
	for _, key := range st.Story.Campaigns {
		if camp := b.campaigns[key]; camp != nil && (len(camp.Stories) == 0 || camp.Stories[len(camp.Stories)-1] != st) {
			st.Campaigns = append(st.Campaigns, camp)
			camp.Stories = append(camp.Stories, st)
		}
	}
	b.linkTags(st)
	y := st.Date.In(b.s.Config.TimeZone).Year()
	if b.years[y] == nil {
		key := strconv.Itoa(y)
		b.years[y] = &Term{Kind: "year", Key: key, Name: key, URL: urls.Year(key)}
	}
	st.Year = b.years[y]
	st.Year.Stories = append(st.Year.Stories, st)
	b.linkPerson(st)
}

// linkTags links st to its tags, made the first time a tag is seen.
func (b *builder) linkTags(st *Story) {
	for _, name := range st.Story.Tags {
		key, ok := b.tagKeys[name]
		if !ok {
			key = vi.Slug(name)
			b.tagKeys[name] = key
		}
		if key == "" {
			continue
		}
		t := b.tags[key]
		if t == nil {
			t = &Term{Kind: "tag", Key: key, Name: name, URL: urls.Tag(key)}
			b.tags[key] = t
		}
		if len(t.Stories) == 0 || t.Stories[len(t.Stories)-1] != st {
			t.Stories = append(t.Stories, st)
			st.Tags = append(st.Tags, t)
		}
	}
}

// linkPerson links st to the person it is about, made from their first
// (newest) story, and to its awards.
func (b *builder) linkPerson(st *Story) {
	p := b.people[st.Story.Person]
	if p == nil {
		p = &Person{Name: st.Story.Person, Collective: st.Collective, Position: st.Position, Department: st.Department}
		b.people[st.Story.Person] = p
	}
	if p.Gender == "" {
		p.Gender = st.Gender
	}
	p.Stories = append(p.Stories, st)
	st.Person = p
	for _, a := range st.Story.Awards {
		aw := &Award{Award: a, Form: b.forms[a.Kind], Story: st}
		st.Awards = append(st.Awards, aw)
		p.Awards = append(p.Awards, aw)
	}
}

// sortLists lists the tags in alphabetical order, the years newest first
// and the campaigns, each with its stories counted by model type.
func (b *builder) sortLists() {
	s := b.s
	for _, t := range b.tags {
		s.Tags = append(s.Tags, t)
	}
	sort.Slice(s.Tags, func(i, j int) bool {
		return less(b.sorter, s.Tags[i].Name, s.Tags[j].Name, s.Tags[i].Key, s.Tags[j].Key)
	})
	for _, t := range b.years {
		s.Years = append(s.Years, t)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Key > s.Years[j].Key })
	sortCampaigns(s.Campaigns)
	for _, camp := range s.Campaigns {
		for _, m := range s.Models {
			n := 0
			for _, st := range camp.Stories {
				if st.Model == m {
					n++
				}
			}
			camp.ByModel = append(camp.ByModel, ModelCount{Model: m, Count: n})
		}
	}
}

// indexPeople lists the people in alphabetical order with their profiles,
// individuals and collectives apart, tells the profiles no story is about,
// and lists each department's collectives and individuals.
func (b *builder) indexPeople(c *content.Site, bodies Bodies, names *Names) {
	s := b.s
	profiles := make([]*Profile, len(c.Profiles))
	for i, pr := range c.Profiles {
		profiles[i] = &Profile{Profile: pr, HTML: body(bodies.Profiles, i).HTML}
	}
	s.People = indexPeople(b.sorter, names, b.people, profiles)
	for _, pr := range c.Profiles {
		if b.people[pr.Name] == nil {
			s.UnusedProfiles = append(s.UnusedProfiles, pr)
		}
	}
	for _, p := range s.People {
		if p.Collective {
			s.Collectives = append(s.Collectives, p)
		} else {
			s.Individuals = append(s.Individuals, p)
		}
		seen := map[*Term]bool{}
		for _, st := range p.Stories {
			d := st.Department
			if d == nil || seen[d] {
				continue
			}
			seen[d] = true
			if p.Collective {
				d.Collectives = append(d.Collectives, p)
			} else {
				d.Individuals = append(d.Individuals, p)
			}
		}
	}
}

// pages makes the site's plain pages, in alphabetical order.
func (b *builder) pages(c *content.Site, bodies Bodies) {
	pages := make([]*Page, len(c.Pages))
	for i, pg := range c.Pages {
		bd := body(bodies.Pages, i)
		pages[i] = &Page{Page: pg, HTML: bd.HTML, Summary: pg.Summary}
		if pages[i].Summary == "" {
			pages[i].Summary = bd.FirstParagraph
		}
	}
	b.s.Pages = sortPages(b.sorter, pages)
}
