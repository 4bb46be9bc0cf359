package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// meetingsScreen is the organisers' one-to-one meetings: a timetable of
// every host by time slot, filtered by booth, sector and state; the
// meeting or free slot clicked, to move, change or book; and the
// auto-schedule's draft, to adjust and publish (meetings_draft.go).
type meetingsScreen struct {
	meetingsDeps

	summary  *widget.Label
	book     *widget.Button
	schedule *widget.Button
	booth    *widget.Select
	sector   *widget.Select
	state    *widget.Select
	tabs     *container.AppTabs
	grid     *timetableGrid
	detail   *meetingDetail
	draft    *draftPanel
	content  fyne.CanvasObject

	facts   meetingsFacts
	table   timetable
	filter  timetableFilter
	booths  []data.BoothRow // the booth filter's options after "every booth"
	sectors []string        // the sector filter's, likewise
	loaded  bool            // the first facts have shown
	chooser *slotChooser    // the booking or moving dialog open now, if any
}

// meetingsStore is what the Meetings screen reads and writes. Which slot
// a meeting may take is the store's to say (SlotOffers): the screen
// offers what the store would accept and names its reason for the rest.
type meetingsStore interface {
	personSearcher // the job seeker to book
	Event(ctx context.Context) (data.Event, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)
	Slots(ctx context.Context, host data.Host) ([]data.MeetingSlot, error)
	Meetings(ctx context.Context, f data.MeetingFilter) ([]data.Meeting, error)
	MeetingRequests(ctx context.Context) ([]data.MeetingRequest, error)
	Meeting(ctx context.Context, id string) (data.Meeting, error)
	SlotOffers(ctx context.Context, host data.Host, seekerID, meetingID string) ([]data.SlotOffer, error)
	NearestFreeSlot(ctx context.Context, meetingID string) (data.MeetingSlot, error)
	SaveMeeting(ctx context.Context, m *data.Meeting) error
	SetMeetingState(ctx context.Context, id string, state data.MeetingState) error
	SetHostPreference(ctx context.Context, h data.Host, seekerID string, pref data.Preference) error
	PublishMeetings(ctx context.Context) (int, error)
}

// meetingsPlanner reads the directory the grid names hosts and seekers
// from, scores a pair, and makes the auto-schedule's draft, all with this
// laptop's match weights (Settings → Matching).
type meetingsPlanner interface {
	Directory(ctx context.Context) (*matchmaking.Directory, error)
	Matches(ctx context.Context, d *matchmaking.Directory, seekerID string) ([]matchmaking.Match, error)
	Propose(ctx context.Context, d *matchmaking.Directory) (matchmaking.Proposal, error)
	SaveDraft(ctx context.Context, p matchmaking.Proposal) error
}

type meetingsDeps struct {
	screenEnv
	store   meetingsStore
	planner meetingsPlanner
	win     fyne.Window
}

func newMeetingsScreen(d meetingsDeps) *meetingsScreen {
	s := &meetingsScreen{meetingsDeps: d}
	s.buildUI()
	return s
}

// meetingsFacts is everything the screen shows, read at once.
type meetingsFacts struct {
	dir      *matchmaking.Directory
	loc      *time.Location // the event's time zone
	booths   []data.BoothRow
	slots    []data.MeetingSlot
	meetings []data.Meeting
	requests []data.MeetingRequest
}

func (s *meetingsScreen) buildUI() {
	s.summary = &widget.Label{Text: lang.L("Reading the meetings…"), Truncation: fyne.TextTruncateEllipsis}
	s.book = &widget.Button{Text: lang.L("Book a meeting…"), Icon: theme.ContentAddIcon(), OnTapped: func() { s.openBooking(data.Host{}, time.Time{}) }}
	s.schedule = &widget.Button{Text: lang.L("Auto-schedule (draft)"), Icon: theme.ViewRefreshIcon(), Importance: widget.HighImportance}
	s.booth = &widget.Select{OnChanged: s.onFilter}
	s.sector = &widget.Select{OnChanged: s.onFilter}
	s.state = &widget.Select{OnChanged: s.onFilter}
	s.booth.ExtendBaseWidget(s.booth)
	s.sector.ExtendBaseWidget(s.sector)
	s.state.ExtendBaseWidget(s.state)
	s.setFilterOptions(nil, nil)
	s.grid = newTimetableGrid(s.onCellSelected)
	s.detail = newMeetingDetail(s)
	s.draft = newDraftPanel(s)
	s.schedule.OnTapped = s.draft.onAutoSchedule
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Timetable"), readingBorder(nil, s.detail.content, nil, nil, s.grid.table)),
		container.NewTabItem(lang.L("Draft"), s.draft.content),
	)
	// One line of summary (a wrapping label left the tabs over the filters
	// when it wrapped), then the filters and buttons.
	top := container.NewVBox(s.summary, container.New(&flowRow{}, s.booth, s.sector, s.state, s.book, s.schedule))
	s.content = readingBorder(top, nil, nil, nil, s.tabs)
}

// setFilterOptions fills the filters' choices, keeping what is chosen
// when it is still there.
func (s *meetingsScreen) setFilterOptions(booths []data.BoothRow, sectors []string) {
	s.booths, s.sectors = booths, sectors
	boothOptions := []string{lang.L("Every booth")}
	for _, b := range booths {
		boothOptions = append(boothOptions, joinNonEmpty(" ", b.Code, b.Name))
	}
	sectorOptions := append([]string{lang.L("Every sector")}, sectors...)
	stateOptions := []string{lang.L("Every state")}
	for _, st := range data.MeetingStates {
		stateOptions = append(stateOptions, lang.L(boothMeetingStateLabels[st]))
	}
	keep := func(sel *widget.Select, options []string) {
		was := sel.Selected
		sel.Options = options
		if !slices.Contains(options, was) {
			was = options[0]
		}
		sel.SetSelected(was)
		sel.Refresh()
	}
	keep(s.booth, boothOptions)
	keep(s.sector, sectorOptions)
	keep(s.state, stateOptions)
}

// onFilter shows the timetable for what the filters choose.
func (s *meetingsScreen) onFilter(string) {
	var f timetableFilter
	if i := s.booth.SelectedIndex(); i > 0 && i <= len(s.booths) {
		f.boothID = s.booths[i-1].ID
	}
	if i := s.sector.SelectedIndex(); i > 0 && i <= len(s.sectors) {
		f.sector = s.sectors[i-1]
	}
	if i := s.state.SelectedIndex(); i > 0 && i <= len(data.MeetingStates) {
		f.state = data.MeetingStates[i-1]
	}
	s.filter = f
	if s.loaded {
		s.showTable()
	}
}

func (s *meetingsScreen) refresh() {
	ctx := s.ctx
	go func() {
		f, err := s.read(ctx)
		s.do(func() { s.show(f, err) })
	}()
}

// read reads everything the screen shows.
func (s *meetingsScreen) read(ctx context.Context) (meetingsFacts, error) {
	var f meetingsFacts
	event, err := s.store.Event(ctx)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return f, err
	}
	f.loc = event.Location()
	if f.dir, err = s.planner.Directory(ctx); err != nil {
		return f, err
	}
	if f.booths, err = s.store.Booths(ctx); err != nil {
		return f, err
	}
	if f.slots, err = s.store.Slots(ctx, data.Host{}); err != nil {
		return f, err
	}
	if f.meetings, err = s.store.Meetings(ctx, data.MeetingFilter{}); err != nil {
		return f, err
	}
	f.requests, err = s.store.MeetingRequests(ctx)
	return f, err
}

func (s *meetingsScreen) show(f meetingsFacts, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.summary.SetText(fmt.Sprintf(lang.L("Could not read the meetings (%v). Restart Fairdesk and try again."), err))
		}
		return
	}
	s.facts, s.loaded = f, true
	s.setFilterOptions(f.booths, hostSectors(f.dir))
	s.showTable()
	s.draft.show()
}

// showTable builds the timetable for the filters and shows it, with the
// selection kept on the meeting or slot it was on.
func (s *meetingsScreen) showTable() {
	s.table = buildTimetable(s.facts, s.filter)
	booked, total := 0, 0
	for _, m := range s.facts.meetings {
		if m.State.Holds() {
			total++
			if m.State != data.MeetingProposed {
				booked++
			}
		}
	}
	text := fmt.Sprintf(lang.L("Hosts shown: %d · slots: %d · booked: %d · in the draft: %d"), len(s.table.rows), len(s.facts.slots), booked, total-booked)
	if len(s.facts.slots) == 0 {
		text = lang.L("No host offers meeting slots yet: add them with fairctl meetings slots.")
	}
	s.summary.SetText(text)
	s.grid.show(s.table, s.facts)
	s.detail.reselect()
}

// hostSectors lists the sectors of the hosts, for the sector filter.
func hostSectors(d *matchmaking.Directory) []string {
	var sectors []string
	for _, h := range d.Hosts {
		if sec := h.Profile.Sector; sec != "" && !slices.Contains(sectors, sec) {
			sectors = append(sectors, sec)
		}
	}
	slices.Sort(sectors)
	return sectors
}

// showMeeting selects a meeting's cell in the timetable, scrolled into
// view, with the meeting below it; when a filter hides it, the panel
// shows it alone.
func (s *meetingsScreen) showMeeting(m data.Meeting) {
	for r, cells := range s.table.cells {
		for c, cell := range cells {
			if slices.ContainsFunc(cell.meetings, func(o data.Meeting) bool { return o.ID == m.ID }) {
				s.grid.table.Select(widget.TableCellID{Row: r, Col: c})
				s.grid.table.ScrollTo(widget.TableCellID{Row: r, Col: c})
				s.detail.showCell(r, c)
				s.detail.meeting = m
				s.detail.fill()
				return
			}
		}
	}
	d := s.detail
	d.selected, d.meeting, d.host, d.at = true, m, m.Host, m.Starts
	d.reselect()
}

// onCellSelected shows what the cell holds below the timetable.
func (s *meetingsScreen) onCellSelected(row, col int) {
	s.detail.showCell(row, col)
}

// afterWrite reads everything again after a change, or says what went
// wrong with it.
func (s *meetingsScreen) afterWrite(err error) {
	if err != nil {
		s.detail.say(errorSentence(err), true)
		return
	}
	s.refresh()
}

// errorSentence is err as one sentence of the interface's language.
func errorSentence(err error) string {
	if errors.Is(err, data.ErrNoFreeSlot) {
		return lang.L("Its host has no free slot when its job seeker is free: cancel it or add a slot.")
	}
	return sentence(capitalise(errorText(err)))
}

// hostName is how the screen names a host.
func (f meetingsFacts) hostName(h data.Host) string {
	if f.dir != nil {
		if host, ok := f.dir.HostOf(h); ok {
			return host.Label
		}
	}
	return fmt.Sprintf(lang.L("host %s"), h.Key())
}

// seekerName is a job seeker's name, as organisers see it.
func (f meetingsFacts) seekerName(id string) string {
	if f.dir == nil {
		return fmt.Sprintf(lang.L("person %s"), id)
	}
	return personName(f.dir.People[id].Person, id)
}

// slotTime is a slot's time in the event's zone, "12:15–12:25".
func (f meetingsFacts) slotTime(starts, ends time.Time) string {
	loc := f.loc
	if loc == nil {
		loc = time.Local
	}
	return starts.In(loc).Format("15:04") + "–" + ends.In(loc).Format("15:04")
}

// flowRow lays its objects out left to right at their own widths, as many
// to a row as fit, sharing each row's spare width between them: the
// filters and the two buttons take one row at 1280x800 and two at
// 800x600 (equal columns, as fitColumns makes them, took two rows at
// both). Its height is that of the rows of its last layout.
type flowRow struct{ rows int }

func (l *flowRow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, o := range objects {
		if o.Visible() {
			size = size.Max(o.MinSize())
		}
	}
	rows := float32(max(l.rows, 1))
	return fyne.NewSize(size.Width, rows*size.Height+(rows-1)*theme.Padding())
}

func (l *flowRow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	var row []fyne.CanvasObject
	var used, y, height float32
	l.rows = 0
	place := func() {
		if len(row) == 0 {
			return
		}
		extra := (size.Width - used) / float32(len(row))
		x := float32(0)
		for _, o := range row {
			w := o.MinSize().Width + extra
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(w, height))
			x += w + pad
		}
		l.rows++
		y += height + pad
		row, used = nil, 0
	}
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		min := o.MinSize()
		height = max(height, min.Height)
		gap := float32(0)
		if len(row) > 0 {
			gap = pad
		}
		if len(row) > 0 && used+gap+min.Width > size.Width {
			place()
			gap = 0
		}
		row = append(row, o)
		used += gap + min.Width
	}
	place()
}
