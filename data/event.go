package data

import (
	"context"
	"fmt"
	"strings"
)

type eventRecord struct {
	ID       string `db:"id"`
	Name     string `db:"name"`
	StartsAt string `db:"starts_at"`
	EndsAt   string `db:"ends_at"`
	TimeZone string `db:"time_zone"`
	Venue    string `db:"venue"`
	Platform string `db:"platform"`
	Link     string `db:"link"`
	IsDemo   bool   `db:"is_demo"`
	Deleted  bool   `db:"deleted"`
}

func (e *Event) record() eventRecord {
	return eventRecord{ID: e.ID, Name: e.Name, StartsAt: timeText(e.Starts), EndsAt: timeText(e.Ends),
		TimeZone: e.TimeZone, Venue: e.Venue, Platform: e.Platform, Link: e.Link, IsDemo: e.IsDemo}
}

// Check reports what is wrong with the event's settings.
func (e *Event) Check() FieldErrors {
	errs := FieldErrors{}
	if strings.TrimSpace(e.Name) == "" {
		errs["name"] = problem(ProblemEventNameNeeded)
	}
	if bad := CheckTimeZone(e.TimeZone); bad != nil {
		errs["time_zone"] = *bad
	}
	if !e.Starts.IsZero() && !e.Ends.IsZero() && e.Ends.Before(e.Starts) {
		errs["ends_at"] = problem(ProblemEventEndsBeforeStart)
	}
	return errs
}

// Event reads the event. A database holds one; ErrNotFound means none was
// set up yet.
func (s *Store) Event(ctx context.Context) (Event, error) {
	var recs []eventRecord
	err := s.reader.SelectContext(ctx, &recs, "SELECT id, "+strings.Join(eventsTable.cols, ", ")+
		", "+isDeleted+" FROM events WHERE deleted = 0 ORDER BY id LIMIT 1")
	if err != nil {
		return Event{}, fmt.Errorf("read event: %w", err)
	}
	if len(recs) == 0 {
		return Event{}, fmt.Errorf("event: %w", ErrNotFound)
	}
	r := recs[0]
	return Event{ID: r.ID, Name: r.Name, Starts: parseTimeText(r.StartsAt), Ends: parseTimeText(r.EndsAt),
		TimeZone: r.TimeZone, Venue: r.Venue, Platform: r.Platform, Link: r.Link, IsDemo: r.IsDemo}, nil
}

// SaveEvent sets up or changes the event.
func (s *Store) SaveEvent(ctx context.Context, e *Event) error {
	if errs := e.Check(); len(errs) > 0 {
		return errs
	}
	return s.write(ctx, func(w *writer) error {
		if e.ID == "" {
			e.ID = NewID()
			return w.insert(eventsTable, e.ID, e.record().values())
		}
		var old eventRecord
		if err := w.get(&old, eventsTable.selectByID(), e.ID); err != nil {
			return w.insert(eventsTable, e.ID, e.record().values())
		}
		_, err := w.update(eventsTable, e.ID, old.values(), e.record().values())
		return err
	})
}

// IsEmpty reports whether the database holds no event and no people yet.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.reader.GetContext(ctx, &n, "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM people)")
	return n == 0, err
}
