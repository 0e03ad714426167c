package build

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
	"golang.org/x/net/html"
)

// hostileText is written into every field a writer controls.
const hostileText = `"'><script>alert(1)</script><img src=x onerror=alert(2)></title></script>]]><!--&amp;{{.}}`

// TestHostileContent writes hostileText strings into every front matter field,
// site.yaml value and story body, builds, and checks every output: no live
// script, event handler or javascript:/data: URL in any HTML page, every XML
// file well-formed, every JSON file (and JSON-LD block) valid, and the HTML
// inside feeds free of live markup too.
func TestHostileContent(t *testing.T) {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // a YAML double-quoted string
	h := q(hostileText)
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte("title: " + h + "\ndescription: " + h + "\norganization: " + h +
			"\nbaseURL: \"https://example.gov.vn/guong/\"\nmodels:\n  dan-van-kheo: {name: " + h + ", description: " + h +
			"}\ndepartments:\n  van-phong: {name: " + h + ", description: " + h + "}\n" +
			"agency: {governingBody: " + h + ", address: " + h + ", phone: " + h + ", email: \"so@example.gov.vn\", " +
			"responsible: {name: " + h + ", title: " + h + "}, contact: {name: " + h + ", title: " + h + ", phone: " + h + "}, " +
			"portal: {name: " + h + ", url: \"https://langson.gov.vn/\"}, feedback: \"https://langson.gov.vn/gop-y\", accessibilityDate: 2024-12-01}\n")},
		"content/campaigns/thi-dua.md": {Data: []byte("---\ntitle: " + h + "\nstart: 2020-01-01\n---\n" + hostileText + "\n")},
		"content/pages/gioi-thieu.md":  {Data: []byte("---\ntitle: " + h + "\nmenu: " + h + "\nsummary: " + h + "\nlayout: about\n---\n" + hostileText + "\n")},
		"content/people/a.md":          {Data: []byte("---\nname: " + h + "\nposition: " + h + "\n---\n" + hostileText + "\n")},
		"content/stories/a.md": {Data: []byte("---\ntitle: " + h + "\ndate: 2023-06-11\nperson: " + h + "\nposition: " + h +
			"\ndepartment: van-phong\nmodel: dan-van-kheo\ncampaigns: [thi-dua]\ntags: [" + h + ", " + q("javascript:alert(3)") + "]\nsummary: " + h +
			"\nawards:\n  - {name: " + h + ", decision: " + h + ", date: 2023-05-20}\n---\n" + hostileText +
			"\n\n[bấm](javascript:alert(4)) [dữ liệu](data:text/html;base64,PHNjcmlwdD4=) <a href=\"javascript:alert(5)\">x</a>\n\n<div onclick=\"alert(6)\">y</div>\n")},
		"content/stories/b.md": {Data: []byte("---\ntitle: \"Bài thường\"\ndate: 2023-06-12\nperson: " + h +
			"\ndepartment: van-phong\nmodel: dan-van-kheo\n---\nKhông có tóm tắt: " + hostileText + "\n")},
	}
	mem, r := buildMemory(t, fsys, Options{})
	for _, d := range r.Diags {
		if d.Severity == 0 {
			t.Errorf("unexpected error: %s", d.Format("en"))
		}
	}
	if about, _ := mem.Get("gioi-thieu/index.html"); !bytes.Contains(about, []byte("agency-about")) {
		t.Error("the about page has no agency block to check")
	}
	checked := map[string]int{}
	for _, name := range mem.Names() {
		data, _ := mem.Get(name)
		switch path.Ext(name) {
		case ".html":
			checkHTML(t, name, data)
			checked["html"]++
		case ".xml":
			checkXML(t, name, data)
			checked["xml"]++
		case ".json":
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: invalid JSON: %v", name, err)
			}
			checkJSONHTML(t, name, v)
			checked["json"]++
		}
	}
	if checked["html"] < 10 || checked["xml"] < 3 || checked["json"] < 3 {
		t.Errorf("checked too few files: %v", checked)
	}
}

// checkHTML fails on anything a hostileText string could make live in a page.
func checkHTML(t *testing.T, name string, data []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: <%s %s=%q>: an event handler", name, n.Data, a.Key, a.Val)
				case (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "srcset") &&
					(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")):
					t.Errorf("%s: <%s %s=%q>: an unsafe URL", name, n.Data, a.Key, a.Val)
				case n.Data == "img" && a.Key == "src" && a.Val == "x":
					t.Errorf("%s: an injected <img>", name)
				}
			}
			if n.Data == "script" {
				var text strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					text.WriteString(c.Data)
				}
				typ := ""
				for _, a := range n.Attr {
					if a.Key == "type" {
						typ = a.Val
					}
				}
				switch {
				case typ == "application/ld+json":
					var v any
					if err := json.Unmarshal([]byte(text.String()), &v); err != nil {
						t.Errorf("%s: invalid JSON-LD: %v", name, err)
					}
				case strings.Contains(text.String(), "alert("):
					t.Errorf("%s: an injected script: %q", name, text.String())
				}
			}
			if n.Data == "div" || n.Data == "iframe" || n.Data == "object" {
				for _, a := range n.Attr {
					if strings.Contains(a.Val, "alert(") {
						t.Errorf("%s: injected <%s>", name, n.Data)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// checkXML parses a file strictly; text that is HTML (RSS descriptions,
// content) is checked as a page fragment too.
func checkXML(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var inHTML bool
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s: not well-formed XML: %v", name, err)
			return
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inHTML = tok.Name.Local == "description" || tok.Name.Local == "encoded"
		case xml.EndElement:
			inHTML = false
		case xml.CharData:
			if inHTML {
				checkHTML(t, name+" (HTML in XML)", append([]byte("<!DOCTYPE html><body>"), tok...))
			}
		}
	}
}

// checkJSONHTML checks the HTML fields of a JSON Feed.
func checkJSONHTML(t *testing.T, name string, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && (k == "content_html" || k == "summary_html") {
				checkHTML(t, name+" ("+k+")", []byte("<!DOCTYPE html><body>"+s))
			}
			checkJSONHTML(t, name, e)
		}
	case []any:
		for _, e := range x {
			checkJSONHTML(t, name, e)
		}
	}
}

// TestBodyPicturesChecked: a body cannot publish a file of its folder that
// is not a picture — a draft's source, a text file named .jpg — by naming
// it as an image: each is an error at its position, and nothing is built.
func TestBodyPicturesChecked(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	const lan = "content/stories/2023/chi-lan.md"
	fsys[lan] = &fstest.MapFile{Data: append(append([]byte(nil), fsys[lan].Data...), []byte("\n![bản nháp](ban-nhap.md)\n\n![ghi chú](ghi-chu.jpg)\n")...)}
	fsys["content/stories/2023/ban-nhap.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Bí mật\"\ndraft: true\n---\nChưa đăng.\n")}
	fsys["content/stories/2023/ghi-chu.jpg"] = &fstest.MapFile{Data: []byte("ghi chú riêng, không phải ảnh")}
	mem := publish.NewMemory()
	r, err := Run(context.Background(), fsys, mem, Options{Themes: themes.FS, Now: buildNow})
	if err == nil {
		t.Fatalf("a body showing a Markdown file and a text file as pictures built")
	}
	var got []string
	for _, d := range r.Diags {
		if d.Severity == diag.Error {
			got = append(got, d.Format("en"))
		}
	}
	lines := strings.Count(string(fsys[lan].Data), "\n")
	want := []string{
		fmt.Sprintf(`%s:%d:1: file "ban-nhap.md" is not a JPEG, PNG, GIF or WebP image`, lan, lines-2),
		fmt.Sprintf(`%s:%d:1: file "ghi-chu.jpg" is not a JPEG, PNG, GIF or WebP image`, lan, lines),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
