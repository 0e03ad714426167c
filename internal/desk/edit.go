package desk

import (
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/vi"
)

// editView is the form of one story.
type editView struct {
	File                                       string // "" for a new story
	Hash                                       string // the version the form was opened with
	Form                                       *Form
	Date                                       string // the date, as the date picker shows it
	Time                                       string // its time of day, as the time picker shows it ("" for none)
	Updated                                    string // the date of the last update, as the date picker shows it
	AwardDates                                 []string
	Departments, Models, Campaigns, AwardKinds []option
	Genders                                    []option
	People                                     []person
	Tags                                       []string
	Checked                                    Checked
	At                                         map[string][]Problem // the problems by field
	PageURL                                    string               // the story's page in the preview, "" if it has none yet
	State                                      string               // what the story is now: published, a draft, or scheduled for a day
}

// person is a name the person field suggests, with their position.
type person struct{ Name, Position string }

func (d *Desk) edit(w http.ResponseWriter, r *http.Request, isNew bool) {
	lang := d.lang()
	cfg := d.config()
	rel := query{r}.get("file")
	if page := (query{r}).get("page"); rel == "" && !isNew {
		// From the preview's link on a page: that page's story, else the list.
		if rel = d.storyAt(page); rel == "" {
			http.Redirect(w, r, Path, http.StatusSeeOther)
			return
		}
	}
	form, hash := &Form{Draft: true, Date: d.opts.Now().In(timeZone(cfg)).Format("2006-01-02")}, ""
	if !isNew {
		if err := storyPath(d.store, rel); err != nil {
			d.render(w, http.StatusBadRequest, "message", page{Lang: lang, Title: msg(lang, "desk"), Message: fmt.Sprintf(msg(lang, "bad.path"), rel)})
			return
		}
		src, err := d.store.Read(rel)
		if err != nil || src == nil {
			d.render(w, http.StatusNotFound, "message", page{Lang: lang, Title: msg(lang, "desk"), Message: fmt.Sprintf(msg(lang, "not.found"), rel)})
			return
		}
		f, diags := Load(rel, src)
		if f == nil {
			d.render(w, http.StatusUnprocessableEntity, "message", page{Lang: lang, Title: msg(lang, "desk"),
				Message: fmt.Sprintf(msg(lang, "unreadable"), rel, formatAll(diags, lang))})
			return
		}
		form, hash = f, Hash(src)
	} else {
		rel = ""
	}
	d.showForm(w, r, http.StatusOK, rel, hash, form, flash(lang, r))
}

// showForm renders the form of a story, its problems at their fields.
func (d *Desk) showForm(w http.ResponseWriter, r *http.Request, status int, rel, hash string, form *Form, message string) {
	lang, cfg := d.lang(), d.config()
	if cfg == nil {
		cfg = &config.Config{}
	}
	checkAs := rel
	if checkAs == "" {
		checkAs = newStoryPath(form.Title, form.Date, d.opts.Now())
	}
	v := &editView{File: rel, Hash: hash, Form: form, Date: pickerValue(form.Date), Time: pickerTime(form.Date), Updated: pickerValue(form.Updated), State: d.state(lang, cfg, form),
		Departments: options(lang, cfg.Departments, form.Department), Models: options(lang, cfg.Models, form.Model),
		AwardKinds: awardOptions(cfg.Awards),
		Genders: []option{{Key: "", Name: msg(lang, "gender.none"), Selected: form.Gender == ""},
			{Key: "nam", Name: msg(lang, "male"), Selected: form.Gender == "nam"},
			{Key: "nữ", Name: msg(lang, "female"), Selected: form.Gender == "nữ"}},
		Checked: Check(r.Context(), d.checker, d.opts.Site, d.opts.Build, checkAs, form)}
	for _, a := range form.Awards {
		v.AwardDates = append(v.AwardDates, pickerValue(a.Date))
	}
	lists := d.lists(r.Context(), d.config()) // not the empty stand-in above
	v.People, v.Tags = lists.People, lists.Tags
	for _, c := range options(lang, lists.Campaigns, "") {
		c.Selected = slices.Contains(form.Campaigns, c.Key)
		v.Campaigns = append(v.Campaigns, c)
	}
	for _, k := range form.Campaigns { // a campaign not on the site stays checked
		if !slices.ContainsFunc(v.Campaigns, func(o option) bool { return o.Key == k }) {
			v.Campaigns = append(v.Campaigns, option{Key: k, Name: fmt.Sprintf(msg(lang, "not.in.list"), k), Selected: true})
		}
	}
	v.At = map[string][]Problem{}
	for _, p := range v.Checked.Problems {
		v.At[p.Field] = append(v.At[p.Field], p)
	}
	d.fillFromSite(v, rel)
	title := msg(lang, "new")
	if rel != "" {
		title = msg(lang, "edit.title") + ": " + form.Title
	}
	d.render(w, status, "edit", page{Lang: lang, Title: title, CSRF: d.sessions.token(w, r), Message: message, Edit: v})
}

// fillFromSite adds the story's page in the preview's last snapshot.
func (d *Desk) fillFromSite(v *editView, rel string) {
	snap := d.opts.Snapshot()
	if snap == nil || rel == "" {
		return
	}
	for _, st := range snap.Site().Stories {
		if st.File == rel {
			v.PageURL = snap.Config().BasePath() + st.URL
		}
	}
}

// state says in words what the form's story is now: a draft, scheduled
// for a day (dated after now), or published.
func (d *Desk) state(lang string, cfg *config.Config, f *Form) string {
	if f.Draft {
		return msg(lang, "draft")
	}
	if t, _, err := vi.ParseDate(f.Date, timeZone(cfg)); err == nil && t.After(d.opts.Now()) {
		return msg(lang, "scheduled") + ": " + vi.ShortDate(t.In(timeZone(cfg)))
	}
	return msg(lang, "published")
}

// storyAt returns the file of the story whose page is at the URL path
// page in the preview, "" if none.
func (d *Desk) storyAt(page string) string {
	snap := d.opts.Snapshot()
	if snap == nil {
		return ""
	}
	for _, st := range snap.Site().Stories {
		if snap.Config().BasePath()+st.URL == page {
			return st.File
		}
	}
	return ""
}

func awardOptions(as []config.Award) []option {
	out := make([]option, len(as))
	for i, a := range as {
		out[i] = option{Key: a.Key, Name: a.Name}
	}
	return out
}

// save writes the form: a new story to a file named after its title, an
// edit over its file if that is still the version the form was opened
// with. A stale form gets the conflict page, showing both versions.
func (d *Desk) save(w http.ResponseWriter, r *http.Request) {
	lang := d.lang()
	rel, base := r.PostFormValue("file"), r.PostFormValue("base")
	form := formFrom(r, timeZone(d.config()))
	if rel == "" && r.PostFormValue("raw") == "" {
		if form.Title == "" {
			d.showForm(w, r, http.StatusUnprocessableEntity, "", "", form, msg(lang, "no.title"))
			return
		}
		var err error
		if rel, err = freePath(d.store, newStoryPath(form.Title, form.Date, d.opts.Now())); err != nil {
			d.showForm(w, r, http.StatusInternalServerError, "", "", form, fmt.Sprintf(msg(lang, "failed"), err))
			return
		}
	}
	if err := storyPath(d.store, rel); err != nil {
		d.fail(w, r, http.StatusBadRequest, fmt.Sprintf(msg(lang, "bad.path"), rel))
		return
	}
	if fh := coverUpload(r); fh != nil {
		name, err := Upload(d.store, rel, fh)
		if err != nil {
			d.showForm(w, r, http.StatusUnprocessableEntity, r.PostFormValue("file"), base, form, uploadMessage(lang, err))
			return
		}
		form.Cover = name
	}
	data, err := d.text(rel, base, form, r.PostFormValue("raw"))
	if err == nil {
		err = d.store.Save(rel, data, base)
	}
	var conflict *ConflictError
	switch {
	case errors.As(err, &conflict):
		d.conflict(w, rel, data, conflict, r)
	case err != nil:
		d.showForm(w, r, http.StatusInternalServerError, r.PostFormValue("file"), base, form, fmt.Sprintf(msg(lang, "failed"), err))
	default:
		http.Redirect(w, r, Path+"sua?ok=saved&file="+url.QueryEscape(rel), http.StatusSeeOther)
	}
}

// text is the file a save writes: the conflict page's chosen text as it
// is, else the form's canonical text, keeping the keys the form does not
// show from the version it was opened with, in the file's own style (its
// line ends, its byte order mark, its body's bytes: asWritten). A form
// that changed nothing gives the file's own bytes, so that saving it
// writes nothing.
func (d *Desk) text(rel, base string, form *Form, raw string) ([]byte, error) {
	cur, err := d.store.Read(rel)
	if raw != "" { // a browser sends its line ends as CRLF: the file's own are put back
		return restyle(cur, []byte(strings.ReplaceAll(raw, "\r\n", "\n"))), err
	}
	if err != nil || cur == nil || Hash(cur) != base {
		return form.Bytes(), err
	}
	if opened, _ := Load(rel, cur); opened != nil {
		form.Extra = opened.Extra
		if opened.Equal(form) {
			return cur, nil
		}
		return asWritten(rel, cur, opened, form), nil
	}
	return form.Bytes(), nil
}

func coverUpload(r *http.Request) *multipart.FileHeader {
	if r.MultipartForm == nil {
		return nil
	}
	if fhs := r.MultipartForm.File["coverFile"]; len(fhs) > 0 && fhs[0].Size > 0 {
		return fhs[0]
	}
	return nil
}

func uploadMessage(lang string, err error) string {
	switch {
	case errors.Is(err, ErrTooLarge):
		return fmt.Sprintf(msg(lang, "upload.large"), MaxUpload>>20)
	case errors.Is(err, ErrNotImage):
		return msg(lang, "upload.type")
	}
	return fmt.Sprintf(msg(lang, "failed"), err)
}

// formatAll is the lines of diags, as the terminal prints them.
func formatAll(diags diag.List, lang string) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Format(lang) + "\n")
	}
	return b.String()
}
