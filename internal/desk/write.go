package desk

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guong/guong/internal/content"
)

// Bytes returns the story file the form holds, with canonical front
// matter: YAML between "---" lines, the keys in content.StoryKeys' order
// (then the keys the form does not show, as they were), every string
// double-quoted so that it reads back as written whatever it holds, an
// empty optional field left out, and the body after it byte for byte.
func (f *Form) Bytes() []byte {
	data, _ := f.write()
	return data
}

// Lines returns, for every line of Bytes' front matter, the form field it
// writes: "title", "awards.2", "extra"...; lines from the body on are
// "body".
func (f *Form) Lines() (fields []string, bodyLine int) {
	_, fields = f.write()
	return fields, len(fields) + 1
}

// write is Bytes and Lines: lines[i] names the field of line i+1.
func (f *Form) write() ([]byte, []string) {
	var b bytes.Buffer
	lines := []string{"fence"}
	b.WriteString("---\n")
	put := func(field, line string) {
		b.WriteString(line)
		b.WriteByte('\n')
		lines = append(lines, field)
	}
	str := func(key, v string, required bool) {
		if v != "" || required {
			put(key, key+": "+quote(v))
		}
	}
	for _, key := range content.StoryKeys() {
		switch key {
		case "title":
			str(key, f.Title, true)
		case "date":
			put(key, key+": "+dateValue(f.Date))
		case "person":
			str(key, f.Person, true)
		case "position":
			str(key, f.Position, false)
		case "gender":
			str(key, f.Gender, false)
		case "collective":
			put(key, key+": "+strconv.FormatBool(f.Collective))
		case "department":
			str(key, f.Department, true)
		case "model":
			str(key, f.Model, true)
		case "campaigns":
			if len(f.Campaigns) > 0 {
				put(key, key+": "+list(f.Campaigns))
			}
		case "tags":
			if len(f.Tags) > 0 {
				put(key, key+": "+list(f.Tags))
			}
		case "summary":
			str(key, f.Summary, false)
		case "cover":
			str(key, f.Cover, false)
		case "coverAlt":
			str(key, f.CoverAlt, false)
		case "awards":
			if len(f.Awards) > 0 {
				put(key, "awards:")
				for i, a := range f.Awards {
					put(fmt.Sprintf("awards.%d", i), "  - "+a.flow())
				}
			}
		case "author":
			str(key, f.Author, false)
		case "source":
			str(key, f.Source, false)
		case "updated":
			if f.Updated != "" {
				put(key, key+": "+dateValue(f.Updated))
			}
		case "slug":
			str(key, f.Slug, false)
		case "draft":
			if f.Draft {
				put(key, "draft: true")
			}
		default:
			// A key content learnt that the form has not: kept as written.
			if v, ok := f.Kept[key]; ok {
				for _, l := range strings.Split(strings.TrimSuffix(extraYAML(Extra{key, v}), "\n"), "\n") {
					put(key, l)
				}
			}
		}
	}
	for _, x := range f.Extra {
		for _, l := range strings.Split(strings.TrimSuffix(extraYAML(x), "\n"), "\n") {
			put("extra", l)
		}
	}
	put("fence", "---")
	b.Write(f.Body)
	return b.Bytes(), lines
}

// flow writes an award as a YAML flow mapping on one line.
func (a Award) flow() string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+": "+v)
		}
	}
	add("kind", quoteIf(a.Kind))
	add("name", quoteIf(a.Name))
	add("decision", quoteIf(a.Decision))
	if a.Date != "" {
		add("date", dateValue(a.Date))
	}
	add("issuer", quoteIf(a.Issuer))
	if plainYear.MatchString(a.Year) {
		add("year", a.Year)
	} else {
		add("year", quoteIf(a.Year))
	}
	add("note", quoteIf(a.Note))
	return "{" + strings.Join(parts, ", ") + "}"
}

var (
	// plainYear is a year written bare, as content reads a number.
	plainYear = regexp.MustCompile(`^[1-9][0-9]{0,3}$`)
	// plainDate is a date YAML reads as the same text bare: it is
	// written so, as "guong new story" and the writers' guide write it.
	plainDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$`)
)

func dateValue(v string) string {
	if plainDate.MatchString(v) {
		return v
	}
	return quote(v)
}

func quoteIf(v string) string {
	if v == "" {
		return ""
	}
	return quote(v)
}

// quote writes s as a YAML double-quoted scalar. YAML's double-quoted
// escapes are a superset of the ones Go's strconv.Quote makes (\", \\,
// \n, \t, \xXX, \uXXXX, \UXXXXXXXX, \a, \b, \f, \v, \r), so the text reads
// back exactly; letters with diacritics are printable and left as they are.
func quote(s string) string { return strconv.Quote(s) }

func list(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// extraYAML writes a key the form does not show as YAML, flow style so
// that it stays on few lines.
func extraYAML(x Extra) string {
	v := *x.Value
	flow(&v)
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: x.Key}, &v}}
	out, err := yaml.Marshal(doc)
	if err != nil {
		return x.Key + ": null\n"
	}
	return string(out)
}

// flow makes n and what it holds flow style, dropping comments; it copies
// the nodes it changes so the form's own are left alone.
func flow(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style = yaml.FlowStyle
	}
	kids := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		cc := *c
		flow(&cc)
		kids[i] = &cc
	}
	n.Content = kids
}
