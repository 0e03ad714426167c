package build

import (
	"html/template"
	"time"

	"github.com/guong/guong/internal/search"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
)

// newIndexer returns the Indexer of the site's search index (see emit),
// writing its files under urls.SearchIndex through w.
func newIndexer(s *site.Site, w *writer) *search.Indexer {
	return search.NewIndexer(len(s.Stories), searchFacets(s), search.Options{}, func(f search.File) {
		w.writeMinified(urls.SearchIndex+f.Name, f.Data) // compact JSON already
	})
}

// writeSearch writes the search index of the published stories, for the
// live preview, whose story bodies are in the converter's cache.
func (snap *Snapshot) writeSearch(w *writer) {
	s := snap.site
	search.WriteFunc(len(s.Stories), func(i int) search.Doc {
		body, _ := snap.convert.story(s.Stories[i].Story)
		return searchDoc(s, i, body)
	}, searchFacets(s), search.Options{}, func(f search.File) {
		w.writeMinified(urls.SearchIndex+f.Name, f.Data)
	})
}

// searchDoc describes story i of the published stories for the index,
// which are in the site's order (newest first): i is its id. body is its
// body's HTML, whose text the index makes.
func searchDoc(s *site.Site, i int, body template.HTML) search.Doc {
	loc := s.Config.TimeZone
	if loc == nil {
		loc = time.UTC
	}
	st := s.Stories[i]
	d := search.Doc{
		URL:      st.URL,
		Title:    st.Title,
		Person:   st.Story.Person,
		Position: st.Position,
		Summary:  st.Summary,
		Excerpt:  st.Excerpt,
		HTML:     string(body),
	}
	date := st.Date.In(loc)
	d.Date = vi.ShortDate(date)
	d.ISODate = date.Format(time.RFC3339)
	if st.Model != nil {
		d.Model, d.ModelKey = st.Model.Name, st.Model.Key
	}
	if st.Department != nil {
		d.Department, d.DepartmentKey = st.Department.Name, st.Department.Key
	}
	if st.Year != nil {
		d.Year = st.Year.Key
	}
	for _, c := range st.Campaigns {
		d.Campaigns = append(d.Campaigns, c.Title)
		d.CampaignKeys = append(d.CampaignKeys, c.Key)
	}
	for _, t := range st.Tags {
		d.Tags = append(d.Tags, t.Name)
	}
	return d
}

// searchFacets lists the filters' keys in the order the search page shows them.
func searchFacets(s *site.Site) search.Facets {
	var f search.Facets
	for _, t := range s.Models {
		f.Models = append(f.Models, t.Key)
	}
	for _, t := range s.Departments {
		f.Departments = append(f.Departments, t.Key)
	}
	for _, c := range s.Campaigns {
		f.Campaigns = append(f.Campaigns, c.Key)
	}
	for _, t := range s.Years {
		f.Years = append(f.Years, t.Key)
	}
	return f
}
