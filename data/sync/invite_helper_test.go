package sync

import (
	"context"
	gosync "sync"

	"github.com/fairdesk/fairdesk/data"
)

func init() { InvitationWorkFactor = 10 } // tests need not resist brute force

// sharers remembers which laptop shared each test folder, so that a test
// joining it can ask that laptop for an organiser's invitation.
var sharers gosync.Map

func shareTest(ctx context.Context, st *data.Store, dir string) (Report, error) {
	sharers.Store(dir, st)
	sharers.Store(absolute(dir), st)
	return Share(ctx, st, dir)
}

func shareInTest(ctx context.Context, st *data.Store, f Folder, where string) (Report, error) {
	sharers.Store(where, st)
	return ShareIn(ctx, st, f, where)
}

// joinFromTest joins as an organiser's laptop through any Folder.
func joinFromTest(ctx context.Context, path string, f Folder, where string) (*data.Store, Report, error) {
	inviter, _ := sharers.Load(where)
	file, _, err := Invite(ctx, inviter.(*data.Store), f, data.LaptopOrganiser, "", testPassphrase)
	if err != nil {
		return nil, Report{}, err
	}
	inv, err := OpenInvitation(file, testPassphrase)
	if err != nil {
		return nil, Report{}, err
	}
	return JoinFrom(ctx, path, f, where, inv)
}

// joinTest joins dir as an organiser's laptop, invited by the laptop that
// shared it.
func joinTest(ctx context.Context, path, dir string) (*data.Store, Report, error) {
	st, _ := sharers.Load(dir)
	return joinAs(ctx, st.(*data.Store), path, dir, data.LaptopOrganiser)
}

const testPassphrase = "correct horse battery"

func joinAs(ctx context.Context, inviter *data.Store, path, dir string, role data.LaptopRole) (*data.Store, Report, error) {
	file, _, err := Invite(ctx, inviter, Dir{Root: dir}, role, "", testPassphrase)
	if err != nil {
		return nil, Report{}, err
	}
	inv, err := OpenInvitation(file, testPassphrase)
	if err != nil {
		return nil, Report{}, err
	}
	return Join(ctx, path, dir, inv)
}
