package report

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/guong/guong/internal/site"
)

// Chart is a horizontal bar chart, stacked by series, drawn as SVG at build
// time: no script is needed to see it. Its figures are also a Table and a
// sentence (Summary), for readers who cannot see the picture.
type Chart struct {
	ID      string
	Title   string
	Unit    string   // what the bars count, e.g. "bài viết"
	Series  []string // the stacks' names (years), in order; one unnamed series if empty
	Bars    []Bar
	Summary string
}

// Bar is one bar: its label and a value for each series.
type Bar struct {
	Label  string
	Values []int
}

// Total is the bar's length.
func (b Bar) Total() int {
	n := 0
	for _, v := range b.Values {
		n += v
	}
	return n
}

// The charts' ids.
const (
	ChartByDepartment = "bieu-do-don-vi"
	ChartByModel      = "bieu-do-mo-hinh"
)

// charts makes the report's charts: stories by department and year, and
// stories by model type.
func charts(s *site.Site, stories []*site.Story, years []int) []*Chart {
	byDept := &Chart{ID: ChartByDepartment, Title: "Số bài viết theo đơn vị và năm", Unit: "bài viết"}
	for _, y := range years {
		byDept.Series = append(byDept.Series, strconv.Itoa(y))
	}
	for _, d := range s.Departments {
		b := Bar{Label: d.Name, Values: make([]int, len(years))}
		for _, st := range stories {
			if st.Department == d {
				for i, y := range years {
					if year(st) == y {
						b.Values[i]++
					}
				}
			}
		}
		byDept.Bars = append(byDept.Bars, b)
	}
	byDept.Summary = summary(byDept)

	byModel := &Chart{ID: ChartByModel, Title: "Số bài viết theo loại mô hình", Unit: "bài viết"}
	for _, m := range s.Models {
		n := 0
		for _, st := range stories {
			if st.Model == m {
				n++
			}
		}
		byModel.Bars = append(byModel.Bars, Bar{Label: m.Name, Values: []int{n}})
	}
	byModel.Summary = summary(byModel)
	return []*Chart{byDept, byModel}
}

// summary says in one or two sentences what the chart shows: the total,
// the longest bar and, when stacked by year, the year with most.
func summary(c *Chart) string {
	total, best := 0, -1
	for i, b := range c.Bars {
		total += b.Total()
		if best < 0 || b.Total() > c.Bars[best].Total() {
			best = i
		}
	}
	if total == 0 {
		return fmt.Sprintf("Chưa có %s nào trong kỳ báo cáo.", c.Unit)
	}
	s := fmt.Sprintf("Tổng cộng %d %s. %s có nhiều nhất: %d %s.", total, c.Unit,
		upperFirst(c.Bars[best].Label), c.Bars[best].Total(), c.Unit)
	if len(c.Series) > 1 {
		bestYear, bestN := 0, -1
		for i := range c.Series {
			n := 0
			for _, b := range c.Bars {
				n += b.Values[i]
			}
			if n > bestN {
				bestYear, bestN = i, n
			}
		}
		s += fmt.Sprintf(" Năm %s có nhiều %s nhất: %d.", c.Series[bestYear], c.Unit, bestN)
	}
	return s
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// Table is the chart's figures as a table: a row per bar, a column per
// series and their total.
func (c *Chart) Table() *Table {
	t := &Table{ID: c.ID + "-so-lieu", Title: c.Title, Columns: []string{""}}
	if len(c.Series) > 1 {
		for _, s := range c.Series {
			t.Columns = append(t.Columns, "Năm "+s)
		}
	}
	t.Columns = append(t.Columns, "Tổng")
	sums := make([]int, len(c.Series)+1)
	for _, b := range c.Bars {
		row := []Cell{Text(b.Label)}
		if len(c.Series) > 1 {
			for i, v := range b.Values {
				row = append(row, Num(v))
				sums[i] += v
			}
		}
		row = append(row, Num(b.Total()))
		sums[len(sums)-1] += b.Total()
		t.Rows = append(t.Rows, row)
	}
	t.Total = []Cell{Text("Tổng cộng")}
	if len(c.Series) > 1 {
		for _, n := range sums[:len(sums)-1] {
			t.Total = append(t.Total, Num(n))
		}
	}
	t.Total = append(t.Total, Num(sums[len(sums)-1]))
	return t
}

// palette are the series' colours, distinct in print and for the common
// colour deficiencies (Okabe–Ito), darkest first.
var palette = []string{"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"}

// SVG draws the chart: a legend, then for each bar its label above a
// stacked bar and its total at the bar's end. The markup is complete
// and escaped; the picture is labelled by its title and summary.
func (c *Chart) SVG() string {
	const (
		width  = 640
		left   = 4
		right  = 48 // room for the total
		rowH   = 44
		barH   = 16
		legend = 28
	)
	top := 8
	if len(c.Series) > 1 {
		top += legend
	}
	height := top + rowH*len(c.Bars) + 4
	max := 1
	for _, b := range c.Bars {
		if t := b.Total(); t > max {
			max = t
		}
	}
	scale := float64(width-left-right) / float64(max)
	var w strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-t %s-d">`,
		width, height, width, height, c.ID, c.ID)
	fmt.Fprintf(&w, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, c.ID, esc(c.Title), c.ID, esc(c.Summary))
	if len(c.Series) > 1 {
		x := left
		for i, s := range c.Series {
			fmt.Fprintf(&w, `<rect x="%d" y="8" width="14" height="14" fill="%s"/><text x="%d" y="20" font-size="13">%s</text>`,
				x, palette[i%len(palette)], x+18, esc(s))
			x += 18 + 9*len([]rune(s)) + 16
		}
	}
	for i, b := range c.Bars {
		y := top + i*rowH
		fmt.Fprintf(&w, `<text x="%d" y="%d" font-size="13">%s</text>`, left, y+14, esc(b.Label))
		x := float64(left)
		for j, v := range b.Values {
			if v == 0 {
				continue
			}
			bw := float64(v) * scale
			name := ""
			if len(c.Series) > 1 {
				name = "năm " + c.Series[j] + ": "
			}
			fmt.Fprintf(&w, `<rect x="%s" y="%d" width="%s" height="%d" fill="%s"><title>%s</title></rect>`,
				num(x), y+20, num(bw), barH, palette[j%len(palette)], esc(b.Label+", "+name+strconv.Itoa(v)+" "+c.Unit))
			x += bw
		}
		fmt.Fprintf(&w, `<text x="%s" y="%d" font-size="13">%d</text>`, num(x+6), y+33, b.Total())
	}
	w.WriteString(`</svg>`)
	return w.String()
}

// num writes a coordinate with at most one decimal, and none when whole.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }
