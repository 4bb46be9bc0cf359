package data_test

import (
	"errors"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

func TestSessionAttendance(t *testing.T) {
	f := newFair(t)
	panel := data.Session{Title: "Working in Japan", Kind: data.SessionPanel, Starts: f.opening, Ends: f.opening.Add(time.Hour), Capacity: 2}
	must(t, f.st.SaveSession(f.ctx, &panel, nil))
	must(t, f.st.SignUp(f.ctx, panel.ID, f.alice.ID, true))
	must(t, f.st.SignUp(f.ctx, panel.ID, f.bob.ID, true))

	first, err := f.st.MarkAttendance(f.ctx, panel.ID, f.taro.BadgeCode, "ann")
	must(t, err)
	if first.AlreadyMarked || first.Count != 1 || first.Capacity != 2 || first.Recorded.Laptop != "desk-1" {
		t.Fatalf("first mark: %+v", first)
	}
	f.clock.advance(5 * time.Minute)
	must(t, f.st.SetLaptopName(f.ctx, "door-2"))
	again, err := f.st.MarkAttendance(f.ctx, panel.ID, "taro@example.jp", "ann")
	must(t, err)
	if !again.AlreadyMarked || !again.Since.Equal(f.opening) || again.Laptop != "desk-1" || again.Count != 1 {
		t.Errorf("second mark: %+v", again)
	}
	alice, err := f.st.MarkAttendanceOf(f.ctx, panel.ID, f.alice.ID, "ann")
	must(t, err)
	if alice.Count != 2 {
		t.Errorf("count after Alice: %d", alice.Count)
	}
	undo, err := f.st.UndoAttendance(f.ctx, alice.Recorded.ID, "ann")
	must(t, err)
	if undo.Undoes != alice.Recorded.ID {
		t.Errorf("undo row %+v", undo)
	}
	if _, err := f.st.UndoAttendance(f.ctx, alice.Recorded.ID, "ann"); !errors.Is(err, data.ErrAlreadyUndone) {
		t.Errorf("second undo: %v", err)
	}
	if _, err := f.st.MarkAttendance(f.ctx, "no-such-session", f.taro.BadgeCode, "ann"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("mark at a missing session: %v", err)
	}

	list, err := f.st.Attendance(f.ctx, panel.ID)
	must(t, err)
	if list.Count != 1 || list.Capacity != 2 || len(list.Present) != 1 || list.Present[0].Person.ID != f.taro.ID || list.Present[0].SignedUp {
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
