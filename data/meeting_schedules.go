package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// A meeting schedule is what one host or one job seeker is handed: their
// meetings in time order, each with whom and where. Only meetings that
// were booked are on it (booked, done, no-show): a proposal of the draft
// or a request is not a time anyone should keep free yet.

// scheduledStates are the states a schedule shows.
var scheduledStates = []MeetingState{MeetingBooked, MeetingDone, MeetingNoShow}

// ScheduledMeeting is a meeting on a schedule, with the other side named.
type ScheduledMeeting struct {
	Meeting
	With       string // the job seeker's name on a host's schedule, the host's on a seeker's
	WithDetail string // their organisation (and a booth's location), or a job seeker's role
	AtBooth    string // on a booth staff member's own schedule: the booth's code
}

// MeetingSchedule is one host's or one job seeker's meetings.
type MeetingSchedule struct {
	Name      string // a person's name (with the kanji name when it differs), or a booth's code and name
	Detail    string // the organisation (and a booth's location)
	BadgeCode string // a person's; empty for a booth
	Meetings  []ScheduledMeeting
}

// scheduleBook is what naming a schedule's people and booths reads, once.
type scheduleBook struct {
	meetings []Meeting
	people   map[string]PersonRow
	booths   map[string]BoothRow
}

func (s *Store) readScheduleBook(ctx context.Context) (scheduleBook, error) {
	var b scheduleBook
	var err error
	if b.meetings, err = s.Meetings(ctx, MeetingFilter{States: scheduledStates}); err != nil {
		return b, err
	}
	var ids []string
	for _, m := range b.meetings {
		ids = append(ids, m.PersonID)
		if m.HostID != "" {
			ids = append(ids, m.HostID)
		}
	}
	if b.people, err = peopleByID(ctx, s, ids, func(id string) string { return id }); err != nil {
		return b, err
	}
	booths, err := s.Booths(ctx)
	if err != nil {
		return b, err
	}
	b.booths = map[string]BoothRow{}
	for _, booth := range booths {
		b.booths[booth.ID] = booth
	}
	return b, nil
}

func personLabel(p PersonRow) string {
	name := p.DisplayName()
	if k := strings.TrimSpace(p.KanjiName); k != "" && k != name {
		name += " " + k
	}
	return name
}

func (b scheduleBook) hostName(h Host) (name, detail string) {
	if h.BoothID != "" {
		booth := b.booths[h.BoothID]
		org := booth.OrgName
		if strings.EqualFold(strings.TrimSpace(org), strings.TrimSpace(booth.Name)) {
			org = "" // the booth's name says it already
		}
		var parts []string
		for _, part := range []string{org, booth.Location} {
			if part = strings.TrimSpace(part); part != "" {
				parts = append(parts, part)
			}
		}
		return strings.TrimSpace(booth.Code + " " + booth.Name), strings.Join(parts, " · ")
	}
	p := b.people[h.HostID]
	return personLabel(p), p.OrgName
}

func (b scheduleBook) seekerName(id string) (name, detail string) {
	p := b.people[id]
	if p.OrgName != "" {
		return personLabel(p), p.OrgName
	}
	if p.HasRole(RoleJobSeeker) {
		return personLabel(p), "Job seeker"
	}
	return personLabel(p), ""
}

// MeetingSchedules lists every host's schedule (hosts true: each booth
// and each mentor or recruiter with a meeting) or every job seeker's, by
// name.
func (s *Store) MeetingSchedules(ctx context.Context, hosts bool) ([]MeetingSchedule, error) {
	b, err := s.readScheduleBook(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the meeting schedules: %w", err)
	}
	byKey := map[string]*MeetingSchedule{}
	var keys []string
	for _, m := range b.meetings {
		key := m.PersonID
		if hosts {
			key = m.Host.Key()
		}
		sch, ok := byKey[key]
		if !ok {
			sch = &MeetingSchedule{}
			if hosts {
				sch.Name, sch.Detail = b.hostName(m.Host)
				sch.BadgeCode = b.people[m.HostID].BadgeCode
			} else {
				sch.Name, _ = b.seekerName(m.PersonID)
				sch.Detail, sch.BadgeCode = b.people[m.PersonID].OrgName, b.people[m.PersonID].BadgeCode
			}
			byKey[key] = sch
			keys = append(keys, key)
		}
		sm := ScheduledMeeting{Meeting: m}
		if hosts {
			sm.With, sm.WithDetail = b.seekerName(m.PersonID)
		} else {
			sm.With, sm.WithDetail = b.hostName(m.Host)
		}
		sch.Meetings = append(sch.Meetings, sm)
	}
	out := make([]MeetingSchedule, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	slices.SortStableFunc(out, func(a, b MeetingSchedule) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.BadgeCode, b.BadgeCode))
	})
	return out, nil
}

// HostSchedule is one host's schedule, empty of meetings when they have none.
func (s *Store) HostSchedule(ctx context.Context, h Host) (MeetingSchedule, error) {
	b, err := s.readScheduleBook(ctx)
	if err != nil {
		return MeetingSchedule{}, fmt.Errorf("read the meeting schedule: %w", err)
	}
	if h.HostID != "" {
		if b.people[h.HostID].ID == "" {
			if b.people[h.HostID], err = s.Person(ctx, h.HostID); err != nil {
				return MeetingSchedule{}, fmt.Errorf("read the meeting schedule: %w", err)
			}
		}
	}
	sch := MeetingSchedule{BadgeCode: b.people[h.HostID].BadgeCode}
	sch.Name, sch.Detail = b.hostName(h)
	for _, m := range b.meetings {
		if m.Host == h {
			sm := ScheduledMeeting{Meeting: m}
			sm.With, sm.WithDetail = b.seekerName(m.PersonID)
			sch.Meetings = append(sch.Meetings, sm)
		}
	}
	return sch, nil
}

// PersonSchedule is everything one person meets at: as a job seeker, as a
// mentor or recruiter, and at the booths they staff (those meetings
// marked with the booth's code), in time order.
func (s *Store) PersonSchedule(ctx context.Context, personID string) (MeetingSchedule, error) {
	b, err := s.readScheduleBook(ctx)
	if err != nil {
		return MeetingSchedule{}, fmt.Errorf("read the meeting schedule: %w", err)
	}
	p, err := s.Person(ctx, personID)
	if err != nil {
		return MeetingSchedule{}, fmt.Errorf("read the meeting schedule: %w", err)
	}
	sch := MeetingSchedule{Name: personLabel(p), Detail: p.OrgName, BadgeCode: p.BadgeCode}
	staffs := map[string]bool{}
	for id, booth := range b.booths {
		if slices.Contains(booth.Staff, personID) {
			staffs[id] = true
		}
	}
	for _, m := range b.meetings {
		sm := ScheduledMeeting{Meeting: m}
		switch {
		case m.PersonID == personID:
			sm.With, sm.WithDetail = b.hostName(m.Host)
		case m.HostID == personID:
			sm.With, sm.WithDetail = b.seekerName(m.PersonID)
		case staffs[m.BoothID]:
			sm.With, sm.WithDetail = b.seekerName(m.PersonID)
			sm.AtBooth = b.booths[m.BoothID].Code
		default:
			continue
		}
		sch.Meetings = append(sch.Meetings, sm)
	}
	return sch, nil
}
