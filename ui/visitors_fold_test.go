package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// inView says whether all of o lies inside the window's canvas: not below
// the fold, not scrolled away above it.
func inView(w fyne.Window, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	pos, size := d.AbsolutePositionForObject(o), o.Size()
	c := w.Canvas().Size()
	return o.Visible() && pos.X >= 0 && pos.Y >= 0 && pos.X+size.Width <= c.Width && pos.Y+size.Height <= c.Height
}

// TestVisitorsSaveNotesAndScanConfirmationStayInView: in a small
// window, Save notes used to sit below the fold, and once scrolled down to
// it the next scan's confirmation was out of view.
func TestVisitorsSaveNotesAndScanConfirmationStayInView(t *testing.T) {
	f := newDeskFixture(t)
	q := newUIQueue()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newFairdeskTheme()) // the real sizes
	saveMode(a.Preferences(), appMode{Exhibitor: true, BoothID: f.booth.ID, Name: "Ben"})
	w := newMainWindow(a, Config{Store: f.st}, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.nav != nil })
	w.win.Resize(fyne.NewSize(800, 600)) // the smallest size the app is used at; 1280x800 fits either way in English
	w.selectScreen(navVisitors)
	s := w.desk.visitors
	q.settle()
	c := w.win.Canvas()
	scan(t, c, "K00002")
	q.waitFor(t, "visit logged", func() bool { return s.editor.Visible() })
	if !inView(w.win, s.saveLead) {
		t.Errorf("Save notes at %v is out of a %v window", a.Driver().AbsolutePositionForObject(s.saveLead), c.Size())
	}
	walk(c.Content(), func(o fyne.CanvasObject) {
		if sc, ok := o.(*container.Scroll); ok {
			sc.ScrollToBottom()
		}
	})
	scan(t, c, "K00001")
	q.waitFor(t, "Taro logged", func() bool { return s.lead.PersonID == f.people["K00001"].ID })
	for name, o := range map[string]fyne.CanvasObject{"headline": s.headline, "name": s.name, "Save notes": s.saveLead} {
		if !inView(w.win, o) {
			t.Errorf("after scrolling down and the next scan, the %s is out of view", name)
		}
	}
}
