package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
)

// storedRow is a row as stored, every column read with its stamp.
type storedRow struct {
	id     string
	values map[string]any
	stamps map[string]Stamp
	base   Stamp            // the row's own stamp
	own    map[string]Stamp // the fields with a row of their own in stamps
}

// storedCols are the columns of t a replica reads with their stamps: the
// record's fields and its tombstone.
func (t table) storedCols() []string { return append(slices.Clone(t.cols), "deleted") }

// queryFunc runs one query: through a context, or through a statement a
// writer prepared once for its transaction.
type queryFunc func(query string, args ...any) (*sql.Rows, error)

func queryIn(ctx context.Context, q sqlx.QueryerContext) queryFunc {
	return func(query string, args ...any) (*sql.Rows, error) { return q.QueryContext(ctx, query, args...) }
}

// query runs a query through a statement prepared once per transaction.
func (w *writer) query(query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.Query(args...)
}

// readStored calls fn with every row of t that matches where, reading cols.
// It is the one place that says which stamp a cell carries, the rule merge
// rests on: the field's own row in stamps if it has one, else the row's
// hlc and dev (a row written whole by one change needs no stamps rows).
// A booth laptop's merge reads one exception into what this returns: a
// person's contact field without a stamps row was never written there
// (gate.stampWithheld).
func readStored(q queryFunc, t table, cols []string, where string, args []any, fn func(storedRow) error) error {
	overrides := map[string]map[string]Stamp{}
	srows, err := q("SELECT id, col, hlc, dev FROM stamps WHERE tbl = ? AND id IN (SELECT id FROM "+t.name+" WHERE "+where+")",
		append([]any{t.name}, args...)...)
	if err != nil {
		return err
	}
	for srows.Next() {
		var id, col string
		var st Stamp
		if err := srows.Scan(&id, &col, &st.HLC, &st.Dev); err != nil {
			srows.Close()
			return err
		}
		if overrides[id] == nil {
			overrides[id] = map[string]Stamp{}
		}
		overrides[id][col] = st
	}
	if err := srows.Close(); err != nil {
		return err
	}
	rows, err := q(fmt.Sprintf("SELECT id, %s, hlc, dev FROM %s WHERE %s ORDER BY seq, rowid",
		strings.Join(cols, ", "), t.name, where), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		values := make([]any, len(cols)+3)
		ptrs := make([]any, len(values))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row := storedRow{id: values[0].(string), values: map[string]any{}, stamps: map[string]Stamp{}}
		row.own = overrides[row.id]
		row.base = Stamp{HLC: HLC(values[len(values)-2].(int64)), Dev: values[len(values)-1].(string)}
		for i, col := range cols {
			row.values[col] = normalCell(values[i+1])
			st, ok := row.own[col]
			if !ok {
				st = row.base
			}
			row.stamps[col] = st
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanStored calls fn with every row of t that matches where, with its
// fields and tombstone.
func scanStored(ctx context.Context, q sqlx.QueryerContext, t table, where string, args []any, fn func(storedRow) error) error {
	return readStored(queryIn(ctx, q), t, t.storedCols(), where, args, fn)
}

// storedByID reads one row of t by id, or nil when there is none.
func (w *writer) storedByID(t table, id string, cols []string) (*storedRow, error) {
	var found *storedRow
	err := readStored(w.query, t, cols, "id = ?", []any{id}, func(r storedRow) error {
		found = &r
		return nil
	})
	return found, err
}
