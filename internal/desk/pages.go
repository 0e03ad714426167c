package desk

import (
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/server"
)

//go:embed templates/*.html static/*
var files embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"t":       msg,
	"tf":      func(lang, key string, args ...any) string { return fmt.Sprintf(msg(lang, key), args...) },
	"path":    func() string { return Path },
	"inc":     func(i int) int { return i + 1 },
	"query":   url.QueryEscape,
	"minus":   func(a, b int) int { return a - b },
	"at":      problemsAt,
	"invalid": invalid,
	"award":   awardRow,
}).ParseFS(files, "templates/*.html"))

// page is what every template of the desk is given.
type page struct {
	Lang     string
	Title    string
	CSRF     string
	Message  string // a line at the top: what was just done
	Base     string // the site's base path, for links to its pages
	List     *listView
	Edit     *editView
	Conflict *conflictView
	Backups  *backupsView
}

// option is an entry of a list from site.yaml.
type option struct {
	Key, Name string
	Selected  bool
}

// options lists a registry for a select, the form's value selected; a
// value not in it is kept as an option of its own so that it round-trips.
func options(lang string, ts []config.Term, value string) []option {
	var out []option
	found := value == ""
	for _, t := range ts {
		sel := t.Key == value || t.Name == value && !found
		found = found || sel
		out = append(out, option{Key: t.Key, Name: t.Name, Selected: sel})
	}
	if !found {
		out = append(out, option{Key: value, Name: fmt.Sprintf(msg(lang, "not.in.list"), value), Selected: true})
	}
	return out
}

func (d *Desk) render(w http.ResponseWriter, status int, name string, p page) {
	if p.Base == "" {
		p.Base = "/"
		if cfg := d.config(); cfg != nil {
			p.Base = cfg.BasePath()
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := templates.ExecuteTemplate(w, name, p); err != nil {
		fmt.Fprintf(w, "<pre>%s</pre>", template.HTMLEscapeString(err.Error()))
	}
}

// static serves the desk's own script and style sheet.
func (d *Desk) static(w http.ResponseWriter, name string) {
	data, _ := files.ReadFile("static/" + name)
	data = server.WithTextFont(data) // the overlay's font stack, written once
	ct := "text/css; charset=utf-8"
	if strings.HasSuffix(name, ".js") {
		ct = "text/javascript; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Write(data)
}

// listView is the list of stories.
type listView struct {
	Stories                        []entry
	Total                          int
	Q, State                       string
	Departments, Models, Campaigns []option
	Deleted                        []string
}

func (d *Desk) list(w http.ResponseWriter, r *http.Request) {
	cfg := d.config()
	lang := d.lang()
	if cfg == nil {
		d.render(w, http.StatusServiceUnavailable, "message", page{Lang: lang, Title: msg(lang, "desk"), Message: "site.yaml"})
		return
	}
	q := query{r}
	all := d.stories(cfg)
	deleted, _ := d.store.Deleted()
	v := &listView{Stories: filter(all, q), Total: len(all), Q: q.get("q"), State: q.get("state"), Deleted: deleted,
		Departments: options(lang, cfg.Departments, q.get("department")), Models: options(lang, cfg.Models, q.get("model")),
		Campaigns: options(lang, d.lists(r.Context(), cfg).Campaigns, q.get("campaign"))}
	d.render(w, http.StatusOK, "list", page{Lang: lang, Title: msg(lang, "desk"), CSRF: d.sessions.token(w, r),
		Message: flash(lang, r), List: v})
}

// flash says what the last write did, from the query it redirected to.
func flash(lang string, r *http.Request) string {
	q := query{r}
	switch q.get("ok") {
	case "saved":
		return fmt.Sprintf(msg(lang, "saved"), q.get("file"))
	case "deleted":
		return fmt.Sprintf(msg(lang, "saved.deleted"), q.get("file"))
	case "restored":
		return fmt.Sprintf(msg(lang, "saved.restored"), q.get("file"))
	}
	return ""
}

// fieldProblems are the problems of one field, with the id of their list
// for aria-describedby.
type fieldProblems struct {
	ID   string
	List []Problem
}

func problemsAt(e *editView, field string) fieldProblems {
	return fieldProblems{ID: strings.ReplaceAll(field, ".", "-"), List: e.At[field]}
}

// invalid marks a field with an error for assistive technology.
func invalid(e *editView, field string) template.HTMLAttr {
	for _, p := range e.At[field] {
		if !p.Warning {
			return `aria-invalid="true"`
		}
	}
	return ""
}

// awardView is one row of the awards.
type awardView struct {
	Lang     string
	Index    int
	Award    Award
	Date     string
	Kinds    []option
	Problems fieldProblems
}

func awardRow(e *editView, i int, a any, lang string) awardView {
	aw, _ := a.(Award)
	v := awardView{Lang: lang, Index: i, Award: aw, Date: pickerValue(aw.Date), Problems: problemsAt(e, fmt.Sprintf("awards.%d", i))}
	found := aw.Kind == ""
	for _, k := range e.AwardKinds {
		k.Selected = k.Key == aw.Kind
		found = found || k.Selected
		v.Kinds = append(v.Kinds, k)
	}
	if !found {
		v.Kinds = append(v.Kinds, option{Key: aw.Kind, Name: fmt.Sprintf(msg(lang, "not.in.list"), aw.Kind), Selected: true})
	}
	return v
}
