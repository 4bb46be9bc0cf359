package data

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// SetConsent records whether a person agrees that exhibitors see their
// contact details. It is an ordinary change: booths drop the details of a
// person who withdraws at their next sync, and receive them from an
// organiser's next batch when consent is given. Only an organiser's
// laptop may change consent.
func (s *Store) SetConsent(ctx context.Context, id string, consent bool) error {
	role, err := s.LocalRole(ctx)
	if err != nil {
		return err
	}
	if !role.IsOrganiser() {
		return errors.New("change consent: only an organiser's laptop may")
	}
	return s.write(ctx, func(w *writer) error {
		var p Person
		if err := w.get(&p, peopleTable.selectByID(), id); err != nil {
			return fmt.Errorf("change consent of person %s: %w", id, notFound(err))
		}
		if p.Deleted {
			return fmt.Errorf("change consent of person %s: %w", id, ErrNotFound)
		}
		old := p.values()
		p.Consent = consent
		_, err := w.update(peopleTable, id, old, p.values())
		return err
	})
}

// ContactRetentionDays is Settings → Privacy's "after the event, delete
// contact details of people who did not consent after N days"; 0 is never.
func (s *Store) ContactRetentionDays(ctx context.Context) (int, error) {
	v, err := s.LocalValue(ctx, stateContactDays)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.Atoi(v)
}

// SetContactRetentionDays saves it; 0 is never.
func (s *Store) SetContactRetentionDays(ctx context.Context, days int) error {
	if days < 0 {
		return FieldErrors{"contact_days": problem(ProblemDaysNegative)}
	}
	return s.SetLocalValues(ctx, map[string]string{stateContactDays: strconv.Itoa(days)})
}

// DeleteUnconsentedContacts blanks the e-mail, phone and custom fields of
// every person who did not consent, once the event ended more than days
// ago (days <= 0 does nothing), as ordinary synced changes. The values
// replaced go nowhere: history is not kept for them. It returns how many
// people it changed; the app runs it at start-up with the saved setting.
func (s *Store) DeleteUnconsentedContacts(ctx context.Context, now time.Time, days int) (int, error) {
	if days <= 0 {
		return 0, nil
	}
	role, err := s.LocalRole(ctx)
	if err != nil || !role.IsOrganiser() {
		return 0, err // a booth laptop holds no such details, and may not write people
	}
	ev, err := s.Event(ctx)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if ev.Ends.IsZero() || now.Before(ev.Ends.Add(time.Duration(days)*24*time.Hour)) {
		return 0, nil
	}
	n := 0
	err = s.write(ctx, func(w *writer) error {
		var ids []string
		if err := w.tx.Select(&ids, "SELECT id FROM people WHERE consent = 0 AND (email <> '' OR phone <> '' OR custom <> '') ORDER BY id"); err != nil {
			return err
		}
		for _, id := range ids {
			if err := w.setColumns(peopleTable, id, contactColumns, []string{"email = ?", "phone = ?", "custom = ?"}, []any{"", "", ""}); err != nil {
				return fmt.Errorf("delete contact details of person %s: %w", id, err)
			}
			if _, err := w.tx.Exec("DELETE FROM history WHERE tbl = 'people' AND id = ? AND col IN "+contactColumnList, id); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}

// ApplyContactRetention runs DeleteUnconsentedContacts with the saved
// setting, as the app does at start-up.
func (s *Store) ApplyContactRetention(ctx context.Context, now time.Time) (int, error) {
	days, err := s.ContactRetentionDays(ctx)
	if err != nil {
		return 0, err
	}
	return s.DeleteUnconsentedContacts(ctx, now, days)
}
