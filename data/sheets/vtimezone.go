package sheets

import (
	"errors"
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/fairdesk/fairdesk/data"
)

func isNotFound(err error) bool { return errors.Is(err, data.ErrNotFound) }

// vtimezone describes loc from the start of year first to the end of year
// last, from Go's own zone data: one observance for the rules in force on
// 1 January of the first year, then one per change of offset. Listing the
// actual changes, rather than rewriting them as recurrence rules, is exact
// for any zone and is what RFC 5545 allows for a bounded range.
func vtimezone(loc *time.Location, first, last int) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	start := time.Date(first, time.January, 1, 0, 0, 0, 0, loc)
	end := time.Date(last+1, time.January, 1, 0, 0, 0, 0, loc)

	// The rules at the start of the range, from when they began.
	zoneStart, next := start.ZoneBounds()
	from := offsetBefore(zoneStart)
	onset := zoneStart
	if zoneStart.IsZero() {
		onset = time.Date(1970, time.January, 1, 0, 0, 0, 0, loc)
	}
	addObservance(tz, start, onset, from)
	for !next.IsZero() && next.Before(end) {
		_, before := next.Add(-time.Second).Zone()
		addObservance(tz, next, next, before)
		_, next = next.ZoneBounds()
	}
	return tz
}

// offsetBefore is the UTC offset just before t, or the one at t when
// nothing is known earlier.
func offsetBefore(t time.Time) int {
	if t.IsZero() {
		return 0
	}
	_, off := t.Add(-time.Second).Zone()
	return off
}

// addObservance adds a STANDARD or DAYLIGHT block for the rules in force
// at t, which began at onset when the offset changed from offsetFrom.
func addObservance(tz *ics.VTimezone, t, onset time.Time, offsetFrom int) {
	name, offset := t.Zone()
	if onset.Year() <= 1970 {
		offsetFrom = offset
	}
	// RFC 5545 3.8.2.4: the onset is local time in the offset before it.
	local := onset.In(time.FixedZone("", offsetFrom)).Format(icsLocal)
	var base *ics.ComponentBase
	if t.IsDST() {
		d := &ics.Daylight{}
		tz.Components = append(tz.Components, d)
		base = &d.ComponentBase
	} else {
		base = &tz.AddStandard().ComponentBase
	}
	base.AddProperty(ics.ComponentPropertyDtStart, local)
	base.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(offsetFrom))
	base.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(offset))
	base.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
}

// utcOffset writes seconds east of UTC as ±hhmm (±hhmmss when needed).
func utcOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}
