package ui

import (
	"fmt"
	"image/color"
	"maps"
	"slices"
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

// meetingDetail is the panel under the timetable: what the cell clicked
// holds, and what can be done with it. A meeting can change state or
// move (to a slot picked, or the nearest free one); a free slot can be
// booked.
type meetingDetail struct {
	s *meetingsScreen

	text     *widget.Label
	reasons  *widget.Label
	state    *widget.Select
	stateBox fyne.CanvasObject
	move     *widget.Button
	nearest  *widget.Button
	bookHere *widget.Button
	message  *widget.Label
	actions  *fyne.Container
	content  fyne.CanvasObject

	// What is selected, kept across a refresh: the meeting by id, or the
	// host's cell by time.
	meeting  data.Meeting
	host     data.Host
	at       time.Time
	selected bool
	filling  bool // the state picker is being set, not chosen
}

// statesToSet are the states an organiser puts a meeting in by hand.
var statesToSet = []data.MeetingState{data.MeetingBooked, data.MeetingDeclined, data.MeetingCancelled, data.MeetingDone, data.MeetingNoShow}

func newMeetingDetail(s *meetingsScreen) *meetingDetail {
	d := &meetingDetail{s: s}
	// Lines that truncate rather than wrap: a label that wraps to more
	// lines than its first layout gave it overlaps what is below.
	d.text = &widget.Label{Text: lang.L("Click a meeting to move it or change its state, or a free slot to book it."), Truncation: fyne.TextTruncateEllipsis}
	d.reasons = &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Italic: true}}
	d.reasons.Hide()
	d.state = &widget.Select{PlaceHolder: lang.L("State"), OnChanged: d.onState}
	d.state.ExtendBaseWidget(d.state)
	d.move = &widget.Button{Text: lang.L("Move…"), Icon: theme.ContentRedoIcon(), OnTapped: d.onMove}
	d.nearest = &widget.Button{Text: lang.L("Nearest free slot"), Icon: theme.MediaFastForwardIcon(), OnTapped: d.onNearest}
	d.bookHere = &widget.Button{Text: lang.L("Book this slot…"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: d.onBookHere}
	d.message = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	d.message.Hide()
	d.stateBox = paintableWide(d.state, 170) // wide enough for its longest state
	d.actions = container.NewHBox(d.stateBox, d.move, d.nearest, d.bookHere)
	d.actions.Hide()
	d.content = container.NewVBox(widget.NewSeparator(), d.text, d.reasons, d.actions, d.message)
	return d
}

// showCell shows the cell at row, col of the timetable shown.
func (d *meetingDetail) showCell(row, col int) {
	t := d.s.table
	if row < 0 || row >= len(t.rows) || col < 0 || col >= len(t.times) {
		return
	}
	d.selected, d.host, d.at = true, t.rows[row].Host, t.times[col]
	d.meeting = data.Meeting{}
	if m, ok := t.cells[row][col].meeting(); ok {
		d.meeting = m
	}
	d.message.Hide()
	d.fill()
}

// reselect shows the selection again after the timetable is rebuilt: the
// meeting where it is now (it may have moved), else the host's cell.
func (d *meetingDetail) reselect() {
	if !d.selected {
		return
	}
	t := d.s.table
	for r := range t.cells {
		for c := range t.cells[r] {
			for _, m := range t.cells[r][c].meetings {
				if d.meeting.ID != "" && m.ID == d.meeting.ID {
					d.host, d.at, d.meeting = t.rows[r].Host, t.times[c], m
					d.fill()
					return
				}
			}
		}
	}
	d.meeting = data.Meeting{}
	for r, h := range t.rows {
		if h.Host != d.host {
			continue
		}
		for c, at := range t.times {
			if at.Equal(d.at) {
				if m, ok := t.cells[r][c].meeting(); ok {
					d.meeting = m
				}
			}
		}
	}
	d.fill()
}

// cell is the selected cell of the timetable shown, if it still shows.
func (d *meetingDetail) cell() (timetableCell, bool) {
	t := d.s.table
	for r, h := range t.rows {
		if h.Host != d.host {
			continue
		}
		for c, at := range t.times {
			if at.Equal(d.at) {
				return t.cells[r][c], true
			}
		}
	}
	return timetableCell{}, false
}

func (d *meetingDetail) fill() {
	f := d.s.facts
	c, ok := d.cell()
	d.reasons.Hide()
	d.move.Hide()
	d.nearest.Hide()
	d.stateBox.Hide()
	d.bookHere.Hide()
	switch {
	case !ok:
		d.text.SetText(lang.L("Click a meeting to move it or change its state, or a free slot to book it."))
		d.actions.Hide()
		return
	case d.meeting.ID != "":
		m := d.meeting
		// The state shows in the picker beside; the place or link last,
		// where a long link may be cut.
		d.text.SetText(joinNonEmpty(" · ", fmt.Sprintf(lang.L("%s: %s with %s, score %d"), f.slotTime(m.Starts, m.Ends),
			f.seekerName(m.PersonID), f.hostName(m.Host), m.Score), m.Place, m.Link))
		if m.Reasons != "" {
			d.reasons.SetText(lang.L("Why:") + " " + reasonsText(m.Reasons))
			d.reasons.Show()
		}
		d.fillStates(m.State)
		d.stateBox.Show()
		d.move.Show()
		d.nearest.Show()
		if _, free := c.freeSlot(); free {
			d.bookHere.Show() // a booth's second table, or a cancelled meeting's slot
		}
	default:
		slot, free := c.freeSlot()
		if !free {
			d.text.SetText(fmt.Sprintf(lang.L("%s has no slot at %s."), f.hostName(d.host), d.at.In(f.loc).Format("15:04")))
			d.actions.Hide()
			return
		}
		d.text.SetText(fmt.Sprintf(lang.L("%s, %s: free."), f.hostName(d.host), f.slotTime(slot.Starts, slot.Ends)))
		d.bookHere.Show()
	}
	d.actions.Show()
	d.content.Refresh()
}

// fillStates offers the states to set, with the meeting's own first when
// it is another (proposed, requested).
func (d *meetingDetail) fillStates(current data.MeetingState) {
	states := statesToSet
	if !slices.Contains(states, current) {
		states = append([]data.MeetingState{current}, states...)
	}
	options := make([]string, len(states), len(states)+1)
	for i, st := range states {
		options[i] = lang.L(boothMeetingStateLabels[st])
	}
	options = append(options, lang.L(noThanksLabel))
	d.filling = true
	d.state.Options = options
	d.state.SetSelected(lang.L(boothMeetingStateLabels[current]))
	d.filling = false
}

// say shows a message under the panel, in red when it is a problem.
func (d *meetingDetail) say(text string, problem bool) {
	d.message.Importance = widget.MediumImportance
	if problem {
		d.message.Importance = widget.DangerImportance
	}
	d.message.SetText(text)
	d.message.Show()
}

func (d *meetingDetail) onState(chosen string) {
	if d.filling || d.meeting.ID == "" {
		return
	}
	if chosen == lang.L(noThanksLabel) {
		d.onNoThanks()
		return
	}
	var st data.MeetingState
	for s, l := range boothMeetingStateLabels {
		if lang.L(l) == chosen {
			st = s
		}
	}
	if st == "" || st == d.meeting.State {
		return
	}
	id, ctx := d.meeting.ID, d.s.ctx
	go func() {
		err := d.s.store.SetMeetingState(ctx, id, st)
		d.s.do(func() {
			if err != nil {
				d.fillStates(d.meeting.State)
			} else {
				d.say(fmt.Sprintf(lang.L("The meeting is now %s."), lang.L(boothMeetingStateLabels[st])), false)
			}
			d.s.afterWrite(err)
		})
	}()
}

// noThanksLabel is the state picker's last choice: the host declines
// the meeting and the job seeker, whom the auto-schedule then never
// pairs with them again.
const noThanksLabel = "Declined: no thanks from the host"

func (d *meetingDetail) onNoThanks() {
	m, ctx, f := d.meeting, d.s.ctx, d.s.facts
	go func() {
		err := d.s.store.SetHostPreference(ctx, m.Host, m.PersonID, data.PreferNoThanks)
		if err == nil {
			err = d.s.store.SetMeetingState(ctx, m.ID, data.MeetingDeclined)
		}
		d.s.do(func() {
			if err != nil {
				d.fillStates(d.meeting.State)
			} else {
				d.say(fmt.Sprintf(lang.L("Declined: the auto-schedule will not pair %s with %s again."), f.hostName(m.Host), f.seekerName(m.PersonID)), false)
			}
			d.s.afterWrite(err)
		})
	}()
}

func (d *meetingDetail) onMove() {
	if d.meeting.ID != "" {
		d.s.openMove(d.meeting)
	}
}

func (d *meetingDetail) onNearest() {
	if d.meeting.ID == "" {
		return
	}
	id, ctx, f := d.meeting.ID, d.s.ctx, d.s.facts
	d.nearest.Disable()
	go func() {
		slot, err := d.s.store.NearestFreeSlot(ctx, id)
		var moved data.Meeting
		if err == nil {
			moved, err = moveMeeting(ctx, d.s.store, id, slot.ID)
		}
		d.s.do(func() {
			d.nearest.Enable()
			if err == nil {
				d.meeting = moved
				d.say(fmt.Sprintf(lang.L("Moved to %s."), f.slotTime(moved.Starts, moved.Ends)), false)
			}
			d.s.afterWrite(err)
		})
	}()
}

func (d *meetingDetail) onBookHere() {
	d.s.openBooking(d.host, d.at)
}

// paintableWide is atLeastWide with a transparent spacer: a spacer of no
// colour crashes the test driver's painter, and golden images need it.
func paintableWide(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(width, 0))
	return container.NewStack(spacer, o)
}

// reasonsText says a meeting's reasons ("both: finance; choice 1", as
// data/match words them) in the interface's language.
func reasonsText(reasons string) string {
	parts := strings.Split(reasons, "; ")
	for i, p := range parts {
		parts[i] = reasonText(p)
	}
	return strings.Join(parts, lang.L("; "))
}

// reasonPatternLabels are the reasons data/match gives with a part that
// varies; the English pattern is the translation key.
var reasonPatternLabels = map[string]string{
	"both: %s":                "both: %s",
	"asked for %s":            "asked for %s",
	"choice %d":               "choice %d",
	"returned %d years apart": "returned %d years apart",
}

// reasonLabels are the reasons with no part that varies, and the kinds
// of organisation "asked for" names.
var reasonLabels = map[string]string{
	"Japanese-language work":      "Japanese-language work",
	"returned the same year":      "returned the same year",
	"returned a year apart":       "returned a year apart",
	"the host wants to meet them": "the host wants to meet them",
	"public sector":               "public sector",
	"start-ups":                   "start-ups",
	"Japanese companies":          "Japanese companies",
	"international companies":     "international companies",
}

func reasonText(p string) string {
	if w, ok := reasonLabels[p]; ok {
		return lang.L(w)
	}
	for pattern := range reasonPatternLabels {
		prefix, _, _ := strings.Cut(pattern, "%")
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		if strings.Contains(pattern, "%d") {
			var n int
			if _, err := fmt.Sscanf(rest, "%d", &n); err == nil && fmt.Sprintf(pattern, n) == p {
				return fmt.Sprintf(lang.L(pattern), n)
			}
			continue
		}
		if w, ok := reasonLabels[rest]; ok {
			rest = lang.L(w)
		}
		return fmt.Sprintf(lang.L(pattern), rest)
	}
	return p
}

// refusalText says why the store refused a slot, without field names.
func refusalText(fe data.FieldErrors) string {
	problems := translate(fe)
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(problems)) {
		parts = append(parts, problems[field])
	}
	return strings.Join(parts, lang.L("; "))
}
