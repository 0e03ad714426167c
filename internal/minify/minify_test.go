package minify

import (
	"strings"
	"testing"
)

func TestMinify(t *testing.T) {
	mf := New()
	for _, tc := range []struct{ name, in, want string }{
		{"a.html", "<p>\n  Xin   chào\n</p>", "<p>Xin chào</p>"},
		{"a.css", "a {\n  color : red ;\n}\n", "a{color:red}"},
		{"a.json", "{ \"a\" : 1 }", `{"a":1}`},
		{"a.png", "  raw  ", "  raw  "},
	} {
		got, err := mf.Minify(tc.name, []byte(tc.in))
		if err != nil || string(got) != tc.want {
			t.Errorf("Minify(%s) = %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

func TestCollapseLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<p>\n  {{.A}}\n  <b>x</b>  y</p>", "<p>\n{{.A}}\n<b>x</b>  y</p>"},
		{"<pre>\n  a\n    b</pre>\n  <p>", "<pre>\n  a\n    b</pre>\n<p>"},
		{"<PRE class=x>\n  a</PRE>\n\n<textarea>\n  t\n</textarea> \n x", "<PRE class=x>\n  a</PRE>\n<textarea>\n  t\n</textarea>\nx"},
		{"<prefix>\n  a", "<prefix>\na"},
		{"<pre>\n  unclosed", "<pre>\n  unclosed"},
	} {
		if got := string(collapseLines([]byte(c.in))); got != c.want {
			t.Errorf("collapseLines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestTemplateComments: a template comment with an apostrophe (which the
// minifier reads as the start of a Go character literal) does not keep the
// rest of the template from being minified; the comment keeps its
// delimiters and trim markers, so the template executes as before.
func TestTemplateComments(t *testing.T) {
	mf := New()
	const body = "{{- if .}}\n  <nav class=\"f\" aria-label=\"{{.}}\">\n    <h2>{{.}}</h2>\n  </nav>\n{{- end -}}\n"
	const want = "{{- if .}}<nav class=\"f\" aria-label=\"{{.}}\"><h2>{{.}}</h2></nav>{{- end -}}"
	for _, c := range []struct{ in, want string }{
		{body, want},
		{"{{- /* A model type's filters;\n   dot is a page's. */ -}}\n" + body, "{{- /**/ -}}\n" + want},
		{"{{/* it's */}}" + body, "{{/**/}}" + want},
		{"<p>{{.A}} don't {{/*x*/}}</p>", "<p>{{.A}} don't {{/**/}}</p>"},
	} {
		got, err := mf.Template([]byte(c.in))
		if err != nil || string(got) != c.want {
			t.Errorf("Template(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"{{/* unclosed", "a {{ b", "{{- /* x */ -}}"} {
		if got := string(emptyComments([]byte(in))); got != strings.Replace(in, " x ", "", 1) {
			t.Errorf("emptyComments(%q) = %q", in, got)
		}
	}
}

// TestWriteError checks that a file that cannot be written fails the
// commit, naming the file, and leaves the destination and its parent as
// they were.
