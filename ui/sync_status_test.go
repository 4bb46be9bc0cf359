package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/keychain"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// syncedConfig syncs st with the real engine, leaving syncing to the
// test's taps: the timers would otherwise sync at moments the test does
// not choose. (The program's own Syncer is in cmd/fairdesk.)
func syncedConfig(st *data.Store) Config {
	return Config{Store: st, Syncer: newTestSyncer, SyncEvery: time.Hour, WatchEvery: time.Hour}
}

// testSyncer is the real engine over the folder or bucket st remembers,
// a bucket's keys read from the keychain as the program reads them.
type testSyncer struct{ st *data.Store }

func newTestSyncer(st *data.Store) Syncer { return testSyncer{st} }

func (s testSyncer) Folder(ctx context.Context) string { return fdsync.RememberedFolder(ctx, s.st) }

func (s testSyncer) LastSuccess(ctx context.Context) time.Time { return fdsync.LastSuccess(ctx, s.st) }

func (s testSyncer) Share(ctx context.Context, dir string) (fdsync.Report, error) {
	return fdsync.SharePlace(ctx, s.st, dir, keychain.Credentials)
}

func (s testSyncer) Sync(ctx context.Context) (fdsync.Report, error) {
	f, err := fdsync.OpenPlace(s.Folder(ctx), keychain.Credentials)
	if err != nil {
		return fdsync.Report{}, err
	}
	return (&fdsync.Engine{Store: s.st, Folder: f}).Sync(ctx)
}

func (s testSyncer) Fingerprint(ctx context.Context) (string, error) {
	f, err := fdsync.OpenPlace(s.Folder(ctx), keychain.Credentials)
	if err != nil {
		return "", err
	}
	fp, err := fdsync.Fingerprint(ctx, f)
	return fmt.Sprint(s.st.LastSeq(), fp), err
}

// testJoin joins as cmd/fairdesk does, into a new database named laptop,
// from a folder or a bucket; on failure the window carries on with empty.
// The join runs in the background: the test reads the joined store from
// joined.
func testJoin(t *testing.T, empty *data.Store, laptop string, joined *atomic.Pointer[data.Store]) func(context.Context, string, []byte, string) (*data.Store, string, error) {
	return func(ctx context.Context, where string, invitation []byte, passphrase string) (*data.Store, string, error) {
		inv, err := fdsync.OpenInvitation(invitation, passphrase)
		if err != nil {
			return empty, "", err
		}
		path := filepath.Join(t.TempDir(), "joined.db")
		st, _, err := fdsync.JoinPlace(ctx, path, where, inv, keychain.Credentials)
		if st == nil {
			return empty, "", err
		}
		t.Cleanup(func() { st.Close() })
		st.SetLaptopName(ctx, laptop)
		joined.Store(st)
		return st, path, nil
	}
}

func organiserApp(t *testing.T) fyne.App {
	a := test.NewTempApp(t)
	saveMode(a.Preferences(), appMode{})
	return a
}

// tapSyncNow taps the status line's "Sync now" and waits for that sync.
func tapSyncNow(t *testing.T, q *uiQueue, w *mainWindow) syncOutcome {
	t.Helper()
	q.waitFor(t, "the sync parts", func() bool { return w.sync != nil })
	s := w.sync.status
	q.waitFor(t, "the previous sync to end", func() bool { return !s.outcome.at.IsZero() && !s.running })
	before := s.outcome.at
	test.Tap(s.syncNow)
	q.waitFor(t, "a sync after the tap", func() bool { return s.outcome.at.After(before) && !s.running })
	return s.outcome
}

func TestTwoLaptopsSyncThroughOneFolder(t *testing.T) {
	ctx := context.Background()
	shared := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}

	// Laptop A has the event and shares it from Settings → Sync.
	stA := datatest.Open(t, nil)
	stA.SetLaptopName(ctx, "desk-A")
	event := data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London",
		Starts: time.Date(2026, 10, 23, 11, 0, 0, 0, time.UTC), Ends: time.Date(2026, 10, 23, 16, 0, 0, 0, time.UTC)}
	if err := stA.SaveEvent(ctx, &event); err != nil {
		t.Fatal(err)
	}
	yui := savePeople(t, stA, data.Person{GivenName: "Yui", FamilyName: "Sato", Email: "yui@example.jp"})[0]
	app := organiserApp(t)
	q := newUIQueue()
	cfgA := syncedConfig(stA)
	cfgA.Path = stA.Path()
	a := newMainWindow(app, cfgA, q.do)
	t.Cleanup(a.win.Close)
	a.start()
	q.waitFor(t, "A's status before sharing", func() bool {
		return a.sync != nil && strings.HasPrefix(a.sync.status.text.Text, "Not shared")
	})
	a.sync.settings.chooseFolder = func(_ string, then func(string)) { then(shared) }
	test.Tap(a.sync.settings.share)
	q.waitFor(t, "shared", func() bool { return strings.HasPrefix(a.sync.settings.result.Text, "Shared.") })

	// Laptop B starts empty and joins the event from the folder.
	stB0 := datatest.Open(t, nil)
	var joined atomic.Pointer[data.Store]
	cfgB := syncedConfig(stB0)
	cfgB.JoinEvent = testJoin(t, stB0, "desk-B", &joined)
	b := newMainWindow(app, cfgB, q.do)
	t.Cleanup(b.win.Close)
	b.start()
	q.waitFor(t, "B on its empty event", func() bool { return b.sync != nil && b.current == navSettings })
	b.sync.settings.chooseFolder = func(_ string, then func(string)) { then(shared) }
	test.Tap(b.sync.settings.join)
	if len(b.dialogs.open) != 1 {
		t.Fatal("joining did not ask first")
	}
	// The organiser on A invites B; B pastes the code and the passphrase.
	_, code, err := fdsync.Invite(ctx, stA, fdsync.Dir{Root: shared}, data.LaptopOrganiser, "", testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	form := b.sync.settings.joining
	test.Type(form.invitation, code)
	test.Type(form.passphrase, testPassphrase)
	test.Tap(form.join)
	q.waitFor(t, "B showing the joined event", func() bool {
		st := joined.Load()
		return st != nil && b.store == st && b.win.Title() == "Fairdesk — Alumni Careers Fair"
	})
	stB := joined.Load()
	if _, err := stB.Person(ctx, yui.ID); err != nil {
		t.Fatalf("the joined event lacks Yui: %v", err)
	}

	// A person added on A shows on B after a sync on each.
	ren := savePeople(t, stA, data.Person{GivenName: "Ren", FamilyName: "Ito", Email: "ren@example.jp"})[0]
	if o := tapSyncNow(t, q, a); o.err != nil || o.report.Sent == 0 {
		t.Fatalf("A's sync: %v, %+v", o.err, o.report)
	}
	b.selectScreen(navPeople)
	if o := tapSyncNow(t, q, b); o.err != nil || o.report.Received == 0 {
		t.Fatalf("B's sync: %v, %+v", o.err, o.report)
	}
	q.waitFor(t, "Ren in B's people list", func() bool { return b.people.total == 2 })
	line := b.sync.status.text.Text
	if !strings.HasPrefix(line, "Synced ") || !strings.Contains(line, "1 other laptop: desk-A ") {
		t.Errorf("B's status line %q", line)
	}

	// The same field changed on both laptops becomes a conflict on both.
	ra, rb := ren, ren
	ra.JobTitle, rb.JobTitle = "Analyst", "Translator"
	if err := stA.SavePerson(ctx, &ra); err != nil {
		t.Fatal(err)
	}
	if err := stB.SavePerson(ctx, &rb); err != nil {
		t.Fatal(err)
	}
	if o := tapSyncNow(t, q, a); !strings.Contains(a.sync.status.text.Text, "1 local change not yet shared") && o.report.Sent == 0 {
		t.Errorf("A's status after an edit %q", a.sync.status.text.Text)
	}
	tapSyncNow(t, q, b)
	tapSyncNow(t, q, a)
	b.selectScreen(navConflicts)
	q.waitFor(t, "the conflict on B", func() bool { return len(b.sync.conflicts.cards) == 1 })
	if title := b.entries[navConflicts].title; title != "Conflicts (1)" {
		t.Errorf("B's sidebar says %q", title)
	}
	q.waitFor(t, "the count on A", func() bool { return a.entries[navConflicts].title == "Conflicts (1)" })
	var card *conflictCard
	for _, c := range b.sync.conflicts.cards {
		card = c
	}
	if !strings.Contains(card.body.Text, "Analyst") || !strings.Contains(card.body.Text, "Translator") ||
		!strings.Contains(card.card.Subtitle, "Job title of Ren Ito") {
		t.Errorf("conflict card %q / %q", card.card.Subtitle, card.body.Text)
	}
	want := card.view.Other
	test.Tap(card.other)
	q.waitFor(t, "the conflict resolved on B", func() bool { return len(b.sync.conflicts.cards) == 0 })
	// Resolving asks for a sync; then A catches up.
	tapSyncNow(t, q, b)
	tapSyncNow(t, q, a)
	for name, st := range map[string]*data.Store{"A": stA, "B": stB} {
		p, err := st.Person(ctx, ren.ID)
		if err != nil {
			t.Fatal(err)
		}
		open, _ := st.Conflicts(ctx, false)
		if p.JobTitle != want || len(open) != 0 {
			t.Errorf("%s has job title %q and %d open conflicts; want %q and none", name, p.JobTitle, len(open), want)
		}
	}
	q.waitFor(t, "A's count cleared", func() bool { return a.entries[navConflicts].title == "Conflicts" })

	// The history of Ren says who changed the job title, and where.
	h := showHistory(ctx, stB, q.do, b.win, b.dialogs.show, "Ren Ito", "people", ren.ID)
	q.waitFor(t, "history read", func() bool { return len(h.lines) > 0 })
	if joined := strings.Join(h.lines, "\n"); !strings.Contains(joined, "changed Job title") || !strings.Contains(joined, "desk-A") {
		t.Errorf("history:\n%s", joined)
	}

	// With the folder gone, A works offline and says so in the status line.
	if err := os.Rename(shared, shared+".away"); err != nil {
		t.Fatal(err)
	}
	tapSyncNow(t, q, a)
	if line := a.sync.status.text.Text; !strings.HasPrefix(line, "Working offline: the shared folder "+shared+" cannot be reached; will retry") {
		t.Errorf("offline status line %q", line)
	}
	if len(a.dialogs.open) != 0 {
		t.Error("working offline opened a dialog")
	}
	os.Rename(shared+".away", shared)
	if o := tapSyncNow(t, q, a); o.err != nil || !strings.HasPrefix(a.sync.status.text.Text, "Synced ") {
		t.Errorf("back online: %v, %q", o.err, a.sync.status.text.Text)
	}
}

func TestStatusLine(t *testing.T) {
	now := time.Date(2026, 10, 23, 12, 5, 0, 0, time.Local)
	at := func(h, m int) time.Time { return time.Date(2026, 10, 23, h, m, 0, 0, time.Local) }
	o := syncOutcome{folder: "/mnt/fair", last: at(12, 3), report: fdsync.Report{Unsent: 3, Peers: []data.Peer{
		{Name: "desk-2", SeenAt: at(12, 2)}, {Name: "booth-A04", SeenAt: at(11, 58)}},
		Problems: []string{"booth-A04's clock is 2h0m0s ahead of this laptop's; set its date and time"}}}
	line, trouble := statusLine(o, now)
	want := "Synced 12:03 · 3 local changes not yet shared · 2 other laptops: desk-2 12:02, booth-A04 11:58 · " +
		"Booth-A04's clock is 2h0m0s ahead of this laptop's; set its date and time"
	if line != want || !trouble {
		t.Errorf("got %q (%v)\nwant %q", line, trouble, want)
	}
	o.err = fdsync.ErrUnreachable
	if line, _ := statusLine(o, now); line != "Working offline: the shared folder /mnt/fair cannot be reached; will retry · synced 12:03" {
		t.Errorf("offline: %q", line)
	}
}
