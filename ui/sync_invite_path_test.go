package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fairdesk/fairdesk/data/datatest"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// An invitation saved under a name typed without its extension gets it,
// and the empty file the save dialog made under the typed name goes; a
// file with content under that name stays.
func TestInvitationPathHasTheInvitationsExtension(t *testing.T) {
	dir := t.TempDir()
	typed := filepath.Join(dir, "booth A12")
	datatest.Must(t, os.WriteFile(typed, nil, 0o600))
	if got := invitationPath(typed); got != typed+fdsync.InvitationExt {
		t.Errorf("typed %q: saved as %q", typed, got)
	}
	if _, err := os.Stat(typed); !os.IsNotExist(err) {
		t.Errorf("the empty %q the dialog made is still there (%v)", typed, err)
	}
	notes := filepath.Join(dir, "notes")
	datatest.Must(t, os.WriteFile(notes, []byte("mine"), 0o600))
	if got := invitationPath(notes); got != notes+fdsync.InvitationExt {
		t.Errorf("saved as %q", got)
	}
	if b, _ := os.ReadFile(notes); string(b) != "mine" {
		t.Error("a file with content under the typed name was removed")
	}
	for _, named := range []string{filepath.Join(dir, "x"+fdsync.InvitationExt), filepath.Join(dir, "X.FAIRDESK-INVITATION")} {
		if got := invitationPath(named); got != named {
			t.Errorf("%q: saved as %q", named, got)
		}
	}
}
