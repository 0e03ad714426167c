// Package desk is the writer's desk of the live preview, at
// /__guong/ban-viet/: a list of the site's stories and a form to create,
// edit, check, save, delete and restore one without touching YAML.
//
// One job per file: the form model (form.go: a story file ⇄ its fields),
// the canonical front matter writer (write.go), the store (store.go: atomic
// saves, backups, conflicts, confined paths), uploads (upload.go), the
// check of a form against the site's registries with guong check's own
// rules (check.go), and the HTTP handlers (handler.go, pages.go) that
// "guong serve" mounts; "guong build" never has them.
package desk

import (
	"bytes"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
)

// Form is a story as the desk's form shows it: every front matter field as
// the text the writer sees, the body as written, and the keys the form has
// no field for, kept as they were.
type Form struct {
	Title      string
	Date       string // as written, e.g. "2023-06-11" or "11/06/2023"
	Person     string
	Position   string
	Gender     string // "nam", "nữ" or ""
	Collective bool
	Department string
	Model      string
	Campaigns  []string
	Tags       []string
	Summary    string
	Cover      string // relative to the story's folder, as written
	CoverAlt   string
	Awards     []Award
	Author     string
	Source     string
	Updated    string // when the story was last updated, as written; "" if not written
	Slug       string
	Draft      bool

	// Body is the Markdown after the front matter, byte for byte.
	Body []byte
	// Extra are the keys the form has no field for, in the order written.
	Extra []Extra
	// Kept are the values of keys content knows and the form does not
	// show yet, written back in their place.
	Kept map[string]*yaml.Node
}

// Award is one row of a story's awards.
type Award struct {
	Kind, Name, Decision, Date, Issuer, Year, Note string
}

// Extra is a front matter key the form does not show, with its value.
type Extra struct {
	Key   string
	Value *yaml.Node
}

// Load reads a story file into a Form. It returns nil, with the reasons in
// the list, when the file has no front matter that can be read; the
// problems of single fields are left to Check.
func Load(file string, src []byte) (form *Form, diags diag.List) {
	clean := frontmatter.Clean(file, src, &diags)
	if clean == nil {
		return nil, diags
	}
	doc := frontmatter.Split(file, clean, &diags)
	if doc == nil {
		return nil, diags
	}
	// The fields' own problems (a wrong type, a bad date) are Check's to
	// report: what the accessors add below is dropped.
	n := len(diags)
	defer func() { diags = diags[:n] }()
	f := doc.Fields
	form = &Form{
		Title:      f.String("title", false),
		Date:       f.String("date", false),
		Person:     f.String("person", false),
		Position:   f.String("position", false),
		Gender:     f.String("gender", false),
		Collective: f.Bool("collective"),
		Department: f.String("department", false),
		Model:      f.String("model", false),
		Campaigns:  f.Strings("campaigns"),
		Tags:       f.Strings("tags"),
		Summary:    f.String("summary", false),
		Cover:      f.String("cover", false),
		CoverAlt:   f.String("coverAlt", false),
		Author:     f.String("author", false),
		Source:     f.String("source", false),
		Updated:    f.String("updated", false),
		Slug:       f.String("slug", false),
		Draft:      f.Bool("draft"),
		Body:       doc.Body,
	}
	for _, a := range f.Maps("awards") {
		form.Awards = append(form.Awards, Award{
			Kind: a.String("kind", false), Name: a.String("name", false), Decision: a.String("decision", false),
			Date: a.String("date", false), Issuer: a.String("issuer", false), Year: a.String("year", false),
			Note: a.String("note", false),
		})
	}
	known := content.StoryKeys()
	for _, k := range f.Keys() {
		switch {
		case !slices.Contains(known, k):
			form.Extra = append(form.Extra, Extra{Key: k, Value: f.Node(k)})
		case !slices.Contains(formKeys, k):
			if form.Kept == nil {
				form.Kept = map[string]*yaml.Node{}
			}
			form.Kept[k] = f.Node(k)
		}
	}
	return form, diags
}

// formKeys are the story keys the form has a field for.
var formKeys = []string{"title", "date", "person", "position", "gender", "collective", "department", "model", "campaigns",
	"tags", "summary", "cover", "coverAlt", "awards", "author", "source", "updated", "slug", "draft"}

// Equal reports whether two forms hold the same story text.
func (f *Form) Equal(g *Form) bool {
	a, b := f.Bytes(), g.Bytes()
	return bytes.Equal(a, b)
}

// Clean tidies what a browser sends: line ends CRLF → LF in the body and
// the summary, and blank list items and award rows dropped.
func (f *Form) Clean() {
	f.Body = bytes.ReplaceAll(f.Body, []byte("\r\n"), []byte("\n"))
	f.Summary = strings.ReplaceAll(f.Summary, "\r\n", "\n")
	f.Campaigns = nonBlank(f.Campaigns)
	f.Tags = nonBlank(f.Tags)
	var rows []Award
	for _, a := range f.Awards {
		if a != (Award{}) {
			rows = append(rows, a)
		}
	}
	f.Awards = rows
}

func nonBlank(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
