package sync

import (
	"context"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// Replica is what the engine needs of a laptop's database: its identity
// and clock, the changes it made, what it has seen of others, and a way to
// apply theirs. *data.Store is one; keeping the list here makes plain
// which replica operations sync depends on and nothing more.
type Replica interface {
	// Identity and clock.
	DeviceID() string
	LaptopName() string
	Path() string
	Now() time.Time
	RenewDeviceID(ctx context.Context, sentSeq int64) error
	Event(ctx context.Context) (data.Event, error)

	// This laptop's own changes, for its batches and snapshots.
	LocalProgress() (seq, rows int64)
	LocalChanges(ctx context.Context, afterSeq, upTo int64, fn func(data.RowChange) error) error
	// The same divided by audience, for the sections of the encrypted
	// folder, and the booths whose audiences an organiser writes to.
	LocalChangesFor(ctx context.Context, afterSeq, upTo int64, fn func(data.Audience, data.RowChange) error) error
	SnapshotFor(ctx context.Context, aud data.Audience, fn func(data.RowChange) error) error
	OwnSnapshotFor(ctx context.Context, aud data.Audience, fn func(data.RowChange) error) error
	AllBoothIDs(ctx context.Context) ([]string, error)
	LocalRole(ctx context.Context) (data.LaptopRole, error)
	// VisitsChangedAfter: visits or leads changed after a change number,
	// whose consenting visitors' contact details an organiser sends.
	VisitsChangedAfter(ctx context.Context, seq int64) (bool, error)

	// What it has taken in from others.
	Checkpoints(ctx context.Context) ([]data.Checkpoint, error)
	SeenVector(ctx context.Context) (map[string]data.HLC, error)
	Peers(ctx context.Context) ([]data.Peer, error)
	ApplyRemote(ctx context.Context, from data.Origin, next func() (data.RowChange, bool, error)) (data.ApplyStats, error)

	// The people erased in the event, whose data this laptop's own files
	// in the folder must stop holding.
	Erased(ctx context.Context) ([]string, error)

	// Batches held back for a clock far ahead.
	HoldBatch(ctx context.Context, h data.HeldBatch) error
	AcceptedHeld(ctx context.Context, device string) (int64, error)
	ReleaseHeld(ctx context.Context, device string) error

	// The engine's own bookkeeping, kept in the laptop's local state.
	LocalValue(ctx context.Context, key string) (string, error)
	SetLocalValues(ctx context.Context, values map[string]string) error
}

var _ Replica = (*data.Store)(nil)
