package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
)

// japaneseWindow is the main window on st in the mode m, drawn with the
// Japanese theme, at size. Before the test turns English again its screens'
// work is stopped and drained, so that none reads a translation meanwhile.
func japaneseWindow(t *testing.T, st *data.Store, m appMode, size fyne.Size) (*mainWindow, *uiQueue) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newFairdeskTheme())
	saveMode(a.Preferences(), m)
	q := newUIQueue()
	w := newMainWindow(a, Config{Store: st, Screen: &Screen{Key: "test", Width: int(size.Width), Height: int(size.Height), Scale: 1}}, q.do)
	t.Cleanup(w.win.Close)
	t.Cleanup(func() {
		w.cancel()
		q.settle()
	})
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.nav != nil && w.desk != nil })
	w.win.Resize(size)
	q.settle()
	return w, q
}

func TestJapanesePeopleListNamesRolesInJapanese(t *testing.T) {
	inJapanese(t)
	f := newDeskFixture(t)
	w, q := japaneseWindow(t, f.st, appMode{Name: "Ann"}, fyne.NewSize(1280, 800))
	w.selectScreen(navPeople)
	q.waitFor(t, "the people listed", func() bool { return w.people.firstShown && w.people.total > 0 })
	text := shownText(w.people.list)
	if !strings.Contains(text, "メンター") || strings.Contains(text, "Mentor") || strings.Contains(text, "Job seeker") {
		t.Errorf("the people list names the roles as:\n%s", text)
	}
}

func TestJapaneseBoothScreensFitAn800x600Screen(t *testing.T) {
	inJapanese(t)
	f := newDeskFixture(t)
	w, q := japaneseWindow(t, f.st, appMode{Exhibitor: true, BoothID: f.booth.ID, Name: "Ben"}, fyne.NewSize(800, 600))
	room := usableSize(&Screen{Width: 800, Height: 600}, 1)
	for _, id := range w.visible {
		w.selectScreen(id)
		q.settle()
		w.win.Resize(room)
		if min := w.win.Canvas().Content().MinSize(); min.Width > room.Width {
			t.Errorf("%s needs a window %.0f wide; an 800x600 screen has room for %.0f", w.entries[id].title, min.Width, room.Width)
		}
	}
}

// People with a person open, in Japanese: the list's buttons and the
// form side by side made the window 801 wide.
func TestJapanesePeopleWithAFormOpenFitAn800x600Screen(t *testing.T) {
	inJapanese(t)
	f := newDeskFixture(t)
	room := usableSize(&Screen{Width: 800, Height: 600}, 1)
	w, q := japaneseWindow(t, f.st, appMode{Name: "Ann"}, room)
	w.selectScreen(navPeople)
	q.waitFor(t, "the people listed", func() bool { return w.people.firstShown && w.people.total > 0 })
	w.people.list.Select(0)
	q.waitFor(t, "the form open", func() bool { return w.people.form.open })
	if min := w.win.Canvas().Content().MinSize(); min.Width > room.Width {
		t.Errorf("People with a person open needs a window %.0f wide; an 800x600 screen has room for %.0f", min.Width, room.Width)
	}
}
