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

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// invitationFile is a real invitation, as Settings → Sync → Invite a
// laptop saves it, to the event an organiser's laptop shared into a new
// folder; it returns the file, the folder and the invitation's code.
func invitationFile(t *testing.T, name string) (file, shared, code string) {
	t.Helper()
	ctx := context.Background()
	organiser := eventStore(t, "Alumni Careers Fair", 2)
	shared = t.TempDir()
	_, err := fdsync.Share(ctx, organiser, shared)
	datatest.Must(t, err)
	b, code, err := fdsync.Invite(ctx, organiser, fdsync.Dir{Root: shared}, data.LaptopOrganiser, "Reception", testPassphrase)
	datatest.Must(t, err)
	file = filepath.Join(t.TempDir(), name)
	datatest.Must(t, os.WriteFile(file, b, 0o600))
	return file, shared, code
}

// openedInvitationWindow starts a window on st as main does when the app
// is started with an invitation file, with a JoinEvent that joins into a
// new database as main's does; joins counts the joins asked for, and also
// changes the rest of the config.
func openedInvitationWindow(t *testing.T, a fyne.App, st *data.Store, file string, also ...func(*Config)) (w *mainWindow, q *uiQueue, joins *atomic.Int32) {
	t.Helper()
	joins = new(atomic.Int32)
	join := func(ctx context.Context, dir string, invitation []byte, passphrase string) (*data.Store, string, error) {
		joins.Add(1)
		inv, err := fdsync.OpenInvitation(invitation, passphrase)
		if err != nil {
			return st, "", err
		}
		path := filepath.Join(t.TempDir(), "joined.db")
		joined, _, err := fdsync.Join(ctx, path, dir, inv)
		if joined == nil {
			return st, "", err
		}
		t.Cleanup(func() { joined.Close() })
		return joined, path, nil
	}
	cfg := syncedConfig(st)
	cfg.Path, cfg.JoinEvent, cfg.OpenInvitation = st.Path(), join, file
	for _, f := range also {
		f(&cfg)
	}
	q = newUIQueue()
	w = newMainWindow(a, cfg, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.nav != nil })
	return w, q, joins
}

// The join dialog on top of the window, or nil.
func shownJoinForm(w *mainWindow) *joinForm {
	f, top := w.sync.settings.joining, w.win.Canvas().Overlays().Top()
	if f == nil || top == nil || !isIn(top, f.invitation) {
		return nil
	}
	return f
}

func isIn(top fyne.CanvasObject, o fyne.CanvasObject) bool {
	found := false
	walk(top, func(c fyne.CanvasObject) { found = found || c == o })
	return found
}

// An invitation the app is started with (a double-click on it) opens the
// Join an event dialog with the invitation loaded; it joins only once the
// user has chosen the folder and typed the passphrase, and says first that
// the event open now stays as it is.
func TestStartedWithAnInvitationOpensJoinWithIt(t *testing.T) {
	file, shared, code := invitationFile(t, "fairdesk-invitation"+fdsync.InvitationExt)
	st := eventStore(t, "Open now", 1)
	w, q, joins := openedInvitationWindow(t, organiserApp(t), st, file)
	q.waitFor(t, "the join dialog", func() bool { return shownJoinForm(w) != nil })
	f := shownJoinForm(w)
	if f.invitation.Text != code {
		t.Fatalf("the invitation field holds %.40q…, not the invitation's code", f.invitation.Text)
	}
	if f.passphrase.Text != "" || f.dir != "" {
		t.Errorf("the dialog came with passphrase %q and folder %q filled in", f.passphrase.Text, f.dir)
	}
	q.waitFor(t, "what becomes of the event open now", func() bool { return strings.Contains(f.current.Text, "“Open now”") })
	if !strings.Contains(f.current.Text, "new event database") || !strings.Contains(f.current.Text, "Nothing of “Open now”, the event open now, changes") {
		t.Errorf("the dialog says: %s", f.current.Text)
	}

	// Join with no folder chosen says so and keeps the dialog.
	test.Type(f.passphrase, testPassphrase)
	test.Tap(f.join)
	if joins.Load() != 0 || !strings.Contains(f.status.Text, "Choose the shared folder") || shownJoinForm(w) == nil {
		t.Fatalf("Join with no folder: %d joins, status %q", joins.Load(), f.status.Text)
	}

	// With the folder chosen, Join joins the shared event.
	w.sync.settings.chooseFolder = func(_ string, then func(string)) { then(shared) }
	test.Tap(f.choose)
	if f.folder.Text != shared {
		t.Fatalf("the folder shows %q", f.folder.Text)
	}
	test.Tap(f.join)
	q.waitFor(t, "the joined event", func() bool { return w.store != st && w.win.Title() == "Fairdesk — Alumni Careers Fair" })
	if joins.Load() != 1 || eventName(t, st) != "Open now" {
		t.Errorf("%d joins; the event that was open is now %q", joins.Load(), eventName(t, st))
	}
	if w.cfg.OpenInvitation != "" {
		t.Error("the invitation would be offered again when the window shows another event")
	}
}

// An invitation saved with the old .age name loads the same, and a laptop
// with no event yet is told so rather than warned about one, with no demo
// event loaded first to be set aside by the join.
func TestStartedWithAnOldInvitationOnAnEmptyLaptop(t *testing.T) {
	file, _, code := invitationFile(t, "fairdesk-invitation.age")
	var demos atomic.Int32
	w, q, _ := openedInvitationWindow(t, organiserApp(t), datatest.Open(t, nil), file, func(cfg *Config) {
		cfg.LoadDemo = func(context.Context) error { demos.Add(1); return nil }
	})
	q.waitFor(t, "the join dialog", func() bool { return shownJoinForm(w) != nil })
	f := shownJoinForm(w)
	q.waitFor(t, "what joining does", func() bool { return strings.Contains(f.current.Text, "holds no event yet") })
	if f.invitation.Text != code {
		t.Errorf("the invitation field holds %.40q…", f.invitation.Text)
	}
	if demos.Load() != 0 {
		t.Error("the demo event was loaded on a laptop started to join an event")
	}
}

// Booth staff, and a file that is gone, get a message and no join dialog.
func TestStartedWithAnInvitationThatCannotBeUsed(t *testing.T) {
	file, _, _ := invitationFile(t, "i"+fdsync.InvitationExt)
	d := newDeskFixture(t)
	a := test.NewTempApp(t)
	saveMode(a.Preferences(), appMode{Exhibitor: true, BoothID: d.booth.ID, Name: "Staff", pin: "482916"})
	w, q, _ := openedInvitationWindow(t, a, d.st, file)
	q.waitFor(t, "the message", func() bool {
		return strings.Contains(dialogTexts(w.win.Canvas()), "booth-staff mode, which does not join")
	})
	q.settle()
	if w.sync.settings.joining != nil {
		t.Error("booth staff got the join dialog")
	}

	gone := filepath.Join(t.TempDir(), "gone"+fdsync.InvitationExt)
	w, q, _ = openedInvitationWindow(t, organiserApp(t), eventStore(t, "Open now", 1), gone)
	q.waitFor(t, "the message", func() bool { return strings.Contains(dialogTexts(w.win.Canvas()), "could not be read") })
	if w.sync.settings.joining != nil || !strings.Contains(dialogTexts(w.win.Canvas()), "nothing was changed") {
		t.Errorf("a missing invitation: join dialog %v, message %q", w.sync.settings.joining != nil, dialogTexts(w.win.Canvas()))
	}
}
