package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/ui"
)

// eventDatabase is the database the window shows, which "Start a new
// event" swaps for an empty one at the same place.
type eventDatabase struct {
	path  string
	store *data.Store
}

func (d *eventDatabase) close() {
	if d.store != nil {
		d.store.Close()
	}
}

// startNew closes the current database, moves it aside as
// <file>.<time>.demo.bak (with its WAL files, so the copy opens as it
// was) and opens an empty database at the same path. Nothing is deleted.
// When the move fails, the old database is opened again and returned.
func (d *eventDatabase) startNew(ctx context.Context) (ui.Store, string, error) {
	if err := d.store.Close(); err != nil {
		return d.reopen(fmt.Errorf("close %s: %w", d.path, err))
	}
	d.store = nil
	kept := fmt.Sprintf("%s.%s.demo.bak", d.path, time.Now().Format("20060102T150405"))
	if _, err := os.Stat(kept); err == nil {
		return d.reopen(fmt.Errorf("%s already exists; wait a second and try again", kept))
	}
	if err := os.Rename(d.path, kept); err != nil {
		return d.reopen(fmt.Errorf("move %s aside: %w", d.path, err))
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(d.path+suffix, kept+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			// The main file is already aside; put it back rather than
			// leave a database split from its journal.
			os.Rename(kept, d.path)
			return d.reopen(fmt.Errorf("move %s aside: %w", d.path+suffix, err))
		}
	}
	st, err := data.Open(d.path, data.Options{})
	if err != nil {
		return nil, kept, fmt.Errorf("create a new database at %s (the demo is kept as %s): %w", d.path, kept, err)
	}
	d.store = st
	return st, kept, nil
}

// reopen opens the old database again after a failed move, so the user
// carries on where they were.
func (d *eventDatabase) reopen(cause error) (ui.Store, string, error) {
	st, err := data.Open(d.path, data.Options{})
	if err != nil {
		return nil, "", errors.Join(cause, fmt.Errorf("reopen %s: %w", d.path, err))
	}
	d.store = st
	return st, "", cause
}
