package data

import (
	"context"
	"fmt"
	"time"
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

// Change is one replaced value in a record's history: the field, the value
// it had, and who replaced it on which laptop when.
type Change struct {
	Field    string
	Old      string
	OldDev   string
	OldAt    time.Time
	By       string // the device whose value replaced it
	At       time.Time
	ByLaptop string
}

// History lists the values a record's fields had before they were
// replaced, newest first.
func (s *Store) History(ctx context.Context, tbl, id string) ([]Change, error) {
	var rows []struct {
		Col   string `db:"col"`
		Value any    `db:"value"`
		HLC   int64  `db:"hlc"`
		Dev   string `db:"dev"`
		ByHLC int64  `db:"by_hlc"`
		ByDev string `db:"by_dev"`
		Name  string `db:"name"`
	}
	err := s.reader.SelectContext(ctx, &rows, `SELECT h.col, h.value, h.hlc, h.dev, h.by_hlc, h.by_dev,
		coalesce(p.name, CASE WHEN h.by_dev = ? THEN ? ELSE '' END) AS name
		FROM history h LEFT JOIN sync_peers p ON p.device = h.by_dev
		WHERE h.tbl = ? AND h.id = ? ORDER BY h.by_hlc DESC, h.rowid DESC`, s.device, s.LaptopName(), tbl, id)
	if err != nil {
		return nil, fmt.Errorf("read history of %s %s: %w", tbl, id, err)
	}
	list := make([]Change, len(rows))
	for i, r := range rows {
		list[i] = Change{Field: r.Col, Old: fmt.Sprint(normalCell(r.Value)), OldDev: r.Dev, OldAt: HLC(r.HLC).Time(),
			By: r.ByDev, At: HLC(r.ByHLC).Time(), ByLaptop: r.Name}
	}
	return list, nil
}
