package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// AdoptSnapshot turns a database copied from another laptop's snapshot into
// this laptop's own: a new device id, this laptop's name, and the
// checkpoints the snapshot included, so that reading resumes after them.
// It returns the local change number up to which everything is shared.
func (s *Store) AdoptSnapshot(ctx context.Context, included []Checkpoint) (int64, error) {
	host, _ := os.Hostname()
	var upTo int64
	err := s.write(ctx, func(w *writer) error {
		s.device = newDeviceID()
		s.laptop = host
		// What the other laptop kept for itself is not this laptop's:
		// its sync progress, its reminders and what it was told.
		for _, local := range []string{"sync_peers", "followed_sessions", "wanted_visitors", "notify_ledger", "notifications"} {
			if _, err := w.tx.Exec("DELETE FROM " + local); err != nil {
				return err
			}
		}
		for _, c := range included {
			if _, err := w.tx.Exec("INSERT INTO sync_peers (device, name, last_seq, last_hlc) VALUES (?, ?, ?, ?)",
				c.Device, c.Name, c.Seq, int64(c.HLC)); err != nil {
				return err
			}
		}
		for k, v := range map[string]string{stateDevice: s.device, stateLaptop: host} {
			if _, err := w.tx.Exec("INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", k, v); err != nil {
				return err
			}
		}
		upTo = s.seq
		return nil
	})
	return upTo, err
}

// SnapshotChanges reads a snapshot file as row changes carrying every field
// with its stamp, for merging into a database that is not empty.
func SnapshotChanges(ctx context.Context, path string, fn func(RowChange) error) error {
	snap, err := Open(path, Options{})
	if err != nil {
		return err
	}
	defer snap.Close()
	all := func(Stamp) bool { return true }
	for _, t := range syncedTables {
		if err := readRowChanges(ctx, snap.reader, t, "1", nil, all, fn); err != nil {
			return fmt.Errorf("read snapshot %s: %w", path, err)
		}
	}
	return nil
}

// CopyFile copies a database file into place through a temporary file, so
// that a crash never leaves half a database at dst.
func CopyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := errors.Join(tmp.Sync(), tmp.Chmod(0o600), tmp.Close()); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
	return os.Rename(tmp.Name(), dst)
}

// CheckIntegrity runs SQLite's own consistency check of the database file.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	var result []string
	if err := s.reader.SelectContext(ctx, &result, "PRAGMA integrity_check"); err != nil {
		return fmt.Errorf("check database: %w", err)
	}
	if len(result) != 1 || result[0] != "ok" {
		return fmt.Errorf("database %s is damaged: %s", s.path, strings.Join(result, "; "))
	}
	return nil
}
