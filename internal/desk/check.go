package desk

import (
	"context"
	"html/template"
	"io/fs"
	"strings"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
)

// Problem is one of the build's diagnostics about the form's file, with
// the form field it belongs to.
type Problem struct {
	Field    string `json:"field"` // "title", "awards.1", "body", "file" (the file as a whole)...
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Warning  bool   `json:"warning"`
	Message  string `json:"message"` // in the site's language, without the position
	Location string `json:"location"`
	Input    string `json:"input"` // the id of the form's control for Field, "" if none
}

// Checked is what Check finds.
type Checked struct {
	Problems []Problem     `json:"problems"`
	Errors   int           `json:"errors"`
	Body     template.HTML `json:"body"` // the body, rendered by guong's Markdown
	Lang     string        `json:"lang"`
}

// Check runs guong check's own checks — those of "guong check --drafts":
// the content package against the site's registries, and the Markdown of
// the body — over the site in siteFS with the form's text in place of the
// file rel, and returns the problems of that file, each at the form field
// its line belongs to, and the body rendered. There is no second copy of
// any rule here: only a file system that shows the form's text.
//
// With a Checker, what did not change since its last check is not read or
// converted again (build.Checker); nil checks from scratch.
func Check(ctx context.Context, c *build.Checker, siteFS fs.FS, opts build.Options, rel string, form *Form) Checked {
	text := form.Bytes()
	fields, bodyLine := form.Lines()
	opts.Drafts, opts.Future, opts.Dev = true, true, false
	var r *build.Result
	if c != nil {
		r = c.Check(ctx, Overlay(siteFS, rel, text), opts)
	} else {
		r = build.Check(ctx, Overlay(siteFS, rel, text), opts)
	}
	out := Checked{Lang: r.Lang(), Problems: []Problem{}}
	for _, d := range r.Diags {
		if d.Pos.File != rel {
			continue
		}
		p := Problem{Line: d.Pos.Line, Col: d.Pos.Col, Warning: d.Severity == diag.Warning,
			Message: d.Message(out.Lang), Location: d.Pos.String(), Field: fieldOf(d.Pos.Line, fields, bodyLine)}
		p.Input = inputOf(p.Field)
		if !p.Warning {
			out.Errors++
		}
		out.Problems = append(out.Problems, p)
	}
	base, conv := "/", markdown.New("/")
	if r.Config != nil {
		base = r.Config.BasePath()
		conv = markdown.New(base).WithTableLabel(build.TableLabel(siteFS, r.Config, opts))
	}
	var ignored diag.List // reported above, from the build's own conversion
	out.Body = conv.ConvertPictures(rel, bodyLine, form.Body, previewPictures(siteFS, base), &ignored).HTML
	return out
}

// fieldOf names the field written on line of the canonical text.
func fieldOf(line int, fields []string, bodyLine int) string {
	switch {
	case line <= 0:
		return "file"
	case line >= bodyLine:
		return "body"
	case fields[line-1] == "fence":
		return "file"
	}
	return fields[line-1]
}

// inputOf is the id of the form's control for a field: "f-title",
// "a2-kind" for the third award; "" for the file as a whole.
func inputOf(field string) string {
	if n, ok := strings.CutPrefix(field, "awards."); ok {
		return "a" + n + "-kind"
	}
	switch field {
	case "file", "extra", "fence":
		return ""
	case "collective":
		return "f-individual"
	case "campaigns", "tags":
		return "f-" + field + "-legend"
	}
	return "f-" + field
}
