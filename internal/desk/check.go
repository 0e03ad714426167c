package desk

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing/fstest"
	"time"

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

// Overlay returns fsys with the file name holding data, whether it exists
// or not (its folders appear as needed): the site as it would be if the
// form were saved.
//
// The file's time is when the overlay is made, to the nanosecond, so that
// a build.Checker never takes one form's text for another's of the same
// size.
func Overlay(fsys fs.FS, name string, data []byte) fs.FS {
	stamp := time.Now().Round(0)
	return overlay{base: fsys, name: name, mem: fstest.MapFS{name: {Data: data, Mode: 0o644, ModTime: stamp}}}
}

type overlay struct {
	base fs.FS
	name string
	mem  fstest.MapFS
}

// mine reports whether p is the file or one of its folders.
func (o overlay) mine(p string) bool {
	return p == o.name || strings.HasPrefix(o.name, p+"/") || p == "."
}

func (o overlay) Open(p string) (fs.File, error) {
	if p == o.name {
		return o.mem.Open(p)
	}
	f, err := o.base.Open(p)
	if err != nil && o.mine(p) && errors.Is(err, fs.ErrNotExist) {
		return o.mem.Open(p)
	}
	return f, err
}

func (o overlay) ReadFile(p string) ([]byte, error) {
	if p == o.name {
		return o.mem.ReadFile(p)
	}
	return fs.ReadFile(o.base, p)
}

func (o overlay) Stat(p string) (fs.FileInfo, error) {
	if p == o.name {
		return o.mem.Stat(p)
	}
	info, err := fs.Stat(o.base, p)
	if err != nil && o.mine(p) && errors.Is(err, fs.ErrNotExist) {
		return o.mem.Stat(p)
	}
	return info, err
}

// ReadDir lists a folder of the site, with the file (or the next folder
// on its way) added when it is not there.
func (o overlay) ReadDir(p string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, p)
	if !o.mine(p) || p == o.name {
		return entries, err
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return entries, err
	}
	mine, merr := o.mem.ReadDir(p)
	if merr != nil {
		return entries, err
	}
	for _, m := range mine {
		i := slices.IndexFunc(entries, func(e fs.DirEntry) bool { return e.Name() == m.Name() })
		if i < 0 {
			entries = append(entries, m)
		} else if path.Join(p, m.Name()) == o.name {
			entries[i] = m
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// Lstat describes p without following a last link, as the site's own file
// system does.
func (o overlay) Lstat(p string) (fs.FileInfo, error) {
	if p == o.name {
		return o.mem.Stat(p)
	}
	info, err := fs.Lstat(o.base, p)
	if err != nil && o.mine(p) && errors.Is(err, fs.ErrNotExist) {
		return o.mem.Stat(p)
	}
	return info, err
}

// ReadLink is the site's own: links are never followed.
func (o overlay) ReadLink(p string) (string, error) {
	if l, ok := o.base.(fs.ReadLinkFS); ok && p != o.name {
		return l.ReadLink(p)
	}
	return "", &fs.PathError{Op: "readlink", Path: p, Err: fs.ErrInvalid}
}
