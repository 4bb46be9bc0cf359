package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	gosync "sync"

	"github.com/jmoiron/sqlx"
)

// table describes a synced table: its name and its data columns, in the
// order a record's values() lists them. id, deleted, hlc, dev and seq are
// common to all and not listed.
type table struct {
	name string
	cols []string
}

var (
	eventsTable          = table{"events", []string{"name", "starts_at", "ends_at", "time_zone", "venue", "platform", "link", "is_demo"}}
	organisationsTable   = table{"organisations", []string{"name", "sector", "kind", "website", "description"}}
	peopleTable          = table{"people", []string{"given_name", "family_name", "kanji_name", "kana_name", "email", "phone", "org_id", "job_title", "roles", "programme_role", "host_prefecture", "years", "year_returned", "interests", "industries", "badge_code", "consent", "notes", "custom"}}
	boothsTable          = table{"booths", []string{"code", "name", "org_id", "location", "custom", "link"}}
	boothStaffTable      = table{"booth_staff", []string{"booth_id", "person_id"}}
	sessionsTable        = table{"sessions", []string{"title", "kind", "starts_at", "ends_at", "room", "link", "capacity", "description", "recording_link", "custom"}}
	sessionSpeakersTable = table{"session_speakers", []string{"session_id", "person_id"}}
	signupsTable         = table{"signups", []string{"session_id", "person_id"}}
	conflictsTable       = table{"conflicts", []string{"kind", "tbl", "row_id", "col", "kept", "kept_dev", "other", "other_dev", "resolution"}}
	checkinsTable        = table{"checkins", []string{"person_id", "action", "undoes", "at", "laptop", "operator"}}
	visitsTable          = table{"visits", []string{"booth_id", "person_id", "undoes", "at", "laptop", "staff"}}
	attendanceTable      = table{"attendance", []string{"session_id", "person_id", "undoes", "at", "laptop", "operator"}}
	leadsTable           = table{"leads", []string{"booth_id", "person_id", "notes", "rating", "tags", "follow_up"}}
	leadExportsTable     = table{"lead_exports", []string{"booth_id", "at", "laptop", "staff", "rows"}}
	erasuresTable        = table{"erasures", []string{"at"}}
	meetingSlotsTable    = table{"meeting_slots", []string{"booth_id", "host_id", "starts_at", "ends_at", "place", "link", "seeker_cap"}}
	meetingRequestsTable = table{"meeting_requests", []string{"booth_id", "host_id", "person_id", "rank", "source"}}
	hostPreferencesTable = table{"host_preferences", []string{"booth_id", "host_id", "person_id", "preference"}}
	meetingsTable        = table{"meetings", []string{"booth_id", "host_id", "person_id", "slot_id", "starts_at", "ends_at", "place", "link", "state", "score", "reasons"}}
)

// selectByID is the query for one row's own columns.
func (t table) selectByID() string {
	return fmt.Sprintf("SELECT id, %s, %s FROM %s WHERE id = ?", strings.Join(t.cols, ", "), isDeleted, t.name)
}

// isDeleted reads the tombstone as a flag. The column holds 0 for a live
// row, or the newest stamp the deleting laptop had seen on the row, so that
// a merge can tell the edits the delete knew about from those it did not.
const isDeleted = "deleted <> 0 AS deleted"

// syncedTables lists every table whose rows travel between laptops.
var syncedTables = []table{eventsTable, organisationsTable, peopleTable, boothsTable, boothStaffTable, sessionsTable, sessionSpeakersTable, signupsTable, conflictsTable,
	checkinsTable, visitsTable, attendanceTable, leadsTable, leadExportsTable, erasuresTable,
	meetingSlotsTable, meetingRequestsTable, hostPreferencesTable, meetingsTable}

// writer is one write transaction. Every change it makes is stamped with
// the device, a fresh HLC and the transaction's change number.
type writer struct {
	tx      *sqlx.Tx
	store   *Store
	seq     int64
	changed bool
	stmts   map[string]*sqlx.Stmt
	badges  map[string]string // badge codes in use, when a batch knows them all
	erased  bool              // it erased a person: checkpoint the WAL after the commit

	localRows int64 // rows this transaction stamped as this laptop's
}

func (w *writer) stmt(query string) (*sqlx.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	var st *sqlx.Stmt
	var err error
	if kept := w.store.prepared.find(query); kept != nil {
		st = w.tx.Stmtx(kept)
	} else {
		st, err = w.tx.Preparex(query)
	}
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

// maxStmts bounds the statements a transaction keeps prepared through
// exec, whose queries vary with the data: a batch whose every row changes
// another set of fields must not make it keep thousands.
const maxStmts = 64

// exec runs a statement, prepared once per transaction while fewer than
// maxStmts are kept.
func (w *writer) exec(query string, args ...any) error {
	if _, ok := w.stmts[query]; ok || len(w.stmts) < maxStmts {
		st, err := w.stmt(query)
		if err != nil {
			return err
		}
		_, err = st.Exec(args...)
		return err
	}
	_, err := w.tx.Exec(query, args...)
	return err
}

// get reads one row through a statement prepared once per transaction.
func (w *writer) get(dest any, query string, args ...any) error {
	st, err := w.stmt(query)
	if err != nil {
		return err
	}
	return st.Get(dest, args...)
}

// sel reads rows into the slice dest through a statement prepared once.
func (w *writer) sel(dest any, query string, args ...any) error {
	st, err := w.stmt(query)
	if err != nil {
		return err
	}
	return st.Select(dest, args...)
}

// The writer is a sqlx.QueryerContext, so that code written for any
// queryer (localRole) reads through its prepared statements.

func (w *writer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (w *writer) QueryxContext(ctx context.Context, query string, args ...any) (*sqlx.Rows, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryxContext(ctx, args...)
}

func (w *writer) QueryRowxContext(ctx context.Context, query string, args ...any) *sqlx.Row {
	st, err := w.stmt(query)
	if err != nil {
		return w.tx.QueryRowxContext(ctx, query, args...) // which reports the error
	}
	return st.QueryRowxContext(ctx, args...)
}

func (w *writer) closeStmts() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// insert adds a row; every column takes the row's stamp.
func (w *writer) insert(t table, id string, values []any) error {
	return w.insertAt(t, id, values, w.store.clock.next())
}

// insertSQLs holds the INSERT statement of each table and set of columns
// written, made once rather than for every row.
var insertSQLs gosync.Map

// insertSQL is the statement that inserts a row of t with cols (t.cols,
// with or without the tombstone after them) and its stamp and change.
func insertSQL(t table, cols []string) string {
	key := t.name + "/" + strconv.Itoa(len(cols))
	if q, ok := insertSQLs.Load(key); ok {
		return q.(string)
	}
	q := fmt.Sprintf("INSERT INTO %s (id, %s, hlc, dev, seq) VALUES (?%s, ?, ?, ?)",
		t.name, strings.Join(cols, ", "), strings.Repeat(", ?", len(cols)))
	insertSQLs.Store(key, q)
	return q
}

// insertAt adds a row stamped hlc, for rows that every laptop must stamp
// alike.
func (w *writer) insertAt(t table, id string, values []any, hlc HLC) error {
	st, err := w.stmt(insertSQL(t, t.cols))
	if err != nil {
		return fmt.Errorf("insert into %s: %w", t.name, err)
	}
	args := make([]any, 0, len(values)+4)
	args = append(args, id)
	args = append(args, values...)
	args = append(args, int64(hlc), w.store.device, w.seq)
	if _, err := st.Exec(args...); err != nil {
		return fmt.Errorf("insert into %s: %w", t.name, err)
	}
	w.changed = true
	w.localRows++
	return nil
}

// update writes the columns whose value differs between old and new and
// stamps each of them. It reports whether anything changed.
func (w *writer) update(t table, id string, old, new []any) (bool, error) {
	var sets []string
	var args []any
	var cols []string
	for i, col := range t.cols {
		if sameValue(old[i], new[i]) {
			continue
		}
		sets = append(sets, col+" = ?")
		args = append(args, new[i])
		cols = append(cols, col)
	}
	if len(cols) == 0 {
		return false, nil
	}
	return true, w.setColumns(t, id, cols, sets, args)
}

// setDeleted makes or lifts a tombstone. A tombstone records the newest
// stamp on the row, which is everything this laptop had seen of it.
func (w *writer) setDeleted(t table, id string, deleted bool) error {
	var seen int64
	if deleted {
		err := w.tx.Get(&seen, fmt.Sprintf(`SELECT max(hlc) FROM (SELECT hlc FROM %s WHERE id = ?1
			UNION ALL SELECT hlc FROM stamps WHERE tbl = '%s' AND id = ?1)`, t.name, t.name), id)
		if err != nil || seen == 0 {
			return fmt.Errorf("delete from %s %s: %w", t.name, id, ErrNotFound)
		}
	}
	return w.setColumns(t, id, []string{"deleted"}, []string{"deleted = ?"}, []any{seen})
}

func (w *writer) setColumns(t table, id string, cols, sets []string, args []any) error {
	old, err := w.cellsOf(t, id, cols)
	if err != nil {
		return err
	}
	// A local edit must win over the value the user saw, even when that
	// value came stamped by a laptop whose clock runs ahead.
	stamp := Stamp{HLC: w.store.clock.next(), Dev: w.store.device}
	for _, c := range old {
		if c.HLC >= stamp.HLC {
			stamp.HLC = c.HLC + 1
		}
	}
	args = append(args, w.seq, id)
	if _, err := w.tx.Exec(fmt.Sprintf("UPDATE %s SET %s, seq = ? WHERE id = ?", t.name, strings.Join(sets, ", ")), args...); err != nil {
		return fmt.Errorf("update %s: %w", t.name, err)
	}
	for _, col := range cols {
		if err := w.keepHistory(t.name, id, col, old[col].Value, old[col].Stamp, stamp); err != nil {
			return fmt.Errorf("keep history of %s.%s: %w", t.name, col, err)
		}
		if err := w.stamp(t.name, id, col, stamp); err != nil {
			return fmt.Errorf("stamp %s.%s: %w", t.name, col, err)
		}
	}
	w.changed = true
	w.localRows++
	return nil
}

// cellsOf reads some fields of a row with their stamps.
func (w *writer) cellsOf(t table, id string, cols []string) (map[string]Cell, error) {
	row, err := w.storedByID(t, id, cols)
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", t.name, id, err)
	}
	if row == nil {
		return nil, fmt.Errorf("update %s %s: %w", t.name, id, ErrNotFound)
	}
	cells := make(map[string]Cell, len(cols))
	for _, col := range cols {
		cells[col] = Cell{Value: row.values[col], Stamp: row.stamps[col]}
	}
	return cells, nil
}

// link adds the row that joins two records, or lifts its tombstone. Link
// rows are keyed by the pair, so the same link made on two laptops is one row.
func (w *writer) link(t table, a, b string) error {
	id := a + "/" + b
	var deleted bool
	err := w.tx.Get(&deleted, fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", isDeleted, t.name), id)
	switch {
	case err == nil && !deleted:
		return nil
	case err == nil:
		return w.setDeleted(t, id, false)
	default:
		return w.insert(t, id, []any{a, b})
	}
}

// unlink tombstones the row joining two records, if there is one.
func (w *writer) unlink(t table, a, b string) error {
	err := w.setDeleted(t, a+"/"+b, true)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// setLinks makes the links from a to exactly bs.
func (w *writer) setLinks(t table, a string, bs []string) error {
	var current []string
	if err := w.tx.Select(&current, fmt.Sprintf("SELECT %s FROM %s WHERE %s = ? AND deleted = 0", t.cols[1], t.name, t.cols[0]), a); err != nil {
		return fmt.Errorf("read %s: %w", t.name, err)
	}
	want := map[string]bool{}
	for _, b := range bs {
		want[b] = true
		if err := w.link(t, a, b); err != nil {
			return err
		}
	}
	for _, b := range current {
		if !want[b] {
			if err := w.unlink(t, a, b); err != nil {
				return err
			}
		}
	}
	return nil
}

func sameValue(a, b any) bool {
	return reflect.DeepEqual(normalValue(a), normalValue(b))
}

// normalValue turns values into what the database stores, so that a nil
// set and an empty one compare equal.
func normalValue(v any) any {
	switch x := v.(type) {
	case Set:
		return x.String()
	case Fields:
		s, _ := x.Value()
		return s
	}
	return v
}
