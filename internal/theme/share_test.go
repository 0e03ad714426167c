package theme

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/site"
)

func TestCoverSrc(t *testing.T) {
	tests := []struct {
		name   string
		widths []int
		src    int
	}{
		{"three sizes", []int{480, 800, 1200}, 800},
		{"small picture", []int{480, 600}, 600},
		{"only wide", []int{1200}, 1200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &Cover{}
			for _, w := range tc.widths {
				c.Sizes = append(c.Sizes, Picture{Width: w})
			}
			if got := c.Src().Width; got != tc.src {
				t.Errorf("Src = %d, want %d", got, tc.src)
			}
			if got := c.Widest().Width; got != tc.widths[len(tc.widths)-1] {
				t.Errorf("Widest = %d", got)
			}
		})
	}
}

func TestStructuredData(t *testing.T) {
	base, _ := url.Parse("https://portal.example/g/")
	cfg := &config.Config{Title: "Gương", Language: "vi", BaseURL: base}
	s := &site.Site{Config: cfg}
	dept := &site.Term{Name: "Phòng Lãnh sự", URL: "don-vi/phong-lanh-su/"}
	ict := time.FixedZone("ICT", 7*3600)
	story := func(collective bool, d *site.Term) *site.Story {
		return &site.Story{
			Story: &content.Story{Title: "T", Date: time.Date(2024, 1, 2, 3, 0, 0, 0, time.UTC), Collective: collective, Position: "Chuyên viên"},
			URL:   "bai-viet/t/", Department: d,
			Person: &site.Person{Name: "Tập thể A", URL: "nhan-vat/a/"},
		}
	}
	opts := Options{BaseURL: base.String()}
	tests := []struct {
		name string
		st   *site.Story
		want string
	}{
		{"person", story(false, dept), `{"@type":"Person","name":"Tập thể A","jobTitle":"Chuyên viên","url":"https://portal.example/g/nhan-vat/a/","worksFor":{"@type":"Organization","name":"Phòng Lãnh sự","url":"https://portal.example/g/don-vi/phong-lanh-su/"}}`},
		{"collective", story(true, dept), `{"@type":"Organization","name":"Tập thể A","url":"https://portal.example/g/nhan-vat/a/","parentOrganization":{"@type":"Organization","name":"Phòng Lãnh sự","url":"https://portal.example/g/don-vi/phong-lanh-su/"}}`},
		{"no department", story(false, nil), `{"@type":"Person","name":"Tập thể A","jobTitle":"Chuyên viên","url":"https://portal.example/g/nhan-vat/a/"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := structuredData(&Page{Kind: "story", URL: tc.st.URL, Site: s, Story: tc.st}, opts, ict, nil)
			a, ok := v.(ldArticle)
			if !ok {
				t.Fatalf("got %T", v)
			}
			about, _ := json.Marshal(a.About)
			if string(about) != tc.want {
				t.Errorf("about =\n%s\nwant\n%s", about, tc.want)
			}
			if a.DatePublished != "2024-01-02T10:00:00+07:00" || a.Publisher.Name != "Gương" || a.Image != nil {
				t.Errorf("article %+v", a)
			}
		})
	}
	if v := structuredData(&Page{Kind: "tags", Site: s}, opts, ict, nil); v != nil {
		t.Errorf("a list page has structured data %v", v)
	}
}
