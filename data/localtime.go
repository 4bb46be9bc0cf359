package data

import (
	"fmt"
	"time"
)

// LocalTime is the instant that a wall-clock time names in loc, for times
// people type without an offset.
//
// A time in the gap when the clocks go forward names no instant and is an
// error that says so, a *ClockGapError ("01:30 does not exist on 29 March 2026 in
// Europe/London: the clocks go forward from 01:00 to 02:00"); time.Date
// would quietly move it an hour on.
//
// A time in the hour that happens twice when the clocks go back is taken
// as its first occurrence, still on summer time, as iCalendar does
// (RFC 5545, 3.3.5): 01:30 on 25 October 2026 in Europe/London is
// 00:30 UTC. To mean the second one, write the offset (01:30+00:00).
// time.Date would pick one without saying which.
func LocalTime(year int, month time.Month, day, hour, min, sec int, loc *time.Location) (time.Time, error) {
	wall := time.Date(year, month, day, hour, min, sec, 0, time.UTC)
	var first time.Time
	// The offsets a day either side are the ones around any transition
	// near this time: zones change offset months apart, not hours.
	for _, probe := range []time.Time{wall.Add(-24 * time.Hour), wall, wall.Add(24 * time.Hour)} {
		_, offset := probe.In(loc).Zone()
		t := wall.Add(-time.Duration(offset) * time.Second).In(loc)
		if sameWallClock(t, wall) && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	if !first.IsZero() {
		return first, nil
	}
	// In a gap: read with the offset before it, the instant is after the
	// change, whose bounds give the clock times either side.
	_, before := wall.Add(-24 * time.Hour).In(loc).Zone()
	change, _ := wall.Add(-time.Duration(before) * time.Second).In(loc).ZoneBounds()
	return time.Time{}, &ClockGapError{Wall: wall, Zone: loc.String(),
		From: change.In(time.FixedZone("", before)).Format("15:04"), To: change.In(loc).Format("15:04")}
}

// ClockGapError is a wall-clock time in the gap when the clocks go
// forward. It carries its values, not its words, so that the window says
// it in the user's language; Error says it in English.
type ClockGapError struct {
	Wall     time.Time // the date and time of day asked for, as wall-clock values in UTC
	Zone     string    // the zone's name, such as Europe/London
	From, To string    // the clock times either side of the change, "01:00" and "02:00"
}

// clockGapFormat is the English text: the key a translation is found by.
const clockGapFormat = "%s does not exist on %s in %s: the clocks go forward from %s to %s"

// Format is the error's English text before its values are filled in.
func (e *ClockGapError) Format() string { return clockGapFormat }

// Args are Format's values in order, the date as date writes it (English
// reads "29 March 2026").
func (e *ClockGapError) Args(date func(time.Time) string) []any {
	return []any{e.Wall.Format("15:04"), date(e.Wall), e.Zone, e.From, e.To}
}

func (e *ClockGapError) Error() string {
	return fmt.Sprintf(e.Format(), e.Args(func(t time.Time) string { return t.Format("2 January 2006") })...)
}

func sameWallClock(t, wall time.Time) bool {
	y, m, d := t.Date()
	h, min, s := t.Clock()
	return y == wall.Year() && m == wall.Month() && d == wall.Day() && h == wall.Hour() && min == wall.Minute() && s == wall.Second()
}
