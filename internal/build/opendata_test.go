package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/guong/guong/internal/report"
	"github.com/guong/guong/internal/urls"
)

// TestOpenData: du-lieu/ holds every published story, person and award
// once, with ids that refer to each other and URLs of pages the build
// wrote; the CSV has a row a story, after the BOM and the header.
func TestOpenData(t *testing.T) {
	mem, r := buildMemory(t, loadTxtar(t, "testdata/small.txtar"), Options{})
	base := r.Site.Config.BaseURL.String()
	page := func(u string) bool {
		_, ok := mem.Get(urls.File(strings.TrimPrefix(u, base)))
		return strings.HasPrefix(u, base) && ok
	}
	data, ok := mem.Get(urls.DataJSON)
	if !ok {
		t.Fatalf("no %s", urls.DataJSON)
	}
	var d struct {
		Stories []struct {
			ID, URL, Person string
			Awards          []string
		}
		People []struct {
			ID, URL string
			Stories []string
		}
		Awards []struct {
			ID, Story, Person, Kind, Name, Level, Decision string
			Year                                           int
		}
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != len(r.Site.Stories) || len(d.People) != len(r.Site.People) {
		t.Fatalf("%d stories, %d people; want %d, %d", len(d.Stories), len(d.People), len(r.Site.Stories), len(r.Site.People))
	}
	stories, people := map[string]bool{}, map[string]bool{}
	for _, st := range d.Stories {
		if stories[st.ID] || !page(st.URL) {
			t.Errorf("story %q: repeated, or %q is no page", st.ID, st.URL)
		}
		stories[st.ID] = true
	}
	for _, p := range d.People {
		if people[p.ID] || !page(p.URL) {
			t.Errorf("person %q: repeated, or %q is no page", p.ID, p.URL)
		}
		people[p.ID] = true
		for _, s := range p.Stories {
			if !stories[s] {
				t.Errorf("person %q: unknown story %q", p.ID, s)
			}
		}
	}
	awards := map[string]bool{}
	for _, a := range d.Awards {
		if awards[a.ID] || !stories[a.Story] || !people[a.Person] || a.Name == "" || a.Year == 0 {
			t.Errorf("award %+v: repeated, or refers to no story or person, or lacks its name or year", a)
		}
		awards[a.ID] = true
	}
	if len(d.Awards) == 0 || d.Awards[0].Kind != "bang-khen-tinh" || d.Awards[0].Level != "tinh" || d.Awards[0].Year != 2022 {
		t.Errorf("awards = %+v, want the registry's Bằng khen of 2022", d.Awards)
	}
	for _, st := range d.Stories {
		for _, a := range st.Awards {
			if !awards[a] {
				t.Errorf("story %q: unknown award %q", st.ID, a)
			}
		}
	}

	data, _ = mem.Get(urls.DataCSV)
	if !bytes.HasPrefix(data, []byte(report.BOM)) {
		t.Fatalf("the CSV does not start with the BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[len(report.BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(d.Stories)+1 || strings.Join(rows[0], ",") != strings.Join(report.OpenDataColumns, ",") {
		t.Fatalf("%d CSV rows (header %q), want a header and %d stories", len(rows), rows[0], len(d.Stories))
	}
	for i, row := range rows[1:] {
		if row[0] != d.Stories[i].ID || row[1] != d.Stories[i].URL {
			t.Errorf("CSV row %d = %q, %q; want story %q", i+1, row[0], row[1], d.Stories[i].ID)
		}
	}
	if !strings.Contains(string(data), "Hoàng Thị Lan") {
		t.Errorf("the CSV lost its Vietnamese")
	}
}
