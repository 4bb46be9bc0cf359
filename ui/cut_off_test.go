package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/fairdesk/fairdesk/data/notify"
)

// drawnText is the text drawn inside o, joined.
func drawnText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && t.Visible() {
			b.WriteString(t.Text)
		}
	})
	return b.String()
}

// TestRemindMePickerShowsWholeLeadTime: the picker was as wide as its
// placeholder, so "10 minutes before" showed as "10 minutes …", in
// English and in Japanese.
func TestRemindMePickerShowsWholeLeadTime(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newFairdeskTheme())
	ja, _ := translation(readTranslations(t, "ja.json")["%d minutes before"])
	for _, format := range []string{"%d minutes before", ja} {
		prefs := a.Preferences()
		n := newNotificationSettings(prefs, newNotificationGate(prefs, &fakeNotifier{}), newUIQueue().do, nil)
		w := test.NewWindow(n.content)
		w.Resize(fyne.NewSize(800, 600))
		var options []string
		for _, d := range notify.LeadTimes {
			options = append(options, fmt.Sprintf(format, int(d.Minutes())))
		}
		n.lead.SetOptions(options)
		for _, o := range options {
			n.lead.SetSelected(o)
			w.Content().Refresh()
			if got := drawnText(n.lead); got != o {
				t.Errorf("the Remind me picker shows %q for %q", got, o)
			}
		}
		w.Close()
	}
}

// TestPeopleSearchHintFits: the search hint was longer than the search
// field at 800x600 and at 1280x800, in English and in Japanese.
func TestPeopleSearchHintFits(t *testing.T) {
	key := "Search name, e-mail or badge (Ctrl+F)"
	ja, _ := translation(readTranslations(t, "ja.json")[key])
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 1280, Height: 800}} {
		w := newTestMainWindowAt(t, size)
		w.selectScreen(navPeople)
		entry := w.people.search
		th := fyne.CurrentApp().Settings().Theme()
		room := entry.Size().Width - 4*th.Size(theme.SizeNamePadding) - th.Size(theme.SizeNameInlineIcon)
		for _, hint := range []string{key, ja} {
			need := fyne.MeasureText(hint, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width
			if need > room {
				t.Errorf("at %v the search hint %q needs %.0f px, the field has %.0f", size, hint, need, room)
			}
		}
	}
}

// newTestMainWindowAt is the organisers' main window at size, with the
// real theme.
func newTestMainWindowAt(t *testing.T, size fyne.Size) *mainWindow {
	t.Helper()
	f := newDeskFixture(t)
	q := newUIQueue()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newFairdeskTheme())
	saveMode(a.Preferences(), appMode{Name: "Ann"})
	w := newMainWindow(a, Config{Store: f.st}, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.nav != nil })
	w.win.Resize(size)
	q.settle()
	return w
}
