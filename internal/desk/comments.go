package desk

import (
	"bytes"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// keyComments are the comments a story's YAML front matter has about its
// keys, as yaml.v3 reads them: those above a key (head), and the one after
// its value on its line (line). A canonical save writes them back at the
// keys it still writes; comments inside values (an award row's) and at the
// end of the front matter are not kept.
type keyComments struct {
	top  string            // above the first key, apart from it: the document's
	head map[string]string // key → the comment lines above it
	line map[string]string // key → the comment after it on its line
}

// commentsOf reads the comments of the YAML front matter fm; none if it
// is not a mapping that parses.
func commentsOf(fm []byte) keyComments {
	c := keyComments{head: map[string]string{}, line: map[string]string{}}
	var doc yaml.Node
	if yaml.Unmarshal(fm, &doc) != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return c
	}
	m := doc.Content[0]
	c.top = joinComments(doc.HeadComment, m.HeadComment)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		c.head[k.Value] = k.HeadComment
		c.line[k.Value] = joinComments(k.LineComment, v.LineComment)
	}
	return c
}

func joinComments(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "\n" + b
}

// keyLine is a top-level key's first line in canonical front matter.
var keyLine = regexp.MustCompile(`^([^\s#"'{\[-][^:]*):(?: |$)`)

// with writes the comments c into the canonical front matter head ("---"
// lines included, LF line ends): each key's head comment above it and its
// line comment after its line — or above it, when its value takes more
// than one line in flow style, where a comment could not follow.
func (c keyComments) with(head []byte) []byte {
	if c.top == "" && len(c.head) == 0 && len(c.line) == 0 {
		return head
	}
	lines := strings.Split(strings.TrimSuffix(string(head), "\n"), "\n")
	var b bytes.Buffer
	first := true
	for i, l := range lines {
		m := keyLine.FindStringSubmatch(l)
		if m == nil || i == 0 {
			b.WriteString(l + "\n")
			continue
		}
		if first && c.top != "" {
			b.WriteString(c.top + "\n\n")
		}
		first = false
		key := m[1]
		if h := c.head[key]; h != "" {
			b.WriteString(h + "\n")
		}
		lc := c.line[key]
		oneLine := i+1 >= len(lines) || keyLine.MatchString(lines[i+1]) || lines[i+1] == "---"
		if lc != "" && !strings.Contains(lc, "\n") && (oneLine || strings.HasSuffix(l, ":")) {
			b.WriteString(l + " " + lc + "\n")
			continue
		}
		if lc != "" {
			b.WriteString(lc + "\n")
		}
		b.WriteString(l + "\n")
	}
	return b.Bytes()
}
