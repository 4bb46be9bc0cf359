package data

import (
	"context"
	"fmt"
)

// Conflict is something a merge could not settle on its own: the same
// field changed on two laptops, an edit against a delete, or two people
// who are probably one.
type Conflict struct {
	ID         string `db:"id"`
	Kind       string `db:"kind"` // field, delete or duplicate
	Table      string `db:"tbl"`
	RowID      string `db:"row_id"`
	Col        string `db:"col"`
	Kept       string `db:"kept"`
	KeptDev    string `db:"kept_dev"`
	Other      string `db:"other"`
	OtherDev   string `db:"other_dev"`
	Resolution string `db:"resolution"`
}

// Conflicts lists the open conflicts, or all of them.
func (s *Store) Conflicts(ctx context.Context, all bool) ([]Conflict, error) {
	query := "SELECT id, kind, tbl, row_id, col, kept, kept_dev, other, other_dev, resolution FROM conflicts WHERE deleted = 0"
	if !all {
		query += " AND resolution = ''"
	}
	var list []Conflict
	if err := s.reader.SelectContext(ctx, &list, query+" ORDER BY hlc, id"); err != nil {
		return nil, fmt.Errorf("list conflicts: %w", err)
	}
	return list, nil
}

// SeenVector says, for every laptop, the newest stamp this one has applied
// from it, and this laptop's own clock: what a batch tells its readers
// about what its writer knew.
func (s *Store) SeenVector(ctx context.Context) (map[string]HLC, error) {
	peers, err := s.Peers(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]HLC{s.device: s.clock.current()}
	for _, p := range peers {
		seen[p.Device] = p.LastHLC
	}
	return seen, nil
}
