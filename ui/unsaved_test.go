package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// peopleWindow opens a window on st at the People screen, with the person
// at row 0 in the form.
func peopleWindow(t *testing.T, cfg Config) (*mainWindow, *uiQueue) {
	t.Helper()
	q := newUIQueue()
	w := newMainWindow(organiserApp(t), cfg, q.do)
	t.Cleanup(w.win.Close)
	w.win.Resize(fyne.NewSize(1100, 720))
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.people != nil && w.nav != nil })
	w.selectScreen(navPeople)
	q.waitFor(t, "the people listed", func() bool { return w.people.firstShown && w.people.total > 0 })
	w.people.list.Select(0)
	q.waitFor(t, "the form open", func() bool { return w.people.form.open })
	return w, q
}

func TestCtrlSSavesTheOpenPersonFormAndSyncHasItsOwnShortcut(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()[:2]...)
	w, q := peopleWindow(t, Config{Store: st})
	f := w.people.form
	id := f.person.ID
	f.notes.SetText("Wants an introduction to the recruiters")
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutSave)
	q.waitFor(t, "the note saved", func() bool { return f.status.Text == "Saved." })
	p, err := st.Person(context.Background(), id)
	if err != nil || p.Notes != "Wants an introduction to the recruiters" {
		t.Errorf("stored notes %q (%v)", p.Notes, err)
	}
	if w.current != navPeople || !f.open || f.person.ID != id {
		t.Errorf("Ctrl+S left the form: screen %d, open %v", w.current, f.open)
	}
	if shortcutSync.ShortcutName() == shortcutSave.ShortcutName() {
		t.Errorf("sync and save share %s", shortcutSave.ShortcutName())
	}
	var syncItem, saveItem bool
	for _, item := range w.win.MainMenu().Items[0].Items {
		syncItem = syncItem || item.Label == "Sync now" && item.Shortcut == shortcutSync
		saveItem = saveItem || item.Label == "Save" && item.Shortcut == shortcutSave
	}
	if !syncItem || !saveItem {
		t.Errorf("File menu: Sync now with its shortcut %v, Save with Ctrl+S %v", syncItem, saveItem)
	}
}

func TestLeavingAFormWithUnsavedChangesAsks(t *testing.T) {
	ctx := context.Background()
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()[:2]...)
	quits := 0
	w, q := peopleWindow(t, Config{Store: st, Quit: func() { quits++ }})
	f := w.people.form
	first := f.person

	// Another screen: Stay keeps the form as typed.
	test.Type(f.jobTitle, " and mentor")
	w.selectScreen(navAgenda)
	if w.current != navPeople {
		t.Fatalf("went to screen %d with changes unsaved", w.current)
	}
	tapButton(t, w.win.Canvas(), "Stay")
	if w.current != navPeople || f.jobTitle.Text != first.JobTitle+" and mentor" {
		t.Fatalf("after Stay: screen %d, job title %q", w.current, f.jobTitle.Text)
	}

	// Another person: Save stores the change, then shows the other person.
	f.jobTitle.SetText("Head of people")
	w.people.list.Select(1)
	if f.person.ID != first.ID {
		t.Fatal("another person opened over unsaved changes")
	}
	w.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter: the default button, Save
	q.waitFor(t, "the second person open", func() bool { return f.person.ID != first.ID })
	if p, _ := st.Person(ctx, first.ID); p.JobTitle != "Head of people" {
		t.Errorf("saved job title %q", p.JobTitle)
	}

	// Nothing typed: leaving asks nothing.
	w.selectScreen(navAgenda)
	if w.current != navAgenda || len(w.dialogs.open) != 0 {
		t.Errorf("leaving an unchanged form: screen %d, %d dialogs", w.current, len(w.dialogs.open))
	}

	w.selectScreen(navPeople)
	w.people.list.Select(0)
	q.waitFor(t, "a form open", func() bool { return f.open })
	f.jobTitle.SetText("Typed, not saved")
	// Closing the window: Escape is Stay; Discard then quits (last: quitting
	// stops the window's work).
	w.onQuitRequested()
	w.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if quits != 0 || len(w.dialogs.open) != 0 || f.jobTitle.Text != "Typed, not saved" {
		t.Fatalf("Escape: quit %d times, %d dialogs, job title %q", quits, len(w.dialogs.open), f.jobTitle.Text)
	}
	w.onQuitRequested()
	tapButton(t, w.win.Canvas(), "Discard")
	if quits != 1 || f.jobTitle.Text == "Typed, not saved" {
		t.Fatalf("Discard: quit %d times, job title %q", quits, f.jobTitle.Text)
	}
}

func TestOpenFormTakesAnotherLaptopsChangeFromSync(t *testing.T) {
	ctx := context.Background()
	var ren data.Person
	l := newTwoLaptops(t, func(st *data.Store) {
		ren = savePeople(t, st, data.Person{GivenName: "Ren", FamilyName: "Ito", Email: "ren@example.jp", JobTitle: "Analyst"})[0]
	})
	stA, stB := l.a, l.b

	w, q := peopleWindow(t, syncedConfig(stB))
	f := w.people.form
	// On B the user changes the job title and types a note; meanwhile A
	// changes the e-mail and the job title.
	f.jobTitle.SetText("Translator")
	f.notes.SetText("Speaks Korean too")
	ra := ren
	ra.Email, ra.JobTitle = "ren.ito@example.jp", "Lead analyst"
	if err := stA.SavePerson(ctx, &ra); err != nil {
		t.Fatal(err)
	}
	l.syncA(t)
	if o := tapSyncNow(t, q, w); o.err != nil || o.report.Received == 0 {
		t.Fatalf("B's sync: %v %+v", o.err, o.report)
	}
	q.waitFor(t, "the e-mail taken into the form", func() bool { return f.email.Text == "ren.ito@example.jp" })
	if s := f.sync.summary.Text; !strings.Contains(s, "desk-A changed") || !strings.Contains(s, "E-mail") || !strings.Contains(s, "Job title") {
		t.Errorf("summary %q", s)
	}
	if f.jobTitle.Text != "Translator" || f.notes.Text != "Speaks Korean too" {
		t.Errorf("the user's own changes were replaced: %q, %q", f.jobTitle.Text, f.notes.Text)
	}
	choice := f.sync.choices[colJobTitle]
	if choice == nil || !strings.Contains(choice.text.Text, "Lead analyst") || !strings.Contains(choice.text.Text, "Translator") {
		t.Fatalf("no choice of both job titles: %+v", choice)
	}
	// Saving waits for the choice.
	test.Tap(f.save)
	if p, _ := stB.Person(ctx, ren.ID); p.JobTitle != "Lead analyst" || f.saving {
		t.Fatalf("saved before the user chose: %q", p.JobTitle)
	}
	test.Tap(choice.mine)
	test.Tap(f.save)
	q.waitFor(t, "saved", func() bool { return f.status.Text == "Saved." })
	p, _ := stB.Person(ctx, ren.ID)
	if p.Email != "ren.ito@example.jp" || p.JobTitle != "Translator" || p.Notes != "Speaks Korean too" {
		t.Errorf("stored %q, %q, %q", p.Email, p.JobTitle, p.Notes)
	}
}
