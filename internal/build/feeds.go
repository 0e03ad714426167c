package build

import (
	"fmt"
	"time"

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

// feedDir returns the folder of the feeds of the list a page shows, or ""
// if the list has none of its own (the site's feeds are on every page).
func feedDir(p *theme.Page) string {
	switch p.Kind {
	case "model", "department":
		return p.Term.URL
	case "campaign":
		return p.Campaign.URL
	}
	return ""
}

// writeFeeds writes the RSS and JSON feeds of every list, sitemap.xml of
// the pages and robots.txt. Only published stories are in s, so drafts
// and scheduled stories are never listed. A feed or sitemap whose key (see
// pageKeys.files) is the one in prev is kept as the previous build wrote
// it. If later is not nil, a sitemap that changed is left to the work
// later is given (the live preview's Finish), the previous one kept until
// then.
func writeFeeds(w *writer, s *site.Site, pages []*theme.Page, covers *coverSet, keys *pageKeys, prev map[string]pageKey, later func(func(*writer))) error {
	if err := writeListFeeds(w, s, covers, keys, prev); err != nil {
		return err
	}
	base := s.Config.BaseURL.String()
	var entries []sitemap.Entry
	for _, p := range pages {
		if inSitemap(p) {
			entries = append(entries, sitemap.Entry{URL: p.URL, LastMod: lastMod(p)})
		}
	}
	names := sitemapFiles(len(entries))
	key := keys.sitemap(entries)
	write := func(w *writer) error {
		for i := range entries {
			entries[i].URL = base + entries[i].URL
		}
		files, err := sitemap.Files(entries, base, s.Config.TimeZone)
		if err != nil {
			return err
		}
		for _, f := range files {
			w.write(f.Name, f.Data)
		}
		for _, f := range names {
			keys.set(f, key)
		}
		return nil
	}
	switch {
	case keys.reuse(prev, w, key, names...):
	case later != nil && keepAll(w, names):
		// Until later's work is done, the previous sitemap stands, with
		// its key.
		for _, f := range names {
			keys.set(f, prev[f])
		}
		later(func(w *writer) {
			if err := write(w); err != nil {
				w.fail(err)
			}
		})
	default:
		if err := write(w); err != nil {
			return err
		}
	}
	w.write("robots.txt", sitemap.Robots(base+"sitemap.xml"))
	return nil
}

// keepAll keeps the previous build's files names as they are, reporting
// false, having kept none, if one of them is missing.
func keepAll(w *writer, names []string) bool {
	if w.prev == nil {
		return false
	}
	for _, f := range names {
		if _, ok := w.prev.Get(f); !ok {
			return false
		}
	}
	for _, f := range names {
		w.keep(f)
	}
	return true
}

// writeListFeeds writes the RSS and JSON feeds of every list, but those
// whose key is the one in prev.
func writeListFeeds(w *writer, s *site.Site, covers *coverSet, keys *pageKeys, prev map[string]pageKey) error {
	cfg := s.Config
	base := cfg.BaseURL.String()
	publisher := cfg.Organization
	if publisher == "" {
		publisher = cfg.Title
	}
	for _, l := range feedLists(s) {
		items := l.stories[:min(len(l.stories), FeedItems)]
		key := keys.feed(l.dir, l.title, l.description, items)
		if keys.reuse(prev, w, key, l.dir+RSSFile, l.dir+JSONFile) {
			continue
		}
		keys.set(l.dir+RSSFile, key)
		keys.set(l.dir+JSONFile, key)
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

// sitemapFiles names the files sitemap.Files writes for n pages.
func sitemapFiles(n int) []string {
	names := []string{"sitemap.xml"}
	if n > sitemap.MaxURLs {
		for i := 1; i <= (n+sitemap.MaxURLs-1)/sitemap.MaxURLs; i++ {
			names = append(names, fmt.Sprintf("sitemap-%d.xml", i))
		}
	}
	return names
}

func feedItem(st *site.Story, base string, covers *coverSet) feed.Item {
	it := feed.Item{URL: base + st.URL, Title: st.Title, Summary: st.Excerpt, Date: st.Date, Person: st.Story.Person}
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

// inSitemap tells whether a page is listed in sitemap.xml: every page but
// the 404 page and the embedded list, which is shown inside other sites.
func inSitemap(p *theme.Page) bool {
	return p.Kind != "404" && p.Kind != "embed"
}

// lastMod is a page's last change as sitemap.xml tells it: a story's date;
// for a list, the date of its newest story; zero for plain pages, which
// have no date.
func lastMod(p *theme.Page) time.Time {
	switch {
	case p.Story != nil:
		return p.Story.Date
	case p.Term != nil:
		return newest(p.Term.Stories)
	case p.Campaign != nil:
		return newest(p.Campaign.Stories)
	case p.Person != nil:
		return newest(p.Person.Stories)
	case p.Kind == "page":
		return time.Time{}
	case p.Kind == "campaigns":
		var t time.Time
		for _, c := range p.Site.Campaigns {
			if n := newest(c.Stories); n.After(t) {
				t = n
			}
		}
		return t
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
