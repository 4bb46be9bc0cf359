package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// attendanceScreen is the session door: pick the session, then scan or
// type each person coming in (the entry behaves as the welcome desk's),
// or click them on the sign-up list; the count shows against capacity.
type attendanceScreen struct {
	screenEnv
	store    attendanceStore
	operator string
	focus    func(fyne.Focusable)
	loc      *time.Location

	session  *widget.Select
	entry    *widget.Entry
	headline *bigText
	name     *bigText
	count    *bigText
	undo     *widget.Button
	absent   *widget.List
	present  *widget.Label
	intro    *widget.Label       // what to do, before a session is chosen
	chosen   []fyne.CanvasObject // what shows once a session is chosen
	content  fyne.CanvasObject

	sessions  []data.SessionRow
	sessionID string
	att       data.SessionAttendance
	lastMark  data.AttendanceMark
}

// attendanceStore is what the session door reads and writes.
type attendanceStore interface {
	Sessions(ctx context.Context) ([]data.SessionRow, error)
	Attendance(ctx context.Context, sessionID string) (data.SessionAttendance, error)
	MarkAttendance(ctx context.Context, sessionID, key, operator string) (data.AttendanceResult, error)
	MarkAttendanceOf(ctx context.Context, sessionID, personID, operator string) (data.AttendanceResult, error)
	UndoAttendance(ctx context.Context, markID, operator string) (data.AttendanceMark, error)
}

func newAttendanceScreen(env screenEnv, store attendanceStore, focus func(fyne.Focusable)) *attendanceScreen {
	s := &attendanceScreen{screenEnv: env, store: store, focus: focus, loc: time.UTC}
	s.buildUI()
	return s
}

func (s *attendanceScreen) buildUI() {
	s.session = widget.NewSelect(nil, s.onSessionChosen)
	s.session.PlaceHolder = lang.L("Choose the session at this door")
	s.entry = &widget.Entry{PlaceHolder: lang.L("Scan, or type a code, e-mail or name"), OnSubmitted: s.onSubmit}
	s.entry.ExtendBaseWidget(s.entry)
	s.entry.Disable()
	s.headline = newBigText(24, true)
	s.name = newBigText(36, true)
	s.count = newBigText(30, true)
	s.undo = &widget.Button{Text: lang.L("Undo"), Icon: theme.ContentUndoIcon(), OnTapped: s.onUndo}
	s.undo.Disable()
	s.absent = &widget.List{
		Length:     func() int { return len(s.att.Absent) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.att.Absent[id]
			o.(*twoLineRow).set(displayHeading(p.Person), joinNonEmpty(" · ", rolesText(p.Roles), p.OrgName))
		},
		OnSelected: s.onAbsentSelected,
	}
	s.absent.ExtendBaseWidget(s.absent)
	s.present = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.intro = &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("At the door of a session: choose the session above, " +
		"then scan each badge (or type a badge code, e-mail or name) as people come in. The count against its places " +
		"and who signed up but is not here yet show below. Each laptop at a door keeps its own choice.")}
	entryRow := container.NewBorder(nil, nil, nil, s.undo, s.entry)
	absentHeading := &widget.Label{Text: lang.L("Signed up, not here yet (click to mark present)"), TextStyle: fyne.TextStyle{Bold: true}}
	s.chosen = []fyne.CanvasObject{entryRow, s.name, s.count, s.present, absentHeading, s.absent}
	top := container.NewVBox(s.session, s.intro, entryRow, s.headline, s.name, s.count, s.present, absentHeading)
	s.content = readingBorder(top, nil, nil, nil, s.absent)
	s.headline.SetText(lang.L("Choose a session"), theme.ColorNamePlaceHolder)
	s.showChosen(false)
}

// refresh reads the sessions, then the chosen one's attendance.
func (s *attendanceScreen) refresh() {
	ctx := s.ctx
	go func() {
		sessions, err := s.store.Sessions(ctx)
		s.do(func() {
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					s.headline.SetText(fmt.Sprintf(lang.L("Could not read the sessions (%v)"), err), theme.ColorNameError)
				}
				return
			}
			s.sessions = sessions
			var options []string
			for _, sess := range sessions {
				options = append(options, s.sessionTitle(sess))
			}
			s.session.SetOptions(options)
			s.selectSession(s.sessionID)
		})
	}()
	s.refocus()
}

func (s *attendanceScreen) sessionTitle(sess data.SessionRow) string {
	return joinNonEmpty(" · ", sess.Starts.In(s.loc).Format("Mon 15:04"), sess.Title, sess.Room)
}

// selectSession chooses the session with id, as the Agenda asks.
func (s *attendanceScreen) selectSession(id string) {
	s.sessionID = id
	for i, sess := range s.sessions {
		if sess.ID == id {
			if s.session.SelectedIndex() != i {
				s.session.SetSelectedIndex(i)
			} else {
				s.readAttendance()
			}
			return
		}
	}
}

// showChosen shows the door's parts once a session is chosen, and until
// then only the choice and what to do, not an empty screen.
func (s *attendanceScreen) showChosen(on bool) {
	for _, o := range s.chosen {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if on {
		s.intro.Hide()
	} else {
		s.intro.Show()
	}
}

func (s *attendanceScreen) onSessionChosen(string) {
	i := s.session.SelectedIndex()
	if i < 0 || i >= len(s.sessions) {
		return
	}
	if s.sessionID != s.sessions[i].ID {
		s.lastMark = data.AttendanceMark{}
		s.undo.Disable()
		s.headline.SetText(lang.L("Scan or type each person coming in"), theme.ColorNamePlaceHolder)
		s.name.SetText("", "")
	}
	s.sessionID = s.sessions[i].ID
	s.showChosen(true)
	s.entry.Enable()
	s.readAttendance()
	s.refocus()
}

func (s *attendanceScreen) refocus() {
	if s.focus != nil && !s.entry.Disabled() {
		s.focus(s.entry)
	}
}

func (s *attendanceScreen) readAttendance() {
	ctx, id := s.ctx, s.sessionID
	if id == "" {
		return
	}
	go func() {
		att, err := s.store.Attendance(ctx, id)
		s.do(func() {
			if id != s.sessionID || errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				s.headline.SetText(fmt.Sprintf(lang.L("Could not read who came (%v)"), err), theme.ColorNameError)
				return
			}
			s.showAttendance(att)
		})
	}()
}

func (s *attendanceScreen) showAttendance(att data.SessionAttendance) {
	s.att = att
	s.showCount(att.Count, att.Capacity)
	var names []string
	for _, a := range att.Present {
		names = append(names, a.Person.DisplayName())
	}
	if len(names) > 0 {
		s.present.SetText(lang.L("Present:") + " " + strings.Join(names, ", "))
	} else {
		s.present.SetText(lang.L("No one marked present yet."))
	}
	s.absent.Refresh()
}

// showCount is "23 / 40 present", in the warning colour when full.
func (s *attendanceScreen) showCount(n, capacity int) {
	if capacity <= 0 {
		s.count.SetText(fmt.Sprintf(lang.L("%d present"), n), theme.ColorNamePrimary)
		return
	}
	colour := theme.ColorNamePrimary
	text := fmt.Sprintf(lang.L("%d / %d present"), n, capacity)
	if n >= capacity {
		colour = theme.ColorNameWarning
		text += " · " + lang.L("full")
	}
	s.count.SetText(text, colour)
}

func (s *attendanceScreen) onSubmit(text string) {
	key := strings.TrimSpace(text)
	s.entry.SetText("")
	s.refocus()
	if key == "" || s.sessionID == "" {
		return
	}
	ctx, id, operator := s.ctx, s.sessionID, s.operator
	go func() {
		res, err := s.store.MarkAttendance(ctx, id, key, operator)
		s.do(func() { s.showMark(key, res, err) })
	}()
}

func (s *attendanceScreen) onAbsentSelected(id widget.ListItemID) {
	s.absent.UnselectAll()
	if id < 0 || id >= len(s.att.Absent) {
		return
	}
	p := s.att.Absent[id]
	ctx, sid, operator := s.ctx, s.sessionID, s.operator
	go func() {
		res, err := s.store.MarkAttendanceOf(ctx, sid, p.ID, operator)
		s.do(func() { s.showMark(p.DisplayName(), res, err) })
	}()
}

func (s *attendanceScreen) showMark(key string, res data.AttendanceResult, err error) {
	defer s.refocus()
	var ambiguous *data.AmbiguousError
	switch {
	case errors.Is(err, context.Canceled):
		return
	case errors.As(err, &ambiguous):
		s.name.SetText("", "")
		s.headline.SetText(fmt.Sprintf(lang.L("%d people match “%s”: scan the badge or type the e-mail"), len(ambiguous.Matches), key), theme.ColorNameWarning)
		return
	case errors.Is(err, data.ErrNotFound):
		s.name.SetText("", "")
		s.headline.SetText(fmt.Sprintf(lang.L("No one found for “%s”"), key), theme.ColorNameError)
		return
	case err != nil:
		s.name.SetText("", "")
		s.headline.SetText(fmt.Sprintf(lang.L("Not marked (%v); try again"), err), theme.ColorNameError)
		return
	}
	s.name.SetText(displayHeading(res.Person.Person), "")
	if res.AlreadyMarked {
		s.headline.SetText(fmt.Sprintf(lang.L("Already marked present at %s"), res.Since.In(s.loc).Format("15:04")), theme.ColorNameWarning)
		s.lastMark = data.AttendanceMark{}
		s.undo.Disable()
	} else {
		s.headline.SetText(lang.L("Marked present"), theme.ColorNameSuccess)
		s.lastMark = res.Recorded
		s.undo.Enable()
	}
	s.showCount(res.Count, res.Capacity)
	s.readAttendance()
}

func (s *attendanceScreen) onUndo() {
	mark := s.lastMark
	if mark.ID == "" {
		return
	}
	s.undo.Disable()
	ctx, operator := s.ctx, s.operator
	go func() {
		_, err := s.store.UndoAttendance(ctx, mark.ID, operator)
		s.do(func() {
			defer s.refocus()
			if err != nil {
				s.headline.SetText(fmt.Sprintf(lang.L("Could not undo (%v); try again"), err), theme.ColorNameError)
				s.undo.Enable()
				return
			}
			s.lastMark = data.AttendanceMark{}
			s.headline.SetText(lang.L("Mark undone"), theme.ColorNamePrimary)
			s.readAttendance()
		})
	}()
}
