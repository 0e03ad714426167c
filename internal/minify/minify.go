// Package minify makes output small by file type — HTML, CSS, JavaScript,
// SVG, JSON and XML — with github.com/tdewolff/minify, configured once and
// then safe for concurrent use. Templates are minified once, before they
// are parsed (Minifier.Template), so that pages come out of them minified.
package minify

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	tdm "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"
)

// Minifier minifies output by file type. It is configured once and then safe
// for concurrent use.
type Minifier struct {
	m         *tdm.M
	templates *tdm.M // HTML with Go template actions
}

// New returns a Minifier for HTML, CSS, JS, SVG, JSON and XML.
func New() *Minifier {
	m := tdm.New()
	m.Add("text/html", &htmlMinifier)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	t := tdm.New()
	tm := htmlMinifier
	tm.TemplateDelims = html.GoTemplateDelims
	t.Add("text/html", &tm)
	t.AddFunc("text/css", css.Minify)
	t.AddFunc("application/javascript", js.Minify)
	t.AddFunc("image/svg+xml", svg.Minify)
	return &Minifier{m: m, templates: t}
}

// htmlMinifier is how HTML is minified: end tags, quotes and the document's
// html, head and body tags are kept, for old browsers and readers of the
// source.
var htmlMinifier = html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}

// Template minifies the source of an HTML template, leaving its {{actions}}
// as they are. A page executed from minified templates is minified but for
// the values the actions insert, which the build minifies where they are
// made (Markdown bodies) or which are short texts.
func (mf *Minifier) Template(src []byte) ([]byte, error) {
	out, err := mf.templates.Bytes("text/html", emptyComments(src))
	if err != nil {
		return nil, fmt.Errorf("minifying a template: %w", err)
	}
	return collapseLines(out), nil
}

// emptyComments returns src with the text of its template comments
// ({{/* ... */}}, {{- /* ... */ -}}) removed, their delimiters and trim
// markers kept: a comment executes to nothing either way. The minifier
// reads quotes inside actions as Go string and character literals, so an
// apostrophe in a comment ("a campaign's period") would make it take the
// rest of the file for a literal and leave it unminified.
func emptyComments(src []byte) []byte {
	var out []byte
	rest := src
	for {
		open := bytes.Index(rest, []byte("{{"))
		if open < 0 {
			break
		}
		body := open + 2
		if bytes.HasPrefix(rest[body:], []byte("- ")) {
			body += 2
		}
		if !bytes.HasPrefix(rest[body:], []byte("/*")) {
			out = append(out, rest[:body]...)
			rest = rest[body:]
			continue
		}
		end := bytes.Index(rest[body+2:], []byte("*/"))
		if end < 0 {
			break // not a template: the parser will say so
		}
		end += body + 2
		if out == nil {
			out = make([]byte, 0, len(src))
		}
		out = append(out, rest[:body+2]...)
		rest = rest[end:] // from "*/" on
	}
	if out == nil {
		return src
	}
	return append(out, rest...)
}

// collapseLines replaces every run of white space that holds a line break
// with a single line break, but inside pre and textarea elements. The
// minifier leaves the white space next to template actions as it is (it
// cannot know what they will write); a line break is all of it that HTML
// text, attribute lists, scripts and JSON need.
func collapseLines(b []byte) []byte {
	out := b[:0:0]
	for i := 0; i < len(b); {
		if b[i] == '<' {
			if end := preformattedEnd(b[i:]); end > 0 {
				out = append(out, b[i:i+end]...)
				i += end
				continue
			}
		}
		if !isSpace(b[i]) {
			out = append(out, b[i])
			i++
			continue
		}
		j, newline := i, false
		for j < len(b) && isSpace(b[j]) {
			newline = newline || b[j] == '\n'
			j++
		}
		if newline {
			out = append(out, '\n')
		} else {
			out = append(out, b[i:j]...)
		}
		i = j
	}
	return out
}

// preformattedEnd returns, if b starts with a pre or textarea element, the
// length of that element up to its end tag (all of b if it has none);
// otherwise 0.
func preformattedEnd(b []byte) int {
	for _, tag := range []string{"pre", "textarea"} {
		if len(b) > len(tag)+1 && strings.EqualFold(string(b[1:1+len(tag)]), tag) &&
			(b[1+len(tag)] == '>' || isSpace(b[1+len(tag)])) {
			end := bytes.Index(bytes.ToLower(b), []byte("</"+tag))
			if end < 0 {
				return len(b)
			}
			return end
		}
	}
	return 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "application/xml",
}

// Minify returns data minified for the type its name's extension says;
// other files are returned unchanged.
func (mf *Minifier) Minify(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data, nil
	}
	out, err := mf.m.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("minifying %s: %w", name, err)
	}
	return out, nil
}

// HTMLTo writes the minified form of a fragment of HTML to w.
func (mf *Minifier) HTMLTo(w io.Writer, data []byte) error {
	return mf.m.Minify("text/html", w, buffer.NewReader(data))
}

// Delete removes the file stored under name.
