package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestSessionFormKeepsTheWallClockWhenClocksChange(t *testing.T) {
	st, _ := agendaFixture(t)
	s, _, _ := newTestAgenda(t, st, fyne.NewSize(1000, 700))
	s.onAdd()
	f := s.form
	f.title.SetText("Late panel")
	// 25 October 2026: London's clocks go back at 02:00, so the day is 25 hours long.
	f.date.SetText("2026-10-25")
	f.starts.SetText("13:00")
	f.ends.SetText("13:45")
	sess, errs := f.read()
	if len(errs) > 0 {
		t.Fatalf("errors %v", errs)
	}
	if want := time.Date(2026, 10, 25, 13, 0, 0, 0, time.UTC); !sess.Starts.Equal(want) {
		t.Errorf("13:00 on 25 October in London read as %v, want %v (GMT)", sess.Starts.UTC(), want)
	}
	// 29 March 2026: 01:00-02:00 does not happen in London.
	f.date.SetText("2026-03-29")
	f.starts.SetText("01:30")
	f.ends.SetText("03:00")
	if _, errs := f.read(); !strings.Contains(errs["starts_at"], "01:30 does not exist on 29 March 2026 in Europe/London") {
		t.Errorf("a start the clocks skip: %v", errs)
	}
}
