package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/jmoiron/sqlx"
)

// LocalRole is this laptop's role.
func (s *Store) LocalRole(ctx context.Context) (LaptopRole, error) {
	return localRole(ctx, s.reader)
}

func localRole(ctx context.Context, q sqlx.QueryerContext) (LaptopRole, error) {
	var v string
	err := sqlx.GetContext(ctx, q, &v, "SELECT value FROM local_state WHERE key = ?", stateRole)
	if errors.Is(err, sql.ErrNoRows) {
		return LaptopOrganiser, nil
	}
	if err != nil {
		return "", fmt.Errorf("read this laptop's role: %w", err)
	}
	if v == "" {
		return LaptopOrganiser, nil
	}
	return ParseLaptopRole(v)
}

// RefusedError is a change its writer's role may not make. It names the
// row by table and id only.
type RefusedError struct {
	Table, ID string
	Reason    string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refused change to %s %s: %s", e.Table, e.ID, e.Reason)
}

func refuse(rc RowChange, format string, args ...any) error {
	return &RefusedError{Table: rc.Table, ID: rc.ID, Reason: fmt.Sprintf(format, args...)}
}

// CheckWrite says whether a laptop of role writer may make the change rc,
// as this laptop's database stands. Organisers may write everything. A
// booth laptop may log visits, leads and lead exports of its own booth,
// check in and out its own staff, and note conflicts about its own rows;
// nothing else: not people, the agenda, booths, consent, nor another
// booth's rows, nor move a row of another booth into its own.
func (s *Store) CheckWrite(ctx context.Context, writer LaptopRole, rc RowChange) error {
	return checkWrite(ctx, s.reader, writer, rc)
}

func checkWrite(ctx context.Context, q sqlx.QueryerContext, writer LaptopRole, rc RowChange) error {
	if writer.IsOrganiser() {
		return nil
	}
	own := writer.Booth()
	sp := newSplitter(ctx, q)
	switch {
	case boothTables[rc.Table]:
		return checkOwnRow(sp, own, rc.Table, rc)
	case rc.Table == checkinsTable.name:
		person, err := carriedOrStored(sp, rc, "person_id")
		if err != nil {
			return err
		}
		var staff int
		if err := sqlx.GetContext(ctx, q, &staff, "SELECT count(*) FROM booth_staff WHERE booth_id = ? AND person_id = ? AND deleted = 0", own, person); err != nil {
			return fmt.Errorf("read the staff of booth %s: %w", own, err)
		}
		if staff == 0 {
			return refuse(rc, "a booth laptop checks in only its own staff")
		}
		return nil
	case rc.Table == conflictsTable.name:
		subject, row, err := sp.subjectOf(rc.ID, rc.Cells)
		if err != nil {
			return err
		}
		if !boothTables[subject] {
			return refuse(rc, "a booth laptop notes conflicts only about its own booth's rows")
		}
		return checkOwnRow(sp, own, subject, RowChange{Table: subject, ID: row})
	}
	return refuse(rc, "a booth laptop may not change %s", rc.Table)
}

// checkOwnRow refuses a change to a booth's row unless both the booth it
// names and the booth the row already belongs to are own.
func checkOwnRow(sp *splitter, own, tbl string, rc RowChange) error {
	stored, err := sp.boothOf(tbl, rc.ID, nil)
	if err != nil {
		return err
	}
	if stored != "" && stored != own {
		return refuse(rc, "the row belongs to booth %s", stored)
	}
	if c, ok := rc.Cells["booth_id"]; ok {
		if named := fmt.Sprint(cellValue("booth_id", c.Value)); named != own {
			return refuse(rc, "it names booth %s", named)
		}
	} else if stored == "" {
		return refuse(rc, "it names no booth")
	}
	return nil
}

// carriedOrStored is a text field of the row: from the change, else from
// the database.
func carriedOrStored(sp *splitter, rc RowChange, col string) (string, error) {
	if c, ok := rc.Cells[col]; ok {
		return fmt.Sprint(cellValue(col, c.Value)), nil
	}
	var v string
	err := sqlx.GetContext(sp.ctx, sp.q, &v, "SELECT "+col+" FROM "+rc.Table+" WHERE id = ?", rc.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// RefusedChange is a change from another laptop that was not applied
// because its writer's role may not make it.
type RefusedChange struct {
	ID     int64  `db:"id"`
	Device string `db:"device"`
	Laptop string `db:"laptop"`
	Role   string `db:"role"`
	Batch  int64  `db:"batch"`
	Table  string `db:"tbl"`
	RowID  string `db:"row_id"`
	Reason string `db:"reason"`
	At     string `db:"at"`
}

// RefusedChanges lists the refused changes, newest first, for the
// Conflicts screen.
func (s *Store) RefusedChanges(ctx context.Context) ([]RefusedChange, error) {
	var list []RefusedChange
	if err := s.reader.SelectContext(ctx, &list, "SELECT id, device, laptop, role, batch, tbl, row_id, reason, at FROM refused_changes ORDER BY id DESC"); err != nil {
		return nil, fmt.Errorf("read refused changes: %w", err)
	}
	return list, nil
}

// recordRefused keeps a refused change once.
func (w *writer) recordRefused(from Origin, e *RefusedError) error {
	_, err := w.tx.Exec(`INSERT INTO refused_changes (device, laptop, role, batch, tbl, row_id, reason, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		from.Device, from.Name, string(from.Role), from.Seq, e.Table, e.ID, e.Reason, w.nowText())
	return err
}

// SetLocalRole saves this laptop's role, as joining an event through an
// invitation decides it. A booth role also removes at once what the
// laptop held beyond it (a database that was an organiser's, or joined
// from a whole snapshot): other booths' rows, what only organisers read,
// contact details of people who are not its consenting visitors, and the
// history and conflicts of all of those.
func (s *Store) SetLocalRole(ctx context.Context, role LaptopRole) error {
	if _, err := ParseLaptopRole(string(role)); err != nil {
		return err
	}
	return s.write(ctx, func(w *writer) error {
		if _, err := w.tx.Exec("INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", stateRole, string(role)); err != nil {
			return fmt.Errorf("save this laptop's role: %w", err)
		}
		if role.IsOrganiser() {
			return nil
		}
		if err := w.restrictTo(role); err != nil {
			return fmt.Errorf("keep only what booth %s may see: %w", role.Booth(), err)
		}
		return nil
	})
}

// restrictTo removes from this laptop what role may not read.
func (w *writer) restrictTo(role LaptopRole) error {
	ctx := context.Background()
	sp := newSplitter(ctx, w.tx)
	for _, t := range syncedTables {
		var gone []string
		blank := map[string][]string{} // row id -> columns role may not read
		err := scanStored(ctx, w.tx, t, "1", nil, func(row storedRow) error {
			readable := 0
			for col := range row.values {
				a, err := sp.audienceOf(t.name, row.id, col, nil)
				if err != nil {
					return err
				}
				switch {
				case role.Reads(a):
					readable++
				case t.name == peopleTable.name && slices.Contains(contactColumns, col):
					// withholdContacts decides, below
				default:
					blank[row.id] = append(blank[row.id], col)
				}
			}
			if readable == 0 {
				gone = append(gone, row.id)
				delete(blank, row.id)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, id := range gone {
			for _, q := range []string{"DELETE FROM history WHERE tbl = ? AND id = ?", "DELETE FROM stamps WHERE tbl = ? AND id = ?"} {
				if _, err := w.tx.Exec(q, t.name, id); err != nil {
					return err
				}
			}
			if _, err := w.tx.Exec("DELETE FROM "+t.name+" WHERE id = ?", id); err != nil {
				return err
			}
		}
		for id, cols := range blank {
			for _, col := range cols {
				if _, err := w.tx.Exec("UPDATE "+t.name+" SET "+col+" = ?, seq = ? WHERE id = ?", cellValue(col, nil), w.seq, id); err != nil {
					return err
				}
				if err := w.stamp(t.name, id, col, Stamp{}); err != nil {
					return err
				}
				if _, err := w.tx.Exec("DELETE FROM history WHERE tbl = ? AND id = ? AND col = ?", t.name, id, col); err != nil {
					return err
				}
			}
		}
	}
	var people []string
	if err := w.tx.Select(&people, "SELECT id FROM people"); err != nil {
		return err
	}
	w.changed = true
	if err := w.withholdContacts(role.Booth(), people); err != nil {
		return err
	}
	// The contact details left are held now, and need the stamps of their
	// own that a booth laptop's held details have (gate.withheld).
	for _, col := range contactColumns {
		if _, err := w.tx.Exec("INSERT OR IGNORE INTO stamps (tbl, id, col, hlc, dev, seq) SELECT 'people', id, ?, hlc, dev, ? FROM people WHERE "+col+" <> ''", col, w.seq); err != nil {
			return err
		}
	}
	return nil
}
