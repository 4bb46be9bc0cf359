package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The edit and delete icons and "Remind me" stand in one column on every
// row, whether the session has a capacity or not.
func TestAgendaIconsLineUpWithAndWithoutCapacity(t *testing.T) {
	st, _ := agendaFixture(t)
	a := saveSession(t, st, data.Session{Title: "Welcome", Starts: datatest.FairDay(11, 0), Ends: datatest.FairDay(11, 15), Room: "Main stage"})
	b := saveSession(t, st, data.Session{Title: "Panel", Starts: datatest.FairDay(12, 0), Ends: datatest.FairDay(13, 0), Room: "Main stage", Capacity: 300})
	s, _, w := newTestAgenda(t, st, fyne.NewSize(1000, 700))
	abs := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	}
	w.Content().Refresh()
	ra, rb := s.rows[a.ID], s.rows[b.ID]
	for name, pair := range map[string][2]fyne.CanvasObject{"edit": {ra.edit, rb.edit}, "delete": {ra.delete, rb.delete}} {
		if x1, x2 := abs(pair[0]).X, abs(pair[1]).X; x1 != x2 {
			t.Errorf("%s icon at x=%v with no capacity, x=%v with one", name, x1, x2)
		}
	}
	ea, eb := abs(ra.remind).X+ra.remind.Size().Width, abs(rb.remind).X+rb.remind.Size().Width
	if ea != eb {
		t.Errorf("Remind me ends at x=%v with no capacity, x=%v with one", ea, eb)
	}
}

// Ticking Remind me on two sessions at the same time warns: the user
// cannot be at both. Unticking one takes the warning away.
func TestTwoFollowedSessionsAtOnceWarn(t *testing.T) {
	st, _ := agendaFixture(t)
	a := saveSession(t, st, data.Session{Title: "CV clinic", Starts: datatest.FairDay(13, 0), Ends: datatest.FairDay(13, 45), Room: "Room A"})
	b := saveSession(t, st, data.Session{Title: "Public sector", Starts: datatest.FairDay(13, 30), Ends: datatest.FairDay(14, 0), Room: "Room B"})
	c := saveSession(t, st, data.Session{Title: "Panel", Starts: datatest.FairDay(14, 0), Ends: datatest.FairDay(15, 0), Room: "Room A"})
	s, q, _ := newTestAgenda(t, st, fyne.NewSize(1000, 700))
	s.rows[a.ID].remind.SetChecked(true)
	s.rows[c.ID].remind.SetChecked(true) // straight after: no clash
	if s.followed2.Visible() {
		t.Fatalf("warned of back-to-back sessions: %q", s.followed2.Text)
	}
	s.rows[b.ID].remind.SetChecked(true)
	if !s.followed2.Visible() || s.followed2.Text != "You follow “CV clinic” and “Public sector”, at the same time (13:30–14:00)." {
		t.Fatalf("two followed at once: shown %v, %q", s.followed2.Visible(), s.followed2.Text)
	}
	q.settle()
	s.refresh() // the warning stays when the agenda is read again
	q.waitFor(t, "the agenda read again", func() bool { return s.followed2.Visible() })
	s.rows[a.ID].remind.SetChecked(false)
	if s.followed2.Visible() {
		t.Error("the warning stayed after unticking")
	}
}

// The session door tab says what to do until a session is chosen, rather
// than showing an empty screen under a lone heading.
func TestSessionDoorBeforeASessionIsChosen(t *testing.T) {
	st, _ := agendaFixture(t)
	saveSession(t, st, data.Session{Title: "CV clinic", Starts: datatest.FairDay(13, 0), Ends: datatest.FairDay(13, 45), Room: "Room A", Capacity: 40})
	q := newUIQueue()
	s := newAttendanceScreen(q.env(context.Background()), st, nil)
	w := test.NewWindow(s.content)
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "the sessions offered", func() bool { return len(s.sessions) == 1 })
	if !s.intro.Visible() || !strings.Contains(s.intro.Text, "choose the session above") || s.chosen[0].Visible() || s.absent.Visible() {
		t.Fatalf("before a choice: intro %v %q, entry row %v, list %v", s.intro.Visible(), s.intro.Text, s.chosen[0].Visible(), s.absent.Visible())
	}
	s.session.SetSelectedIndex(0)
	q.waitFor(t, "the session's attendance", func() bool { return s.att.Session.ID != "" })
	if s.intro.Visible() || !s.chosen[0].Visible() || !s.absent.Visible() {
		t.Error("after choosing, the door's parts did not show")
	}
}
