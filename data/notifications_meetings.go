package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// What the reminders read of one-to-one meetings: booked meetings about to
// start at the user's booth or of a host the user follows, and the
// check-in at the desk of a job seeker the booth is to meet.

// DueMeeting is a booked meeting starting soon.
type DueMeeting struct {
	Meeting
	Seeker   PersonRow // as exhibitors may see them
	HostName string    // a mentor's or recruiter's name, or a booth's code and name
	AtBooth  bool      // at the user's own booth (else of a host they follow)
}

// MeetingArrival is what a check-in at the desk means to a booth: the
// person checked in is the job seeker of a meeting still to come there.
type MeetingArrival struct {
	Meeting
	// Next: no other booked meeting of the booth comes before it, as
	// things stood at the check-in.
	Next bool
}

// arrivalAhead is how far ahead of a meeting a check-in is news for it:
// the same day.
const arrivalAhead = 12 * time.Hour

// dueMeetings reads the booked meetings starting in (from, until] at the
// booth or of the hosts named, not yet announced, each once.
func (s *Store) dueMeetings(ctx context.Context, q NotifyQuery) ([]DueMeeting, error) {
	hosts := slices.DeleteFunc(slices.Clone(q.Hosts), func(h string) bool { return h == "" })
	if q.Booth != "" {
		hosts = append(hosts, q.Booth)
	}
	if len(hosts) == 0 || q.MeetingsUntil.IsZero() {
		return nil, nil
	}
	query, args, err := sqlx.In(`SELECT `+meetingsTable.selectList()+`, `+isDeleted+` FROM meetings
		WHERE state = 'booked' AND deleted = 0 AND starts_at > ? AND starts_at <= ?
		AND (booth_id IN (?) OR (booth_id = '' AND host_id IN (?)))`+
		fmt.Sprintf(notYetSent, "'meeting'", "meetings.id", "meetings.starts_at")+`
		ORDER BY starts_at, booth_id, host_id, id`, timeText(q.MeetingsFrom), timeText(q.MeetingsUntil), hosts, hosts)
	if err != nil {
		return nil, err
	}
	var rows []meetingRecord
	if err := s.reader.SelectContext(ctx, &rows, s.reader.Rebind(query), args...); err != nil {
		return nil, fmt.Errorf("read meetings due: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	people, err := peopleByID(ctx, s, rows, func(r meetingRecord) string { return r.PersonID })
	if err != nil {
		return nil, fmt.Errorf("read meetings due: %w", err)
	}
	var hostIDs []meetingRecord
	for _, r := range rows {
		if r.HostID != "" {
			hostIDs = append(hostIDs, r)
		}
	}
	hostPeople, err := peopleByID(ctx, s, hostIDs, func(r meetingRecord) string { return r.HostID })
	if err != nil {
		return nil, fmt.Errorf("read meetings due: %w", err)
	}
	booths, err := s.Booths(ctx)
	if err != nil {
		return nil, fmt.Errorf("read meetings due: %w", err)
	}
	boothNames := map[string]string{}
	for _, b := range booths {
		name := b.Name
		if name == "" {
			name = b.OrgName
		}
		boothNames[b.ID] = strings.TrimSpace("booth " + b.Code + " " + name)
	}
	out := make([]DueMeeting, len(rows))
	for i, r := range rows {
		m := DueMeeting{Meeting: r.meeting(), Seeker: forExhibitors(people[r.PersonID]), AtBooth: q.Booth != "" && r.BoothID == q.Booth}
		m.Seeker.ID = r.PersonID
		if r.BoothID != "" {
			m.HostName = boothNames[r.BoothID]
		} else {
			m.HostName = hostPeople[r.HostID].DisplayName()
		}
		out[i] = m
	}
	return out, nil
}

// meetingArrivals are the check-ins in (ArrivalsFrom, Now], not undone and
// not yet announced, of the job seekers of the booth's booked meetings
// still to come at the check-in, each with the first such meeting.
func (s *Store) meetingArrivals(ctx context.Context, q NotifyQuery) ([]DueArrival, error) {
	var booked []meetingRecord
	if err := s.reader.SelectContext(ctx, &booked, "SELECT "+meetingsTable.selectList()+", "+isDeleted+
		` FROM meetings WHERE booth_id = ? AND host_id = '' AND state = 'booked' AND deleted = 0 AND ends_at > ?
		ORDER BY starts_at, id`, q.Booth, timeText(q.ArrivalsFrom)); err != nil {
		return nil, fmt.Errorf("read the booth's meetings: %w", err)
	}
	if len(booked) == 0 {
		return nil, nil
	}
	var seekers []string
	for _, m := range booked {
		seekers = append(seekers, m.PersonID)
	}
	query, args, err := sqlx.In(`SELECT c.id AS row_id, c.person_id, c.at, c.laptop, 0 AS wanted FROM checkins c
		WHERE c.person_id IN (?) AND c.at > ? AND c.at <= ? AND c.action = 'in' AND c.deleted = 0
		AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.person_id = c.person_id AND u.undoes = c.id AND u.action = 'undo')`+
		fmt.Sprintf(notYetSent, "'meeting_checkin'", "c.id", "c.at")+`
		ORDER BY c.at, c.id`, seekers, timeText(q.ArrivalsFrom), timeText(q.Now))
	if err != nil {
		return nil, err
	}
	var rows []arrivalRow
	if err := s.reader.SelectContext(ctx, &rows, s.reader.Rebind(query), args...); err != nil {
		return nil, fmt.Errorf("read the check-ins of the booth's visitors: %w", err)
	}
	people, err := peopleByID(ctx, s, rows, func(r arrivalRow) string { return r.PersonID })
	if err != nil {
		return nil, fmt.Errorf("read the check-ins of the booth's visitors: %w", err)
	}
	var out []DueArrival
	for _, r := range rows {
		at := parseTimeText(r.At)
		first := -1 // the booth's next meeting at the check-in
		for i, m := range booked {
			if !parseTimeText(m.EndsAt).After(at) || !parseTimeText(m.StartsAt).Before(at.Add(arrivalAhead)) {
				continue
			}
			if first < 0 {
				first = i
			}
			if m.PersonID != r.PersonID {
				continue
			}
			p := forExhibitors(people[r.PersonID])
			p.ID = r.PersonID
			out = append(out, DueArrival{ID: r.ID, At: at, Laptop: r.Laptop, Person: p, OrgName: p.OrgName,
				Meeting: &MeetingArrival{Meeting: m.meeting(), Next: i == first}})
			break
		}
	}
	return out, nil
}

// withMeetingArrivals folds the meeting arrivals into the others: a
// check-in of someone on the want-to-meet list who also has a meeting is
// one arrival, which carries both.
func withMeetingArrivals(list, meetings []DueArrival) []DueArrival {
	for _, m := range meetings {
		i := slices.IndexFunc(list, func(a DueArrival) bool { return a.Wanted && a.ID == m.ID })
		if i >= 0 {
			list[i].Meeting = m.Meeting
			continue
		}
		list = append(list, m)
	}
	slices.SortStableFunc(list, func(a, b DueArrival) int { return a.At.Compare(b.At) })
	return list
}
