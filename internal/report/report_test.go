package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/report"
	"github.com/guong/guong/internal/site"
	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"
)

// corpusSite generates a site and builds its model (the subject of the
// test), and reads the same files again on its own (the oracle).
func corpusSite(t *testing.T, n int) (*site.Site, *oracle) {
	t.Helper()
	fsys, err := corpus.FS(corpus.Options{Stories: n, Seed: 22})
	if err != nil {
		t.Fatal(err)
	}
	r := build.Model(context.Background(), fsys, build.Options{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	if len(r.Diags) != 0 || r.Site == nil {
		t.Fatalf("diagnostics:\n%v", r.Diags)
	}
	return r.Site, readFiles(t, fsys)
}

// The oracle: stories read straight from their files with yaml.v3.
type oracle struct {
	stories   []fileStory
	campaigns map[string]string // key → title
	depts     map[string]string // key → name
	models    map[string]string
}

type fileStory struct {
	Date       time.Time `yaml:"date"`
	Person     string    `yaml:"person"`
	Collective bool      `yaml:"collective"`
	Gender     string    `yaml:"gender"`
	Department string    `yaml:"department"`
	Model      string    `yaml:"model"`
	Campaigns  []string  `yaml:"campaigns"`
	Awards     []struct {
		Kind     string    `yaml:"kind"`
		Decision string    `yaml:"decision"`
		Date     time.Time `yaml:"date"`
		Issuer   string    `yaml:"issuer"`
		Year     int       `yaml:"year"`
	} `yaml:"awards"`
}

func frontMatter(t *testing.T, data []byte) []byte {
	parts := strings.SplitN(string(data), "---\n", 3)
	if len(parts) < 3 {
		t.Fatalf("no front matter in %q", data)
	}
	return []byte(parts[1])
}

func readFiles(t *testing.T, fsys fstest.MapFS) *oracle {
	o := &oracle{campaigns: map[string]string{}, depts: map[string]string{}, models: map[string]string{}}
	var cfg struct {
		Models, Departments map[string]struct{ Name string }
	}
	if err := yaml.Unmarshal(fsys["site.yaml"].Data, &cfg); err != nil {
		t.Fatal(err)
	}
	for k, v := range cfg.Departments {
		o.depts[k] = v.Name
	}
	for k, v := range cfg.Models {
		o.models[k] = v.Name
	}
	for name, f := range fsys {
		switch {
		case strings.HasPrefix(name, "content/stories/"):
			var st fileStory
			if err := yaml.Unmarshal(frontMatter(t, f.Data), &st); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			o.stories = append(o.stories, st)
		case strings.HasPrefix(name, "content/campaigns/"):
			var c struct{ Title string }
			if err := yaml.Unmarshal(frontMatter(t, f.Data), &c); err != nil {
				t.Fatal(err)
			}
			o.campaigns[strings.TrimSuffix(strings.TrimPrefix(name, "content/campaigns/"), ".md")] = c.Title
		}
	}
	return o
}

var ict = time.FixedZone("ICT", 7*3600)

func (st fileStory) year() int { return st.Date.In(ict).Year() }

// selected returns the stories under f, and their awards under f.
func (o *oracle) selected(f report.Filter) (stories []fileStory, awards []award) {
	in := func(y int) bool { return (f.From == 0 || y >= f.From) && (f.To == 0 || y <= f.To) }
	for _, st := range o.stories {
		if f.Department != "" && st.Department != f.Department || f.Campaign != "" && !slices.Contains(st.Campaigns, f.Campaign) {
			continue
		}
		if in(st.year()) {
			stories = append(stories, st)
		}
		for _, a := range st.Awards {
			y := a.Year
			if y == 0 {
				y = a.Date.In(ict).Year()
			}
			if in(y) {
				awards = append(awards, award{kind: a.Kind, year: y, story: st})
			}
		}
	}
	return stories, awards
}

type award struct {
	kind  string
	year  int
	story fileStory
}

// people returns the exemplars of stories by name, each with a gender if
// any of their stories gives one (the generator gives a person one gender).
func people(ss []fileStory) map[string]fileStory {
	out := map[string]fileStory{}
	for _, st := range ss {
		if prev, ok := out[st.Person]; !ok || prev.Gender == "" {
			out[st.Person] = st
		}
	}
	return out
}

// rowsByKey maps a table's rows to their numbers, keyed by their leading
// text cells.
func rowsByKey(tb *report.Table, keyCells int) map[string][]int {
	out := map[string][]int{}
	for _, row := range tb.Rows {
		var key []string
		var nums []int
		for i, c := range row {
			if i < keyCells {
				key = append(key, c.String())
			} else if c.IsNum {
				nums = append(nums, c.Num)
			}
		}
		out[strings.Join(key, "|")] = nums
	}
	return out
}

func nums(cells []report.Cell) []int {
	var out []int
	for _, c := range cells {
		if c.IsNum {
			out = append(out, c.Num)
		}
	}
	return out
}

func equalCounts(t *testing.T, what string, got, want map[string][]int) {
	t.Helper()
	for k, w := range want {
		if !slices.Equal(got[k], w) {
			t.Errorf("%s %q: got %v, want %v", what, k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: row %q not expected (%v)", what, k, got[k])
		}
	}
}

// TestCountsEqualFiles: every table's figures equal a count made here from
// the generated files themselves, under several filters.
func TestCountsEqualFiles(t *testing.T) {
	s, o := corpusSite(t, 400)
	forms := map[string]config.Award{}
	for _, a := range config.DefaultAwards() {
		forms[a.Key] = a
	}
	var someCampaign string
	for k := range o.campaigns {
		if someCampaign == "" || k < someCampaign {
			someCampaign = k
		}
	}
	for _, tc := range []struct {
		name string
		f    report.Filter
	}{
		{"all", report.Filter{}},
		{"2023-2024", report.Filter{From: 2023, To: 2024}},
		{"department", report.Filter{Department: "phong-lanh-su"}},
		{"campaign", report.Filter{Campaign: someCampaign}},
		{"department and year", report.Filter{From: 2025, To: 2025, Department: "van-phong"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := report.Compute(s, tc.f)
			stories, awards := o.selected(tc.f)
			if len(stories) == 0 || len(awards) == 0 {
				t.Fatalf("%d stories, %d awards: the filter leaves nothing to count", len(stories), len(awards))
			}
			years := map[int]bool{}
			for _, st := range stories {
				years[st.year()] = true
			}
			for _, a := range awards {
				years[a.year] = true
			}

			// Stories and exemplars by department × model × year.
			want := map[string][]int{}
			groups := map[string][]fileStory{}
			for _, st := range stories {
				k := o.depts[st.Department] + "|" + o.models[st.Model] + "|" + strconv.Itoa(st.year())
				groups[k] = append(groups[k], st)
			}
			for k, g := range groups {
				want[k] = []int{len(g), len(people(g))}
			}
			tb := r.Table(report.TableByDepartment)
			equalCounts(t, tb.ID, rowsByKey(tb, 3), want)
			if got, w := nums(tb.Total), []int{len(stories), len(people(stories))}; !slices.Equal(got, w) {
				t.Errorf("%s total = %v, want %v", tb.ID, got, w)
			}
			if r.Stories != len(stories) || r.Exemplars != len(people(stories)) {
				t.Errorf("headline stories, exemplars = %d, %d; want %d, %d", r.Stories, r.Exemplars, len(stories), len(people(stories)))
			}

			// By campaign.
			want = map[string][]int{}
			var inAny []fileStory
			for key, title := range o.campaigns {
				var g []fileStory
				for _, st := range stories {
					if slices.Contains(st.Campaigns, key) {
						g = append(g, st)
					}
				}
				if len(g) > 0 {
					c, i := split(people(g))
					want[title] = []int{len(g), len(people(g)), c, i}
				}
			}
			for _, st := range stories {
				if len(st.Campaigns) > 0 {
					inAny = append(inAny, st)
				}
			}
			tb = r.Table(report.TableByCampaign)
			equalCounts(t, tb.ID, rowsByKey(tb, 1), want)
			c, i := split(people(inAny))
			if got, w := nums(tb.Total), []int{len(inAny), len(people(inAny)), c, i}; !slices.Equal(got, w) {
				t.Errorf("%s total = %v, want %v", tb.ID, got, w)
			}

			// Collectives and individuals, with the women, by year and for the period.
			tb = r.Table(report.TableBySubject)
			var cols [][]fileStory
			for _, y := range r.Years {
				var g []fileStory
				for _, st := range stories {
					if st.year() == y {
						g = append(g, st)
					}
				}
				cols = append(cols, g)
			}
			cols = append(cols, stories)
			want = map[string][]int{}
			var total []int
			for _, g := range cols {
				var coll, ind, women, unknown int
				for _, p := range people(g) {
					switch {
					case p.Collective:
						coll++
					default:
						ind++
						if p.Gender == "nữ" {
							women++
						}
						if p.Gender == "" {
							unknown++
						}
					}
				}
				want["Tập thể"] = append(want["Tập thể"], coll)
				want["Cá nhân"] = append(want["Cá nhân"], ind)
				want["– trong đó nữ"] = append(want["– trong đó nữ"], women)
				want["– chưa ghi giới tính"] = append(want["– chưa ghi giới tính"], unknown)
				total = append(total, len(people(g)))
			}
			equalCounts(t, tb.ID, rowsByKey(tb, 1), want)
			if !slices.Equal(nums(tb.Total), total) {
				t.Errorf("%s total = %v, want %v", tb.ID, nums(tb.Total), total)
			}
			if w := want["– trong đó nữ"][len(cols)-1]; r.Women != w || w == 0 && tc.name == "all" {
				t.Errorf("headline women = %d, want %d (and some in the whole site)", r.Women, w)
			}

			// Awards by form × year, and by level × year.
			byForm, byLevel := map[string][]int{}, map[string][]int{}
			for _, a := range awards {
				f := forms[a.kind]
				fk := f.Name + "|" + f.Kind.Name() + "|" + f.Level.Name()
				if byForm[fk] == nil {
					byForm[fk] = make([]int, len(r.Years)+1)
				}
				lk := f.Level.Name()
				if byLevel[lk] == nil {
					byLevel[lk] = make([]int, len(r.Years)+1)
				}
				idx := slices.Index(r.Years, a.year)
				byForm[fk][idx]++
				byForm[fk][len(r.Years)]++
				byLevel[lk][idx]++
				byLevel[lk][len(r.Years)]++
			}
			for _, l := range config.Levels {
				if byLevel[l.Name()] == nil {
					byLevel[l.Name()] = make([]int, len(r.Years)+1)
				}
			}
			tb = r.Table(report.TableAwardsByForm)
			equalCounts(t, tb.ID, rowsByKey(tb, 3), byForm)
			if got := nums(tb.Total); got[len(got)-1] != len(awards) || r.Awards != len(awards) {
				t.Errorf("%s total = %v, headline %d; want %d awards", tb.ID, got, r.Awards, len(awards))
			}
			tb = r.Table(report.TableAwardsLevel)
			equalCounts(t, tb.ID, rowsByKey(tb, 1), byLevel)

			// The list of commendations: one row per award, with its decision.
			tb = r.Table(report.TableAwardList)
			var got, wantList []string
			for _, row := range tb.Rows {
				got = append(got, row[3].Text+" "+row[6].Text+" "+row[8].String())
			}
			for _, a := range awards {
				for _, fa := range a.story.Awards {
					if fa.Kind == a.kind {
						wantList = append(wantList, fa.Decision+" "+a.story.Person+" "+strconv.Itoa(a.year))
						break
					}
				}
			}
			slices.Sort(got)
			slices.Sort(wantList)
			if !slices.Equal(got, wantList) {
				t.Errorf("%s: %d rows, want %d\n got %q\nwant %q", tb.ID, len(got), len(wantList), got[:min(5, len(got))], wantList[:min(5, len(wantList))])
			}
			// The roll of honour lists each exemplar once, with the awards of
			// their stories in scope.
			roll := report.Honour(s, tc.f, tc.name)
			if len(roll.Entries) != len(people(stories)) {
				t.Errorf("roll of honour: %d entries, want %d exemplars", len(roll.Entries), len(people(stories)))
			}
			rollAwards := 0
			for _, e := range roll.Entries {
				rollAwards += len(e.Awards)
			}
			storyAwards := 0
			for _, st := range stories {
				storyAwards += len(st.Awards)
			}
			if rollAwards != storyAwards {
				t.Errorf("roll of honour: %d awards, want the %d of the stories in scope", rollAwards, storyAwards)
			}
			for y := range years {
				if !slices.Contains(r.Years, y) {
					t.Errorf("year %d has stories or awards but no column (%v)", y, r.Years)
				}
			}
		})
	}
}

func split(ps map[string]fileStory) (coll, ind int) {
	for _, p := range ps {
		if p.Collective {
			coll++
		} else {
			ind++
		}
	}
	return
}

// TestXLSXMatchesCSV: the workbook, opened again with excelize, holds on
// each sheet exactly the header, rows and totals the CSV has for that
// table; the CSV starts with the BOM and keeps Vietnamese intact.
func TestXLSXMatchesCSV(t *testing.T) {
	s, _ := corpusSite(t, 120)
	r := report.Compute(s, report.Filter{})
	var csvBuf, xlsxBuf, jsonBuf bytes.Buffer
	for f, buf := range map[report.Format]*bytes.Buffer{report.CSV: &csvBuf, report.XLSX: &xlsxBuf, report.JSON: &jsonBuf} {
		if err := r.Write(buf, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if !bytes.HasPrefix(csvBuf.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatalf("CSV starts with %q, want the UTF-8 BOM", csvBuf.Bytes()[:3])
	}
	records, blocks := csvBlocks(t, r, csvBuf.Bytes()[3:])
	if records[0][0] != "BÁO CÁO Kết quả thực hiện Kế hoạch tuyên truyền gương điển hình tiên tiến" {
		t.Errorf("CSV title = %q", records[0][0])
	}
	x, err := excelize.OpenReader(&xlsxBuf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := len(x.GetSheetList()); got != len(r.Tables) {
		t.Errorf("%d sheets, want %d", got, len(r.Tables))
	}
	for _, tb := range r.Tables {
		rows, err := x.GetRows(tb.Sheet)
		if err != nil {
			t.Fatalf("sheet %q: %v", tb.Sheet, err)
		}
		want := blocks[tb.Title]
		if len(want) == 0 {
			t.Fatalf("CSV has no table %q", tb.Title)
		}
		if fmt.Sprint(trim(rows)) != fmt.Sprint(trim(want)) {
			t.Errorf("sheet %q differs from the CSV:\nxlsx %q\n csv %q", tb.Sheet, rows[:min(3, len(rows))], want[:min(3, len(want))])
		}
		if w, err := x.GetColWidth(tb.Sheet, "A"); err != nil || w < 8 {
			t.Errorf("sheet %q: column A is %v wide (%v)", tb.Sheet, w, err)
		}
	}
	var j struct {
		Tables []struct {
			ID    string
			Total []any
		}
	}
	if err := json.Unmarshal(jsonBuf.Bytes(), &j); err != nil || len(j.Tables) != len(r.Tables) {
		t.Fatalf("JSON: %v, %d tables", err, len(j.Tables))
	}
	if got := j.Tables[0].Total[3]; got != float64(r.Stories) {
		t.Errorf("JSON total stories = %v, want %d", got, r.Stories)
	}
}

// csvBlocks reads the report's CSV and splits it into its tables by their
// titles: for each, the header, rows and totals.
func csvBlocks(t *testing.T, r *report.Report, data []byte) ([][]string, map[string][][]string) {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, tb := range r.Tables {
		titles[tb.Title] = true
	}
	blocks := map[string][][]string{}
	var cur string
	for _, rec := range records {
		if len(rec) == 1 && titles[rec[0]] {
			cur = rec[0]
			continue
		}
		if cur != "" {
			blocks[cur] = append(blocks[cur], rec)
		}
	}
	return records, blocks
}

// TestXLSXSecondReader: openpyxl, the reader of Python's data tools, opens
// the workbook and finds on each sheet what the CSV has for that table.
// It is skipped where no Python has openpyxl (Debian: python3-openpyxl),
// unless CI is set.
func TestXLSXSecondReader(t *testing.T) {
	var python string
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no python3 with openpyxl (apt-get install python3-openpyxl)")
		}
		t.Skip("no python3 with openpyxl")
	}
	s, _ := corpusSite(t, 120)
	r := report.Compute(s, report.Filter{From: 2023, To: 2025})
	var csvBuf, xlsxBuf bytes.Buffer
	if err := r.WriteCSV(&csvBuf); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteXLSX(&xlsxBuf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "bao-cao.xlsx")
	if err := os.WriteFile(file, xlsxBuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(["" if v is None else str(v) for v in row])
    out[ws.title] = rows
json.dump(out, sys.stdout, ensure_ascii=False)
`
	outb, err := exec.Command(python, "-c", script, file).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var sheets map[string][][]string
	if err := json.Unmarshal(outb, &sheets); err != nil {
		t.Fatal(err)
	}
	_, blocks := csvBlocks(t, r, csvBuf.Bytes()[len(report.BOM):])
	for _, tb := range r.Tables {
		got, want := trim(sheets[tb.Sheet]), trim(blocks[tb.Title])
		if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("sheet %q as openpyxl reads it differs from the CSV:\n got %q\nwant %q", tb.Sheet, got[:min(3, len(got))], want[:min(3, len(want))])
		}
	}
}

// trim drops the empty cells at the end of rows (excelize reads a row only
// as long as its last cell with a value).
func trim(rows [][]string) [][]string {
	var out [][]string
	for _, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		out = append(out, r)
	}
	return out
}

var _ fs.FS = fstest.MapFS{}
