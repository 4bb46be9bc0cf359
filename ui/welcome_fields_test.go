package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// The scan fields of the check-in desk and the booth's visitor log show their whole hint at 800x600, in English and Japanese:
// it was cut off, with a scroll bar under it.
func scanFieldsFit(t *testing.T, th fyne.Theme) {
	t.Helper()
	f := newDeskFixture(t)
	room := usableSize(&Screen{Width: 800, Height: 600}, 1)
	for _, m := range []appMode{{Name: "Ann"}, {Exhibitor: true, BoothID: f.booth.ID, Name: "Ben"}} {
		w, q := japaneseWindow(t, f.st, m, room)
		w.app.Settings().SetTheme(th)
		fields := map[int][]*widget.Entry{navCheckIn: {w.desk.checkIn.entry}, navVisitors: {w.desk.visitors.entry}}
		for _, id := range w.visible {
			w.selectScreen(id)
			q.settle()
			for _, e := range fields[id] {
				if scrollsSideways(e) {
					t.Errorf("%s: the field %q (%.0f wide) is cut off, with a scroll bar under it", w.entries[id].title, e.PlaceHolder, e.Size().Width)
				}
			}
		}
	}
}

func TestScanFieldsShowTheirWholeHint(t *testing.T) {
	scanFieldsFit(t, theme.DefaultTheme())
}

func TestScanFieldsShowTheirWholeHintInJapanese(t *testing.T) {
	inJapanese(t)
	scanFieldsFit(t, newFairdeskTheme())
}
