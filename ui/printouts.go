package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/printouts"
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
