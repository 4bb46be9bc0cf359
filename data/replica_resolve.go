package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
)

// Choices for ResolveConflict. A resolution is itself a change: it is
// stamped like any edit and travels to the other laptops, which close the
// conflict too.
const (
	// Field conflicts: keep the value the merge kept, or take the other.
	ChoiceKept  = "kept"
	ChoiceOther = "other"
	// Edit against delete: keep the edited row, or delete it again.
	ChoiceKeepRow   = "restored"
	ChoiceDeleteRow = "deleted"
	// Probable duplicates: two different people after all. Merging is
	// MergePeople, which resolves the conflict as "merged".
	ChoiceSeparate = "separate"
	ChoiceMerged   = "merged"
)

// Conflict reads one conflict, open or not.
func (s *Store) Conflict(ctx context.Context, id string) (Conflict, error) {
	var c Conflict
	err := s.reader.GetContext(ctx, &c, "SELECT id, kind, tbl, row_id, col, kept, kept_dev, other, other_dev, resolution FROM conflicts WHERE id = ? AND deleted = 0", id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("conflict %s: %w", id, ErrNotFound)
	}
	return c, err
}

// ResolveConflict settles a conflict with choice: ChoiceKept or ChoiceOther
// for a field, ChoiceKeepRow or ChoiceDeleteRow for an edit against a
// delete, ChoiceSeparate for two people who are not one. The chosen value
// is written as a new local edit, so that it wins everywhere once synced.
func (s *Store) ResolveConflict(ctx context.Context, id, choice string) error {
	return s.write(ctx, func(w *writer) error {
		c, err := w.conflict(id)
		if err != nil {
			return err
		}
		t, ok := tableNamed(c.Table)
		if !ok {
			return fmt.Errorf("resolve conflict %s: unknown table %q", id, c.Table)
		}
		switch {
		case c.Kind == "field" && (choice == ChoiceKept || choice == ChoiceOther):
			value := c.Kept
			if choice == ChoiceOther {
				value = c.Other
			}
			if err := w.setField(t, c.RowID, c.Col, value); err != nil {
				return err
			}
		case c.Kind == "delete" && choice == ChoiceKeepRow:
			var deleted bool
			if err := w.tx.Get(&deleted, fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", isDeleted, t.name), c.RowID); err != nil {
				return fmt.Errorf("read %s %s: %w", t.name, c.RowID, err)
			}
			if deleted {
				if err := w.setDeleted(t, c.RowID, false); err != nil {
					return err
				}
			}
		case c.Kind == "delete" && choice == ChoiceDeleteRow:
			if err := w.setDeleted(t, c.RowID, true); err != nil {
				return err
			}
		case c.Kind == "duplicate" && choice == ChoiceSeparate:
		default:
			return fmt.Errorf("resolve conflict %s: %q does not settle a %s conflict", id, choice, c.Kind)
		}
		return w.setResolution(c, choice)
	})
}

func (w *writer) conflict(id string) (Conflict, error) {
	var c Conflict
	err := w.tx.Get(&c, "SELECT id, kind, tbl, row_id, col, kept, kept_dev, other, other_dev, resolution FROM conflicts WHERE id = ? AND deleted = 0", id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("conflict %s: %w", id, ErrNotFound)
	}
	return c, err
}

func (w *writer) setResolution(c Conflict, resolution string) error {
	if c.Resolution == resolution {
		return nil
	}
	return w.setColumns(conflictsTable, c.ID, []string{"resolution"}, []string{"resolution = ?"}, []any{resolution})
}

// setField writes one field from its text, as a conflict keeps it. The
// value is written even when it is already there, so that it carries a
// stamp newer than both sides of the conflict.
func (w *writer) setField(t table, id, col, text string) error {
	if col == "" || col == "deleted" || !containsCol(t, col) {
		return fmt.Errorf("resolve: %s has no field %q", t.name, col)
	}
	var value any = text
	if intColumns[col] {
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil && text != "" {
			if b, berr := strconv.ParseBool(text); berr == nil {
				n, err = 0, nil
				if b {
					n = 1
				}
			}
		}
		if err != nil && text != "" {
			return fmt.Errorf("resolve: %q is not a number for %s", text, col)
		}
		value = n
	}
	return w.setColumns(t, id, []string{col}, []string{col + " = ?"}, []any{value})
}

func containsCol(t table, col string) bool {
	for _, c := range t.cols {
		if c == col {
			return true
		}
	}
	return false
}

// personLinks are the tables that join a person to something else, keyed
// "<other id>/<person id>".
var personLinks = []table{signupsTable, sessionSpeakersTable, boothStaffTable}

// personEvents are the insert-only records that name a person.
var personEvents = []table{checkinsTable, visitsTable, attendanceTable}

// MergePeople makes two records of one person into one: keepID stays and
// takes dropID's sign-ups, speaker slots, booth staffing, check-ins,
// booth visits, attendance and leads, and fills its empty fields from
// dropID (roles, interests and industries are joined); dropID is deleted.
// Open duplicate conflicts between the two are resolved as merged.
func (s *Store) MergePeople(ctx context.Context, keepID, dropID string) error {
	if keepID == dropID {
		return fmt.Errorf("merge people: %s is the same person", keepID)
	}
	return s.write(ctx, func(w *writer) error {
		var keep, drop Person
		if err := w.get(&keep, peopleTable.selectByID(), keepID); err != nil {
			return fmt.Errorf("merge people: read %s: %w", keepID, notFound(err))
		}
		if err := w.get(&drop, peopleTable.selectByID(), dropID); err != nil {
			return fmt.Errorf("merge people: read %s: %w", dropID, notFound(err))
		}
		merged := mergedPerson(keep, drop)
		if keep.Deleted {
			if err := w.setDeleted(peopleTable, keepID, false); err != nil {
				return err
			}
		}
		// The one who goes is deleted first, so that the e-mail and badge
		// code the kept person may take from them are never held twice.
		if !drop.Deleted {
			if err := w.setDeleted(peopleTable, dropID, true); err != nil {
				return err
			}
		}
		if _, err := w.update(peopleTable, keepID, keep.values(), merged.values()); err != nil {
			return err
		}
		for _, t := range personLinks {
			var others []string
			if err := w.tx.Select(&others, fmt.Sprintf("SELECT %s FROM %s WHERE %s = ? AND deleted = 0", t.cols[0], t.name, t.cols[1]), dropID); err != nil {
				return fmt.Errorf("merge people: read %s: %w", t.name, err)
			}
			for _, other := range others {
				if err := w.link(t, other, keepID); err != nil {
					return err
				}
				if err := w.unlink(t, other, dropID); err != nil {
					return err
				}
			}
		}
		for _, t := range personEvents {
			var ids []string
			if err := w.tx.Select(&ids, "SELECT id FROM "+t.name+" WHERE person_id = ?", dropID); err != nil {
				return fmt.Errorf("merge people: read %s: %w", t.name, err)
			}
			for _, id := range ids {
				if err := w.setColumns(t, id, []string{"person_id"}, []string{"person_id = ?"}, []any{keepID}); err != nil {
					return err
				}
			}
		}
		if err := w.moveLeads(keepID, dropID); err != nil {
			return err
		}
		var open []string
		if err := w.tx.Select(&open, `SELECT id FROM conflicts WHERE kind = 'duplicate' AND deleted = 0 AND resolution = ''
			AND ((row_id = ?1 AND other = ?2) OR (row_id = ?2 AND other = ?1))`, keepID, dropID); err != nil {
			return err
		}
		for _, id := range open {
			c, err := w.conflict(id)
			if err != nil {
				return err
			}
			if err := w.setResolution(c, ChoiceMerged); err != nil {
				return err
			}
		}
		return nil
	})
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// mergedPerson is keep with its empty fields filled from drop.
func mergedPerson(keep, drop Person) Person {
	m := keep
	m.Deleted = false
	fill := func(dst *string, src string) {
		if strings.TrimSpace(*dst) == "" {
			*dst = src
		}
	}
	fill(&m.GivenName, drop.GivenName)
	fill(&m.FamilyName, drop.FamilyName)
	fill(&m.KanjiName, drop.KanjiName)
	fill(&m.KanaName, drop.KanaName)
	fill(&m.Email, drop.Email)
	fill(&m.Phone, drop.Phone)
	fill(&m.OrgID, drop.OrgID)
	fill(&m.JobTitle, drop.JobTitle)
	fill(&m.ProgrammeRole, drop.ProgrammeRole)
	fill(&m.HostPrefecture, drop.HostPrefecture)
	fill(&m.Years, drop.Years)
	fill(&m.Notes, drop.Notes)
	if m.YearReturned == 0 {
		m.YearReturned = drop.YearReturned
	}
	m.Consent = keep.Consent || drop.Consent
	m.Roles = NewSet(append(append([]string{}, keep.Roles...), drop.Roles...)...)
	m.Interests = NewSet(append(append([]string{}, keep.Interests...), drop.Interests...)...)
	m.Industries = NewSet(append(append([]string{}, keep.Industries...), drop.Industries...)...)
	if len(drop.Custom) > 0 {
		m.Custom = maps.Clone(keep.Custom)
		if m.Custom == nil {
			m.Custom = Fields{}
		}
		for k, v := range drop.Custom {
			if _, ok := m.Custom[k]; !ok {
				m.Custom[k] = v
			}
		}
	}
	return m
}

// moveLeads gives keepID the booths' notes on dropID, where a booth has
// none on keepID yet. Leads are keyed by booth and person.
func (w *writer) moveLeads(keepID, dropID string) error {
	var leads []Lead
	if err := w.tx.Select(&leads, "SELECT id, "+strings.Join(leadsTable.cols, ", ")+", "+isDeleted+" FROM leads WHERE person_id = ? AND deleted = 0", dropID); err != nil {
		return fmt.Errorf("merge people: read leads: %w", err)
	}
	for _, l := range leads {
		var n int
		if err := w.tx.Get(&n, "SELECT count(*) FROM leads WHERE id = ? AND deleted = 0", leadID(l.BoothID, keepID)); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		moved := l
		moved.ID, moved.PersonID = leadID(l.BoothID, keepID), keepID
		var exists int
		if err := w.tx.Get(&exists, "SELECT count(*) FROM leads WHERE id = ?", moved.ID); err != nil {
			return err
		}
		if exists > 0 {
			var old Lead
			if err := w.get(&old, leadsTable.selectByID(), moved.ID); err != nil {
				return err
			}
			if _, err := w.update(leadsTable, moved.ID, old.values(), moved.values()); err != nil {
				return err
			}
			if err := w.setDeleted(leadsTable, moved.ID, false); err != nil {
				return err
			}
		} else if err := w.insert(leadsTable, moved.ID, moved.values()); err != nil {
			return err
		}
		if err := w.setDeleted(leadsTable, l.ID, true); err != nil {
			return err
		}
	}
	return nil
}
