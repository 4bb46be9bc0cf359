package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// scrollsSideways says whether the entry shows a scroll bar under its
// text: the text or placeholder is wider than the field.
func scrollsSideways(e fyne.CanvasObject) bool {
	shows := false
	walk(e, func(o fyne.CanvasObject) {
		shows = shows || (fmt.Sprintf("%T", o) == "*widget.scrollBarArea" && o.Visible())
	})
	return shows
}

// welcomeFieldsFit checks that the welcome dialog's fields show their
// whole placeholders at 800x600, with no scroll bar under them.
func welcomeFieldsFit(t *testing.T) {
	t.Helper()
	f := newDeskFixture(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newFairdeskTheme())
	q := newUIQueue()
	w := newMainWindow(a, Config{Store: f.st}, q.do)
	t.Cleanup(w.win.Close)
	t.Cleanup(func() { // before the test turns English again
		w.cancel()
		q.settle()
	})
	w.win.Resize(fyne.NewSize(800, 600))
	w.start()
	q.waitFor(t, "the welcome dialog", func() bool { return w.desk != nil && w.desk.modeDialogForm != nil })
	q.settle()
	m := w.desk.modeDialogForm
	for _, e := range []*fieldEntry{m.name, m.pin, m.pinAgain} {
		if scrollsSideways(e) {
			t.Errorf("the field %q is cut off, with a scroll bar under it", e.PlaceHolder)
		}
	}
}

func TestWelcomeDialogFieldsShowTheirWholeHint(t *testing.T) {
	welcomeFieldsFit(t)
}

func TestWelcomeDialogFieldsShowTheirWholeHintInJapanese(t *testing.T) {
	inJapanese(t)
	welcomeFieldsFit(t)
}
