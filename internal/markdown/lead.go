package markdown

import (
	"bytes"

	"github.com/guong/guong/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// leadStart is how much of a body FirstParagraph parses first, up to the
// next blank line: most stories begin with their first paragraph.
const leadStart = 64

// FirstParagraph returns the plain text of body's first paragraph, the
// same as Convert's Result.FirstParagraph, parsing no more of body than
// it must: the site model needs every story's first paragraph (its
// excerpt) before any page is made, and each body is converted only when
// its page is.
//
// It parses a leading part of body that ends at a blank line, growing it
// until it holds a paragraph. That is the paragraph a parse of the whole
// body finds: a Markdown line's block is decided by the lines before it,
// and a blank line closes a paragraph, so no later line can make it into
// a heading or a table. Only link reference and footnote definitions
// ("[x]: …"), which may come later and change how a paragraph reads, do
// not hold for a part: a body that has one is parsed whole.
func (c *Converter) FirstParagraph(body []byte) string {
	if tooDeep(body, MaxNesting) >= 0 {
		return "" // as Convert, which reports it
	}
	size := leadStart
	if bytes.Contains(body, []byte("]:")) {
		size = len(body)
	}
	for {
		part, whole := leadingPart(body, size)
		if lead, found := c.firstParagraphOf(part); found || whole {
			return lead
		}
		size *= 4
	}
}

// leadingPart returns body up to the end of the first empty line that
// ends at or after size bytes, and whether that is the whole body.
func leadingPart(body []byte, size int) ([]byte, bool) {
	if size >= len(body) {
		return body, true
	}
	at := bytes.Index(body[size-1:], []byte("\n\n"))
	if at < 0 {
		return body, true
	}
	end := size - 1 + at + 2
	return body[:end], end == len(body)
}

// firstParagraphOf parses src as Convert does and returns the text of its
// first paragraph, and whether it has one.
func (c *Converter) firstParagraphOf(src []byte) (string, bool) {
	var ignored diag.List // Convert reports them
	st := &state{file: "", dir: ".", bodyLine: 1, lines: []int{0}, diags: &ignored}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindParagraph {
			return firstParagraph(doc, src), true
		}
	}
	return "", false
}
