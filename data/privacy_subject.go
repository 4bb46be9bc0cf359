package data

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/jmoiron/sqlx"
)

// SubjectAccess is everything this laptop holds about one person, for a
// subject access request (UK GDPR art. 15): every row that names them, by
// table, the earlier values of those rows, the conflicts about them, and
// what this laptop noted or told about them.
type SubjectAccess struct {
	PersonID   string                      `json:"person_id"`
	ExportedAt string                      `json:"exported_at"`
	Laptop     string                      `json:"laptop"`
	Records    map[string][]map[string]any `json:"records"`
}

// ExportPerson writes, as one JSON document, every record on this laptop
// that mentions the person with this id.
func (s *Store) ExportPerson(ctx context.Context, id string, out io.Writer) error {
	doc := SubjectAccess{PersonID: id, ExportedAt: timeText(s.Now()), Laptop: s.LaptopName(), Records: map[string][]map[string]any{}}
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		rows, err := personRows(ctx, tx, id)
		if err != nil {
			return err
		}
		var people int
		if err := tx.GetContext(ctx, &people, "SELECT count(*) FROM people WHERE id = ?", id); err != nil || people == 0 {
			return notFound(err)
		}
		add := func(key, query string, args ...any) error {
			found, err := mapRows(ctx, tx, query, args...)
			if len(found) > 0 {
				doc.Records[key] = append(doc.Records[key], found...)
			}
			return err
		}
		for _, tbl := range slices.Sorted(maps.Keys(rows)) {
			list, err := json.Marshal(rows[tbl])
			if err != nil {
				return err
			}
			// tbl is one of ours, never input.
			if err := add(tbl, "SELECT * FROM "+tbl+" WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id", string(list)); err != nil {
				return err
			}
			if err := add("history", "SELECT * FROM history WHERE tbl = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id, col, by_hlc", tbl, string(list)); err != nil {
				return err
			}
		}
		forms, err := writtenForms(tx, id)
		if err != nil {
			return err
		}
		formList, _ := json.Marshal(forms)
		if err := add("notifications", `SELECT * FROM notifications WHERE target_id = ?1
			OR EXISTS (SELECT 1 FROM json_each(?2) f WHERE instr(title, f.value) > 0 OR instr(body, f.value) > 0) ORDER BY id`, id, string(formList)); err != nil {
			return err
		}
		if err := add("wanted_visitors", "SELECT * FROM wanted_visitors WHERE person_id = ? ORDER BY booth_id", id); err != nil {
			return err
		}
		return add("erasures", "SELECT * FROM erasures WHERE id = ?", id)
	})
	if err != nil {
		return fmt.Errorf("export person %s: %w", id, err)
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// mapRows reads rows as column -> value, text as text.
func mapRows(ctx context.Context, q sqlx.QueryerContext, query string, args ...any) ([]map[string]any, error) {
	rows, err := q.QueryxContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []map[string]any
	for rows.Next() {
		rec := map[string]any{}
		if err := rows.MapScan(rec); err != nil {
			return nil, err
		}
		for k, v := range rec {
			rec[k] = normalCell(v)
		}
		list = append(list, rec)
	}
	return list, rows.Err()
}
