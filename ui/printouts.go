package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/printouts"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// printStore is what the File menu's printouts read.
type printStore interface {
	Event(ctx context.Context) (data.Event, error)
	Sessions(ctx context.Context) ([]data.SessionRow, error)
	ListPeople(ctx context.Context, f data.PeopleFilter, offset, limit int) ([]data.PersonRow, error)
}

// onPrintAgenda saves the day programme (by room and time) as a PDF.
func (w *mainWindow) onPrintAgenda() {
	var st printStore = w.store
	w.saveAs("programme.pdf", ".pdf", func(ctx context.Context, out io.Writer) (string, error) {
		event, err := st.Event(ctx)
		if err != nil {
			return "", fmt.Errorf(lang.L("could not read the event (%v)"), err)
		}
		sessions, err := st.Sessions(ctx)
		if err != nil {
			return "", fmt.Errorf(lang.L("could not read the agenda (%v)"), err)
		}
		res, err := printouts.Agenda(out, event, sessions, printouts.Options{})
		return printedText(res, lang.L("session"), lang.L("sessions")), err
	})
}

// onPrintAttendees saves the list for a door without a laptop as a PDF:
// everyone, by family name, with no contact details (organisers only).
func (w *mainWindow) onPrintAttendees() {
	if w.mode.Exhibitor {
		return
	}
	var st printStore = w.store
	w.saveAs("attendees.pdf", ".pdf", func(ctx context.Context, out io.Writer) (string, error) {
		event, err := st.Event(ctx)
		if err != nil {
			return "", fmt.Errorf(lang.L("could not read the event (%v)"), err)
		}
		people, err := allPeople(ctx, st, data.PeopleFilter{})
		if err != nil {
			return "", err
		}
		res, err := printouts.Attendees(out, event, people, printouts.Options{})
		return printedText(res, lang.L("person"), lang.L("people")), err
	})
}

// printedText says what a printout holds, and what it had to leave out.
func printedText(res printouts.Result, one, many string) string {
	done := fmt.Sprintf(lang.L("%s on %s."), countOf(res.Rows, one, many), countOf(res.Pages, lang.L("page"), lang.L("pages")))
	if len(res.Warnings) > 0 {
		done += "\n" + strings.Join(res.Warnings, "\n")
	}
	return done
}

// peopleLister reads the people list a page at a time.
type peopleLister interface {
	ListPeople(ctx context.Context, f data.PeopleFilter, offset, limit int) ([]data.PersonRow, error)
}

// allPeople reads everyone filter lets through, in list order.
func allPeople(ctx context.Context, st peopleLister, filter data.PeopleFilter) ([]data.PersonRow, error) {
	const page = 1000
	var people []data.PersonRow
	for {
		rows, err := st.ListPeople(ctx, filter, len(people), page)
		if err != nil {
			return nil, fmt.Errorf(lang.L("could not read the people (%v)"), err)
		}
		people = append(people, rows...)
		if len(rows) < page {
			return people, nil
		}
	}
}

// scheduleStore is what meeting schedules read.
type scheduleStore interface {
	Event(ctx context.Context) (data.Event, error)
	MeetingSchedules(ctx context.Context, hosts bool) ([]data.MeetingSchedule, error)
	PersonSchedule(ctx context.Context, personID string) (data.MeetingSchedule, error)
	HostSchedule(ctx context.Context, h data.Host) (data.MeetingSchedule, error)
}

// scheduleChoice is one answer to "whose schedule": what it says, the
// file name offered, and how to read it.
type scheduleChoice struct {
	label, file string
	read        func(ctx context.Context, st scheduleStore) ([]data.MeetingSchedule, error)
}

func oneSchedule(s data.MeetingSchedule, err error) ([]data.MeetingSchedule, error) {
	return []data.MeetingSchedule{s}, err
}

// scheduleChoices are whose schedules the dialogs offer: on a booth
// laptop in booth-staff mode, only the booth's; else the person open in
// People or just at the check-in desk, then (everyone) every host's or
// every job seeker's, or for a calendar every meeting.
func (w *mainWindow) scheduleChoices(calendar bool) []scheduleChoice {
	if w.mode.Exhibitor {
		if w.mode.BoothID == "" {
			return nil
		}
		booth := data.BoothHost(w.mode.BoothID)
		return []scheduleChoice{{lang.L("This booth's meetings"), "booth-meetings", func(ctx context.Context, st scheduleStore) ([]data.MeetingSchedule, error) {
			return oneSchedule(st.HostSchedule(ctx, booth))
		}}}
	}
	var choices []scheduleChoice
	person := func(p data.PersonRow, format string) {
		id := p.ID
		for _, c := range choices {
			if c.file == "meetings-"+p.BadgeCode {
				return // the same person twice
			}
		}
		choices = append(choices, scheduleChoice{fmt.Sprintf(lang.L(format), displayHeading(p.Person)), "meetings-" + p.BadgeCode,
			func(ctx context.Context, st scheduleStore) ([]data.MeetingSchedule, error) {
				return oneSchedule(st.PersonSchedule(ctx, id))
			}})
	}
	if w.people != nil && w.people.form.open && w.people.form.person.ID != "" {
		person(w.people.form.person, "%s, open in People")
	}
	if w.desk != nil && w.desk.checkIn.person.ID != "" {
		person(w.desk.checkIn.person, "%s, just at the check-in desk")
	}
	hosts := func(ctx context.Context, st scheduleStore) ([]data.MeetingSchedule, error) {
		return st.MeetingSchedules(ctx, true)
	}
	if calendar {
		return append(choices, scheduleChoice{lang.L("Every meeting"), "meetings", hosts})
	}
	return append(choices,
		scheduleChoice{lang.L("Every host, a page each"), "host-schedules", hosts},
		scheduleChoice{lang.L("Every job seeker, a page each"), "seeker-schedules", func(ctx context.Context, st scheduleStore) ([]data.MeetingSchedule, error) {
			return st.MeetingSchedules(ctx, false)
		}})
}

// onPrintMeetingSchedules asks whose schedules to print, then where to
// save the PDF: a page per host or job seeker, with each booked meeting's
// time, with whom and where (or the video link).
func (w *mainWindow) onPrintMeetingSchedules() {
	w.askSchedule(lang.L("Meeting schedules"), lang.L("A page for each host or job seeker: each booked meeting's time, with whom, and the place or video link."),
		false, func(c scheduleChoice) {
			var st scheduleStore = w.store
			w.saveAs(c.file+".pdf", ".pdf", func(ctx context.Context, out io.Writer) (string, error) {
				schedules, err := c.read(ctx, st)
				if err != nil {
					return "", fmt.Errorf(lang.L("could not read the meetings (%v)"), err)
				}
				if scheduledMeetings(schedules) == 0 {
					return "", errors.New(lang.L("no meeting is booked for them yet: book or publish meetings first"))
				}
				event, err := st.Event(ctx)
				if err != nil && !errors.Is(err, data.ErrNotFound) {
					return "", fmt.Errorf(lang.L("could not read the event (%v)"), err)
				}
				res, err := printouts.MeetingSchedules(out, event, schedules, printouts.Options{})
				return printedText(res, lang.L("meeting"), lang.L("meetings")), err
			})
		})
}

// onExportMeetingsCalendar asks whose meetings, then saves them as an
// .ics calendar with a reminder 5 minutes before each.
func (w *mainWindow) onExportMeetingsCalendar() {
	w.askSchedule(lang.L("Meetings calendar"), lang.L("The booked meetings as a calendar file, each with a reminder 5 minutes before, at the event's times."),
		true, func(c scheduleChoice) {
			var st scheduleStore = w.store
			w.saveAs(c.file+".ics", ".ics", func(ctx context.Context, out io.Writer) (string, error) {
				schedules, err := c.read(ctx, st)
				if err != nil {
					return "", fmt.Errorf(lang.L("could not read the meetings (%v)"), err)
				}
				n := scheduledMeetings(schedules)
				if n == 0 {
					return "", errors.New(lang.L("no meeting is booked for them yet: book or publish meetings first"))
				}
				event, err := st.Event(ctx)
				if err != nil && !errors.Is(err, data.ErrNotFound) {
					return "", fmt.Errorf(lang.L("could not read the event (%v)"), err)
				}
				return fmt.Sprintf(lang.L("%s saved, each with a reminder 5 minutes before."), countOf(n, lang.L("meeting"), lang.L("meetings"))),
					sheets.WriteMeetingsICS(out, event, schedules, time.Now())
			})
		})
}

func scheduledMeetings(schedules []data.MeetingSchedule) int {
	n := 0
	for _, s := range schedules {
		n += len(s.Meetings)
	}
	return n
}

// askSchedule asks whose schedule, then hands the choice to then.
func (w *mainWindow) askSchedule(title, about string, calendar bool, then func(scheduleChoice)) {
	choices := w.scheduleChoices(calendar)
	if len(choices) == 0 {
		return
	}
	var options []string
	for _, c := range choices {
		options = append(options, c.label)
	}
	who := widget.NewRadioGroup(options, nil)
	who.Required = true
	who.SetSelected(options[0])
	note := &widget.Label{Wrapping: fyne.TextWrapWord, Text: about}
	form := widget.NewForm(widget.NewFormItem(lang.L("For"), who))
	d := dialog.NewCustomConfirm(title, lang.L("Choose where to save…"), lang.L("Cancel"), atLeastWide(container.NewVBox(note, form), 440),
		func(ok bool) {
			if !ok {
				return
			}
			for _, c := range choices {
				if c.label == who.Selected {
					then(c)
				}
			}
		}, w.win)
	w.dialogs.show(d)
}
