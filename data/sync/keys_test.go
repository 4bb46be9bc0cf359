package sync

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestWrongPassphraseOrAnotherEventsInvitationChangesNothing(t *testing.T) {
	ctx := context.Background()
	f := newPrivateFair(t)
	file, code, err := Invite(ctx, f.org.st, Dir{Root: f.dir}, data.BoothLaptop(f.Booth.ID), "", testPassphrase)
	datatest.Must(t, err)
	if _, err := OpenInvitation(file, "not the passphrase"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if strings.Contains(code, f.Booth.ID) || !strings.HasPrefix(code, codePrefix) {
		t.Fatal("the code is not opaque")
	}
	inv, err := OpenInvitation([]byte(code+"\n"), testPassphrase)
	if err != nil || inv.Role() != data.BoothLaptop(f.Booth.ID) {
		t.Fatalf("the text code does not open like the file: %v", err)
	}
	// An invitation for another event, with this event's folder.
	other := datatest.Open(t, nil)
	datatest.Must(t, other.SaveEvent(ctx, &data.Event{Name: "Other fair", TimeZone: "Europe/London"}))
	otherDir := t.TempDir()
	_, err = shareTest(ctx, other, otherDir)
	datatest.Must(t, err)
	otherFile, _, err := Invite(ctx, other, Dir{Root: otherDir}, data.LaptopOrganiser, "", testPassphrase)
	datatest.Must(t, err)
	otherInv, err := OpenInvitation(otherFile, testPassphrase)
	datatest.Must(t, err)
	before := tree(t, f.dir)
	path := filepath.Join(t.TempDir(), "new.db")
	if _, _, err := Join(ctx, path, f.dir, otherInv); err == nil || !strings.Contains(err.Error(), "another event") {
		t.Fatalf("joined with another event's invitation: %v", err)
	}
	sameTree(t, f.dir, before)
	if _, err := os.Stat(path); err == nil {
		t.Fatal("a refused join made a database")
	}
}

func TestUnencryptedFolderIsRefusedAndNothingIsLost(t *testing.T) {
	ctx := context.Background()
	f := newPrivateFair(t)
	old := t.TempDir()
	os.WriteFile(filepath.Join(old, legacyEventFile), []byte(`{"format":1,"event":"x","name":"Old"}`), 0o600)
	before := f.org.dump(t)
	e := &Engine{Store: f.org.st, Folder: Dir{Root: old}}
	if _, err := e.Sync(ctx); err == nil || !strings.Contains(err.Error(), "unencrypted format") || !strings.Contains(err.Error(), "share the event again") {
		t.Fatalf("an unencrypted folder was not refused with the way out: %v", err)
	}
	if _, err := Share(ctx, f.org.st, old); err == nil || !strings.Contains(err.Error(), "unencrypted format") {
		t.Fatalf("share into an unencrypted folder: %v", err)
	}
	if f.org.dump(t) != before {
		t.Fatal("the refused folder changed the database")
	}
}

func TestRemovedLaptopReadsNothingWrittenAfterItsRemoval(t *testing.T) {
	ctx := context.Background()
	f := newPrivateFair(t)
	second, _, err := joinAs(ctx, f.org.st, filepath.Join(t.TempDir(), "org2.db"), f.dir, data.LaptopOrganiser)
	datatest.Must(t, err)
	t.Cleanup(func() { second.Close() })
	org2 := &laptop{st: second, engine: &Engine{Store: second, Folder: Dir{Root: f.dir}}}
	f.booth.sync(t)
	list, err := Laptops(ctx, f.org.st, Dir{Root: f.dir})
	datatest.Must(t, err)
	if len(list) != 3 {
		t.Fatalf("laptops listed: %+v", list)
	}
	bk, _ := loadKeyring(ctx, f.booth.st)
	datatest.Must(t, RemoveLaptop(ctx, f.org.st, Dir{Root: f.dir}, bk.Member))
	before := tree(t, f.dir)
	// Written after the removal: a new visitor of A01, who consents.
	p := addPerson(t, f.org, "Afterwards")
	p.Email, p.Consent = "afterwards@example.org", true
	datatest.Must(t, f.org.st.SavePerson(ctx, &p))
	_, err = f.org.st.LogVisitOf(ctx, f.Booth.ID, p.ID, "staff")
	datatest.Must(t, err)
	f.org.sync(t)
	org2.sync(t)
	if _, err := org2.st.Person(ctx, p.ID); err != nil {
		t.Fatal("the remaining organiser laptop did not carry on with the new keys")
	}
	// The removed laptop, given the folder, decrypts nothing new.
	r := f.booth.sync(t)
	if _, err := f.booth.st.Person(ctx, p.ID); err == nil {
		t.Fatal("the removed laptop read a change made after its removal")
	}
	after := tree(t, f.dir)
	var fresh int
	for name := range after {
		if _, old := before[name]; old {
			continue
		}
		fresh++
		if text := readable(t, filepath.Dir(name), bk, []string{f.Booth.ID}); strings.Contains(text, "Afterwards") || strings.Contains(text, "afterwards@") {
			t.Fatalf("the removed laptop's keys open %s", name)
		}
	}
	if fresh == 0 {
		t.Fatal("nothing was written after the removal")
	}
	if ok, _ := loadKeyring(ctx, second); !strings.Contains(readable(t, f.dir, ok, []string{f.Booth.ID}), "afterwards@example.org") {
		t.Fatal("the remaining organiser's new keys do not open what was written after the removal")
	}
	_ = r
	list, _ = Laptops(ctx, f.org.st, Dir{Root: f.dir})
	removed := 0
	for _, l := range list {
		if l.Removed {
			removed++
		}
	}
	if removed != 1 {
		t.Fatalf("laptops after removal: %+v", list)
	}
}
