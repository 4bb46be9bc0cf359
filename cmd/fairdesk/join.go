package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	fdsync "github.com/fairdesk/fairdesk/data/sync"

	"github.com/fairdesk/fairdesk/data"
)

// join fills a new database from the event shared in dir and puts it in
// the current database's place: the new file is made beside the current
// one (sync.Join only fills an empty database), then the current one is
// moved aside as <file>.<time>.event.bak (unless it is empty) and the new
// one takes its name, so that the joined event opens again next time.
// When joining fails, the half-made file is removed and the current
// database stays open, unchanged.
func (d *eventDatabase) join(ctx context.Context, dir string) (*data.Store, string, error) {
	joining := filepath.Join(filepath.Dir(d.path), ".joining-"+time.Now().Format("20060102T150405")+".db")
	removeJoining := func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(joining + suffix)
		}
	}
	st, _, err := fdsync.Join(ctx, joining, dir)
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
		if err := moveDatabase(d.path, kept); err != nil {
			removeJoining()
			return d.reopen(fmt.Errorf("move %s aside: %w", d.path, err))
		}
	} else {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(d.path + suffix)
		}
	}
	if err := moveDatabase(joining, d.path); err != nil {
		if kept != "" {
			moveDatabase(kept, d.path)
		}
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

// moveDatabase renames a closed database with its WAL files.
func moveDatabase(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(from+suffix, to+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
