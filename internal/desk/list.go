package desk

import (
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/vi"
)

// entry is one story of the desk's list.
type entry struct {
	File       string
	Title      string
	Person     string
	Date       time.Time
	DateText   string
	Department string // its name
	Model      string // its name
	State      string // "published", "draft" or "scheduled"
	form       *Form
}

// stories reads every story file of the site into the list, newest
// first; a file whose front matter cannot be read is listed by its name.
func (d *Desk) stories(cfg *config.Config) []entry {
	var out []entry
	now := d.opts.Now()
	fs.WalkDir(d.opts.Site, content.StoriesDir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || path.Ext(p) != ".md" || strings.HasPrefix(de.Name(), ".") || !de.Type().IsRegular() {
			return nil
		}
		src, err := fs.ReadFile(d.opts.Site, p)
		if err != nil {
			return nil
		}
		e := entry{File: p, Title: p, State: "published"}
		if f, _ := Load(p, src); f != nil {
			e.form, e.Title, e.Person, e.DateText = f, f.Title, f.Person, f.Date
			if t, _, err := vi.ParseDate(f.Date, cfg.TimeZone); err == nil {
				e.Date = t
				e.DateText = vi.ShortDate(t.In(cfg.TimeZone))
			}
			e.Department, e.Model = termName(cfg.Departments, f.Department), termName(cfg.Models, f.Model)
			switch {
			case f.Draft:
				e.State = "draft"
			case e.Date.After(now):
				e.State = "scheduled"
			}
		}
		out = append(out, e)
		return nil
	})
	slices.SortStableFunc(out, func(a, b entry) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.File, b.File)
	})
	return out
}

// termName is the name of a registry's key, or the key if it has none.
func termName(ts []config.Term, key string) string {
	for _, t := range ts {
		if t.Key == key || t.Name == key {
			return t.Name
		}
	}
	return key
}

// filter keeps the stories the list's query asks for: words of the title
// or the person's name (whole syllables, without regard to diacritics or
// case: "lan" finds Lan and Lân, not Lãnh), a department, a model type, a
// campaign, a state.
func filter(list []entry, q query) []entry {
	words := strings.Fields(vi.Fold(q.get("q")))
	var out []entry
	for _, e := range list {
		f := e.form
		if f == nil {
			if len(words) == 0 && q.get("department")+q.get("model")+q.get("campaign")+q.get("state") == "" {
				out = append(out, e)
			}
			continue
		}
		hay := strings.FieldsFunc(vi.Fold(f.Title+" "+f.Person), notLetter)
		ok := true
		for _, w := range words {
			ok = ok && slices.Contains(hay, w)
		}
		ok = ok && (q.get("department") == "" || q.get("department") == f.Department)
		ok = ok && (q.get("model") == "" || q.get("model") == f.Model)
		ok = ok && (q.get("campaign") == "" || slices.Contains(f.Campaigns, q.get("campaign")))
		ok = ok && (q.get("state") == "" || q.get("state") == e.State)
		if ok {
			out = append(out, e)
		}
	}
	return out
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// query is a request's query.
type query struct{ r *http.Request }

func (u query) get(k string) string { return strings.TrimSpace(u.r.URL.Query().Get(k)) }
