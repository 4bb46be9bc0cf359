package ui

import (
	"context"

	"github.com/fairdesk/fairdesk/data"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// joinInvited joins the event shared in dir as an organiser's laptop,
// invited by inviter, as the join command does.
// testPassphrase protects the tests' invitations; tests need not resist
// brute force, so the work factor is low (init).
const testPassphrase = "a passphrase for tests"

func init() { fdsync.InvitationWorkFactor = 10 }

func joinInvited(ctx context.Context, inviter *data.Store, path, dir string) (*data.Store, fdsync.Report, error) {
	file, _, err := fdsync.Invite(ctx, inviter, fdsync.Dir{Root: dir}, data.LaptopOrganiser, "", testPassphrase)
	if err != nil {
		return nil, fdsync.Report{}, err
	}
	inv, err := fdsync.OpenInvitation(file, testPassphrase)
	if err != nil {
		return nil, fdsync.Report{}, err
	}
	return fdsync.Join(ctx, path, dir, inv)
}
