package theme

import (
	"time"

	"github.com/guong/guong/internal/site"
)

// Kind is a kind of page. Every kind is one entry of the table below and
// one template, layouts/<kind>.html: adding a kind of page is adding both.
type Kind string

// The kinds of page.
const (
	Home        Kind = "home"
	Story       Kind = "story"
	PlainPage   Kind = "page"
	Model       Kind = "model"
	Campaigns   Kind = "campaigns"
	Campaign    Kind = "campaign"
	Departments Kind = "departments"
	Department  Kind = "department"
	People      Kind = "people"
	Person      Kind = "person"
	Tags        Kind = "tags"
	Tag         Kind = "tag"
	Years       Kind = "years"
	Year        Kind = "year"
	Search      Kind = "search"
	NotFound    Kind = "404"
	Embed       Kind = "embed"
	Embeds      Kind = "embeds"
	Report      Kind = "report"
	Honour      Kind = "honour"
	// Accessibility is the accessibility statement (kha-nang-tiep-can/).
	Accessibility Kind = "accessibility"
)

// kindSpec is what the build needs to know of a kind of page besides its
// template.
type kindSpec struct {
	kind Kind
	// standalone kinds are whole documents of their own: their layout is
	// rendered without layouts/baseof.html (no header, menu or footer).
	standalone bool
	// unlisted kinds are not in sitemap.xml.
	unlisted bool
	// feed returns the folder of the feeds of the list a page shows; nil
	// for kinds without feeds of their own (the site's are on every page).
	feed func(*Page) string
	// lastMod is a page's last change as sitemap.xml tells it; nil means
	// the newest story of the site.
	lastMod func(*Page) time.Time
}

// kinds is the table of page kinds, in the order the build lists pages.
var kinds = []kindSpec{
	{kind: Home},
	{kind: Story, lastMod: func(p *Page) time.Time { return p.Story.LastMod() }},
	{kind: PlainPage, lastMod: func(*Page) time.Time { return time.Time{} }}, // no date
	{kind: Model, feed: termFeed, lastMod: termNewest},
	{kind: Campaigns, lastMod: func(p *Page) time.Time {
		var t time.Time
		for _, c := range p.Site.Campaigns {
			if n := newest(c.Stories); n.After(t) {
				t = n
			}
		}
		return t
	}},
	{kind: Campaign, feed: func(p *Page) string { return p.Campaign.URL }, lastMod: func(p *Page) time.Time { return newest(p.Campaign.Stories) }},
	{kind: Departments},
	{kind: Department, feed: termFeed, lastMod: termNewest},
	{kind: People},
	{kind: Person, lastMod: func(p *Page) time.Time { return newest(p.Person.Stories) }},
	{kind: Tags},
	{kind: Tag, lastMod: termNewest},
	{kind: Years},
	{kind: Year, lastMod: termNewest},
	{kind: Search},
	// The Office's report (bao-cao/), of the whole period, a year or a campaign.
	{kind: Report},
	// The roll of honour (bang-vang/): its index, and the roll of each year and campaign.
	{kind: Honour},
	// The accessibility statement, dated by the agency block.
	{kind: Accessibility, lastMod: func(p *Page) time.Time { return p.Site.Config.Agency.AccessibilityDate }},
	{kind: NotFound, unlisted: true},
	// The embedded lists, the site's and each model type's, campaign's and
	// department's, are shown by other sites (the portal) in an iframe.
	{kind: Embed, standalone: true, unlisted: true},
	// The page of the embedded lists' snippets, for the portal's staff.
	{kind: Embeds, unlisted: true},
}

func termFeed(p *Page) string      { return p.Term.URL }
func termNewest(p *Page) time.Time { return newest(p.Term.Stories) }

// Kinds returns every kind of page, in the order the build lists pages.
func Kinds() []Kind {
	out := make([]Kind, len(kinds))
	for i, s := range kinds {
		out[i] = s.kind
	}
	return out
}

// spec returns the table's entry for k, and false if there is none.
func (k Kind) spec() (kindSpec, bool) {
	for _, s := range kinds {
		if s.kind == k {
			return s, true
		}
	}
	return kindSpec{}, false
}

// layout is the file of the kind's template.
func (k Kind) layout() string { return "layouts/" + string(k) + ".html" }

// InSitemap tells whether sitemap.xml lists the page.
func (p *Page) InSitemap() bool {
	s, _ := p.Kind.spec()
	return !s.unlisted
}

// FeedDir returns the folder of the page's own feeds (feed.xml and
// feed.json), relative to the base URL, or "" if the list it shows has
// none of its own.
func (p *Page) FeedDir() string {
	if s, _ := p.Kind.spec(); s.feed != nil {
		return s.feed(p)
	}
	return ""
}

// LastMod is the page's last change as sitemap.xml tells it: a story's
// update, else its date; for a list, the date of its newest story; zero for plain pages.
func (p *Page) LastMod() time.Time {
	if s, _ := p.Kind.spec(); s.lastMod != nil {
		return s.lastMod(p)
	}
	return newest(p.Site.Stories)
}

// newest returns the date of the first of stories, sorted newest first.
func newest(stories []*site.Story) time.Time {
	if len(stories) == 0 {
		return time.Time{}
	}
	return stories[0].Date
}
