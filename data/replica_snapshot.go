package data

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	gosync "sync"

	"github.com/jmoiron/sqlx"
)

// SnapshotTempPrefix begins the names of the temporary copies of a shared
// snapshot that joining and catching up make beside the database (never
// in the system's temporary folder). Any file beside the database whose
// name starts with it is left over from an interrupted join and may go.
const SnapshotTempPrefix = ".fairdesk-snapshot-"

// MaxFieldBytes is the most one field may hold when it arrives from
// another laptop, in a batch or a snapshot. The longest real fields are
// notes and custom fields: a page of notes is about 3 KB, so 1 MiB is some
// three hundred pages, and a field past it is an attack, not an event.
const MaxFieldBytes = 1 << 20

// SharedSnapshot writes the synced tables, with their stamps, to a new
// database file at path for the shared folder. It is a consistent copy
// (VACUUM INTO) from which every local table's rows and the derived search
// index are then removed, and vacuumed again so that nothing removed is
// left in the file's free pages: what this laptop keeps for itself (its
// device id, settings, history, reminders) never reaches the folder.
func (s *Store) SharedSnapshot(ctx context.Context, path string) error {
	if err := s.Snapshot(ctx, path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+uriPath(path)+"?_pragma=trusted_schema(0)")
	if err != nil {
		return fmt.Errorf("prepare snapshot %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, t := range append(slices.Clone(localTables), derivedTables...) {
		if _, err := db.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return fmt.Errorf("prepare snapshot %s: clear %s: %w", path, t, err)
		}
	}
	if _, err := db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("prepare snapshot %s: %w", path, err)
	}
	return db.Close()
}

// uriPath escapes the characters that end a path in an SQLite URI.
func uriPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(strings.ReplaceAll(path, `\`, "/"))
}

// ForeignSnapshot is a snapshot database from the shared folder, opened
// only to read rows out of: read-only and immutable, with trusted_schema
// off and in defensive mode, after its schema was found to be exactly the
// one this program's migrations make. It is never opened as a Store, so no
// trigger, view or table someone planted in it can run or be kept.
type ForeignSnapshot struct {
	db   *sqlx.DB
	path string
}

// ErrForeignSchema marks a snapshot whose schema is not one this program makes.
var ErrForeignSchema = errors.New("snapshot schema not made by Fairdesk")

// OpenForeignSnapshot opens the snapshot file at path for reading rows
// out of it, refusing one that is not an SQLite file, was written by
// another version of Fairdesk, is damaged, or holds anything in its schema
// that our migrations do not make.
func OpenForeignSnapshot(ctx context.Context, path string) (*ForeignSnapshot, error) {
	version, err := fileSchemaVersion(path)
	if err != nil {
		return nil, err
	}
	if known := SchemaVersion(); version > known {
		return nil, fmt.Errorf("%w: the snapshot was written by a newer Fairdesk (schema %d, this one knows %d): update this laptop to read it", ErrNewerDatabase, version, known)
	} else if version < known {
		return nil, fmt.Errorf("%w: the snapshot was written by an older Fairdesk (schema %d, this one writes %d): update the laptop that shared it and let it sync once", ErrForeignSchema, version, known)
	}
	q := "?mode=ro&immutable=1&_defensive=1&_pragma=trusted_schema(0)&_pragma=cell_size_check(1)&_pragma=mmap_size(0)&_query_only=1"
	db, err := sqlx.Open("sqlite", "file:"+uriPath(path)+q)
	if err != nil {
		return nil, fmt.Errorf("open snapshot: %w", err)
	}
	db.SetMaxOpenConns(1)
	f := &ForeignSnapshot{db: db, path: path}
	if err := f.check(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return f, nil
}

// Close releases the snapshot file.
func (f *ForeignSnapshot) Close() error { return f.db.Close() }

// fileSchemaVersion reads the schema version from the file header without
// opening the database.
func fileSchemaVersion(path string) (int, error) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("open snapshot: %w", err)
	}
	defer fh.Close()
	header := make([]byte, 100)
	if _, err := io.ReadFull(fh, header); err != nil || string(header[:16]) != "SQLite format 3\x00" {
		return 0, fmt.Errorf("%w: the snapshot is not an SQLite database", ErrForeignSchema)
	}
	return int(binary.BigEndian.Uint32(header[60:64])), nil
}

type schemaEntry struct {
	Type    string `db:"type"`
	Name    string `db:"name"`
	Table   string `db:"tbl_name"`
	SQL     string `db:"sql"`
	Defines string // what the entry is, for a message
}

const schemaQuery = "SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_schema"

// referenceSchema is the schema our own migrations make, built once in
// memory: the one schema a snapshot may have.
var referenceSchema = gosync.OnceValues(func() (map[string]schemaEntry, error) {
	db, err := sqlx.Open("sqlite", "file:fairdesk-reference-schema?mode=memory")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, m := range migrations() {
		if _, err := db.Exec(m.sql); err != nil {
			return nil, fmt.Errorf("build the reference schema with %s: %w", m.name, err)
		}
	}
	return readSchema(db)
})

func readSchema(q sqlx.Queryer) (map[string]schemaEntry, error) {
	var list []schemaEntry
	if err := sqlx.Select(q, &list, schemaQuery); err != nil {
		return nil, err
	}
	m := map[string]schemaEntry{}
	for _, e := range list {
		m[e.Type+" "+e.Name] = e
	}
	return m, nil
}

// check runs SQLite's quick consistency check and compares the schema
// with the reference, entry by entry: a trigger, view, table or index that
// we do not make, or one whose definition differs, refuses the snapshot.
func (f *ForeignSnapshot) check(ctx context.Context) error {
	var result []string
	if err := f.db.SelectContext(ctx, &result, "PRAGMA quick_check"); err != nil {
		return fmt.Errorf("%w: the snapshot cannot be read: %v", ErrForeignSchema, err)
	}
	if len(result) != 1 || result[0] != "ok" {
		return fmt.Errorf("%w: the snapshot is damaged (%d problems found by SQLite's check)", ErrForeignSchema, len(result))
	}
	want, err := referenceSchema()
	if err != nil {
		return err
	}
	got, err := readSchema(f.db)
	if err != nil {
		return fmt.Errorf("%w: the snapshot's schema cannot be read: %v", ErrForeignSchema, err)
	}
	var wrong []string
	for _, key := range sortedKeys(got) {
		if w, ok := want[key]; !ok {
			wrong = append(wrong, fmt.Sprintf("an extra %s %q", got[key].Type, got[key].Name))
		} else if w != got[key] {
			wrong = append(wrong, fmt.Sprintf("a changed %s %q", got[key].Type, got[key].Name))
		}
	}
	for _, key := range sortedKeys(want) {
		if _, ok := got[key]; !ok {
			wrong = append(wrong, fmt.Sprintf("no %s %q", want[key].Type, want[key].Name))
		}
	}
	if len(wrong) > 0 {
		if len(wrong) > 5 {
			wrong = append(wrong[:5], fmt.Sprintf("%d more differences", len(wrong)-5))
		}
		return fmt.Errorf("%w: the snapshot has %s; it was not written by Fairdesk and was not used", ErrForeignSchema, strings.Join(wrong, ", "))
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// foreignRow is one row of a synced table as the snapshot holds it: its
// values, cast to what each column holds, the row's own stamp and the
// stamps of the fields that have their own.
type foreignRow struct {
	id     string
	values []any // t.cols then deleted
	base   Stamp
	stamps map[string]Stamp
}

// rows calls fn with every row of t. Every value is cast in SQL to the
// type its column holds, so that a value of another type planted in the
// file arrives as what our own code would have written.
func (f *ForeignSnapshot) rows(ctx context.Context, t table, fn func(foreignRow) error) error {
	cols := append(slices.Clone(t.cols), "deleted")
	stamps := map[string]map[string]Stamp{}
	srows, err := f.db.QueryContext(ctx, "SELECT CAST(id AS TEXT), CAST(col AS TEXT), CAST(hlc AS INTEGER), CAST(dev AS TEXT) FROM stamps WHERE tbl = ?", t.name)
	if err != nil {
		return err
	}
	for srows.Next() {
		var id, col, dev sql.NullString
		var hlc sql.NullInt64
		if err := srows.Scan(&id, &col, &hlc, &dev); err != nil {
			srows.Close()
			return err
		}
		if !slices.Contains(cols, col.String) {
			continue // a stamp for no field of ours stamps nothing
		}
		if stamps[id.String] == nil {
			stamps[id.String] = map[string]Stamp{}
		}
		stamps[id.String][col.String] = Stamp{HLC: HLC(hlc.Int64), Dev: dev.String}
	}
	if err := srows.Close(); err != nil {
		return err
	}
	exprs := make([]string, len(cols))
	for i, c := range cols {
		if intColumns[c] {
			exprs[i] = fmt.Sprintf("coalesce(CAST(%s AS INTEGER), 0)", c)
		} else {
			exprs[i] = fmt.Sprintf("coalesce(CAST(%s AS TEXT), '')", c)
		}
	}
	rows, err := f.db.QueryContext(ctx, fmt.Sprintf("SELECT coalesce(CAST(id AS TEXT), ''), %s, coalesce(CAST(hlc AS INTEGER), 0), coalesce(CAST(dev AS TEXT), '') FROM %s ORDER BY id",
		strings.Join(exprs, ", "), t.name))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r := foreignRow{values: make([]any, len(cols))}
		var hlc int64
		ptrs := []any{&r.id}
		for i := range r.values {
			ptrs = append(ptrs, &r.values[i])
		}
		ptrs = append(ptrs, &hlc, &r.base.Dev)
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		r.base.HLC = HLC(hlc)
		r.stamps = stamps[r.id]
		for i, v := range r.values {
			r.values[i] = normalCell(v)
			if s, ok := r.values[i].(string); ok && len(s) > MaxFieldBytes {
				return fmt.Errorf("%w: %s %s field %s holds %d bytes, more than the %d a field may", ErrForeignSchema, t.name, r.id, cols[i], len(s), MaxFieldBytes)
			}
		}
		if r.id == "" || len(r.id) > MaxIDBytes {
			return fmt.Errorf("%w: %s has a row whose id is empty or too long", ErrForeignSchema, t.name)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// MaxIDBytes bounds a row's key from another laptop: ours are UUIDs (36
// characters), 32-digit conflict ids, or two UUIDs for a link (73).
const MaxIDBytes = 256

// Changes calls fn with every synced row of the snapshot as a row change
// carrying every field with its stamp, for merging into a database that
// is not empty.
func (f *ForeignSnapshot) Changes(ctx context.Context, fn func(RowChange) error) error {
	for _, t := range syncedTables {
		cols := append(slices.Clone(t.cols), "deleted")
		err := f.rows(ctx, t, func(r foreignRow) error {
			rc := RowChange{Table: t.name, ID: r.id, Cells: make(map[string]Cell, len(cols))}
			for i, c := range cols {
				st, ok := r.stamps[c]
				if !ok {
					st = r.base
				}
				rc.Cells[c] = Cell{Value: r.values[i], Stamp: st}
			}
			return fn(rc)
		})
		if err != nil {
			return fmt.Errorf("read snapshot %s: %w", t.name, err)
		}
	}
	return nil
}

// FillFromSnapshot copies every synced row of the snapshot, with its
// stamps, into this store, which must be empty and was built by our own
// migrations, and records the checkpoints the snapshot includes, so that
// reading resumes after them. It is one transaction: all of it or nothing.
func (s *Store) FillFromSnapshot(ctx context.Context, f *ForeignSnapshot, included []Checkpoint) error {
	return s.write(ctx, func(w *writer) error {
		var newest HLC
		for _, t := range syncedTables {
			cols := append(slices.Clone(t.cols), "deleted")
			insert := fmt.Sprintf("INSERT INTO %s (id, %s, hlc, dev, seq) VALUES (?%s, ?, ?, ?)",
				t.name, strings.Join(cols, ", "), strings.Repeat(", ?", len(cols)))
			err := f.rows(ctx, t, func(r foreignRow) error {
				st, err := w.stmt(insert)
				if err != nil {
					return err
				}
				args := append([]any{r.id}, r.values...)
				if _, err := st.Exec(append(args, int64(r.base.HLC), r.base.Dev, w.seq)...); err != nil {
					return fmt.Errorf("copy %s %s: %w", t.name, r.id, err)
				}
				newest = max(newest, r.base.HLC)
				for _, col := range sortedKeys(r.stamps) {
					newest = max(newest, r.stamps[col].HLC)
					if err := w.stamp(t.name, r.id, col, r.stamps[col]); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("read snapshot %s: %w", t.name, err)
			}
		}
		for _, c := range included {
			if _, err := w.tx.Exec(`INSERT INTO sync_peers (device, name, last_seq, last_hlc) VALUES (?, ?, ?, ?)
				ON CONFLICT (device) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq), last_hlc = max(last_hlc, excluded.last_hlc)`,
				c.Device, c.Name, c.Seq, int64(c.HLC)); err != nil {
				return err
			}
		}
		// Edits made here from now on order after what was copied, unless a
		// stamp is far ahead of this laptop's clock (data/sync/DESIGN.md,
		// held-back stamps).
		if newest.Time().Before(s.clock.now().Add(maxClockLead)) {
			s.clock.observe(newest)
		}
		w.changed = true
		return nil
	})
}
