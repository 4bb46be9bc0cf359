package ui

import (
	"testing"

	"fyne.io/fyne/v2"

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
