package build

import (
	"io/fs"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/theme"
)

// loadTheme loads the site's theme: its own themes/<name>/ folder over the
// built-in theme of that name (or the default one). Its stylesheets and
// scripts are published with fingerprinted names; covers are looked up in
// covers while pages render.
func loadTheme(siteFS fs.FS, cfg *config.Config, opts Options, covers *coverSet) (*theme.Theme, error) {
	var layers []fs.FS
	if own, err := fs.Sub(siteFS, "themes/"+cfg.Theme); err == nil {
		if _, err := fs.Stat(own, "."); err == nil {
			layers = append(layers, own)
		}
	}
	if opts.Themes != nil {
		name := cfg.Theme
		if _, err := fs.Stat(opts.Themes, name); err != nil {
			name = "default"
		}
		if builtin, err := fs.Sub(opts.Themes, name); err == nil {
			layers = append(layers, builtin)
		}
	}
	themeFS := theme.Overlay(layers...)
	asset, err := assetPaths(themeFS)
	if err != nil {
		return nil, err
	}
	var minifyTemplate func([]byte) ([]byte, error)
	if !opts.NoMinify {
		minifyTemplate = publish.NewMinifier().Template
	}
	return theme.Load(themeFS, theme.Options{
		MinifyTemplate: minifyTemplate,
		Language:       cfg.Language,
		BasePath:       cfg.BasePath(),
		BaseURL:        cfg.BaseURL.String(),
		TimeZone:       cfg.TimeZone,
		Asset:          asset,
		Cover:          covers.lookup,
	})
}

// Pages lists every page of the site, in a stable order. t gives the
// theme's UI strings, for the titles of the site's own sections.
func Pages(s *site.Site, dev bool, t func(key string) string) []*theme.Page {
	per := s.Config.Paginate
	var pages []*theme.Page
	add := func(p *theme.Page) {
		fillPage(p, s, dev)
		pages = append(pages, p)
	}
	home := &theme.Page{Kind: "home", URL: "", Title: s.Config.Title, Description: s.Config.Description}
	add(home)
	for _, st := range s.Stories {
		add(storyPage(st))
	}
	for _, p := range s.Pages {
		add(&theme.Page{Kind: "page", URL: p.Slug + "/", Title: p.Title, Description: p.Summary, Page: p,
			Crumbs: []theme.Crumb{{Name: p.Title}}})
	}
	terms := func(kind string, ts []*site.Term, parent *theme.Crumb) {
		for _, t := range ts {
			for _, pg := range site.Paginate(t.URL, t.Stories, per) {
				crumbs := []theme.Crumb{}
				if parent != nil {
					crumbs = append(crumbs, *parent)
				}
				add(&theme.Page{Kind: kind, URL: pg.URL, Title: t.Name, Description: t.Description, Term: t, Pager: pg,
					Crumbs: append(crumbs, theme.Crumb{Name: t.Name})})
			}
		}
	}
	terms("model", s.Models, nil)

	campaigns := theme.Crumb{Name: t("campaigns"), URL: site.CampaignsPath}
	add(&theme.Page{Kind: "campaigns", URL: site.CampaignsPath, Title: campaigns.Name, Crumbs: []theme.Crumb{{Name: campaigns.Name}}})
	for _, c := range s.Campaigns {
		for _, pg := range site.Paginate(c.URL, c.Stories, per) {
			add(&theme.Page{Kind: "campaign", URL: pg.URL, Title: c.Title, Campaign: c, Pager: pg,
				Crumbs: []theme.Crumb{campaigns, {Name: c.Title}}})
		}
	}

	depts := theme.Crumb{Name: t("departments"), URL: site.DepartmentsPath}
	add(&theme.Page{Kind: "departments", URL: site.DepartmentsPath, Title: depts.Name, Crumbs: []theme.Crumb{{Name: depts.Name}}})
	terms("department", s.Departments, &depts)

	people := theme.Crumb{Name: t("people"), URL: site.PeoplePath}
	add(&theme.Page{Kind: "people", URL: site.PeoplePath, Title: people.Name, Crumbs: []theme.Crumb{{Name: people.Name}}})
	for _, p := range s.People {
		add(&theme.Page{Kind: "person", URL: p.URL, Title: p.Name, Description: p.Position, Person: p,
			Crumbs: []theme.Crumb{people, {Name: p.Name}}})
	}

	tags := theme.Crumb{Name: t("tags"), URL: site.TagsPath}
	add(&theme.Page{Kind: "tags", URL: site.TagsPath, Title: tags.Name, Crumbs: []theme.Crumb{{Name: tags.Name}}})
	terms("tag", s.Tags, &tags)

	years := theme.Crumb{Name: t("years"), URL: site.YearsPath}
	add(&theme.Page{Kind: "years", URL: site.YearsPath, Title: years.Name, Crumbs: []theme.Crumb{{Name: years.Name}}})
	terms("year", s.Years, &years)

	add(&theme.Page{Kind: "search", URL: site.SearchPath, Title: t("search"), Crumbs: []theme.Crumb{{Name: t("search")}}})
	add(&theme.Page{Kind: "404", URL: "404.html", Title: t("not_found_title")})
	add(&theme.Page{Kind: "embed", URL: site.EmbedPath, Title: s.Config.Title, Description: s.Config.Description})
	return pages
}

// storyPage returns the page of a story, as Pages lists it, before Pages
// sets its site, mode and feed (see fillPage).
func storyPage(st *site.Story) *theme.Page {
	crumbs := []theme.Crumb{}
	if st.Model != nil {
		crumbs = append(crumbs, theme.Crumb{Name: st.Model.Name, URL: st.Model.URL})
	}
	return &theme.Page{Kind: "story", URL: st.URL, Title: st.Title, Description: st.Excerpt, Story: st,
		Crumbs: append(crumbs, theme.Crumb{Name: st.Title})}
}

// fillPage sets what Pages sets on every page.
func fillPage(p *theme.Page, s *site.Site, dev bool) {
	p.Site, p.Dev = s, dev
	p.Feed = feedDir(p)
}
