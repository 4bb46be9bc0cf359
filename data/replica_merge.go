package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Stamp orders two values of one field: the newer hybrid clock wins, the
// device id breaks a tie (a device never hands out one clock twice).
type Stamp struct {
	HLC HLC    `json:"h"`
	Dev string `json:"d"`
}

// Compare is -1, 0 or +1 as s is older than, the same as or newer than o.
func (s Stamp) Compare(o Stamp) int {
	switch {
	case s.HLC != o.HLC:
		return cmpUint(uint64(s.HLC), uint64(o.HLC))
	default:
		return strings.Compare(s.Dev, o.Dev)
	}
}

func cmpUint(a, b uint64) int {
	if a < b {
		return -1
	}
	return 1
}

// Cell is one field of one row as it travels between laptops.
type Cell struct {
	Value any `json:"v"`
	Stamp
}

// RowChange is what one laptop says about one row: some of its fields,
// each with its stamp. "deleted" is a field like the others.
type RowChange struct {
	Table string          `json:"t"`
	ID    string          `json:"id"`
	Cells map[string]Cell `json:"c"`
}

// Peer is another laptop as this one knows it.
type Peer struct {
	Device  string
	Name    string
	LastSeq int64 // the last of its batches applied here
	LastHLC HLC   // the newest stamp seen from it
	SeenAt  time.Time
}

// tableNamed finds a synced table by name.
func tableNamed(name string) (table, bool) {
	for _, t := range syncedTables {
		if t.name == name {
			return t, true
		}
	}
	return table{}, false
}

// intColumns hold numbers; every other data column holds text.
var intColumns = map[string]bool{"year_returned": true, "consent": true, "capacity": true, "is_demo": true, "deleted": true,
	"follow_up": true, "rows": true, "seeker_cap": true, "rank": true, "score": true}

// LastSeq is the number of the last local change.
func (s *Store) LastSeq() int64 {
	seq, _ := s.LocalProgress()
	return seq
}

// LocalProgress is the last change number and how many rows this laptop
// has changed in all, read together, so that a sync can later tell how
// many of its own changes are not yet shared. They include another
// program's on this computer.
func (s *Store) LocalProgress() (seq, rows int64) {
	p, err := readProgress(s.reader)
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err == nil {
		s.adopt(p)
	}
	return s.seq, s.localRows
}

// LocalChanges calls fn for every row changed on this laptop after change
// afterSeq up to upTo, with the fields this laptop stamped. Fields that came
// from other laptops are theirs to send.
func (s *Store) LocalChanges(ctx context.Context, afterSeq, upTo int64, fn func(RowChange) error) error {
	return s.readTx(ctx, func(tx *sqlx.Tx) error {
		mine := func(st Stamp) bool { return st.Dev == s.device }
		for _, t := range syncedTables {
			if err := readRowChanges(ctx, tx, t, "seq > ? AND seq <= ?", []any{afterSeq, upTo}, mine, fn); err != nil {
				return fmt.Errorf("read changes of %s: %w", t.name, err)
			}
		}
		return nil
	})
}

// readRowChanges calls fn with the rows of t that match where, each with
// the fields whose stamp keep accepts; rows left with none are skipped.
func readRowChanges(ctx context.Context, q sqlx.QueryerContext, t table, where string, args []any, keep func(Stamp) bool, fn func(RowChange) error) error {
	return scanStored(ctx, q, t, where, args, func(row storedRow) error {
		rc := storedChange(t, row, func(_ string, st Stamp) bool { return keep(st) })
		if len(rc.Cells) == 0 {
			return nil
		}
		return fn(rc)
	})
}

func normalCell(v any) any {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v
}

// ApplyStats counts what applying a batch did.
type ApplyStats struct {
	Rows, Inserted, Changed, Conflicts int
	// Refused counts the rows its writer's role may not write: they were
	// not applied, and are listed by RefusedChanges.
	Refused int
}

// Origin says where a batch comes from: the laptop, its batch number, and
// the newest stamp it had seen from every laptop when it wrote the batch.
type Origin struct {
	Device string
	Name   string
	Seq    int64
	Seen   map[string]HLC
	// Role is the writer's role, as the folder's roster says; every row
	// is checked against it (CheckWrite). Empty, in a folder without a
	// roster, is an organiser's.
	Role LaptopRole
}

// maxClockLead is how far ahead of this laptop's clock another laptop's
// stamps may be before they stop moving this laptop's clock.
const maxClockLead = 5 * time.Minute

// applyChunkRows is how many rows of a batch are merged in one
// transaction. A big batch (a 50,000-person import on another laptop) is
// applied in several, so that the app and other processes on this
// database wait for the write lock no longer than one chunk takes (about
// a third of a second for 10,000 new people here, against the five
// seconds a write waits) instead of for the whole batch. Smaller chunks
// cost more than they save: every commit writes out again the index
// pages the chunk touched, all over the people indexes, and 2,000-row
// chunks wrote twice the pages of 10,000-row ones.
var applyChunkRows = 10000

// betweenChunks runs after each chunk of a big batch is committed and
// before the next begins; an error stops the batch there. It stops a
// cancelled apply at a chunk boundary, and tests use it to break off a
// batch as a crash would.
var betweenChunks = func(ctx context.Context) error { return ctx.Err() }

// ApplyRemote merges rows from another laptop and records that its batch
// from.Seq was applied. next yields rows until ok is false; every row is
// read and checked before anything is written, so a batch that does not
// read or names an unknown table or field changes nothing.
//
// A big batch is merged in chunks of applyChunkRows rows, each in its own
// transaction, and the checkpoint (sync_peers.last_seq) moves only with the
// last chunk. A crash or error between chunks leaves the earlier chunks in
// and the batch not marked applied, so it is applied again from its start
// next time. That is harmless because merging is idempotent: a row already
// merged carries the same stamps as the database and changes nothing, a
// conflict or duplicate is keyed by what conflicted and recorded once, and
// the result is the same database as one uninterrupted apply.
func (s *Store) ApplyRemote(ctx context.Context, from Origin, next func() (RowChange, bool, error)) (ApplyStats, error) {
	var rows []RowChange
	for {
		rc, ok, err := next()
		if err != nil {
			return ApplyStats{}, err
		}
		if !ok {
			break
		}
		if err := checkRowChange(rc); err != nil {
			return ApplyStats{}, fmt.Errorf("merge %s %s from %s: %w", rc.Table, rc.ID, from.Device, err)
		}
		rows = append(rows, rc)
	}
	var stats ApplyStats
	var newest HLC
	for first := true; first || len(rows) > 0; first = false {
		if !first {
			if err := betweenChunks(ctx); err != nil {
				return stats, err
			}
		}
		chunk := rows[:min(len(rows), applyChunkRows)]
		rows = rows[len(chunk):]
		last := len(rows) == 0
		applied := false
		err := s.write(ctx, func(w *writer) error {
			var err error
			applied, err = s.applyChunk(w, from, chunk, last, &newest, &stats)
			return err
		})
		if err != nil || applied {
			return stats, err
		}
	}
	return stats, nil
}

// applyChunk merges some rows of a batch in the transaction w. With last
// it also records the batch as applied. It reports whether the batch had
// been applied before, in which case it changes nothing.
func (s *Store) applyChunk(w *writer, from Origin, rows []RowChange, last bool, newest *HLC, stats *ApplyStats) (bool, error) {
	var applied int64
	if err := w.get(&applied, "SELECT coalesce(max(last_seq), 0) FROM sync_peers WHERE device = ?", from.Device); err != nil {
		return false, err
	}
	if from.Seq <= applied {
		return true, nil // seen already: applying twice changes nothing
	}
	m := &merger{w: w, from: from, known: map[string]HLC{}}
	var peers []struct {
		Device  string `db:"device"`
		LastHLC int64  `db:"last_hlc"`
	}
	if err := w.sel(&peers, "SELECT device, last_hlc FROM sync_peers"); err != nil {
		return false, err
	}
	for _, p := range peers {
		m.known[p.Device] = HLC(p.LastHLC)
	}
	if err := m.findAbsent(rows); err != nil {
		return false, err
	}
	g, err := s.newGate(w)
	if err != nil {
		return false, err
	}
	m.gate = g
	for i, rc := range rows {
		if i%preloadRows == 0 {
			if err := m.preload(rows[i:min(i+preloadRows, len(rows))]); err != nil {
				return false, err
			}
		}
		rc, ok, err := g.admit(w, from, rc, stats)
		if err != nil {
			return false, fmt.Errorf("check %s %s from %s: %w", rc.Table, rc.ID, from.Device, err)
		}
		if !ok {
			continue
		}
		if err := m.mergeRow(rc, stats); err != nil {
			return false, fmt.Errorf("merge %s %s from %s: %w", rc.Table, rc.ID, from.Device, err)
		}
		if rc.Table == meetingsTable.name {
			m.meetings = append(m.meetings, rc.ID)
		}
		for _, c := range rc.Cells {
			*newest = max(*newest, c.HLC)
		}
		stats.Rows++
	}
	if err := m.flagDuplicates(stats); err != nil {
		return false, err
	}
	if err := m.renewVisitsOfNewPeople(); err != nil {
		return false, err
	}
	if err := m.flagDoubleBookings(stats); err != nil {
		return false, err
	}
	if err := g.finish(w); err != nil {
		return false, err
	}
	if newest.Time().Before(s.clock.now().Add(maxClockLead)) {
		s.clock.observe(*newest)
	}
	w.changed = true
	if !last {
		return false, nil
	}
	_, err = w.tx.Exec(`INSERT INTO sync_peers (device, name, last_seq, last_hlc, seen_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (device) DO UPDATE SET name = excluded.name, last_seq = excluded.last_seq,
		last_hlc = max(last_hlc, excluded.last_hlc), seen_at = excluded.seen_at`,
		from.Device, from.Name, from.Seq, int64(*newest), timeText(s.clock.now()))
	return false, err
}

// knownColumns holds, by table, the fields a row change may carry.
var knownColumns = func() map[string]map[string]bool {
	known := map[string]map[string]bool{}
	for _, t := range syncedTables {
		known[t.name] = map[string]bool{"deleted": true}
		for _, c := range t.cols {
			known[t.name][c] = true
		}
	}
	return known
}()

// checkRowChange refuses a row for a table or field this program does not
// know, before any row of its batch is written.
func checkRowChange(rc RowChange) error {
	t, ok := tableNamed(rc.Table)
	if !ok {
		return fmt.Errorf("unknown table %q", rc.Table)
	}
	known := knownColumns[t.name]
	for col := range rc.Cells {
		if !known[col] {
			return fmt.Errorf("unknown field %q", col)
		}
	}
	return checkRemoteRow(rc)
}

// Peers lists the laptops whose changes this one has applied.
func (s *Store) Peers(ctx context.Context) ([]Peer, error) {
	var list []struct {
		Device  string `db:"device"`
		Name    string `db:"name"`
		LastSeq int64  `db:"last_seq"`
		LastHLC int64  `db:"last_hlc"`
		SeenAt  string `db:"seen_at"`
	}
	if err := s.reader.SelectContext(ctx, &list, "SELECT device, name, last_seq, last_hlc, seen_at FROM sync_peers ORDER BY device"); err != nil {
		return nil, fmt.Errorf("read peers: %w", err)
	}
	peers := make([]Peer, len(list))
	for i, p := range list {
		peers[i] = Peer{Device: p.Device, Name: p.Name, LastSeq: p.LastSeq, LastHLC: HLC(p.LastHLC), SeenAt: parseTimeText(p.SeenAt)}
	}
	return peers, nil
}

// merger applies one batch.
type merger struct {
	w        *writer
	from     Origin
	known    map[string]HLC // the newest stamp applied from each laptop before this batch
	inserted []string       // people added by the batch, to look for duplicates
	meetings []string       // meetings the batch changed, to look for double bookings
	// gate is what this laptop's role lets in: the fields it never
	// receives, the conflicts it keeps.
	gate *gate
	// absent holds the rows of the chunk known not to be here yet, found
	// in one query per table, so that a batch of new rows is not read
	// back one lookup at a time. Keyed by table and id.
	absent map[[2]string]bool
	// stored holds rows of the chunk as stored, read a window at a time
	// (preload) so that merging an edit of a row already here does not
	// cost two lookups of its own. An entry serves the row's first change
	// in the window only: a second change of it reads what the first
	// wrote.
	stored map[[2]string]*storedRow
}

// preloadRows is how many of a chunk's rows preload reads at once: enough
// to make a lookup a small part of a row's cost, few enough that their
// fields in memory stay a few megabytes.
const preloadRows = 1000

// preload reads, in two queries a table, the stored rows that rows name
// and findAbsent did not find missing. Conflicts are left to be read one
// at a time: merging a row can add one (addConflict), which a copy read
// beforehand would not show.
func (m *merger) preload(rows []RowChange) error {
	ids := map[string][]string{}
	for _, rc := range rows {
		if rc.Table != conflictsTable.name && !m.absent[[2]string{rc.Table, rc.ID}] {
			ids[rc.Table] = append(ids[rc.Table], rc.ID)
		}
	}
	m.stored = map[[2]string]*storedRow{}
	for tbl, list := range ids {
		t, _ := tableNamed(tbl) // a known table: checkRowChange ran on every row
		list, err := json.Marshal(list)
		if err != nil {
			return err
		}
		err = readStored(m.w.query, t, t.storedCols(), "id IN (SELECT value FROM json_each(?))", []any{string(list)}, func(r storedRow) error {
			m.gate.stampWithheld(t, &r)
			m.stored[[2]string{tbl, r.id}] = &r
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// findAbsent notes which rows of a chunk are not in the database yet.
func (m *merger) findAbsent(rows []RowChange) error {
	ids := map[string][]string{}
	for _, rc := range rows {
		ids[rc.Table] = append(ids[rc.Table], rc.ID)
	}
	m.absent = map[[2]string]bool{}
	for tbl, list := range ids {
		list, err := json.Marshal(list)
		if err != nil {
			return err
		}
		var missing []string
		// tbl is a known table: checkRowChange ran on every row.
		if err := m.w.sel(&missing, "SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM "+tbl+")", string(list)); err != nil {
			return err
		}
		for _, id := range missing {
			m.absent[[2]string{tbl, id}] = true
		}
	}
	return nil
}

func (m *merger) load(t table, id string) (*storedRow, error) {
	key := [2]string{t.name, id}
	if r, ok := m.stored[key]; ok {
		delete(m.stored, key)
		return r, nil
	}
	r, err := m.w.storedByID(t, id, t.storedCols())
	m.gate.stampWithheld(t, r)
	return r, err
}

// cellValue converts a value that crossed JSON back to what the column holds.
func cellValue(col string, v any) any {
	if !intColumns[col] {
		switch s := v.(type) {
		case string:
			return s
		case nil:
			return ""
		}
		return fmt.Sprint(v)
	}
	switch n := v.(type) {
	case float64:
		return int64(n)
	case int64:
		return n
	case int:
		return int64(n)
	case bool:
		if n {
			return int64(1)
		}
		return int64(0)
	case interface{ Int64() (int64, error) }:
		i, _ := n.Int64()
		return i
	}
	return int64(0)
}

func (m *merger) mergeRow(rc RowChange, stats *ApplyStats) error {
	err := checkRowChange(rc)
	if err != nil {
		return err
	}
	t, _ := tableNamed(rc.Table)
	var local *storedRow
	if key := [2]string{t.name, rc.ID}; m.absent[key] {
		delete(m.absent, key) // the same row again in the batch finds this one
	} else if local, err = m.load(t, rc.ID); err != nil {
		return err
	}
	if local == nil {
		stats.Inserted++
		if t.name == peopleTable.name {
			m.inserted = append(m.inserted, rc.ID)
		}
		return m.insert(t, rc)
	}
	changed := map[string]Stamp{}
	for _, col := range slices.Sorted(maps.Keys(rc.Cells)) {
		remote := rc.Cells[col]
		value := cellValue(col, remote.Value)
		mine := local.stamps[col]
		same := sameValue(local.values[col], value)
		switch remote.Stamp.Compare(mine) {
		case 1:
			if !same {
				if err := m.w.keepHistory(t.name, rc.ID, col, local.values[col], mine, remote.Stamp); err != nil {
					return err
				}
				// The remote laptop had not seen the value it replaces.
				if col != "deleted" && mine.Dev != remote.Dev && mine.HLC > m.from.Seen[mine.Dev] && mine.HLC != 0 {
					if err := m.fieldConflict(t, rc.ID, col, value, remote.Stamp, local.values[col], mine, stats); err != nil {
						return err
					}
				}
			}
			local.values[col] = value
			local.stamps[col] = remote.Stamp
			changed[col] = remote.Stamp
		case -1:
			// A value this laptop had already applied is only being sent
			// again with the rest of its row, or is one of its own older
			// values coming back in another laptop's snapshot.
			if !same && remote.HLC > m.known[remote.Dev] && remote.Dev != m.w.store.device {
				if err := m.w.keepHistory(t.name, rc.ID, col, value, remote.Stamp, mine); err != nil {
					return err
				}
				// This laptop's value was made without seeing the remote one.
				if col != "deleted" && mine.Dev == m.w.store.device {
					if err := m.fieldConflict(t, rc.ID, col, local.values[col], mine, value, remote.Stamp, stats); err != nil {
						return err
					}
				}
			}
		}
	}
	if err := m.reviveIfEditedUnseen(t, rc.ID, local, changed, stats); err != nil {
		return err
	}
	if len(changed) == 0 {
		return nil
	}
	stats.Changed++
	return m.write(t, rc.ID, local, changed)
}

// reviveIfEditedUnseen brings a deleted row back when it carries an edit
// that the delete had not seen. Every laptop decides the same way, with the
// same stamp, whichever of the two it received first.
func (m *merger) reviveIfEditedUnseen(t table, id string, row *storedRow, changed map[string]Stamp, stats *ApplyStats) error {
	seen, _ := row.values["deleted"].(int64)
	if seen == 0 {
		return nil
	}
	var newest Stamp
	for _, col := range t.cols {
		if s := row.stamps[col]; s.Compare(newest) > 0 {
			newest = s
		}
	}
	if newest.HLC <= HLC(seen) {
		return nil
	}
	del := row.stamps["deleted"]
	revive := Stamp{HLC: del.HLC + 1, Dev: newest.Dev}
	if del.Dev == m.w.store.device {
		// The delete was made here, and may not have been sent yet: the
		// revive takes its place in the cell, and a laptop sends only the
		// cells it stamped, so the editing laptop could never learn of the
		// delete and come to the same revive. Stamped here, the revive is
		// sent instead; where the editor did revive too, the two stamps
		// differ only in the device and every laptop keeps the same one.
		revive.Dev = del.Dev
	}
	row.values["deleted"] = int64(0)
	row.stamps["deleted"] = revive
	changed["deleted"] = revive
	c := conflictRow{Kind: "delete", Table: t.name, RowID: id, Kept: "edited", KeptDev: newest.Dev, Other: "deleted", OtherDev: del.Dev, At: revive.HLC}
	c.ID = conflictID("delete", t.name, id, fmt.Sprint(del.HLC, del.Dev))
	return m.addConflict(c, stats)
}

func (m *merger) insert(t table, rc RowChange) error {
	cols := append(slices.Clone(t.cols), "deleted")
	// The stamp most fields share becomes the row's; the rest are kept
	// apart, and so are the fields the change does not carry, with the
	// zero stamp that any value sent later beats (but for a booth
	// laptop's people, which come without the contact details it may not
	// hold: gate.withheld). The tombstone
	// never lends the row its stamp: a field without a stamp of its own
	// would then look edited after the delete and revive the row.
	counts := map[Stamp]int{}
	for col, c := range rc.Cells {
		if col != "deleted" {
			counts[c.Stamp]++
		}
	}
	var base Stamp
	for s, n := range counts {
		if n > counts[base] || (n == counts[base] && s.Compare(base) > 0) {
			base = s
		}
	}
	args := make([]any, 0, len(cols)+4)
	args = append(args, rc.ID)
	stamps := make([]Stamp, len(cols))
	for i, col := range cols {
		c, carried := rc.Cells[col]
		args = append(args, cellValue(col, c.Value))
		stamps[i] = c.Stamp
		if !carried && m.gate.never(t.name, col) {
			stamps[i] = base // no value for it is ever compared here
		}
	}
	args = append(args, int64(base.HLC), base.Dev, m.w.seq)
	st, err := m.w.stmt(insertSQL(t, cols))
	if err != nil {
		return err
	}
	if _, err := st.Exec(args...); err != nil {
		return err
	}
	for i, col := range cols {
		own := stamps[i] != base
		if m.gate.withheld(t.name, col) {
			_, own = rc.Cells[col] // held here only with a stamp of its own
		}
		if own {
			if err := m.w.stamp(t.name, rc.ID, col, stamps[i]); err != nil {
				return err
			}
		}
	}
	if args[len(cols)] == int64(0) {
		return nil // a live row: nothing to revive
	}
	row := &storedRow{id: rc.ID, values: make(map[string]any, len(cols)), stamps: make(map[string]Stamp, len(cols))}
	for i, col := range cols {
		row.values[col], row.stamps[col] = args[i+1], stamps[i]
	}
	changed := map[string]Stamp{}
	if err := m.reviveIfEditedUnseen(t, rc.ID, row, changed, &ApplyStats{}); err != nil {
		return err
	}
	if len(changed) > 0 {
		return m.write(t, rc.ID, row, changed)
	}
	return nil
}

// write stores the changed fields of a merged row with their stamps.
func (m *merger) write(t table, id string, row *storedRow, changed map[string]Stamp) error {
	var sets []string
	var args []any
	for _, col := range slices.Sorted(maps.Keys(changed)) {
		sets = append(sets, col+" = ?")
		args = append(args, row.values[col])
	}
	args = append(args, m.w.seq, id)
	// A batch's edits mostly change the same few fields: exec prepares
	// the statement once per set of fields, not once per row.
	if err := m.w.exec(fmt.Sprintf("UPDATE %s SET %s, seq = ? WHERE id = ?", t.name, strings.Join(sets, ", ")), args...); err != nil {
		return err
	}
	for col, s := range changed {
		if err := m.w.stamp(t.name, id, col, s); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) stamp(tbl, id, col string, s Stamp) error {
	st, err := w.stmt("INSERT OR REPLACE INTO stamps (tbl, id, col, hlc, dev, seq) VALUES (?, ?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	_, err = st.Exec(tbl, id, col, int64(s.HLC), s.Dev, w.seq)
	return err
}

// keepHistory saves a value that is being replaced.
func (w *writer) keepHistory(tbl, id, col string, value any, had, by Stamp) error {
	st, err := w.stmt("INSERT INTO history (tbl, id, col, value, hlc, dev, by_hlc, by_dev) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	_, err = st.Exec(tbl, id, col, value, int64(had.HLC), had.Dev, int64(by.HLC), by.Dev)
	return err
}

type conflictRow struct {
	ID, Kind, Table, RowID, Col, Kept, KeptDev, Other, OtherDev string
	// At stamps the row: the newest stamp of what conflicted, the same on
	// every laptop that finds the conflict, and older than any resolution,
	// so a laptop finding it late never reopens a resolved conflict.
	At HLC
}

// conflictID names a conflict by what conflicted, so that every laptop that
// finds it makes the same row.
func conflictID(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:16])
}

func (m *merger) fieldConflict(t table, id, col string, kept any, keptStamp Stamp, other any, otherStamp Stamp, stats *ApplyStats) error {
	if t.name == conflictsTable.name {
		return nil // two laptops' notes on one conflict: the newer stands, no conflict about a conflict
	}
	a, b := keptStamp, otherStamp
	if a.Compare(b) > 0 {
		a, b = b, a
	}
	c := conflictRow{Kind: "field", Table: t.name, RowID: id, Col: col, Kept: fmt.Sprint(kept), KeptDev: keptStamp.Dev,
		Other: fmt.Sprint(other), OtherDev: otherStamp.Dev, At: b.HLC}
	c.ID = conflictID("field", t.name, id, col, fmt.Sprint(a.HLC, a.Dev), fmt.Sprint(b.HLC, b.Dev))
	return m.addConflict(c, stats)
}

// addConflict records a conflict once; finding it again changes nothing.
// A booth laptop keeps only the conflicts its role would receive.
func (m *merger) addConflict(c conflictRow, stats *ApplyStats) error {
	if keep, err := m.gate.keepsConflict(c.Table, c.RowID); err != nil || !keep {
		return err
	}
	var n int
	if err := m.w.tx.Get(&n, "SELECT count(*) FROM conflicts WHERE id = ?", c.ID); err != nil || n > 0 {
		return err
	}
	stats.Conflicts++
	return m.w.insertAt(conflictsTable, c.ID, []any{c.Kind, c.Table, c.RowID, c.Col, c.Kept, c.KeptDev, c.Other, c.OtherDev, ""}, c.At)
}

// flagDuplicates records people added by the batch who share an e-mail
// address or badge code with someone already here, in one query for all
// of them.
func (m *merger) flagDuplicates(stats *ApplyStats) error {
	if len(m.inserted) == 0 {
		return nil
	}
	if keep, err := m.gate.keepsConflict(peopleTable.name, ""); err != nil || !keep {
		return err // a booth laptop: the organisers find and resolve duplicates
	}
	ids, err := json.Marshal(m.inserted)
	if err != nil {
		return err
	}
	var pairs []struct {
		New   string `db:"new_id"`
		Other string `db:"other_id"`
		HLC   int64  `db:"hlc"`
	}
	if err := m.w.tx.Select(&pairs, duplicatesQuery, string(ids)); err != nil {
		return err
	}
	for _, p := range pairs {
		a, b := min(p.New, p.Other), max(p.New, p.Other)
		c := conflictRow{ID: conflictID("duplicate", a, b), Kind: "duplicate", Table: peopleTable.name, RowID: a, Other: b, At: HLC(p.HLC)}
		if err := m.addConflict(c, stats); err != nil {
			return err
		}
	}
	return nil
}

// renewVisitsOfNewPeople marks, on an organiser's laptop, the visits and
// leads already here of people the batch added as changed now. A visit
// logged at a booth can arrive before the person does (the organiser who
// added them has not synced yet); the contact pass (contactPairs), which
// follows the visits that changed, then sends the booth its visitor's
// contact details.
func (m *merger) renewVisitsOfNewPeople() error {
	if len(m.inserted) == 0 || !m.gate.local.IsOrganiser() {
		return nil
	}
	ids, err := json.Marshal(m.inserted)
	if err != nil {
		return err
	}
	for _, tbl := range []string{visitsTable.name, leadsTable.name} {
		if err := m.w.exec("UPDATE "+tbl+" SET seq = ? WHERE person_id IN (SELECT value FROM json_each(?)) AND seq < ?", m.w.seq, string(ids), m.w.seq); err != nil {
			return fmt.Errorf("mark the visits of people added: %w", err)
		}
	}
	return nil
}

// duplicatesQuery pairs each live person in the JSON array ?1 of ids with
// the other live people who have the same e-mail (in any case) or badge
// code. Each new person costs a lookup by id and one in each index
// (people_email on lower(email), people_badge), never a scan: CROSS JOIN
// fixes that order; the "<> ”" terms are spelled as in those partial
// indexes so that SQLite may use them; the two arms are apart because an
// OR across two columns would scan everyone; and "+o.deleted" keeps the
// planner off people_sort, which would walk every live person.
const duplicatesQuery = `SELECT p.id AS new_id, o.id AS other_id, max(o.hlc, p.hlc) AS hlc
	FROM json_each(?1) n CROSS JOIN people p CROSS JOIN people o
	WHERE p.id = n.value AND p.deleted = 0 AND lower(o.email) = lower(p.email) AND o.email <> '' AND +o.deleted = 0 AND o.id <> p.id
	UNION
	SELECT p.id, o.id, max(o.hlc, p.hlc)
	FROM json_each(?1) n CROSS JOIN people p CROSS JOIN people o
	WHERE p.id = n.value AND p.deleted = 0 AND o.badge_code = p.badge_code AND o.badge_code <> '' AND +o.deleted = 0 AND o.id <> p.id`
