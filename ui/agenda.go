package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// agendaScreen lists the sessions by day in start order, in the event's
// time zone, with the laptop's own time beside them when it differs, and
// flags sessions that clash.
type agendaScreen struct {
	agendaDeps

	summary   *widget.Label
	localNote *widget.Label // whose clock the grey times are
	clashNote *widget.Label
	followed2 *widget.Label // two followed sessions at once
	add       *widget.Button
	days      *fyne.Container
	content   fyne.CanvasObject

	event    data.Event
	location *time.Location
	sessions []data.SessionRow
	clashes  map[string][]data.Clash
	rows     map[string]*agendaRow // by session ID

	followed map[string]bool // sessions this laptop is reminded of
	readOnly bool            // booth staff: view and Remind me, no editing

	form    *sessionForm   // the form open now, if any
	confirm *removeConfirm // the delete question open now, if any
	imports *attendanceImport
}

// agendaStore is what the agenda and its session form read and write.
// Which sessions this laptop wants reminders for is kept locally, never
// synced.
type agendaStore interface {
	personSearcher // the speakers
	Event(ctx context.Context) (data.Event, error)
	Sessions(ctx context.Context) ([]data.SessionRow, error)
	SaveSession(ctx context.Context, s *data.Session, speakerIDs []string) error
	DeleteSession(ctx context.Context, id string) error
	FollowSession(ctx context.Context, sessionID string, on bool) error
	FollowedSessions(ctx context.Context) ([]string, error)
	// History names the laptop whose change to an open session a sync
	// brought in.
	History(ctx context.Context, tbl, id string) ([]data.Change, error)
	attendanceImportStore // a video platform's attendance report of a session
}

type agendaDeps struct {
	screenEnv
	store agendaStore
	local *time.Location // the laptop's zone: time.Local in the program
	// onTablePlan, when set, offers a networking session's table plan.
	onTablePlan func(data.SessionRow)
}

func newAgendaScreen(d agendaDeps) *agendaScreen {
	s := &agendaScreen{agendaDeps: d, location: time.UTC}
	s.buildUI()
	return s
}

func (s *agendaScreen) buildUI() {
	s.summary = &widget.Label{Text: lang.L("Reading the agenda…"), Truncation: fyne.TextTruncateEllipsis}
	s.localNote = &widget.Label{TextStyle: fyne.TextStyle{Italic: true}, Truncation: fyne.TextTruncateEllipsis}
	s.clashNote = &widget.Label{Importance: widget.WarningImportance, Truncation: fyne.TextTruncateEllipsis}
	s.followed2 = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	s.localNote.Hide()
	s.clashNote.Hide()
	s.followed2.Hide()
	s.add = &widget.Button{Text: lang.L("Add session"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.onAdd}
	s.days = container.NewVBox()
	notes := container.New(closeLines(), s.summary, s.localNote, s.clashNote, s.followed2)
	top := container.NewBorder(nil, nil, nil, container.NewVBox(s.add), notes)
	s.content = readingBorder(top, nil, nil, nil, container.NewVScroll(s.days))
}

func (s *agendaScreen) refresh() {
	ctx := s.ctx
	go func() {
		event, err := s.store.Event(ctx)
		if errors.Is(err, data.ErrNotFound) {
			err = nil
		}
		var sessions []data.SessionRow
		if err == nil {
			sessions, err = s.store.Sessions(ctx)
		}
		followed := map[string]bool{}
		if err == nil {
			var ids []string
			ids, err = s.store.FollowedSessions(ctx)
			for _, id := range ids {
				followed[id] = true
			}
		}
		s.do(func() {
			s.followed = followed
			s.show(event, sessions, err)
		})
	}()
}

func (s *agendaScreen) show(event data.Event, sessions []data.SessionRow, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.summary.SetText(fmt.Sprintf(lang.L("Could not read the agenda (%v). Restart Fairdesk and try again."), err))
		}
		return
	}
	s.event, s.sessions, s.location = event, sessions, event.Location()
	s.clashes = data.Clashes(sessions)
	s.showSummary()

	s.rows = map[string]*agendaRow{}
	s.days.Objects = nil
	timeWidth, placesWidth := s.timeColumnWidth(), s.placesColumnWidth()
	var day time.Time
	for i, sess := range sessions {
		start := sess.Starts.In(s.location)
		if i == 0 || !sameDay(start, day) {
			day = start
			heading := &widget.Label{Text: formatTime(start, "Monday 2 January 2006"), TextStyle: fyne.TextStyle{Bold: true},
				SizeName: theme.SizeNameSubHeadingText}
			if i > 0 {
				s.days.Add(widget.NewSeparator())
			}
			s.days.Add(heading)
		} else {
			s.days.Add(container.NewPadded(widget.NewSeparator()))
		}
		row := s.newRow(sess, timeWidth, placesWidth)
		s.rows[sess.ID] = row
		s.days.Add(row.content)
	}
	s.content.Refresh() // the notes above may have appeared or gone
}

func (s *agendaScreen) showSummary() {
	s.localNote.Hide()
	s.clashNote.Hide()
	if len(s.sessions) == 0 {
		s.summary.SetText(lang.L("No sessions on the agenda yet. Add the first with “Add session”."))
		return
	}
	s.summary.SetText(fmt.Sprintf(lang.L("%s · times in %s"), countOf(len(s.sessions), lang.L("session"), lang.L("sessions")), s.location.String()))
	if s.showsLocal() {
		s.localNote.SetText(fmt.Sprintf(lang.L("In italics: the same time on this laptop (%s)"), zoneName(s.local)))
		s.localNote.Show()
	}
	if n := len(s.clashes); n > 0 {
		s.clashNote.SetText(fmt.Sprintf(lang.L("%d sessions clash: see the warnings below"), n))
		s.clashNote.Show()
	}
	s.showFollowedClash()
}

// showFollowedClash warns when two sessions this laptop is reminded of
// overlap: the user cannot be at both.
func (s *agendaScreen) showFollowedClash() {
	var lines []string
	for i, a := range s.sessions {
		for _, b := range s.sessions[i+1:] {
			if s.followed[a.ID] && s.followed[b.ID] && overlaps(a.Session, b.Session) {
				lines = append(lines, fmt.Sprintf(lang.L("You follow “%s” and “%s”, at the same time (%s)."),
					a.Title, b.Title, s.eventWhenText(b)))
			}
		}
	}
	if len(lines) == 0 {
		s.followed2.Hide()
	} else {
		s.followed2.SetText(strings.Join(lines, "\n"))
		s.followed2.Show()
	}
	s.content.Refresh()
}

// overlaps says whether two sessions share any time; one with no end
// lasts an instant.
func overlaps(a, b data.Session) bool {
	end := func(s data.Session) time.Time {
		if s.Ends.IsZero() {
			return s.Starts.Add(time.Second)
		}
		return s.Ends
	}
	return a.Starts.Before(end(b)) && b.Starts.Before(end(a))
}

// showsLocal reports whether any session's local time reads differently.
func (s *agendaScreen) showsLocal() bool {
	for _, sess := range s.sessions {
		if s.localWhen(sess) != "" {
			return true
		}
	}
	return false
}

// zoneName is the zone's IANA name, or its abbreviation (UTC, JST) for a
// zone known only as "Local".
func zoneName(loc *time.Location) string {
	if name := loc.String(); name != "Local" {
		return name
	}
	abbr, _ := time.Now().In(loc).Zone()
	return abbr
}

// placeName is the city of a zone name: Asia/Tokyo is Tokyo.
func placeName(loc *time.Location) string {
	name := zoneName(loc)
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return strings.ReplaceAll(name, "_", " ")
}

// eventWhenText is a session's start and end on the event's clock.
func (s *agendaScreen) eventWhenText(sess data.SessionRow) string {
	return timeRange(sess.Session, s.location, false)
}

// localWhen is the session's time on the laptop's clock, with the weekday
// when the date differs there, or "" when it reads the same.
func (s *agendaScreen) localWhen(sess data.SessionRow) string {
	if s.local == nil || sess.Starts.IsZero() {
		return ""
	}
	ev, lo := sess.Starts.In(s.location), sess.Starts.In(s.local)
	_, evOffset := ev.Zone()
	_, loOffset := lo.Zone()
	if evOffset == loOffset {
		return ""
	}
	return placeName(s.local) + " " + timeRange(sess.Session, s.local, !sameDay(ev, lo))
}

func timeRange(sess data.Session, loc *time.Location, withDay bool) string {
	layout := "15:04"
	if withDay {
		layout = "Mon 15:04"
	}
	text := sess.Starts.In(loc).Format(layout)
	if !sess.Ends.IsZero() {
		text += "–" + sess.Ends.In(loc).Format("15:04")
	}
	return text
}

func (s *agendaScreen) timeColumnWidth() float32 {
	var width float32
	bold := fyne.TextStyle{Bold: true}
	size := theme.TextSize()
	for _, sess := range s.sessions {
		width = max(width, fyne.MeasureText(s.eventWhenText(sess), size, bold).Width)
		width = max(width, fyne.MeasureText(s.localWhen(sess), size, fyne.TextStyle{Italic: true}).Width)
	}
	return width + 2*theme.InnerPadding()
}

// agendaRow is one session on the list.
type agendaRow struct {
	when, local, title, details, places, clash *widget.Label
	clashBox                                   *fyne.Container
	edit, delete, attendance                   *widget.Button
	tablePlan                                  *widget.Button // a networking session's, for organisers
	remind                                     *widget.Check
	content                                    fyne.CanvasObject
}

// placesColumnWidth is the widest places text, so that every row's
// edit and delete icons and "Remind me" line up, with a capacity or not.
func (s *agendaScreen) placesColumnWidth() float32 {
	var width float32
	for _, sess := range s.sessions {
		width = max(width, fyne.MeasureText(placesText(sess), theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return width + 2*theme.InnerPadding()
}

func (s *agendaScreen) newRow(sess data.SessionRow, timeWidth, placesWidth float32) *agendaRow {
	r := &agendaRow{
		when:    &widget.Label{Text: s.eventWhenText(sess), TextStyle: fyne.TextStyle{Bold: true}},
		local:   &widget.Label{Text: s.localWhen(sess), TextStyle: fyne.TextStyle{Italic: true}},
		title:   &widget.Label{Text: sess.Title, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		details: &widget.Label{Text: sessionDetails(sess), Wrapping: fyne.TextWrapWord},
		places:  &widget.Label{Text: placesText(sess)},
		clash:   &widget.Label{Text: clashText(s.clashes[sess.ID], s.location), Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord},
	}
	if sess.Capacity > 0 && sess.Signups >= sess.Capacity {
		r.places.Importance = widget.WarningImportance
	}
	if r.local.Text == "" {
		r.local.Hide()
	}
	r.places.Alignment = fyne.TextAlignTrailing
	id := sess.ID
	r.edit = &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { s.onEdit(id) }}
	r.delete = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { s.onDelete(id) }}
	r.attendance = &widget.Button{Icon: theme.UploadIcon(), Importance: widget.LowImportance, OnTapped: func() { s.onImportAttendance(id) }}
	r.remind = &widget.Check{Text: lang.L("Remind me"), Checked: s.followed[id], OnChanged: func(on bool) { s.onRemind(id, on) }}
	if s.readOnly {
		r.edit.Hide()
		r.delete.Hide()
	}
	r.clashBox = clashBox(r.clash)
	if r.clash.Text == "" {
		r.clashBox.Hide()
	}
	times := withMinSize(container.New(closeLines(), r.when, r.local), fyne.NewSize(timeWidth, 0))
	middle := container.New(closeLines(), r.title, r.details, r.clashBox)
	places := withMinSize(r.places, fyne.NewSize(placesWidth, 0))
	// The spacer keeps the icons at the right edge when a wider line
	// below (the table plan button) widens the column.
	icons := container.NewHBox(layout.NewSpacer(), places, r.attendance, r.edit, r.delete)
	if s.readOnly {
		icons = container.NewHBox(places)
	}
	right := container.NewVBox(icons, container.NewHBox(layout.NewSpacer(), r.remind))
	if sess.Kind == data.SessionNetworking && !s.readOnly && s.onTablePlan != nil {
		// "Table plan…" rather than the dialog's longer title, so that the
		// Agenda still fits an 800x600 screen.
		r.tablePlan = &widget.Button{Text: lang.L("Table plan…"), Icon: theme.GridIcon(),
			OnTapped: func() { s.onTablePlan(sess) }}
		// Under the details, so that the icons on the right still line up.
		middle.Add(container.NewHBox(r.tablePlan))
	}
	r.content = container.NewBorder(nil, nil, times, right, middle)
	return r
}

// clashBox puts a warning icon beside the clash text, level with its first line.
func clashBox(text *widget.Label) *fyne.Container {
	return container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(widget.NewIcon(theme.WarningIcon()))), nil, text)
}

// closeLines stacks a row's lines closer than labels' own padding would.
func closeLines() fyne.Layout { return layout.NewCustomPaddedVBoxLayout(-theme.Padding() * 2) }

// sessionDetails is the kind, room and speakers.
func sessionDetails(sess data.SessionRow) string {
	var speakers []string
	for _, p := range sess.Speakers {
		speakers = append(speakers, p.DisplayName())
	}
	room := sess.Room
	if room == "" && sess.Link != "" {
		room = lang.L("Online")
	}
	return joinNonEmpty(" · ", lang.L(label(sessionKindLabels, sess.Kind)), room, strings.Join(speakers, ", "))
}

// placesText is "37 / 40" (signed up of places), or the sign-ups alone
// when there is no limit.
func placesText(sess data.SessionRow) string {
	if sess.Capacity > 0 {
		return fmt.Sprintf("%d / %d", sess.Signups, sess.Capacity)
	}
	if sess.Signups > 0 {
		return fmt.Sprintf(lang.L("%d signed up"), sess.Signups)
	}
	return ""
}

// clashText says what each clash is, one line each.
func clashText(clashes []data.Clash, loc *time.Location) string {
	var lines []string
	for _, c := range clashes {
		when := timeRange(c.With, loc, false)
		switch c.Kind {
		case data.ClashRoom:
			lines = append(lines, fmt.Sprintf(lang.L("%s is also booked for “%s” at %s"), c.Room, c.With.Title, when))
		case data.ClashSpeaker:
			lines = append(lines, fmt.Sprintf(lang.L("%s also speaks at “%s” at %s"), c.Speaker.DisplayName(), c.With.Title, when))
		}
	}
	return strings.Join(lines, "\n")
}

func (s *agendaScreen) session(id string) (data.SessionRow, bool) {
	for _, sess := range s.sessions {
		if sess.ID == id {
			return sess, true
		}
	}
	return data.SessionRow{}, false
}

// setReadOnly hides adding, editing and deleting sessions (booth staff).
func (s *agendaScreen) setReadOnly(on bool) {
	s.readOnly = on
	if on {
		s.add.Hide()
	} else {
		s.add.Show()
	}
	if s.sessions != nil {
		s.show(s.event, s.sessions, nil)
	}
}

// onRemind starts or stops the desktop reminders of one session.
func (s *agendaScreen) onRemind(id string, on bool) {
	s.followed[id] = on
	s.showFollowedClash()
	ctx := s.ctx
	go func() {
		if err := s.store.FollowSession(ctx, id, on); err != nil {
			s.do(func() { s.summary.SetText(fmt.Sprintf(lang.L("Could not save the reminder (%v)."), err)) })
		}
	}()
}

// onAdd opens an empty session form (Ctrl/Cmd+N on this screen).
func (s *agendaScreen) onAdd() {
	if s.readOnly {
		return
	}
	sess := data.SessionRow{Session: data.Session{Kind: data.SessionTalk, Starts: s.nextFreeStart()}}
	s.form = newSessionForm(s, sess)
}

// nextFreeStart is where a new session most likely goes: when the last
// one ends, or when the event starts.
func (s *agendaScreen) nextFreeStart() time.Time {
	if n := len(s.sessions); n > 0 {
		last := s.sessions[n-1]
		if !last.Ends.IsZero() {
			return last.Ends
		}
		return last.Starts
	}
	return s.event.Starts
}

// onImportAttendance imports a Zoom or Teams attendance report of the session.
func (s *agendaScreen) onImportAttendance(id string) {
	if sess, ok := s.session(id); ok && !s.readOnly {
		s.imports = newAttendanceImport(s.screenEnv, s.store, dialogWindowFor(s.content), data.AttendanceTarget{SessionID: id}, sess.Title, s.refresh)
		s.imports.pick()
	}
}

func (s *agendaScreen) onEdit(id string) {
	if s.readOnly {
		return
	}
	if sess, ok := s.session(id); ok {
		s.form = newSessionForm(s, sess)
	}
}

// onDelete asks before taking a session off the agenda.
func (s *agendaScreen) onDelete(id string) {
	sess, ok := s.session(id)
	if !ok || s.readOnly {
		return
	}
	message := fmt.Sprintf(lang.L("“%s” (%s) is taken off the agenda, with its speakers and sign-ups."), sess.Title, s.eventWhenText(sess))
	s.confirm = newRemoveConfirm(dialogWindowFor(s.content), lang.L("Delete this session?"), message, lang.L("Delete session"), func() {
		ctx := s.ctx
		go func() {
			err := s.store.DeleteSession(ctx, id)
			s.do(func() {
				if err != nil {
					s.summary.SetText(fmt.Sprintf(lang.L("Could not delete “%s” (%v). Try again."), sess.Title, err))
					return
				}
				if s.form != nil && s.form.editing.ID == id {
					s.form.dlg.hide()
				}
				s.refresh()
			})
		}()
	})
}

// rooms are the rooms already in use, for the form to offer.
func (s *agendaScreen) rooms() []string {
	var rooms []string
	seen := map[string]bool{}
	for _, sess := range s.sessions {
		key := strings.ToLower(strings.TrimSpace(sess.Room))
		if key != "" && !seen[key] {
			seen[key] = true
			rooms = append(rooms, strings.TrimSpace(sess.Room))
		}
	}
	return rooms
}

func capacityText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
