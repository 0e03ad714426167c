package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// BOM starts the CSV files guong writes, so that Excel reads them as UTF-8
// and shows Vietnamese intact.
const BOM = "\ufeff"

// Format is a file format of the report.
type Format string

// The formats, by file extension.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
	JSON Format = "json"
)

// FormatOf returns the format of a file name by its extension, and false
// for another extension.
func FormatOf(name string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return CSV, true
	case ".xlsx":
		return XLSX, true
	case ".json":
		return JSON, true
	}
	return "", false
}

// Write writes the report in format f.
func (r *Report) Write(w io.Writer, f Format) error {
	switch f {
	case CSV:
		return r.WriteCSV(w)
	case XLSX:
		return r.WriteXLSX(w)
	case JSON:
		return r.WriteJSON(w)
	}
	return fmt.Errorf("định dạng %q không được hỗ trợ", f)
}

// WriteCSV writes every table into one CSV file, UTF-8 with a BOM: for
// each table its title on a line of its own, its header, its rows and its
// totals, then an empty line.
func (r *Report) WriteCSV(w io.Writer) error {
	var buf bytes.Buffer
	buf.WriteString(BOM)
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true // as Excel writes them
	cw.Write([]string{"BÁO CÁO " + Heading})
	cw.Write([]string{r.Organization})
	if r.Period != "" {
		cw.Write([]string{r.Period})
	}
	for _, t := range r.Tables {
		cw.Write(nil)
		cw.Write([]string{t.Title})
		cw.Write(t.Columns)
		for _, row := range t.Rows {
			cw.Write(strs(row))
		}
		if t.Total != nil {
			cw.Write(strs(t.Total))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func strs(cells []Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.String()
	}
	return out
}

// jsonReport is the JSON form of a report.
type jsonReport struct {
	Title        string      `json:"title"`
	Organization string      `json:"organization"`
	Period       string      `json:"period,omitempty"`
	Years        []int       `json:"years"`
	Filter       jsonFilter  `json:"filter"`
	Totals       jsonTotals  `json:"totals"`
	Tables       []jsonTable `json:"tables"`
}

type jsonFilter struct {
	From       int    `json:"from,omitempty"`
	To         int    `json:"to,omitempty"`
	Department string `json:"department,omitempty"`
	Campaign   string `json:"campaign,omitempty"`
}

type jsonTotals struct {
	Stories     int `json:"stories"`
	Exemplars   int `json:"exemplars"`
	Collectives int `json:"collectives"`
	Individuals int `json:"individuals"`
	Women       int `json:"women"`
	Awards      int `json:"awards"`
}

type jsonTable struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Note    string   `json:"note,omitempty"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
	Total   []any    `json:"total,omitempty"`
}

func values(cells []Cell) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		if c.IsNum {
			out[i] = c.Num
		} else {
			out[i] = c.Text
		}
	}
	return out
}

// WriteJSON writes the report as one JSON object: its headline figures and
// its tables, numbers as numbers.
func (r *Report) WriteJSON(w io.Writer) error {
	j := jsonReport{Title: "BÁO CÁO " + Heading, Organization: r.Organization, Period: r.Period, Years: r.Years,
		Filter: jsonFilter(r.Filter),
		Totals: jsonTotals{r.Stories, r.Exemplars, r.Collectives, r.Individuals, r.Women, r.Awards},
		Tables: []jsonTable{}}
	if j.Years == nil {
		j.Years = []int{}
	}
	for _, t := range r.Tables {
		jt := jsonTable{ID: t.ID, Title: t.Title, Note: t.Note, Columns: t.Columns, Rows: [][]any{}}
		for _, row := range t.Rows {
			jt.Rows = append(jt.Rows, values(row))
		}
		if t.Total != nil {
			jt.Total = values(t.Total)
		}
		j.Tables = append(j.Tables, jt)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

// WriteXLSX writes the report as a workbook with one sheet per table: a
// bold header row frozen at the top, the rows (numbers as numbers, links
// as hyperlinks), a bold totals row, and columns as wide as their text.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	total, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	first := f.GetSheetName(0)
	for i, t := range r.Tables {
		sheet := t.Sheet
		if i == 0 {
			if err := f.SetSheetName(first, sheet); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		widths := make([]int, len(t.Columns))
		note := func(cells []string) {
			for c, s := range cells {
				if c < len(widths) {
					widths[c] = max(widths[c], utf8.RuneCountInString(s))
				}
			}
		}
		header := make([]any, len(t.Columns))
		for c, s := range t.Columns {
			header[c] = s
		}
		if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
			return err
		}
		note(t.Columns)
		rows := t.Rows
		if t.Total != nil {
			rows = append(rows[:len(rows):len(rows)], t.Total)
		}
		for n, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, n+2)
			vals := values(row)
			if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
				return err
			}
			for c, x := range row {
				if x.Link != "" {
					name, _ := excelize.CoordinatesToCellName(c+1, n+2)
					if err := f.SetCellHyperLink(sheet, name, x.Link, "External"); err != nil {
						return err
					}
				}
			}
			note(strs(row))
		}
		if err := f.SetRowStyle(sheet, 1, 1, bold); err != nil {
			return err
		}
		if t.Total != nil {
			if err := f.SetRowStyle(sheet, len(rows)+1, len(rows)+1, total); err != nil {
				return err
			}
		}
		for c, n := range widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(sheet, col, col, float64(min(max(n, 6), 60))+2); err != nil {
				return err
			}
		}
		if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		// excelize leaves the used range at "A1"; readers that trust it
		// (openpyxl in read-only mode) would see one cell.
		last, _ := excelize.CoordinatesToCellName(len(t.Columns), len(rows)+1)
		if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
