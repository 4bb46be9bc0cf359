package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// openedBackupWindow starts a window on the event "Open now" as main
// does when the app is started with file: Config.OpenBackup, and a
// RestoreBackup that swaps the database for the backup as main's does.
// restores counts the restores asked for (on the restore's goroutine).
func openedBackupWindow(t *testing.T, a fyne.App, st *data.Store, file string) (w *mainWindow, q *uiQueue, restores *atomic.Int32) {
	t.Helper()
	restores = new(atomic.Int32)
	path := st.Path()
	restore := func(ctx context.Context, backup string) (*data.Store, string, error) {
		restores.Add(1)
		st.Close()
		if _, err := data.RestoreBackup(ctx, backup, path); err != nil {
			return datatest.OpenAt(t, path, nil), path, err
		}
		return datatest.OpenAt(t, path, nil), path, nil
	}
	q = newUIQueue()
	w = newMainWindow(a, Config{Store: st, Path: path, RestoreBackup: restore, OpenBackup: file}, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.nav != nil })
	return w, q, restores
}

// eventStore is a database in its own folder holding the event name with
// n people.
func eventStore(t *testing.T, name string, n int) *data.Store {
	t.Helper()
	st := datatest.Open(t, nil)
	ev := data.Event{Name: name, TimeZone: "Europe/London", Starts: datatest.FairDay(11, 0), Ends: datatest.FairDay(16, 0)}
	datatest.Must(t, st.SaveEvent(context.Background(), &ev))
	savePeople(t, st, fairPeople()[:n]...)
	return st
}

func eventName(t *testing.T, st *data.Store) string {
	t.Helper()
	ev, err := st.Event(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ev.Name
}

// dialogTexts is the text of the labels in the top dialog.
func dialogTexts(c fyne.Canvas) string {
	top := c.Overlays().Top()
	if top == nil {
		return ""
	}
	var texts []string
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			texts = append(texts, l.Text)
		}
	})
	return strings.Join(texts, "\n")
}

// A backup the app is started with (a double-click on it) is offered with
// what it holds and restored only when the user says so.
func TestStartedWithABackupOffersToRestoreIt(t *testing.T) {
	backup := filepath.Join(t.TempDir(), "Fairdesk 2026-10-22 1800.fairdesk")
	datatest.Must(t, eventStore(t, "Backed-up Fair", 3).Backup(context.Background(), backup))

	// Cancel keeps the event open now.
	st := eventStore(t, "Open now", 1)
	w, q, restores := openedBackupWindow(t, organiserApp(t), st, backup)
	q.waitFor(t, "the offer", func() bool { return strings.Contains(dialogTexts(w.win.Canvas()), "Restore this backup?") })
	offer := dialogTexts(w.win.Canvas())
	if !strings.Contains(offer, "“Backed-up Fair”: 3 people") || !strings.Contains(offer, "before-restore.bak") {
		t.Errorf("the offer says:\n%s", offer)
	}
	tapButton(t, w.win.Canvas(), "Cancel")
	q.settle()
	if restores.Load() != 0 || eventName(t, w.store) != "Open now" {
		t.Fatalf("after Cancel: %d restores, event %q", restores.Load(), eventName(t, w.store))
	}
	if w.cfg.OpenBackup != "" {
		t.Error("the backup would be offered again when the window shows another event")
	}

	// Restore puts the backup in its place.
	st = eventStore(t, "Open now", 1)
	w, q, restores = openedBackupWindow(t, organiserApp(t), st, backup)
	q.waitFor(t, "the offer", func() bool { return strings.Contains(dialogTexts(w.win.Canvas()), "Restore this backup?") })
	tapButton(t, w.win.Canvas(), "Restore")
	q.waitFor(t, "the backup open", func() bool { return restores.Load() == 1 && w.store != st && w.nav != nil })
	if name := eventName(t, w.store); name != "Backed-up Fair" {
		t.Errorf("the window shows %q after the restore", name)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path()), "*before-restore*"))
	if len(kept) == 0 {
		t.Error("the event that was open is not kept beside the database")
	}
}

// A file that is no backup, and a laptop in booth-staff mode, get a
// message and change nothing.
func TestStartedWithAFileThatCannotBeRestored(t *testing.T) {
	notes := filepath.Join(t.TempDir(), "notes.fairdesk")
	datatest.Must(t, os.WriteFile(notes, []byte("not a database"), 0o600))
	st := eventStore(t, "Open now", 1)
	w, q, restores := openedBackupWindow(t, organiserApp(t), st, notes)
	q.waitFor(t, "the message", func() bool { return strings.Contains(dialogTexts(w.win.Canvas()), "This file cannot be restored") })
	if restores.Load() != 0 || eventName(t, w.store) != "Open now" {
		t.Errorf("%d restores, event %q", restores.Load(), eventName(t, w.store))
	}

	backup := filepath.Join(t.TempDir(), "b.fairdesk")
	datatest.Must(t, eventStore(t, "Backed-up Fair", 2).Backup(context.Background(), backup))
	f := newDeskFixture(t)
	a := test.NewTempApp(t)
	saveMode(a.Preferences(), appMode{Exhibitor: true, BoothID: f.booth.ID, Name: "Staff", pin: "482916"})
	w, q, restores = openedBackupWindow(t, a, f.st, backup)
	q.waitFor(t, "the message", func() bool { return strings.Contains(dialogTexts(w.win.Canvas()), "booth-staff mode") })
	q.settle()
	if restores.Load() != 0 || eventName(t, w.store) != "Alumni Careers Fair" || strings.Contains(dialogTexts(w.win.Canvas()), "Restore this backup?") {
		t.Errorf("booth staff: %d restores, event %q", restores.Load(), eventName(t, w.store))
	}
}
