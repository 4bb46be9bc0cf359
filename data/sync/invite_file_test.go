package sync

import (
	"bytes"
	"context"
	"os"
	"testing"

	"filippo.io/age"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// An invitation file and its code are told apart from a backup and from
// any other age file by their first bytes, and the code a loaded file is
// turned into opens like the file.
func TestAnInvitationIsKnownByItsContent(t *testing.T) {
	ctx := context.Background()
	f := newPrivateFair(t)
	file, code, err := Invite(ctx, f.org.st, Dir{Root: f.dir}, data.LaptopOrganiser, "", testPassphrase)
	datatest.Must(t, err)

	backup := t.TempDir() + "/b" + data.BackupExt
	datatest.Must(t, f.org.st.Backup(ctx, backup))
	backupHead := readHead(t, backup)

	// An age file for a key, not a passphrase: someone's own encrypted file.
	id, err := age.GenerateX25519Identity()
	datatest.Must(t, err)
	var other bytes.Buffer
	w, err := age.Encrypt(&other, id.Recipient())
	datatest.Must(t, err)
	w.Write([]byte("private notes"))
	datatest.Must(t, w.Close())

	for _, c := range []struct {
		what string
		head []byte
		want bool
	}{
		{"the invitation file", file[:InvitationHeadSize], true},
		{"its code", []byte(code)[:InvitationHeadSize], true},
		{"its code after a blank line", []byte("\r\n" + code)[:InvitationHeadSize], true},
		{"a backup", backupHead, false},
		{"an age file for a key", other.Bytes()[:InvitationHeadSize], false},
		{"an empty file", nil, false},
		{"half of the age header", file[:12], false},
	} {
		if got := LooksLikeInvitation(c.head); got != c.want {
			t.Errorf("%s: LooksLikeInvitation = %v, want %v", c.what, got, c.want)
		}
	}

	if InvitationCode(file) != code || InvitationCode([]byte(code+"\n")) != code {
		t.Error("InvitationCode of the file (or of the code) is not the code Invite gave")
	}
	if _, err := OpenInvitation([]byte(InvitationCode(file)), testPassphrase); err != nil {
		t.Errorf("the code made from the file does not open: %v", err)
	}
}

func readHead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	datatest.Must(t, err)
	return b[:min(len(b), InvitationHeadSize)]
}
