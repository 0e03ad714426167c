package markdown_test

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
)

const (
	basePath = "/guong-dien-hinh/"
	file     = "content/stories/2023/lan.md"
	bodyLine = 7 // the body starts on file line 7, after the front matter
)

func convert(t *testing.T, body string) (markdown.Result, diag.List) {
	t.Helper()
	var diags diag.List
	r := markdown.New(basePath).Convert(file, bodyLine, []byte(body), &diags)
	return r, diags
}

func noDiags(t *testing.T, diags diag.List) {
	t.Helper()
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %s", d.Format("en"))
	}
}

var headingIDRe = regexp.MustCompile(`<h[1-6] id="([^"]*)"`)

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"vietnamese", "## Tấm gương sáng", []string{"tam-guong-sang"}},
		{"d with stroke", "## Đường biên", []string{"duong-bien"}},
		{"level 1 and 3", "# Tiêu đề\n\n### Phần một", []string{"tieu-de", "phan-mot"}},
		{"setext", "Lời mở đầu\n---", []string{"loi-mo-dau"}},
		{"duplicates", "## Tấm gương sáng\n\n## Tấm gương sáng\n\n## Tấm gương sáng",
			[]string{"tam-guong-sang", "tam-guong-sang-1", "tam-guong-sang-2"}},
		{"duplicates differing in tone marks only", "## Lan\n\n## Lân", []string{"lan", "lan-1"}},
		{"only punctuation", "## !!!", []string{"muc"}},
		{"only punctuation twice", "## ???\n\n## ...", []string{"muc", "muc-1"}},
		{"decomposed input", "## Tâ\u0301m gu\u031bo\u031bng", []string{"tam-guong"}},
		{"emphasis in heading", "## Xem *Lan*", []string{"xem-lan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := convert(t, tt.body)
			noDiags(t, diags)
			var got []string
			for _, m := range headingIDRe.FindAllStringSubmatch(string(r.HTML), -1) {
				got = append(got, m[1])
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("ids = %q, want %q\nHTML: %s", got, tt.want, r.HTML)
			}
		})
	}
}

func TestHeadingIDsFreshPerConversion(t *testing.T) {
	// The ids used by one body must not leak into the next.
	c := markdown.New(basePath)
	for i := range 3 {
		var diags diag.List
		r := c.Convert(file, 1, []byte("## Tấm gương sáng"), &diags)
		if !strings.Contains(string(r.HTML), `id="tam-guong-sang"`) {
			t.Fatalf("conversion %d: %s, want id=\"tam-guong-sang\"", i, r.HTML)
		}
	}
}

func TestRawHTMLIsNotPassedThrough(t *testing.T) {
	tests := []struct {
		name string
		body string
		bad  []string // must not appear, case-insensitively
		keep string   // text that must stay
	}{
		{"script block", "<script>alert(1)</script>", []string{"<script", "</script"}, ""},
		{"script inline", "Xin chào <script>alert(1)</script> bạn", []string{"<script", "</script"}, "Xin chào"},
		{"img onerror block", "<img src=x onerror=alert(1)>", []string{"<img", "onerror"}, ""},
		{"img onerror inline", "Ảnh <img src=x onerror=alert(1)> đây", []string{"<img", "onerror"}, "đây"},
		{"inline bold with handler", "Chữ <b onclick=x>đậm</b> nhé", []string{"<b ", "<b>", "onclick"}, "đậm"},
		{"uppercase tags", "<SCRIPT>alert(1)</SCRIPT>\n\nx <SvG OnLoad=alert(1)>", []string{"<script", "<svg", "onload"}, ""},
		{"iframe", "<iframe src=\"javascript:alert(1)\"></iframe>", []string{"<iframe", "javascript:"}, ""},
		{"html block div", "<div style=\"x\" onmouseover=\"alert(1)\">\nNội dung\n</div>", []string{"<div", "onmouseover"}, ""},
		{"comment", "<!-- <script>alert(1)</script> -->", []string{"<script"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := convert(t, tt.body)
			out := strings.ToLower(string(r.HTML))
			for _, b := range tt.bad {
				if strings.Contains(out, strings.ToLower(b)) {
					t.Errorf("output contains %q:\n%s", b, r.HTML)
				}
			}
			if !strings.Contains(string(r.HTML), tt.keep) {
				t.Errorf("output lost %q:\n%s", tt.keep, r.HTML)
			}
		})
	}
}

func TestUnsafeLinksAreDropped(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantText string // the link's text, kept
		wantLine int    // file line of the warning
		wantURL  string // the address the warning names
	}{
		{"javascript", "[a](javascript:alert(1))", "a", bodyLine, "javascript:alert(1)"},
		{"mixed case", "[a](JaVaScRiPt:alert(1))", "a", bodyLine, "JaVaScRiPt:alert(1)"},
		{"tab inside the scheme", "[a](<java\tscript:alert(1)>)", "a", bodyLine, "java\tscript:alert(1)"},
		{"tab as a character reference", "[a](java&#9;script:alert(1))", "a", bodyLine, "java\tscript:alert(1)"},
		{"leading space and newline reference", "[a](<&#10; javascript:alert(1)>)", "a", bodyLine, "javascript:alert(1)"},
		{"colon as a character reference", "[a](javascript&#58;alert(1))", "a", bodyLine, "javascript:alert(1)"},
		{"letter as a character reference", "[a](&#106;avascript:alert(1))", "a", bodyLine, "javascript:alert(1)"},
		{"colon as a named reference", "[a](javascript&colon;alert(1))", "a", bodyLine, "javascript:alert(1)"},
		{"data html", "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "a", bodyLine,
			"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="},
		{"data svg image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "x", bodyLine,
			"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"},
		{"vbscript", "[a](vbscript:x)", "a", bodyLine, "vbscript:x"},
		{"file", "[a](file:///etc/passwd)", "a", bodyLine, "file:///etc/passwd"},
		{"reference definition", "Xem [a][r].\n\n[r]: javascript:alert(1)", "a", bodyLine, "javascript:alert(1)"},
		{"on a later line", "Đoạn đầu.\n\nDòng một\ndòng hai [a](javascript:alert(1)) hết", "a", bodyLine + 3, "javascript:alert(1)"},
		{"in a block quote", "> Trích\n>\n> [a](javascript:alert(1))", "a", bodyLine + 2, "javascript:alert(1)"},
		{"in a list item", "- một\n- hai [a](javascript:alert(1))", "a", bodyLine + 1, "javascript:alert(1)"},
		{"in a table cell", "| x | y |\n|---|---|\n| 1 | 2 |\n| [a](javascript:alert(1)) | 3 |", "a", bodyLine + 3, "javascript:alert(1)"},
		{"in a heading", "Mở đầu\n\n## Xem [a](javascript:alert(1))", "a", bodyLine + 2, "javascript:alert(1)"},
		{"autolink", "<javascript:alert(1)>", "javascript:alert(1)", bodyLine, "javascript:alert(1)"},
		{"autolink on a later line", "Dòng một\n\nxem <vbscript:x>", "vbscript:x", bodyLine + 2, "vbscript:x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := convert(t, tt.body)
			out := string(r.HTML)
			if strings.Contains(out, "href") || strings.Contains(out, "src=") || strings.Contains(out, "<a") || strings.Contains(out, "<img") {
				t.Errorf("unsafe link rendered:\n%s", out)
			}
			if !strings.Contains(out, tt.wantText) {
				t.Errorf("link text %q lost:\n%s", tt.wantText, out)
			}
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics, want 1 warning: %v", len(diags), diags)
			}
			d := diags[0]
			if d.Severity != diag.Warning || d.Code != diag.MarkdownLink {
				t.Errorf("diagnostic = %s (severity %d, code %s), want a %s warning", d.Format("en"), d.Severity, d.Code, diag.MarkdownLink)
			}
			if d.Pos.File != file || d.Pos.Line != tt.wantLine || d.Pos.Col < 1 {
				t.Errorf("diagnostic at %s, want %s:%d:<col>", d.Pos, file, tt.wantLine)
			}
			if len(d.Args) != 1 || d.Args[0] != tt.wantURL {
				t.Errorf("diagnostic args = %q, want [%q]", d.Args, tt.wantURL)
			}
		})
	}
}

func TestTabInBareDestinationIsNotALink(t *testing.T) {
	// CommonMark does not allow a tab in a bare destination: this is text.
	r, _ := convert(t, "[a](java\tscript:alert(1))")
	out := string(r.HTML)
	if strings.Contains(out, "<a") || strings.Contains(out, "href") {
		t.Errorf("rendered as a link:\n%s", out)
	}
	if !strings.Contains(out, "[a](java\tscript:alert(1))") {
		t.Errorf("text lost:\n%s", out)
	}
}

func TestSafeLinksAreKept(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantHref string // as written in the HTML attribute
	}{
		{"http", "[a](http://example.com/x)", `http://example.com/x`},
		{"https", "[a](https://example.com/x?y=1)", `https://example.com/x?y=1`},
		{"https upper case", "[a](HTTPS://example.com/)", `HTTPS://example.com/`},
		{"mailto", "[a](mailto:lan@example.com)", `mailto:lan@example.com`},
		{"tel", "[a](tel:+84912345678)", `tel:+84912345678`},
		{"relative", "[a](bai-khac/)", `bai-khac/`},
		{"relative up", "[a](../bai-khac/)", `../bai-khac/`},
		{"relative with colon after slash", "[a](./a:b)", `./a:b`},
		{"protocol relative", "[a](//example.com/x)", `//example.com/x`},
		{"site absolute", "[a](/bai-viet/lan/)", basePath + `bai-viet/lan/`},
		{"site absolute with query and reference", "[a](/tim-kiem/?q=1&amp;p=2)", basePath + `tim-kiem/?q=1&amp;p=2`},
		{"fragment", "[a](#muc)", `#muc`},
		{"autolink", "<https://example.com/a>", `https://example.com/a`},
		{"bare url", "Xem https://example.com/a nhé", `https://example.com/a`},
		{"email autolink", "<lan@example.com>", `mailto:lan@example.com`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := convert(t, tt.body)
			noDiags(t, diags)
			want := `href="` + tt.wantHref + `"`
			if !strings.Contains(string(r.HTML), want) {
				t.Errorf("output lacks %s:\n%s", want, r.HTML)
			}
		})
	}
}

func TestImages(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantSrc    string // "" if no <img> is rendered
		wantImages []markdown.Image
		wantErrors int
	}{
		{
			name:    "beside the story",
			body:    "![Ảnh](anh.jpg)",
			wantSrc: "anh.jpg",
			wantImages: []markdown.Image{{File: "content/stories/2023/anh.jpg", Rel: "anh.jpg",
				Pos: diag.Position{File: file, Line: bodyLine, Col: 1}}},
		},
		{
			name:    "in a sub-folder, on a later line",
			body:    "Mở đầu.\n\nXem ![Ảnh](./hinh/anh.jpg)",
			wantSrc: "hinh/anh.jpg",
			wantImages: []markdown.Image{{File: "content/stories/2023/hinh/anh.jpg", Rel: "hinh/anh.jpg",
				Pos: diag.Position{File: file, Line: bodyLine + 2, Col: 5}}},
		},
		{
			name:    "dot-dot that stays inside",
			body:    "![x](hinh/../anh.jpg)",
			wantSrc: "anh.jpg",
			wantImages: []markdown.Image{{File: "content/stories/2023/anh.jpg", Rel: "anh.jpg",
				Pos: diag.Position{File: file, Line: bodyLine, Col: 1}}},
		},
		{
			name:    "ampersand reference",
			body:    "![x](a&amp;b.png)",
			wantSrc: "a&amp;b.png",
			wantImages: []markdown.Image{{File: "content/stories/2023/a&b.png", Rel: "a&b.png",
				Pos: diag.Position{File: file, Line: bodyLine, Col: 1}}},
		},
		{name: "escaping the folder", body: "![x](../../secret.png)", wantErrors: 1},
		{name: "escaping by one", body: "![x](../anh.jpg)", wantErrors: 1},
		{name: "escaping after a sub-folder", body: "![x](hinh/../../anh.jpg)", wantErrors: 1},
		{name: "escaping percent-encoded", body: "![x](..%2F..%2Fsecret.png)", wantErrors: 1},
		{name: "site absolute", body: "![x](/static/logo.png)", wantSrc: basePath + "static/logo.png"},
		{name: "remote", body: "![x](https://example.com/a.png)", wantSrc: "https://example.com/a.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := convert(t, tt.body)
			out := string(r.HTML)
			if tt.wantSrc == "" {
				if strings.Contains(out, "<img") {
					t.Errorf("image rendered:\n%s", out)
				}
			} else if !strings.Contains(out, `<img src="`+tt.wantSrc+`"`) {
				t.Errorf("output lacks src=%q:\n%s", tt.wantSrc, out)
			}
			if fmt.Sprintf("%+v", r.Images) != fmt.Sprintf("%+v", tt.wantImages) {
				t.Errorf("Images = %+v, want %+v", r.Images, tt.wantImages)
			}
			errs, warns := diags.Count()
			if errs != tt.wantErrors || warns != 0 {
				t.Fatalf("got %d errors and %d warnings, want %d errors: %v", errs, warns, tt.wantErrors, diags)
			}
			for _, d := range diags {
				if d.Code != diag.BadPath || d.Pos.Line != bodyLine || d.Pos.File != file {
					t.Errorf("diagnostic = %s at %s, want %s at line %d", d.Code, d.Pos, diag.BadPath, bodyLine)
				}
			}
		})
	}
}

func TestGFM(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"table", "| Họ tên | Đơn vị |\n|---|:---:|\n| Lan | Lãnh sự |",
			[]string{"<table>", "<th>Họ tên</th>", `<td style="text-align:center">Lãnh sự</td>`, "</table>"}},
		{"strikethrough", "Đã ~~sai~~ sửa", []string{"<del>sai</del>"}},
		{"bare https url", "Xem https://example.com/bai tại đây",
			[]string{`<a href="https://example.com/bai">https://example.com/bai</a>`}},
		{"www url", "Xem www.example.com nhé", []string{`<a href="http://www.example.com">www.example.com</a>`}},
		{"footnote", "Câu chuyện[^1] hay.\n\n[^1]: Theo báo Lạng Sơn.",
			[]string{`<sup id="fnref:1"><a href="#fn:1"`, `<li id="fn:1">`, "Theo báo Lạng Sơn.", `href="#fnref:1"`}},
		{"task-free list", "- một\n- hai", []string{"<ul>", "<li>một</li>", "<li>hai</li>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := convert(t, tt.body)
			noDiags(t, diags)
			for _, w := range tt.want {
				if !strings.Contains(string(r.HTML), w) {
					t.Errorf("output lacks %q:\n%s", w, r.HTML)
				}
			}
		})
	}
}

func TestFirstParagraph(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"plain", "Chị Lan là cán bộ.\n\nĐoạn hai.", "Chị Lan là cán bộ."},
		{"heading before it", "## Tấm gương sáng\n\nChị Lan là cán bộ.", "Chị Lan là cán bộ."},
		{"emphasis and links flattened", "Chị *Lan* là **cán bộ** [Phòng Lãnh sự](/don-vi/lanh-su/) và `mã`.",
			"Chị Lan là cán bộ Phòng Lãnh sự và mã."},
		{"soft line break is a space", "Dòng một\ndòng hai", "Dòng một dòng hai"},
		{"no footnote marker", "Câu chuyện[^1] hay.\n\n[^1]: Ghi chú.", "Câu chuyện hay."},
		{"references and escapes resolved", "Lan &amp; Hoa \\*không nghiêng\\* &#273;i", "Lan & Hoa *không nghiêng* đi"},
		{"bare url kept", "Xem https://example.com/a nhé.", "Xem https://example.com/a nhé."},
		{"raw html left out", "Chào <b>bạn</b>.", "Chào bạn."},
		{"dropped link keeps text", "Xem [đây](javascript:alert(1)).", "Xem đây."},
		{"block quote first is skipped", "> Trích dẫn\n\nĐoạn thật.", "Đoạn thật."},
		{"only a heading", "# Tiêu đề", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := convert(t, tt.body)
			if r.FirstParagraph != tt.want {
				t.Errorf("FirstParagraph = %q, want %q", r.FirstParagraph, tt.want)
			}
		})
	}
}

// TestNesting: block quotes and list items nested deeper than MaxNesting
// are an error at the marker that goes too deep, found before the body is
// parsed (goldmark's time grows faster than the size of such a body);
// nesting up to MaxNesting renders, and what only looks deep — a thematic
// break of dashes, markers in fenced or indented code — is no error.
func TestNesting(t *testing.T) {
	const depth = 100
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- mục\n")
		}
		return b.String()
	}
	tooDeep := []struct {
		name, body string
		line, col  int // of the marker one too deep, in lan.md (the body starts on line 7)
	}{
		{"block quotes", strings.Repeat("> ", depth) + "sâu nhất [a](javascript:x)", 7, 2*markdown.MaxNesting + 1},
		{"lists", strings.Repeat("- ", depth) + "sâu nhất", 7, 2*markdown.MaxNesting + 1},
		{"mixed", strings.Repeat("> - ", depth/2) + "sâu nhất", 7, 2*markdown.MaxNesting + 1},
		{"lists by indentation", "Mở đầu.\n\n" + indented(depth), 9 + markdown.MaxNesting, 2*markdown.MaxNesting + 1},
		{"ordered lists by indentation", strings.ReplaceAll(strings.ReplaceAll(indented(depth), "  ", "   "), "- ", "1. "), 7 + markdown.MaxNesting, 3*markdown.MaxNesting + 1},
	}
	for _, tt := range tooDeep {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := convert(t, tt.body)
			want := fmt.Sprintf("content/stories/2023/lan.md:%d:%d: nesting too deep (over %d levels)", tt.line, tt.col, markdown.MaxNesting)
			if len(diags) != 1 || diags[0].Severity != diag.Error || diags[0].Format("en") != want {
				t.Errorf("diagnostics = %v, want one error %s", diags, want)
			}
			if r.HTML != "" {
				t.Errorf("HTML rendered for a body nested too deep")
			}
		})
	}
	shallow := []struct{ name, body, tag string }{
		{"block quotes", strings.Repeat("> ", markdown.MaxNesting) + "x", "<blockquote>"},
		{"lists", strings.Repeat("- ", markdown.MaxNesting) + "x", "<ul>"},
		{"lists by indentation", indented(markdown.MaxNesting), "<ul>"},
	}
	for _, tt := range shallow {
		t.Run("shallow "+tt.name, func(t *testing.T) {
			r, diags := convert(t, tt.body)
			if len(diags) != 0 {
				t.Errorf("diagnostics = %v, want none", diags)
			}
			if n := strings.Count(string(r.HTML), tt.tag); n != markdown.MaxNesting {
				t.Errorf("%d %s, want %d", n, tt.tag, markdown.MaxNesting)
			}
		})
	}
	for name, body := range map[string]string{
		"thematic break":  strings.Repeat("- ", depth) + "\n\nChữ.",
		"fenced code":     "```\n" + strings.Repeat("> ", depth) + "\n```\n",
		"indented code":   "Chữ.\n\n    " + strings.Repeat("- ", depth) + "\n",
		"code in an item": "- mục\n\n  ~~~\n  " + strings.Repeat("> ", depth) + "\n  ~~~\n",
	} {
		t.Run("not deep: "+name, func(t *testing.T) {
			r, diags := convert(t, body)
			if len(diags) != 0 || r.HTML == "" {
				t.Errorf("diagnostics = %v, HTML %q; want none, and the body rendered", diags, r.HTML)
			}
		})
	}
}

// TestWithMinify checks that a converter's minifier gets the HTML as
// rendered and that its output is the result, that a body it fails on
// keeps its HTML, and that results stay intact as buffers are reused.
func TestWithMinify(t *testing.T) {
	upper := func(w io.Writer, html []byte) error {
		if strings.Contains(string(html), "hỏng") {
			io.WriteString(w, "partial output")
			return errors.New("broken")
		}
		_, err := io.WriteString(w, strings.ToUpper(string(html)))
		return err
	}
	c := markdown.New(basePath).WithMinify(upper)
	var diags diag.List
	first := c.Convert(file, bodyLine, []byte("Đoạn *một*."), &diags)
	failed := c.Convert(file, bodyLine, []byte("Đoạn hỏng."), &diags)
	long := c.Convert(file, bodyLine, []byte(strings.Repeat("Đoạn dài hơn nữa. ", 500)), &diags)
	noDiags(t, diags)
	if got, want := string(first.HTML), "<P>ĐOẠN <EM>MỘT</EM>.</P>\n"; got != want {
		t.Errorf("minified HTML = %q, want %q", got, want)
	}
	if got, want := first.FirstParagraph, "Đoạn một."; got != want {
		t.Errorf("FirstParagraph = %q, want %q (from the Markdown, not the minified HTML)", got, want)
	}
	if got, want := string(failed.HTML), "<p>Đoạn hỏng.</p>\n"; got != want {
		t.Errorf("HTML the minifier failed on = %q, want it as rendered, %q", got, want)
	}
	if !strings.HasPrefix(string(long.HTML), "<P>ĐOẠN DÀI") {
		t.Errorf("long body's HTML starts %q", string(long.HTML)[:20])
	}
	if plain := markdown.New(basePath).Convert(file, bodyLine, []byte("Đoạn *một*."), &diags); string(plain.HTML) != "<p>Đoạn <em>một</em>.</p>\n" {
		t.Errorf("WithMinify changed the converter it was made from: %q", plain.HTML)
	}
}

func TestConvertConcurrently(t *testing.T) {
	c := markdown.New(basePath)
	const n = 8
	type out struct {
		res   markdown.Result
		diags diag.List
	}
	results := make([]out, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf("## Phần %d\n\n## Phần %d\n\nĐoạn số %d với [liên kết](/bai-viet/b%d/) và ![ảnh](anh%d.jpg).\n\n[x](javascript:%d)",
				i, i, i, i, i, i)
			f := fmt.Sprintf("content/stories/s%d.md", i)
			for range 20 {
				var diags diag.List
				res := c.Convert(f, i+1, []byte(body), &diags)
				results[i] = out{res, diags}
			}
		}()
	}
	wg.Wait()
	for i, o := range results {
		html := string(o.res.HTML)
		for _, want := range []string{
			fmt.Sprintf(`id="phan-%d"`, i),
			fmt.Sprintf(`id="phan-%d-1"`, i),
			fmt.Sprintf(`href="%sbai-viet/b%d/"`, basePath, i),
			fmt.Sprintf(`src="anh%d.jpg"`, i),
		} {
			if !strings.Contains(html, want) {
				t.Errorf("body %d: output lacks %s:\n%s", i, want, html)
			}
		}
		if want := fmt.Sprintf("Đoạn số %d với liên kết và ảnh.", i); o.res.FirstParagraph != want {
			t.Errorf("body %d: FirstParagraph = %q, want %q", i, o.res.FirstParagraph, want)
		}
		wantImg := markdown.Image{File: fmt.Sprintf("content/stories/anh%d.jpg", i), Rel: fmt.Sprintf("anh%d.jpg", i),
			Pos: diag.Position{File: fmt.Sprintf("content/stories/s%d.md", i), Line: i + 1 + 4, Col: 55}} // byte column
		if len(o.res.Images) != 1 || o.res.Images[0] != wantImg {
			t.Errorf("body %d: Images = %+v, want [%+v]", i, o.res.Images, wantImg)
		}
		if len(o.diags) != 1 || o.diags[0].Pos.Line != i+1+6 || o.diags[0].Pos.File != fmt.Sprintf("content/stories/s%d.md", i) {
			t.Errorf("body %d: diagnostics = %v, want one at line %d", i, o.diags, i+1+6)
		}
	}
}
