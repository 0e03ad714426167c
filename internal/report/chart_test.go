package report

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// TestChartSVG: the chart is well-formed SVG labelled by its title and
// summary, escapes its labels, draws a bar segment per non-zero value and
// gives its figures as a table with totals.
func TestChartSVG(t *testing.T) {
	c := &Chart{ID: "c", Title: "Số bài viết", Unit: "bài viết", Series: []string{"2023", "2024"},
		Bars: []Bar{{Label: `Phòng <Lãnh sự> & "Hộ chiếu"`, Values: []int{2, 3}}, {Label: "Văn phòng Sở", Values: []int{0, 1}}}}
	c.Summary = summary(c)
	if want := "Tổng cộng 6 bài viết. Phòng <Lãnh sự> & \"Hộ chiếu\" có nhiều nhất: 5 bài viết. Năm 2024 có nhiều bài viết nhất: 4."; c.Summary != want {
		t.Errorf("summary = %q, want %q", c.Summary, want)
	}
	svg := c.SVG()
	dec := xml.NewDecoder(strings.NewReader(svg))
	rects, texts := 0, []string{}
	var inText bool
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "rect" {
				rects++
			}
			inText = el.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(el))
			}
		case xml.EndElement:
			inText = false
		}
	}
	// Two legend squares and three bar segments (the zero is not drawn).
	if rects != 5 {
		t.Errorf("%d rects, want 5", rects)
	}
	if !strings.Contains(strings.Join(texts, "|"), `Phòng <Lãnh sự> & "Hộ chiếu"`) {
		t.Errorf("labels %q lack the escaped label", texts)
	}
	if !strings.Contains(svg, `role="img" aria-labelledby="c-t c-d"`) {
		t.Errorf("the chart is not labelled: %s", svg[:200])
	}
	tb := c.Table()
	if got := strs(tb.Total); strings.Join(got, ",") != "Tổng cộng,2,4,6" {
		t.Errorf("chart table totals = %q", got)
	}
}
