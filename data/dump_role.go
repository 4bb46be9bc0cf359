package data

import (
	"context"
	"fmt"
	"io"
)

// DumpForRole writes, as Dump does, what a laptop of role holds once it
// has taken in everything this store holds: this store's data filtered to
// the audiences role reads, applied to a new database at scratch (which
// must not exist; it is left for the caller to remove). A booth laptop in
// step with an organiser's dumps exactly this.
func (s *Store) DumpForRole(ctx context.Context, role LaptopRole, scratch string, out io.Writer) error {
	filtered, err := Open(scratch, Options{})
	if err != nil {
		return fmt.Errorf("dump for role %s: %w", role, err)
	}
	defer filtered.Close()
	if err := filtered.SetLocalRole(ctx, role); err != nil {
		return fmt.Errorf("dump for role %s: %w", role, err)
	}
	var rows []RowChange
	if err := s.SnapshotForRole(ctx, role, func(_ Audience, rc RowChange) error {
		rows = append(rows, rc)
		return nil
	}); err != nil {
		return fmt.Errorf("dump for role %s: %w", role, err)
	}
	i := 0
	if _, err := filtered.ApplyRemote(ctx, Origin{Device: s.DeviceID(), Seq: 1}, func() (RowChange, bool, error) {
		if i == len(rows) {
			return RowChange{}, false, nil
		}
		i++
		return rows[i-1], true, nil
	}); err != nil {
		return fmt.Errorf("dump for role %s: %w", role, err)
	}
	return filtered.Dump(ctx, out)
}
