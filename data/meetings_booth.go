package data

import (
	"context"
	"fmt"
	"time"
)

// What a booth's own screen and a person's page read of meetings.

// BoothMeeting is a meeting at a booth with its job seeker as exhibitors
// may see them: the directory profile, and the contact details only when
// the seeker consented (and this laptop holds them: a booth laptop
// receives them only of consenting visitors).
type BoothMeeting struct {
	Meeting
	Seeker PersonRow
}

// boothDayStates are the meetings a booth's day shows: what was booked
// and what became of it. A draft is the organisers' until published, and
// a declined request never was the booth's.
var boothDayStates = []MeetingState{MeetingBooked, MeetingDone, MeetingNoShow, MeetingCancelled}

// BoothMeetingsBetween lists the booth's meetings starting in [from, to),
// booked, done, no-show or cancelled, in start order.
func (s *Store) BoothMeetingsBetween(ctx context.Context, boothID string, from, to time.Time) ([]BoothMeeting, error) {
	all, err := s.Meetings(ctx, MeetingFilter{Host: BoothHost(boothID), States: boothDayStates})
	if err != nil {
		return nil, err
	}
	var day []Meeting
	for _, m := range all {
		if !m.Starts.Before(from) && m.Starts.Before(to) {
			day = append(day, m)
		}
	}
	people, err := peopleByID(ctx, s, day, func(m Meeting) string { return m.PersonID })
	if err != nil {
		return nil, fmt.Errorf("read booth %s's meetings: %w", boothID, err)
	}
	out := make([]BoothMeeting, len(day))
	for i, m := range day {
		p, ok := people[m.PersonID]
		if !ok {
			p = PersonRow{Person: Person{ID: m.PersonID}}
		}
		out[i] = BoothMeeting{Meeting: m, Seeker: forExhibitors(p)}
	}
	return out, nil
}

// MeetingRequestsOf lists one job seeker's live requests, first choice
// first.
func (s *Store) MeetingRequestsOf(ctx context.Context, personID string) ([]MeetingRequest, error) {
	var list []MeetingRequest
	if err := s.reader.SelectContext(ctx, &list, "SELECT "+meetingRequestsTable.selectList()+", "+isDeleted+
		" FROM meeting_requests WHERE person_id = ? AND deleted = 0 ORDER BY rank, id", personID); err != nil {
		return nil, fmt.Errorf("list the meeting requests of %s: %w", personID, err)
	}
	return list, nil
}

// PersonMeetings lists the live meetings a person is in, as the job
// seeker or as the host (a mentor, a recruiter), in start order.
func (s *Store) PersonMeetings(ctx context.Context, personID string) ([]Meeting, error) {
	var rows []meetingRecord
	if err := s.reader.SelectContext(ctx, &rows, "SELECT "+meetingsTable.selectList()+", "+isDeleted+
		" FROM meetings WHERE (person_id = ?1 OR (booth_id = '' AND host_id = ?1)) AND deleted = 0 ORDER BY starts_at, id", personID); err != nil {
		return nil, fmt.Errorf("list the meetings of %s: %w", personID, err)
	}
	list := make([]Meeting, len(rows))
	for i, r := range rows {
		list[i] = r.meeting()
	}
	return list, nil
}
