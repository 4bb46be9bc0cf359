package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// organiserCommands are the labels booth staff must never be offered, in
// a menu or a button.
var organiserCommands = []string{"Import…", "Export people (CSV)…", "Export sessions (CSV)…", "Export booths (CSV)…",
	"New event…", "Open the demo again…", "Start a new event", "Save event settings", "Use this mode",
	"Share this event…", "Join an event…", "Restore a backup…", "Save a backup now…", "Add session",
	"Print the attendee list (PDF)…"}

// TestBoothStaffModeOffersOnlyWhatBoothStaffMayDo enters booth-staff mode
// through Settings as an organiser lending a laptop would, then looks
// for every organiser command where booth staff could reach it: the
// sidebar, the menus, the shortcuts, Settings and the shared screens;
// then leaves the mode, which needs the PIN.
func TestBoothStaffModeOffersOnlyWhatBoothStaffMayDo(t *testing.T) {
	f := newDeskFixture(t)
	q := newUIQueue()
	a := test.NewTempApp(t)
	saveMode(a.Preferences(), appMode{Name: "Org"})
	w := newMainWindow(a, Config{Store: f.st, Path: "/somewhere/event.db"}, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.nav != nil && w.current == navDashboard })

	// Entering the mode needs a PIN, typed twice alike.
	form := w.desk.modeForm
	q.waitFor(t, "the booths to choose from", func() bool { return len(form.booths) == 1 })
	form.kind.SetSelected(modeExhibitorText)
	form.booth.SetSelectedIndex(0)
	test.Tap(form.save)
	if w.mode.Exhibitor || !form.status.Visible() {
		t.Fatal("booth-staff mode was entered with no organiser PIN")
	}
	test.Type(form.pin, "482916")
	test.Type(form.pinAgain, "482917")
	test.Tap(form.save)
	if w.mode.Exhibitor {
		t.Fatal("booth-staff mode was entered with two different PINs")
	}
	form.pinAgain.SetText("482916")
	test.Tap(form.save)
	if !w.mode.Exhibitor || w.current != navMyBooth {
		t.Fatalf("not in booth-staff mode at My booth: %+v on %d", w.mode, w.current)
	}
	prefs := a.Preferences()
	if stored := prefs.String(prefModePIN); stored == "" || strings.Contains(stored, "482916") {
		t.Errorf("the PIN is kept as %q, want only a salted hash", stored)
	}

	// The sidebar and the Go menu: the booth, its visitors, the agenda, Settings.
	want := []int{navMyBooth, navVisitors, navAgenda, navBoothSettings}
	if !slices.Equal(w.visible, want) {
		t.Errorf("sidebar shows %v, want %v", w.visible, want)
	}
	menu := w.win.MainMenu()
	for _, m := range menu.Items {
		for _, item := range m.Items {
			if slices.Contains(organiserCommands, item.Label) {
				t.Errorf("the %s menu offers %q in booth-staff mode", m.Label, item.Label)
			}
			for _, screen := range []string{"Dashboard", "People", "Check-in", "Exhibitors and booths", "Conflicts"} {
				if item.Label == screen {
					t.Errorf("the %s menu goes to %s in booth-staff mode", m.Label, screen)
				}
			}
		}
	}
	// Ctrl+1..5 and Ctrl+N reach only the booth's screens, and add nothing of the organisers'.
	for i := range shortcutScreen {
		w.showScreen(i)
		if !slices.Contains(want, w.current) {
			t.Errorf("Ctrl+%d showed screen %d", i+1, w.current)
		}
		w.onAdd()
	}
	w.selectScreen(navAgenda)
	w.onAdd()
	if w.agenda.form != nil {
		t.Error("Ctrl+N on the agenda opened a new session in booth-staff mode")
	}
	// Settings, as booth staff see it, and every shared screen.
	w.selectScreen(navSettings)
	if w.current != navMyBooth {
		t.Errorf("asking for the organisers' Settings showed screen %d", w.current)
	}
	for _, id := range want {
		w.selectScreen(id)
		q.settle()
		for _, label := range shownButtons(w.entries[id].content) {
			if slices.Contains(organiserCommands, label) {
				t.Errorf("%s offers %q in booth-staff mode", w.entries[id].title, label)
			}
		}
	}
	if shownButtons(w.banner) != nil && slices.Contains(shownButtons(w.banner), "Start a new event") {
		t.Error("the demo banner offers a new event in booth-staff mode")
	}
	// The organisers' commands refuse even when called.
	before := len(w.dialogs.open) // Ctrl+N on the visitors opened theirs
	w.settings.onImport()
	w.settings.onExport(exportPeople)
	w.settings.onNewEvent()
	w.settings.onOpenDemo()
	if len(w.dialogs.open) != before {
		t.Errorf("%d organiser dialogs opened in booth-staff mode", len(w.dialogs.open)-before)
	}

	// A window opened in booth-staff mode (the next start) offers no new event either.
	w2 := newMainWindow(a, Config{Store: f.st, Path: "/somewhere/event.db"}, q.do)
	t.Cleanup(w2.win.Close)
	w2.start()
	q.waitFor(t, "the window reopened", func() bool { return w2.nav != nil && w2.mode.Exhibitor })
	if w2.bannerStart.Visible() {
		t.Error("the demo banner of a window opened in booth-staff mode offers a new event")
	}

	// Leaving needs the PIN.
	w.selectScreen(navBoothSettings)
	b := w.boothSet
	test.Tap(b.leave)
	if !w.mode.Exhibitor || !b.status.Visible() {
		t.Fatal("left booth-staff mode with no PIN")
	}
	test.Type(b.pin, "000000")
	test.Tap(b.leave)
	q.waitFor(t, "the wrong PIN refused", func() bool { return !b.leave.Disabled() })
	if !w.mode.Exhibitor || !strings.Contains(b.status.Text, "not the organiser PIN") {
		t.Fatalf("a wrong PIN: mode %+v, said %q", w.mode, b.status.Text)
	}
	test.Type(b.pin, "482916")
	test.Tap(b.leave)
	q.waitFor(t, "back to Organiser", func() bool { return !w.mode.Exhibitor })
	if w.current != navSettings || !slices.Contains(w.visible, navPeople) || prefs.String(prefModePIN) != "" {
		t.Errorf("after the PIN: screen %d, sidebar %v, PIN hash %q", w.current, w.visible, prefs.String(prefModePIN))
	}
	if _, saved := loadMode(prefs); !saved {
		t.Error("the organiser mode was not saved")
	}
}

// shownButtons are the texts of the buttons o shows.
func shownButtons(o fyne.CanvasObject) []string {
	var labels []string
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch c := o.(type) {
		case *widget.Button:
			labels = append(labels, c.Text)
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				visit(child)
			}
		case *fyne.Container:
			for _, child := range c.Objects {
				visit(child)
			}
		}
	}
	visit(o)
	return labels
}

func TestOrganiserPINIsHashedWithSalt(t *testing.T) {
	prefs := test.NewTempApp(t).Preferences()
	setOrganiserPIN(prefs, "1234")
	first := prefs.String(prefModePIN)
	setOrganiserPIN(prefs, "1234")
	if first == prefs.String(prefModePIN) {
		t.Error("the same PIN hashed twice gave the same text: no salt")
	}
	if !organiserPINMatches(prefs, "1234") || organiserPINMatches(prefs, "1235") || organiserPINMatches(prefs, "") {
		t.Error("the PIN check")
	}
	// A hash edited on disk matches nothing, rather than everything.
	for _, forged := range []string{"argon2id$$", "argon2id$AAAA$AAAA", "plain$1234", first + "x"} {
		prefs.SetString(prefModePIN, forged)
		if organiserPINMatches(prefs, "1234") || organiserPINMatches(prefs, "") {
			t.Errorf("the forged hash %q matched", forged)
		}
	}
}

// startBoothLaptop opens the window on f's event as it is on a laptop
// that joined it as staff of f's booth.
func startBoothLaptop(t *testing.T, f *deskFixture, q *uiQueue, a fyne.App) *mainWindow {
	if err := f.st.SetLocalRole(context.Background(), data.BoothLaptop(f.booth.ID)); err != nil {
		t.Fatal(err)
	}
	w := newMainWindow(a, Config{Store: f.st, Path: "/somewhere/event.db"}, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	return w
}

// TestALaptopJoinedAsABoothsStaysInItsMode: a laptop that joined the event
// as staff of booth A01 holds only that booth's data. The welcome offers
// A01's booth-staff mode alone, and no way back to Organiser is offered
// or taken.
func TestALaptopJoinedAsABoothsStaysInItsMode(t *testing.T) {
	f, q, a := newDeskFixture(t), newUIQueue(), test.NewTempApp(t)
	w := startBoothLaptop(t, f, q, a)
	q.waitFor(t, "the welcome", func() bool { return w.desk != nil && w.desk.modeDialogForm != nil })
	welcome := w.desk.modeDialogForm
	q.waitFor(t, "the welcome and Settings to know the laptop's booth", func() bool {
		return welcome.laptopBooth == f.booth.ID && w.desk.modeForm.laptopBooth == f.booth.ID
	})
	if welcome.kind.Selected != modeExhibitorText || !welcome.kind.Disabled() || !welcome.booth.Disabled() ||
		welcome.booth.SelectedIndex() < 0 || welcome.booths[welcome.booth.SelectedIndex()].ID != f.booth.ID {
		t.Errorf("the welcome offers mode %q (disabled %v), booth %q (disabled %v)",
			welcome.kind.Selected, welcome.kind.Disabled(), welcome.booth.Selected, welcome.booth.Disabled())
	}
	if !welcome.lockNote.Visible() || !strings.Contains(welcome.lockNote.Text, "A01") {
		t.Errorf("the welcome does not say why: %q", welcome.lockNote.Text)
	}
	test.Type(welcome.name, "Bob")
	test.Tap(w.desk.modeStart)
	if !w.mode.Exhibitor || w.mode.BoothID != f.booth.ID || w.mode.Name != "Bob" {
		t.Fatalf("the welcome chose %+v, want A01's staff mode, with no PIN asked", w.mode)
	}

	w.boothSet.refresh()
	if w.boothSet.leave.Visible() || w.boothSet.pin.Visible() {
		t.Error("booth Settings offers to switch this booth's laptop to Organiser")
	}
	w.onModeChosen(appMode{Name: "Bob"}) // what switching back would choose
	if !w.mode.Exhibitor || w.mode.BoothID != f.booth.ID {
		t.Errorf("the laptop became %+v", w.mode)
	}
}

// TestALaptopJoinedAsABoothLeavesTheModeItHadBefore: the computer was an
// organiser's before it joined the event as booth A01's; the window
// comes up in A01's booth-staff mode.
func TestALaptopJoinedAsABoothLeavesTheModeItHadBefore(t *testing.T) {
	f, q, a := newDeskFixture(t), newUIQueue(), test.NewTempApp(t)
	saveMode(a.Preferences(), appMode{Name: "Org"})
	w := startBoothLaptop(t, f, q, a)
	q.waitFor(t, "A01's booth-staff mode", func() bool { return w.mode.Exhibitor && w.mode.BoothID == f.booth.ID })
	if m, _ := loadMode(a.Preferences()); !m.Exhibitor || m.BoothID != f.booth.ID || m.Name != "Org" {
		t.Errorf("the mode kept is %+v", m)
	}
	if w.current != navMyBooth {
		t.Errorf("the window shows screen %d, want My booth", w.current)
	}
}
