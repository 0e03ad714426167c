package vi

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrDate is wrapped by every error returned by [ParseDate].
var ErrDate = errors.New("invalid date")

// dateError is an error message that wraps ErrDate without repeating its
// text.
type dateError struct{ msg string }

func (e *dateError) Error() string { return e.msg }
func (e *dateError) Unwrap() error { return ErrDate }

func dateErrorf(format string, args ...any) error {
	return &dateError{msg: fmt.Sprintf(format, args...)}
}

// weekdayNames holds the Vietnamese weekday names, indexed by time.Weekday.
var weekdayNames = [7]string{
	"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy",
}

// Weekday returns the Vietnamese weekday name: "Chủ nhật", "Thứ Hai", "Thứ
// Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy".
func Weekday(d time.Weekday) string {
	if d < 0 || int(d) >= len(weekdayNames) {
		return d.String()
	}
	return weekdayNames[d]
}

// LongDate formats t as "Thứ Hai, ngày 12 tháng 6 năm 2023" (no leading
// zeros), in t's location.
func LongDate(t time.Time) string {
	return fmt.Sprintf("%s, ngày %d tháng %d năm %d", Weekday(t.Weekday()), t.Day(), int(t.Month()), t.Year())
}

// ShortDate formats t as "11/6/2023" (day/month/year, no leading zeros), in
// t's location.
func ShortDate(t time.Time) string {
	return fmt.Sprintf("%d/%d/%d", t.Day(), int(t.Month()), t.Year())
}

// NumericDate formats t as "11/06/2023" (dd/mm/yyyy), in t's location.
func NumericDate(t time.Time) string {
	return fmt.Sprintf("%02d/%02d/%04d", t.Day(), int(t.Month()), t.Year())
}

// DocumentDate formats t as the date line of an administrative document
// writes it (Nghị định 30/2020/NĐ-CP): "ngày 03 tháng 12 năm 2026", a
// leading zero for days below 10 and for the months 1 and 2.
func DocumentDate(t time.Time) string {
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// MonthYear formats t as "tháng 6 năm 2023", in t's location.
func MonthYear(t time.Time) string {
	return fmt.Sprintf("tháng %d năm %d", int(t.Month()), t.Year())
}

// The patterns below match the input after NFC, trimming, collapsing white
// space to single spaces and lower-casing. Compiled regexps are safe for
// concurrent use.
var (
	// weekdayPrefixRe matches an optional leading weekday ("thứ hai, ") and
	// the optional word "ngày".
	weekdayPrefixRe = regexp.MustCompile(`^(?:(chủ nhật|cn|thứ (?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7]))(?: ?[,–-] ?| ))?(?:ngày )?`)

	// isoRe matches year-month-day, optionally followed by a time of day and
	// a UTC offset: 2023-06-11, 2023-06-11T08:00:00+07:00, 2023-06-11 08:00.
	isoRe = regexp.MustCompile(`^(\d{4})` + sameSep + `(\d{1,2})(?:(?:t| )(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(z|[+-]\d{2}:?\d{2})?)?$`)

	// dmyRe matches day/month/year with '/', '-' or '.', optionally followed
	// by a time of day: 11/06/2023, 11.6.2023 08:00.
	dmyRe = regexp.MustCompile(`^(\d{1,2})` + sameSep + `(\d+)` + timeSuffix + `$`)

	// longRe matches "11 tháng 6 năm 2023", optionally followed by a time of
	// day.
	longRe = regexp.MustCompile(`^(\d{1,2}) tháng (\d{1,2}) năm (\d+)` + timeSuffix + `$`)
)

// sameSep matches the month between two separators, both '-', '/' or '.';
// the month is in one of three groups.
const sameSep = `(?:-(\d{1,2})-|/(\d{1,2})/|\.(\d{1,2})\.)`

// timeSuffix matches an optional time of day after a date: " 08:00",
// ", 08:00:00", " lúc 8h30".
const timeSuffix = `(?:,? (?:lúc )?(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?`

// weekdayWords maps the weekday words accepted by ParseDate to weekdays.
var weekdayWords = map[string]time.Weekday{
	"chủ nhật": time.Sunday, "cn": time.Sunday,
	"thứ hai": time.Monday, "thứ 2": time.Monday,
	"thứ ba": time.Tuesday, "thứ 3": time.Tuesday,
	"thứ tư": time.Wednesday, "thứ 4": time.Wednesday,
	"thứ năm": time.Thursday, "thứ 5": time.Thursday,
	"thứ sáu": time.Friday, "thứ 6": time.Friday,
	"thứ bảy": time.Saturday, "thứ bẩy": time.Saturday, "thứ 7": time.Saturday,
}

// dateFields holds the numbers read from a date string.
type dateFields struct {
	year, month, day     int
	hour, minute, second int
	nsec                 int
	fractional           string // digits after the decimal point of the seconds
	hasTime              bool
	hasOffset            bool
	offset               int    // seconds east of UTC
	offsetText           string // as written, lower case: "z", "+07:00", "-0500"
	hasWeekday           bool
	weekday              time.Weekday
	weekdayText          string // the canonical name of the weekday given
}

// ParseDate parses a date as a writer writes it. Accepted forms:
//
//   - RFC 3339: "2023-06-11T08:00:00+07:00" (also with "Z", fractional
//     seconds or a space instead of "T");
//   - "2023-06-11T08:00:00", "2023-06-11 08:00", "2023-06-11 08:00:00", in
//     loc;
//   - "2023-06-11": midnight in loc;
//   - day/month/year, always day first as Vietnamese write it: "11/06/2023",
//     "11/6/2023", "11-06-2023", "11.6.2023", optionally followed by a time
//     of day " 08:00" (or ", 08:00", " lúc 8h30");
//   - the long Vietnamese form "Thứ Hai, ngày 12 tháng 6 năm 2023",
//     "ngày 12 tháng 6 năm 2023" or "12 tháng 6 năm 2023".
//
// A leading weekday ("Thứ Hai, ", "Chủ nhật ", "Thứ 2 - ") and the word
// "ngày" may precede any of the forms; a weekday must match the date, or the
// error says which weekday the date really is. Leading/trailing spaces are
// ignored, and so are case and runs of white space. hasTime reports whether a
// time of day was given. Invalid dates (31/02/2023, month 13, 2023-02-30) and
// years outside 1000..9999 are errors; every error wraps [ErrDate]. A nil loc
// means UTC. A value with a UTC offset is returned in loc if loc has that
// offset at that instant, otherwise in a fixed zone with that offset.
func ParseDate(s string, loc *time.Location) (t time.Time, hasTime bool, err error) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, dateErrorf("empty date; write 2023-06-11 or 11/06/2023")
	}
	f, ok := readDate(s)
	if !ok {
		return time.Time{}, false, dateErrorf("cannot read %q as a date; write 2023-06-11 or 11/06/2023", s)
	}
	if err := f.check(s); err != nil {
		return time.Time{}, false, err
	}
	if f.hasOffset {
		zone := time.FixedZone("", f.offset)
		if f.offset == 0 && f.offsetText == "z" {
			zone = time.UTC
		}
		t = time.Date(f.year, time.Month(f.month), f.day, f.hour, f.minute, f.second, f.nsec, zone)
		if _, off := t.In(loc).Zone(); off == f.offset {
			t = t.In(loc)
		}
	} else {
		t = time.Date(f.year, time.Month(f.month), f.day, f.hour, f.minute, f.second, f.nsec, loc)
	}
	if f.hasWeekday && t.Weekday() != f.weekday {
		return time.Time{}, false, dateErrorf("%q has the wrong weekday: %02d/%02d/%04d is a %s (%s), not %s",
			s, f.day, f.month, f.year, t.Weekday(), Weekday(t.Weekday()), f.weekdayText)
	}
	return t, f.hasTime, nil
}

// readDate matches s against the accepted forms and extracts the numbers,
// without checking their ranges. It reports false if no form matches.
func readDate(s string) (f dateFields, ok bool) {
	l := strings.ToLower(strings.Join(strings.Fields(NFC(s)), " "))
	if m := weekdayPrefixRe.FindStringSubmatch(l); m != nil {
		if m[1] != "" {
			f.hasWeekday = true
			f.weekday = weekdayWords[m[1]]
			f.weekdayText = weekdayNames[f.weekday]
		}
		l = l[len(m[0]):]
	}
	var ymd [3]string // year, month, day
	var hms [3]string // hour, minute, second
	switch {
	case isoRe.MatchString(l):
		m := isoRe.FindStringSubmatch(l)
		ymd = [3]string{m[1], m[2] + m[3] + m[4], m[5]}
		hms = [3]string{m[6], m[7], m[8]}
		f.fractional = m[9]
		f.offsetText = m[10]
	case dmyRe.MatchString(l):
		m := dmyRe.FindStringSubmatch(l)
		ymd = [3]string{m[5], m[2] + m[3] + m[4], m[1]}
		hms = [3]string{m[6], m[7], m[8]}
	case longRe.MatchString(l):
		m := longRe.FindStringSubmatch(l)
		ymd = [3]string{m[3], m[2], m[1]}
		hms = [3]string{m[4], m[5], m[6]}
	default:
		return f, false
	}
	// The patterns only let ASCII digits through; a year too long for an
	// int is caught by the range check.
	f.year = atoi(ymd[0])
	f.month = atoi(ymd[1])
	f.day = atoi(ymd[2])
	if hms[0] != "" {
		f.hasTime = true
		f.hour = atoi(hms[0])
		f.minute = atoi(hms[1])
		f.second = atoi(hms[2])
	}
	if f.fractional != "" {
		f.nsec = atoi((f.fractional + "000000000")[:9])
	}
	if o := f.offsetText; o != "" {
		f.hasOffset = true
		if o != "z" {
			digits := strings.ReplaceAll(o[1:], ":", "")
			f.offset = atoi(digits[:2])*3600 + atoi(digits[2:])*60
			if o[0] == '-' {
				f.offset = -f.offset
			}
		}
	}
	return f, true
}

// atoi converts a string of ASCII digits; an empty string is 0, and a number
// too large for an int is -1.
func atoi(s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// check reports an error if the fields do not form a valid date and time.
// s is the input, quoted in messages.
func (f *dateFields) check(s string) error {
	switch {
	case f.year < 1000 || f.year > 9999:
		if f.year >= 0 && f.year < 100 {
			return dateErrorf("%q is not a valid date: write the year in full, with four digits", s)
		}
		return dateErrorf("%q is not a valid date: the year must be between 1000 and 9999", s)
	case f.month < 1 || f.month > 12:
		return dateErrorf("%q is not a valid date: there is no month %d", s, f.month)
	case f.day < 1:
		return dateErrorf("%q is not a valid date: there is no day %d", s, f.day)
	case f.day > daysIn(f.year, f.month):
		return dateErrorf("%q is not a valid date: %s %d has %d days", s, time.Month(f.month), f.year, daysIn(f.year, f.month))
	case f.hour > 23:
		return dateErrorf("%q is not a valid time: there is no hour %d", s, f.hour)
	case f.minute > 59:
		return dateErrorf("%q is not a valid time: there is no minute %d", s, f.minute)
	case f.second > 59:
		return dateErrorf("%q is not a valid time: there is no second %d", s, f.second)
	}
	if f.hasOffset && f.offsetText != "z" {
		o := strings.ReplaceAll(f.offsetText[1:], ":", "")
		if atoi(o[:2]) > 23 || atoi(o[2:]) > 59 {
			return dateErrorf("%q is not a valid time: there is no UTC offset %s", s, strings.ToUpper(f.offsetText))
		}
	}
	return nil
}

// daysIn returns the number of days in the month of the year (Gregorian).
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
