package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// timeText is how instants are stored: RFC 3339 in UTC, which sorts as text.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func parseTimeText(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// sessionRecord is a session as stored.
type sessionRecord struct {
	ID            string `db:"id"`
	Title         string `db:"title"`
	Kind          string `db:"kind"`
	StartsAt      string `db:"starts_at"`
	EndsAt        string `db:"ends_at"`
	Room          string `db:"room"`
	Link          string `db:"link"`
	Capacity      int    `db:"capacity"`
	Description   string `db:"description"`
	RecordingLink string `db:"recording_link"`
	Custom        Fields `db:"custom"`
	Deleted       bool   `db:"deleted"`
}

func (r sessionRecord) session() Session {
	return Session{ID: r.ID, Title: r.Title, Kind: SessionKind(r.Kind), Starts: parseTimeText(r.StartsAt),
		Ends: parseTimeText(r.EndsAt), Room: r.Room, Link: r.Link, Capacity: r.Capacity, Description: r.Description,
		RecordingLink: r.RecordingLink, Custom: r.Custom, Deleted: r.Deleted}
}

func (s *Session) record() sessionRecord {
	return sessionRecord{ID: s.ID, Title: s.Title, Kind: string(s.Kind), StartsAt: timeText(s.Starts), EndsAt: timeText(s.Ends),
		Room: s.Room, Link: s.Link, Capacity: s.Capacity, Description: s.Description, RecordingLink: s.RecordingLink,
		Custom: s.Custom, Deleted: s.Deleted}
}

// ParseSessionKind reads a kind from its code or a common word for it.
func ParseSessionKind(text string) (SessionKind, bool) {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "panel", "panel discussion", "パネル", "パネルディスカッション":
		return SessionPanel, true
	case "breakout", "breakout session", "workshop", "分科会", "ワークショップ":
		return SessionBreakout, true
	case "talk", "keynote", "presentation", "", "講演", "基調講演":
		return SessionTalk, true
	case "networking", "reception", "交流会", "ネットワーキング":
		return SessionNetworking, true
	}
	return SessionTalk, false
}

// Check reports what is wrong with a session on its own.
func (s *Session) Check() FieldErrors {
	errs := FieldErrors{}
	if strings.TrimSpace(s.Title) == "" {
		errs["title"] = problem(ProblemSessionTitleNeeded)
	}
	if s.Starts.IsZero() {
		errs["starts_at"] = problem(ProblemSessionStartNeeded)
	}
	if !s.Ends.IsZero() && !s.Ends.After(s.Starts) {
		errs["ends_at"] = problem(ProblemSessionEndsBeforeStart)
	}
	if s.Capacity < 0 {
		errs["capacity"] = problem(ProblemCapacityNegative)
	}
	return errs
}

// SaveSession adds (empty ID) or changes a session and sets its speakers.
func (s *Store) SaveSession(ctx context.Context, sess *Session, speakers []string) error {
	if errs := sess.Check(); len(errs) > 0 {
		return errs
	}
	return s.write(ctx, func(w *writer) error {
		if err := w.saveSession(sess); err != nil {
			return err
		}
		return w.setLinks(sessionSpeakersTable, sess.ID, speakers)
	})
}

func (w *writer) saveSession(sess *Session) error {
	if sess.Kind == "" {
		sess.Kind = SessionTalk
	}
	if sess.ID == "" {
		sess.ID = NewID()
		return w.insert(sessionsTable, sess.ID, sess.record().values())
	}
	var old sessionRecord
	if err := w.get(&old, sessionsTable.selectByID(), sess.ID); errors.Is(err, sql.ErrNoRows) {
		return w.insert(sessionsTable, sess.ID, sess.record().values())
	} else if err != nil {
		return fmt.Errorf("read session %s: %w", sess.ID, err)
	}
	_, err := w.update(sessionsTable, sess.ID, old.values(), sess.record().values())
	return err
}

// DeleteSession tombstones a session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.write(ctx, func(w *writer) error { return w.setDeleted(sessionsTable, id, true) })
}

// SignUp puts a person on a session's list; SignUp with on=false takes them off.
func (s *Store) SignUp(ctx context.Context, sessionID, personID string, on bool) error {
	return s.write(ctx, func(w *writer) error {
		if on {
			return w.link(signupsTable, sessionID, personID)
		}
		return w.unlink(signupsTable, sessionID, personID)
	})
}

// Sessions lists the live sessions in start order with speakers and sign-up counts.
func (s *Store) Sessions(ctx context.Context) ([]SessionRow, error) {
	var records []struct {
		sessionRecord
		Signups int `db:"signups"`
	}
	err := s.reader.SelectContext(ctx, &records, `SELECT s.id, s.title, s.kind, s.starts_at, s.ends_at, s.room, s.link,
		s.capacity, s.description, s.recording_link, s.custom, s.deleted <> 0 AS deleted,
		(SELECT count(*) FROM signups u WHERE u.session_id = s.id AND u.deleted = 0) AS signups
		FROM sessions s WHERE s.deleted = 0 ORDER BY s.starts_at, s.room, s.title, s.id`)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	var speakers []struct {
		SessionID string `db:"session_id"`
		Person
	}
	err = s.reader.SelectContext(ctx, &speakers, `SELECT k.session_id, p.id, p.given_name, p.family_name, p.kanji_name,
		p.kana_name, p.email, p.phone, p.org_id, p.job_title, p.roles, p.programme_role, p.host_prefecture, p.years,
		p.year_returned, p.interests, p.industries, p.badge_code, p.consent, p.notes, p.custom, p.deleted <> 0 AS deleted
		FROM session_speakers k JOIN people p ON p.id = k.person_id AND p.deleted = 0
		WHERE k.deleted = 0 ORDER BY p.family_name, p.given_name, p.id`)
	if err != nil {
		return nil, fmt.Errorf("list speakers: %w", err)
	}
	rows := make([]SessionRow, len(records))
	index := map[string]int{}
	for i, r := range records {
		rows[i] = SessionRow{Session: r.session(), Signups: r.Signups}
		index[r.ID] = i
	}
	for _, sp := range speakers {
		if i, ok := index[sp.SessionID]; ok {
			rows[i].Speakers = append(rows[i].Speakers, sp.Person)
		}
	}
	return rows, nil
}
