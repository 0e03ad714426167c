package site_test

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh even where the system has no zone database

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/urls"
)

func hcm(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func testConfig(t testing.TB) *config.Config {
	return &config.Config{
		Title:    "Gương điển hình",
		BaseURL:  &url.URL{Scheme: "https", Host: "example.com", Path: "/guong-dien-hinh/"},
		Language: "vi",
		TimeZone: hcm(t),
		Paginate: 3,
		Models:   config.DefaultModels(),
		Awards:   config.DefaultAwards(),
		Departments: []config.Term{
			{Key: "lanh-su", Name: "Phòng Lãnh sự"},
			{Key: "van-phong", Name: "Văn phòng Sở"},
		},
	}
}

// now is the build time of every test: noon on 15 June 2025 in Hà Nội.
func now(t testing.TB) time.Time { return time.Date(2025, 6, 15, 12, 0, 0, 0, hcm(t)) }

// date parses an RFC 3339 time.
func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// day is midnight of a calendar day in Hà Nội.
func day(t testing.TB, y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, hcm(t))
}

func story(t testing.TB, slug, when, person string) *content.Story {
	return &content.Story{
		File:   "content/stories/" + slug + ".md",
		Slug:   slug,
		Title:  "Bài " + slug,
		Date:   date(t, when),
		Person: person,
		Model:  "dan-van-kheo",
	}
}

func build(t testing.TB, c *content.Site) *site.Site {
	t.Helper()
	return site.Build(testConfig(t), c, site.Bodies{}, now(t))
}

// shuffled returns copies of stories in several fixed orders: as given,
// reversed, and shuffled with fixed seeds.
func shuffled(stories []*content.Story) [][]*content.Story {
	out := [][]*content.Story{slices.Clone(stories)}
	rev := slices.Clone(stories)
	slices.Reverse(rev)
	out = append(out, rev)
	for seed := range uint64(4) {
		s := slices.Clone(stories)
		rand.New(rand.NewPCG(seed, 42)).Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		out = append(out, s)
	}
	return out
}

func slugs(stories []*site.Story) []string {
	out := make([]string, len(stories))
	for i, s := range stories {
		out[i] = s.Slug
	}
	return out
}

func equal[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestStoriesNewestFirst(t *testing.T) {
	stories := []*content.Story{
		story(t, "cu", "2021-03-01T09:00:00+07:00", "A"),
		story(t, "moi", "2024-05-01T09:00:00+07:00", "B"),
		story(t, "trung-b", "2023-01-01T10:00:00+07:00", "C"),
		story(t, "trung-a", "2023-01-01T03:00:00Z", "D"), // the same instant as trung-b
		story(t, "trung-c", "2023-01-01T10:00:00+07:00", "E"),
		story(t, "giua", "2022-07-07T00:00:00+07:00", "F"),
	}
	want := []string{"moi", "trung-a", "trung-b", "trung-c", "giua", "cu"}
	for i, in := range shuffled(stories) {
		t.Run(fmt.Sprintf("order %d", i), func(t *testing.T) {
			s := build(t, &content.Site{Stories: in})
			equal(t, "stories", slugs(s.Stories), want)
			for _, st := range s.Stories {
				if st.URL != urls.Story(st.Slug) {
					t.Errorf("%s: URL = %q", st.Slug, st.URL)
				}
			}
		})
	}
}

func TestPeople(t *testing.T) {
	type person struct {
		name       string
		collective bool
	}
	people := []person{
		{"Hoàng Thị Lan", false},
		{"Nguyễn Văn An", false},
		{"Lò Văn Ăng", false},
		{"Phạm Thị Ân", false},
		{"Lê Văn Dũng", false},
		{"Vi Văn Đức", false},
		{"Lương Văn Bình", false},
		{"Nguyễn Thị Lan", false},
		{"Hoàng Văn Minh", false},
		{"Tập thể Phòng Lãnh sự", true},
		{"Đồn Biên phòng Chi Ma", true},
	}
	var stories []*content.Story
	for i, p := range people {
		st := story(t, fmt.Sprintf("bai-%02d", i), fmt.Sprintf("2024-01-%02dT08:00:00+07:00", i+1), p.name)
		st.Collective = p.collective
		stories = append(stories, st)
	}
	wantNames := []string{
		"Nguyễn Văn An",         // An
		"Lò Văn Ăng",            // Ăng: A < Ă
		"Phạm Thị Ân",           // Ân: Ă < Â
		"Lương Văn Bình",        // Bình
		"Lê Văn Dũng",           // Dũng
		"Đồn Biên phòng Chi Ma", // a collective, filed under its own name: D < Đ, ô < ư
		"Vi Văn Đức",            // Đức
		"Hoàng Thị Lan",         // Lan Hoàng: given name first, then family name
		"Nguyễn Thị Lan",        // Lan Nguyễn
		"Hoàng Văn Minh",        // Minh: not filed under Hoàng
		"Tập thể Phòng Lãnh sự", // a collective, filed under its name after "Tập thể": P
	}
	wantInitials := []string{"A", "Ă", "Â", "B", "D", "Đ", "Đ", "L", "L", "M", "P"}
	for i, in := range shuffled(stories) {
		t.Run(fmt.Sprintf("order %d", i), func(t *testing.T) {
			s := build(t, &content.Site{Stories: in})
			var names, initials []string
			for _, p := range s.People {
				names = append(names, p.Name)
				initials = append(initials, p.Initial)
				if len(p.Stories) != 1 || p.Stories[0].Person != p {
					t.Errorf("%s: stories not linked back", p.Name)
				}
				wantColl := strings.HasPrefix(p.Name, "Tập thể") || strings.HasPrefix(p.Name, "Đồn")
				if p.Collective != wantColl {
					t.Errorf("%s: Collective = %v", p.Name, p.Collective)
				}
				if p.URL != "nhan-vat/"+p.Slug+"/" {
					t.Errorf("%s: URL = %q, slug %q", p.Name, p.URL, p.Slug)
				}
			}
			equal(t, "people", names, wantNames)
			equal(t, "initials", initials, wantInitials)
			var inds, colls []string
			for _, p := range s.Individuals {
				inds = append(inds, p.Name)
			}
			for _, p := range s.Collectives {
				colls = append(colls, p.Name)
			}
			equal(t, "individuals", inds, slices.DeleteFunc(slices.Clone(wantNames), func(n string) bool { return n == "Tập thể Phòng Lãnh sự" || n == "Đồn Biên phòng Chi Ma" }))
			equal(t, "collectives", colls, []string{"Đồn Biên phòng Chi Ma", "Tập thể Phòng Lãnh sự"})
		})
	}
}

func TestPersonSlugsClash(t *testing.T) {
	stories := []*content.Story{
		story(t, "duc-1", "2024-01-01T08:00:00+07:00", "Lương Văn Đức"),
		story(t, "duc-2", "2024-02-01T08:00:00+07:00", "Lương Văn Dục"),
		story(t, "duc-3", "2024-03-01T08:00:00+07:00", "Lương Văn Đức"),
		story(t, "khac", "2024-04-01T08:00:00+07:00", "Lương Văn Đức Anh"),
		story(t, "tap-the", "2024-05-01T08:00:00+07:00", "Lương Văn Đúc"),
	}
	want := map[string]string{
		"Lương Văn Dục":     "luong-van-duc",
		"Lương Văn Đúc":     "luong-van-duc-2",
		"Lương Văn Đức":     "luong-van-duc-3",
		"Lương Văn Đức Anh": "luong-van-duc-anh",
	}
	for i, in := range shuffled(stories) {
		t.Run(fmt.Sprintf("order %d", i), func(t *testing.T) {
			s := build(t, &content.Site{Stories: in})
			got := map[string]string{}
			seen := map[string]string{}
			for _, p := range s.People {
				got[p.Name] = p.Slug
				if other, dup := seen[p.Slug]; dup {
					t.Errorf("%q and %q share the slug %q", other, p.Name, p.Slug)
				}
				seen[p.Slug] = p.Name
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("slugs = %v, want %v", got, want)
			}
			for _, st := range s.Stories {
				if st.Person == nil || st.Person.Name != st.Story.Person {
					t.Errorf("%s: person %v, want %q", st.Slug, st.Person, st.Story.Person)
				}
			}
			// Both of Đức's stories are one person's, newest first.
			for _, p := range s.People {
				if p.Name == "Lương Văn Đức" {
					equal(t, "Đức's stories", slugs(p.Stories), []string{"duc-3", "duc-1"})
				}
			}
		})
	}
}

func TestPersonDetails(t *testing.T) {
	older := story(t, "cu", "2022-01-01T08:00:00+07:00", "Hoàng Thị Lan")
	older.Position = "Chuyên viên"
	older.Department = "van-phong"
	older.Awards = []content.Award{{Name: "Bằng khen 2021"}}
	newer := story(t, "moi", "2024-01-01T08:00:00+07:00", "Hoàng Thị Lan")
	newer.Position = "Phó Trưởng phòng"
	newer.Department = "lanh-su"
	newer.Awards = []content.Award{{Name: "Chiến sĩ thi đua 2023"}, {Name: "Bằng khen 2023"}}
	other := story(t, "khac", "2023-01-01T08:00:00+07:00", "Nguyễn Văn An")

	t.Run("latest story", func(t *testing.T) {
		s := build(t, &content.Site{Stories: []*content.Story{older, other, newer}})
		p := s.Stories[0].Person
		if p.Name != "Hoàng Thị Lan" || p.Position != "Phó Trưởng phòng" || p.Department == nil || p.Department.Key != "lanh-su" {
			t.Errorf("person = %q, %q, %v; want the latest story's position and department", p.Name, p.Position, p.Department)
		}
		var awards []string
		for _, a := range p.Awards {
			awards = append(awards, a.Name+" ("+a.Story.Slug+")")
		}
		equal(t, "awards", awards, []string{"Chiến sĩ thi đua 2023 (moi)", "Bằng khen 2023 (moi)", "Bằng khen 2021 (cu)"})
		if p.Profile != nil {
			t.Errorf("Profile = %+v, want none", p.Profile)
		}
	})
	t.Run("profile", func(t *testing.T) {
		pr := &content.Profile{Name: "Hoàng Thị Lan", Position: "Trưởng phòng"}
		stray := &content.Profile{Name: "Không Có Bài"}
		s := build(t, &content.Site{Stories: []*content.Story{older, other, newer}, Profiles: []*content.Profile{pr, stray}})
		p := s.Stories[0].Person
		if p.Profile == nil || p.Profile.Profile != pr || p.Position != "Trưởng phòng" {
			t.Errorf("profile %v, position %q; want the profile's", p.Profile, p.Position)
		}
		if len(s.People) != 2 {
			t.Errorf("%d people, want 2: a profile without stories adds no one", len(s.People))
		}
	})
}

func TestAwardsAndGender(t *testing.T) {
	older := story(t, "cu", "2022-01-01T08:00:00+07:00", "Hoàng Thị Lan")
	older.Gender = "nữ"
	older.Awards = []content.Award{{Kind: "bang-khen-tinh", Decision: "245/QĐ-UBND", Year: 2021}, {Name: "Bằng khen cũ"}}
	newer := story(t, "moi", "2024-01-01T08:00:00+07:00", "Hoàng Thị Lan")
	s := build(t, &content.Site{Stories: []*content.Story{older, newer}})
	p := s.People[0]
	if p.Gender != "nữ" {
		t.Errorf("Gender = %q, want the older story's, as the newer says none", p.Gender)
	}
	st := s.Stories[1]
	if len(st.Awards) != 2 || len(p.Awards) != 2 {
		t.Fatalf("story awards %d, person awards %d; want 2 and 2", len(st.Awards), len(p.Awards))
	}
	a, b := st.Awards[0], st.Awards[1]
	if a.Form == nil || a.Title() != "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" || a.Level() != "Cấp tỉnh, bộ" || a.YearOf() != 2021 || a.Story != st {
		t.Errorf("registry award = %+v, %q, %q, %d", a, a.Title(), a.Level(), a.YearOf())
	}
	if b.Form != nil || b.Title() != "Bằng khen cũ" || b.Level() != "" || b.YearOf() != 2022 {
		t.Errorf("free-text award = %+v: want its name, no level, the story's year", b)
	}
	pr := &content.Profile{Name: "Hoàng Thị Lan", Gender: "nam"}
	if p := build(t, &content.Site{Stories: []*content.Story{older}, Profiles: []*content.Profile{pr}}).People[0]; p.Gender != "nam" {
		t.Errorf("Gender = %q, want the profile's", p.Gender)
	}
}

func TestCampaigns(t *testing.T) {
	campaigns := []*content.Campaign{
		{Key: "ket-thuc-cu", Title: "Kết thúc, bắt đầu 2022", Start: day(t, 2022, 1, 1), End: day(t, 2024, 12, 31)},
		{Key: "dang-dien-ra", Title: "Không có ngày kết thúc", Start: day(t, 2024, 1, 1)},
		{Key: "con-han", Title: "Kết thúc sau hôm nay", Start: day(t, 2023, 1, 1), End: day(t, 2025, 12, 31)},
		{Key: "het-hom-nay", Title: "Kết thúc hôm nay", Start: day(t, 2023, 6, 1), End: day(t, 2025, 6, 15)},
		{Key: "het-hom-qua", Title: "Kết thúc hôm qua", Start: day(t, 2024, 5, 1), End: day(t, 2025, 6, 14)},
		{Key: "trong", Title: "Chưa có bài", Start: day(t, 2020, 1, 1), End: day(t, 2021, 1, 1)},
	}
	mk := func(slug, when, model string, camps ...string) *content.Story {
		st := story(t, slug, when, "Người "+slug)
		st.Model = model
		st.Campaigns = camps
		return st
	}
	stories := []*content.Story{
		mk("a1", "2024-02-01T08:00:00+07:00", "dan-van-kheo", "dang-dien-ra"),
		mk("a2", "2024-03-01T08:00:00+07:00", "dan-van-kheo", "dang-dien-ra", "con-han"),
		mk("a3", "2024-04-01T08:00:00+07:00", "chuyen-mon", "dang-dien-ra"),
		mk("a4", "2024-05-01T08:00:00+07:00", "khong-co", "dang-dien-ra"), // unknown model: not counted
		mk("b1", "2023-02-01T08:00:00+07:00", "hoc-tap-va-lam-theo-bac", "ket-thuc-cu", "khong-co-phong-trao"),
	}
	wantOrder := []string{"dang-dien-ra", "het-hom-nay", "con-han", "het-hom-qua", "ket-thuc-cu", "trong"}
	wantOngoing := map[string]bool{"dang-dien-ra": true, "het-hom-nay": true, "con-han": true}
	wantStories := map[string][]string{
		"dang-dien-ra": {"a4", "a3", "a2", "a1"},
		"con-han":      {"a2"},
		"ket-thuc-cu":  {"b1"},
	}
	wantByModel := map[string][]int{ // in registry order: hoc-tap…, dan-van-kheo, chuyen-mon
		"dang-dien-ra": {0, 2, 1},
		"con-han":      {0, 1, 0},
		"ket-thuc-cu":  {1, 0, 0},
		"het-hom-nay":  {0, 0, 0},
		"het-hom-qua":  {0, 0, 0},
		"trong":        {0, 0, 0},
	}
	for i, in := range shuffled(stories) {
		t.Run(fmt.Sprintf("order %d", i), func(t *testing.T) {
			camps := slices.Clone(campaigns)
			slices.Reverse(camps)
			s := build(t, &content.Site{Stories: in, Campaigns: camps})
			var keys []string
			for _, c := range s.Campaigns {
				keys = append(keys, c.Key)
				if c.Ongoing != wantOngoing[c.Key] {
					t.Errorf("%s: Ongoing = %v", c.Key, c.Ongoing)
				}
				if c.URL != "phong-trao/"+c.Key+"/" {
					t.Errorf("%s: URL = %q", c.Key, c.URL)
				}
				equal(t, c.Key+" stories", slugs(c.Stories), wantStories[c.Key])
				var counts []int
				for j, mc := range c.ByModel {
					counts = append(counts, mc.Count)
					if mc.Model != s.Models[j] {
						t.Errorf("%s: ByModel[%d] is %v, want the registry's model %q", c.Key, j, mc.Model, s.Models[j].Key)
					}
				}
				equal(t, c.Key+" counts", counts, wantByModel[c.Key])
			}
			equal(t, "campaigns", keys, wantOrder)
			for _, st := range s.Stories {
				if st.Slug == "b1" && (len(st.Campaigns) != 1 || st.Campaigns[0].Key != "ket-thuc-cu") {
					t.Errorf("b1: campaigns %v, want only the known one", st.Campaigns)
				}
			}
		})
	}
}

func TestCampaignListedTwice(t *testing.T) {
	st := story(t, "a", "2024-02-01T08:00:00+07:00", "A")
	st.Campaigns = []string{"c", "c"}
	s := build(t, &content.Site{
		Stories:   []*content.Story{st},
		Campaigns: []*content.Campaign{{Key: "c", Start: day(t, 2024, 1, 1)}},
	})
	c := s.Campaigns[0]
	if len(c.Stories) != 1 || c.ByModel[1].Count != 1 || len(s.Stories[0].Campaigns) != 1 {
		t.Errorf("campaign stories %v, counts %v, story's campaigns %d: want the story once", slugs(c.Stories), c.ByModel, len(s.Stories[0].Campaigns))
	}
}

func TestTags(t *testing.T) {
	mk := func(slug, when string, tags ...string) *content.Story {
		st := story(t, slug, when, "Người "+slug)
		st.Tags = tags
		return st
	}
	stories := []*content.Story{
		mk("s1", "2022-01-01T08:00:00+07:00", "cải cách hành chính", "biên giới"),
		mk("s2", "2023-01-01T08:00:00+07:00", "Cải cách hành chính"),
		mk("s3", "2024-01-01T08:00:00+07:00", "cải cách hành chính", "Đối ngoại", "cải cách hành chính"),
		mk("s4", "2021-01-01T08:00:00+07:00", "!!!"), // no slug: no tag
		mk("s5", "2020-01-01T08:00:00+07:00", "Cai cach hanh chinh"),
	}
	for i, in := range shuffled(stories) {
		t.Run(fmt.Sprintf("order %d", i), func(t *testing.T) {
			s := build(t, &content.Site{Stories: in})
			var keys []string
			byKey := map[string]*site.Term{}
			for _, tag := range s.Tags {
				keys = append(keys, tag.Key)
				byKey[tag.Key] = tag
				if tag.Kind != "tag" || tag.URL != "chu-de/"+tag.Key+"/" {
					t.Errorf("%s: kind %q, URL %q", tag.Key, tag.Kind, tag.URL)
				}
			}
			// Vietnamese order: biên < cải < đối.
			equal(t, "tags", keys, []string{"bien-gioi", "cai-cach-hanh-chinh", "doi-ngoai"})
			cc := byKey["cai-cach-hanh-chinh"]
			if cc == nil {
				t.Fatal("no cai-cach-hanh-chinh tag")
			}
			if cc.Name != "cải cách hành chính" {
				t.Errorf("Name = %q, want the newest story's spelling", cc.Name)
			}
			equal(t, "cai-cach-hanh-chinh stories", slugs(cc.Stories), []string{"s3", "s2", "s1", "s5"})
			for _, st := range s.Stories {
				var tags []string
				for _, tag := range st.Tags {
					tags = append(tags, tag.Key)
				}
				want := map[string][]string{
					"s1": {"cai-cach-hanh-chinh", "bien-gioi"},
					"s2": {"cai-cach-hanh-chinh"},
					"s3": {"cai-cach-hanh-chinh", "doi-ngoai"},
					"s5": {"cai-cach-hanh-chinh"},
				}[st.Slug]
				equal(t, st.Slug+" tags", tags, want)
			}
		})
	}
}

func TestYears(t *testing.T) {
	stories := []*content.Story{
		// 23:30 on New Year's Eve in Hà Nội: 2023.
		story(t, "giao-thua", "2023-12-31T23:30:00+07:00", "A"),
		// Half past midnight on New Year's Day in Hà Nội, stored in UTC, where it is still 2023.
		{Slug: "nam-moi", Date: time.Date(2023, 12, 31, 17, 30, 0, 0, time.UTC), Person: "B"},
		// Evening of 31 December 2022 in New York is 2023 in Hà Nội.
		story(t, "new-york", "2022-12-31T20:00:00-05:00", "C"),
		story(t, "cu", "2021-06-01T08:00:00+07:00", "D"),
		story(t, "giua-nam", "2023-06-01T08:00:00+07:00", "E"),
	}
	wantYears := []string{"2024", "2023", "2021"}
	wantStories := map[string][]string{
		"2024": {"nam-moi"},
		"2023": {"giao-thua", "giua-nam", "new-york"},
		"2021": {"cu"},
	}
	for i, in := range shuffled(stories) {
		t.Run(fmt.Sprintf("order %d", i), func(t *testing.T) {
			s := build(t, &content.Site{Stories: in})
			var keys []string
			for _, y := range s.Years {
				keys = append(keys, y.Key)
				if y.Name != y.Key || y.URL != "nam/"+y.Key+"/" || y.Kind != "year" {
					t.Errorf("year %s: name %q, URL %q, kind %q", y.Key, y.Name, y.URL, y.Kind)
				}
				equal(t, y.Key+" stories", slugs(y.Stories), wantStories[y.Key])
			}
			equal(t, "years", keys, wantYears)
			for _, st := range s.Stories {
				if !slices.Contains(wantStories[st.Year.Key], st.Slug) {
					t.Errorf("%s: year %s", st.Slug, st.Year.Key)
				}
			}
		})
	}
}

func TestRelated(t *testing.T) {
	mk := func(slug, when, person, model string, camps, tags []string) *content.Story {
		st := story(t, slug, when, person)
		st.Model = model
		st.Campaigns = camps
		st.Tags = tags
		return st
	}
	none := []string(nil)
	stories := []*content.Story{
		mk("lan-3", "2024-01-01T08:00:00+07:00", "Hoàng Thị Lan", "dan-van-kheo", []string{"c1"}, []string{"biên giới"}),
		mk("lan-2", "2021-01-01T08:00:00+07:00", "Hoàng Thị Lan", "chuyen-mon", none, none),
		mk("lan-1", "2020-01-01T08:00:00+07:00", "Hoàng Thị Lan", "chuyen-mon", none, none),
		mk("camp-new", "2023-01-01T08:00:00+07:00", "Người 1", "hoc-tap-va-lam-theo-bac", []string{"c1"}, []string{"biên giới"}),
		mk("camp-old", "2019-01-01T08:00:00+07:00", "Người 2", "chuyen-mon", []string{"c1", "c2"}, none),
		mk("model-1", "2025-01-01T08:00:00+07:00", "Người 3", "dan-van-kheo", none, none),
		mk("model-2", "2018-01-01T08:00:00+07:00", "Người 4", "dan-van-kheo", none, none),
		mk("tag-1", "2025-02-01T08:00:00+07:00", "Người 5", "hoc-tap-va-lam-theo-bac", none, []string{"Biên giới"}),
		mk("lone", "2025-03-01T08:00:00+07:00", "Người 6", "khong-co", none, none),
	}
	campaigns := []*content.Campaign{{Key: "c1", Start: day(t, 2018, 1, 1)}, {Key: "c2", Start: day(t, 2018, 1, 1)}}
	want := map[string][]string{
		// Person, then campaign, then model; tag-1 (tier 4) does not fit.
		"lan-3": {"lan-2", "lan-1", "camp-new", "camp-old", "model-1"},
		// Person (newest first), then campaign-less, then model chuyen-mon (newest first).
		"lan-2": {"lan-3", "lan-1", "camp-old"},
		// Campaign c1, then model hoc-tap (tag-1), then the tag (lan-3, already in).
		"camp-new": {"lan-3", "camp-old", "tag-1"},
		// Campaigns c1 and c2, then model chuyen-mon.
		"camp-old": {"lan-3", "camp-new", "lan-2", "lan-1"},
		// Model hoc-tap, then tag biên giới: camp-new is in both, listed once.
		"tag-1": {"camp-new", "lan-3"},
		"lone":  nil,
	}
	for i, in := range shuffled(stories) {
		t.Run(fmt.Sprintf("order %d", i), func(t *testing.T) {
			camps := slices.Clone(campaigns)
			if i%2 == 1 {
				slices.Reverse(camps)
			}
			s := build(t, &content.Site{Stories: in, Campaigns: camps})
			for _, st := range s.Stories {
				got := slugs(st.Related)
				if w, ok := want[st.Slug]; ok {
					equal(t, st.Slug+" related", got, w)
				}
				if len(got) > site.RelatedCount {
					t.Errorf("%s: %d related, want at most %d", st.Slug, len(got), site.RelatedCount)
				}
				if slices.Contains(got, st.Slug) {
					t.Errorf("%s is related to itself", st.Slug)
				}
				sorted := slices.Clone(got)
				slices.Sort(sorted)
				if len(slices.Compact(sorted)) != len(got) {
					t.Errorf("%s: related has duplicates: %q", st.Slug, got)
				}
			}
		})
	}
}

func TestRelatedCapped(t *testing.T) {
	var stories []*content.Story
	for i := range 9 {
		stories = append(stories, story(t, fmt.Sprintf("s%d", i), fmt.Sprintf("2024-01-%02dT08:00:00+07:00", i+1), "Hoàng Thị Lan"))
	}
	s := build(t, &content.Site{Stories: stories})
	for _, st := range s.Stories {
		if len(st.Related) != site.RelatedCount {
			t.Errorf("%s: %d related, want %d", st.Slug, len(st.Related), site.RelatedCount)
		}
	}
	// The newest story's related are the next five, newest first.
	equal(t, "s8 related", slugs(s.Stories[0].Related), []string{"s7", "s6", "s5", "s4", "s3"})
	// The oldest story's are the five newest.
	equal(t, "s0 related", slugs(s.Stories[8].Related), []string{"s8", "s7", "s6", "s5", "s4"})
}

func TestTermCounts(t *testing.T) {
	mk := func(slug, when, model, dept string) *content.Story {
		st := story(t, slug, when, "Người "+slug)
		st.Model = model
		st.Department = dept
		return st
	}
	stories := []*content.Story{
		mk("a", "2024-01-01T08:00:00+07:00", "dan-van-kheo", "lanh-su"),
		mk("b", "2024-02-01T08:00:00+07:00", "dan-van-kheo", "van-phong"),
		mk("c", "2024-03-01T08:00:00+07:00", "chuyen-mon", "lanh-su"),
		mk("d", "2024-04-01T08:00:00+07:00", "khong-co", "khong-co"),
		mk("e", "2024-05-01T08:00:00+07:00", "dan-van-kheo", ""),
	}
	s := build(t, &content.Site{Stories: stories})
	models := config.DefaultModels()
	if len(s.Models) != len(models) {
		t.Fatalf("%d models, want %d", len(s.Models), len(models))
	}
	wantModels := map[string][]string{
		"hoc-tap-va-lam-theo-bac": nil,
		"dan-van-kheo":            {"e", "b", "a"},
		"chuyen-mon":              {"c"},
	}
	for i, m := range s.Models {
		if m.Key != models[i].Key || m.Name != models[i].Name || m.Index != i || m.Kind != "model" || m.URL != "mo-hinh/"+m.Key+"/" {
			t.Errorf("model %d = %+v, want %+v in registry order", i, m, models[i])
		}
		equal(t, m.Key+" stories", slugs(m.Stories), wantModels[m.Key])
	}
	wantDepts := []struct {
		key     string
		stories []string
	}{{"lanh-su", []string{"c", "a"}}, {"van-phong", []string{"b"}}}
	if len(s.Departments) != len(wantDepts) {
		t.Fatalf("%d departments, want %d", len(s.Departments), len(wantDepts))
	}
	for i, d := range s.Departments {
		if d.Key != wantDepts[i].key || d.Index != i || d.Kind != "department" || d.URL != "don-vi/"+d.Key+"/" {
			t.Errorf("department %d = %+v, want key %q", i, d, wantDepts[i].key)
		}
		equal(t, d.Key+" stories", slugs(d.Stories), wantDepts[i].stories)
	}
	for _, st := range s.Stories {
		if (st.Slug == "d") != (st.Model == nil) {
			t.Errorf("%s: model %v", st.Slug, st.Model)
		}
		if (st.Slug == "d" || st.Slug == "e") != (st.Department == nil) {
			t.Errorf("%s: department %v", st.Slug, st.Department)
		}
	}
}

func TestBuildKeepsPagesAndSkipped(t *testing.T) {
	pages := []*content.Page{{Slug: "gioi-thieu"}}
	skipped := []content.Skipped{{File: "content/stories/nhap.md", Reason: content.SkippedDraft}}
	s := build(t, &content.Site{Pages: pages, Skipped: skipped})
	if len(s.Pages) != 1 || s.Pages[0].Page != pages[0] || len(s.Skipped) != 1 || s.Skipped[0] != skipped[0] {
		t.Errorf("pages %v, skipped %v", s.Pages, s.Skipped)
	}
	if len(s.Stories) != 0 || len(s.People) != 0 || len(s.Years) != 0 || len(s.Tags) != 0 {
		t.Errorf("an empty site has stories %d, people %d, years %d, tags %d", len(s.Stories), len(s.People), len(s.Years), len(s.Tags))
	}
	if !s.Now.Equal(now(t)) {
		t.Errorf("Now = %v", s.Now)
	}
}

func TestPaginate(t *testing.T) {
	const list = "mo-hinh/dan-van-kheo/"
	mk := func(n int) []*site.Story {
		out := make([]*site.Story, n)
		for i := range out {
			out[i] = &site.Story{Story: &content.Story{Slug: fmt.Sprintf("s%d", i+1)}}
		}
		return out
	}
	tests := []struct {
		name      string
		stories   int
		per       int
		wantPages [][]string // slugs on each page
		wantFirst []int
	}{
		{"no stories", 0, 3, [][]string{nil}, []int{0}},
		{"one story", 1, 3, [][]string{{"s1"}}, []int{1}},
		{"exactly per", 3, 3, [][]string{{"s1", "s2", "s3"}}, []int{1}},
		{"per plus one", 4, 3, [][]string{{"s1", "s2", "s3"}, {"s4"}}, []int{1, 4}},
		{"three pages", 7, 3, [][]string{{"s1", "s2", "s3"}, {"s4", "s5", "s6"}, {"s7"}}, []int{1, 4, 7}},
		{"one per page", 2, 1, [][]string{{"s1"}, {"s2"}}, []int{1, 2}},
		{"per zero means ten", 11, 0, [][]string{{"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"}, {"s11"}}, []int{1, 11}},
		{"negative per means ten", 3, -1, [][]string{{"s1", "s2", "s3"}}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := site.Paginate(list, mk(tt.stories), tt.per)
			if len(pages) != len(tt.wantPages) {
				t.Fatalf("%d pages, want %d", len(pages), len(tt.wantPages))
			}
			for i, p := range pages {
				n := i + 1
				if p.Number != n || p.Total != len(pages) || len(p.All) != len(pages) || p.All[i] != p {
					t.Errorf("page %d: Number %d, Total %d, %d in All", n, p.Number, p.Total, len(p.All))
				}
				wantURL := list
				if n > 1 {
					wantURL = fmt.Sprintf("%strang/%d/", list, n)
				}
				if p.URL != wantURL {
					t.Errorf("page %d: URL %q, want %q", n, p.URL, wantURL)
				}
				if strings.Contains(p.URL, "trang/1/") {
					t.Errorf("page %d: URL %q names page 1", n, p.URL)
				}
				equal(t, fmt.Sprintf("page %d stories", n), slugs(p.Stories), tt.wantPages[i])
				if p.First != tt.wantFirst[i] {
					t.Errorf("page %d: First = %d, want %d", n, p.First, tt.wantFirst[i])
				}
				if prev := p.Prev(); (i == 0) != (prev == nil) || prev != nil && prev != pages[i-1] {
					t.Errorf("page %d: Prev = %v", n, prev)
				}
				if next := p.Next(); (i == len(pages)-1) != (next == nil) || next != nil && next != pages[i+1] {
					t.Errorf("page %d: Next = %v", n, next)
				}
			}
		})
	}
}

// TestBuildBodies: each campaign, page and profile gets its own converted
// body, in the content's order; an excerpt is the summary as
// written, else the body's first paragraph, and so is a page's summary.
func TestBuildBodies(t *testing.T) {
	at := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	a := &content.Story{File: "a.md", Slug: "a", Title: "A", Person: "An", Date: at, Summary: "Tóm tắt viết sẵn.", FirstParagraph: "Bài A."}
	b := &content.Story{File: "b.md", Slug: "b", Title: "B", Person: "Bình", Date: at.AddDate(0, 0, 1), FirstParagraph: "Bài B."}
	c := &content.Site{
		Stories:  []*content.Story{a, b},
		Pages:    []*content.Page{{Slug: "gioi-thieu", Title: "Giới thiệu"}},
		Profiles: []*content.Profile{{Name: "Bình"}},
	}
	bodies := site.Bodies{
		Pages:    []site.Body{{HTML: "<p>Trang.</p>", FirstParagraph: "Trang."}},
		Profiles: []site.Body{{HTML: "<p>Tiểu sử.</p>"}},
	}
	s := site.Build(testConfig(t), c, bodies, now(t))
	got := map[string]*site.Story{}
	for _, st := range s.Stories {
		got[st.Slug] = st
	}
	if st := got["a"]; st.Excerpt != "Tóm tắt viết sẵn." {
		t.Errorf("a: excerpt %q", st.Excerpt)
	}
	if st := got["b"]; st.Excerpt != "Bài B." {
		t.Errorf("b: excerpt %q", st.Excerpt)
	}
	if p := s.Pages[0]; p.HTML != "<p>Trang.</p>" || p.Summary != "Trang." || c.Pages[0].Summary != "" {
		t.Errorf("page: HTML %q, summary %q; the content's summary %q", p.HTML, p.Summary, c.Pages[0].Summary)
	}
	if p := got["b"].Person; p.Profile == nil || p.Profile.HTML != "<p>Tiểu sử.</p>" {
		t.Errorf("profile %+v", p.Profile)
	}
}
