package main

import (
	"context"
	"fmt"
	gosync "sync"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/keychain"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
	"github.com/fairdesk/fairdesk/ui"
)

// engineSyncer is the window's sync of one store through the folder or
// bucket it remembers, with the real engine (ui.Syncer).
type engineSyncer struct {
	st    *data.Store
	place placeCache
}

func newEngineSyncer(st *data.Store) ui.Syncer { return &engineSyncer{st: st} }

func (e *engineSyncer) Folder(ctx context.Context) string { return fdsync.RememberedFolder(ctx, e.st) }

func (e *engineSyncer) LastSuccess(ctx context.Context) time.Time {
	return fdsync.LastSuccess(ctx, e.st)
}

// Share writes the event into a folder or a bucket (a sync.BucketPlace
// string); keys typed for a bucket are in the keychain by now, so the
// bucket is opened afresh.
func (e *engineSyncer) Share(ctx context.Context, where string) (fdsync.Report, error) {
	e.place.forget()
	return fdsync.SharePlace(ctx, e.st, where, keychain.Credentials)
}

func (e *engineSyncer) Sync(ctx context.Context) (fdsync.Report, error) {
	f, err := e.place.open(ctx, e.st)
	if err != nil {
		return fdsync.Report{}, err
	}
	engine := &fdsync.Engine{Store: e.st, Folder: f}
	r, err := engine.Sync(ctx)
	if err == nil {
		// Folding old batches into a snapshot is rare (every 200 batches)
		// and a failure only means trying again next time.
		engine.Compact(ctx)
	}
	e.place.forgetIfRefused(err)
	return r, err
}

func (e *engineSyncer) Fingerprint(ctx context.Context) (string, error) {
	f, err := e.place.open(ctx, e.st)
	if err != nil {
		return "", err
	}
	fp, err := fdsync.Fingerprint(ctx, f)
	e.place.forgetIfRefused(err)
	return fmt.Sprintf("%d:%s", e.st.LastSeq(), fp), err
}

// placeCache keeps the folder or bucket a store syncs with, opened once:
// a bucket's keys are read from the keychain when it is first opened, not
// at every look for news (every few seconds).
type placeCache struct {
	mu     gosync.Mutex
	where  string
	folder fdsync.Folder
}

// open opens the place st remembers, or says it is not shared.
func (c *placeCache) open(ctx context.Context, st *data.Store) (fdsync.Folder, error) {
	where := fdsync.RememberedFolder(ctx, st)
	if where == "" {
		return nil, ui.ErrNotShared
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.folder != nil && c.where == where {
		return c.folder, nil
	}
	f, err := fdsync.OpenPlace(where, keychain.Credentials)
	if err != nil {
		return nil, err
	}
	c.where, c.folder = where, f
	return f, nil
}

func (c *placeCache) forget() {
	c.mu.Lock()
	c.folder = nil
	c.mu.Unlock()
}

// forgetIfRefused reads the keys again next time after the bucket refused
// them: they may have been put right in the keychain meanwhile.
func (c *placeCache) forgetIfRefused(err error) {
	if fdsync.CredentialsRefused(err) {
		c.forget()
	}
}
