package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// Joining on a laptop that holds an event opens the shared event and
// keeps the one that was open, as it was, in the .event.bak beside the
// database, as the join dialog promises; a wrong passphrase changes
// nothing at all.
func TestJoinKeepsTheEventThatWasOpen(t *testing.T) {
	ctx := context.Background()
	invitation, shared := sharedInvitation(t)

	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	st := datatest.OpenAt(t, path, nil)
	datatest.Must(t, st.SaveEvent(ctx, &data.Event{Name: "Open now", TimeZone: "Europe/London"}))
	yui := data.Person{GivenName: "Yui", FamilyName: "Sato"}
	datatest.Must(t, st.SavePerson(ctx, &yui))
	d := &eventDatabase{path: path, store: st}
	defer d.close()

	if got, _, err := d.join(ctx, shared, invitation, "not the passphrase"); err == nil || got != st {
		t.Fatalf("a wrong passphrase: err %v, store changed %v", err, got != st)
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "*.event.bak")); len(kept) != 0 {
		t.Fatalf("a failed join set the event aside: %v", kept)
	}

	joined, _, err := d.join(ctx, shared, invitation, testPassphrase)
	datatest.Must(t, err)
	if ev, err := joined.Event(ctx); err != nil || ev.Name != "Alumni Careers Fair" {
		t.Fatalf("after the join the database holds %q (%v)", ev.Name, err)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "event.db.*.event.bak"))
	if len(kept) != 1 {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("kept %v; the folder holds %v", kept, entries)
	}
	old := datatest.OpenAt(t, kept[0], nil)
	if ev, err := old.Event(ctx); err != nil || ev.Name != "Open now" {
		t.Errorf("the kept database holds %q (%v)", ev.Name, err)
	}
	if p, err := old.Person(ctx, yui.ID); err != nil || p.GivenName != "Yui" {
		t.Errorf("the kept database lost Yui: %v", err)
	}
}
