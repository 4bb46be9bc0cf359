package data_test

import (
	"errors"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestSessionAttendance(t *testing.T) {
	f := datatest.NewFair(t)
	panel := data.Session{Title: "Working in Japan", Kind: data.SessionPanel, Starts: f.Opening, Ends: f.Opening.Add(time.Hour), Capacity: 2}
	datatest.Must(t, f.Store.SaveSession(t.Context(), &panel, nil))
	datatest.Must(t, f.Store.SignUp(t.Context(), panel.ID, f.Alice.ID, true))
	datatest.Must(t, f.Store.SignUp(t.Context(), panel.ID, f.Bob.ID, true))

	first, err := f.Store.MarkAttendance(t.Context(), panel.ID, f.Taro.BadgeCode, "ann")
	datatest.Must(t, err)
	if first.AlreadyMarked || first.Count != 1 || first.Capacity != 2 || first.Recorded.Laptop != "desk-1" {
		t.Fatalf("first mark: %+v", first)
	}
	f.Clock.Advance(5 * time.Minute)
	datatest.Must(t, f.Store.SetLaptopName(t.Context(), "door-2"))
	again, err := f.Store.MarkAttendance(t.Context(), panel.ID, "taro@example.jp", "ann")
	datatest.Must(t, err)
	if !again.AlreadyMarked || !again.Since.Equal(f.Opening) || again.Laptop != "desk-1" || again.Count != 1 {
		t.Errorf("second mark: %+v", again)
	}
	alice, err := f.Store.MarkAttendanceOf(t.Context(), panel.ID, f.Alice.ID, "ann")
	datatest.Must(t, err)
	if alice.Count != 2 {
		t.Errorf("count after Alice: %d", alice.Count)
	}
	undo, err := f.Store.UndoAttendance(t.Context(), alice.Recorded.ID, "ann")
	datatest.Must(t, err)
	if undo.Undoes != alice.Recorded.ID {
		t.Errorf("undo row %+v", undo)
	}
	if _, err := f.Store.UndoAttendance(t.Context(), alice.Recorded.ID, "ann"); !errors.Is(err, data.ErrAlreadyUndone) {
		t.Errorf("second undo: %v", err)
	}
	if _, err := f.Store.MarkAttendance(t.Context(), "no-such-session", f.Taro.BadgeCode, "ann"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("mark at a missing session: %v", err)
	}

	list, err := f.Store.Attendance(t.Context(), panel.ID)
	datatest.Must(t, err)
	if list.Count != 1 || list.Capacity != 2 || len(list.Present) != 1 || list.Present[0].Person.ID != f.Taro.ID || list.Present[0].SignedUp {
		t.Errorf("present: %+v", list)
	}
	var absent []string
	for _, p := range list.Absent {
		absent = append(absent, p.GivenName)
	}
	if len(absent) != 2 || absent[0] != "Bob" || absent[1] != "Alice" {
		t.Errorf("signed up but absent: %v, want Bob, Alice (by family name)", absent)
	}
}
