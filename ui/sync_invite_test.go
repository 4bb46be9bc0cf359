package ui

import (
	"context"

	"github.com/fairdesk/fairdesk/data"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// joinInvited joins the event shared in dir as an organiser's laptop,
// invited by inviter, as the join command does.
func joinInvited(ctx context.Context, inviter *data.Store, path, dir string) (*data.Store, fdsync.Report, error) {
	const passphrase = "a passphrase for tests"
	fdsync.InvitationWorkFactor = 10 // tests need not resist brute force
	file, _, err := fdsync.Invite(ctx, inviter, fdsync.Dir{Root: dir}, data.LaptopOrganiser, "", passphrase)
	if err != nil {
		return nil, fdsync.Report{}, err
	}
	inv, err := fdsync.OpenInvitation(file, passphrase)
	if err != nil {
		return nil, fdsync.Report{}, err
	}
	return fdsync.Join(ctx, path, dir, inv)
}
