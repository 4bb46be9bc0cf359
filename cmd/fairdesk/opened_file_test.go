package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

func init() { fdsync.InvitationWorkFactor = 10 } // tests need not resist brute force

// The file a file manager starts the app with reaches the window as the
// backup to offer, whichever way it is passed.
func TestOpenedFile(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"/home/mary/Fairdesk 2026-10-22 1800.fairdesk"}, "/home/mary/Fairdesk 2026-10-22 1800.fairdesk"},
		{[]string{"-psn_0_12345", "/Users/mary/b.fairdesk"}, "/Users/mary/b.fairdesk"},
		{[]string{"file:///home/mary/My%20Backups/b.fairdesk"}, "/home/mary/My Backups/b.fairdesk"},
		{[]string{"b.fairdesk"}, filepath.Join(wd, "b.fairdesk")},
		{[]string{"--debug"}, ""},
	} {
		if got := openedFile(c.args); got != c.want {
			t.Errorf("openedFile(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}

// An invitation the app is started with goes to the join, a backup to the
// restore: by the file's content, so that one saved with the old .age
// name still joins, or by its name when it cannot be read.
func TestOpenedFileIsToldApart(t *testing.T) {
	dir := t.TempDir()
	invitation, _ := sharedInvitation(t)
	backup := filepath.Join(dir, "Fairdesk 2026-10-22 1800"+data.BackupExt)
	st := datatest.Open(t, nil)
	datatest.Must(t, st.Backup(context.Background(), backup))
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		datatest.Must(t, os.WriteFile(p, b, 0o600))
		return p
	}
	named := write("fairdesk-invitation"+fdsync.InvitationExt, invitation)
	old := write("fairdesk-invitation.age", invitation)
	code := write("invitation code.txt", []byte(fdsync.InvitationCode(invitation)+"\n"))
	renamed := write("not really a backup"+data.BackupExt, invitation)
	otherAge := write("notes.age", []byte("age-encryption.org/v1\n-> X25519 abc\n"))
	missing := filepath.Join(dir, "gone"+fdsync.InvitationExt)
	for _, c := range []struct {
		args                   []string
		wantBackup, wantInvite string
	}{
		{nil, "", ""},
		{[]string{named}, "", named},
		{[]string{"-psn_0_12345", named}, "", named},
		{[]string{"file://" + strings.ReplaceAll(named, " ", "%20")}, "", named},
		{[]string{old}, "", old},
		{[]string{code}, "", code},
		{[]string{renamed}, "", renamed},
		{[]string{missing}, "", missing},
		{[]string{strings.TrimSuffix(missing, fdsync.InvitationExt) + ".FAIRDESK-INVITATION"}, "", strings.TrimSuffix(missing, fdsync.InvitationExt) + ".FAIRDESK-INVITATION"},
		{[]string{backup}, backup, ""},
		{[]string{"file://" + strings.ReplaceAll(backup, " ", "%20")}, backup, ""},
		{[]string{otherAge}, otherAge, ""},
		{[]string{filepath.Join(dir, "gone.fairdesk")}, filepath.Join(dir, "gone.fairdesk"), ""},
	} {
		b, inv := sortOpened(openedFile(c.args))
		if b != c.wantBackup || inv != c.wantInvite {
			t.Errorf("%q: backup %q, invitation %q; want %q, %q", c.args, b, inv, c.wantBackup, c.wantInvite)
		}
	}
}

// sharedInvitation is a real invitation file to the event "Alumni Careers
// Fair", shared into a folder of its own, and that folder.
func sharedInvitation(t *testing.T) (file []byte, shared string) {
	t.Helper()
	ctx := context.Background()
	st := datatest.Open(t, nil)
	datatest.Must(t, st.SaveEvent(ctx, &data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London"}))
	shared = t.TempDir()
	_, err := fdsync.Share(ctx, st, shared)
	datatest.Must(t, err)
	file, _, err = fdsync.Invite(ctx, st, fdsync.Dir{Root: shared}, data.LaptopOrganiser, "", testPassphrase)
	datatest.Must(t, err)
	return file, shared
}

const testPassphrase = "a passphrase for tests"
