package main

import (
	"context"
	"path/filepath"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sync"
)

// benchPassphrase protects the benchmark's own invitations.
const benchPassphrase = "benchmark passphrase"

// joinInvited joins the event shared in folder into a new database at
// path, as a laptop of role invited by st.
func joinInvited(ctx context.Context, st *data.Store, folder, path string, role data.LaptopRole) (*data.Store, sync.Report, error) {
	sync.InvitationWorkFactor = 10 // the benchmark times joining, not the passphrase
	file, _, err := sync.Invite(ctx, st, sync.Dir{Root: folder}, role, filepath.Base(path), benchPassphrase)
	if err != nil {
		return nil, sync.Report{}, err
	}
	inv, err := sync.OpenInvitation(file, benchPassphrase)
	if err != nil {
		return nil, sync.Report{}, err
	}
	return sync.Join(ctx, path, folder, inv)
}
