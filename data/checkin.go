package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// CheckAction is what one row of the check-in log records.
type CheckAction string

const (
	CheckedIn  CheckAction = "in"
	CheckedOut CheckAction = "out"
	CheckUndo  CheckAction = "undo" // names the row it undoes in Undoes
)

// Checkin is one row of the check-in log. Rows are only ever added: a slip
// is corrected by an undo row, so two laptops can never disagree about one.
type Checkin struct {
	ID       string
	PersonID string
	Action   CheckAction
	Undoes   string // for an undo: the row it undoes
	At       time.Time
	Laptop   string
	Operator string
}

// checkinRecord is a check-in as stored.
type checkinRecord struct {
	ID       string `db:"id"`
	PersonID string `db:"person_id"`
	Action   string `db:"action"`
	Undoes   string `db:"undoes"`
	At       string `db:"at"`
	Laptop   string `db:"laptop"`
	Operator string `db:"operator"`
}

func (r checkinRecord) checkin() Checkin {
	return Checkin{ID: r.ID, PersonID: r.PersonID, Action: CheckAction(r.Action), Undoes: r.Undoes,
		At: parseTimeText(r.At), Laptop: r.Laptop, Operator: r.Operator}
}

// Presence is where a person stands at the welcome desk.
type Presence struct {
	In     bool
	Since  time.Time // when the current stay began; zero when out
	Laptop string    // the laptop that recorded the start of the stay
	InID   string    // the check-in row that began the stay, for undo
}

// CheckInResult says whom a check-in was for and what it did.
type CheckInResult struct {
	Person PersonRow
	// Recorded is the new row; its ID is empty when nothing was recorded.
	Recorded Checkin
	// AlreadyIn: the person was checked in before, at Since on Laptop, and
	// nothing new was recorded.
	AlreadyIn bool
	Since     time.Time
	Laptop    string
}

// CheckOutResult says whom a check-out was for and what it did.
type CheckOutResult struct {
	Person   PersonRow
	Recorded Checkin // empty ID when nothing was recorded
	NotIn    bool    // the person was not checked in: nothing was recorded
}

// CheckInStats are the desk's live counts.
type CheckInStats struct {
	In     int          // people checked in now
	ByRole map[Role]int // of those, per role (a person may hold several)
	Recent []RecentCheckIn
}

// RecentCheckIn is one of the latest check-ins that was not undone.
type RecentCheckIn struct {
	Checkin Checkin
	Person  PersonRow
}

// ErrAlreadyUndone is returned when undoing a row that was undone before.
var ErrAlreadyUndone = errors.New("already undone")

// CheckIn checks in the person key names (badge code, e-mail or exact
// name). A person already checked in is not checked in again: the result
// says since when and on which laptop.
func (s *Store) CheckIn(ctx context.Context, key, operator string) (CheckInResult, error) {
	p, err := s.FindPerson(ctx, key)
	if err != nil {
		return CheckInResult{}, fmt.Errorf("check in: %w", err)
	}
	return s.checkIn(ctx, p, operator)
}

// CheckInPerson checks in a person chosen from a list.
func (s *Store) CheckInPerson(ctx context.Context, personID, operator string) (CheckInResult, error) {
	p, err := s.Person(ctx, personID)
	if err == nil && p.Deleted {
		err = fmt.Errorf("person %s was deleted: %w", personID, ErrNotFound)
	}
	if err != nil {
		return CheckInResult{}, fmt.Errorf("check in: %w", err)
	}
	return s.checkIn(ctx, p, operator)
}

func (s *Store) checkIn(ctx context.Context, p PersonRow, operator string) (CheckInResult, error) {
	res := CheckInResult{Person: p}
	err := s.write(ctx, func(w *writer) error {
		now, err := w.presence(p.ID)
		if err != nil || now.In {
			res.AlreadyIn, res.Since, res.Laptop = now.In, now.Since, now.Laptop
			return err
		}
		res.Recorded, err = w.logCheckin(p.ID, CheckedIn, "", operator)
		return err
	})
	if err != nil {
		return CheckInResult{}, fmt.Errorf("check in person %s: %w", p.ID, err)
	}
	return res, nil
}

// RegisterWalkIn adds someone who arrived unregistered and checks them in,
// in one transaction: both are saved or neither. p must be new (no ID); on
// success p.ID and p.BadgeCode are set, so a badge can be printed.
func (s *Store) RegisterWalkIn(ctx context.Context, p *Person, operator string) (CheckInResult, error) {
	if p.ID != "" {
		return CheckInResult{}, fmt.Errorf("register walk-in: person %s is already registered with that e-mail or badge code; check them in instead", p.ID)
	}
	if errs := p.Check(); len(errs) > 0 {
		return CheckInResult{}, errs
	}
	if errs := s.duplicates(ctx, p); len(errs) > 0 {
		return CheckInResult{}, errs
	}
	var recorded Checkin
	err := s.write(ctx, func(w *writer) error {
		if err := w.savePerson(p); err != nil {
			return err
		}
		var err error
		recorded, err = w.logCheckin(p.ID, CheckedIn, "", operator)
		return err
	})
	if err != nil {
		p.ID = ""
		return CheckInResult{}, fmt.Errorf("register walk-in %s: %w", p.ID, err)
	}
	row, err := s.Person(ctx, p.ID)
	if err != nil {
		return CheckInResult{}, fmt.Errorf("register walk-in: %w", err)
	}
	return CheckInResult{Person: row, Recorded: recorded}, nil
}

// CheckOut records that the person key names has left. A person who is not
// checked in is left as they are (NotIn).
func (s *Store) CheckOut(ctx context.Context, key, operator string) (CheckOutResult, error) {
	p, err := s.FindPerson(ctx, key)
	if err != nil {
		return CheckOutResult{}, fmt.Errorf("check out: %w", err)
	}
	res := CheckOutResult{Person: p}
	err = s.write(ctx, func(w *writer) error {
		now, err := w.presence(p.ID)
		if err != nil || !now.In {
			res.NotIn = !now.In
			return err
		}
		res.Recorded, err = w.logCheckin(p.ID, CheckedOut, "", operator)
		return err
	})
	if err != nil {
		return CheckOutResult{}, fmt.Errorf("check out person %s: %w", p.ID, err)
	}
	return res, nil
}

// UndoCheckIn takes back a check-in or check-out made by mistake, by
// recording an undo row that names it. It returns the undo row.
func (s *Store) UndoCheckIn(ctx context.Context, checkinID, operator string) (Checkin, error) {
	var undo Checkin
	err := s.write(ctx, func(w *writer) error {
		var rows []checkinRecord
		if err := w.tx.Select(&rows, "SELECT "+checkinColumns+" FROM checkins WHERE id = ? AND deleted = 0", checkinID); err != nil {
			return err
		}
		if len(rows) == 0 {
			return fmt.Errorf("check-in %s: %w", checkinID, ErrNotFound)
		}
		c := rows[0]
		if CheckAction(c.Action) == CheckUndo {
			return fmt.Errorf("check-in %s is itself an undo; check the person in or out again instead", checkinID)
		}
		var undone int
		if err := w.tx.Get(&undone, "SELECT count(*) FROM checkins WHERE person_id = ? AND undoes = ? AND action = 'undo'", c.PersonID, c.ID); err != nil {
			return err
		}
		if undone > 0 {
			return fmt.Errorf("check-in %s: %w", checkinID, ErrAlreadyUndone)
		}
		var err error
		undo, err = w.logCheckin(c.PersonID, CheckUndo, c.ID, operator)
		return err
	})
	if err != nil {
		return Checkin{}, fmt.Errorf("undo check-in: %w", err)
	}
	return undo, nil
}

var checkinColumns = checkinsTable.selectList()

// personCheckins reads one person's rows on the (person_id, at) index.
var personCheckins = "SELECT " + checkinColumns + " FROM checkins WHERE person_id = ? AND deleted = 0"

// presence folds the person's log inside the write, so that two check-ins
// of one person on this laptop cannot both be recorded.
func (w *writer) presence(personID string) (Presence, error) {
	var rows []checkinRecord
	if err := w.tx.Select(&rows, personCheckins, personID); err != nil {
		return Presence{}, fmt.Errorf("read check-ins: %w", err)
	}
	return fold(rows), nil
}

// fold replays the check-ins and check-outs that were not undone, in
// (at, id) order: ids are UUIDv7, so rows made in the same second on one
// laptop keep their order. A repeated "in" (two laptops offline) does not
// restart the stay.
func fold(rows []checkinRecord) Presence {
	undone := map[string]bool{}
	for _, r := range rows {
		if CheckAction(r.Action) == CheckUndo {
			undone[r.Undoes] = true
		}
	}
	sortCheckins(rows)
	var p Presence
	for _, r := range rows {
		if undone[r.ID] {
			continue
		}
		switch CheckAction(r.Action) {
		case CheckedIn:
			if !p.In {
				p = Presence{In: true, Since: parseTimeText(r.At), Laptop: r.Laptop, InID: r.ID}
			}
		case CheckedOut:
			p = Presence{}
		}
	}
	return p
}

func sortCheckins(rows []checkinRecord) {
	slices.SortFunc(rows, func(a, b checkinRecord) int {
		if c := strings.Compare(a.At, b.At); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// logCheckin records one row, stamped with now and this laptop.
func (w *writer) logCheckin(personID string, action CheckAction, undoes, operator string) (Checkin, error) {
	r := checkinRecord{ID: NewID(), PersonID: personID, Action: string(action), Undoes: undoes,
		At: w.nowText(), Laptop: w.laptop(), Operator: strings.TrimSpace(operator)}
	err := w.insert(checkinsTable, r.ID, checkinFields.values(r))
	return r.checkin(), err
}

// laptop reads the laptop's name without Store.LaptopName, whose lock the
// write already holds.
func (w *writer) laptop() string { return w.store.laptop }

// nowText is the time an event row records: whole seconds in UTC, like
// every other time in the database.
func (w *writer) nowText() string { return timeText(w.store.Now()) }

// CheckInStats counts who is checked in now, by role, and lists the last
// ten check-ins that were not undone, newest first. The counts read the
// whole log (tens of milliseconds at 100,000 rows): a screen refreshes them
// after each check-in, not per keystroke.
func (s *Store) CheckInStats(ctx context.Context) (CheckInStats, error) {
	stats := CheckInStats{ByRole: map[Role]int{}}
	var roles []Set
	err := s.reader.SelectContext(ctx, &roles, `SELECT p.roles FROM people p JOIN (
		SELECT person_id, action, row_number() OVER (PARTITION BY person_id ORDER BY at DESC, id DESC) AS n
		FROM checkins WHERE action IN ('in', 'out') AND deleted = 0
		AND id NOT IN (SELECT undoes FROM checkins WHERE action = 'undo')
	) last ON last.person_id = p.id AND last.n = 1 AND last.action = 'in'
	WHERE p.deleted = 0`)
	if err != nil {
		return stats, fmt.Errorf("count check-ins: %w", err)
	}
	stats.In = len(roles)
	for _, set := range roles {
		for _, r := range set {
			stats.ByRole[Role(r)]++
		}
	}
	var recent []checkinRecord
	err = s.reader.SelectContext(ctx, &recent, `SELECT `+checkinColumns+` FROM checkins c
		WHERE c.action = 'in' AND c.deleted = 0
		AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.person_id = c.person_id AND u.undoes = c.id AND u.action = 'undo')
		ORDER BY c.at DESC, c.id DESC LIMIT 10`)
	if err != nil {
		return stats, fmt.Errorf("read last check-ins: %w", err)
	}
	people, err := peopleByID(ctx, s, recent, func(c checkinRecord) string { return c.PersonID })
	if err != nil {
		return stats, fmt.Errorf("read last check-ins: %w", err)
	}
	for _, c := range recent {
		stats.Recent = append(stats.Recent, RecentCheckIn{Checkin: c.checkin(), Person: people[c.PersonID]})
	}
	return stats, nil
}

// peopleByID reads the people that rows name, deleted or not, in one query.
func peopleByID[T any](ctx context.Context, s *Store, rows []T, personID func(T) string) (map[string]PersonRow, error) {
	byID := map[string]PersonRow{}
	if len(rows) == 0 {
		return byID, nil
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, personID(r))
	}
	query, args, err := sqlx.In("SELECT "+personColumns+personFrom+" WHERE p.id IN (?)", ids)
	if err != nil {
		return nil, err
	}
	var people []PersonRow
	if err := s.reader.SelectContext(ctx, &people, s.reader.Rebind(query), args...); err != nil {
		return nil, err
	}
	for _, p := range people {
		byID[p.ID] = p
	}
	return byID, nil
}
