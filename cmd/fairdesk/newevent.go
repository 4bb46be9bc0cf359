package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// eventDatabase is the database the window shows, which "Start a new
// event" swaps for an empty one at the same place.
type eventDatabase struct {
	path     string
	store    *data.Store
	loadDemo func(ctx context.Context, st *data.Store) error

	closeMu sync.Mutex // close runs from main and from the quit watchdog
	closed  bool
}

// close closes the database for good; a second call waits for the first.
func (d *eventDatabase) close() {
	d.closeMu.Lock()
	defer d.closeMu.Unlock()
	if d.closed {
		return
	}
	d.closed = true
	if d.store != nil {
		if err := d.store.Close(); err != nil {
			log.Printf("close %s: %v", d.path, err)
		}
	}
}

// startNew closes the current database and puts an empty one in its
// place, keeping the current one as <file>.<time>.demo.bak, or .event.bak
// for an event that is not the demo (with its WAL files, so the copy opens
// as it was). Nothing is deleted, and a crash at any moment leaves the old
// database or the new one at the path (data.ReplaceDatabase). When the
// replacement fails, the old database is opened again and returned.
func (d *eventDatabase) startNew(ctx context.Context) (*data.Store, string, error) {
	what := "event"
	if e, err := d.store.Event(ctx); err == nil && e.IsDemo {
		what = "demo"
	}
	kept := fmt.Sprintf("%s.%s.%s.bak", d.path, time.Now().Format("20060102T150405"), what)
	if _, err := os.Stat(kept); err == nil {
		return d.store, "", fmt.Errorf("%s already exists; wait a second and try again", kept)
	}
	fresh := data.FreshDatabasePath(d.path, "new")
	empty, err := data.Open(fresh, data.Options{})
	if err == nil {
		err = empty.Close()
	}
	if err != nil {
		removeDatabase(fresh)
		return d.store, "", fmt.Errorf("create a new database beside %s: %w", d.path, err)
	}
	if err := d.store.Close(); err != nil {
		removeDatabase(fresh)
		return d.reopen(fmt.Errorf("close %s: %w", d.path, err))
	}
	d.store = nil
	if err := data.ReplaceDatabase(d.path, data.Replacement{Fresh: fresh, Keep: kept, What: "starting a new event"}); err != nil {
		removeDatabase(fresh)
		return d.reopen(fmt.Errorf("start a new event: %w", err))
	}
	st, err := data.Open(d.path, data.Options{})
	if err != nil {
		return nil, kept, fmt.Errorf("open the new database at %s (the %s is kept as %s): %w", d.path, what, kept, err)
	}
	d.store = st
	return st, kept, nil
}

// removeDatabase removes a database file that never came into use, with
// its WAL files.
func removeDatabase(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// openDemo loads the demo event into a fresh database beside the current
// one, named demo-<time>.db, and switches to it; the current database is
// closed and left as it is. When the demo cannot be made, the half-made
// file is removed and the old database is opened again.
func (d *eventDatabase) openDemo(ctx context.Context) (*data.Store, string, error) {
	demoPath := filepath.Join(filepath.Dir(d.path), "demo-"+time.Now().Format("20060102T150405")+".db")
	if _, err := os.Stat(demoPath); err == nil {
		return d.store, "", fmt.Errorf("%s already exists; wait a second and try again", demoPath)
	}
	st, err := data.Open(demoPath, data.Options{})
	if err != nil {
		return d.store, "", fmt.Errorf("create %s: %w", demoPath, err)
	}
	if err := d.loadDemo(ctx, st); err != nil {
		st.Close()
		removeDatabase(demoPath)
		return d.store, "", err
	}
	if err := d.store.Close(); err != nil {
		log.Printf("close %s: %v", d.path, err)
	}
	d.store, d.path = st, demoPath
	return st, demoPath, nil
}

// reopen opens the old database again after a failed move, so the user
// carries on where they were.
func (d *eventDatabase) reopen(cause error) (*data.Store, string, error) {
	st, err := data.Open(d.path, data.Options{})
	if err != nil {
		return nil, "", errors.Join(cause, fmt.Errorf("reopen %s: %w", d.path, err))
	}
	d.store = st
	return st, "", cause
}
