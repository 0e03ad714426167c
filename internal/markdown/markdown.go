// Package markdown turns story bodies into HTML with one shared goldmark
// instance: GitHub tables, strikethrough, autolinks and footnotes; heading ids
// made from Vietnamese text; raw HTML never passed through; links and images
// checked by an AST transformer (unsafe schemes dropped, site-absolute links
// given the site's base path, local images collected and, once the build
// has resized them, given their published sizes: see PictureFunc); each
// table put in a named box the keyboard can scroll (see WithTableLabel).
package markdown

import (
	"bytes"
	"html/template"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/vi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxNesting bounds how deeply block quotes and list items may nest: a body
// nested deeper is an error at the line that goes too deep, found before
// the body is parsed (see tooDeep). Should the parser open more all the
// same, deeper content is flattened into text.
const MaxNesting = 32

// Converter renders Markdown. It is safe for concurrent use.
type Converter struct {
	md       goldmark.Markdown
	basePath string
	minify   MinifyFunc
	// tableLabel names a body's tables (see WithTableLabel).
	tableLabel string
	buffers    *sync.Pool // of *bytes.Buffer, for the HTML on its way out
}

// MinifyFunc writes the minified form of html to w.
type MinifyFunc func(w io.Writer, html []byte) error

// Result is a rendered body.
type Result struct {
	HTML           template.HTML
	FirstParagraph string  // plain text of the first paragraph, for summaries
	Images         []Image // local images the body refers to
	// Pictures are what the PictureFunc of the conversion returned for
	// Images: the addresses the HTML shows them at.
	Pictures Pictures
}

// Image is a local image a body refers to.
type Image struct {
	File string        // slash path relative to the site folder
	Rel  string        // path relative to the page, as the HTML refers to it
	Pos  diag.Position // where the body refers to it
}

// New returns a Converter whose site-absolute links ("/bai-viet/x/") are
// rewritten under basePath ("/guong-dien-hinh/").
func New(basePath string) *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(&transformer{basePath: basePath}, 100)),
		),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(tableRegionRenderer{}, 500))),
	)
	return &Converter{md: md, basePath: basePath, buffers: &sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

// WithMinify returns a Converter like c whose results are minified by
// minify; a body minify fails on keeps its HTML as rendered.
func (c *Converter) WithMinify(minify MinifyFunc) *Converter {
	m := *c
	m.minify = minify
	return &m
}

// WithTableLabel returns a Converter like c that names the box each table
// of a body scrolls in by label, a format with one %d for the table's
// number in the body ("Bảng %d trong bài", from the theme's catalogue).
// Without it the boxes can be reached by the keyboard but are unnamed.
func (c *Converter) WithTableLabel(label string) *Converter {
	m := *c
	m.tableLabel = label
	return &m
}

// state is what one conversion shares with the transformer through the parser context.
type state struct {
	file       string
	dir        string
	bodyLine   int
	lines      []int // byte offsets where each body line starts
	images     []Image
	nodes      []localImage // the nodes of images, in the same order
	tableLabel string       // see WithTableLabel
	pictures   PictureFunc  // nil: local images are rendered as written
	result     Pictures     // what pictures returned
	diags      *diag.List
}

var stateKey = parser.NewContextKey()

// Convert renders body, the Markdown of file starting on file line bodyLine.
// Unsafe links and bad image paths are reported to diags. Local images are
// rendered as written: see ConvertPictures.
func (c *Converter) Convert(file string, bodyLine int, body []byte, diags *diag.List) Result {
	return c.ConvertPictures(file, bodyLine, body, nil, diags)
}

// ConvertPictures is Convert, rendering the local images the body shows as
// pictures says: once the body is parsed, pictures is given the list of
// them and returns what each is published as (see PictureFunc). A nil
// pictures renders them as written.
func (c *Converter) ConvertPictures(file string, bodyLine int, body []byte, pictures PictureFunc, diags *diag.List) Result {
	st := &state{file: file, dir: path.Dir(file), bodyLine: bodyLine, tableLabel: c.tableLabel, pictures: pictures, diags: diags}
	st.lines = append(st.lines, 0)
	for i, b := range body {
		if b == '\n' {
			st.lines = append(st.lines, i+1)
		}
	}
	if at := tooDeep(body, MaxNesting); at >= 0 {
		diags.Errorf(st.pos(at), diag.TooDeep, MaxNesting)
		return Result{}
	}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	doc := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	// The HTML is made in a reused buffer (minified into another), and
	// only the result is copied out: bodies are a fifth of what a build
	// allocates.
	buf := c.buffers.Get().(*bytes.Buffer)
	defer c.putBuffer(buf)
	buf.Grow(len(body) + len(body)/4) // the HTML of a story is a little longer than its Markdown
	if err := c.md.Renderer().Render(bufWriter{buf}, body, doc); err != nil {
		diags.Errorf(diag.Position{File: file, Line: bodyLine}, diag.ReadFailed, err)
	}
	html := buf.Bytes()
	if c.minify != nil {
		minified := c.buffers.Get().(*bytes.Buffer)
		defer c.putBuffer(minified)
		minified.Grow(len(html))
		if err := c.minify(minified, html); err == nil {
			html = minified.Bytes()
		} // else: kept as rendered; a minifier only fails on broken input
	}
	return Result{
		HTML:           template.HTML(html),
		FirstParagraph: firstParagraph(doc, body),
		Images:         st.images,
		Pictures:       st.result,
	}
}

// putBuffer empties buf and keeps it for another conversion, unless it
// grew unusually big.
func (c *Converter) putBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	c.buffers.Put(buf)
}

// bufWriter lets goldmark render straight into a bytes.Buffer: given any
// other writer, it would put a new bufio.Writer in front of it.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

// pos returns the file position of a byte offset in the body.
func (s *state) pos(offset int) diag.Position {
	lo, hi := 0, len(s.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.lines[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return diag.Position{File: s.file, Line: s.bodyLine + lo, Col: offset - s.lines[lo] + 1}
}

// transformer checks every link and image of a parsed body.
type transformer struct{ basePath string }

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	// Flatten block quotes and lists nested too deeply first, so that the
	// links they hold are still checked below.
	var deep []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.Blockquote, *ast.List:
			if entering && nesting(n) > MaxNesting {
				deep = append(deep, n)
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range deep {
		flatten(n)
	}
	var drop []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			dest, ok := t.checkURL(st, n, n.Destination, false)
			if !ok {
				drop = append(drop, n)
			}
			n.Destination = dest
		case *ast.Image:
			dest, ok := t.checkURL(st, n, n.Destination, true)
			if !ok {
				drop = append(drop, n)
			}
			n.Destination = dest
		case *ast.AutoLink:
			if u := string(n.URL(reader.Source())); !safeScheme(u) {
				st.diags.Warnf(st.nodePos(n), diag.MarkdownLink, u)
				// Keep the address as text, as a dropped link keeps its text.
				label := ast.NewString(n.Label(reader.Source()))
				label.SetRaw(true)
				n.AppendChild(n, label)
				drop = append(drop, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		unwrap(n)
	}
	wrapTables(doc, st.tableLabel)
	if len(st.images) > 0 && st.pictures != nil {
		st.result = st.pictures(st.images)
		applyPictures(st.nodes, st.result, t.basePath)
	}
}

// nesting counts the block quotes and lists that enclose n, n included.
func nesting(n ast.Node) int {
	d := 0
	for p := n; p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Blockquote, *ast.List:
			d++
		}
	}
	return d
}

// flatten replaces n, a block quote or list nested too deeply, by the
// blocks it holds other than block quotes, lists and list items, in order:
// the text stays, the nesting goes.
func flatten(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	var blocks []ast.Node
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		switch c.(type) {
		case *ast.Blockquote, *ast.List, *ast.ListItem:
			return ast.WalkContinue, nil
		}
		blocks = append(blocks, c)
		return ast.WalkSkipChildren, nil
	})
	for _, c := range blocks {
		parent.InsertBefore(parent, n, c)
	}
	parent.RemoveChild(parent, n)
}

// unwrap replaces n, an inline node, by its children (a dropped link keeps
// its text).
func unwrap(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// checkURL validates a link or image destination and returns the one to
// render: site-absolute paths get the base path, relative images are
// recorded. ok is false when the link must be dropped.
func (t *transformer) checkURL(st *state, n ast.Node, dest []byte, image bool) ([]byte, bool) {
	// Check the address the renderer will write, with backslash escapes
	// and character references ("&#106;avascript:") resolved.
	raw := strings.TrimSpace(string(resolve(dest)))
	if raw == "" || strings.HasPrefix(raw, "#") {
		return dest, true
	}
	if !safeScheme(raw) {
		st.diags.Warnf(st.nodePos(n), diag.MarkdownLink, raw)
		return nil, false
	}
	u, err := url.Parse(raw)
	if err != nil {
		st.diags.Warnf(st.nodePos(n), diag.MarkdownLink, raw)
		return nil, false
	}
	switch {
	case u.Scheme != "" || u.Host != "":
		return dest, true
	case strings.HasPrefix(u.Path, "/"):
		return escapeDest(t.basePath + strings.TrimPrefix(raw, "/")), true
	case image:
		clean := path.Clean(u.Path)
		if clean == ".." || strings.HasPrefix(clean, "../") {
			st.diags.Errorf(st.nodePos(n), diag.BadPath, raw)
			return nil, false
		}
		file := path.Join(st.dir, clean)
		st.images = append(st.images, Image{File: file, Rel: clean, Pos: st.nodePos(n)})
		if img, ok := n.(*ast.Image); ok {
			st.nodes = append(st.nodes, localImage{node: img, file: file})
		}
		return escapeDest(clean), true
	}
	return dest, true
}

// resolve undoes what the renderer undoes in a link destination or in text:
// backslash escapes and character references.
func resolve(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// escapeDest returns a resolved destination in a form that [resolve], which
// the renderer applies, turns back into dest.
func escapeDest(dest string) []byte {
	return []byte(destEscaper.Replace(dest))
}

// destEscaper escapes what [resolve] undoes. A Replacer is safe for
// concurrent use, and building one costs more than most replacements.
var destEscaper = strings.NewReplacer(`\`, `\\`, "&", "&amp;")

// nodePos finds the position of an inline node: its own, or else its
// nearest block's.
func (s *state) nodePos(n ast.Node) diag.Position {
	if p := n.Pos(); p >= 0 {
		return s.pos(p)
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return s.pos(p.Lines().At(0).Start)
		}
	}
	return diag.Position{File: s.file, Line: s.bodyLine}
}

// safeScheme reports whether a URL has no scheme or one a reader may follow.
// Control characters and spaces that browsers ignore inside schemes
// ("java\tscript:") are removed before looking.
func safeScheme(raw string) bool {
	var b strings.Builder
	for _, r := range raw {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(b.String())
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true // no scheme: a relative link
	}
	switch s[:i] {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// firstParagraph returns the plain text of the first top-level paragraph.
func firstParagraph(doc ast.Node, src []byte) string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			var b strings.Builder
			plainText(c, src, &b)
			return strings.TrimSpace(b.String())
		}
	}
	return ""
}

func plainText(n ast.Node, src []byte, b *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			v := t.Segment.Value(src)
			if !t.IsRaw() {
				v = resolve(v)
			}
			b.Write(v)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			v := t.Value
			if !t.IsRaw() && !t.IsCode() {
				v = resolve(v)
			}
			b.Write(v)
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *ast.CodeSpan, *ast.Emphasis, *ast.Link:
			plainText(c, src, b)
		default:
			if c.Kind().String() == "FootnoteLink" {
				continue
			}
			plainText(c, src, b)
		}
	}
}

// ids makes heading ids from Vietnamese text ("Tấm gương sáng" →
// "tam-guong-sang"); goldmark's default drops every multi-byte letter.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := vi.Slug(string(value))
	if base == "" {
		base = "muc"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
