package data

import (
	"context"
	"errors"
	"fmt"
)

// A booth's "want to meet" list is its host preferences of kind want:
// one decision in one place. Marking someone at the booth is what the
// schedule's planner reads, and an organiser's "want" for the booth is
// what the booth's reminders announce when that person checks in. The
// list used to be kept apart, on the laptop only (wanted_visitors, of
// schema 4), where the planner never saw it; adoptWantedVisitors moves
// what an older laptop kept there into the preferences.

// WantToMeet puts a person on (on) or off a booth's "want to meet" list:
// the booth's host preference for them, which syncs to the organisers.
// Taking someone off who was not on the list changes nothing, and leaves
// a "no thanks" as it is.
func (s *Store) WantToMeet(ctx context.Context, boothID, personID string, on bool) error {
	if on {
		return s.SetHostPreference(ctx, BoothHost(boothID), personID, PreferWant)
	}
	var pref string
	err := s.reader.GetContext(ctx, &pref, "SELECT preference FROM host_preferences WHERE id = ? AND deleted = 0", pairID(BoothHost(boothID), personID))
	if err != nil || Preference(pref) != PreferWant {
		return nil // not on the list
	}
	return s.SetHostPreference(ctx, BoothHost(boothID), personID, PreferNone)
}

// WantedVisitors lists the person ids on a booth's "want to meet" list.
func (s *Store) WantedVisitors(ctx context.Context, boothID string) ([]string, error) {
	var ids []string
	if err := s.reader.SelectContext(ctx, &ids, `SELECT person_id FROM host_preferences
		WHERE booth_id = ? AND host_id = '' AND preference = 'want' AND deleted = 0 ORDER BY person_id`, boothID); err != nil {
		return nil, fmt.Errorf("read the want-to-meet list: %w", err)
	}
	return ids, nil
}

// adoptWantedVisitors turns what an older Fairdesk kept in its local
// want-to-meet table into the booth's host preferences, and empties the
// table, so that the planner and the other laptops see it. A row of a
// booth or person since removed is dropped, and a preference recorded
// since for the pair stands. It runs when the store opens;
// once the table is empty it reads one row count.
func (s *Store) adoptWantedVisitors(ctx context.Context) error {
	var tables int
	if err := s.writer.GetContext(ctx, &tables, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'wanted_visitors'"); err != nil || tables == 0 {
		return err // a schema before version 4 has no list to adopt
	}
	var rows []struct {
		BoothID  string `db:"booth_id"`
		PersonID string `db:"person_id"`
	}
	if err := s.writer.SelectContext(ctx, &rows, "SELECT booth_id, person_id FROM wanted_visitors ORDER BY booth_id, person_id"); err != nil {
		return fmt.Errorf("read the old want-to-meet list: %w", err)
	}
	for _, r := range rows {
		var held int
		if err := s.writer.GetContext(ctx, &held, "SELECT count(*) FROM host_preferences WHERE id = ? AND deleted = 0",
			pairID(BoothHost(r.BoothID), r.PersonID)); err != nil {
			return fmt.Errorf("read booth %s's preferences: %w", r.BoothID, err)
		}
		var err error
		if held == 0 { // a preference made since, a "no thanks" of the organisers, stands
			err = s.SetHostPreference(ctx, BoothHost(r.BoothID), r.PersonID, PreferWant)
		}
		var bad FieldErrors
		if err != nil && !errors.Is(err, ErrNotFound) && !errors.As(err, &bad) {
			return fmt.Errorf("move booth %s's want-to-meet list into its preferences: %w", r.BoothID, err)
		}
		if _, err := s.writer.ExecContext(ctx, "DELETE FROM wanted_visitors WHERE booth_id = ? AND person_id = ?", r.BoothID, r.PersonID); err != nil {
			return fmt.Errorf("empty the old want-to-meet list: %w", err)
		}
	}
	return nil
}
