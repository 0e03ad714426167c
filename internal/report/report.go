// Package report makes the Office's report ("Báo cáo kết quả thực hiện Kế
// hoạch tuyên truyền gương điển hình tiên tiến") from the site model: the
// figures of stories and exemplars by department, model type and year, by
// campaign, collectives and individuals (with "trong đó nữ" where genders
// are known), awards by form and level, and the list of commendations.
//
// A Report is a list of Tables of Cells, so that every writer (CSV, XLSX,
// JSON, the bao-cao/ pages) shows the same figures from one computation.
//
// How things are counted:
//   - a story counts in the year of its date, in its department and model
//     type, and in each of its campaigns;
//   - an exemplar (gương điển hình) is a person or collective with at least
//     one story in scope; a total counts each exemplar once, however many
//     stories, years or campaigns they have, so a total of exemplars may be
//     less than the sum of its rows;
//   - an award counts in the year of the achievement (its "year", else the
//     year of its decision, else the year of its story), and only if its
//     story is in the department and campaign filtered on.
package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/site"
)

// Heading is the report's title line, as the plan names it.
const Heading = "Kết quả thực hiện Kế hoạch tuyên truyền gương điển hình tiên tiến"

// Filter narrows a report. Zero values do not filter.
type Filter struct {
	From, To   int    // years, inclusive
	Department string // a department's key
	Campaign   string // a campaign's key
}

// Check returns an error, in Vietnamese, if the filter names a department
// or campaign the site does not have, or its years are reversed.
func (f Filter) Check(s *site.Site) error {
	if f.From != 0 && f.To != 0 && f.From > f.To {
		return fmt.Errorf("năm bắt đầu %d sau năm kết thúc %d", f.From, f.To)
	}
	if f.Department != "" && department(s, f.Department) == nil {
		return fmt.Errorf("không có đơn vị %q; các đơn vị: %s", f.Department, strings.Join(termKeys(s.Departments), ", "))
	}
	if f.Campaign != "" && campaign(s, f.Campaign) == nil {
		var keys []string
		for _, c := range s.Campaigns {
			keys = append(keys, c.Key)
		}
		return fmt.Errorf("không có phong trào %q; các phong trào: %s", f.Campaign, strings.Join(keys, ", "))
	}
	return nil
}

func termKeys(ts []*site.Term) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Key)
	}
	return out
}

func department(s *site.Site, key string) *site.Term {
	for _, d := range s.Departments {
		if d.Key == key {
			return d
		}
	}
	return nil
}

func campaign(s *site.Site, key string) *site.Campaign {
	for _, c := range s.Campaigns {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// Report is the report of a site under a filter.
type Report struct {
	Filter       Filter
	Organization string
	Department   *site.Term     // the department filtered on, or nil
	Campaign     *site.Campaign // the campaign filtered on, or nil
	Years        []int          // the years of the period, oldest first
	Period       string         // "Giai đoạn 2022 – 2025", "Năm 2024"

	// The headline figures.
	Stories, Exemplars, Collectives, Individuals, Women, Awards int

	Tables []*Table
	Charts []*Chart
}

// Table is one table of the report.
type Table struct {
	ID      string // stable: the XLSX sheet, the JSON key, the HTML id
	Sheet   string // the XLSX sheet's name (at most 31 characters)
	Title   string
	Columns []string
	Rows    [][]Cell
	Total   []Cell // the totals row, nil if the table has none
	Note    string // how the table counts, when it needs saying
}

// Cell is a number or a text, with an optional link (an absolute URL).
type Cell struct {
	Text  string
	Num   int
	IsNum bool
	Link  string
}

// Num is a number cell.
func Num(n int) Cell { return Cell{Num: n, IsNum: true, Text: strconv.Itoa(n)} }

// Text is a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// String is the cell as CSV writes it.
func (c Cell) String() string {
	if c.IsNum {
		return strconv.Itoa(c.Num)
	}
	return c.Text
}

// Table returns the table with id, or nil.
func (r *Report) Table(id string) *Table {
	for _, t := range r.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// The tables' ids.
const (
	TableByDepartment = "don-vi-mo-hinh-nam"
	TableByCampaign   = "phong-trao"
	TableBySubject    = "tap-the-ca-nhan"
	TableAwardsByForm = "khen-thuong-hinh-thuc"
	TableAwardsLevel  = "khen-thuong-cap"
	TableAwardList    = "danh-sach-khen-thuong"
)

// Compute makes the report of s under f.
func Compute(s *site.Site, f Filter) *Report {
	r := &Report{Filter: f, Organization: s.Config.Organization}
	if r.Organization == "" {
		r.Organization = s.Config.Title
	}
	if f.Department != "" {
		r.Department = department(s, f.Department)
	}
	if f.Campaign != "" {
		r.Campaign = campaign(s, f.Campaign)
	}
	base := s.Config.BaseURL.String()

	// The stories in scope, oldest first; and the awards.
	var stories []*site.Story
	var awards []*site.Award
	inDept := func(st *site.Story) bool {
		return f.Department == "" || st.Department != nil && st.Department.Key == f.Department
	}
	inCampaign := func(st *site.Story) bool {
		return f.Campaign == "" || slices.ContainsFunc(st.Campaigns, func(c *site.Campaign) bool { return c.Key == f.Campaign })
	}
	inYears := func(y int) bool { return (f.From == 0 || y >= f.From) && (f.To == 0 || y <= f.To) }
	years := map[int]bool{}
	for i := len(s.Stories) - 1; i >= 0; i-- {
		st := s.Stories[i]
		if !inDept(st) || !inCampaign(st) {
			continue
		}
		if y := year(st); inYears(y) {
			stories = append(stories, st)
			years[y] = true
		}
		for _, a := range st.Awards {
			if y := a.YearOf(); inYears(y) {
				awards = append(awards, a)
				years[y] = true
			}
		}
	}
	if f.From != 0 && f.To != 0 {
		for y := f.From; y <= f.To; y++ {
			years[y] = true
		}
	}
	for y := range years {
		r.Years = append(r.Years, y)
	}
	slices.Sort(r.Years)
	if len(r.Years) > 1 {
		// No gap: a year without stories still has its column.
		for y := r.Years[0] + 1; y < r.Years[len(r.Years)-1]; y++ {
			if !years[y] {
				r.Years = append(r.Years, y)
			}
		}
		slices.Sort(r.Years)
	}
	switch {
	case len(r.Years) == 1:
		r.Period = fmt.Sprintf("Năm %d", r.Years[0])
	case len(r.Years) > 1:
		r.Period = fmt.Sprintf("Giai đoạn %d – %d", r.Years[0], r.Years[len(r.Years)-1])
	}
	sortAwards(awards)

	r.Stories = len(stories)
	people := distinct(stories)
	r.Exemplars = len(people)
	for _, p := range people {
		if p.Collective {
			r.Collectives++
		} else {
			r.Individuals++
			if p.Gender == content.Female {
				r.Women++
			}
		}
	}
	r.Awards = len(awards)

	r.Tables = []*Table{
		byDepartment(s, stories, r.Years),
		byCampaign(s, stories),
		bySubject(stories, r.Years),
		awardsByForm(s.Config, awards, r.Years),
		awardsByLevel(awards, r.Years),
		awardList(awards, base),
	}
	r.Charts = charts(s, stories, r.Years)
	return r
}

// year is the year of a story, in the site's time zone.
func year(st *site.Story) int {
	y, _ := strconv.Atoi(st.Year.Key)
	return y
}

// distinct returns the people of stories, each once, in order of first story.
func distinct(stories []*site.Story) []*site.Person {
	seen := map[*site.Person]bool{}
	var out []*site.Person
	for _, st := range stories {
		if !seen[st.Person] {
			seen[st.Person] = true
			out = append(out, st.Person)
		}
	}
	return out
}

// sortAwards orders awards by year, then decision date, then name, then story.
func sortAwards(as []*site.Award) {
	slices.SortStableFunc(as, func(a, b *site.Award) int {
		if c := a.YearOf() - b.YearOf(); c != 0 {
			return c
		}
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.Story.Person.Name, b.Story.Person.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Story.Slug, b.Story.Slug)
	})
}

func yearColumns(years []int) []string {
	var out []string
	for _, y := range years {
		out = append(out, "Năm "+strconv.Itoa(y))
	}
	return out
}

// byDepartment: stories and exemplars by department × model type × year,
// one row for each combination that has stories.
func byDepartment(s *site.Site, stories []*site.Story, years []int) *Table {
	t := &Table{ID: TableByDepartment, Sheet: "Theo đơn vị", Title: "Bài viết và gương điển hình theo đơn vị, loại mô hình và năm",
		Columns: []string{"Đơn vị", "Loại mô hình", "Năm", "Số bài viết", "Số gương điển hình"},
		Note:    "Mỗi gương điển hình được tính một lần trong một dòng; dòng tổng cộng tính mỗi gương một lần cho cả giai đoạn."}
	type key struct {
		dept, model *site.Term
		year        int
	}
	groups := map[key][]*site.Story{}
	for _, st := range stories {
		k := key{st.Department, st.Model, year(st)}
		groups[k] = append(groups[k], st)
	}
	for _, d := range s.Departments {
		for _, m := range s.Models {
			for _, y := range years {
				g := groups[key{d, m, y}]
				if len(g) == 0 {
					continue
				}
				t.Rows = append(t.Rows, []Cell{Text(d.Name), Text(m.Name), Num(y), Num(len(g)), Num(len(distinct(g)))})
			}
		}
	}
	t.Total = []Cell{Text("Tổng cộng"), Text(""), Text(""), Num(len(stories)), Num(len(distinct(stories)))}
	return t
}

// byCampaign: stories and exemplars of each campaign.
func byCampaign(s *site.Site, stories []*site.Story) *Table {
	t := &Table{ID: TableByCampaign, Sheet: "Theo phong trào", Title: "Bài viết và gương điển hình theo phong trào thi đua",
		Columns: []string{"Phong trào thi đua", "Số bài viết", "Số gương điển hình", "Tập thể", "Cá nhân"},
		Note:    "Một bài viết có thể thuộc nhiều phong trào; dòng tổng cộng tính mỗi bài, mỗi gương một lần."}
	var inAny []*site.Story
	for _, c := range s.Campaigns {
		var g []*site.Story
		for _, st := range stories {
			if slices.Contains(st.Campaigns, c) {
				g = append(g, st)
			}
		}
		if len(g) == 0 {
			continue
		}
		inAny = append(inAny, g...)
		coll, ind := split(distinct(g))
		t.Rows = append(t.Rows, []Cell{Text(c.Title), Num(len(g)), Num(len(distinct(g))), Num(coll), Num(ind)})
	}
	inAny = distinctStories(inAny)
	coll, ind := split(distinct(inAny))
	t.Total = []Cell{Text("Tổng cộng"), Num(len(inAny)), Num(len(distinct(inAny))), Num(coll), Num(ind)}
	return t
}

func distinctStories(ss []*site.Story) []*site.Story {
	seen := map[*site.Story]bool{}
	var out []*site.Story
	for _, st := range ss {
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	return out
}

func split(people []*site.Person) (collectives, individuals int) {
	for _, p := range people {
		if p.Collective {
			collectives++
		} else {
			individuals++
		}
	}
	return
}

// bySubject: collectives and individuals by year, with the women among
// the individuals whose gender is known.
func bySubject(stories []*site.Story, years []int) *Table {
	t := &Table{ID: TableBySubject, Sheet: "Tập thể, cá nhân", Title: "Gương điển hình là tập thể, cá nhân",
		Columns: append(append([]string{"Đối tượng"}, yearColumns(years)...), "Cả giai đoạn"),
		Note:    "Mỗi gương được tính một lần trong mỗi năm có bài viết và một lần cho cả giai đoạn; \"trong đó nữ\" tính trên các cá nhân đã ghi giới tính."}
	byYear := map[int][]*site.Story{}
	for _, st := range stories {
		byYear[year(st)] = append(byYear[year(st)], st)
	}
	type count struct{ all, coll, ind, women, unknown int }
	tally := func(ss []*site.Story) count {
		var c count
		for _, p := range distinct(ss) {
			c.all++
			switch {
			case p.Collective:
				c.coll++
			case p.Gender == content.Female:
				c.ind++
				c.women++
			case p.Gender == "":
				c.ind++
				c.unknown++
			default:
				c.ind++
			}
		}
		return c
	}
	var counts []count
	for _, y := range years {
		counts = append(counts, tally(byYear[y]))
	}
	counts = append(counts, tally(stories))
	row := func(name string, get func(count) int) []Cell {
		cells := []Cell{Text(name)}
		for _, c := range counts {
			cells = append(cells, Num(get(c)))
		}
		return cells
	}
	t.Rows = [][]Cell{
		row("Tập thể", func(c count) int { return c.coll }),
		row("Cá nhân", func(c count) int { return c.ind }),
		row("– trong đó nữ", func(c count) int { return c.women }),
		row("– chưa ghi giới tính", func(c count) int { return c.unknown }),
	}
	t.Total = row("Tổng số gương điển hình", func(c count) int { return c.all })
	return t
}

// freeText is the row of awards written as free text.
const freeText = "Chưa phân loại (ghi bằng tên tự do)"

// awardsByForm: awards by form (in registry order) × year.
func awardsByForm(cfg *config.Config, awards []*site.Award, years []int) *Table {
	t := &Table{ID: TableAwardsByForm, Sheet: "Khen thưởng theo hình thức", Title: "Danh hiệu thi đua, hình thức khen thưởng theo năm",
		Columns: append(append([]string{"Danh hiệu, hình thức", "Loại", "Cấp"}, yearColumns(years)...), "Tổng")}
	row := func(name, kind, level string, match func(*site.Award) bool) []Cell {
		return append([]Cell{Text(name), Text(kind), Text(level)}, awardYears(awards, years, match)...)
	}
	for _, form := range cfg.Awards {
		r := row(form.Name, form.Kind.Name(), form.Level.Name(), func(a *site.Award) bool { return a.Form != nil && a.Form.Key == form.Key })
		if r[len(r)-1].Num > 0 {
			t.Rows = append(t.Rows, r)
		}
	}
	if r := row(freeText, "", "", func(a *site.Award) bool { return a.Form == nil }); r[len(r)-1].Num > 0 {
		t.Rows = append(t.Rows, r)
	}
	t.Total = row("Tổng cộng", "", "", func(*site.Award) bool { return true })
	return t
}

// awardYears counts the awards that match in each of years, then in all:
// a row's cells after its names.
func awardYears(awards []*site.Award, years []int, match func(*site.Award) bool) []Cell {
	cells := make([]Cell, 0, len(years)+1)
	total := 0
	for _, y := range years {
		n := 0
		for _, a := range awards {
			if a.YearOf() == y && match(a) {
				n++
			}
		}
		cells = append(cells, Num(n))
		total += n
	}
	return append(cells, Num(total))
}

// awardsByLevel: awards by level × year.
func awardsByLevel(awards []*site.Award, years []int) *Table {
	t := &Table{ID: TableAwardsLevel, Sheet: "Khen thưởng theo cấp", Title: "Khen thưởng theo cấp và năm",
		Columns: append(append([]string{"Cấp"}, yearColumns(years)...), "Tổng")}
	row := func(name string, match func(*site.Award) bool) []Cell {
		return append([]Cell{Text(name)}, awardYears(awards, years, match)...)
	}
	for _, l := range config.Levels {
		t.Rows = append(t.Rows, row(l.Name(), func(a *site.Award) bool { return a.Form != nil && a.Form.Level == l }))
	}
	if r := row(freeText, func(a *site.Award) bool { return a.Form == nil }); r[len(r)-1].Num > 0 {
		t.Rows = append(t.Rows, r)
	}
	t.Total = row("Tổng cộng", func(*site.Award) bool { return true })
	return t
}

// awardList: every award in scope, by year.
func awardList(awards []*site.Award, base string) *Table {
	t := &Table{ID: TableAwardList, Sheet: "Danh sách khen thưởng", Title: "Danh sách tập thể, cá nhân được khen thưởng",
		Columns: []string{"STT", "Danh hiệu, hình thức", "Cấp", "Số quyết định", "Ngày quyết định", "Người ký", "Tập thể, cá nhân", "Đơn vị", "Năm thành tích", "Bài viết"}}
	for i, a := range awards {
		date := ""
		if a.HasDate {
			date = a.Date.Format("02/01/2006")
		}
		dept := ""
		if a.Story.Department != nil {
			dept = a.Story.Department.Name
		}
		link := base + a.Story.URL
		t.Rows = append(t.Rows, []Cell{Num(i + 1), Text(a.Title()), Text(a.Level()), Text(a.Decision), Text(date), Text(a.Issuer),
			Text(a.Story.Person.Name), Text(dept), Num(a.YearOf()), {Text: link, Link: link}})
	}
	return t
}
