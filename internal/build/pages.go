package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strconv"
	"sync"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/minify"
	"github.com/guong/guong/internal/report"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/theme"
	"github.com/guong/guong/internal/urls"
)

// themeFiles returns the site's theme as one file system: its own
// themes/<name>/ folder over the built-in theme of that name (or the
// default one).
func themeFiles(siteFS fs.FS, cfg *config.Config, opts Options) fs.FS {
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
	return theme.Overlay(layers...)
}

// loadTheme loads the theme in themeFS for the site. Its stylesheets and
// scripts are published with fingerprinted names; covers and photos are
// looked up in pics while pages render.
func loadTheme(themeFS fs.FS, cfg *config.Config, opts Options, pics pictureLookup) (*theme.Theme, error) {
	asset, err := assetPaths(themeFS)
	if err != nil {
		return nil, err
	}
	var minifyTemplate func([]byte) ([]byte, error)
	if !opts.NoMinify {
		minifyTemplate = minify.New().Template
	}
	return theme.Load(themeFS, theme.Options{
		MinifyTemplate: minifyTemplate,
		Language:       cfg.Language,
		BasePath:       cfg.BasePath(),
		BaseURL:        cfg.BaseURL.String(),
		TimeZone:       cfg.TimeZone,
		Asset:          asset,
		Cover:          pics.lookup,
		Photo:          pics.photo,
	})
}

// pictureLookup finds the resized pictures of a build: a *coverSet, or the
// live preview's *coverSets.
type pictureLookup interface {
	lookup(*site.Story) *theme.Cover
	photo(*site.Person) *theme.Cover
}

// themeKey fingerprints what loadTheme makes a theme from: every file of
// themeFS and the settings of the site it reads.
func themeKey(themeFS fs.FS, cfg *config.Config, opts Options) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%q %q %q %q %v\n", cfg.Language, cfg.BasePath(), cfg.BaseURL.String(), cfg.TimeZone, opts.NoMinify)
	err := fs.WalkDir(themeFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themeFS, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%q %d\n", p, len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
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
	home := &theme.Page{Kind: theme.Home, URL: "", Title: s.Config.Title, Description: s.Config.Description}
	add(home)
	for _, st := range s.Stories {
		add(storyPage(st))
	}
	for _, p := range s.Pages {
		add(&theme.Page{Kind: theme.PlainPage, URL: p.Slug + "/", Title: p.Title, Description: p.Summary, Page: p,
			Crumbs: []theme.Crumb{{Name: p.Title}}})
	}
	// section adds the index page of a section, titled by the theme's
	// string key and described by key_description, and returns the crumb
	// its pages lead back to.
	section := func(kind theme.Kind, key, url string) theme.Crumb {
		c := theme.Crumb{Name: t(key), URL: url}
		add(&theme.Page{Kind: kind, URL: url, Title: c.Name, Description: t(key + "_description"), Crumbs: []theme.Crumb{{Name: c.Name}}})
		return c
	}
	terms := func(kind theme.Kind, ts []*site.Term, parent *theme.Crumb) {
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
	terms(theme.Model, s.Models, nil)

	campaigns := section(theme.Campaigns, "campaigns", urls.Campaigns)
	for _, c := range s.Campaigns {
		for _, pg := range site.Paginate(c.URL, c.Stories, per) {
			add(&theme.Page{Kind: theme.Campaign, URL: pg.URL, Title: c.Title, Campaign: c, Pager: pg,
				Crumbs: []theme.Crumb{campaigns, {Name: c.Title}}})
		}
	}

	depts := section(theme.Departments, "departments", urls.Departments)
	terms(theme.Department, s.Departments, &depts)

	people := section(theme.People, "people", urls.People)
	for _, p := range s.People {
		add(&theme.Page{Kind: theme.Person, URL: p.URL, Title: p.Name, Description: p.Position, Person: p,
			Crumbs: []theme.Crumb{people, {Name: p.Name}}})
	}

	tags := section(theme.Tags, "tags", urls.Tags)
	terms(theme.Tag, s.Tags, &tags)

	years := section(theme.Years, "years", urls.Years)
	terms(theme.Year, s.Years, &years)

	reportPages(s, t, add)
	honourPages(s, t, add)

	add(&theme.Page{Kind: theme.Search, URL: urls.Search, Title: t("search"), Description: t("search_description"), Crumbs: []theme.Crumb{{Name: t("search")}}})
	add(&theme.Page{Kind: theme.Accessibility, URL: urls.Accessibility, Title: t("accessibility"), Description: t("accessibility_summary"),
		Crumbs: []theme.Crumb{{Name: t("accessibility")}}})
	add(&theme.Page{Kind: theme.NotFound, URL: urls.NotFound, Title: t("not_found_title")})
	embedPages(s, t, add)
	return pages
}

// embedPages adds the embedded lists, for the portal to show in iframes:
// the site's latest stories and each model type's, campaign's and
// department's, and the page of their snippets, which lists them all (as
// its Filters).
func embedPages(s *site.Site, t func(string) string, add func(*theme.Page)) {
	latest := t("latest_stories")
	embeds := []theme.Crumb{{Name: s.Config.Title + " – " + latest, URL: urls.Embed}}
	add(&theme.Page{Kind: theme.Embed, URL: urls.Embed, Title: embeds[0].Name, Description: s.Config.Description})
	for _, m := range s.Models {
		embeds = append(embeds, theme.Crumb{Name: m.Name + " – " + latest, URL: urls.EmbedList(m.URL)})
		add(&theme.Page{Kind: theme.Embed, URL: urls.EmbedList(m.URL), Title: embeds[len(embeds)-1].Name, Term: m})
	}
	for _, c := range s.Campaigns {
		embeds = append(embeds, theme.Crumb{Name: c.Title + " – " + latest, URL: urls.EmbedList(c.URL)})
		add(&theme.Page{Kind: theme.Embed, URL: urls.EmbedList(c.URL), Title: embeds[len(embeds)-1].Name, Campaign: c})
	}
	for _, d := range s.Departments {
		embeds = append(embeds, theme.Crumb{Name: d.Name + " – " + latest, URL: urls.EmbedList(d.URL)})
		add(&theme.Page{Kind: theme.Embed, URL: urls.EmbedList(d.URL), Title: embeds[len(embeds)-1].Name, Term: d})
	}
	add(&theme.Page{Kind: theme.Embeds, URL: urls.Embeds, Title: t("embeds_title"), Filters: embeds,
		Crumbs: []theme.Crumb{{Name: t("embeds_title")}}})
}

// reportPages adds the Office's report: of the whole period, of each year
// and of each campaign, each linking to the others.
func reportPages(s *site.Site, t func(string) string, add func(*theme.Page)) {
	type filtered struct {
		name, url string
		filter    report.Filter
		desc      string // the page's description
	}
	all := []filtered{{t("report_whole"), urls.Report, report.Filter{}, t("report") + ": " + t("report_whole")}}
	for i := len(s.Years) - 1; i >= 0; i-- {
		y, _ := strconv.Atoi(s.Years[i].Key)
		all = append(all, filtered{s.Years[i].Name, urls.ReportYear(s.Years[i].Key), report.Filter{From: y, To: y}, t("report") + ": " + s.Years[i].Name})
	}
	for _, c := range s.Campaigns {
		all = append(all, filtered{c.Title, urls.ReportCampaign(c.Key), report.Filter{Campaign: c.Key}, t("report") + ": " + c.Title})
	}
	var links []theme.Crumb
	for _, f := range all {
		links = append(links, theme.Crumb{Name: f.name, URL: f.url})
	}
	crumb := theme.Crumb{Name: t("report"), URL: urls.Report}
	for i, f := range all {
		title, crumbs, desc := t("report"), []theme.Crumb{{Name: t("report")}}, f.desc
		if i > 0 {
			title += " – " + f.name
			crumbs = []theme.Crumb{crumb, {Name: f.name}}
		}
		add(&theme.Page{Kind: theme.Report, URL: f.url, Title: title, Description: desc, Filters: links, Crumbs: crumbs,
			ReportOf: sync.OnceValue(func() *report.Report { return report.Compute(s, f.filter) })})
	}
}

// honourPages adds the roll of honour: its index, linking to the roll of
// each year and of each campaign.
func honourPages(s *site.Site, t func(string) string, add func(*theme.Page)) {
	crumb := theme.Crumb{Name: t("honour"), URL: urls.Honour}
	var links []theme.Crumb
	var rolls []*theme.Page
	for _, y := range s.Years {
		n, _ := strconv.Atoi(y.Key)
		url := urls.HonourYear(y.Key)
		links = append(links, theme.Crumb{Name: y.Name, URL: url})
		rolls = append(rolls, &theme.Page{Kind: theme.Honour, URL: url, Title: t("honour") + " – " + y.Name, Crumbs: []theme.Crumb{crumb, {Name: y.Name}},
			RollOf: sync.OnceValue(func() *report.Roll { return report.Honour(s, report.Filter{From: n, To: n}, "Năm "+y.Key) })})
	}
	for _, c := range s.Campaigns {
		url := urls.HonourCampaign(c.Key)
		links = append(links, theme.Crumb{Name: c.Title, URL: url})
		rolls = append(rolls, &theme.Page{Kind: theme.Honour, URL: url, Title: t("honour") + " – " + c.Title, Crumbs: []theme.Crumb{crumb, {Name: c.Title}},
			RollOf: sync.OnceValue(func() *report.Roll { return report.Honour(s, report.Filter{Campaign: c.Key}, c.Title) })})
	}
	add(&theme.Page{Kind: theme.Honour, URL: urls.Honour, Title: t("honour"), Filters: links, Crumbs: []theme.Crumb{{Name: t("honour")}}})
	for _, p := range rolls {
		p.Filters = links
		add(p)
	}
}

// storyPage returns the page of a story, as Pages lists it, before Pages
// sets its site, mode and feed (see fillPage).
func storyPage(st *site.Story) *theme.Page {
	crumbs := []theme.Crumb{}
	if st.Model != nil {
		crumbs = append(crumbs, theme.Crumb{Name: st.Model.Name, URL: st.Model.URL})
	}
	return &theme.Page{Kind: theme.Story, URL: st.URL, Title: st.Title, Description: st.Excerpt, Story: st,
		Crumbs: append(crumbs, theme.Crumb{Name: st.Title})}
}

// fillPage sets what Pages sets on every page.
func fillPage(p *theme.Page, s *site.Site, dev bool) {
	p.Site, p.Dev = s, dev
}
