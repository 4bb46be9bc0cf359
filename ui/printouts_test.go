package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data/datatest"
)

// The File menu prints the agenda and the door list for organisers, and
// only the agenda for booth staff.
func TestFileMenuPrintsTheAgendaAndTheDoorList(t *testing.T) {
	labels := func(exhibitor bool) []string {
		q := newUIQueue()
		a := test.NewTempApp(t)
		saveMode(a.Preferences(), appMode{Name: "Ann"})
		w := newMainWindow(a, Config{Store: datatest.Open(t, nil)}, q.do)
		t.Cleanup(w.win.Close)
		w.start()
		q.waitFor(t, "the window", func() bool { return w.nav != nil })
		w.mode.Exhibitor = exhibitor
		var out []string
		for _, item := range w.mainMenu().Items[0].Items {
			out = append(out, item.Label)
		}
		return out
	}
	organiser := labels(false)
	for _, want := range []string{"Print the agenda (PDF)…", "Print the attendee list (PDF)…"} {
		if !slices.Contains(organiser, want) {
			t.Errorf("the organisers' File menu lacks %q: %q", want, organiser)
		}
	}
	booth := labels(true)
	if !slices.Contains(booth, "Print the agenda (PDF)…") || slices.Contains(booth, "Print the attendee list (PDF)…") {
		t.Errorf("the booth staff's File menu: %q", booth)
	}
}
