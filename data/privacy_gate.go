package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// gate decides, row by row, what of another laptop's batch this laptop
// takes: nothing its writer's role may not write (refused and recorded),
// nothing about an erased person, and on a booth laptop only the cells its
// role may read. After the rows are merged, it carries out erasure records
// and, on a booth laptop, blanks the contact details it may no longer hold.
type gate struct {
	local   LaptopRole
	erased  map[string]bool
	sp      *splitter
	people  map[string]bool // people whose consent, row or visits the chunk touched
	erasing []string        // erasure records in the chunk
}

func (s *Store) newGate(w *writer) (*gate, error) {
	ctx := context.Background()
	role, err := localRole(ctx, w)
	if err != nil {
		return nil, err
	}
	g := &gate{local: role, erased: map[string]bool{}, sp: newSplitter(ctx, w.tx), people: map[string]bool{}}
	var ids []string
	if err := w.sel(&ids, "SELECT id FROM erasures WHERE deleted = 0"); err != nil {
		return nil, fmt.Errorf("read erasures: %w", err)
	}
	for _, id := range ids {
		g.erased[id] = true
	}
	return g, nil
}

// admit returns the part of rc this laptop merges, or false for none.
func (g *gate) admit(w *writer, from Origin, rc RowChange, stats *ApplyStats) (RowChange, bool, error) {
	if err := checkWrite(g.sp.ctx, w.tx, from.Role, rc); err != nil {
		var refused *RefusedError
		if !errors.As(err, &refused) {
			return rc, false, err
		}
		stats.Refused++
		return rc, false, w.recordRefused(from, refused)
	}
	if len(g.erased) > 0 {
		person, err := g.personOf(rc)
		if err != nil {
			return rc, false, err
		}
		if g.erased[person] {
			return rc, false, nil
		}
		if host, err := g.hostOf(rc); err != nil || g.erased[host] {
			return rc, false, err
		}
	}
	if !g.local.IsOrganiser() {
		kept := RowChange{Table: rc.Table, ID: rc.ID, Cells: map[string]Cell{}}
		for col, c := range rc.Cells {
			a, err := g.sp.audienceOf(rc.Table, rc.ID, col, rc.Cells)
			if err != nil {
				return rc, false, err
			}
			// Contact details come to organisers' audience in the split;
			// a booth keeps them only of its consenting visitors, which
			// finish decides once the chunk's visits are in.
			if g.local.Reads(a) || (rc.Table == peopleTable.name && slices.Contains(contactColumns, col)) {
				kept.Cells[col] = c
			}
		}
		if len(kept.Cells) == 0 {
			return rc, false, nil
		}
		rc = kept
	}
	switch {
	case rc.Table == peopleTable.name:
		g.people[rc.ID] = true
	case rc.Table == erasuresTable.name:
		g.erasing = append(g.erasing, rc.ID)
	}
	if person, ok := rc.Cells["person_id"]; ok && boothTables[rc.Table] {
		g.people[fmt.Sprint(person.Value)] = true
	}
	return rc, true, nil
}

// never tells a field that no change this laptop applies can carry: on a
// booth laptop, one that only organisers read (contact details excepted,
// which come with consent). Such a field of a row inserted here needs no
// stamp of its own, which on joining a 100,000-person event as a booth
// spares five stamps a person.
func (g *gate) never(tbl, col string) bool {
	if g.local.IsOrganiser() || g.withheld(tbl, col) {
		return false
	}
	r, err := ruleOf(tbl, col)
	return err == nil && r == toOrganisers
}

// withheld tells a field that this laptop holds only of some rows: on a
// booth laptop, the contact details of its consenting visitors. Such a
// field has a row in stamps exactly when it holds a value that came here,
// so that a person without one costs no stamps at all; stampWithheld
// reads the others as never written. On joining a 100,000-person event as
// a booth, that spares three stamps a person.
func (g *gate) withheld(tbl, col string) bool {
	return !g.local.IsOrganiser() && tbl == peopleTable.name && slices.Contains(contactColumns, col)
}

// stampWithheld gives the withheld fields of a stored row without a stamp
// of their own the zero stamp, which any value sent later beats.
func (g *gate) stampWithheld(t table, row *storedRow) {
	if row == nil {
		return
	}
	for _, col := range contactColumns {
		if _, ok := row.own[col]; !ok && g.withheld(t.name, col) {
			row.stamps[col] = Stamp{}
		}
	}
}

// keepsConflict tells whether this laptop records a conflict it finds
// about row id of table tbl: an organiser's records all; a booth laptop
// only those about its own booth's rows, which are the ones organisers
// send it. The others (two organisers editing a person at once) are the
// organisers' to resolve, and the booth would keep values in them that
// the organisers' copy of the conflict never brings it.
func (g *gate) keepsConflict(tbl, id string) (bool, error) {
	if g.local.IsOrganiser() {
		return true, nil
	}
	if !boothTables[tbl] {
		return false, nil
	}
	b, err := g.sp.boothOf(tbl, id, nil)
	return b == g.local.Booth(), err
}

// personOf is the person a row is about, if any: the person row itself,
// the person_id of a row that has one (from the change or the database,
// or the second half of a link's id), or the person a conflict is about.
func (g *gate) personOf(rc RowChange) (string, error) {
	t, _ := tableNamed(rc.Table)
	switch {
	case rc.Table == peopleTable.name:
		return rc.ID, nil
	case rc.Table == conflictsTable.name:
		subject, row, err := g.sp.subjectOf(rc.ID, rc.Cells)
		if err != nil {
			return "", err
		}
		if other, ok := rc.Cells["other"]; ok && g.erased[fmt.Sprint(other.Value)] {
			return fmt.Sprint(other.Value), nil
		}
		if subject == peopleTable.name {
			return row, nil
		}
		_, after, _ := strings.Cut(row, "/")
		return after, nil
	case slices.Contains(t.cols, "person_id"):
		if _, after, ok := strings.Cut(rc.ID, "/"); ok {
			return after, nil // booth/person, session/person
		}
		return carriedOrStored(g.sp, rc, "person_id")
	}
	return "", nil
}

// hostOf is the person hosting a meeting row (its host_id), if any: a
// late change about an erased mentor's slot is dropped like one about an
// erased job seeker.
func (g *gate) hostOf(rc RowChange) (string, error) {
	t, _ := tableNamed(rc.Table)
	if !slices.Contains(t.cols, "host_id") {
		return "", nil
	}
	return carriedOrStored(g.sp, rc, "host_id")
}

// finish runs after the chunk's rows are merged.
func (g *gate) finish(w *writer) error {
	for _, id := range g.erasing {
		var live int
		if err := w.tx.Get(&live, "SELECT count(*) FROM erasures WHERE id = ? AND deleted = 0", id); err != nil {
			return err
		}
		if live > 0 {
			if err := w.erasePerson(id); err != nil {
				return fmt.Errorf("erase person %s: %w", id, err)
			}
		}
	}
	if g.local.IsOrganiser() || len(g.people) == 0 {
		return nil
	}
	return w.withholdContacts(g.local.Booth(), slices.Sorted(maps.Keys(g.people)))
}

// withholdContacts blanks, on a booth laptop, the contact details of those
// of people who are not, or are no longer, its consenting visitors, and
// purges their history and conflicts. A blanked value takes the zero
// stamp, so that the details arrive again if consent is given later.
func (w *writer) withholdContacts(booth string, people []string) error {
	ids, err := json.Marshal(people)
	if err != nil {
		return err
	}
	var withheld []string
	// CROSS JOIN keeps the order: each id looked up, never a scan of
	// everyone per id; a lead is keyed booth/person (leadID).
	err = w.sel(&withheld, `SELECT p.id FROM json_each(?1) j CROSS JOIN people p ON p.id = j.value
		WHERE (p.email <> '' OR p.phone <> '' OR p.custom <> '') AND NOT (p.consent = 1 AND p.deleted = 0 AND (
			EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id AND v.booth_id = ?2 AND v.deleted = 0)
			OR EXISTS (SELECT 1 FROM leads l WHERE l.id = ?2 || '/' || p.id AND l.deleted = 0)))`,
		string(ids), booth)
	if err != nil {
		return fmt.Errorf("find contact details to withhold: %w", err)
	}
	for _, id := range withheld {
		if err := w.blankContacts(id); err != nil {
			return fmt.Errorf("withhold contact details of person %s: %w", id, err)
		}
	}
	return nil
}

// blankContacts empties a person's contact details on this laptop only,
// with the zero stamp that having no stamp of their own means on a booth
// laptop (gate.withheld), and removes every earlier value of them.
func (w *writer) blankContacts(id string) error {
	if _, err := w.tx.Exec("UPDATE people SET email = '', phone = '', custom = '', seq = ? WHERE id = ?", w.seq, id); err != nil {
		return err
	}
	cols := contactColumnList
	if _, err := w.tx.Exec("DELETE FROM stamps WHERE tbl = 'people' AND id = ? AND col IN "+cols, id); err != nil {
		return err
	}
	if _, err := w.tx.Exec("DELETE FROM history WHERE tbl = 'people' AND id = ? AND col IN "+cols, id); err != nil {
		return err
	}
	if _, err := w.tx.Exec("DELETE FROM stamps WHERE tbl = 'conflicts' AND id IN (SELECT id FROM conflicts WHERE tbl = 'people' AND row_id = ? AND col IN "+cols+")", id); err != nil {
		return err
	}
	if _, err := w.tx.Exec("DELETE FROM conflicts WHERE tbl = 'people' AND row_id = ? AND col IN "+cols, id); err != nil {
		return err
	}
	w.changed = true
	return nil
}
