// Package frontmatter reads key/value metadata with positions: the front
// matter of a content file (YAML between "---" lines, TOML between "+++"
// lines, or a JSON object) and site.yaml. Every value keeps the file:line:col where it was
// written, so later stages can report errors against it.
//
// YAML and TOML front matter is split off with github.com/adrg/frontmatter,
// a JSON object with encoding/json (so that nested objects may close on lines
// of their own); the header is then decoded into a gopkg.in/yaml.v3 node tree
// (TOML is converted to one), which is what carries the positions.
package frontmatter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	adrg "github.com/adrg/frontmatter"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/vi"
	"gopkg.in/yaml.v3"
)

// MaxDepth bounds how deeply front matter values may nest.
const MaxDepth = 20

// Document is a content file split into its front matter and its body.
type Document struct {
	File     string // slash path relative to the site folder
	Format   string // "yaml", "toml" or "json"
	Fields   *Map   // the front matter
	Body     []byte // the Markdown after the front matter
	BodyLine int    // the file line on which Body starts
}

// Clean prepares raw file bytes for parsing: it reports invalid UTF-8 with the
// position of the first bad byte, drops a UTF-8 byte order mark, turns CRLF
// and lone CR line endings into LF, and normalises the text to NFC. Line
// numbers are preserved.
func Clean(file string, src []byte, diags *diag.List) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		line, col := 1, 1
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += n
		}
		diags.Errorf(diag.Position{File: file, Line: line, Col: col}, diag.InvalidUTF8)
		return nil
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return vi.NFCBytes(src)
}

// captured receives the raw header bytes from adrg/frontmatter.
type captured struct {
	format string
	raw    []byte
}

func capture(format string) adrg.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*captured)
		c.format = format
		c.raw = append([]byte(nil), data...)
		return nil
	}
}

// readers are the buffered readers the front matter parser reads through,
// kept from file to file: it would make one of 4 KB for every file.
var readers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// Split separates the front matter of a cleaned content file from its body
// and decodes it. A file without front matter is an error. Problems are
// added to diags, which the returned document's Fields keep reporting to.
func Split(file string, src []byte, diags *diag.List) *Document {
	open, openLine := firstLine(src)
	if open == "{" {
		return splitJSON(file, src, openLine, diags)
	}
	var c captured
	formats := []*adrg.Format{
		adrg.NewFormat("---", "---", capture("yaml")),
		adrg.NewFormat("+++", "+++", capture("toml")),
	}
	// The parser copies what follows the front matter, line by line: it is
	// given only the front matter, and the body is the rest of src.
	head := src[:frontMatterEnd(src, open, openLine)]
	r := readers.Get().(*bufio.Reader)
	r.Reset(bytes.NewReader(head))
	rest, err := adrg.Parse(r, &c, formats...) // uses r as it is, as it would a new bufio.Reader
	r.Reset(nil)
	readers.Put(r)
	if err != nil {
		diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, diag.ReadFailed, err)
		return nil
	}
	body := src[len(head)-len(rest):]
	startPos := diag.Position{File: file, Line: openLine, Col: 1}
	if c.format == "" {
		switch open {
		case "---", "+++":
			diags.Errorf(startPos, diag.UnterminatedFence, open, open)
		default:
			diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, diag.NoFrontMatter)
		}
		return nil
	}
	doc := &Document{
		File:     file,
		Format:   c.format,
		Body:     body,
		BodyLine: bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1,
	}
	var node *yaml.Node
	switch c.format {
	case "yaml":
		node = parseYAML(file, c.raw, openLine+1, diags)
	case "toml":
		node = parseTOML(file, c.raw, openLine+1, diags)
	}
	if node == nil {
		return nil
	}
	doc.Fields = newMap(file, node, startPos, diags)
	return doc
}

// splitJSON splits off a JSON front matter: an object whose "{" is alone on
// line openLine. The object ends at its matching "}", however its nested
// objects are laid out (a line holding only "}" may close a nested one); the
// body starts on the next line.
func splitJSON(file string, src []byte, openLine int, diags *diag.List) *Document {
	start := 0
	for n := 1; n < openLine; n++ {
		start += bytes.IndexByte(src[start:], '\n') + 1
	}
	rest := src[start:]
	end := len(rest) // on a syntax error, parseJSON reports it from the whole rest
	dec := json.NewDecoder(bytes.NewReader(rest))
	var raw json.RawMessage
	switch err := dec.Decode(&raw); {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		diags.Errorf(diag.Position{File: file, Line: openLine, Col: 1}, diag.UnterminatedFence, "{", "}")
		return nil
	case err == nil:
		end = int(dec.InputOffset())
		if i := bytes.IndexByte(rest[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(rest)
		}
	}
	node := parseJSON(file, rest[:end], openLine, diags)
	if node == nil {
		return nil
	}
	doc := &Document{
		File:     file,
		Format:   "json",
		Body:     rest[end:],
		BodyLine: bytes.Count(src[:start+end], []byte("\n")) + 1,
	}
	doc.Fields = newMap(file, node, diag.Position{File: file, Line: openLine, Col: 1}, diags)
	return doc
}

// frontMatterEnd returns the offset just past the line that closes the front
// matter opened by the fence open on line openLine, by the parser's rule: the
// first line after it that is the same fence, spaces trimmed; or len(src)
// if there is none (or open is not a fence), so that the parser sees all.
func frontMatterEnd(src []byte, open string, openLine int) int {
	if open != "---" && open != "+++" {
		return len(src)
	}
	i := 0
	for n := 1; n <= openLine; n++ { // past the opening fence
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return len(src)
		}
		i += j + 1
	}
	for i < len(src) {
		end := len(src)
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			end = i + j + 1
		}
		if string(bytes.TrimSpace(src[i:end])) == open {
			return end
		}
		i = end
	}
	return len(src)
}

// firstLine returns the first non-blank line of src, trimmed, and its number.
func firstLine(src []byte) (string, int) {
	n := 1
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		line := src
		if i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if t := strings.TrimSpace(string(line)); t != "" {
			return t, n
		}
		n++
	}
	return "", n
}

// ParseYAML decodes a whole YAML file, such as site.yaml, into a Map.
// Problems are added to diags, which the Map keeps reporting to.
func ParseYAML(file string, src []byte, diags *diag.List) *Map {
	node := parseYAML(file, src, 1, diags)
	if node == nil {
		return nil
	}
	return newMap(file, node, diag.Position{File: file, Line: 1, Col: 1}, diags)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner) errors. yaml.v3 reports those on the 0-based line of their
// context, one less than the line it means.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// parseYAML decodes src, whose first line is file line first, into a mapping node.
func parseYAML(file string, src []byte, first int, diags *diag.List) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		diags.Add(yamlError(file, src, first, err))
		return nil
	}
	if doc.Kind == 0 { // empty header
		return emptyMapping(first)
	}
	shift(&doc, first-1, 0)
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return emptyMapping(first)
	}
	if root.Kind != yaml.MappingNode {
		if m := findNoSpace(splitLines(src), 0); m != nil && root.Kind == yaml.ScalarNode {
			diags.Add(mistakeDiag(file, src, first, *m))
			return nil
		}
		diags.Errorf(diag.Position{File: file, Line: root.Line, Col: root.Column}, diag.NotAMapping)
		return nil
	}
	if depth(root, 0) > MaxDepth {
		diags.Errorf(diag.Position{File: file, Line: root.Line, Col: root.Column}, diag.TooDeep, MaxDepth)
		return nil
	}
	return root
}

// yamlError turns a yaml.v3 error about src, whose first line is file line
// first, into a diagnostic at the writer's mistake, saying how to fix it.
func yamlError(file string, src []byte, first int, err error) diag.Diagnostic {
	msg := err.Error()
	hint := 0 // the line of src yaml.v3 names
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		hint, _ = strconv.Atoi(m[1])
		msg = m[2]
		if yamlParserProblems[msg] {
			hint++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if strings.Contains(msg, "control characters") {
		if i := bytes.IndexFunc(src, isControl); i >= 0 {
			r, _ := utf8.DecodeRune(src[i:])
			p := offsetPos(file, src, i+1, first)
			return mistakeDiag(file, src, first, yamlMistake{line: p.Line - first + 1, col: p.Col, code: diag.YAMLControlChar, args: []any{r}})
		}
	}
	return mistakeDiag(file, src, first, explainYAML(src, msg, hint))
}

// mistakeDiag makes the diagnostic of m, a mistake in src, whose first line
// is file line first, showing the line it is on.
func mistakeDiag(file string, src []byte, first int, m yamlMistake) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Position{File: file, Line: first}, Code: m.code, Args: m.args}
	for i, a := range d.Args {
		if n, ok := a.(lineNo); ok {
			d.Args[i] = first + int(n) - 1
		}
	}
	if m.line > 0 {
		d.Pos.Line = first + m.line - 1
		d.Pos.Col = m.col
		d.Source = sourceLine(src, m.line)
	}
	return d
}

// isControl reports the characters YAML refuses in a document.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f ||
		0x80 <= r && r <= 0x9f && r != 0x85 || r == 0xfffe || r == 0xffff
}

func emptyMapping(line int) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Column: 1}
}

// shift moves every node's position down by lines (and right by cols on the first line).
func shift(n *yaml.Node, lines, cols int) {
	if n.Line > 0 {
		n.Line += lines
	}
	for _, c := range n.Content {
		shift(c, lines, cols)
	}
}

func depth(n *yaml.Node, d int) int {
	if d > MaxDepth {
		return d
	}
	max := d
	for _, c := range n.Content {
		if cd := depth(c, d+1); cd > max {
			max = cd
		}
	}
	return max
}

var jsonTabs = regexp.MustCompile(`(?m)^[ \t]+`)

// parseJSON validates src as JSON (for its error offsets) and decodes it
// through YAML, of which JSON is a subset, to keep positions.
func parseJSON(file string, src []byte, first int, diags *diag.List) *yaml.Node {
	var v any
	if err := json.Unmarshal(src, &v); err != nil {
		d := diag.Diagnostic{Pos: diag.Position{File: file, Line: first}, Code: diag.SyntaxJSON, Args: []any{strings.TrimPrefix(err.Error(), "json: ")}}
		if se, ok := err.(*json.SyntaxError); ok {
			d.Pos = offsetPos(file, src, int(se.Offset), first)
			d.Source = sourceLine(src, d.Pos.Line-first+1)
		}
		diags.Add(d)
		return nil
	}
	// YAML forbids tabs in indentation; JSON allows them. Replacing each
	// leading tab with one space keeps columns of the values themselves.
	src = jsonTabs.ReplaceAllFunc(src, func(b []byte) []byte { return bytes.Repeat([]byte(" "), len(b)) })
	return parseYAML(file, src, first, diags)
}

// offsetPos turns a byte offset of src into a file position.
func offsetPos(file string, src []byte, off, first int) diag.Position {
	if off > len(src) {
		off = len(src)
	}
	before := src[:off]
	line := first + bytes.Count(before, []byte("\n"))
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	if col < 1 {
		col = 1
	}
	return diag.Position{File: file, Line: line, Col: col}
}

// kindName names the type of value a node holds, for wrong-type messages.
func kindName(n *yaml.Node) diag.Word {
	switch n.Kind {
	case yaml.SequenceNode:
		return diag.Word{VI: "một danh sách", EN: "a list"}
	case yaml.MappingNode:
		return diag.Word{VI: "một nhóm khóa", EN: "a mapping"}
	}
	switch n.Tag {
	case "!!int", "!!float":
		return diag.Word{VI: "một số", EN: "a number"}
	case "!!bool":
		return diag.Word{VI: "đúng/sai", EN: "true/false"}
	case "!!null":
		return diag.Word{VI: "giá trị rỗng", EN: "empty"}
	case "!!timestamp":
		return diag.Word{VI: "một ngày", EN: "a date"}
	}
	return diag.Word{VI: "một chuỗi chữ", EN: "a string"}
}
