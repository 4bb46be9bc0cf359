package sheets

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/fairdesk/fairdesk/data"
)

// AgendaOptions adds reminders to the agenda export.
type AgendaOptions struct {
	// AlarmBefore, when set, gives each session a VALARM that many minutes
	// before its start, as the app's own reminders.
	AlarmBefore time.Duration
	// FollowedOnly puts alarms only on the sessions starred on this laptop.
	FollowedOnly bool
}

// ExportAgendaWith is ExportAgenda with reminders: a display alarm
// (TRIGGER:-PT10M and the like) on every session, or on the followed ones.
func ExportAgendaWith(ctx context.Context, st *data.Store, w io.Writer, opts AgendaOptions) error {
	var plain bytes.Buffer
	if err := exportAgenda(ctx, st, &plain, time.Now()); err != nil {
		return fmt.Errorf("export agenda: %w", err)
	}
	if opts.AlarmBefore <= 0 {
		_, err := w.Write(plain.Bytes())
		return err
	}
	var followed []string
	if opts.FollowedOnly {
		var err error
		if followed, err = st.FollowedSessions(ctx); err != nil {
			return fmt.Errorf("export agenda: %w", err)
		}
	}
	cal, err := ics.ParseCalendar(&plain)
	if err != nil {
		return fmt.Errorf("export agenda: %w", err)
	}
	trigger := fmt.Sprintf("-PT%dM", int(opts.AlarmBefore.Minutes()))
	for _, e := range cal.Events() {
		id := strings.TrimSuffix(e.Id(), "@fairdesk")
		if opts.FollowedOnly && !slices.Contains(followed, id) {
			continue
		}
		summary := ""
		if p := e.GetProperty(ics.ComponentPropertySummary); p != nil {
			summary = p.Value
		}
		a := e.AddAlarm()
		a.SetAction(ics.ActionDisplay)
		a.SetTrigger(trigger)
		a.SetProperty(ics.ComponentPropertyDescription, summary)
	}
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}
