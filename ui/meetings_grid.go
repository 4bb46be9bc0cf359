package ui

import (
	"image/color"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// timetable is the grid the Meetings screen draws: one row per host that
// offers slots, one column per slot start time, and in each cell the
// host's slots that start then with their meetings.
type timetable struct {
	rows  []matchmaking.Host
	times []time.Time
	cells [][]timetableCell // [row][column]
}

// timetableCell is one host at one time.
type timetableCell struct {
	slots    []data.MeetingSlot
	meetings []data.Meeting // holding their slot first, then the others
}

// meeting is the meeting the cell shows, if any: the first that holds
// its slot, else the latest declined or cancelled one.
func (c timetableCell) meeting() (data.Meeting, bool) {
	if len(c.meetings) == 0 {
		return data.Meeting{}, false
	}
	return c.meetings[0], true
}

// freeSlot is a slot of the cell that no meeting holds, if any.
func (c timetableCell) freeSlot() (data.MeetingSlot, bool) {
	for _, s := range c.slots {
		if !slices.ContainsFunc(c.meetings, func(m data.Meeting) bool { return m.SlotID == s.ID && m.State.Holds() }) {
			return s, true
		}
	}
	return data.MeetingSlot{}, false
}

// timetableFilter is what the filters choose; zero fields choose all.
type timetableFilter struct {
	boothID string
	sector  string
	state   data.MeetingState
}

// buildTimetable lays the facts out for the filter. A booth filter keeps
// the booth and the people who staff it or work for its organisation; a
// state filter keeps the meetings in that state and the hosts that have
// one.
func buildTimetable(f meetingsFacts, filter timetableFilter) timetable {
	var t timetable
	if f.dir == nil {
		return t
	}
	// Hosts by their first slot, so that the meetings run down the grid
	// as the day goes (the demo's mentors meet at lunch, its booths in the
	// afternoon); the directory's order (booths by code, people by name)
	// among hosts that start together.
	first := map[data.Host]time.Time{}
	for _, s := range f.slots {
		if at, ok := first[s.Host]; !ok || s.Starts.Before(at) {
			first[s.Host] = s.Starts
		}
	}
	for _, h := range f.dir.Hosts {
		if _, ok := first[h.Host]; ok && filter.keepsHost(f, h) {
			t.rows = append(t.rows, h)
		}
	}
	slices.SortStableFunc(t.rows, func(a, b matchmaking.Host) int { return first[a.Host].Compare(first[b.Host]) })
	row := map[data.Host]int{}
	for i, h := range t.rows {
		row[h.Host] = i
	}
	var kept []data.MeetingSlot
	for _, s := range f.slots {
		if _, ok := row[s.Host]; ok {
			kept = append(kept, s)
		}
	}
	t.times = data.SlotTimes(kept)
	t.cells = make([][]timetableCell, len(t.rows))
	for i := range t.cells {
		t.cells[i] = make([]timetableCell, len(t.times))
	}
	col := func(at time.Time) int {
		i, _ := slices.BinarySearchFunc(t.times, at, time.Time.Compare)
		return i
	}
	slotAt := map[string][2]int{}
	for _, s := range kept {
		r, c := row[s.Host], col(s.Starts)
		t.cells[r][c].slots = append(t.cells[r][c].slots, s)
		slotAt[s.ID] = [2]int{r, c}
	}
	for _, m := range f.meetings {
		at, ok := slotAt[m.SlotID]
		if !ok || (filter.state != "" && m.State != filter.state) {
			continue
		}
		cell := &t.cells[at[0]][at[1]]
		cell.meetings = append(cell.meetings, m)
	}
	for r := range t.cells {
		for c := range t.cells[r] {
			slices.SortStableFunc(t.cells[r][c].meetings, func(a, b data.Meeting) int {
				return boolOrder(b.State.Holds()) - boolOrder(a.State.Holds())
			})
		}
	}
	if filter.state != "" {
		t = t.withoutEmptyRows()
	}
	return t
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// keepsHost tells whether the filter's booth and sector keep host h.
func (filter timetableFilter) keepsHost(f meetingsFacts, h matchmaking.Host) bool {
	if filter.sector != "" && h.Profile.Sector != filter.sector {
		return false
	}
	if filter.boothID == "" {
		return true
	}
	if h.BoothID != "" {
		return h.BoothID == filter.boothID
	}
	for _, b := range f.booths {
		if b.ID != filter.boothID {
			continue
		}
		p := f.dir.People[h.HostID]
		return slices.Contains(b.Staff, h.HostID) || (b.OrgID != "" && p.OrgID == b.OrgID)
	}
	return false
}

// withoutEmptyRows drops the hosts with no meeting shown.
func (t timetable) withoutEmptyRows() timetable {
	out := timetable{times: t.times}
	for i, cells := range t.cells {
		if slices.ContainsFunc(cells, func(c timetableCell) bool { return len(c.meetings) > 0 }) {
			out.rows = append(out.rows, t.rows[i])
			out.cells = append(out.cells, cells)
		}
	}
	return out
}

// Sizes of the timetable: a host's name takes the header column; a cell
// holds a seeker's name above the state.
const (
	timetableHostWidth = 190
	timetableCellWidth = 150
)

// timetableGrid draws a timetable in a table whose header row (the
// times) and column (the hosts) stay in view as it scrolls.
type timetableGrid struct {
	table    *widget.Table
	shown    timetable
	facts    meetingsFacts
	onSelect func(row, col int)
}

func newTimetableGrid(onSelect func(row, col int)) *timetableGrid {
	g := &timetableGrid{onSelect: onSelect}
	g.table = &widget.Table{
		Length:       func() (int, int) { return len(g.shown.rows), len(g.shown.times) },
		CreateCell:   func() fyne.CanvasObject { return newTimetableCellView() },
		UpdateCell:   g.updateCell,
		CreateHeader: func() fyne.CanvasObject { return newTimetableCellView() },
		UpdateHeader: g.updateHeader,
		OnSelected: func(id widget.TableCellID) {
			if id.Row >= 0 && id.Col >= 0 && g.onSelect != nil {
				g.onSelect(id.Row, id.Col)
			}
		},
		ShowHeaderRow:    true,
		ShowHeaderColumn: true,
	}
	g.table.ExtendBaseWidget(g.table)
	g.table.SetColumnWidth(-1, timetableHostWidth)
	g.table.SetRowHeight(-1, widget.NewLabel("00:00").MinSize().Height) // the times take one line
	return g
}

func (g *timetableGrid) show(t timetable, f meetingsFacts) {
	g.shown, g.facts = t, f
	for c := range t.times {
		g.table.SetColumnWidth(c, timetableCellWidth)
	}
	g.table.Refresh()
}

// updateHeader writes a time over its column, and beside each row the
// host with what it is: a booth's sector and place, a person's
// organisation and roles.
func (g *timetableGrid) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	v := o.(*timetableCellView)
	switch {
	case id.Row < 0 && id.Col >= 0 && id.Col < len(g.shown.times):
		loc := g.facts.loc
		if loc == nil {
			loc = time.Local
		}
		v.setHeader(g.shown.times[id.Col].In(loc).Format("15:04"), "")
	case id.Col < 0 && id.Row >= 0 && id.Row < len(g.shown.rows):
		h := g.shown.rows[id.Row]
		v.setHeader(h.Label, hostSubtitle(g.facts, h))
	default:
		v.setHeader(lang.L("Host"), "")
	}
}

// hostSubtitle says what a host is, under its name.
func hostSubtitle(f meetingsFacts, h matchmaking.Host) string {
	if h.BoothID != "" {
		for _, b := range f.booths {
			if b.ID == h.BoothID {
				return joinNonEmpty(" · ", h.Profile.Sector, b.Location)
			}
		}
		return h.Profile.Sector
	}
	p := f.dir.People[h.HostID]
	var roles []string
	for _, r := range []data.Role{data.RoleMentor, data.RoleRecruiter} {
		if p.HasRole(r) {
			roles = append(roles, string(r))
		}
	}
	return joinNonEmpty(" · ", f.dir.Orgs[p.OrgID].Name, rolesText(data.NewSet(roles...)))
}

func (g *timetableGrid) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	v := o.(*timetableCellView)
	if id.Row >= len(g.shown.cells) || id.Col >= len(g.shown.times) {
		v.set("", "", nil)
		return
	}
	c := g.shown.cells[id.Row][id.Col]
	first, second, colour := cellText(c, g.facts)
	v.set(first, second, colour)
}

// cellText is what a cell says, two lines, and its colour: the seeker
// and the state of its meeting, "free", or nothing where the host has no
// slot. More meetings than one (a booth with two tables) add "+1".
func cellText(c timetableCell, f meetingsFacts) (first, second string, colour color.Color) {
	m, ok := c.meeting()
	switch {
	case len(c.slots) == 0:
		return "", "", nil
	case !ok:
		return lang.L("free"), "", freeColour()
	}
	first = f.seekerName(m.PersonID)
	second = lang.L(boothMeetingStateLabels[m.State])
	if more := len(c.meetings) - 1; more > 0 {
		second += " +" + strconv.Itoa(more)
	}
	return first, second, stateColour(m.State)
}

// freeColour is the faint tint of a free slot, telling it from a time
// the host has no slot at.
func freeColour() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNameForeground).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x12}
}

// stateColour is the tint of a meeting's cell by its state: the theme's
// own colours, made translucent so that the text keeps the theme's
// foreground and reads in light and dark themes alike.
func stateColour(st data.MeetingState) color.Color {
	name := theme.ColorNameDisabled
	switch st {
	case data.MeetingBooked:
		name = theme.ColorNamePrimary
	case data.MeetingProposed, data.MeetingRequested:
		name = theme.ColorNameWarning
	case data.MeetingDone:
		name = theme.ColorNameSuccess
	case data.MeetingNoShow:
		name = theme.ColorNameError
	}
	r, g, b, _ := theme.Color(name).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x50}
}

// timetableCellView is one cell: a tint behind two lines of text.
type timetableCellView struct {
	widget.BaseWidget
	tint          *canvas.Rectangle
	first, second *widget.Label
}

func newTimetableCellView() *timetableCellView {
	v := &timetableCellView{
		tint:   canvas.NewRectangle(color.Transparent),
		first:  &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Bold: true}},
		second: &widget.Label{Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText},
	}
	v.tint.CornerRadius = theme.InputRadiusSize()
	v.ExtendBaseWidget(v)
	return v
}

func (v *timetableCellView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(v.tint, container.New(twoLines{}, v.first, v.second)))
}

// twoLines stacks two labels with the padding between their texts taken
// out, so that a row of the timetable is two lines of text high and
// more rows fit an 800x600 screen.
type twoLines struct{}

// overlap is how much of the labels' padding the lines share.
func (twoLines) overlap() float32 { return 2*theme.InnerPadding() - theme.Padding() }

func (l twoLines) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height-l.overlap())
}

func (l twoLines) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	a := objects[0].MinSize().Height
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(size.Width, a))
	objects[1].Move(fyne.NewPos(0, a-l.overlap()))
	objects[1].Resize(fyne.NewSize(size.Width, size.Height-a+l.overlap()))
}

// set shows two lines on a tint; a cell with one line is a free slot,
// drawn quieter than a meeting.
func (v *timetableCellView) set(first, second string, tint color.Color) {
	if tint == nil {
		tint = color.Transparent
	}
	v.tint.FillColor = tint
	v.tint.Refresh()
	v.first.SetText(first)
	v.second.SetText(second)
	if second == "" {
		v.first.TextStyle, v.first.Importance = fyne.TextStyle{Italic: true}, widget.MediumImportance
	} else {
		v.first.TextStyle, v.first.Importance = fyne.TextStyle{Bold: true}, widget.MediumImportance
	}
	v.first.Refresh()
}

// setHeader shows a header: a bold line over a caption.
func (v *timetableCellView) setHeader(first, second string) {
	v.tint.FillColor = color.Transparent
	v.first.SetText(first)
	v.second.SetText(second)
}
