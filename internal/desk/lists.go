package desk

import (
	"context"
	"slices"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/vi"
)

// siteLists are what the form suggests and lists from the site: the
// people already on it (with their position), its tags and campaigns.
type siteLists struct {
	People    []person
	Tags      []string
	Campaigns []config.Term
}

// lists are the site's lists: from the preview's last good snapshot, or,
// before there is one (the first build failed), from whatever the content
// loader can read, so that the form is never left without them while the
// writer repairs the site. The departments and models come from site.yaml
// (config) either way.
func (d *Desk) lists(ctx context.Context, cfg *config.Config) siteLists {
	var l siteLists
	if snap := d.opts.Snapshot(); snap != nil {
		s := snap.Site()
		for _, p := range s.People {
			l.People = append(l.People, person{p.Name, p.Position})
		}
		for _, t := range s.Tags {
			l.Tags = append(l.Tags, t.Name)
		}
		for _, c := range s.Campaigns {
			l.Campaigns = append(l.Campaigns, config.Term{Key: c.Key, Name: c.Title})
		}
		return l
	}
	if cfg == nil {
		return l
	}
	var ignored diag.List // the preview reports them
	c := content.Load(ctx, d.opts.Site, cfg, content.Options{Drafts: true, TryDrafts: true, Future: true, Now: d.opts.Now()}, &ignored)
	for _, st := range c.Stories {
		if st.Person != "" && !slices.ContainsFunc(l.People, func(p person) bool { return p.Name == st.Person }) {
			l.People = append(l.People, person{st.Person, st.Position})
		}
		for _, t := range st.Tags {
			if !slices.Contains(l.Tags, t) {
				l.Tags = append(l.Tags, t)
			}
		}
	}
	sorter := vi.NewSorter()
	slices.SortFunc(l.People, func(a, b person) int { return sorter.Compare(a.Name, b.Name) })
	sorter.Strings(l.Tags)
	for _, c := range c.Campaigns {
		l.Campaigns = append(l.Campaigns, config.Term{Key: c.Key, Name: c.Title})
	}
	return l
}
