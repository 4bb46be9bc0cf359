package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data/datatest"
)

// pressEscape sends Escape to the field with the focus, as the desktop
// driver does.
func pressEscape(t *testing.T, c fyne.Canvas) {
	t.Helper()
	focused := c.Focused()
	if focused == nil {
		t.Fatal("no field has the focus")
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
}

func TestEscapeInAFieldCancelsTheDialog(t *testing.T) {
	ctx := context.Background()
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	w, q := peopleWindow(t, Config{Store: st})
	c := w.win.Canvas()
	w.selectScreen(navAgenda)
	q.settle()

	// A one-line field, the room picker and the description: Escape in
	// each cancels the session form and saves nothing.
	for _, field := range []string{"title", "room", "description", "speakers"} {
		w.agenda.onAdd()
		f := w.agenda.form
		target := map[string]fyne.Focusable{"title": f.title, "room": f.room, "description": f.description, "speakers": f.speakers.search}[field]
		c.Focus(target)
		test.Type(target, "Keynote")
		pressEscape(t, c)
		if f.dlg.isOpen() {
			t.Fatalf("Escape in the %s field left the session form open", field)
		}
		if _, open := w.dialogs.top(); open {
			t.Fatalf("Escape in the %s field: a dialog is still on the stack", field)
		}
	}
	q.settle()
	if sessions, err := st.Sessions(ctx); err != nil || len(sessions) != 0 {
		t.Fatalf("Escape saved %d sessions (%v)", len(sessions), err)
	}

	// Enter in a one-line field still saves.
	w.agenda.onAdd()
	f := w.agenda.form
	f.title.SetText("Keynote")
	f.date.SetText("2026-10-23")
	f.starts.SetText("13:00")
	c.Focus(f.title)
	f.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	q.waitFor(t, "the session saved", func() bool { return !f.dlg.isOpen() })

	// And in the booth form.
	w.selectScreen(navExhibitors)
	q.settle()
	w.exhibitors.onAddBooth()
	b := w.exhibitors.boothForm
	c.Focus(b.code)
	test.Type(b.code, "Z9")
	pressEscape(t, c)
	if b.dlg.isOpen() {
		t.Fatal("Escape in the booth code left the booth form open")
	}
	q.settle()
	if booths, _ := st.Booths(ctx); len(booths) != 0 {
		t.Errorf("Escape saved a booth: %+v", booths)
	}
}
