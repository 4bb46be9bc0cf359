package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// boothMeetingsStore is what the booth's meeting list reads.
type boothMeetingsStore interface {
	BoothMeetingsBetween(ctx context.Context, boothID string, from, to time.Time) ([]data.BoothMeeting, error)
}

// boothMeetings is the My booth card of the day's one-to-one meetings at
// the booth, in time order, the next one highlighted, each with its job
// seeker's directory profile and, when they consented, their contact
// details.
type boothMeetings struct {
	rows    *fyne.Container
	summary *widget.Label
	card    *widget.Card

	meetings []data.BoothMeeting
	next     int // index of the next meeting, -1 when none is to come
}

// boothDay is the day whose meetings the booth sees and what was read.
type boothDay struct {
	day      time.Time // midnight in the event's zone
	today    bool
	meetings []data.BoothMeeting
	err      error
}

func newBoothMeetings() *boothMeetings {
	b := &boothMeetings{next: -1}
	b.rows = container.NewVBox()
	b.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.card = &widget.Card{Title: lang.L("Today's meetings"), Content: container.NewVBox(b.summary, b.rows)}
	return b
}

// meetingDay is the day the booth's list shows: today, while the event
// runs today or has no dates, else the event's first day, so a laptop set
// up the day before sees what is booked.
func meetingDay(ev data.Event, now time.Time, loc *time.Location) (day time.Time, today bool) {
	midnight := func(t time.Time) time.Time {
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	}
	todays := midnight(now)
	if ev.Starts.IsZero() {
		return todays, true
	}
	first, last := midnight(ev.Starts), midnight(ev.Starts)
	if !ev.Ends.IsZero() {
		last = midnight(ev.Ends)
	}
	if !todays.Before(first) && !todays.After(last) {
		return todays, true
	}
	return first, false
}

// readBoothDay reads the booth's meetings of the day meetingDay picks; it
// runs off the UI goroutine.
func readBoothDay(ctx context.Context, st boothMeetingsStore, boothID string, ev data.Event, now time.Time, loc *time.Location) boothDay {
	d := boothDay{}
	d.day, d.today = meetingDay(ev, now, loc)
	d.meetings, d.err = st.BoothMeetingsBetween(ctx, boothID, d.day, d.day.AddDate(0, 0, 1))
	return d
}

// nextMeeting is the first booked meeting not yet over at now, or -1.
func nextMeeting(list []data.BoothMeeting, now time.Time) int {
	for i, m := range list {
		if m.State == data.MeetingBooked && m.Ends.After(now) {
			return i
		}
	}
	return -1
}

func (b *boothMeetings) show(d boothDay, now time.Time, loc *time.Location) {
	if d.today {
		b.card.SetTitle(lang.L("Today's meetings"))
	} else {
		b.card.SetTitle(fmt.Sprintf(lang.L("Meetings on %s"), formatTime(d.day, "Monday 2 January")))
	}
	b.rows.RemoveAll()
	if d.err != nil {
		b.summary.Importance = widget.DangerImportance
		b.summary.SetText(fmt.Sprintf(lang.L("Could not read your booth's meetings (%v)."), d.err))
		return
	}
	b.meetings = d.meetings
	b.next = nextMeeting(d.meetings, now)
	b.summary.Importance = widget.MediumImportance
	switch {
	case len(d.meetings) == 0:
		b.summary.SetText(lang.L("No one-to-one meetings are booked at your booth for this day."))
	case b.next < 0:
		b.summary.SetText(fmt.Sprintf(lang.L(plural(len(d.meetings), "%d meeting; none still to come.", "%d meetings; none still to come.")), len(d.meetings)))
	default:
		b.summary.SetText(fmt.Sprintf(lang.L(plural(len(d.meetings), "%d meeting; the next at %s.", "%d meetings; the next at %s.")),
			len(d.meetings), d.meetings[b.next].Starts.In(loc).Format("15:04")))
	}
	for i, m := range d.meetings {
		b.rows.Add(boothMeetingRow(m, i == b.next, loc))
	}
	b.card.Refresh()
}

// boothMeetingRow is one meeting: when, where and its state on the left;
// who, with their profile and any shared contact, on the right. The next
// meeting stands on a tinted background with "Next" by its time. Each
// column is one RichText, a line a fact, so that a booth's eight meetings
// take a screen, not three (a label a line spaced them twice as far).
func boothMeetingRow(m data.BoothMeeting, next bool, loc *time.Location) fyne.CanvasObject {
	left := &widget.RichText{Scroll: container.ScrollNone}
	left.Segments = append(left.Segments, styled(m.Starts.In(loc).Format("15:04")+"–"+m.Ends.In(loc).Format("15:04"), theme.ColorNameForeground, true))
	if next {
		left.Segments = append(left.Segments, styled(lang.L("Next"), theme.ColorNamePrimary, true))
	} else {
		left.Segments = append(left.Segments, styled(lang.L(boothMeetingStateLabels[m.State]), stateTextColour(m.State), false))
	}
	if m.Place != "" {
		left.Segments = append(left.Segments, styled(m.Place, theme.ColorNamePlaceHolder, false))
	}

	p := m.Seeker
	name := personHeading(p.Person)
	if strings.TrimSpace(name) == "" {
		name = fmt.Sprintf(lang.L("person %s"), m.PersonID)
	}
	right := &widget.RichText{Truncation: fyne.TextTruncateEllipsis, Scroll: container.ScrollNone}
	right.Segments = append(right.Segments, styled(name, theme.ColorNameForeground, true))
	line := func(text string, colour fyne.ThemeColorName) {
		if strings.TrimSpace(text) != "" {
			right.Segments = append(right.Segments, styled(text, colour, false))
		}
	}
	line(joinNonEmpty(", ", p.JobTitle, p.OrgName), theme.ColorNameForeground)
	if len(p.Interests) > 0 {
		line(lang.L("Interests:")+" "+strings.Join(p.Interests, ", "), theme.ColorNameForeground)
	}
	if len(p.Industries) > 0 {
		line(lang.L("Industries:")+" "+strings.Join(p.Industries, ", "), theme.ColorNameForeground)
	}
	if contact := joinNonEmpty(" · ", p.Email, p.Phone); contact != "" {
		line(contact, theme.ColorNameForeground)
	} else {
		line(lang.L("Contact details not shared"), theme.ColorNamePlaceHolder)
	}
	line(m.Link, theme.ColorNamePlaceHolder)
	row := container.NewBorder(nil, nil, container.New(&fixedWidth{width: 130}, left), nil, right)
	tint := canvas.NewRectangle(color.Transparent) // every row padded alike, so that the columns line up
	if next {
		r, g, bl, _ := theme.Color(theme.ColorNamePrimary).RGBA()
		tint.FillColor = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 0x38}
		tint.CornerRadius = theme.InputRadiusSize()
	}
	return container.NewVBox(container.NewStack(tint, container.NewPadded(row)), widget.NewSeparator())
}

// styled is a line of a RichText (a paragraph of its own) in a theme colour.
func styled(text string, colour fyne.ThemeColorName, bold bool) *widget.TextSegment {
	return &widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: colour, TextStyle: fyne.TextStyle{Bold: bold}}}
}

// stateTextColour is the colour a meeting's state is written in.
func stateTextColour(st data.MeetingState) fyne.ThemeColorName {
	switch st {
	case data.MeetingDone:
		return theme.ColorNameSuccess
	case data.MeetingNoShow, data.MeetingCancelled:
		return theme.ColorNameWarning
	}
	return theme.ColorNameForeground
}

// boothMeetingStateLabels name a meeting's states on the booth's and a person's
// screens.
var boothMeetingStateLabels = map[data.MeetingState]string{
	data.MeetingRequested: "Requested",
	data.MeetingProposed:  "Proposed (draft)",
	data.MeetingBooked:    "Booked",
	data.MeetingDeclined:  "Declined",
	data.MeetingCancelled: "Cancelled",
	data.MeetingDone:      "Done",
	data.MeetingNoShow:    "No-show",
}

// fixedWidth lays its objects out in a column of one width, so that the
// times of every row line up.
type fixedWidth struct{ width float32 }

func (l *fixedWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l *fixedWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}
