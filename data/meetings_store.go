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

// checkLive checks that a row (a host's booth or person, a seeker) is
// there and not deleted. Errors name ids only.
func (w *writer) checkLive(tbl, id string) error {
	var n int
	if err := w.tx.Get(&n, "SELECT count(*) FROM "+tbl+" WHERE id = ? AND deleted = 0", id); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %s: %w", strings.TrimSuffix(tbl, "s"), id, ErrNotFound)
	}
	return nil
}

func (w *writer) checkHost(h Host) error {
	if h.BoothID != "" {
		return w.checkLive(boothsTable.name, h.BoothID)
	}
	return w.checkLive(peopleTable.name, h.HostID)
}

// checkPair validates the host and seeker of a request, preference or
// meeting.
func checkPair(h Host, seekerID string) FieldErrors {
	switch {
	case !h.valid():
		return FieldErrors{"host_id": problem(ProblemHostNeeded)}
	case seekerID == "":
		return FieldErrors{"person_id": problem(ProblemSeekerNeeded)}
	case seekerID == h.HostID:
		return FieldErrors{"person_id": problem(ProblemSeekerIsHost)}
	}
	return nil
}

// SaveSlot adds (empty ID) or changes a host's slot. A slot lasts 10 to
// 30 minutes; a person host has one slot at a time, a booth one at a time
// per place (a booth with two tables offers two slots at once).
func (s *Store) SaveSlot(ctx context.Context, slot *MeetingSlot) error {
	if err := s.write(ctx, func(w *writer) error { return w.saveSlot(slot) }); err != nil {
		return fmt.Errorf("save slot: %w", err)
	}
	return nil
}

func checkSlot(slot *MeetingSlot) error {
	if !slot.Host.valid() {
		return FieldErrors{"host_id": problem(ProblemHostNeeded)}
	}
	if slot.Starts.IsZero() {
		return FieldErrors{"starts_at": problem(ProblemSlotStartNeeded)}
	}
	if n := slot.Ends.Sub(slot.Starts); n < MinSlotLength || n > MaxSlotLength {
		return FieldErrors{"ends_at": problem(ProblemSlotLength, int(n/time.Minute))}
	}
	if slot.SeekerCap == 0 {
		slot.SeekerCap = 1
	}
	if slot.SeekerCap < 0 {
		return FieldErrors{"seeker_cap": problem(ProblemSeekerCapNotPositive)}
	}
	return nil
}

func (w *writer) saveSlot(slot *MeetingSlot) error {
	if err := checkSlot(slot); err != nil {
		return err
	}
	if err := w.checkHost(slot.Host); err != nil {
		return err
	}
	var others []slotRecord
	if err := w.tx.Select(&others, "SELECT "+meetingSlotsTable.selectList()+", "+isDeleted+
		" FROM meeting_slots WHERE booth_id = ? AND host_id = ? AND id <> ? AND deleted = 0", slot.BoothID, slot.HostID, slot.ID); err != nil {
		return err
	}
	for _, o := range others {
		same := slot.HostID != "" || strings.EqualFold(o.Place, strings.TrimSpace(slot.Place))
		if same && overlaps(slot.Starts, slot.Ends, parseTimeText(o.StartsAt), parseTimeText(o.EndsAt)) {
			return FieldErrors{"starts_at": problem(ProblemSlotOverlaps)}
		}
	}
	slot.ID = cmp.Or(slot.ID, NewID())
	var old slotRecord
	return w.upsert(meetingSlotsTable, slot.ID, &old, slotFields, slot.record())
}

// DeleteSlot tombstones a slot. Its meetings stay, to be moved or cancelled.
func (s *Store) DeleteSlot(ctx context.Context, id string) error {
	return s.write(ctx, func(w *writer) error { return w.setDeleted(meetingSlotsTable, id, true) })
}

// Slots lists the live slots in start order: of one host, or of every
// host when host is zero.
func (s *Store) Slots(ctx context.Context, host Host) ([]MeetingSlot, error) {
	where, args := "", []any{}
	if host != (Host{}) {
		where, args = "booth_id = ? AND host_id = ? AND ", []any{host.BoothID, host.HostID}
	}
	var rows []slotRecord
	if err := s.reader.SelectContext(ctx, &rows, "SELECT "+meetingSlotsTable.selectList()+", "+isDeleted+
		" FROM meeting_slots WHERE "+where+"deleted = 0 ORDER BY starts_at, booth_id, host_id, id", args...); err != nil {
		return nil, fmt.Errorf("list slots: %w", err)
	}
	list := make([]MeetingSlot, len(rows))
	for i, r := range rows {
		list[i] = r.slot()
	}
	return list, nil
}

// SaveMeetingRequest records a job seeker's wish to meet a host, or
// changes its rank or source. The id is host/seeker.
func (s *Store) SaveMeetingRequest(ctx context.Context, r *MeetingRequest) error {
	if bad := checkRequest(r); bad != nil {
		return bad
	}
	err := s.write(ctx, func(w *writer) error {
		_, err := w.saveMeetingRequest(r)
		return err
	})
	if err != nil {
		return fmt.Errorf("save meeting request %s: %w", r.ID, err)
	}
	return nil
}

// checkRequest validates a request's fields and gives it its id.
func checkRequest(r *MeetingRequest) FieldErrors {
	if bad := checkPair(r.Host, r.PersonID); bad != nil {
		return bad
	}
	if r.Rank < 1 {
		return FieldErrors{"rank": problem(ProblemRankNotPositive)}
	}
	if r.Source == "" {
		r.Source = SourceOrganiser
	}
	if !slices.Contains(RequestSources, r.Source) {
		return FieldErrors{"source": problem(ProblemRequestSourceUnknown, string(r.Source))}
	}
	r.ID, r.Deleted = pairID(r.Host, r.PersonID), false
	return nil
}

// saveMeetingRequest writes a checked request and returns the one stored
// before, with an empty ID when there was none.
func (w *writer) saveMeetingRequest(r *MeetingRequest) (old MeetingRequest, err error) {
	if err := w.checkHost(r.Host); err != nil {
		return old, err
	}
	if err := w.checkLive(peopleTable.name, r.PersonID); err != nil {
		return old, err
	}
	return old, w.upsert(meetingRequestsTable, r.ID, &old, meetingRequestFields, r)
}

// upsert inserts the record with this id, or writes the fields that
// changed and lifts a tombstone. old receives the stored row.
func (w *writer) upsert(t table, id string, old deletable, cf columnFields, rec any) error {
	err := w.get(old, t.selectByID(), id)
	if errors.Is(err, sql.ErrNoRows) {
		return w.insert(t, id, cf.values(rec))
	}
	if err != nil {
		return err
	}
	if _, err := w.update(t, id, cf.values(old), cf.values(rec)); err != nil {
		return err
	}
	if old.isDeleted() {
		return w.setDeleted(t, id, false)
	}
	return nil
}

// deletable is a record read with its tombstone flag.
type deletable interface{ isDeleted() bool }

func (r *MeetingRequest) isDeleted() bool { return r.Deleted }
func (r *slotRecord) isDeleted() bool     { return r.Deleted }
func (r *meetingRecord) isDeleted() bool  { return r.Deleted }
func (p *HostPreference) isDeleted() bool { return p.Deleted }

// WithdrawMeetingRequest takes back a seeker's request to meet a host;
// their later choices move up one, so that their ranks stay 1, 2, 3…
func (s *Store) WithdrawMeetingRequest(ctx context.Context, h Host, seekerID string) error {
	return s.write(ctx, func(w *writer) error {
		if err := w.unlinkID(meetingRequestsTable, pairID(h, seekerID)); err != nil {
			return err
		}
		var rest []MeetingRequest
		if err := w.tx.Select(&rest, "SELECT "+meetingRequestsTable.selectList()+", "+isDeleted+
			" FROM meeting_requests WHERE person_id = ? AND deleted = 0 ORDER BY rank, id", seekerID); err != nil {
			return err
		}
		for i := range rest {
			if r := &rest[i]; r.Rank != i+1 {
				r.Rank = i + 1
				if _, err := w.saveMeetingRequest(r); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// unlinkID tombstones a row if it is there.
func (w *writer) unlinkID(t table, id string) error {
	err := w.setDeleted(t, id, true)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// MeetingRequests lists the live requests, by seeker then rank.
func (s *Store) MeetingRequests(ctx context.Context) ([]MeetingRequest, error) {
	var list []MeetingRequest
	if err := s.reader.SelectContext(ctx, &list, "SELECT "+meetingRequestsTable.selectList()+", "+isDeleted+
		" FROM meeting_requests WHERE deleted = 0 ORDER BY person_id, rank, id"); err != nil {
		return nil, fmt.Errorf("list meeting requests: %w", err)
	}
	return list, nil
}

// SetHostPreference says what a host thinks of meeting a job seeker;
// PreferNone takes the preference back.
func (s *Store) SetHostPreference(ctx context.Context, h Host, seekerID string, pref Preference) error {
	if bad := checkPair(h, seekerID); bad != nil {
		return bad
	}
	if pref != PreferNone && pref != PreferWant && pref != PreferNoThanks {
		return FieldErrors{"preference": problem(ProblemPreferenceUnknown, string(pref))}
	}
	id := pairID(h, seekerID)
	err := s.write(ctx, func(w *writer) error {
		if pref == PreferNone {
			return w.unlinkID(hostPreferencesTable, id)
		}
		if err := w.checkHost(h); err != nil {
			return err
		}
		if err := w.checkLive(peopleTable.name, seekerID); err != nil {
			return err
		}
		var old HostPreference
		return w.upsert(hostPreferencesTable, id, &old, hostPreferenceFields, &HostPreference{ID: id, Host: h, PersonID: seekerID, Preference: pref})
	})
	if err != nil {
		return fmt.Errorf("save host preference %s: %w", id, err)
	}
	return nil
}

// HostPreferences lists the live preferences, by host then seeker.
func (s *Store) HostPreferences(ctx context.Context) ([]HostPreference, error) {
	var list []HostPreference
	if err := s.reader.SelectContext(ctx, &list, "SELECT "+hostPreferencesTable.selectList()+", "+isDeleted+
		" FROM host_preferences WHERE deleted = 0 ORDER BY booth_id, host_id, person_id"); err != nil {
		return nil, fmt.Errorf("list host preferences: %w", err)
	}
	return list, nil
}

// SaveMeeting adds (empty ID) or changes a meeting in a slot of its host.
// A meeting that holds its slot (every state but declined and cancelled)
// is refused when the slot holds another, when the seeker is in another
// meeting at the time, or at a session they speak at or signed up for;
// nothing is saved then. Starts, Ends, Place and Link come from the slot.
func (s *Store) SaveMeeting(ctx context.Context, m *Meeting) error {
	return s.SaveMeetings(ctx, []*Meeting{m})
}

// SaveMeetings saves several meetings in one transaction: all of them,
// or none when one is refused.
func (s *Store) SaveMeetings(ctx context.Context, list []*Meeting) error {
	return s.saveMeetings(ctx, list, false)
}

// ReplaceDraft puts list (meetings in state proposed) in place of the
// schedule's earlier draft, in one transaction: the old proposed meetings
// are deleted, as drafts never happened, and the new ones saved; when one
// is refused, the old draft stays.
func (s *Store) ReplaceDraft(ctx context.Context, list []*Meeting) error {
	for _, m := range list {
		if m.State != MeetingProposed {
			return FieldErrors{"state": problem(ProblemMeetingStateUnknown, string(m.State))}
		}
	}
	return s.saveMeetings(ctx, list, true)
}

func (s *Store) saveMeetings(ctx context.Context, list []*Meeting, replaceDraft bool) error {
	for _, m := range list {
		if bad := checkPair(m.Host, m.PersonID); bad != nil {
			return bad
		}
		if m.State == "" {
			m.State = MeetingBooked
		}
		if _, ok := ParseMeetingState(string(m.State)); !ok {
			return FieldErrors{"state": problem(ProblemMeetingStateUnknown, string(m.State))}
		}
	}
	err := s.write(ctx, func(w *writer) error {
		if replaceDraft {
			var drafts []string
			if err := w.tx.Select(&drafts, "SELECT id FROM meetings WHERE state = 'proposed' AND deleted = 0 ORDER BY id"); err != nil {
				return err
			}
			for _, id := range drafts {
				if err := w.setDeleted(meetingsTable, id, true); err != nil {
					return err
				}
			}
		}
		for _, m := range list {
			if err := w.saveMeeting(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save meeting: %w", err)
	}
	return nil
}

func (w *writer) saveMeeting(m *Meeting) error {
	if err := w.checkHost(m.Host); err != nil {
		return err
	}
	if err := w.checkLive(peopleTable.name, m.PersonID); err != nil {
		return err
	}
	var slot slotRecord
	if err := w.get(&slot, meetingSlotsTable.selectByID(), m.SlotID); errors.Is(err, sql.ErrNoRows) || (err == nil && slot.Deleted) {
		return fmt.Errorf("slot %s: %w", m.SlotID, ErrNotFound)
	} else if err != nil {
		return err
	}
	if slot.Host != m.Host {
		return FieldErrors{"slot_id": problem(ProblemSlotNotOfHost)}
	}
	m.Starts, m.Ends = parseTimeText(slot.StartsAt), parseTimeText(slot.EndsAt)
	if m.Place == "" {
		m.Place = slot.Place
	}
	if m.Link == "" {
		m.Link = slot.Link
	}
	if m.State.Holds() {
		bad, err := w.meetingClash(m, slot.SeekerCap)
		if err != nil {
			return err
		}
		if bad != nil {
			return bad
		}
	}
	m.ID = cmp.Or(m.ID, NewID())
	var old meetingRecord
	return w.upsert(meetingsTable, m.ID, &old, meetingFields, m.record())
}

// PublishMeetings books every proposed meeting (the schedule's draft) and
// says how many.
func (s *Store) PublishMeetings(ctx context.Context) (int, error) {
	n := 0
	err := s.write(ctx, func(w *writer) error {
		var drafts []meetingRecord
		if err := w.tx.Select(&drafts, "SELECT "+meetingsTable.selectList()+", "+isDeleted+
			" FROM meetings WHERE state = 'proposed' AND deleted = 0 ORDER BY starts_at, id"); err != nil {
			return err
		}
		for _, old := range drafts {
			booked := old
			booked.State = string(MeetingBooked)
			if _, err := w.update(meetingsTable, old.ID, meetingFields.values(old), meetingFields.values(booked)); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("publish the schedule: %w", err)
	}
	return n, nil
}

// meetingClash says why m cannot hold its slot, or nil: the slot holds
// another meeting; the seeker, or the person hosting, is in another
// meeting (on either side) or at a session they speak at or signed up for;
// or the seeker has as many meetings with this host as its slots allow.
func (w *writer) meetingClash(m *Meeting, seekerCap int) (FieldErrors, error) {
	hostPerson := cmp.Or(m.HostID, m.PersonID) // a booth host is no one person: never match host_id ''
	var held []meetingRecord
	if err := w.tx.Select(&held, "SELECT "+meetingsTable.selectList()+", "+isDeleted+
		` FROM meetings WHERE id <> ?1 AND deleted = 0 AND state NOT IN ('declined', 'cancelled')
		AND (slot_id = ?2 OR person_id IN (?3, ?4) OR host_id IN (?3, ?4)) AND starts_at < ?5 AND ends_at > ?6`,
		m.ID, m.SlotID, m.PersonID, hostPerson, timeText(m.Ends), timeText(m.Starts)); err != nil {
		return nil, err
	}
	for _, o := range held {
		if o.SlotID == m.SlotID {
			return FieldErrors{"slot_id": problem(ProblemSlotTaken)}, nil
		}
	}
	for _, o := range held {
		if o.PersonID == m.PersonID || o.HostID == m.PersonID {
			return FieldErrors{"person_id": problem(ProblemSeekerBusy)}, nil
		}
	}
	if len(held) > 0 {
		return FieldErrors{"host_id": problem(ProblemHostBusy)}, nil
	}
	sessions := func(person string) ([]string, error) {
		var titles []string
		err := w.tx.Select(&titles, `SELECT s.title FROM sessions s WHERE s.deleted = 0 AND s.starts_at < ?1 AND s.ends_at > ?2
			AND (EXISTS (SELECT 1 FROM session_speakers k WHERE k.session_id = s.id AND k.person_id = ?3 AND k.deleted = 0)
			  OR EXISTS (SELECT 1 FROM signups u WHERE u.session_id = s.id AND u.person_id = ?3 AND u.deleted = 0))
			ORDER BY s.starts_at, s.id`, timeText(m.Ends), timeText(m.Starts), person)
		return titles, err
	}
	titles, err := sessions(m.PersonID)
	if err != nil {
		return nil, err
	}
	if len(titles) > 0 {
		return FieldErrors{"person_id": problem(ProblemSeekerInSession, titles[0])}, nil
	}
	if m.HostID != "" {
		if titles, err = sessions(m.HostID); err != nil {
			return nil, err
		}
		if len(titles) > 0 {
			return FieldErrors{"host_id": problem(ProblemHostBusy)}, nil
		}
	}
	var withHost int
	if err := w.tx.Get(&withHost, `SELECT count(*) FROM meetings WHERE id <> ? AND deleted = 0 AND state NOT IN ('declined', 'cancelled')
		AND booth_id = ? AND host_id = ? AND person_id = ?`, m.ID, m.BoothID, m.HostID, m.PersonID); err != nil {
		return nil, err
	}
	if withHost >= max(seekerCap, 1) {
		return FieldErrors{"person_id": problem(ProblemSeekerCapReached, withHost)}, nil
	}
	return nil, nil
}

// SetMeetingState moves a meeting to another state (booked, cancelled,
// done...). A state that holds the slot again is checked as SaveMeeting
// checks it.
func (s *Store) SetMeetingState(ctx context.Context, id string, state MeetingState) error {
	m, err := s.Meeting(ctx, id)
	if err != nil {
		return err
	}
	m.State = state
	return s.SaveMeeting(ctx, &m)
}

// Meeting reads one live meeting.
func (s *Store) Meeting(ctx context.Context, id string) (Meeting, error) {
	var r meetingRecord
	err := s.reader.GetContext(ctx, &r, meetingsTable.selectByID(), id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && r.Deleted) {
		return Meeting{}, fmt.Errorf("meeting %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("read meeting %s: %w", id, err)
	}
	return r.meeting(), nil
}

// MeetingFilter narrows a list of meetings; its zero value lists them all.
type MeetingFilter struct {
	Host     Host           // one host's
	PersonID string         // one job seeker's
	States   []MeetingState // only these states
}

// Meetings lists the live meetings in start order.
func (s *Store) Meetings(ctx context.Context, f MeetingFilter) ([]Meeting, error) {
	where, args := []string{"deleted = 0"}, []any{}
	if f.Host != (Host{}) {
		where, args = append(where, "booth_id = ? AND host_id = ?"), append(args, f.Host.BoothID, f.Host.HostID)
	}
	if f.PersonID != "" {
		where, args = append(where, "person_id = ?"), append(args, f.PersonID)
	}
	if len(f.States) > 0 {
		where = append(where, "state IN (?"+strings.Repeat(", ?", len(f.States)-1)+")")
		for _, st := range f.States {
			args = append(args, string(st))
		}
	}
	var rows []meetingRecord
	if err := s.reader.SelectContext(ctx, &rows, "SELECT "+meetingsTable.selectList()+", "+isDeleted+
		" FROM meetings WHERE "+strings.Join(where, " AND ")+" ORDER BY starts_at, booth_id, host_id, id", args...); err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	list := make([]Meeting, len(rows))
	for i, r := range rows {
		list[i] = r.meeting()
	}
	return list, nil
}

// Busy is a time a person is taken by a session they speak at or signed
// up for.
type Busy struct {
	PersonID     string `db:"person_id"`
	SessionID    string `db:"session_id"`
	StartsAt     string `db:"starts_at"`
	EndsAt       string `db:"ends_at"`
	Starts, Ends time.Time
}

// SessionBusy lists, for every person, the live sessions they speak at or
// signed up for, which a meeting must avoid.
func (s *Store) SessionBusy(ctx context.Context) ([]Busy, error) {
	var list []Busy
	err := s.reader.SelectContext(ctx, &list, `SELECT x.person_id, s.id AS session_id, s.starts_at, s.ends_at FROM (
			SELECT session_id, person_id FROM session_speakers WHERE deleted = 0
			UNION SELECT session_id, person_id FROM signups WHERE deleted = 0) x
		JOIN sessions s ON s.id = x.session_id AND s.deleted = 0 AND s.starts_at <> ''
		ORDER BY x.person_id, s.starts_at, s.id`)
	if err != nil {
		return nil, fmt.Errorf("list who is at which session: %w", err)
	}
	for i := range list {
		list[i].Starts, list[i].Ends = parseTimeText(list[i].StartsAt), parseTimeText(list[i].EndsAt)
		if !list[i].Ends.After(list[i].Starts) {
			list[i].Ends = list[i].Starts // a session with no end is a moment, as Overlap takes it
		}
	}
	return list, nil
}

// Around a meeting, a visit of its seeker to its booth is the meeting
// happening: from a quarter of an hour before it starts (early) to half
// an hour after it ends (the visit logged late).
const (
	meetingEarly = 15 * time.Minute
	meetingLate  = 30 * time.Minute
)

// markMeetingsDone marks done the booked meetings of a booth with a
// person that a visit at now falls around (an imported report's visit is
// at the time they joined), and returns their ids.
func (w *writer) markMeetingsDone(boothID, personID string, now time.Time) ([]string, error) {
	var rows []meetingRecord
	if err := w.tx.Select(&rows, "SELECT "+meetingsTable.selectList()+", "+isDeleted+
		` FROM meetings WHERE booth_id = ? AND person_id = ? AND state = 'booked' AND deleted = 0 AND starts_at <= ? AND ends_at >= ?
		ORDER BY starts_at, id`, boothID, personID, timeText(now.Add(meetingEarly)), timeText(now.Add(-meetingLate))); err != nil {
		return nil, fmt.Errorf("find the meetings a visit is for: %w", err)
	}
	var ids []string
	for _, old := range rows {
		done := old
		done.State = string(MeetingDone)
		if _, err := w.update(meetingsTable, old.ID, meetingFields.values(old), meetingFields.values(done)); err != nil {
			return nil, err
		}
		ids = append(ids, old.ID)
	}
	return ids, nil
}
