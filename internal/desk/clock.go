package desk

import (
	"time"

	"github.com/guong/guong/internal/vi"
)

// pickerTime is the time of day of a date as written, as a time input
// shows it ("08:30", or "08:30:15" with seconds); "" when the date has no
// time of day or cannot be read.
func pickerTime(written string) string {
	t, hasTime, err := vi.ParseDate(written, time.UTC)
	if err != nil || !hasTime {
		return ""
	}
	if t.Second() != 0 {
		return t.Format("15:04:05")
	}
	return t.Format("15:04")
}

// pickTime returns date (what pickDate made of the day picked) with the
// time of day picked (HH:MM or HH:MM:SS, as a time input sends it, "" for
// none). A time the writer left as it was shown with written, the date
// before this edit, leaves date as it is. Else the time is written the
// site's way: day/month/year dates as "12/06/2023 08:30", the others as
// guong new story writes a date, "2023-06-12T08:30:00+07:00" in the
// story's own offset, else the site's zone loc.
func pickTime(date, picked, written string, loc *time.Location) string {
	if picked == pickerTime(written) {
		return date
	}
	t, _, err := vi.ParseDate(date, loc)
	if err != nil {
		return date
	}
	slash := slashDate.MatchString(date) || slashTime.MatchString(date)
	if picked == "" {
		if slash {
			return t.Format("02/01/2006")
		}
		return t.Format(time.DateOnly)
	}
	clock, err := time.Parse("15:04:05", picked)
	if err != nil {
		if clock, err = time.Parse("15:04", picked); err != nil {
			return date
		}
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), clock.Hour(), clock.Minute(), clock.Second(), 0, t.Location())
	switch {
	case slash && clock.Second() != 0:
		return t.Format("02/01/2006 15:04:05")
	case slash:
		return t.Format("02/01/2006 15:04")
	}
	return t.Format(time.RFC3339)
}
