package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"

	"modernc.org/sqlite"
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
// the program goes on working. It is SQLite's online backup from a reading
// connection, which copies the pages as they are in one read transaction
// while writes go on; VACUUM INTO, used before, rebuilt every index on the
// way, which for 100,000 people took 130 MB that the program kept after.
func (s *Store) Snapshot(ctx context.Context, path string) error {
	conn, err := s.reader.Conn(ctx)
	if err != nil {
		return fmt.Errorf("copy the database to %s: %w", path, err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		// The driver's connection offers the backup; database/sql has no word for it.
		src, ok := dc.(interface {
			NewBackup(dstURI string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the SQLite driver makes no online backups")
		}
		// A small cache for the copy: SQLite writes its pages out as the
		// cache fills instead of holding the whole database in memory.
		b, err := src.NewBackup("file:" + uriPath(path) + "?_pragma=cache_size(-2048)")
		if err != nil {
			return err
		}
		if _, err := b.Step(-1); err != nil {
			b.Finish()
			return err
		}
		dst, err := b.Commit()
		if err != nil {
			return err
		}
		defer dst.Close()
		// The copy is one self-contained file, not a database in WAL mode
		// that needs its -wal and -shm beside it to be opened read-only.
		exec, ok := dst.(driver.ExecerContext)
		if !ok {
			return errors.New("the SQLite driver cannot set the copy's journal mode")
		}
		_, err = exec.ExecContext(ctx, "PRAGMA journal_mode = DELETE", nil)
		return err
	})
	if err != nil {
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
