package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/fairdesk/fairdesk/data/keychain"
	fdsync "github.com/fairdesk/fairdesk/data/sync"

	"github.com/fairdesk/fairdesk/data"
)

// join fills a new database from the event shared in dir (a folder, or a
// bucket as sync.BucketPlace writes it) and puts it in
// the current database's place: the new file is made beside the current
// one (sync.Join only fills an empty database), then data.ReplaceDatabase
// puts it in place, keeping the current one as <file>.<time>.event.bak
// (unless it is empty), so that the joined event opens again next time
// and a crash at any moment leaves one whole database. When joining fails,
// the half-made file is removed and the current database stays open,
// unchanged.
func (d *eventDatabase) join(ctx context.Context, dir string, invitation []byte, passphrase string) (*data.Store, string, error) {
	inv, err := fdsync.OpenInvitation(invitation, passphrase)
	if err != nil {
		return d.store, "", err
	}
	joining := data.FreshDatabasePath(d.path, "join")
	removeJoining := func() { removeDatabase(joining) }
	st, _, err := fdsync.JoinPlace(ctx, joining, dir, inv, keychain.Credentials)
	if st == nil {
		removeJoining()
		return d.store, "", err
	}
	if err != nil && !errors.Is(err, fdsync.ErrUnreachable) {
		// The snapshot is in but the sync after it failed: the next
		// background sync tries again, so carry on with the joined event.
		log.Printf("join %s: first sync: %v", dir, err)
	}
	if err := st.Close(); err != nil {
		removeJoining()
		return d.store, "", fmt.Errorf("close %s: %w", joining, err)
	}
	empty, _ := d.store.IsEmpty(ctx)
	if err := d.store.Close(); err != nil {
		log.Printf("close %s: %v", d.path, err)
	}
	d.store = nil
	kept := ""
	if !empty {
		kept = fmt.Sprintf("%s.%s.event.bak", d.path, time.Now().Format("20060102T150405"))
	}
	if err := data.ReplaceDatabase(d.path, data.Replacement{Fresh: joining, Keep: kept, What: "joining the event in " + dir}); err != nil {
		// Without the joined file, what the replacement did so far is
		// undone when the current database is opened again.
		removeJoining()
		return d.reopen(fmt.Errorf("put the joined event in place: %w", err))
	}
	joined, err := data.Open(d.path, data.Options{})
	if err != nil {
		return nil, "", fmt.Errorf("open the joined event at %s: %w", d.path, err)
	}
	d.store = joined
	return joined, d.path, nil
}
