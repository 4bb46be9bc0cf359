package sheets

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/fairdesk/fairdesk/data"
)

// MeetingAlarm is how long before a meeting its calendar reminder goes off.
const MeetingAlarm = 5 * time.Minute

// WriteMeetingsICS writes the meetings of the schedules given (one
// person's, or every host's) as an iCalendar file: a VEVENT per meeting,
// once even when two schedules share it, at its times in the event's zone
// (a VTIMEZONE describes it, so a meeting after the clock change is at
// the right hour), with a display alarm MeetingAlarm before. now is the
// DTSTAMP.
func WriteMeetingsICS(w io.Writer, event data.Event, schedules []data.MeetingSchedule, now time.Time) error {
	loc := event.Location()
	cal := ics.NewCalendarFor("Fairdesk")
	cal.SetProductId("-//Fairdesk//Meetings//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	name := "Meetings"
	if len(schedules) == 1 {
		name = "Meetings: " + schedules[0].Name
	}
	cal.SetXWRCalName(strings.TrimSpace(joinWords(" · ", event.Name, name)))
	cal.SetXWRTimezone(loc.String())
	first, last := 0, 0
	for _, s := range schedules {
		for _, m := range s.Meetings {
			for _, t := range []time.Time{m.Starts, m.Ends} {
				y := t.In(loc).Year()
				if first == 0 || y < first {
					first = y
				}
				last = max(last, y)
			}
		}
	}
	if first == 0 {
		return fmt.Errorf("export the meetings calendar: no meeting is booked yet")
	}
	cal.AddVTimezone(vtimezone(loc, first, last))
	seen := map[string]bool{}
	for _, s := range schedules {
		for _, m := range s.Meetings {
			if seen[m.ID] {
				continue
			}
			seen[m.ID] = true
			e := cal.AddEvent(m.ID + "@fairdesk")
			e.SetDtStampTime(now)
			e.SetProperty(ics.ComponentPropertyDtStart, m.Starts.In(loc).Format(icsLocal), ics.WithTZID(loc.String()))
			e.SetProperty(ics.ComponentPropertyDtEnd, m.Ends.In(loc).Format(icsLocal), ics.WithTZID(loc.String()))
			summary := "Meeting with " + m.With
			e.SetSummary(summary)
			if d := joinWords("\n", m.WithDetail, atBooth(m.AtBooth), m.Link); d != "" {
				e.SetDescription(d)
			}
			if where := m.Place; where != "" || m.Link != "" {
				if where == "" {
					where = m.Link
				}
				e.SetLocation(where)
			}
			if m.Link != "" {
				e.SetURL(m.Link)
			}
			e.SetStatus(ics.ObjectStatusConfirmed)
			a := e.AddAlarm()
			a.SetAction(ics.ActionDisplay)
			a.SetTrigger(fmt.Sprintf("-PT%dM", int(MeetingAlarm.Minutes())))
			a.SetProperty(ics.ComponentPropertyDescription, summary)
		}
	}
	if err := cal.SerializeTo(w, ics.WithNewLine("\r\n")); err != nil {
		return fmt.Errorf("export the meetings calendar: %w", err)
	}
	return nil
}

func atBooth(code string) string {
	if code == "" {
		return ""
	}
	return "At booth " + code
}

// joinWords joins the parts that are not blank.
func joinWords(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
