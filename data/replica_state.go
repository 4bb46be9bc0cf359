package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// LocalValue reads a value this laptop keeps for itself (never synced).
func (s *Store) LocalValue(ctx context.Context, key string) (string, error) {
	var v string
	err := s.reader.GetContext(ctx, &v, "SELECT value FROM local_state WHERE key = ?", key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetLocalValues saves values this laptop keeps for itself, together.
func (s *Store) SetLocalValues(ctx context.Context, values map[string]string) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.writer.BeginTxx(ctx, nil)
	if err != nil {
		return busyError(err)
	}
	defer tx.Rollback()
	for k, v := range values {
		if _, err := tx.Exec("INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", k, v); err != nil {
			return fmt.Errorf("save %s: %w", k, busyError(err))
		}
	}
	return busyError(tx.Commit())
}

// Snapshot writes a consistent copy of the whole database to path while
// the program goes on working.
func (s *Store) Snapshot(ctx context.Context, path string) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if _, err := s.writer.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("copy the database to %s: %w", path, err)
	}
	return os.Chmod(path, 0o600)
}

// RenewDeviceID gives this laptop a new device id. A database copied to a
// second laptop finds its id in batches it did not write and calls this;
// the changes it has not yet sent are re-stamped with the new id, so that
// the two copies never hand out the same stamp.
func (s *Store) RenewDeviceID(ctx context.Context, sentSeq int64) error {
	return s.write(ctx, func(w *writer) error {
		old, id := s.device, newDeviceID()
		for _, t := range syncedTables {
			if _, err := w.tx.Exec("UPDATE "+t.name+" SET dev = ? WHERE dev = ? AND seq > ?", id, old, sentSeq); err != nil {
				return err
			}
		}
		if _, err := w.tx.Exec("UPDATE stamps SET dev = ? WHERE dev = ? AND seq > ?", id, old, sentSeq); err != nil {
			return err
		}
		if _, err := w.tx.Exec("INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", stateDevice, id); err != nil {
			return err
		}
		s.device = id
		return nil
	})
}

// Checkpoint is how far this laptop has read another laptop's batches.
type Checkpoint struct {
	Device string `json:"device"`
	Name   string `json:"name"`
	Seq    int64  `json:"seq"`
	HLC    HLC    `json:"hlc"`
}

// Checkpoints lists how far this laptop has read every other laptop.
func (s *Store) Checkpoints(ctx context.Context) ([]Checkpoint, error) {
	peers, err := s.Peers(ctx)
	if err != nil {
		return nil, err
	}
	list := make([]Checkpoint, len(peers))
	for i, p := range peers {
		list[i] = Checkpoint{Device: p.Device, Name: p.Name, Seq: p.LastSeq, HLC: p.LastHLC}
	}
	return list, nil
}
