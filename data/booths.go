package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SaveBooth adds (empty ID) or changes a booth and sets its staff to the
// given people.
func (s *Store) SaveBooth(ctx context.Context, b *Booth, staff []string) error {
	if strings.TrimSpace(b.Code) == "" {
		return FieldErrors{"code": problem(ProblemBoothCodeNeeded)}
	}
	var other []string
	if err := s.reader.SelectContext(ctx, &other, "SELECT name FROM booths WHERE code = ? AND id <> ? AND deleted = 0", b.Code, b.ID); err != nil {
		return fmt.Errorf("check booth code: %w", err)
	}
	if len(other) > 0 {
		return FieldErrors{"code": problem(ProblemBoothCodeTaken, other[0], b.Code)}
	}
	return s.write(ctx, func(w *writer) error {
		if err := w.saveBooth(b); err != nil {
			return err
		}
		return w.setLinks(boothStaffTable, b.ID, staff)
	})
}

func (w *writer) saveBooth(b *Booth) error {
	if b.ID == "" {
		b.ID = NewID()
		return w.insert(boothsTable, b.ID, b.values())
	}
	var old Booth
	if err := w.get(&old, boothsTable.selectByID(), b.ID); errors.Is(err, sql.ErrNoRows) {
		return w.insert(boothsTable, b.ID, b.values())
	} else if err != nil {
		return fmt.Errorf("read booth %s: %w", b.ID, err)
	}
	_, err := w.update(boothsTable, b.ID, old.values(), b.values())
	return err
}

// DeleteBooth tombstones a booth.
func (s *Store) DeleteBooth(ctx context.Context, id string) error {
	return s.write(ctx, func(w *writer) error { return w.setDeleted(boothsTable, id, true) })
}

// Booths lists the live booths by code, with organisation and staff ids.
func (s *Store) Booths(ctx context.Context) ([]BoothRow, error) {
	var list []BoothRow
	err := s.reader.SelectContext(ctx, &list, `SELECT b.id, b.code, b.name, b.org_id, b.location, b.link, b.custom, b.deleted <> 0 AS deleted,
		coalesce(o.name, '') AS org_name
		FROM booths b LEFT JOIN organisations o ON o.id = b.org_id AND o.deleted = 0
		WHERE b.deleted = 0 ORDER BY b.code, b.id`)
	if err != nil {
		return nil, fmt.Errorf("list booths: %w", err)
	}
	var staff []struct {
		BoothID  string `db:"booth_id"`
		PersonID string `db:"person_id"`
	}
	err = s.reader.SelectContext(ctx, &staff, `SELECT s.booth_id, s.person_id FROM booth_staff s
		JOIN people p ON p.id = s.person_id AND p.deleted = 0
		WHERE s.deleted = 0 ORDER BY p.family_name, p.given_name, p.id`)
	if err != nil {
		return nil, fmt.Errorf("list booth staff: %w", err)
	}
	index := map[string]int{}
	for i, b := range list {
		index[b.ID] = i
	}
	for _, st := range staff {
		if i, ok := index[st.BoothID]; ok {
			list[i].Staff = append(list[i].Staff, st.PersonID)
		}
	}
	return list, nil
}
