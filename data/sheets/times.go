package sheets

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"golang.org/x/text/unicode/norm"
)

// Layouts with an offset: the instant is exact whatever the event's zone.
var offsetLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04 -07:00",
}

// Layouts read in the event's zone. Go's 1, 2 and 15 also accept two
// digits, so 2026/1/5 9:30 and 2026/01/05 09:30 both match.
var localLayouts = []string{
	"2006-1-2 15:04",
	"2006-1-2 15:04:05",
	"2006-1-2T15:04",
	"2006-1-2T15:04:05",
	"2006/1/2 15:04",
	"2006/1/2 15:04:05",
	"2006.1.2 15:04",
	"2006年1月2日 15:04",
	"2006年1月2日 15時04分",
}

// slashDate is 23/10/2026 11:00 or 10/23/2026 11:00.
var slashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$`)

// clockTime is a time of day alone: 11:00, 9:30:00, 11時00分.
var clockTime = regexp.MustCompile(`^(\d{1,2})(?::|時)(\d{2})(?::(\d{2})|分)?$`)

// parseTime reads a session time; see the package documentation for the
// forms. A time of day alone is taken on day's date, when day is set. A
// time without an offset is read in loc by data.LocalTime: one in the gap
// when the clocks go forward is refused, one in the hour that happens
// twice is the first of the two.
func parseTime(text string, loc *time.Location, day time.Time) (time.Time, error) {
	t := strings.Join(strings.Fields(norm.NFKC.String(text)), " ")
	if v, ok := parseWithOffset(t); ok {
		return v, nil
	}
	for _, layout := range localLayouts {
		if v, err := time.Parse(layout, t); err == nil {
			return inZone(v, loc)
		}
	}
	if m := slashDate.FindStringSubmatch(t); m != nil {
		return parseSlashDate(text, m, loc)
	}
	if m := clockTime.FindStringSubmatch(t); m != nil && !day.IsZero() {
		h, _ := strconv.Atoi(m[1])
		min, _ := strconv.Atoi(m[2])
		sec, _ := strconv.Atoi(m[3])
		if h < 24 && min < 60 && sec < 60 {
			y, mo, d := day.In(loc).Date()
			return data.LocalTime(y, mo, d, h, min, sec, loc)
		}
	}
	return time.Time{}, reason("%q is not a date and time such as 2026-10-23 11:00", text)
}

// parseWithOffset reads a time that carries its offset (10:00Z, +09:00).
func parseWithOffset(text string) (time.Time, bool) {
	for _, layout := range offsetLayouts {
		if v, err := time.Parse(layout, text); err == nil {
			return v, true
		}
	}
	return time.Time{}, false
}

// hasOffset reports whether a time cell names its own offset rather than
// being read in the event's zone.
func hasOffset(text string) bool {
	_, ok := parseWithOffset(strings.Join(strings.Fields(norm.NFKC.String(text)), " "))
	return ok
}

// inZone reads the wall clock of v (parsed as UTC) in loc.
func inZone(v time.Time, loc *time.Location) (time.Time, error) {
	return data.LocalTime(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), loc)
}

// parseSlashDate reads day-first dates, as in most of the world, and
// month-first ones when the day cannot be first; when either could be, it
// refuses rather than guess a session a month away.
func parseSlashDate(text string, m []string, loc *time.Location) (time.Time, error) {
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	h, _ := strconv.Atoi(m[4])
	min, _ := strconv.Atoi(m[5])
	sec, _ := strconv.Atoi(m[6])
	day, month := a, b
	switch {
	case a <= 12 && b <= 12 && a != b:
		return time.Time{}, reason("%q could be day/month or month/day; write it as %04d-%02d-%02d or %04d-%02d-%02d", text, year, b, a, year, a, b)
	case a <= 12 && b > 12:
		day, month = b, a
	}
	v := time.Date(year, time.Month(month), day, h, min, sec, 0, time.UTC)
	if month > 12 || day > 31 || h > 23 || min > 59 || sec > 59 || v.Day() != day {
		return time.Time{}, reason("%q is not a real date and time", text)
	}
	return inZone(v, loc)
}

// parseDay reads a date alone, for a "date" column.
func parseDay(text string, loc *time.Location) (time.Time, error) {
	t := strings.TrimSpace(norm.NFKC.String(text))
	for _, layout := range []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日"} {
		if v, err := time.ParseInLocation(layout, t, loc); err == nil {
			return v, nil
		}
	}
	if v, err := parseTime(t+" 00:00", loc, time.Time{}); err == nil {
		return v, nil
	}
	return time.Time{}, reason("%q is not a date such as 2026-10-23", text)
}
