package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// twoLaptops is an event shared by laptop "desk-A" through a real folder
// and joined by "desk-B"; prepare runs on A before it shares.
type twoLaptops struct {
	a, b   *data.Store
	shared string
}

func newTwoLaptops(t *testing.T, prepare func(st *data.Store)) twoLaptops {
	t.Helper()
	ctx := context.Background()
	shared := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	stA := datatest.Open(t, nil)
	stA.SetLaptopName(ctx, "desk-A")
	event := data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London",
		Starts: time.Date(2026, 10, 23, 11, 0, 0, 0, time.UTC), Ends: time.Date(2026, 10, 23, 16, 0, 0, 0, time.UTC)}
	if err := stA.SaveEvent(ctx, &event); err != nil {
		t.Fatal(err)
	}
	prepare(stA)
	if _, err := fdsync.Share(ctx, stA, shared); err != nil {
		t.Fatal(err)
	}
	stB, _, err := joinInvited(ctx, stA, filepath.Join(t.TempDir(), "b.db"), shared)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stB.Close() })
	stB.SetLaptopName(ctx, "desk-B")
	return twoLaptops{a: stA, b: stB, shared: shared}
}

// syncA sends A's changes to the folder.
func (l twoLaptops) syncA(t *testing.T) {
	t.Helper()
	if _, err := (&fdsync.Engine{Store: l.a, Folder: fdsync.Dir{Root: l.shared}}).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// windowOn opens B's window on screen id.
func (l twoLaptops) windowOn(t *testing.T, id int) (*mainWindow, *uiQueue) {
	t.Helper()
	q := newUIQueue()
	w := newMainWindow(organiserApp(t), syncedConfig(l.b), q.do)
	t.Cleanup(w.win.Close)
	w.win.Resize(fyne.NewSize(1100, 720))
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.nav != nil && w.agenda != nil && w.exhibitors != nil })
	// The sync at start-up is over before A changes anything, so that the
	// change arrives with the sync the test starts.
	q.waitFor(t, "the first sync", func() bool {
		return w.sync != nil && !w.sync.status.outcome.at.IsZero() && !w.sync.status.running
	})
	w.selectScreen(id)
	return w, q
}

// checkMerged asserts what a form shows after the sync: the field the
// user left alone took A's value and is named in the summary, the field
// both changed waits for a choice quoting both values.
func checkMerged(t *testing.T, n *formSyncNotes, taken, clash, theirs, mine string) *syncChoice {
	t.Helper()
	if s := n.summary.Text; !n.summary.Visible() || !strings.Contains(s, "desk-A changed") || !strings.Contains(s, n.labels[taken]) || !strings.Contains(s, n.labels[clash]) {
		t.Errorf("summary %q (shows %v)", s, n.summary.Visible())
	}
	choice := n.choices[clash]
	if choice == nil || !strings.Contains(choice.text.Text, theirs) || !strings.Contains(choice.text.Text, mine) {
		t.Fatalf("no choice of both values of %s: %+v", clash, choice)
	}
	return choice
}

func TestOpenSessionFormTakesAnotherLaptopsChangeFromSync(t *testing.T) {
	ctx := context.Background()
	var sess data.Session
	l := newTwoLaptops(t, func(st *data.Store) {
		sess = data.Session{Title: "Careers in translation", Kind: data.SessionTalk, Room: "Room 1",
			Starts: time.Date(2026, 10, 23, 12, 0, 0, 0, time.UTC), Ends: time.Date(2026, 10, 23, 12, 45, 0, 0, time.UTC)}
		if err := st.SaveSession(ctx, &sess, nil); err != nil {
			t.Fatal(err)
		}
	})
	w, q := l.windowOn(t, navAgenda)
	q.waitFor(t, "the agenda read", func() bool { _, ok := w.agenda.session(sess.ID); return ok })
	w.agenda.onEdit(sess.ID)
	f := w.agenda.form
	// On B the user retitles the session and adds a description; on A
	// someone moves it to another room and retitles it too.
	f.title.SetText("Translation careers")
	f.description.SetText("With two working translators")
	sa := sess
	sa.Room, sa.Title = "Main stage", "Translating for a living"
	if err := l.a.SaveSession(ctx, &sa, nil); err != nil {
		t.Fatal(err)
	}
	l.syncA(t)
	if o := tapSyncNow(t, q, w); o.err != nil || o.report.Received == 0 {
		t.Fatalf("B's sync: %v %+v", o.err, o.report)
	}
	q.waitFor(t, "the room taken into the form", func() bool { return f.room.Text == "Main stage" })
	choice := checkMerged(t, f.sync, "room", "title", "Translating for a living", "Translation careers")
	if f.title.Text != "Translation careers" || f.description.Text != "With two working translators" {
		t.Errorf("the user's own changes were replaced: %q, %q", f.title.Text, f.description.Text)
	}
	test.Tap(f.dlg.save)
	if got := mustSession(t, l.b, sess.ID); got.Title != "Translating for a living" || f.saving {
		t.Fatalf("saved before the user chose: %q", got.Title)
	}
	if !strings.Contains(f.dlg.status.Text, "Choose which value to keep") {
		t.Errorf("no word of why it was not saved: %q", f.dlg.status.Text)
	}
	test.Tap(choice.theirs)
	test.Tap(f.dlg.save)
	q.waitFor(t, "saved", func() bool { return !f.dlg.isOpen() })
	got := mustSession(t, l.b, sess.ID)
	if got.Title != "Translating for a living" || got.Room != "Main stage" || got.Description != "With two working translators" {
		t.Errorf("stored %q, %q, %q", got.Title, got.Room, got.Description)
	}
}

func mustSession(t *testing.T, st *data.Store, id string) data.SessionRow {
	t.Helper()
	all, err := st.Sessions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no session %s", id)
	return data.SessionRow{}
}

func TestOpenBoothFormTakesAnotherLaptopsChangeFromSync(t *testing.T) {
	ctx := context.Background()
	var booth data.Booth
	var staff data.Person
	l := newTwoLaptops(t, func(st *data.Store) {
		staff = savePeople(t, st, data.Person{GivenName: "Mei", FamilyName: "Sato", Email: "mei@example.jp"})[0]
		booth = data.Booth{Code: "A12", Name: "Kaisha Ltd", Location: "Hall A"}
		if err := st.SaveBooth(ctx, &booth, nil); err != nil {
			t.Fatal(err)
		}
	})
	w, q := l.windowOn(t, navExhibitors)
	q.waitFor(t, "the booths read", func() bool { return len(w.exhibitors.boothRows) == 1 })
	w.exhibitors.openBooth(w.exhibitors.boothRows[0])
	f := w.exhibitors.boothForm
	f.location.SetText("Hall B, by the door")
	ba := booth
	ba.Location, ba.Name = "Hall C", "Kaisha Holdings"
	if err := l.a.SaveBooth(ctx, &ba, []string{staff.ID}); err != nil {
		t.Fatal(err)
	}
	l.syncA(t)
	if o := tapSyncNow(t, q, w); o.err != nil || o.report.Received == 0 {
		t.Fatalf("B's sync: %v %+v", o.err, o.report)
	}
	q.waitFor(t, "the name taken into the form", func() bool { return f.name.Text == "Kaisha Holdings" })
	choice := checkMerged(t, f.sync, "name", "location", "Hall C", "Hall B, by the door")
	if ids := f.staff.ids(); len(ids) != 1 || ids[0] != staff.ID {
		t.Errorf("A's staff list was not taken: %v", ids)
	}
	test.Tap(f.dlg.save)
	if got := mustBooth(t, l.b, booth.ID); got.Location != "Hall C" || f.saving {
		t.Fatalf("saved before the user chose: %q", got.Location)
	}
	test.Tap(choice.mine)
	test.Tap(f.dlg.save)
	q.waitFor(t, "saved", func() bool { return !f.dlg.isOpen() })
	got := mustBooth(t, l.b, booth.ID)
	if got.Location != "Hall B, by the door" || got.Name != "Kaisha Holdings" || len(got.Staff) != 1 {
		t.Errorf("stored %q, %q, staff %v", got.Location, got.Name, got.Staff)
	}
}

func mustBooth(t *testing.T, st *data.Store, id string) data.BoothRow {
	t.Helper()
	all, err := st.Booths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range all {
		if b.ID == id {
			return b
		}
	}
	t.Fatalf("no booth %s", id)
	return data.BoothRow{}
}

func TestOpenLeadTakesAnotherLaptopsChangeFromSync(t *testing.T) {
	ctx := context.Background()
	var booth data.Booth
	var visitor data.Person
	l := newTwoLaptops(t, func(st *data.Store) {
		visitor = savePeople(t, st, data.Person{GivenName: "Ren", FamilyName: "Ito", Email: "ren@example.jp", Consent: true})[0]
		booth = data.Booth{Code: "B3", Name: "Start-up Co"}
		if err := st.SaveBooth(ctx, &booth, nil); err != nil {
			t.Fatal(err)
		}
		lead := data.Lead{BoothID: booth.ID, PersonID: visitor.ID, Notes: "Wants an internship", Rating: data.RatingWarm}
		if err := st.SaveLead(ctx, &lead); err != nil {
			t.Fatal(err)
		}
	})
	q := newUIQueue()
	test.NewTempApp(t)
	s := newVisitorsScreen(visitorsDeps{screenEnv: q.env(ctx), store: l.b})
	test.NewWindow(s.content)
	s.setBooth(booth.ID, "Mei")
	p, err := l.b.Person(ctx, visitor.ID)
	if err != nil {
		t.Fatal(err)
	}
	s.openLead(p)
	q.waitFor(t, "the lead open", func() bool { return s.leadOpen() })
	// A colleague on laptop A rates the visitor hot and rewrites the
	// notes; on B the notes were being rewritten too.
	s.notes.SetText("Wants an internship in Osaka")
	la, err := l.a.Lead(ctx, booth.ID, visitor.ID)
	if err != nil {
		t.Fatal(err)
	}
	la.Rating, la.Notes, la.FollowUp = data.RatingHot, "Send the graduate brochure", true
	if err := l.a.SaveLead(ctx, &la); err != nil {
		t.Fatal(err)
	}
	l.syncA(t)
	if _, err := (&fdsync.Engine{Store: l.b, Folder: fdsync.Dir{Root: l.shared}}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	s.onSynced()
	q.waitFor(t, "the rating taken into the editor", func() bool { return s.rating.Selected == "Hot" })
	if !s.followUp.Checked {
		t.Errorf("A's follow-up flag not taken")
	}
	choice := checkMerged(t, s.leadSync, "rating", "notes", "Send the graduate brochure", "Wants an internship in Osaka")
	test.Tap(s.saveLead)
	if got, _ := l.b.Lead(ctx, booth.ID, visitor.ID); got.Notes != "Send the graduate brochure" || s.leadSaving {
		t.Fatalf("saved before the user chose: %q", got.Notes)
	}
	test.Tap(choice.mine)
	test.Tap(s.saveLead)
	q.waitFor(t, "saved", func() bool { return s.saved.Text == "Saved." })
	got, _ := l.b.Lead(ctx, booth.ID, visitor.ID)
	if got.Notes != "Wants an internship in Osaka" || got.Rating != data.RatingHot || !got.FollowUp {
		t.Errorf("stored %+v", got)
	}
	if s.unsaved() {
		t.Errorf("the saved lead still counts as unsaved")
	}
}
