package printouts

import (
	"cmp"
	"fmt"
	"io"

	"github.com/fairdesk/fairdesk/data"
)

// MeetingSchedules prints one page per host or job seeker (more when a
// schedule is long): their name, then each meeting's time on the event's
// clock, with whom, and the place or video link, under the day it is on.
// Like the door list it carries no e-mail or phone.
func MeetingSchedules(w io.Writer, event data.Event, schedules []data.MeetingSchedule, opt Options) (Result, error) {
	meetings := 0
	for _, s := range schedules {
		meetings += len(s.Meetings)
	}
	if meetings == 0 {
		return Result{}, fmt.Errorf("print the meeting schedules: no meeting is booked yet")
	}
	p, err := newPage(opt, joinNonEmpty(" · ", event.Name, "Meeting schedule"))
	if err != nil {
		return Result{}, fmt.Errorf("print the meeting schedules: %w", err)
	}
	loc := event.Location()
	first := true
	for _, s := range schedules {
		if len(s.Meetings) == 0 {
			continue
		}
		if !first {
			p.newPage()
		}
		first = false
		p.y += 7
		p.text(margin, p.y, s.Name, true, 18, p.width())
		p.y += 6
		p.pdf.SetTextColor(90, 90, 90)
		p.text(margin, p.y, joinNonEmpty(" · ", s.Detail, badgeText(s.BadgeCode), "times in "+loc.String()), false, 9, p.width())
		p.pdf.SetTextColor(0, 0, 0)
		// Columns, in mm from the margin: time, with whom, place or link.
		const whoX, placeX = 28.0, 100.0
		p.y += lineHeight + 2
		p.pdf.SetTextColor(90, 90, 90)
		for _, col := range []struct {
			x     float64
			title string
		}{{0, "Time"}, {whoX, "With"}, {placeX, "Place or video link"}} {
			p.text(margin+col.x, p.y, col.title, false, 9)
		}
		p.pdf.SetTextColor(0, 0, 0)
		day := ""
		for _, m := range s.Meetings {
			if d := m.Starts.In(loc).Format("Monday 2 January 2006"); d != day {
				day = d
				p.room(lineHeight * 3)
				p.y += lineHeight + 3
				p.text(margin, p.y, day, true, 12)
				p.y += 2
				p.rule()
			}
			p.room(lineHeight*2 + 1)
			p.y += lineHeight + 1
			when := m.Starts.In(loc).Format("15:04") + "–" + m.Ends.In(loc).Format("15:04")
			p.text(margin, p.y, when, true, bodySize)
			p.text(margin+whoX, p.y, m.With, true, bodySize, placeX-whoX-2)
			p.text(margin+placeX, p.y, cmp.Or(m.Place, m.Link, "–"), false, bodySize, p.width()-placeX)
			var notes []string
			if m.AtBooth != "" {
				notes = append(notes, "at booth "+m.AtBooth)
			}
			if m.State != data.MeetingBooked {
				notes = append(notes, stateWords[m.State])
			}
			link := ""
			if m.Place != "" {
				link = m.Link // the place took the column: the link goes beneath it
			}
			if detail := joinNonEmpty(" · ", append([]string{m.WithDetail}, notes...)...); detail != "" || link != "" {
				p.y += lineHeight - 1.5
				p.pdf.SetTextColor(90, 90, 90)
				p.text(margin+whoX, p.y, detail, false, 9, placeX-whoX-2)
				p.text(margin+placeX, p.y, link, false, 9, p.width()-placeX)
				p.pdf.SetTextColor(0, 0, 0)
			}
		}
	}
	res, err := p.finish(w, meetings)
	if err != nil {
		return Result{}, fmt.Errorf("print the meeting schedules: %w", err)
	}
	return res, nil
}

var stateWords = map[data.MeetingState]string{data.MeetingDone: "done", data.MeetingNoShow: "no-show"}

func badgeText(code string) string {
	if code == "" {
		return ""
	}
	return "badge " + code
}
