package frontmatter

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/diag"
)

// formatted returns the diagnostics of l, sorted, as "file:line:col: message" in English.
func formatted(l diag.List) []string {
	l.Sort()
	var out []string
	for _, d := range l {
		out = append(out, d.Format("en"))
	}
	return out
}

func checkDiags(t *testing.T, got diag.List, want ...string) {
	t.Helper()
	g := formatted(got)
	if len(g) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("diagnostics:\n got: %s\nwant: %s", strings.Join(g, "\n      "), strings.Join(want, "\n      "))
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  string // "" with a diagnostic means nil
		diags []string
	}{
		{name: "plain", src: "---\ntitle: a\n---\n", want: "---\ntitle: a\n---\n"},
		{name: "BOM dropped", src: "\ufeff---\ntitle: a\n---\n", want: "---\ntitle: a\n---\n"},
		{name: "BOM only at the start", src: "a\ufeffb", want: "a\ufeffb"},
		{name: "CRLF", src: "---\r\ntitle: a\r\n---\r\n\r\nBody\r\n", want: "---\ntitle: a\n---\n\nBody\n"},
		{name: "lone CR", src: "a\rb\rc", want: "a\nb\nc"},
		{name: "CR then CRLF", src: "a\r\r\nb", want: "a\n\nb"},
		{name: "BOM and CRLF", src: "\ufeffa\r\nb", want: "a\nb"},
		{name: "NFD to NFC", src: "Ho\u0061\u0300ng Thi\u0323 Lan", want: "Hoàng Thị Lan"},
		{name: "NFD Vietnamese letters", src: "Nguye\u0302\u0303n Va\u0306n Đu\u031b\u0301c", want: "Nguyễn Văn Đức"},
		{name: "invalid UTF-8 on line 1", src: "ab\xffc", diags: []string{"f.md:1:3: the file is not valid UTF-8 text; save it again as UTF-8"}},
		{name: "invalid UTF-8 after Vietnamese letters", src: "---\ntitle: Hoàng\xff\n---\n", diags: []string{"f.md:2:13: the file is not valid UTF-8 text; save it again as UTF-8"}},
		{name: "invalid UTF-8 after BOM", src: "\ufeffab\xe1", diags: []string{"f.md:1:3: the file is not valid UTF-8 text; save it again as UTF-8"}},
		{name: "invalid UTF-8 with CRLF", src: "a\r\nb\r\n\xc0\xaf", diags: []string{"f.md:3:1: the file is not valid UTF-8 text; save it again as UTF-8"}},
		{name: "Latin-1 file", src: "---\ntitle: Ho\xe0ng\n---\n", diags: []string{"f.md:2:10: the file is not valid UTF-8 text; save it again as UTF-8"}},
		{name: "empty", src: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			got := Clean("f.md", []byte(tt.src), &diags)
			checkDiags(t, diags, tt.diags...)
			if tt.diags != nil {
				if got != nil {
					t.Errorf("Clean returned %q, want nil", got)
				}
				return
			}
			if string(got) != tt.want {
				t.Errorf("Clean = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCleanKeepsLines checks that a file saved with CRLF and a BOM reports
// the same positions as the same file saved with LF.
func TestCleanKeepsLines(t *testing.T) {
	lf := "---\ntitle: \"Chị Lan\"\n\nmodel: [a, b]\n---\n\nBody\n"
	crlf := "\ufeff" + strings.ReplaceAll(lf, "\n", "\r\n")
	var want []string
	for i, src := range []string{lf, crlf} {
		var diags diag.List
		doc := Split("f.md", Clean("f.md", []byte(src), &diags), &diags)
		if doc == nil {
			t.Fatalf("Split(%q) = nil: %v", src, formatted(diags))
		}
		doc.Fields.String("model", true)
		if doc.BodyLine != 6 {
			t.Errorf("%d: BodyLine = %d, want 6", i, doc.BodyLine)
		}
		if string(doc.Body) != "\nBody\n" {
			t.Errorf("%d: Body = %q", i, doc.Body)
		}
		got := formatted(diags)
		if i == 0 {
			want = got
			if len(want) != 1 || !strings.HasPrefix(want[0], "f.md:4:8: ") {
				t.Fatalf("LF diagnostics = %q, want one at f.md:4:8", want)
			}
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("CRLF diagnostics = %q, want %q", got, want)
		}
	}
}

func TestSplit(t *testing.T) {
	deepYAML := "---\ndeep: " + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + "\n---\n"
	deepJSON := "{\n  \"deep\": " + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + "\n}\n"
	deepTOML := "+++\ntitle = \"a\"\ndeep = " + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + "\n+++\n"
	tests := []struct {
		name     string
		src      string
		format   string // "" when Split must return nil
		keys     []string
		body     string
		bodyLine int
		diags    []string
	}{
		{
			name:   "YAML",
			src:    "---\ntitle: Lan\ndate: 2023-06-11\n---\nBody\n",
			format: "yaml", keys: []string{"title", "date"}, body: "Body\n", bodyLine: 5,
		},
		{
			name:   "YAML with blank line after the fence",
			src:    "---\ntitle: Lan\n---\n\n\nBody\n",
			format: "yaml", keys: []string{"title"}, body: "\n\nBody\n", bodyLine: 4,
		},
		{
			name:   "YAML fence with trailing spaces",
			src:    "--- \ntitle: Lan\n---  \nBody\n",
			format: "yaml", keys: []string{"title"}, body: "Body\n", bodyLine: 4,
		},
		{
			name:   "leading blank lines",
			src:    "\n  \n---\ntitle: Lan\n---\nBody\n",
			format: "yaml", keys: []string{"title"}, body: "Body\n", bodyLine: 6,
		},
		{
			name:   "empty body",
			src:    "---\ntitle: Lan\n---\n",
			format: "yaml", keys: []string{"title"}, body: "", bodyLine: 4,
		},
		{
			name:   "empty front matter",
			src:    "---\n---\nBody\n",
			format: "yaml", keys: []string{}, body: "Body\n", bodyLine: 3,
		},
		{
			name:   "closing fence ends the file",
			src:    "---\ntitle: Lan\n---",
			format: "yaml", keys: []string{"title"}, body: "", bodyLine: 3,
		},
		{
			// "--- no" does not close the front matter: YAML reads it (as a
			// new document, then fails on the line after it).
			name:  "a line that only starts like a fence",
			src:   "---\ntitle: Lan\n--- no\nsummary: x\n---\nBody\n",
			diags: []string{"f.md:4: YAML syntax error on this line; check its colons, quotes, brackets, dashes and indentation (mapping values are not allowed in this context)"},
		},
		{
			name:   "body holds a rule",
			src:    "---\ntitle: Lan\n---\nA\n\n---\n\nB\n",
			format: "yaml", keys: []string{"title"}, body: "A\n\n---\n\nB\n", bodyLine: 4,
		},
		{
			name:   "TOML",
			src:    "+++\ntitle = \"Lan\"\ntags = [\"a\", \"b\"]\n+++\nBody\n",
			format: "toml", keys: []string{"title", "tags"}, body: "Body\n", bodyLine: 5,
		},
		{
			name:   "TOML with a table",
			src:    "+++\ntitle = \"Lan\"\n\n[[awards]]\nname = \"A\"\n+++\nBody\n",
			format: "toml", keys: []string{"title", "awards"}, body: "Body\n", bodyLine: 7,
		},
		{
			name:   "JSON",
			src:    "{\n  \"title\": \"Lan\",\n  \"tags\": [\"a\"]\n}\nBody\n",
			format: "json", keys: []string{"title", "tags"}, body: "Body\n", bodyLine: 5,
		},
		{
			name:   "JSON with nested objects closed on their own lines",
			src:    "{\n  \"title\": \"Lan\",\n  \"awards\": [\n    {\n      \"name\": \"A\"\n    }\n  ],\n  \"draft\": false\n}\n\nBody\n",
			format: "json", keys: []string{"title", "awards", "draft"}, body: "\nBody\n", bodyLine: 10,
		},
		{
			name:   "JSON indented with tabs",
			src:    "{\n\t\"title\": \"Lan\",\n\t\"draft\": true\n}\nBody {x}\n",
			format: "json", keys: []string{"title", "draft"}, body: "Body {x}\n", bodyLine: 5,
		},
		{
			name:   "JSON after blank lines",
			src:    "\n{\n  \"title\": \"Lan\"\n}\nBody\n",
			format: "json", keys: []string{"title"}, body: "Body\n", bodyLine: 5,
		},
		{
			name:  "unterminated YAML fence",
			src:   "---\ntitle: Lan\n\nBody\n",
			diags: []string{`f.md:1:1: front matter opened with "---" is never closed by a "---" line`},
		},
		{
			name:  "unterminated YAML fence after blank lines",
			src:   "\n\n---\ntitle: Lan\n",
			diags: []string{`f.md:3:1: front matter opened with "---" is never closed by a "---" line`},
		},
		{
			name:  "unterminated TOML fence",
			src:   "+++\ntitle = \"Lan\"\n",
			diags: []string{`f.md:1:1: front matter opened with "+++" is never closed by a "+++" line`},
		},
		{
			name:  "unterminated JSON object",
			src:   "{\n  \"title\": \"Lan\",\n  \"tags\": [\"a\"\n",
			diags: []string{`f.md:1:1: front matter opened with "{" is never closed by a "}" line`},
		},
		{
			name:  "no front matter",
			src:   "# Chị Lan\n\nBody\n",
			diags: []string{`f.md:1:1: missing front matter: the file must begin with a "---" line, the fields, then a "---" line`},
		},
		{
			name:  "front matter without its opening fence",
			src:   "title: Lan\n---\nBody\n",
			diags: []string{`f.md:1:1: missing front matter: the file must begin with a "---" line, the fields, then a "---" line`},
		},
		{
			name:  "empty file",
			src:   "",
			diags: []string{`f.md:1:1: missing front matter: the file must begin with a "---" line, the fields, then a "---" line`},
		},
		{
			name:  "blank file",
			src:   "\n \n\t\n",
			diags: []string{`f.md:1:1: missing front matter: the file must begin with a "---" line, the fields, then a "---" line`},
		},
		{
			// "  bad: x" is on YAML line 3, file line 4.
			name:  "YAML scanner error",
			src:   "---\ntitle: Lan\nperson: Lan\n  bad: x\n---\n",
			diags: []string{`f.md:4:3: this line is indented deeper than "person" on line 3, so it reads as more of that value; remove the spaces before it to line it up with "person"`},
		},
		{
			// yaml.v3 reports parser errors one line early; the list opens on file line 4.
			name:  "YAML parser error",
			src:   "---\ntitle: Lan\nperson: Lan\nmodel: [a, b\ndate: 2023-06-11\n---\n",
			diags: []string{`f.md:4:8: the bracket "[" opened here is never closed; add a "]" at the end of the list`},
		},
		{
			name:  "YAML parser error after blank lines",
			src:   "\n\n---\ntitle: Lan\nperson: Lan\nmodel: [a, b\n---\n",
			diags: []string{`f.md:6:8: the bracket "[" opened here is never closed; add a "]" at the end of the list`},
		},
		{
			name:  "YAML parser error on the first line",
			src:   "---\n- a\nb: c\n---\n",
			diags: []string{`f.md:3:1: the list item "b: c" lacks its dash; write - b: c`},
		},
		{
			name:  "YAML tab indentation",
			src:   "---\ntitle: Lan\nawards:\n\t- name: A\n---\n",
			diags: []string{"f.md:4:1: a tab indents this line, and YAML does not allow tabs: indent with spaces instead of the Tab key"},
		},
		{
			name:  "YAML control character",
			src:   "---\ntitle: Lan\nperson: L\x01an\n---\n",
			diags: []string{"f.md:3:10: an invisible control character (U+0001); delete it (it often comes with copied text)"},
		},
		{
			name:  "TOML syntax error",
			src:   "+++\ntitle = \"Lan\"\nperson = \n+++\n",
			diags: []string{`f.md:3:10: TOML syntax error here; check its equals signs, quotes and brackets (expected value but found '\n' instead)`},
		},
		{
			name:  "JSON syntax error",
			src:   "{\n  \"title\": \"Lan\",\n  \"person\": Lan\n}\n",
			diags: []string{`f.md:3:13: JSON syntax error here; check its commas, quotes and brackets (invalid character 'L' looking for beginning of value)`},
		},
		{
			name:  "JSON trailing comma",
			src:   "\n{\n  \"title\": \"Lan\",\n}\n",
			diags: []string{`f.md:4:1: JSON syntax error here; check its commas, quotes and brackets (invalid character '}' looking for beginning of object key string)`},
		},
		{
			name:  "JSON text after the closing brace",
			src:   "{\n  \"title\": \"Lan\"\n} x\nBody\n",
			diags: []string{`f.md:3:3: JSON syntax error here; check its commas, quotes and brackets (invalid character 'x' after top-level value)`},
		},
		{
			name:   "YAML duplicate key",
			src:    "---\ntitle: Lan\nperson: Lan\ntitle: Hoa\n---\n",
			format: "yaml", keys: []string{"title", "person"}, bodyLine: 6,
			diags: []string{`f.md:4:1: key "title" appears twice (first on line 2)`},
		},
		{
			name:   "JSON duplicate key",
			src:    "{\n  \"title\": \"Lan\",\n  \"title\": \"Hoa\"\n}\n",
			format: "json", keys: []string{"title"}, bodyLine: 5,
			diags: []string{`f.md:3:3: key "title" appears twice (first on line 2)`},
		},
		{
			name:  "not a mapping",
			src:   "---\n- a\n- b\n---\n",
			diags: []string{`f.md:2:1: front matter must be a set of "key: value" pairs`},
		},
		{
			name:  "YAML too deep",
			src:   deepYAML,
			diags: []string{"f.md:2:1: nesting too deep (over 20 levels)"},
		},
		{
			name:  "JSON too deep",
			src:   deepJSON,
			diags: []string{"f.md:1:1: nesting too deep (over 20 levels)"},
		},
		{
			name:  "TOML too deep",
			src:   deepTOML,
			diags: []string{"f.md:2: nesting too deep (over 20 levels)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			doc := Split("f.md", []byte(tt.src), &diags)
			checkDiags(t, diags, tt.diags...)
			if tt.format == "" {
				if doc != nil {
					t.Errorf("Split returned a document, want nil")
				}
				return
			}
			if doc == nil {
				t.Fatalf("Split returned nil")
			}
			if doc.Format != tt.format {
				t.Errorf("Format = %q, want %q", doc.Format, tt.format)
			}
			if string(doc.Body) != tt.body {
				t.Errorf("Body = %q, want %q", doc.Body, tt.body)
			}
			if doc.BodyLine != tt.bodyLine {
				t.Errorf("BodyLine = %d, want %d", doc.BodyLine, tt.bodyLine)
			}
			if keys := doc.Fields.Keys(); !reflect.DeepEqual(keys, tt.keys) {
				t.Errorf("Keys = %q, want %q", keys, tt.keys)
			}
		})
	}
}

// TestSplitVeryDeep checks that nesting far past what the decoders accept is
// an error, not a crash.
func TestSplitVeryDeep(t *testing.T) {
	const n = 200000
	for _, src := range []string{
		"---\na: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n---\n",
		"---\na: " + strings.Repeat("{b: ", n) + strings.Repeat("}", n) + "\n---\n",
		"{\n\"a\": " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n}\n",
		"+++\na = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n+++\n",
	} {
		var diags diag.List
		if doc := Split("f.md", []byte(src), &diags); doc != nil {
			t.Errorf("Split(%.12q…) returned a document", src)
		}
		if errs, _ := diags.Count(); errs != 1 {
			t.Errorf("Split(%.12q…): %d errors, want 1: %.200q", src, errs, formatted(diags))
		}
	}
}

func TestPositions(t *testing.T) {
	tests := []struct {
		name                         string
		src                          string
		key                          string
		keyPos, valuePos, missingPos string
	}{
		{"YAML", "---\ntitle: Lan\nmodel:   dan-van-kheo\n---\n", "model", "f.md:3:1", "f.md:3:10", "f.md:1:1"},
		{"YAML after blank lines", "\n\n---\ntitle: Lan\n  \nmodel: x\n---\n", "model", "f.md:6:1", "f.md:6:8", "f.md:3:1"},
		{"YAML Vietnamese before", "---\ntitle: Chị Lan\nperson: \"Hoàng Thị Lan\"\n---\n", "person", "f.md:3:1", "f.md:3:9", "f.md:1:1"},
		{"TOML", "+++\ntitle = \"Lan\"\n  model = \"x\"\n+++\n", "model", "f.md:3:3", "f.md:3:11", "f.md:1:1"},
		{"TOML quoted key", "+++\n\"model\"=\"x\"\n+++\n", "model", "f.md:2:1", "f.md:2:9", "f.md:1:1"},
		{"JSON", "{\n  \"title\": \"Lan\",\n  \"model\": \"x\"\n}\n", "model", "f.md:3:3", "f.md:3:12", "f.md:1:1"},
		{"JSON with tabs", "{\n\t\"title\": \"Lan\",\n\t\t\"model\": \"x\"\n}\n", "model", "f.md:3:3", "f.md:3:12", "f.md:1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			doc := Split("f.md", []byte(tt.src), &diags)
			if doc == nil {
				t.Fatalf("Split: %q", formatted(diags))
			}
			f := doc.Fields
			if got := f.KeyPos(tt.key).String(); got != tt.keyPos {
				t.Errorf("KeyPos = %s, want %s", got, tt.keyPos)
			}
			if got := f.ValuePos(tt.key).String(); got != tt.valuePos {
				t.Errorf("ValuePos = %s, want %s", got, tt.valuePos)
			}
			if got := f.KeyPos("absent").String(); got != tt.missingPos {
				t.Errorf("KeyPos(absent) = %s, want %s", got, tt.missingPos)
			}
			if got := f.Start().String(); got != tt.missingPos {
				t.Errorf("Start = %s, want %s", got, tt.missingPos)
			}
		})
	}
}

// accessorDoc is the front matter the accessor tests read.
const accessorDoc = `---
title: "  Chị Lan  "
nfd: "Hoa` + "\u0300" + `ng"
blank: "   "
none:
count: 12
zero: 0
negative: -3
word: mười
decimal: 1.5
yes: true
quoted: "có"
listval: [a, b]
date: 2023-06-11
datetime: 2023-06-11T08:30:00+07:00
vndate: 31/12/2023
longdate: Thứ Hai, ngày 12 tháng 6 năm 2023
baddate: ngày mai
impossible: 31/02/2023
weekday: Thứ Ba, ngày 12 tháng 6 năm 2023
month: 01/13/2023
emptydate: ""
tags: "biên giới, cải cách"
list:
  - biên giới
  - ""
  - cải cách
  - 2023
mixed: [a, [b], {c: d}, ~]
mapping: {a: b}
awards:
  - name: A
    date: 2022-01-14
  - x
  - name: B
---
`

func TestAccessors(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	tests := []struct {
		name  string
		read  func(f *Map) any
		want  any
		diags []string
	}{
		{"String trims", func(f *Map) any { return f.String("title", true) }, "Chị Lan", nil},
		{"String NFC", func(f *Map) any { return f.String("nfd", true) }, "Hoàng", nil},
		{"String missing optional", func(f *Map) any { return f.String("absent", false) }, "", nil},
		{"String missing required", func(f *Map) any { return f.String("absent", true) }, "",
			[]string{`f.md:1:1: missing required field "absent"`}},
		{"String null required", func(f *Map) any { return f.String("none", true) }, "",
			[]string{`f.md:5:1: missing required field "none"`}},
		{"String blank required", func(f *Map) any { return f.String("blank", true) }, "",
			[]string{`f.md:4:8: "blank" must not be empty`}},
		{"String of a number", func(f *Map) any { return f.String("count", true) }, "12", nil},
		{"String of a date", func(f *Map) any { return f.String("date", true) }, "2023-06-11", nil},
		{"String of a list", func(f *Map) any { return f.String("listval", true) }, "",
			[]string{`f.md:13:10: "listval" must be a string, not a list`}},
		{"String of a mapping", func(f *Map) any { return f.String("mapping", true) }, "",
			[]string{`f.md:30:10: "mapping" must be a string, not a mapping`}},
		{"String of a bool", func(f *Map) any { return f.String("yes", true) }, "",
			[]string{`f.md:11:6: "yes" must be a string, not true/false`}},

		{"Bool", func(f *Map) any { return f.Bool("yes") }, true, nil},
		{"Bool absent", func(f *Map) any { return f.Bool("absent") }, false, nil},
		{"Bool of a quoted word", func(f *Map) any { return f.Bool("quoted") }, false,
			[]string{`f.md:12:9: "quoted" must be true or false, not "có"`}},
		{"Bool of a list", func(f *Map) any { return f.Bool("listval") }, false,
			[]string{`f.md:13:10: "listval" must be true or false, not a list`}},

		{"Int", func(f *Map) any { return f.Int("count", 10) }, 12, nil},
		{"Int absent", func(f *Map) any { return f.Int("absent", 10) }, 10, nil},
		{"Int zero", func(f *Map) any { return f.Int("zero", 10) }, 10,
			[]string{`f.md:7:7: "zero" must be a positive whole number, not "0"`}},
		{"Int negative", func(f *Map) any { return f.Int("negative", 10) }, 10,
			[]string{`f.md:8:11: "negative" must be a positive whole number, not "-3"`}},
		{"Int word", func(f *Map) any { return f.Int("word", 10) }, 10,
			[]string{`f.md:9:7: "word" must be a positive whole number, not "mười"`}},
		{"Int decimal", func(f *Map) any { return f.Int("decimal", 10) }, 10,
			[]string{`f.md:10:10: "decimal" must be a positive whole number, not "1.5"`}},

		{"Date", func(f *Map) any { return dateOf(f, "date", true) }, "2023-06-11T00:00:00+07:00 false", nil},
		{"Date with time", func(f *Map) any { return dateOf(f, "datetime", true) }, "2023-06-11T08:30:00+07:00 true", nil},
		{"Date day first", func(f *Map) any { return dateOf(f, "vndate", true) }, "2023-12-31T00:00:00+07:00 false", nil},
		{"Date long form", func(f *Map) any { return dateOf(f, "longdate", true) }, "2023-06-12T00:00:00+07:00 false", nil},
		{"Date absent optional", func(f *Map) any { return dateOf(f, "absent", false) }, "-", nil},
		{"Date absent required", func(f *Map) any { return dateOf(f, "absent", true) }, "-",
			[]string{`f.md:1:1: missing required field "absent"`}},
		{"Date empty", func(f *Map) any { return dateOf(f, "emptydate", true) }, "-",
			[]string{`f.md:22:12: "emptydate" must not be empty`}},
		{"Date unreadable", func(f *Map) any { return dateOf(f, "baddate", true) }, "-",
			[]string{`f.md:18:10: cannot read "ngày mai" as a date in "baddate"; write 2023-06-11 or 11/06/2023`}},
		{"Date impossible", func(f *Map) any { return dateOf(f, "impossible", true) }, "-",
			[]string{`f.md:19:13: invalid date "31/02/2023" in "impossible": February 2023 has 28 days`}},
		{"Date month first", func(f *Map) any { return dateOf(f, "month", true) }, "-",
			[]string{`f.md:21:8: invalid date "01/13/2023" in "month": there is no month 13`}},
		{"Date wrong weekday", func(f *Map) any { return dateOf(f, "weekday", true) }, "-",
			[]string{`f.md:20:10: invalid date "Thứ Ba, ngày 12 tháng 6 năm 2023" in "weekday": 12/06/2023 is a Monday (Thứ Hai), not Thứ Ba`}},
		{"Date of a list", func(f *Map) any { return dateOf(f, "listval", true) }, "-",
			[]string{`f.md:13:10: "listval" must be a date, not a list`}},

		{"Strings of one string is one item", func(f *Map) any { return f.Strings("tags") }, []string{"biên giới, cải cách"}, nil},
		{"Strings of a list", func(f *Map) any { return f.Strings("list") }, []string{"biên giới", "cải cách", "2023"}, nil},
		{"Strings absent", func(f *Map) any { return f.Strings("absent") }, []string(nil), nil},
		{"Strings null", func(f *Map) any { return f.Strings("none") }, []string(nil), nil},
		{"Strings blank", func(f *Map) any { return f.Strings("blank") }, []string(nil), nil},
		{"Strings of a mapping", func(f *Map) any { return f.Strings("mapping") }, []string(nil),
			[]string{`f.md:30:10: "mapping" must be a list of strings, not a mapping`}},
		{"Strings with wrong items", func(f *Map) any { return f.Strings("mixed") }, []string{"a"},
			[]string{
				`f.md:29:12: "mixed" must be a list of strings, not a list`,
				`f.md:29:17: "mixed" must be a list of strings, not a mapping`,
				`f.md:29:25: "mixed" must be a list of strings, not empty`,
			}},
		{"Items keep positions", func(f *Map) any { return f.Items("list") },
			[]Item{{"biên giới", pos(25, 5)}, {"cải cách", pos(27, 5)}, {"2023", pos(28, 5)}}, nil},

		{"Map", func(f *Map) any { return f.Map("mapping").String("a", true) }, "b", nil},
		{"Map absent", func(f *Map) any { return f.Map("absent") == nil }, true, nil},
		{"Map missing field at its key", func(f *Map) any { return f.Map("mapping").String("x", true) }, "",
			[]string{`f.md:30:1: missing required field "x"`}},
		{"Map of a string", func(f *Map) any { return f.Map("title") == nil }, true,
			[]string{`f.md:2:8: "title" must be a mapping, not a string`}},
		{"Maps", func(f *Map) any {
			var names []string
			for _, a := range f.Maps("awards") {
				names = append(names, a.String("name", true)+"@"+a.Start().String())
			}
			return names
		}, []string{"A@f.md:32:5", "B@f.md:35:5"},
			[]string{`f.md:34:5: "awards" must be a list of mappings, not a string`}},
		{"Maps of a string", func(f *Map) any { return len(f.Maps("title")) }, 0,
			[]string{`f.md:2:8: "title" must be a list of mappings, not a string`}},
		{"Maps missing field", func(f *Map) any { return f.Maps("awards")[1].String("date", true) }, "",
			[]string{
				`f.md:34:5: "awards" must be a list of mappings, not a string`,
				`f.md:35:5: missing required field "date"`,
			}},
		{"Maps date", func(f *Map) any {
			d, _, _ := f.Maps("awards")[0].Date("date", true, ict)
			return d.Format(time.RFC3339)
		}, "2022-01-14T00:00:00+07:00",
			[]string{`f.md:34:5: "awards" must be a list of mappings, not a string`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			doc := Split("f.md", []byte(accessorDoc), &diags)
			if doc == nil || len(diags) > 0 {
				t.Fatalf("Split: %q", formatted(diags))
			}
			got := tt.read(doc.Fields)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
			checkDiags(t, diags, tt.diags...)
		})
	}
}

func pos(line, col int) diag.Position { return diag.Position{File: "f.md", Line: line, Col: col} }

// dateOf reads key as a date in UTC+7 and formats it with hasTime, or "-".
func dateOf(f *Map, key string, required bool) string {
	t, hasTime, ok := f.Date(key, required, time.FixedZone("ICT", 7*3600))
	if !ok {
		return "-"
	}
	if hasTime {
		return t.Format(time.RFC3339) + " true"
	}
	return t.Format(time.RFC3339) + " false"
}

// TestDateMessages checks both catalogues of date errors: the Vietnamese
// form carries no English.
func TestDateMessages(t *testing.T) {
	tests := []struct{ value, en, vi string }{
		{"ngày mai",
			`cannot read "ngày mai" as a date in "date"; write 2023-06-11 or 11/06/2023`,
			`không đọc được ngày "ngày mai" ở trường "date"; hãy viết dạng 2023-06-11 hoặc 11/06/2023`},
		{"31/02/2023",
			`invalid date "31/02/2023" in "date": February 2023 has 28 days`,
			`ngày "31/02/2023" ở trường "date" không hợp lệ: tháng 2 năm 2023 chỉ có 28 ngày`},
		{"29/02/2024 25:00",
			`invalid date "29/02/2024 25:00" in "date": there is no hour 25`,
			`ngày "29/02/2024 25:00" ở trường "date" không hợp lệ: không có giờ 25`},
		{"00/01/2024",
			`invalid date "00/01/2024" in "date": there is no day 0`,
			`ngày "00/01/2024" ở trường "date" không hợp lệ: không có ngày 0`},
		{"11/6/23",
			`invalid date "11/6/23" in "date": write the year in full, with four digits`,
			`ngày "11/6/23" ở trường "date" không hợp lệ: hãy viết năm đủ bốn chữ số`},
		{"2023-06-11T08:00:00+25:00",
			`invalid date "2023-06-11T08:00:00+25:00" in "date": there is no UTC offset +25:00`,
			`ngày "2023-06-11T08:00:00+25:00" ở trường "date" không hợp lệ: không có múi giờ lệch +25:00 so với UTC`},
		{"Chủ nhật, 12/06/2023",
			`invalid date "Chủ nhật, 12/06/2023" in "date": 12/06/2023 is a Monday (Thứ Hai), not Chủ nhật`,
			`ngày "Chủ nhật, 12/06/2023" ở trường "date" không hợp lệ: 12/06/2023 là Thứ Hai, không phải Chủ nhật`},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			var diags diag.List
			doc := Split("f.md", []byte("---\ndate: "+tt.value+"\n---\n"), &diags)
			if doc == nil {
				t.Fatalf("Split: %q", formatted(diags))
			}
			doc.Fields.Date("date", true, time.UTC)
			if len(diags) != 1 {
				t.Fatalf("got %q, want one diagnostic", formatted(diags))
			}
			if got := diags[0].Message("en"); got != tt.en {
				t.Errorf("en:\n got %s\nwant %s", got, tt.en)
			}
			if got := diags[0].Message("vi"); got != tt.vi {
				t.Errorf("vi:\n got %s\nwant %s", got, tt.vi)
			}
		})
	}
}

func TestCheckKeys(t *testing.T) {
	src := "---\ntitle: Lan\nmodle: dan-van-kheo\nTitle: x\npersn: Lan\nxyzzy: 1\n---\n"
	var diags diag.List
	doc := Split("f.md", []byte(src), &diags)
	if doc == nil {
		t.Fatalf("Split: %q", formatted(diags))
	}
	doc.Fields.CheckKeys("title", "date", "model", "person")
	checkDiags(t, diags,
		`f.md:3:1: warning: unknown key "modle" is ignored (did you mean "model"?)`,
		`f.md:4:1: warning: unknown key "Title" is ignored (did you mean "title"?)`,
		`f.md:5:1: warning: unknown key "persn" is ignored (did you mean "person"?)`,
		`f.md:6:1: warning: unknown key "xyzzy" is ignored`,
	)
	if errs, warns := diags.Count(); errs != 0 || warns != 4 {
		t.Errorf("Count = %d errors, %d warnings; want 0, 4", errs, warns)
	}
	vi := diags[0].Format("vi")
	if want := `f.md:3:1: cảnh báo: khóa "modle" không được hỗ trợ nên bị bỏ qua (có phải ý bạn là "model"?)`; vi != want {
		t.Errorf("vi:\n got %s\nwant %s", vi, want)
	}
}

func TestSuggest(t *testing.T) {
	models := []string{"hoc-tap-va-lam-theo-bac", "dan-van-kheo", "chuyen-mon"}
	keys := []string{"title", "date", "person", "position", "model", "campaigns", "tags"}
	tests := []struct {
		s          string
		candidates []string
		want       string
	}{
		{"modle", keys, "model"},
		{"titel", keys, "title"},
		{"tag", keys, "tags"},
		{"campaign", keys, "campaigns"},
		{"Date", keys, "date"},
		{"dan-van-kheoo", models, "dan-van-kheo"},
		{"dân-vận-khéo", models, "dan-van-kheo"},
		{"Dân vận khéo", models, "dan-van-kheo"},
		{"chuyen-mon-nghiep-vu", models, ""},
		{"the-thao", models, ""},
		{"xyzzy", keys, ""},
		{"a", keys, ""},
		{"", keys, ""},
		{"model", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if got := Suggest(tt.s, tt.candidates); got != tt.want {
				t.Errorf("Suggest(%q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a", "", 1},
		{"", "abc", 3},
		{"model", "model", 0},
		{"modle", "model", 2},
		{"kitten", "sitting", 3},
		{"ngày", "ngay", 1},
		{"Đức", "Đúc", 1},
		{"dan-van-kheoo", "dan-van-kheo", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"→"+tt.b, func(t *testing.T) {
			if got := distance(tt.a, tt.b); got != tt.want {
				t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := distance(tt.b, tt.a); got != tt.want {
				t.Errorf("distance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestParseYAML(t *testing.T) {
	var diags diag.List
	m := ParseYAML("site.yaml", []byte("title: a\npaginate: [1]\n"), &diags)
	if m == nil {
		t.Fatalf("ParseYAML: %q", formatted(diags))
	}
	m.Int("paginate", 10)
	checkDiags(t, diags, `site.yaml:2:11: "paginate" must be a whole number, not a list`)

	diags = nil
	if m := ParseYAML("site.yaml", []byte("title: a\n  b: c\n"), &diags); m != nil {
		t.Errorf("ParseYAML of bad YAML returned a map")
	}
	checkDiags(t, diags, `site.yaml:2:3: this line is indented deeper than "title" on line 1, so it reads as more of that value; remove the spaces before it to line it up with "title"`)

	diags = nil
	m = ParseYAML("site.yaml", nil, &diags)
	if m == nil || len(m.Keys()) != 0 || len(diags) != 0 {
		t.Errorf("ParseYAML(empty) = %v, %q; want an empty map", m, formatted(diags))
	}
}
