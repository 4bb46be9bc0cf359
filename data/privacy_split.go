package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
)

// splitter decides the audience of each cell. It looks up in the database
// what a change does not carry: the booth of a booth's row that a later
// edit names only by id, and the booth of a row a conflict is about.
type splitter struct {
	ctx    context.Context
	q      sqlx.QueryerContext
	booths map[[2]string]string // table and row id -> booth id, "" when the row is unknown
}

func newSplitter(ctx context.Context, q sqlx.QueryerContext) *splitter {
	return &splitter{ctx: ctx, q: q, booths: map[[2]string]string{}}
}

// boothOf is the booth a row of a booth's table belongs to: from the
// change when it carries booth_id, else from the database.
func (sp *splitter) boothOf(tbl, id string, carried map[string]Cell) (string, error) {
	if c, ok := carried["booth_id"]; ok {
		return fmt.Sprint(cellValue("booth_id", c.Value)), nil
	}
	key := [2]string{tbl, id}
	if b, ok := sp.booths[key]; ok {
		return b, nil
	}
	var b string
	err := sqlx.GetContext(sp.ctx, sp.q, &b, "SELECT booth_id FROM "+tbl+" WHERE id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	if err != nil {
		return "", fmt.Errorf("read the booth of %s %s: %w", tbl, id, err)
	}
	sp.booths[key] = b
	return b, nil
}

// subjectOf is the table and row a conflict is about, from the change or
// the database.
func (sp *splitter) subjectOf(id string, carried map[string]Cell) (tbl, row string, err error) {
	tc, okT := carried["tbl"]
	rc, okR := carried["row_id"]
	if okT && okR {
		return fmt.Sprint(tc.Value), fmt.Sprint(rc.Value), nil
	}
	err = sqlx.GetContext(sp.ctx, sp.q, &struct {
		T *string `db:"tbl"`
		R *string `db:"row_id"`
	}{&tbl, &row}, "SELECT tbl, row_id FROM conflicts WHERE id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return tbl, row, err
}

// audienceOf is the one audience a cell is sent to. Contact details go to
// organisers here; the booths a consenting person visited receive them in
// a pass of their own (contactPairs).
func (sp *splitter) audienceOf(tbl, id, col string, carried map[string]Cell) (Audience, error) {
	r, err := ruleOf(tbl, col)
	if err != nil {
		return "", err
	}
	switch r {
	case toEveryone:
		return AudEveryone, nil
	case toRowBooth:
		b, err := sp.boothOf(tbl, id, carried)
		if err != nil || b == "" {
			return AudOrganisers, err
		}
		return BoothAudience(b), nil
	case toSubject:
		subject, row, err := sp.subjectOf(id, carried)
		if err != nil || !boothTables[subject] {
			return AudOrganisers, err
		}
		b, err := sp.boothOf(subject, row, nil)
		if err != nil || b == "" {
			return AudOrganisers, err
		}
		return BoothAudience(b), nil
	}
	return AudOrganisers, nil
}

// split divides a row change into one partial change per audience, in a
// fixed order: everyone, organisers, then booths by id.
func (sp *splitter) split(rc RowChange) ([]Audience, map[Audience]RowChange, error) {
	parts := map[Audience]RowChange{}
	var order []Audience
	for col, c := range rc.Cells {
		a, err := sp.audienceOf(rc.Table, rc.ID, col, rc.Cells)
		if err != nil {
			return nil, nil, err
		}
		p, ok := parts[a]
		if !ok {
			p = RowChange{Table: rc.Table, ID: rc.ID, Cells: map[string]Cell{}}
			parts[a] = p
			order = append(order, a)
		}
		p.Cells[col] = c
	}
	slices.SortFunc(order, compareAudiences)
	return order, parts, nil
}

func compareAudiences(a, b Audience) int {
	rank := func(x Audience) int {
		switch x {
		case AudEveryone:
			return 0
		case AudOrganisers:
			return 1
		}
		return 2
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	return strings.Compare(string(a), string(b))
}

// JoinParts joins the partial changes of one row from the sections of a
// batch (one per audience) into one change, in the order the rows first
// appear, as a laptop reading the batch merges them. The first part of
// each row takes the cells of the others in place: rows are the caller's
// own, freshly decoded.
func JoinParts(rows []RowChange) []RowChange {
	at := make(map[[2]string]int, len(rows))
	out := rows[:0:0]
	for _, rc := range rows {
		key := [2]string{rc.Table, rc.ID}
		i, ok := at[key]
		if !ok {
			at[key] = len(out)
			out = append(out, rc)
			continue
		}
		for col, v := range rc.Cells {
			if old, seen := out[i].Cells[col]; !seen || v.HLC > old.HLC {
				out[i].Cells[col] = v
			}
		}
	}
	return out
}

// storedChange is a stored row as a change with the cells keep accepts.
func storedChange(t table, row storedRow, keep func(col string, st Stamp) bool) RowChange {
	rc := RowChange{Table: t.name, ID: row.id, Cells: map[string]Cell{}}
	for col, v := range row.values {
		if st := row.stamps[col]; keep(col, st) {
			rc.Cells[col] = Cell{Value: v, Stamp: st}
		}
	}
	return rc
}

// LocalChangesFor is LocalChanges divided by audience: fn receives, for
// every row changed on this laptop after change afterSeq up to upTo, one
// partial change per audience with only the cells that audience may read.
// An organiser's laptop also sends the contact details of consenting
// people to each booth they visited, whenever the person, their consent or
// a visit changed in that range (whoever stamped the details), so that a
// booth receives them when consent is given or a visit is logged. A booth
// laptop sends only what its role may write.
func (s *Store) LocalChangesFor(ctx context.Context, afterSeq, upTo int64, fn func(Audience, RowChange) error) error {
	return s.readTx(ctx, func(tx *sqlx.Tx) error { return s.localChangesFor(ctx, tx, afterSeq, upTo, fn) })
}

func (s *Store) localChangesFor(ctx context.Context, tx *sqlx.Tx, afterSeq, upTo int64, fn func(Audience, RowChange) error) error {
	role, err := localRole(ctx, tx)
	if err != nil {
		return err
	}
	sp := newSplitter(ctx, tx)
	mine := func(_ string, st Stamp) bool { return st.Dev == s.device }
	for _, t := range syncedTables {
		// Only rows with a field of this laptop's are read: after a big
		// sync, most rows changed here hold other laptops' changes only.
		where := "seq > ? AND seq <= ? AND (dev = ? OR EXISTS (SELECT 1 FROM stamps s WHERE s.tbl = '" + t.name + "' AND s.id = " + t.name + ".id AND s.dev = ?))"
		err := scanStored(ctx, tx, t, where, []any{afterSeq, upTo, s.device, s.device}, func(row storedRow) error {
			rc := storedChange(t, row, mine)
			if len(rc.Cells) == 0 {
				return nil
			}
			wanted := func(Audience) bool { return true }
			if !role.IsOrganiser() {
				if checkWrite(ctx, tx, role, rc) != nil {
					return nil // it would be refused: the organisers find their own conflicts
				}
				// A row a booth laptop makes stamps every field, those only
				// organisers read too (a meeting's score): it holds no key
				// to write them, and they hold nothing it was told.
				wanted = role.Reads
			}
			return emitSplit(sp, rc, wanted, fn)
		})
		if err != nil {
			return fmt.Errorf("read changes of %s: %w", t.name, err)
		}
	}
	if !role.IsOrganiser() {
		return nil
	}
	return contactPairs(ctx, tx, "changed", []any{afterSeq, upTo}, fn)
}

func emitSplit(sp *splitter, rc RowChange, wanted func(Audience) bool, fn func(Audience, RowChange) error) error {
	order, parts, err := sp.split(rc)
	if err != nil {
		return err
	}
	for _, a := range order {
		if wanted(a) {
			if err := fn(a, parts[a]); err != nil {
				return err
			}
		}
	}
	return nil
}

// VisitsChangedAfter reports whether a visit or a lead changed after
// change seq on this laptop: an organiser's laptop then has contact
// details to send the booth.
func (s *Store) VisitsChangedAfter(ctx context.Context, seq int64) (bool, error) {
	var n int
	err := s.reader.GetContext(ctx, &n, `SELECT EXISTS (SELECT 1 FROM visits WHERE seq > ?1) OR EXISTS (SELECT 1 FROM leads WHERE seq > ?1)`, seq)
	return n == 1, err
}

// contactPairQueries find the consenting live people and the booths they
// visited (a visit or a lead): "changed" those where the person's contact
// details, consent or tombstone, or the visit, changed in a range of
// change numbers; "booth" those of one booth. A person's other fields
// (a job title) change without resending anything. Every change of a
// field of a row already here writes its row in stamps, and a person
// added after their visits renews them (renewVisitsOfNewPeople), so
// these two cover every change that can let a booth hold new details.
var contactPairQueries = map[string]string{
	"changed": `SELECT person_id, booth_id FROM (
		SELECT v.person_id, v.booth_id FROM stamps s JOIN visits v ON v.person_id = s.id
			WHERE s.seq > ?1 AND s.seq <= ?2 AND s.tbl = 'people' AND s.col IN ` + contactTriggers + ` AND v.deleted = 0
		UNION SELECT l.person_id, l.booth_id FROM stamps s JOIN leads l ON l.person_id = s.id
			WHERE s.seq > ?1 AND s.seq <= ?2 AND s.tbl = 'people' AND s.col IN ` + contactTriggers + ` AND l.deleted = 0
		UNION SELECT person_id, booth_id FROM visits WHERE seq > ?1 AND seq <= ?2 AND deleted = 0
		UNION SELECT person_id, booth_id FROM leads WHERE seq > ?1 AND seq <= ?2 AND deleted = 0
	) v WHERE EXISTS (SELECT 1 FROM people p WHERE p.id = v.person_id AND p.consent = 1 AND p.deleted = 0)
	ORDER BY person_id, booth_id`,
	"booth": `SELECT person_id, booth_id FROM (
		SELECT person_id, booth_id FROM visits WHERE booth_id = ?1 AND deleted = 0
		UNION SELECT person_id, booth_id FROM leads WHERE booth_id = ?1 AND deleted = 0
	) v WHERE EXISTS (SELECT 1 FROM people p WHERE p.id = v.person_id AND p.consent = 1 AND p.deleted = 0)
	ORDER BY person_id, booth_id`,
}

// contactTriggers are the fields of a person whose change may let a booth
// hold their contact details, or hold new ones.
var contactTriggers = sqlList(append(slices.Clone(contactColumns), "consent", "deleted"))

// contactPairs sends each consenting visitor's contact cells, with the
// stamps they have, to each booth they visited. They come after every
// other change, so that the visit that lets a booth keep them is there
// first however the batch is cut into transactions.
func contactPairs(ctx context.Context, q sqlx.QueryerContext, which string, args []any, fn func(Audience, RowChange) error) error {
	var pairs []struct {
		Person string `db:"person_id"`
		Booth  string `db:"booth_id"`
	}
	if err := sqlx.SelectContext(ctx, q, &pairs, contactPairQueries[which], args...); err != nil {
		return fmt.Errorf("read visitors' contact details: %w", err)
	}
	// Every visitor's contact cells in one read, not one per person.
	var ids []string
	for _, p := range pairs {
		if len(ids) == 0 || ids[len(ids)-1] != p.Person {
			ids = append(ids, p.Person)
		}
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	contacts := map[string]RowChange{}
	err = scanStored(ctx, q, peopleTable, "id IN (SELECT value FROM json_each(?))", []any{string(list)}, func(row storedRow) error {
		contacts[row.id] = storedChange(peopleTable, row, func(col string, _ Stamp) bool { return slices.Contains(contactColumns, col) })
		return nil
	})
	if err != nil {
		return fmt.Errorf("read visitors' contact details: %w", err)
	}
	for _, p := range pairs {
		rc, ok := contacts[p.Person]
		if !ok || p.Booth == "" {
			continue
		}
		if err := fn(BoothAudience(p.Booth), rc); err != nil {
			return err
		}
	}
	return nil
}

// SnapshotFor calls fn with every row as audience aud may read it, every
// cell with its stamp: a laptop joins from the snapshots of its role's
// audiences. A booth's snapshot ends with its consenting visitors'
// contact details.
func (s *Store) SnapshotFor(ctx context.Context, aud Audience, fn func(RowChange) error) error {
	return s.snapshot(ctx, func(a Audience) bool { return a == aud }, func(_ Audience, rc RowChange) error { return fn(rc) })
}

// SnapshotForRole calls fn with every row as a laptop of role may hold it:
// the cells of all the audiences it reads, one change per row and audience.
func (s *Store) SnapshotForRole(ctx context.Context, role LaptopRole, fn func(Audience, RowChange) error) error {
	return s.snapshot(ctx, role.Reads, fn)
}

// OwnSnapshotFor is SnapshotFor with only the fields this laptop stamped,
// which is what its batches carried: the snapshot of a booth laptop. It
// stands in for the booth's folded batches, so it may hold nothing the
// booth did not write (readers would refuse it); laptops join from an
// organiser's snapshot, which holds everything.
func (s *Store) OwnSnapshotFor(ctx context.Context, aud Audience, fn func(RowChange) error) error {
	return s.readTx(ctx, func(tx *sqlx.Tx) error {
		return snapshotIn(ctx, tx, func(a Audience) bool { return a == aud }, s.device, func(_ Audience, rc RowChange) error { return fn(rc) })
	})
}

func (s *Store) snapshot(ctx context.Context, wanted func(Audience) bool, fn func(Audience, RowChange) error) error {
	return s.readTx(ctx, func(tx *sqlx.Tx) error { return snapshotIn(ctx, tx, wanted, "", fn) })
}

// snapshotIn calls fn with every row's cells for the audiences wanted;
// with only set, just the cells that device stamped.
func snapshotIn(ctx context.Context, tx *sqlx.Tx, wanted func(Audience) bool, only string, fn func(Audience, RowChange) error) error {
	sp := newSplitter(ctx, tx)
	keep := func(_ string, st Stamp) bool { return only == "" || st.Dev == only }
	for _, t := range syncedTables {
		err := scanStored(ctx, tx, t, "1", nil, func(row storedRow) error {
			rc := storedChange(t, row, keep)
			if len(rc.Cells) == 0 {
				return nil
			}
			return emitSplit(sp, rc, wanted, fn)
		})
		if err != nil {
			return fmt.Errorf("read %s for a snapshot: %w", t.name, err)
		}
	}
	if wanted(AudOrganisers) || only != "" {
		return nil // organisers have every contact detail already; a laptop's own cells are all there is
	}
	var booths []string
	if err := tx.SelectContext(ctx, &booths, "SELECT booth_id FROM visits UNION SELECT booth_id FROM leads ORDER BY 1"); err != nil {
		return err
	}
	for _, b := range booths {
		if wanted(BoothAudience(b)) {
			if err := contactPairs(ctx, tx, "booth", []any{b}, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// readTx runs fn in one read-only transaction, so that everything it
// reads is one state of the database.
func (s *Store) readTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	conn, err := s.reader.Connx(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}
