package theme

import "github.com/guong/guong/internal/site"

// PeopleList is one list of the people index (nhan-vat/): individuals, or
// collectives, under their letters, with a line saying how it is sorted.
type PeopleList struct {
	Key     string // the id of its heading, and the prefix of its letters' ids
	Title   string
	Note    string
	Letters []Letter
}

// peopleLists returns the lists of the people index, those with anyone in
// them: individuals, sorted by given name, then collectives, sorted by
// their name without "Tập thể" (see site.indexPeople).
func (th *Theme) peopleLists(s *site.Site) []PeopleList {
	var out []PeopleList
	for _, l := range []struct {
		key, title, note string
		people           []*site.Person
	}{
		{"ca-nhan", "individuals", "people_sorted_individuals", s.Individuals},
		{"tap-the", "collectives", "people_sorted_collectives", s.Collectives},
	} {
		if len(l.people) > 0 {
			out = append(out, PeopleList{Key: l.key, Title: th.T(l.title), Note: th.T(l.note), Letters: groupByInitial(l.people, l.key)})
		}
	}
	return out
}
