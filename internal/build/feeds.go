package build

import (
	"github.com/guong/guong/internal/feed"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/sitemap"
	"github.com/guong/guong/internal/theme"
)

// Feed files, in the site's root and in the folder of every model type,
// campaign and department.
const (
	RSSFile   = "feed.xml"
	JSONFile  = "feed.json"
	FeedItems = 20 // the newest stories a feed lists
)

// feedList is a list of stories with feeds of its own.
type feedList struct {
	dir         string // "" for the whole site, else the list's URL
	title       string
	description string
	stories     []*site.Story // newest first
}

// feedLists returns the whole site's list and those of every model type,
// campaign and department.
func feedLists(s *site.Site) []feedList {
	cfg := s.Config
	lists := []feedList{{title: cfg.Title, description: cfg.Description, stories: s.Stories}}
	term := func(t *site.Term) {
		desc := t.Description
		if desc == "" {
			desc = cfg.Description
		}
		lists = append(lists, feedList{dir: t.URL, title: t.Name + " – " + cfg.Title, description: desc, stories: t.Stories})
	}
	for _, t := range s.Models {
		term(t)
	}
	for _, c := range s.Campaigns {
		lists = append(lists, feedList{dir: c.URL, title: c.Title + " – " + cfg.Title, description: cfg.Description, stories: c.Stories})
	}
	for _, t := range s.Departments {
		term(t)
	}
	return lists
}

// writeFeeds writes the RSS and JSON feeds of every list, sitemap.xml of
// the pages and robots.txt. Only published stories are in s, so drafts
// and scheduled stories are never listed.
func writeFeeds(w *writer, s *site.Site, pages []*theme.Page, covers *coverSet) error {
	if err := writeListFeeds(w, s, covers); err != nil {
		return err
	}
	base := s.Config.BaseURL.String()
	var entries []sitemap.Entry
	for _, p := range pages {
		if p.InSitemap() {
			entries = append(entries, sitemap.Entry{URL: base + p.URL, LastMod: p.LastMod()})
		}
	}
	files, err := sitemap.Files(entries, base, s.Config.TimeZone)
	if err != nil {
		return err
	}
	for _, f := range files {
		w.write(f.Name, f.Data)
	}
	w.write("robots.txt", sitemap.Robots(base+"sitemap.xml"))
	return nil
}

// writeListFeeds writes the RSS and JSON feeds of every list.
func writeListFeeds(w *writer, s *site.Site, covers *coverSet) error {
	cfg := s.Config
	base := cfg.BaseURL.String()
	publisher := cfg.Organization
	if publisher == "" {
		publisher = cfg.Title
	}
	for _, l := range feedLists(s) {
		items := l.stories[:min(len(l.stories), FeedItems)]
		f := &feed.Feed{
			Title: l.title, Description: l.description, Language: cfg.Language,
			HomeURL: base + l.dir, RSSURL: base + l.dir + RSSFile, JSONURL: base + l.dir + JSONFile,
			Author: publisher, Generator: "guong", Location: cfg.TimeZone,
		}
		for _, st := range items {
			f.Items = append(f.Items, feedItem(st, base, covers))
		}
		rss, err := feed.RSS(f)
		if err != nil {
			return err
		}
		js, err := feed.JSON(f)
		if err != nil {
			return err
		}
		w.write(l.dir+RSSFile, rss)
		w.write(l.dir+JSONFile, js)
	}
	return nil
}

func feedItem(st *site.Story, base string, covers *coverSet) feed.Item {
	it := feed.Item{URL: base + st.URL, Title: st.Title, Summary: st.Excerpt, Date: st.Date, Updated: st.Modified, Person: st.Story.Person, Author: st.Author, Source: st.Source}
	var names []string
	if st.Model != nil {
		names = append(names, st.Model.Name)
	}
	if st.Department != nil {
		names = append(names, st.Department.Name)
	}
	for _, c := range st.Campaigns {
		names = append(names, c.Title)
	}
	for _, t := range st.Tags {
		names = append(names, t.Name)
	}
	it.Categories = feed.Categories(names...)
	if c := covers.lookup(st); c != nil {
		s := c.Social
		it.Image = &feed.Image{URL: base + s.URL, Type: s.Type, Length: covers.lengths[s.URL], Width: s.Width, Height: s.Height}
	}
	return it
}
