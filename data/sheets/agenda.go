package sheets

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/fairdesk/fairdesk/data"
)

// icsLocal is a date-time in the zone its TZID names (RFC 5545 form 2).
const icsLocal = "20060102T150405"

// ExportAgenda writes the live sessions as an iCalendar file (RFC 5545):
// one VEVENT per session, its times in the event's zone, which a VTIMEZONE
// describes so calendars need not know the zone's name.
func ExportAgenda(ctx context.Context, st *data.Store, w io.Writer) error {
	if err := exportAgenda(ctx, st, w, time.Now()); err != nil {
		return fmt.Errorf("export agenda: %w", err)
	}
	return nil
}

func exportAgenda(ctx context.Context, st *data.Store, w io.Writer, now time.Time) error {
	ev, err := st.Event(ctx)
	if err != nil && !isNotFound(err) {
		return err
	}
	loc := ev.Location()
	sessions, err := st.Sessions(ctx)
	if err != nil {
		return err
	}
	orgs, err := organisationsByID(ctx, st)
	if err != nil {
		return err
	}
	cal := ics.NewCalendarFor("Fairdesk")
	cal.SetProductId("-//Fairdesk//Agenda//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	if ev.Name != "" {
		cal.SetXWRCalName(ev.Name)
	}
	cal.SetXWRTimezone(loc.String())
	if len(sessions) > 0 {
		first, last := sessions[0].Starts.In(loc).Year(), sessions[0].Starts.In(loc).Year()
		for _, s := range sessions {
			for _, t := range []time.Time{s.Starts, s.Ends} {
				if !t.IsZero() {
					first, last = min(first, t.In(loc).Year()), max(last, t.In(loc).Year())
				}
			}
		}
		cal.AddVTimezone(vtimezone(loc, first, last))
	}
	for _, s := range sessions {
		e := cal.AddEvent(s.ID + "@fairdesk")
		e.SetDtStampTime(now)
		e.SetProperty(ics.ComponentPropertyDtStart, s.Starts.In(loc).Format(icsLocal), ics.WithTZID(loc.String()))
		if !s.Ends.IsZero() {
			e.SetProperty(ics.ComponentPropertyDtEnd, s.Ends.In(loc).Format(icsLocal), ics.WithTZID(loc.String()))
		}
		e.SetSummary(s.Title)
		if d := agendaDescription(s, orgs); d != "" {
			e.SetDescription(d)
		}
		// A calendar shows LOCATION where a room would be, so an online
		// session's link goes there; the description says it again,
		// because most calendars hide URL.
		if loc := cmp.Or(s.Room, s.Link); loc != "" {
			e.SetLocation(loc)
		}
		if s.Link != "" {
			e.SetURL(s.Link)
		}
		e.AddCategory(strings.ToUpper(string(s.Kind)))
	}
	// RFC 5545 lines end in CRLF; the library writes LF unless told.
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

// agendaDescription is the session's description with its speakers.
func agendaDescription(s data.SessionRow, orgs map[string]data.Organisation) string {
	var parts []string
	if len(s.Speakers) > 0 {
		var names []string
		for _, p := range s.Speakers {
			name := p.DisplayName()
			if org := orgs[p.OrgID].Name; org != "" {
				name += " (" + org + ")"
			}
			names = append(names, name)
		}
		parts = append(parts, "Speakers: "+strings.Join(names, ", "))
	}
	if s.Description != "" {
		parts = append(parts, s.Description)
	}
	if s.Link != "" {
		parts = append(parts, "Join online: "+s.Link)
	}
	if s.RecordingLink != "" {
		parts = append(parts, "Recording: "+s.RecordingLink)
	}
	return strings.Join(parts, "\n\n")
}
