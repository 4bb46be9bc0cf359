package main

import (
	"context"
	"fmt"

	"github.com/fairdesk/fairdesk/data"
)

// restore closes the current database, puts the backup in its place (the
// database it replaces is kept beside it as …before-restore.bak) and opens
// it. When the restore fails, the old database is opened again.
func (d *eventDatabase) restore(ctx context.Context, backup string) (*data.Store, string, error) {
	if _, err := data.InspectBackup(ctx, backup); err != nil {
		return d.store, d.path, err
	}
	if err := d.store.Close(); err != nil {
		return d.reopen(fmt.Errorf("close %s: %w", d.path, err))
	}
	d.store = nil
	if _, err := data.RestoreBackup(ctx, backup, d.path); err != nil {
		return d.reopen(err)
	}
	st, err := data.Open(d.path, data.Options{})
	if err != nil {
		return d.reopen(fmt.Errorf("open the restored event: %w", err))
	}
	d.store = st
	return st, d.path, nil
}
