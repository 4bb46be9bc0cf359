package data

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// What the notification scheduler (package data/notify) reads and writes.
// Every table here is local to this laptop: followed sessions, the ledger
// of what was announced and the notification centre. None of it is
// synced. A booth's "want to meet" list is its host preferences
// (meetings_wanted.go), which are.

// NotifyKey names one thing announced: its kind, its subject (a session,
// visit, check-in or booth id) and the instant it is about (a start time,
// a visit, a check-in). A session moved to a new start is a new key.
type NotifyKey struct {
	Kind    string
	Subject string
	Instant time.Time
}

// NotifyQuery says what the scheduler wants to know at one instant.
type NotifyQuery struct {
	// Sessions starting in (SessionsFrom, SessionsUntil] that the user
	// follows, speaks at (Me), or any when AllSessions.
	SessionsFrom, SessionsUntil time.Time
	AllSessions                 bool
	Me                          string // the user's person id, for the sessions they speak at

	// Visits to Booth logged on another laptop (another device stamped
	// their time, by readStored's rule: two laptops may have the same
	// name), and check-ins of the people on its "want to meet" list, in
	// (ArrivalsFrom, Now].
	Booth        string
	ArrivalsFrom time.Time
	Now          time.Time

	// Booked meetings starting in (MeetingsFrom, MeetingsUntil] at Booth
	// or of the hosts in Hosts (booth or person ids: the hosts the user
	// follows); the check-ins of the seekers Booth is to meet are read
	// with the arrivals.
	MeetingsFrom, MeetingsUntil time.Time
	Hosts                       []string

	// Organisers: sessions starting in (CapacityFrom, CapacityUntil] at
	// their capacity.
	Organiser                   bool
	CapacityFrom, CapacityUntil time.Time
	// UnstaffedAt, when set, is the instant by which every booth should
	// have staff checked in (15 minutes after opening): booths with none
	// checked in by Now and not yet announced for that instant are read.
	UnstaffedAt time.Time
}

// DueSession is a session the user may need reminding of.
type DueSession struct {
	Session
	Followed bool
	Speaking bool
}

// DueArrival is a visit to the booth recorded elsewhere (Visit), the
// check-in of someone the booth wants to meet (Wanted), or of the job
// seeker of a meeting to come at the booth (Meeting), or both of these.
type DueArrival struct {
	Wanted  bool
	Meeting *MeetingArrival
	ID      string // the visit or check-in row
	At      time.Time
	Laptop  string
	Person  PersonRow // as exhibitors may see them
	OrgName string
}

// FullSession is a session at or over its capacity.
type FullSession struct {
	Session
	Count int
}

// NotifyFacts is what the database says, with everything already in the
// ledger left out.
type NotifyFacts struct {
	Event     Event
	HasEvent  bool
	Sessions  []DueSession
	Meetings  []DueMeeting
	Arrivals  []DueArrival
	Full      []FullSession
	Unstaffed []Booth
}

// notYetSent is the SQL condition that no ledger row has the key.
const notYetSent = " AND NOT EXISTS (SELECT 1 FROM notify_ledger l WHERE l.kind = %s AND l.subject = %s AND l.instant = %s)"

// NotifyFacts reads what may be due, leaving out what was announced. It
// reads on indexes only: the sessions in a window of start times, the
// visits of one booth in a window, the check-ins of the few people wanted.
func (s *Store) NotifyFacts(ctx context.Context, q NotifyQuery) (NotifyFacts, error) {
	var f NotifyFacts
	ev, err := s.Event(ctx)
	if err == nil {
		f.Event, f.HasEvent = ev, true
	}
	from, until := timeText(q.SessionsFrom), timeText(q.SessionsUntil)
	var rows []struct {
		sessionRecord
		Followed bool `db:"followed"`
		Speaking bool `db:"speaking"`
	}
	cond := "f.session_id IS NOT NULL OR sp.speaking"
	if q.AllSessions {
		cond = "1"
	}
	err = s.reader.SelectContext(ctx, &rows, `SELECT s.id, s.title, s.kind, s.starts_at, s.ends_at, s.room, s.link,
		s.capacity, s.description, s.recording_link, s.custom, s.deleted <> 0 AS deleted,
		f.session_id IS NOT NULL AS followed, coalesce(sp.speaking, 0) AS speaking
		FROM sessions s
		LEFT JOIN followed_sessions f ON f.session_id = s.id
		LEFT JOIN (SELECT session_id, 1 AS speaking FROM session_speakers WHERE person_id = ? AND person_id <> '' AND deleted = 0 GROUP BY session_id) sp
			ON sp.session_id = s.id
		WHERE s.starts_at > ? AND s.starts_at <= ? AND s.deleted = 0 AND (`+cond+`)`+
		fmt.Sprintf(notYetSent, "'session'", "s.id", "s.starts_at")+`
		ORDER BY s.starts_at, s.title, s.id`, q.Me, from, until)
	if err != nil {
		return f, fmt.Errorf("read sessions due: %w", err)
	}
	for _, r := range rows {
		f.Sessions = append(f.Sessions, DueSession{Session: r.session(), Followed: r.Followed, Speaking: r.Speaking})
	}
	if q.Booth != "" {
		if f.Arrivals, err = s.dueArrivals(ctx, q); err != nil {
			return f, err
		}
		meetings, err := s.meetingArrivals(ctx, q)
		if err != nil {
			return f, err
		}
		f.Arrivals = withMeetingArrivals(f.Arrivals, meetings)
	}
	if f.Meetings, err = s.dueMeetings(ctx, q); err != nil {
		return f, err
	}
	if q.Organiser {
		if f.Full, err = s.fullSessions(ctx, timeText(q.CapacityFrom), timeText(q.CapacityUntil)); err != nil {
			return f, err
		}
	}
	if !q.UnstaffedAt.IsZero() {
		if f.Unstaffed, err = s.unstaffedBooths(ctx, timeText(q.Now), timeText(q.UnstaffedAt)); err != nil {
			return f, err
		}
	}
	return f, nil
}

type arrivalRow struct {
	ID       string `db:"row_id"`
	PersonID string `db:"person_id"`
	At       string `db:"at"`
	Laptop   string `db:"laptop"`
	Wanted   bool   `db:"wanted"`
}

func (s *Store) dueArrivals(ctx context.Context, q NotifyQuery) ([]DueArrival, error) {
	from, now := timeText(q.ArrivalsFrom), timeText(q.Now)
	var rows []arrivalRow
	err := s.reader.SelectContext(ctx, &rows, `SELECT v.id AS row_id, v.person_id, v.at, v.laptop, 0 AS wanted FROM visits v
		WHERE v.booth_id = ? AND v.at > ? AND v.at <= ? AND v.undoes = '' AND v.deleted = 0
		AND coalesce((SELECT st.dev FROM stamps st WHERE st.tbl = 'visits' AND st.id = v.id AND st.col = 'at'), v.dev) <> ?
		AND NOT EXISTS (SELECT 1 FROM visits u WHERE u.person_id = v.person_id AND u.undoes = v.id)`+
		fmt.Sprintf(notYetSent, "'visit'", "v.id", "v.at")+`
		UNION ALL
		SELECT c.id, c.person_id, c.at, c.laptop, 1 FROM host_preferences w
		JOIN checkins c ON c.person_id = w.person_id AND c.at > ? AND c.at <= ? AND c.action = 'in' AND c.deleted = 0
		WHERE w.booth_id = ? AND w.host_id = '' AND w.preference = 'want' AND w.deleted = 0
		AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.person_id = c.person_id AND u.undoes = c.id AND u.action = 'undo')`+
		fmt.Sprintf(notYetSent, "'wanted'", "c.id", "c.at")+`
		ORDER BY 3, 1`, q.Booth, from, now, s.device, from, now, q.Booth)
	if err != nil {
		return nil, fmt.Errorf("read arrivals at the booth: %w", err)
	}
	people, err := peopleByID(ctx, s, rows, func(r arrivalRow) string { return r.PersonID })
	if err != nil {
		return nil, fmt.Errorf("read arrivals at the booth: %w", err)
	}
	var out []DueArrival
	for _, r := range rows {
		p := forExhibitors(people[r.PersonID])
		out = append(out, DueArrival{Wanted: r.Wanted, ID: r.ID, At: parseTimeText(r.At), Laptop: r.Laptop, Person: p, OrgName: p.OrgName})
	}
	return out, nil
}

// fullSessions are the sessions starting in (from, until] with a capacity
// that their sign-ups or the people marked present at the door reach
// (marks less undos: a person is marked once per laptop).
func (s *Store) fullSessions(ctx context.Context, from, until string) ([]FullSession, error) {
	var rows []struct {
		sessionRecord
		Count int `db:"n"`
	}
	err := s.reader.SelectContext(ctx, &rows, `SELECT * FROM (SELECT s.id, s.title, s.kind, s.starts_at, s.ends_at, s.room, s.link,
		s.capacity, s.description, s.recording_link, s.custom, s.deleted <> 0 AS deleted,
		max((SELECT count(*) FROM signups u WHERE u.session_id = s.id AND u.deleted = 0),
		    (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.deleted = 0 AND a.undoes = '') -
		    (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.deleted = 0 AND a.undoes <> '')) AS n
		FROM sessions s WHERE s.starts_at > ? AND s.starts_at <= ? AND s.capacity > 0 AND s.deleted = 0`+
		fmt.Sprintf(notYetSent, "'capacity'", "s.id", "s.starts_at")+`) WHERE n >= capacity
		ORDER BY starts_at, title, id`, from, until)
	if err != nil {
		return nil, fmt.Errorf("read full sessions: %w", err)
	}
	out := make([]FullSession, len(rows))
	for i, r := range rows {
		out[i] = FullSession{Session: r.session(), Count: r.Count}
	}
	return out, nil
}

// unstaffedBooths are the live booths with staff of which none has a
// check-in (not undone) by now.
func (s *Store) unstaffedBooths(ctx context.Context, now, due string) ([]Booth, error) {
	var booths []Booth
	err := s.reader.SelectContext(ctx, &booths, `SELECT b.id, `+strings.Join(prefixed("b.", boothsTable.cols), ", ")+`, b.deleted <> 0 AS deleted
		FROM booths b WHERE b.deleted = 0
		AND NOT EXISTS (SELECT 1 FROM booth_staff t JOIN checkins c ON c.person_id = t.person_id
			WHERE t.booth_id = b.id AND t.deleted = 0 AND c.action = 'in' AND c.at <= ? AND c.deleted = 0
			AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.person_id = c.person_id AND u.undoes = c.id AND u.action = 'undo'))`+
		fmt.Sprintf(notYetSent, "'unstaffed'", "b.id", "?")+`
		ORDER BY b.code, b.id`, now, due)
	if err != nil {
		return nil, fmt.Errorf("read unstaffed booths: %w", err)
	}
	return booths, nil
}

func prefixed(p string, cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = p + c
	}
	return out
}

// NotificationDraft is a notification to record: the keys it announces
// (one, or several for a digest or a summary) and what it says.
type NotificationDraft struct {
	Keys       []NotifyKey
	Kind       string
	Title      string
	Body       string
	TargetKind string // session, person or booth
	TargetID   string
	// Nameless is what the desktop shows instead when the user hides
	// names on the lock screen; empty when Title and Body name no one.
	Nameless *NamelessText
}

// NamelessText is a notification's title and body without any person's
// name, for a screen others may see.
type NamelessText struct{ Title, Body string }

// Notification is one entry of the notification centre.
type Notification struct {
	ID         int64  `db:"id"`
	Kind       string `db:"kind"`
	Title      string `db:"title"`
	Body       string `db:"body"`
	TargetKind string `db:"target_kind"`
	TargetID   string `db:"target_id"`
	At         time.Time
	Read       bool `db:"read"`
	// Nameless is the draft's, for the desktop, on the notifications
	// RecordNotifications returns; the centre does not keep it.
	Nameless *NamelessText `db:"-"`
}

// LastNotifyTick is when the scheduler last ran on this laptop; zero
// before the first run.
func (s *Store) LastNotifyTick(ctx context.Context) (time.Time, error) {
	v, err := s.LocalValue(ctx, stateNotifyTick)
	if err != nil {
		return time.Time{}, fmt.Errorf("read the last reminder run: %w", err)
	}
	t, _ := time.Parse(time.RFC3339Nano, v)
	return t, nil
}

// RecordNotifications claims the drafts' keys in the ledger and keeps the
// drafts that claimed at least one new key in the notification centre, in
// one transaction that also records tick as the scheduler's last run. It
// returns what it kept: what to show on the desktop. A draft whose keys
// were all claimed before (by another run, another process) is dropped,
// so nothing is announced twice.
func (s *Store) RecordNotifications(ctx context.Context, drafts []NotificationDraft, tick time.Time) ([]Notification, error) {
	var kept []Notification
	err := s.write(ctx, func(w *writer) error {
		now := timeText(s.Now())
		for _, d := range drafts {
			claimed := 0
			for _, k := range d.Keys {
				res, err := w.tx.ExecContext(ctx, "INSERT OR IGNORE INTO notify_ledger (kind, subject, instant, sent_at) VALUES (?, ?, ?, ?)",
					k.Kind, k.Subject, timeText(k.Instant), now)
				if err != nil {
					return err
				}
				n, _ := res.RowsAffected()
				claimed += int(n)
			}
			if claimed == 0 && len(d.Keys) > 0 {
				continue
			}
			res, err := w.tx.ExecContext(ctx, "INSERT INTO notifications (kind, title, body, target_kind, target_id, at) VALUES (?, ?, ?, ?, ?, ?)",
				d.Kind, d.Title, d.Body, d.TargetKind, d.TargetID, now)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			kept = append(kept, Notification{ID: id, Kind: d.Kind, Title: d.Title, Body: d.Body, TargetKind: d.TargetKind,
				TargetID: d.TargetID, At: parseTimeText(now), Nameless: d.Nameless})
		}
		if tick.IsZero() {
			return nil
		}
		_, err := w.tx.ExecContext(ctx, "INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", stateNotifyTick, tick.UTC().Format(time.RFC3339Nano))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record notifications: %w", err)
	}
	return kept, nil
}

// Notifications lists the notification centre, newest first, at most limit.
func (s *Store) Notifications(ctx context.Context, limit int) ([]Notification, error) {
	var rows []struct {
		Notification
		AtText string `db:"at_text"`
	}
	err := s.reader.SelectContext(ctx, &rows, `SELECT id, kind, title, body, target_kind, target_id, at AS at_text, read <> 0 AS read
		FROM notifications ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read notifications: %w", err)
	}
	out := make([]Notification, len(rows))
	for i, r := range rows {
		out[i] = r.Notification
		out[i].At = parseTimeText(r.AtText)
	}
	return out, nil
}

// UnreadNotifications counts the notifications not yet read.
func (s *Store) UnreadNotifications(ctx context.Context) (int, error) {
	var n int
	if err := s.reader.GetContext(ctx, &n, "SELECT count(*) FROM notifications WHERE read = 0"); err != nil {
		return 0, fmt.Errorf("count unread notifications: %w", err)
	}
	return n, nil
}

// MarkNotificationsRead marks the notifications named read, or all of them
// when none are named.
func (s *Store) MarkNotificationsRead(ctx context.Context, ids ...int64) error {
	return s.write(ctx, func(w *writer) error {
		if len(ids) == 0 {
			_, err := w.tx.ExecContext(ctx, "UPDATE notifications SET read = 1 WHERE read = 0")
			return err
		}
		for _, id := range ids {
			if _, err := w.tx.ExecContext(ctx, "UPDATE notifications SET read = 1 WHERE id = ?", id); err != nil {
				return err
			}
		}
		return nil
	})
}

// FollowSession stars (on) or unstars a session on this laptop.
func (s *Store) FollowSession(ctx context.Context, sessionID string, on bool) error {
	return s.write(ctx, func(w *writer) error {
		var err error
		if on {
			_, err = w.tx.ExecContext(ctx, "INSERT OR IGNORE INTO followed_sessions (session_id, at) VALUES (?, ?)", sessionID, w.nowText())
		} else {
			_, err = w.tx.ExecContext(ctx, "DELETE FROM followed_sessions WHERE session_id = ?", sessionID)
		}
		if err != nil {
			return fmt.Errorf("follow session %s: %w", sessionID, err)
		}
		return nil
	})
}

// FollowedSessions lists the ids of the sessions starred on this laptop.
func (s *Store) FollowedSessions(ctx context.Context) ([]string, error) {
	var ids []string
	if err := s.reader.SelectContext(ctx, &ids, "SELECT session_id FROM followed_sessions ORDER BY session_id"); err != nil {
		return nil, fmt.Errorf("read followed sessions: %w", err)
	}
	return ids, nil
}
