package data

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Dump writes every synced record, deleted ones included, as canonical JSON:
// one object a line with sorted keys, tables in a fixed order and rows by id.
// Two databases hold the same data exactly when their dumps are equal. The
// change stamps are left out: they differ between laptops that agree.
func (s *Store) Dump(ctx context.Context, out io.Writer) error {
	w := bufio.NewWriter(out)
	for _, t := range syncedTables {
		rows, err := s.reader.QueryxContext(ctx, fmt.Sprintf("SELECT id, %s, deleted FROM %s ORDER BY id", strings.Join(t.cols, ", "), t.name))
		if err != nil {
			return fmt.Errorf("dump %s: %w", t.name, err)
		}
		for rows.Next() {
			rec := map[string]any{}
			if err := rows.MapScan(rec); err != nil {
				rows.Close()
				return fmt.Errorf("dump %s: %w", t.name, err)
			}
			for k, v := range rec {
				if b, ok := v.([]byte); ok {
					rec[k] = string(b)
				}
			}
			rec["_table"] = t.name
			line, err := json.Marshal(rec)
			if err != nil {
				rows.Close()
				return fmt.Errorf("dump %s: %w", t.name, err)
			}
			w.Write(line)
			w.WriteByte('\n')
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("dump %s: %w", t.name, err)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("dump %s: %w", t.name, err)
		}
	}
	return w.Flush()
}
