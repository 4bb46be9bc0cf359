package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Importing a video platform's attendance report is two steps: a preview
// that matches each row to a person and changes nothing, and, once the
// organiser has looked at it and chosen which near-matches to accept, an
// apply that records them all in one transaction or none.

// AttendanceTarget is what a report is the attendance of: a session on the
// agenda, or a booth's online meeting room (its rows become visits).
type AttendanceTarget struct {
	SessionID string
	BoothID   string
}

// MatchKind says how a report row was matched to a person.
type MatchKind string

const (
	MatchEmail MatchKind = "email" // the same e-mail address, ignoring case
	MatchName  MatchKind = "name"  // exactly the same name, ignoring case, spaces and kana script
	MatchNear  MatchKind = "near"  // close, not the same: applied only when accepted
)

// NearReason says why a near-match is near.
type NearReason string

const (
	NearAccents     NearReason = "accents"      // the name differs only in accents or punctuation
	NearSpelling    NearReason = "spelling"     // the name is one or two letters off
	NearEmailDomain NearReason = "email-domain" // the same e-mail before the @, another domain
)

// UnknownReason says why a report row matched no one.
type UnknownReason string

const (
	UnknownNoOne   UnknownReason = "no-one"  // no person has this e-mail or a name like it
	UnknownSeveral UnknownReason = "several" // several people have this name, or are as near to it
	UnknownBlank   UnknownReason = "blank"   // the row has neither a name nor an e-mail
)

// AttendanceMatch is one person the report names, with every row that
// names them: someone who joined twice is one match of two rows, and
// counts once.
type AttendanceMatch struct {
	Person  PersonRow
	By      MatchKind
	Near    NearReason // for MatchNear
	Rows    []ReportRow
	Join    time.Time // the first join, in the event's zone; zero when the report has none
	Minutes int       // the minutes of every row, added up
	// Recorded: already marked present at the session, or this visit is
	// already logged (an import of the same report again).
	Recorded bool
}

// UnknownRow is a report row that matched no one.
type UnknownRow struct {
	Row    ReportRow
	Reason UnknownReason
	Count  int // for UnknownSeveral: how many people
}

// AttendancePreview is what importing a report would do.
type AttendancePreview struct {
	Target  AttendanceTarget
	Format  ReportFormat
	Rows    int
	Matched []AttendanceMatch
	Near    []AttendanceMatch
	Unknown []UnknownRow
}

// AttendanceApplied is what an import did.
type AttendanceApplied struct {
	Added    int // attendance marks or visits recorded
	Recorded int // people already recorded, left as they were
	// MeetingsDone: booked meetings at the booth that a visit marked
	// done, as a visit logged at the booth does.
	MeetingsDone int
}

// PreviewAttendance matches a report's rows to the event's people: by
// e-mail first, then by exact name, then near-matches for the organiser
// to accept or not. It changes nothing.
func (s *Store) PreviewAttendance(ctx context.Context, rep AttendanceReport, target AttendanceTarget) (AttendancePreview, error) {
	if err := s.checkAttendanceTarget(ctx, target); err != nil {
		return AttendancePreview{}, fmt.Errorf("preview attendance: %w", err)
	}
	people, err := s.livePeople(ctx)
	if err != nil {
		return AttendancePreview{}, fmt.Errorf("preview attendance: %w", err)
	}
	loc := s.eventLocation(ctx)
	idx := newPeopleIndex(people)
	prev := AttendancePreview{Target: target, Format: rep.Format, Rows: len(rep.Rows)}
	found := map[string]*AttendanceMatch{}
	var order []string
	for _, row := range rep.Rows {
		row.Join, row.Leave = inZone(row.Join, loc), inZone(row.Leave, loc)
		p, kind, near, unknown := idx.match(row)
		if kind == "" {
			prev.Unknown = append(prev.Unknown, unknown)
			continue
		}
		m, ok := found[p.ID]
		if !ok {
			m = &AttendanceMatch{Person: PersonRow{Person: p}, By: kind, Near: near}
			found[p.ID] = m
			order = append(order, p.ID)
		}
		if kind != MatchNear && m.By == MatchNear {
			m.By, m.Near = kind, "" // another row of theirs is a sure match
		}
		m.Rows = append(m.Rows, row)
		m.Minutes += row.Minutes
		if !row.Join.IsZero() && (m.Join.IsZero() || row.Join.Before(m.Join)) {
			m.Join = row.Join
		}
	}
	recorded, err := s.attendanceRecorded(ctx, target)
	if err != nil {
		return AttendancePreview{}, fmt.Errorf("preview attendance: %w", err)
	}
	rows, err := peopleByID(ctx, s, order, func(id string) string { return id })
	if err != nil {
		return AttendancePreview{}, fmt.Errorf("preview attendance: %w", err)
	}
	for _, id := range order {
		m := found[id]
		m.Person = rows[id]
		m.Recorded = recorded(id, m.Join)
		if m.By == MatchNear {
			prev.Near = append(prev.Near, *m)
		} else {
			prev.Matched = append(prev.Matched, *m)
		}
	}
	return prev, nil
}

// inZone reads a report's wall-clock time in the event's zone.
func inZone(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() || t.Location() != time.UTC {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
}

// ApplyAttendance records a previewed report: every sure match, and the
// near-matches whose person ids acceptNear lists. It is one transaction:
// if anything fails, nothing is recorded.
func (s *Store) ApplyAttendance(ctx context.Context, prev AttendancePreview, acceptNear []string, operator string) (AttendanceApplied, error) {
	apply := slices.Clone(prev.Matched)
	for _, id := range acceptNear {
		i := slices.IndexFunc(prev.Near, func(m AttendanceMatch) bool { return m.Person.ID == id })
		if i < 0 {
			return AttendanceApplied{}, fmt.Errorf("apply attendance: person %s is not a near-match of this report", id)
		}
		apply = append(apply, prev.Near[i])
	}
	var res AttendanceApplied
	err := s.write(ctx, func(w *writer) error {
		if err := w.checkAttendanceTarget(prev.Target); err != nil {
			return err
		}
		var marks []attendanceRecord
		if prev.Target.SessionID != "" {
			var err error
			if marks, err = w.sessionMarks(prev.Target.SessionID); err != nil {
				return err
			}
		}
		present := presentAt(marks)
		for _, m := range apply {
			if err := w.checkLive(peopleTable.name, m.Person.ID); err != nil {
				return fmt.Errorf("person %s: %w; preview the report again", m.Person.ID, err)
			}
			at := w.store.Now()
			if !m.Join.IsZero() {
				at = m.Join
			}
			added, err := w.recordAttendance(prev.Target, m.Person.ID, timeText(at), strings.TrimSpace(operator), present)
			if err != nil {
				return fmt.Errorf("person %s: %w", m.Person.ID, err)
			}
			if !added {
				res.Recorded++
				continue
			}
			res.Added++
			if prev.Target.BoothID != "" {
				done, err := w.markMeetingsDone(prev.Target.BoothID, m.Person.ID, at)
				if err != nil {
					return fmt.Errorf("person %s: %w", m.Person.ID, err)
				}
				res.MeetingsDone += len(done)
			}
		}
		return nil
	})
	if err != nil {
		return AttendanceApplied{}, fmt.Errorf("apply attendance: %w", err)
	}
	return res, nil
}

// recordAttendance marks one person present at the session, or logs their
// visit to the booth at the time they joined, unless that is recorded
// already. It says whether it recorded anything.
func (w *writer) recordAttendance(t AttendanceTarget, personID, at, operator string, present map[string]attendanceRecord) (bool, error) {
	if t.SessionID != "" {
		if _, ok := present[personID]; ok {
			return false, nil
		}
		r := attendanceRecord{ID: NewID(), SessionID: t.SessionID, PersonID: personID, At: at, Laptop: w.laptop(), Operator: operator}
		present[personID] = r
		return true, w.insert(attendanceTable, r.ID, attendanceFields.values(r))
	}
	var n int
	if err := w.tx.Get(&n, "SELECT count(*) FROM visits WHERE booth_id = ? AND person_id = ? AND at = ? AND undoes = '' AND deleted = 0", t.BoothID, personID, at); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	r := visitRecord{ID: NewID(), BoothID: t.BoothID, PersonID: personID, At: at, Laptop: w.laptop(), Staff: operator}
	return true, w.insert(visitsTable, r.ID, visitFields.values(r))
}

// errTargetNeeded: a report is the attendance of one session or one booth.
var errTargetNeeded = errors.New("give a session or a booth, not both")

func (s *Store) checkAttendanceTarget(ctx context.Context, t AttendanceTarget) error {
	if (t.SessionID == "") == (t.BoothID == "") {
		return errTargetNeeded
	}
	if t.BoothID != "" {
		return s.liveBooth(ctx, t.BoothID)
	}
	var n int
	if err := s.reader.GetContext(ctx, &n, "SELECT count(*) FROM sessions WHERE id = ? AND deleted = 0", t.SessionID); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("session %s: %w", t.SessionID, ErrNotFound)
	}
	return nil
}

func (w *writer) checkAttendanceTarget(t AttendanceTarget) error {
	switch {
	case (t.SessionID == "") == (t.BoothID == ""):
		return errTargetNeeded
	case t.SessionID != "":
		return w.checkLive(sessionsTable.name, t.SessionID)
	}
	return w.checkLive(boothsTable.name, t.BoothID)
}

// attendanceRecorded tells, for a person and their join time, whether the
// import would record nothing new: they are marked present at the
// session, or their visit at that time is logged at the booth.
func (s *Store) attendanceRecorded(ctx context.Context, t AttendanceTarget) (func(string, time.Time) bool, error) {
	if t.SessionID != "" {
		var marks []attendanceRecord
		if err := s.reader.SelectContext(ctx, &marks, sessionMarks, t.SessionID); err != nil {
			return nil, err
		}
		present := presentAt(marks)
		return func(id string, _ time.Time) bool { _, ok := present[id]; return ok }, nil
	}
	var visits []visitRecord
	if err := s.reader.SelectContext(ctx, &visits, "SELECT "+visitColumns+" FROM visits WHERE booth_id = ? AND undoes = '' AND deleted = 0", t.BoothID); err != nil {
		return nil, err
	}
	logged := map[string]bool{}
	for _, v := range visits {
		logged[v.PersonID+"\x00"+v.At] = true
	}
	return func(id string, join time.Time) bool { return !join.IsZero() && logged[id+"\x00"+timeText(join)] }, nil
}

// livePeople reads the names and e-mail of every live person, to match a
// report against; the matches' whole rows are read after.
func (s *Store) livePeople(ctx context.Context) ([]Person, error) {
	var people []Person
	if err := s.reader.SelectContext(ctx, &people, "SELECT id, given_name, family_name, kanji_name, kana_name, email FROM people WHERE deleted = 0 ORDER BY id"); err != nil {
		return nil, fmt.Errorf("read people: %w", err)
	}
	return people, nil
}
