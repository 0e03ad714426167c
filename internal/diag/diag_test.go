package diag

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		d      Diagnostic
		en, vi string
	}{
		{
			Diagnostic{Pos: Position{"content/stories/lan.md", 6, 8}, Code: UnknownRefHint,
				Args: []any{Word{VI: "loại mô hình", EN: "model"}, "dan-van-kheoo", "dan-van-kheo"}},
			`content/stories/lan.md:6:8: unknown model "dan-van-kheoo" (did you mean "dan-van-kheo"?)`,
			`content/stories/lan.md:6:8: không có loại mô hình "dan-van-kheoo" (có phải ý bạn là "dan-van-kheo"?)`,
		},
		{
			Diagnostic{Pos: Position{"site.yaml", 3, 1}, Severity: Warning, Code: UnknownKey, Args: []any{"colour"}},
			`site.yaml:3:1: warning: unknown key "colour" is ignored`,
			`site.yaml:3:1: cảnh báo: khóa "colour" không được hỗ trợ nên bị bỏ qua`,
		},
		{
			Diagnostic{Pos: Position{"content/stories/lan.md", 8, 0}, Severity: Warning, Code: EmptyBody},
			`content/stories/lan.md:8: warning: the story has no text yet`,
			`content/stories/lan.md:8: cảnh báo: bài viết chưa có nội dung`,
		},
		{
			Diagnostic{Pos: Position{File: "site.yaml"}, Code: NoSiteFile},
			`site.yaml: site.yaml not found: is this a site folder?`,
			`site.yaml: không tìm thấy tệp site.yaml: đây có phải thư mục của trang không?`,
		},
		{
			Diagnostic{Code: TooDeep, Args: []any{20}},
			`nesting too deep (over 20 levels)`,
			`cấu trúc lồng nhau quá sâu (quá 20 cấp)`,
		},
		{
			Diagnostic{Pos: Position{"a.md", 1, 1}, Code: Code("no-such-code"), Args: []any{"x"}},
			`a.md:1:1: no-such-code: x`,
			`a.md:1:1: no-such-code: x`,
		},
	}
	for _, tt := range tests {
		t.Run(string(tt.d.Code), func(t *testing.T) {
			if got := tt.d.Format("en"); got != tt.en {
				t.Errorf("en:\n got %s\nwant %s", got, tt.en)
			}
			if got := tt.d.Format("vi"); got != tt.vi {
				t.Errorf("vi:\n got %s\nwant %s", got, tt.vi)
			}
			if got := tt.d.Error(); got != tt.en {
				t.Errorf("Error() = %s, want the English form", got)
			}
		})
	}
}

func TestSort(t *testing.T) {
	var l List
	l.Errorf(Position{"content/stories/b.md", 2, 1}, MissingField, "title")
	l.Warnf(Position{"content/stories/a.md", 10, 5}, DuplicateItem, "x", "tags")
	l.Errorf(Position{"content/stories/a.md", 2, 8}, EmptyValue, "title")
	l.Errorf(Position{"content/stories/a.md", 1, 1}, MissingField, "person")
	l.Errorf(Position{"content/stories/a.md", 1, 1}, MissingField, "date")
	l.Errorf(Position{"content/stories/a.md", 2, 8}, EmptyValue, "title") // an exact repeat
	l.Errorf(Position{File: "content/stories/a.md"}, EmptySlug, "a.md")
	l.Errorf(Position{"content/stories/a.md", 10, 3}, MissingField, "name")
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Format("en"))
	}
	want := []string{
		`content/stories/a.md: cannot make a slug from the file name "a.md"; rename the file or add a "slug" field`,
		`content/stories/a.md:1:1: missing required field "date"`,
		`content/stories/a.md:1:1: missing required field "person"`,
		`content/stories/a.md:2:8: "title" must not be empty`,
		`content/stories/a.md:10:3: missing required field "name"`,
		`content/stories/a.md:10:5: warning: "x" is listed twice in "tags"`,
		`content/stories/b.md:2:1: missing required field "title"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sorted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if errs, warns := l.Count(); errs != 6 || warns != 1 {
		t.Errorf("Count = %d, %d; want 6, 1", errs, warns)
	}
}

func TestErr(t *testing.T) {
	var l List
	if l.Err() != nil || l.HasErrors() {
		t.Errorf("an empty list has errors")
	}
	l.Warnf(Position{"a.md", 1, 1}, UnknownKey, "x")
	if l.Err() != nil || l.HasErrors() {
		t.Errorf("a list of warnings has errors")
	}
	l.Errorf(Position{"a.md", 2, 1}, MissingField, "title")
	err := fmt.Errorf("build: %w", l.Err())
	got, ok := AsList(err)
	if !ok || len(got) != 2 {
		t.Fatalf("AsList = %v, %v", got, ok)
	}
	want := "build: a.md:1:1: warning: unknown key \"x\" is ignored\na.md:2:1: missing required field \"title\""
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if got, ok := AsList(fmt.Errorf("x: %w", l[1])); !ok || len(got) != 1 {
		t.Errorf("AsList(Diagnostic) = %v, %v", got, ok)
	}
	if _, ok := AsList(errors.New("plain")); ok {
		t.Errorf("AsList(plain error) = true")
	}
}

var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

// TestCatalogue checks that every code declared in messages.go has both
// forms, taking the same arguments, and that the Vietnamese form is written
// in Vietnamese.
func TestCatalogue(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []Code
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "Code" {
			for _, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok {
					codes = append(codes, Code(strings.Trim(lit.Value, `"`)))
				}
			}
		}
		return true
	})
	if len(codes) != len(catalogue) {
		t.Errorf("%d codes declared, %d in the catalogue", len(codes), len(catalogue))
	}
	vietnamese := regexp.MustCompile(`[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]`)
	for _, c := range codes {
		m, ok := catalogue[c]
		if !ok {
			t.Errorf("%s: not in the catalogue", c)
			continue
		}
		if m.vi == "" || m.en == "" || m.vi == m.en {
			t.Errorf("%s: forms %q and %q", c, m.vi, m.en)
		}
		if !vietnamese.MatchString(strings.ToLower(m.vi)) {
			t.Errorf("%s: the Vietnamese form %q has no Vietnamese letter", c, m.vi)
		}
		if v, e := verb.FindAllString(m.vi, -1), verb.FindAllString(m.en, -1); strings.Join(v, " ") != strings.Join(e, " ") {
			t.Errorf("%s: verbs %q (vi) and %q (en) differ", c, v, e)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("a", 150) + "X" + strings.Repeat("b", 150)
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"no source", Diagnostic{Pos: Position{"f.md", 4, 15}}, ""},
		{"caret under the column", Diagnostic{Pos: Position{"f.md", 4, 15}, Source: "title: Chị Lan: người cán bộ"},
			"    4 | title: Chị Lan: người cán bộ\n      |               ^\n"},
		{"no column", Diagnostic{Pos: Position{"f.md", 12, 0}, Source: "tags: [a"},
			"    12 | tags: [a\n"},
		{"a tab shown as spaces", Diagnostic{Pos: Position{"f.md", 3, 2}, Source: "\t\tmodel: x"},
			"    3 |         model: x\n      |     ^\n"},
		{"a long line cut around the column", Diagnostic{Pos: Position{"f.md", 1, 151}, Source: long},
			"    1 | …" + strings.Repeat("a", 50) + "X" + strings.Repeat("b", 49) + "…\n      |  " + strings.Repeat(" ", 50) + "^\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.d.Excerpt(); got != tc.want {
				t.Errorf("Excerpt() =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestPrintShowsSource checks that the file:line:col line stays first, as
// editors and the preview's overlay read it, with the source line under it.
func TestPrintShowsSource(t *testing.T) {
	l := List{{Pos: Position{"f.md", 2, 7}, Code: YAMLUnclosedBracket, Args: []any{"[", "]"}, Source: "tags: [a, b"}}
	var b strings.Builder
	l.Print(&b, "vi")
	want := "f.md:2:7: dấu ngoặc \"[\" mở ở đây chưa được đóng; hãy thêm dấu \"]\" ở cuối danh sách\n" +
		"    2 | tags: [a, b\n" +
		"      |       ^\n"
	if b.String() != want {
		t.Errorf("Print =\n%s\nwant\n%s", b.String(), want)
	}
}
