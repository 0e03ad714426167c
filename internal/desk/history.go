package desk

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/guong/guong/internal/config"
)

// conflictView shows the writer both versions of a file that changed on
// disk since the form was opened.
type conflictView struct {
	File       string
	Mine, Disk string
	DiskHash   string
	Gone       bool // the file was deleted meanwhile
}

func (d *Desk) conflict(w http.ResponseWriter, rel string, mine []byte, c *ConflictError, r *http.Request) {
	lang := d.lang()
	v := &conflictView{File: rel, Mine: string(mine), Disk: string(c.Current), DiskHash: c.Hash, Gone: c.Current == nil}
	d.render(w, http.StatusConflict, "conflict", page{Lang: lang, Title: msg(lang, "conflict"), CSRF: d.sessions.token(w, r), Conflict: v})
}

// delete moves a story to its backups.
func (d *Desk) delete(w http.ResponseWriter, r *http.Request) {
	lang := d.lang()
	rel := r.PostFormValue("file")
	if err := storyPath(d.store, rel); err != nil {
		d.fail(w, r, http.StatusBadRequest, fmt.Sprintf(msg(lang, "bad.path"), rel))
		return
	}
	err := d.store.Delete(rel, r.PostFormValue("base"))
	var conflict *ConflictError
	switch {
	case errors.As(err, &conflict):
		d.conflict(w, rel, nil, conflict, r)
	case err != nil:
		d.fail(w, r, http.StatusInternalServerError, fmt.Sprintf(msg(lang, "failed"), err))
	default:
		http.Redirect(w, r, Path+"?ok=deleted&file="+url.QueryEscape(rel), http.StatusSeeOther)
	}
}

// backupsView lists a story's backups, newest first.
type backupsView struct {
	File    string
	Hash    string // the file's version now; "" if deleted
	Backups []backupView
}

type backupView struct {
	Name string
	Time string
	Text string
}

func (d *Desk) backups(w http.ResponseWriter, r *http.Request) {
	lang := d.lang()
	rel := query{r}.get("file")
	if err := storyPath(d.store, rel); err != nil {
		d.fail(w, r, http.StatusBadRequest, fmt.Sprintf(msg(lang, "bad.path"), rel))
		return
	}
	cur, err := d.store.Read(rel)
	list, lerr := d.store.Backups(rel)
	if err == nil {
		err = lerr
	}
	if err != nil {
		d.fail(w, r, http.StatusInternalServerError, fmt.Sprintf(msg(lang, "failed"), err))
		return
	}
	v := &backupsView{File: rel, Hash: Hash(cur)}
	loc := timeZone(d.config())
	for _, b := range list {
		text, _ := d.store.ReadBackup(rel, b.Name)
		v.Backups = append(v.Backups, backupView{Name: b.Name, Time: b.Time.In(loc).Format("15:04:05 02/01/2006"), Text: string(text)})
	}
	d.render(w, http.StatusOK, "backups", page{Lang: lang, Title: msg(lang, "backups") + ": " + rel, CSRF: d.sessions.token(w, r), Backups: v})
}

// restore puts back a backup, if the file is still the version the page
// showed.
func (d *Desk) restore(w http.ResponseWriter, r *http.Request) {
	lang := d.lang()
	rel := r.PostFormValue("file")
	if err := storyPath(d.store, rel); err != nil {
		d.fail(w, r, http.StatusBadRequest, fmt.Sprintf(msg(lang, "bad.path"), rel))
		return
	}
	err := d.store.Restore(rel, r.PostFormValue("name"), r.PostFormValue("base"))
	var conflict *ConflictError
	switch {
	case errors.As(err, &conflict):
		data, _ := d.store.ReadBackup(rel, r.PostFormValue("name"))
		d.conflict(w, rel, data, conflict, r)
	case err != nil:
		d.fail(w, r, http.StatusBadRequest, fmt.Sprintf(msg(lang, "failed"), err))
	default:
		http.Redirect(w, r, Path+"sua?ok=restored&file="+url.QueryEscape(rel), http.StatusSeeOther)
	}
}

// timeZone is the site's time zone; UTC without a site.yaml.
func timeZone(cfg *config.Config) *time.Location {
	if cfg == nil || cfg.TimeZone == nil {
		return time.UTC
	}
	return cfg.TimeZone
}
