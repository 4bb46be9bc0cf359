package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// AttendanceMark is one row of a session's attendance log. Rows are only
// ever added; an undo is a new row naming the one it undoes.
type AttendanceMark struct {
	ID        string
	SessionID string
	PersonID  string
	Undoes    string
	At        time.Time
	Laptop    string
	Operator  string
}

type attendanceRecord struct {
	ID        string `db:"id"`
	SessionID string `db:"session_id"`
	PersonID  string `db:"person_id"`
	Undoes    string `db:"undoes"`
	At        string `db:"at"`
	Laptop    string `db:"laptop"`
	Operator  string `db:"operator"`
}

func (r attendanceRecord) mark() AttendanceMark {
	return AttendanceMark{ID: r.ID, SessionID: r.SessionID, PersonID: r.PersonID, Undoes: r.Undoes,
		At: parseTimeText(r.At), Laptop: r.Laptop, Operator: r.Operator}
}

var attendanceColumns = attendanceTable.selectList()

// AttendanceResult says whom a mark at the door was for and what it did.
type AttendanceResult struct {
	Person   PersonRow
	Recorded AttendanceMark // empty ID when nothing was recorded
	// AlreadyMarked: the person was marked present before, at Since on
	// Laptop, and nothing new was recorded.
	AlreadyMarked bool
	Since         time.Time
	Laptop        string
	Count         int // people present now, this one included
	Capacity      int // the session's capacity, 0 when unlimited
}

// Attendee is a person marked present at a session.
type Attendee struct {
	Person   PersonRow
	Mark     AttendanceMark // the first mark that was not undone
	SignedUp bool
}

// SessionAttendance is who came to a session, against its capacity and
// its sign-up list.
type SessionAttendance struct {
	Session  Session
	Count    int
	Capacity int         // 0 when unlimited
	Present  []Attendee  // in the order they were marked
	Absent   []PersonRow // signed up, not marked present
}

// MarkAttendance marks the person key names (badge code, e-mail or exact
// name) present at a session. A person marked before is not marked again.
// A full session still takes the mark (they are in the room); the result
// gives the count and capacity so the door can warn.
func (s *Store) MarkAttendance(ctx context.Context, sessionID, key, operator string) (AttendanceResult, error) {
	p, err := s.FindPerson(ctx, key)
	if err != nil {
		return AttendanceResult{}, fmt.Errorf("mark attendance: %w", err)
	}
	return s.markAttendance(ctx, sessionID, p, operator)
}

// MarkAttendanceOf marks a person chosen from the sign-up list.
func (s *Store) MarkAttendanceOf(ctx context.Context, sessionID, personID, operator string) (AttendanceResult, error) {
	p, err := s.Person(ctx, personID)
	if err == nil && p.Deleted {
		err = fmt.Errorf("person %s was deleted: %w", personID, ErrNotFound)
	}
	if err != nil {
		return AttendanceResult{}, fmt.Errorf("mark attendance: %w", err)
	}
	return s.markAttendance(ctx, sessionID, p, operator)
}

func (s *Store) markAttendance(ctx context.Context, sessionID string, p PersonRow, operator string) (AttendanceResult, error) {
	res := AttendanceResult{Person: p}
	err := s.write(ctx, func(w *writer) error {
		err := w.tx.Get(&res.Capacity, "SELECT capacity FROM sessions WHERE id = ? AND deleted = 0", sessionID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("session %s: %w", sessionID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		marks, err := w.sessionMarks(sessionID)
		if err != nil {
			return err
		}
		present := presentAt(marks)
		res.Count = len(present)
		if first, ok := present[p.ID]; ok {
			res.AlreadyMarked, res.Since, res.Laptop = true, parseTimeText(first.At), first.Laptop
			return nil
		}
		r := attendanceRecord{ID: NewID(), SessionID: sessionID, PersonID: p.ID, At: w.nowText(), Laptop: w.laptop(), Operator: strings.TrimSpace(operator)}
		res.Recorded, res.Count = r.mark(), res.Count+1
		return w.insert(attendanceTable, r.ID, attendanceFields.values(r))
	})
	if err != nil {
		return AttendanceResult{}, fmt.Errorf("mark attendance of person %s: %w", p.ID, err)
	}
	return res, nil
}

// UndoAttendance takes back a mark made by mistake, by recording an undo
// row that names it. It returns the undo row.
func (s *Store) UndoAttendance(ctx context.Context, markID, operator string) (AttendanceMark, error) {
	var undo AttendanceMark
	err := s.write(ctx, func(w *writer) error {
		var rows []attendanceRecord
		if err := w.tx.Select(&rows, "SELECT "+attendanceColumns+" FROM attendance WHERE id = ? AND deleted = 0", markID); err != nil {
			return err
		}
		if len(rows) == 0 {
			return fmt.Errorf("attendance mark %s: %w", markID, ErrNotFound)
		}
		m := rows[0]
		if m.Undoes != "" {
			return fmt.Errorf("attendance mark %s is itself an undo; mark the person again instead", markID)
		}
		var undone int
		if err := w.tx.Get(&undone, "SELECT count(*) FROM attendance WHERE session_id = ? AND undoes = ?", m.SessionID, m.ID); err != nil {
			return err
		}
		if undone > 0 {
			return fmt.Errorf("attendance mark %s: %w", markID, ErrAlreadyUndone)
		}
		r := attendanceRecord{ID: NewID(), SessionID: m.SessionID, PersonID: m.PersonID, Undoes: m.ID, At: w.nowText(), Laptop: w.laptop(), Operator: strings.TrimSpace(operator)}
		undo = r.mark()
		return w.insert(attendanceTable, r.ID, attendanceFields.values(r))
	})
	if err != nil {
		return AttendanceMark{}, fmt.Errorf("undo attendance: %w", err)
	}
	return undo, nil
}

var sessionMarks = "SELECT " + attendanceColumns + " FROM attendance WHERE session_id = ? AND deleted = 0"

func (w *writer) sessionMarks(sessionID string) ([]attendanceRecord, error) {
	var rows []attendanceRecord
	if err := w.tx.Select(&rows, sessionMarks, sessionID); err != nil {
		return nil, fmt.Errorf("read attendance: %w", err)
	}
	return rows, nil
}

// presentAt gives each person's first mark that was not undone. Two
// laptops at two doors may both mark one person; they count once.
func presentAt(rows []attendanceRecord) map[string]attendanceRecord {
	undone := map[string]bool{}
	for _, r := range rows {
		if r.Undoes != "" {
			undone[r.Undoes] = true
		}
	}
	present := map[string]attendanceRecord{}
	for _, r := range rows {
		if r.Undoes != "" || undone[r.ID] {
			continue
		}
		if first, ok := present[r.PersonID]; !ok || cmp.Or(strings.Compare(r.At, first.At), strings.Compare(r.ID, first.ID)) < 0 {
			present[r.PersonID] = r
		}
	}
	return present
}

// Attendance lists who is present at a session and who signed up but has
// not come, with the count against capacity.
func (s *Store) Attendance(ctx context.Context, sessionID string) (SessionAttendance, error) {
	var rec sessionRecord
	err := s.reader.GetContext(ctx, &rec, sessionsTable.selectByID(), sessionID)
	if errors.Is(err, sql.ErrNoRows) || rec.Deleted {
		return SessionAttendance{}, fmt.Errorf("attendance: session %s: %w", sessionID, ErrNotFound)
	}
	if err != nil {
		return SessionAttendance{}, fmt.Errorf("attendance: %w", err)
	}
	var marks []attendanceRecord
	if err := s.reader.SelectContext(ctx, &marks, sessionMarks, sessionID); err != nil {
		return SessionAttendance{}, fmt.Errorf("attendance: %w", err)
	}
	var signups []string
	if err := s.reader.SelectContext(ctx, &signups, "SELECT person_id FROM signups WHERE session_id = ? AND deleted = 0", sessionID); err != nil {
		return SessionAttendance{}, fmt.Errorf("attendance: %w", err)
	}
	present := presentAt(marks)
	ids := slices.Clone(signups)
	for id := range present {
		ids = append(ids, id)
	}
	people, err := peopleByID(ctx, s, ids, func(id string) string { return id })
	if err != nil {
		return SessionAttendance{}, fmt.Errorf("attendance: %w", err)
	}
	out := SessionAttendance{Session: rec.session(), Capacity: rec.Capacity}
	for id, m := range present {
		out.Present = append(out.Present, Attendee{Person: people[id], Mark: m.mark(), SignedUp: slices.Contains(signups, id)})
	}
	slices.SortFunc(out.Present, func(a, b Attendee) int {
		return cmp.Or(a.Mark.At.Compare(b.Mark.At), strings.Compare(a.Mark.ID, b.Mark.ID))
	})
	out.Count = len(out.Present)
	for _, id := range signups {
		if _, ok := present[id]; !ok {
			if p, ok := people[id]; ok && !p.Deleted {
				out.Absent = append(out.Absent, p)
			}
		}
	}
	slices.SortFunc(out.Absent, func(a, b PersonRow) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.FamilyName), strings.ToLower(b.FamilyName)),
			strings.Compare(strings.ToLower(a.GivenName), strings.ToLower(b.GivenName)), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}
