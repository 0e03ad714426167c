package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/guong/guong/internal/site"
)

// Open data (du-lieu/): the site's stories, people and awards, for the
// provincial portal and anyone who reuses them. Ids are stable as long as
// the content does not change them: a story's is its slug, a person's the
// slug of their page, an award's its story's slug and its place among the
// story's awards ("lan-2023/1").

// openData is the JSON form of the open data.
type openData struct {
	Title     string         `json:"title"`
	Publisher string         `json:"publisher"`
	URL       string         `json:"url"`
	Stories   []openStory    `json:"stories"`
	People    []openPerson   `json:"people"`
	Awards    []openAward    `json:"awards"`
	Campaigns []openCampaign `json:"campaigns"`
}

type openTerm struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

type openStory struct {
	ID         string    `json:"id"`
	URL        string    `json:"url"`
	Title      string    `json:"title"`
	Date       string    `json:"date"`
	Person     string    `json:"person"`
	Department *openTerm `json:"department,omitempty"`
	Model      *openTerm `json:"model,omitempty"`
	Campaigns  []string  `json:"campaigns"`
	Tags       []string  `json:"tags"`
	Awards     []string  `json:"awards"`
}

type openPerson struct {
	ID         string   `json:"id"`
	URL        string   `json:"url"`
	Name       string   `json:"name"`
	Collective bool     `json:"collective"`
	Gender     string   `json:"gender,omitempty"`
	Position   string   `json:"position,omitempty"`
	Department string   `json:"department,omitempty"`
	Stories    []string `json:"stories"`
}

type openAward struct {
	ID       string `json:"id"`
	Story    string `json:"story"`
	Person   string `json:"person"`
	Kind     string `json:"kind,omitempty"` // the registry key; empty for free text
	Name     string `json:"name"`
	Type     string `json:"type,omitempty"`  // danh-hieu or khen-thuong
	Level    string `json:"level,omitempty"` // co-so, tinh or nha-nuoc
	Decision string `json:"decision,omitempty"`
	Date     string `json:"date,omitempty"`
	Issuer   string `json:"issuer,omitempty"`
	Year     int    `json:"year"`
	Note     string `json:"note,omitempty"`
}

type openCampaign struct {
	Key   string `json:"key"`
	URL   string `json:"url"`
	Title string `json:"title"`
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
}

// AwardID is the stable id of the i-th award (from 0) of a story.
func AwardID(st *site.Story, i int) string { return st.Slug + "/" + strconv.Itoa(i+1) }

func term(t *site.Term) *openTerm {
	if t == nil {
		return nil
	}
	return &openTerm{Key: t.Key, Name: t.Name}
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// OpenDataJSON returns the site's open data as JSON: stories (newest
// first), people (in alphabetical order), awards and campaigns.
func OpenDataJSON(s *site.Site) ([]byte, error) {
	cfg := s.Config
	base := cfg.BaseURL.String()
	d := openData{Title: cfg.Title, Publisher: cfg.Organization, URL: base,
		Stories: []openStory{}, People: []openPerson{}, Awards: []openAward{}, Campaigns: []openCampaign{}}
	if d.Publisher == "" {
		d.Publisher = cfg.Title
	}
	day := func(st *site.Story) string { return st.Date.In(cfg.TimeZone).Format("2006-01-02") }
	for _, st := range s.Stories {
		os := openStory{ID: st.Slug, URL: base + st.URL, Title: st.Title, Date: day(st), Person: st.Person.Slug,
			Department: term(st.Department), Model: term(st.Model), Campaigns: []string{}, Tags: []string{}, Awards: []string{}}
		for _, c := range st.Campaigns {
			os.Campaigns = append(os.Campaigns, c.Key)
		}
		for _, t := range st.Tags {
			os.Tags = append(os.Tags, t.Name)
		}
		for i, a := range st.Awards {
			id := AwardID(st, i)
			os.Awards = append(os.Awards, id)
			oa := openAward{ID: id, Story: st.Slug, Person: st.Person.Slug, Kind: a.Kind, Name: a.Title(),
				Decision: a.Decision, Issuer: a.Issuer, Year: a.YearOf(), Note: a.Note}
			if a.Form != nil {
				oa.Type, oa.Level = string(a.Form.Kind), string(a.Form.Level)
			}
			if a.HasDate {
				oa.Date = a.Date.In(cfg.TimeZone).Format("2006-01-02")
			}
			d.Awards = append(d.Awards, oa)
		}
		d.Stories = append(d.Stories, os)
	}
	for _, p := range s.People {
		op := openPerson{ID: p.Slug, URL: base + p.URL, Name: p.Name, Collective: p.Collective, Gender: p.Gender,
			Position: p.Position, Stories: []string{}}
		if p.Department != nil {
			op.Department = p.Department.Key
		}
		for _, st := range p.Stories {
			op.Stories = append(op.Stories, st.Slug)
		}
		d.People = append(d.People, op)
	}
	for _, c := range s.Campaigns {
		oc := openCampaign{Key: c.Key, URL: base + c.URL, Title: c.Title, Start: c.Start.In(cfg.TimeZone).Format("2006-01-02")}
		if !c.End.IsZero() {
			oc.End = c.End.In(cfg.TimeZone).Format("2006-01-02")
		}
		d.Campaigns = append(d.Campaigns, oc)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// OpenDataColumns are the columns of the open data CSV, one row per story.
var OpenDataColumns = []string{"id", "url", "tieu_de", "ngay", "nhan_vat_id", "nhan_vat", "tap_the", "gioi_tinh", "chuc_vu",
	"don_vi", "loai_mo_hinh", "phong_trao", "chu_de", "khen_thuong"}

// OpenDataCSV returns the stories as CSV (UTF-8 with BOM), one row a
// story, newest first: its id and URL, its person, department, model type,
// campaigns and tags, and its awards as "id: name, decision, date" joined
// by "; ". The JSON holds the same and more, one object an award.
func OpenDataCSV(s *site.Site) ([]byte, error) {
	cfg := s.Config
	base := cfg.BaseURL.String()
	var buf bytes.Buffer
	buf.WriteString(BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write(OpenDataColumns)
	for _, st := range s.Stories {
		var camps, tags, awards []string
		for _, c := range st.Campaigns {
			camps = append(camps, c.Key)
		}
		for _, t := range st.Tags {
			tags = append(tags, t.Name)
		}
		for i, a := range st.Awards {
			parts := []string{a.Title()}
			if a.Decision != "" {
				parts = append(parts, a.Decision)
			}
			if a.HasDate {
				parts = append(parts, a.Date.In(cfg.TimeZone).Format("2006-01-02"))
			}
			awards = append(awards, AwardID(st, i)+": "+strings.Join(parts, ", "))
		}
		collective := "0"
		if st.Collective {
			collective = "1"
		}
		dept, model := "", ""
		if st.Department != nil {
			dept = st.Department.Key
		}
		if st.Model != nil {
			model = st.Model.Key
		}
		w.Write([]string{st.Slug, base + st.URL, st.Title, st.Date.In(cfg.TimeZone).Format("2006-01-02"), st.Person.Slug, st.Person.Name,
			collective, st.Person.Gender, st.Position, dept, model, strings.Join(camps, ";"), strings.Join(tags, ";"), strings.Join(awards, "; ")})
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
