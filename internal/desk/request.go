package desk

import (
	"fmt"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/scaffold"
	"github.com/guong/guong/internal/vi"
)

// formFrom reads the form's fields from a request. The date picker's
// YYYY-MM-DD replaces the date as written only when it names another day,
// and the time picker's HH:MM its time of day only when it is another, so
// that the site's own way of writing dates stays; loc is the site's zone.
func formFrom(r *http.Request, loc *time.Location) *Form {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := &Form{
		Title: v("title"), Person: v("person"), Position: v("position"), Gender: v("gender"),
		Collective: v("collective") == "true", Department: v("department"), Model: v("model"),
		Campaigns: r.PostForm["campaigns"], Tags: r.PostForm["tag"],
		Summary: v("summary"), Cover: v("cover"), CoverAlt: v("coverAlt"), Author: v("author"),
		Source: v("source"), Slug: v("slug"), Draft: v("draft") == "true",
		Body: []byte(r.PostFormValue("body")),
	}
	f.Date = pickDate(v("date"), v("dateText"))
	if _, sent := r.PostForm["time"]; sent { // a client without the time control keeps the time
		f.Date = pickTime(f.Date, v("time"), v("dateText"), loc)
	}
	f.Updated = pickDate(v("updated"), v("updatedText"))
	kinds := r.PostForm["award-kind"]
	for i := range kinds {
		at := func(k string) string {
			if xs := r.PostForm["award-"+k]; i < len(xs) {
				return strings.TrimSpace(xs[i])
			}
			return ""
		}
		f.Awards = append(f.Awards, Award{Kind: at("kind"), Name: at("name"), Decision: at("decision"),
			Date: pickDate(at("date"), at("dateText")), Issuer: at("issuer"), Year: at("year"), Note: at("note")})
	}
	f.Clean()
	return f
}

// pickDate returns the date to write for the day picked (YYYY-MM-DD, as a
// date input sends it): the date as written when it is that day or nothing
// was picked; else the day picked, written the way the story wrote its
// date — 20/05/2022 for 19/05/2022, 2022-05-20T08:00:00+07:00 (the time
// of day kept) for 2022-05-19T08:00:00+07:00 — or as YYYY-MM-DD, the way
// guong new story writes it.
func pickDate(picked, written string) string {
	if picked == "" { // nothing picked: a date the picker cannot show stays as written
		return written
	}
	if written == "" {
		return picked
	}
	if t, _, err := vi.ParseDate(written, time.UTC); err == nil && t.Format(time.DateOnly) == picked {
		return written
	}
	day, err := time.Parse(time.DateOnly, picked)
	switch {
	case err != nil:
		return picked
	case slashDate.MatchString(written):
		return day.Format("02/01/2006")
	case len(written) > len(picked) && plainDate.MatchString(written):
		return picked + written[len(picked):]
	}
	return picked
}

// slashDate is a date written day/month/year, slashTime one with a time
// of day after it.
var (
	slashDate = regexp.MustCompile(`^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$`)
	slashTime = regexp.MustCompile(`^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$`)
)

// pickerValue is a date as written, as a date input shows it: "" when it
// cannot be read.
func pickerValue(written string) string {
	t, _, err := vi.ParseDate(written, time.UTC)
	if err != nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// storyPath checks that rel is a story the desk may write:
// content/stories/…/*.md, confined by the store.
func storyPath(s *Store, rel string) error {
	if !strings.HasPrefix(rel, content.StoriesDir+"/") || path.Ext(rel) != ".md" {
		return fmt.Errorf("%s: %w", rel, ErrPath)
	}
	return s.Confine(rel)
}

// newStoryPath is where a new story titled title goes, as "guong new
// story" puts it: content/stories/<year>/<slug>.md, the year of its date
// (else of now); a title without letters gives "bai-moi".
func newStoryPath(title string, date string, now time.Time) string {
	if t, _, err := vi.ParseDate(date, time.UTC); err == nil {
		now = t
	}
	if p := scaffold.StoryPath(title, now); p != "" {
		return p
	}
	return scaffold.StoryPath("bai moi", now)
}

// freePath returns rel, or rel with "-2", "-3"… before ".md" if a file of
// that name exists: a new story never takes an existing one's file.
func freePath(s *Store, rel string) (string, error) {
	stem := strings.TrimSuffix(rel, ".md")
	for i := 1; ; i++ {
		p := rel
		if i > 1 {
			p = fmt.Sprintf("%s-%d.md", stem, i)
		}
		data, err := s.Read(p)
		if err != nil || data == nil {
			return p, err
		}
	}
}
