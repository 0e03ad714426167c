package report

import (
	"slices"
	"strconv"

	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/urls"
)

// Roll is a roll of honour (bảng vàng): the exemplars of a year or of a
// campaign, for the sơ kết and tổng kết meetings where they are honoured.
type Roll struct {
	Organization string
	Title        string // "Năm 2024", or the campaign's title
	Entries      []*Entry
}

// Entry is one exemplar on a roll.
type Entry struct {
	Person *site.Person
	Story  *site.Story   // their latest story in the roll's scope: department and model type
	Cover  *site.Story   // the story whose cover is their photo when they have no profile photo: the latest in scope with one, else their latest with one; nil if none
	Awards []*site.Award // the awards their stories in scope tell of
	URL    string        // the absolute URL of their page, which the QR code holds
	QR     string        // the address of their QR code (urls.HonourQR), relative to the base URL: the same on every roll
}

// Honour makes the roll of honour of s under f (a year, or a campaign):
// every exemplar with a story in scope, in the site's alphabetical order of
// people, collectives and individuals together.
func Honour(s *site.Site, f Filter, title string) *Roll {
	r := &Roll{Organization: s.Config.Organization, Title: title}
	if r.Organization == "" {
		r.Organization = s.Config.Title
	}
	base := s.Config.BaseURL.String()
	for _, p := range s.People {
		var e *Entry
		for _, st := range p.Stories { // newest first
			y, _ := strconv.Atoi(st.Year.Key)
			if f.From != 0 && y < f.From || f.To != 0 && y > f.To {
				continue
			}
			if f.Department != "" && (st.Department == nil || st.Department.Key != f.Department) {
				continue
			}
			if f.Campaign != "" && !slices.ContainsFunc(st.Campaigns, func(c *site.Campaign) bool { return c.Key == f.Campaign }) {
				continue
			}
			if e == nil {
				e = &Entry{Person: p, Story: st, URL: base + p.URL, QR: urls.HonourQR(p.Slug)}
			}
			if e.Cover == nil && st.Cover != "" {
				e.Cover = st
			}
			e.Awards = append(e.Awards, st.Awards...)
		}
		if e == nil {
			continue
		}
		for _, st := range p.Stories {
			if e.Cover == nil && st.Cover != "" {
				e.Cover = st
			}
		}
		r.Entries = append(r.Entries, e)
	}
	return r
}
