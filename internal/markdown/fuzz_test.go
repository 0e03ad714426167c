package markdown_test

import (
	"bytes"
	"html"
	"path"
	"strings"
	"testing"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
)

// The seed corpus is in testdata/fuzz/FuzzConvert; these are added too.
var fuzzSeeds = []string{
	"## Tấm gương sáng\n\nChị *Lan* là [cán bộ](/don-vi/lanh-su/).",
	"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <b onclick=x>b</b>",
	"[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](<java\tscript:alert(1)>) [d](&#106;avascript:alert(1))",
	"![x](data:image/svg+xml;base64,PHN2Zz4=) [e](vbscript:x) <javascript:alert(1)>",
	"[t](http://x \"a\" onmouseover=\"alert(1)\") ![i](anh.jpg \"x onerror=y\")",
	"| a | b |\n|---|---|\n| ~~c~~ | https://example.com |\n\nx[^1]\n\n[^1]: y",
	"> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > x",
	"- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
	"![x](../../secret.png) ![y](/static/logo.png) ![z](a&amp;b.png)",
}

func FuzzConvert(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	c := markdown.New("/guong-dien-hinh/")
	f.Fuzz(func(t *testing.T, body []byte) {
		const file = "content/stories/2023/lan.md"
		const line = 5
		var diags diag.List
		r := c.Convert(file, line, body, &diags)
		out := string(r.HTML)
		if problem := unsafeHTML(out); problem != "" {
			t.Fatalf("unsafe output: %s\ninput: %q\noutput:\n%s", problem, body, out)
		}
		lines := bytes.Count(body, []byte("\n")) + 1
		for _, d := range diags {
			if d.Pos.File != file || d.Pos.Line < line || d.Pos.Line >= line+lines || d.Pos.Col < 1 {
				t.Errorf("diagnostic %s is outside the body (lines %d..%d)", d.Format("en"), line, line+lines-1)
			}
		}
		for _, img := range r.Images {
			if img.Rel == ".." || strings.HasPrefix(img.Rel, "../") || path.IsAbs(img.Rel) {
				t.Errorf("image %+v escapes the story's folder", img)
			}
			if img.File != path.Join("content/stories/2023", img.Rel) {
				t.Errorf("image %+v: File is not the story's folder joined with Rel", img)
			}
		}
	})
}

// allowedTags are the elements the converter may write.
var allowedTags = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"a": true, "img": true, "em": true, "strong": true, "code": true, "pre": true,
	"blockquote": true, "ul": true, "ol": true, "li": true, "hr": true, "br": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"del": true, "sup": true, "div": true,
}

// allowedAttrs are the attributes the converter may write.
var allowedAttrs = map[string]bool{
	"id": true, "href": true, "src": true, "alt": true, "title": true,
	"class": true, "role": true, "style": true, "start": true, "tabindex": true, "aria-label": true,
}

// unsafeHTML reads out, the converter's HTML, as a browser would and
// describes the first thing in it that could run script, or returns "".
func unsafeHTML(out string) string {
	lower := strings.ToLower(out)
	for _, s := range []string{"<script", `href="javascript:`, `src="javascript:`} {
		if strings.Contains(lower, s) {
			return "contains " + s
		}
	}
	for i := 0; i < len(out); {
		if out[i] != '<' {
			i++
			continue
		}
		rest := out[i:]
		if strings.HasPrefix(rest, "<!--") {
			end := strings.Index(rest, "-->")
			if end < 0 || rest[4:end] != " raw HTML omitted " {
				return "unexpected comment at " + rest[:min(len(rest), 40)]
			}
			i += end + 3
			continue
		}
		j := 1
		if j < len(rest) && rest[j] == '/' {
			j++
		}
		k := j
		for k < len(rest) && isAlnum(rest[k]) {
			k++
		}
		name := strings.ToLower(rest[j:k])
		if name == "" {
			return "unescaped < in text at " + rest[:min(len(rest), 40)]
		}
		if !allowedTags[name] {
			return "element <" + name + ">"
		}
		// Attributes: name="value", always double-quoted.
		for {
			for k < len(rest) && rest[k] == ' ' {
				k++
			}
			if k >= len(rest) {
				return "unterminated tag <" + name
			}
			if rest[k] == '>' {
				k++
				break
			}
			if strings.HasPrefix(rest[k:], "/>") {
				k += 2
				break
			}
			a := k
			for k < len(rest) && !strings.ContainsRune(" =>/\"'", rune(rest[k])) {
				k++
			}
			attr := strings.ToLower(rest[a:k])
			if attr == "" || strings.HasPrefix(attr, "on") || !allowedAttrs[attr] {
				return "attribute " + attr + " in <" + name + ">"
			}
			if k >= len(rest) || rest[k] != '=' {
				continue // a boolean attribute
			}
			if k+1 >= len(rest) || rest[k+1] != '"' {
				return "unquoted value of " + attr
			}
			end := strings.IndexByte(rest[k+2:], '"')
			if end < 0 {
				return "unterminated value of " + attr
			}
			value := html.UnescapeString(rest[k+2 : k+2+end])
			k += 2 + end + 1
			if attr == "href" || attr == "src" {
				switch scheme(value) {
				case "", "http", "https", "mailto", "tel":
				default:
					return attr + "=" + value
				}
			}
			if attr == "style" && value != "text-align:left" && value != "text-align:center" && value != "text-align:right" {
				return "style=" + value
			}
		}
		i += k
	}
	return ""
}

// scheme returns the lower-case scheme a browser reads in a URL, or "" for a
// relative one: leading and trailing C0 controls and spaces are ignored, and
// tabs and newlines anywhere.
func scheme(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c|32 && c|32 <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(u[:i])
		default:
			return ""
		}
	}
	return ""
}

func isAlnum(c byte) bool {
	return 'a' <= c|32 && c|32 <= 'z' || '0' <= c && c <= '9'
}

// TestUnsafeHTMLDetector makes sure the fuzz target's checker catches what
// it is meant to catch, and accepts what the converter legitimately writes.
func TestUnsafeHTMLDetector(t *testing.T) {
	tests := []struct {
		name   string
		html   string
		unsafe bool
	}{
		{"paragraph", "<p>a &lt;script&gt; b</p>\n", false},
		{"escaped javascript text", "<p>javascript:alert(1)</p>", false},
		{"safe link", `<a href="https://x/" title="x onerror=y">a</a>`, false},
		{"relative link", `<a href="bai/lan:x">a</a>`, false},
		{"comment", "<!-- raw HTML omitted -->", false},
		{"table align", `<td style="text-align:center">x</td>`, false},
		{"footnote", `<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`, false},
		{"image", `<img src="anh.jpg" alt="x">`, false},
		{"script", "<script>alert(1)</script>", true},
		{"javascript href", `<a href="javascript:alert(1)">a</a>`, true},
		{"encoded javascript href", `<a href="&#106;avascript:alert(1)">a</a>`, true},
		{"tab javascript href", "<a href=\"java\tscript:alert(1)\">a</a>", true},
		{"data src", `<img src="data:image/svg+xml,x" alt="">`, true},
		{"onerror", `<img src="x" onerror="alert(1)">`, true},
		{"unknown element", `<svg>`, true},
		{"unquoted", `<a href=x>`, true},
		{"other comment", "<!-- x --><script>", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unsafeHTML(tt.html); (got != "") != tt.unsafe {
				t.Errorf("unsafeHTML(%q) = %q, want unsafe=%v", tt.html, got, tt.unsafe)
			}
		})
	}
}
