package main

import (
	"context"
	"fmt"
	"time"

	"github.com/fairdesk/fairdesk/data"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
	"github.com/fairdesk/fairdesk/ui"
)

// engineSyncer is the window's sync of one store through the folder it
// remembers, with the real engine (ui.Syncer).
type engineSyncer struct{ st *data.Store }

func newEngineSyncer(st *data.Store) ui.Syncer { return &engineSyncer{st: st} }

func (e *engineSyncer) Folder(ctx context.Context) string { return fdsync.RememberedFolder(ctx, e.st) }

func (e *engineSyncer) LastSuccess(ctx context.Context) time.Time {
	return fdsync.LastSuccess(ctx, e.st)
}

func (e *engineSyncer) Share(ctx context.Context, dir string) (fdsync.Report, error) {
	return fdsync.Share(ctx, e.st, dir)
}

func (e *engineSyncer) Sync(ctx context.Context) (fdsync.Report, error) {
	dir := e.Folder(ctx)
	if dir == "" {
		return fdsync.Report{}, ui.ErrNotShared
	}
	engine := &fdsync.Engine{Store: e.st, Folder: fdsync.Dir{Root: dir}}
	r, err := engine.Sync(ctx)
	if err == nil {
		// Folding old batches into a snapshot is rare (every 200 batches)
		// and a failure only means trying again next time.
		engine.Compact(ctx)
	}
	return r, err
}

func (e *engineSyncer) Fingerprint(ctx context.Context) (string, error) {
	dir := e.Folder(ctx)
	if dir == "" {
		return "", ui.ErrNotShared
	}
	fp, err := fdsync.Fingerprint(ctx, fdsync.Dir{Root: dir})
	return fmt.Sprintf("%d:%s", e.st.LastSeq(), fp), err
}
