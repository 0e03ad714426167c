package frontmatter

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/guong/guong/internal/diag"
)

// TestYAMLMistakes checks each syntax mistake a writer makes in YAML front
// matter: the message (in Vietnamese, as writers read it), at the place of
// the mistake itself, with the line shown.
func TestYAMLMistakes(t *testing.T) {
	tests := []struct {
		name   string
		yaml   string // between the fences; its first line is file line 2
		want   string // file:line:col: message
		source string // the line shown under it
	}{
		{"tab before a key", "title: a\n\tperson: b\n",
			"f.md:3:1: dấu Tab dùng để thụt dòng: YAML không nhận Tab; hãy dùng dấu cách thay cho phím Tab", "\tperson: b"},
		// yaml.v3 names the line before, where the value it was reading began.
		{"tab before a key, reported one line early", "title: a\nperson: b\n\tmodel: c\n",
			"f.md:4:1: dấu Tab dùng để thụt dòng: YAML không nhận Tab; hãy dùng dấu cách thay cho phím Tab", "\tmodel: c"},
		{"tab in a list", "tags:\n\t- a\n",
			"f.md:3:1: dấu Tab dùng để thụt dòng: YAML không nhận Tab; hãy dùng dấu cách thay cho phím Tab", "\t- a"},
		{"tab after spaces", "awards:\n  - name: x\n  \tdate: y\n",
			"f.md:4:3: dấu Tab dùng để thụt dòng: YAML không nhận Tab; hãy dùng dấu cách thay cho phím Tab", "  \tdate: y"},
		{"tab after a dash", "tags:\n  -\ta\n",
			"f.md:3:4: dấu Tab dùng để thụt dòng: YAML không nhận Tab; hãy dùng dấu cách thay cho phím Tab", "  -\ta"},
		{"colon in a title", "model: x\ntitle: Chị Lan: người cán bộ\n",
			`f.md:3:15: giá trị của "title" có dấu hai chấm nên bị hiểu nhầm là một trường mới; hãy đặt tiêu đề trong dấu ngoặc kép: title: "Chị Lan: người cán bộ"`, "title: Chị Lan: người cán bộ"},
		{"colon in the first line", "title: Chị Lan: người cán bộ\n",
			`f.md:2:15: giá trị của "title" có dấu hai chấm nên bị hiểu nhầm là một trường mới; hãy đặt tiêu đề trong dấu ngoặc kép: title: "Chị Lan: người cán bộ"`, "title: Chị Lan: người cán bộ"},
		{"colon in a value with quotes", "summary: Lan nói: \"hay\"\n",
			`f.md:2:17: giá trị của "summary" có dấu hai chấm nên bị hiểu nhầm là một trường mới; hãy đặt cả giá trị trong dấu ngoặc kép: summary: 'Lan nói: "hay"'`, `summary: Lan nói: "hay"`},
		{"unclosed bracket", "model: x\ntags: [a, b\nperson: y\n",
			`f.md:3:7: dấu ngoặc "[" mở ở đây chưa được đóng; hãy thêm dấu "]" ở cuối danh sách`, "tags: [a, b"},
		{"unclosed bracket at the end", "title: a\ntags: [\"a\", \"b\"\n",
			`f.md:3:7: dấu ngoặc "[" mở ở đây chưa được đóng; hãy thêm dấu "]" ở cuối danh sách`, `tags: ["a", "b"`},
		{"unclosed brace in a list", "awards:\n  - {name: a, date: 2023-05-20\nperson: y\n",
			`f.md:3:5: dấu ngoặc "{" mở ở đây chưa được đóng; hãy thêm dấu "}" ở cuối danh sách`, "  - {name: a, date: 2023-05-20"},
		{"wrong closing bracket", "tags: [a, b}\n",
			`f.md:2:12: dấu ngoặc "[" được đóng bằng "}"; hãy dùng "]"`, "tags: [a, b}"},
		{"extra closing bracket", "tags: [a, b]]\n",
			`f.md:2:13: thừa dấu ngoặc "]" không có dấu mở tương ứng; hãy xóa nó`, "tags: [a, b]]"},
		{"unclosed double quote", "title: \"Chị Lan\nmodel: x\n",
			`f.md:2:8: dấu ngoặc kép mở ở đây chưa được đóng; hãy thêm dấu " ở cuối giá trị`, `title: "Chị Lan`},
		{"unclosed quote closed by the next value's", "title: \"Chị Lan\nperson: \"Hoàng Thị Lan\"\n",
			`f.md:2:8: dấu ngoặc kép mở ở đây chưa được đóng; hãy thêm dấu " ở cuối giá trị`, `title: "Chị Lan`},
		{"unclosed single quote", "model: x\ntitle: 'Chị Lan\n",
			`f.md:3:8: dấu nháy đơn mở ở đây chưa được đóng; hãy thêm dấu ' ở cuối giá trị`, `title: 'Chị Lan`},
		{"quotes inside quotes", "title: \"Chị \"Lan\" người\"\nmodel: x\n",
			`f.md:2:14: có chữ sau dấu ngoặc kép đóng giá trị; nếu trong giá trị có dấu ngoặc kép, hãy đặt cả giá trị trong dấu nháy đơn: title: 'Chị "Lan" người'`, `title: "Chị "Lan" người"`},
		{"text after the closing quote", "title: \"Chị Lan\" người cán bộ\n",
			`f.md:2:18: có chữ sau dấu ngoặc kép đóng giá trị; nếu trong giá trị có dấu ngoặc kép, hãy đặt cả giá trị trong dấu nháy đơn: title: '"Chị Lan" người cán bộ'`, `title: "Chị Lan" người cán bộ`},
		{"list item without its dash", "tags:\n  - biên giới\n  cải cách\nperson: x\n",
			`f.md:4:3: mục "cải cách" của danh sách thiếu dấu gạch đầu dòng; hãy viết - cải cách`, "  cải cách"},
		{"last list item without its dash", "tags:\n  - a\n  - b\n  c\n",
			`f.md:5:3: mục "c" của danh sách thiếu dấu gạch đầu dòng; hãy viết - c`, "  c"},
		{"award without its dash", "awards:\n  - name: A\n    date: 2023-05-20\n  name: B\n",
			`f.md:5:3: dòng này không thẳng cột: hãy thụt vào cho thẳng với dòng 4 (bắt đầu ở cột 5)`, "  name: B"},
		{"key:value without a space", "model: x\ntitle:Chị Lan\nperson: z\n",
			`f.md:3:6: thiếu dấu cách sau dấu hai chấm của "title"; hãy viết title: Chị Lan`, "title:Chị Lan"},
		{"key:value without a space, first", "title:Chị Lan\nmodel: x\n",
			`f.md:2:6: thiếu dấu cách sau dấu hai chấm của "title"; hãy viết title: Chị Lan`, "title:Chị Lan"},
		{"key:value without a space, alone", "title:Chị Lan\n",
			`f.md:2:6: thiếu dấu cách sau dấu hai chấm của "title"; hãy viết title: Chị Lan`, "title:Chị Lan"},
		{"key without a colon", "model: x\nperson Hoàng Thị Lan\ndate: 2023-06-11\n",
			`f.md:3:1: dòng "person Hoàng Thị Lan" thiếu dấu hai chấm sau tên trường; hãy viết person: Hoàng Thị Lan`, "person Hoàng Thị Lan"},
		{"key indented after a value", "title: a\nperson: Lan\n  model: x\n",
			`f.md:4:3: dòng này thụt vào sâu hơn trường "person" ở dòng 3, nên bị hiểu là phần tiếp theo của giá trị đó; hãy bỏ dấu cách ở đầu dòng cho thẳng cột với "person"`, "  model: x"},
		{"list item a space off", "tags:\n  - a\n - b\n",
			`f.md:4:2: dòng này không thẳng cột: hãy thụt vào cho thẳng với dòng 3 (bắt đầu ở cột 3)`, " - b"},
		{"award key a space off", "awards:\n  - name: a\n   decision: b\n",
			`f.md:4:4: dòng này không thẳng cột: hãy thụt vào cho thẳng với dòng 3 (bắt đầu ở cột 5)`, "   decision: b"},
		{"award key under the dash", "awards:\n  - name: a\n  decision: b\n",
			`f.md:4:3: dòng này không thẳng cột: hãy thụt vào cho thẳng với dòng 3 (bắt đầu ở cột 5)`, "  decision: b"},
		{"markdown emphasis", "title: *Chị Lan*\n",
			`f.md:2:8: giá trị của "title" bắt đầu bằng "*", một ký tự có nghĩa riêng trong YAML; hãy đặt cả giá trị trong dấu ngoặc kép: title: "*Chị Lan*"`, "title: *Chị Lan*"},
		{"at sign", "model: x\nperson: @lan\n",
			`f.md:3:9: giá trị của "person" bắt đầu bằng "@", một ký tự có nghĩa riêng trong YAML; hãy đặt cả giá trị trong dấu ngoặc kép: person: "@lan"`, "person: @lan"},
		{"a dash before the value", "title: - Chị Lan\n",
			`f.md:2:8: giá trị của "title" bắt đầu bằng "-", một ký tự có nghĩa riêng trong YAML; hãy đặt cả giá trị trong dấu ngoặc kép: title: "- Chị Lan"`, "title: - Chị Lan"},
		{"a quote mark before the value", "summary: > Chị Lan\n",
			`f.md:2:10: giá trị của "summary" bắt đầu bằng ">", một ký tự có nghĩa riêng trong YAML; hãy đặt cả giá trị trong dấu ngoặc kép: summary: "> Chị Lan"`, "summary: > Chị Lan"},
		{"a backslash in quotes", "cover: \"C:\\Users\\lan.jpg\"\n",
			`f.md:2:11: dấu \ trong dấu ngoặc kép phải viết thành \\; hoặc đặt giá trị trong dấu nháy đơn`, `cover: "C:\Users\lan.jpg"`},
		{"a control character", "title: a\nperson: L\x01an\n",
			"f.md:3:10: có một ký tự điều khiển không nhìn thấy được (U+0001); hãy xóa nó (thường do chép từ tệp khác)", "person: L\x01an"},
		{"anything else: a general sentence, the parser's words in parentheses", "model: x\n- a\n",
			"f.md:3: lỗi cú pháp YAML ở dòng này; hãy xem lại dấu hai chấm, dấu ngoặc, dấu gạch đầu dòng và cách thụt dòng (did not find expected key)", "- a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			if doc := Split("f.md", []byte("---\n"+tc.yaml+"---\nBody\n"), &diags); doc != nil {
				t.Fatalf("Split returned a document")
			}
			if len(diags) != 1 {
				t.Fatalf("diagnostics = %q, want one", formatted(diags))
			}
			if got := diags[0].Format("vi"); got != tc.want {
				t.Errorf("diagnostic\n got: %s\nwant: %s", got, tc.want)
			}
			if diags[0].Source != tc.source {
				t.Errorf("source line = %q, want %q", diags[0].Source, tc.source)
			}
		})
	}
}

// TestYAMLMistakesInSiteYAML checks that site.yaml, a whole YAML file, gets
// the same explanations at its own line numbers.
func TestYAMLMistakesInSiteYAML(t *testing.T) {
	var diags diag.List
	ParseYAML("site.yaml", []byte("title: Gương điển hình: Sở Ngoại vụ\nbaseURL: \"https://example.gov.vn/\"\n"), &diags)
	checkDiags(t, diags, `site.yaml:1:23: the value of "title" holds a colon, which YAML reads as a new key; put the title in double quotes: title: "Gương điển hình: Sở Ngoại vụ"`)
}

// sampleStory is a story as a writer fills in the template: every kind of
// value a mistake can be made in.
const sampleStory = `title: "Chị Hoàng Thị Lan – người cán bộ dân vận khéo"
date: 2023-06-11T08:00:00+07:00
person: "Hoàng Thị Lan"
position: Chuyên viên Phòng Lãnh sự
department: phong-lanh-su
model: dan-van-kheo
campaigns: [thi-dua-ai-quoc-75]
tags:
  - biên giới
  - cải cách hành chính
summary: Chị Lan gần dân, hiểu dân.
cover: lan.jpg
coverAlt: "Chị Lan trò chuyện với bà con"
awards:
  - name: "Bằng khen của Chủ tịch UBND tỉnh"
    decision: 123/QĐ-UBND
    date: 2023-05-20
  - {name: "Giấy khen", date: 2022-12-30}
draft: false
`

// writerMistakes are the slips of a writer editing one line of a story.
var writerMistakes = []struct {
	name string
	edit func(line string) string
}{
	{"tab indent", func(l string) string { return "\t" + strings.TrimLeft(l, " ") }},
	{"tab for the indent", func(l string) string {
		if t := strings.TrimLeft(l, " "); t != l {
			return "\t" + t
		}
		return l
	}},
	{"colon in the value", func(l string) string {
		if i := strings.Index(l, ": "); i >= 0 && !strings.ContainsAny(l[i+2:], `"[{`) && l[i+2:] != "" {
			return l + ": thêm"
		}
		return l
	}},
	{"no space after the colon", func(l string) string { return strings.Replace(l, ": ", ":", 1) }},
	{"no colon", func(l string) string { return strings.Replace(l, ": ", " ", 1) }},
	{"dash dropped", func(l string) string { return strings.Replace(l, "- ", "  ", 1) }},
	{"closing bracket dropped", func(l string) string { return strings.TrimSuffix(strings.TrimSuffix(l, "]"), "}") }},
	{"closing quote dropped", func(l string) string { return strings.TrimSuffix(l, `"`) }},
	{"opening quote dropped", func(l string) string { return strings.Replace(l, `: "`, ": ", 1) }},
	{"quotes inside quotes", func(l string) string { return strings.Replace(l, "Lan", `"Lan"`, 1) }},
	{"one space more", func(l string) string { return " " + l }},
	{"one space less", func(l string) string { return strings.Replace(l, " ", "", 1) }},
	{"emphasis", func(l string) string { return strings.Replace(l, `: "`, `: *"`, 1) }},
}

// TestWriterMistakeCorpus makes every slip of writerMistakes on every line
// of sampleStory; each one YAML refuses must be explained: never yaml.v3's
// words alone, always at a line of the front matter, with a column on it.
// The few slips only the general message explains are listed, so a new
// common one shows up here.
func TestWriterMistakeCorpus(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(sampleStory, "\n"), "\n")
	refused, general := 0, 0
	for _, mk := range writerMistakes {
		for i := range lines {
			edited := append([]string(nil), lines...)
			edited[i] = mk.edit(lines[i])
			if edited[i] == lines[i] {
				continue
			}
			src := "---\n" + strings.Join(edited, "\n") + "\n---\nBody\n"
			var diags diag.List
			Split("f.md", []byte(src), &diags)
			for _, d := range diags {
				if d.Code != diag.SyntaxYAML && !strings.HasPrefix(string(d.Code), "yaml-") {
					continue
				}
				refused++
				if d.Pos.Line < 2 || d.Pos.Line > len(lines)+1 {
					t.Errorf("%s on line %d: diagnostic outside the front matter: %s", mk.name, i+2, d.Format("vi"))
				}
				if d.Code == diag.SyntaxYAML {
					general++
					t.Logf("%s on line %d: only the general message: %s", mk.name, i+2, d.Format("vi"))
					continue
				}
				if d.Pos.Col < 1 || d.Pos.Col > utf8.RuneCountInString(d.Source)+1 {
					t.Errorf("%s on line %d: column %d is not on the line %q: %s", mk.name, i+2, d.Pos.Col, d.Source, d.Format("vi"))
				}
			}
		}
	}
	t.Logf("%d slips refused by YAML, %d of them given only the general message", refused, general)
	if general*10 > refused {
		t.Errorf("%d of %d slips get only the general message; explain the common ones", general, refused)
	}
}

// FuzzYAMLError checks that any YAML yaml.v3 refuses gets a diagnostic at
// a line of the source, without panicking.
func FuzzYAMLError(f *testing.F) {
	f.Add(sampleStory)
	f.Add("title: a\n\tperson: b\n")
	f.Add("tags: [a, b\nmodel: x\n")
	f.Add("title: \"Chị \"Lan\" người\"\n")
	f.Add("awards:\n  - name: a\n   decision: b\n")
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		clean := Clean("f.yaml", []byte(src), &diags) // as every file is read
		if clean == nil {
			return
		}
		src = string(clean)
		m := ParseYAML("f.yaml", clean, &diags)
		if m != nil || len(diags) == 0 {
			return
		}
		d := diags[0]
		if n := strings.Count(src, "\n") + 1; d.Pos.Line < 1 || d.Pos.Line > n {
			t.Errorf("line %d outside the %d lines of the source: %s", d.Pos.Line, n, d.Format("en"))
		}
		d.Excerpt()
	})
}
