package data

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

// Read-only questions the organisers' Meetings screen asks before it
// writes: which of a host's slots a meeting could take, and why not the
// others. The answers come from the same checks SaveMeeting makes
// (meetingClash), run in a read transaction, so a slot offered is one the
// save accepts unless someone books it in between, and the save still
// checks.

// SlotOffer is one slot of a host for one job seeker: offered, or refused
// with the reason a save would give.
type SlotOffer struct {
	Slot    MeetingSlot
	Refused FieldErrors // nil when the slot is offered
}

// Offered tells a slot the meeting can take.
func (o SlotOffer) Offered() bool { return o.Refused == nil }

// SlotOffers lists every live slot of host in start order, each offered
// to seekerID or refused with its reason (the slot taken, the seeker in
// another meeting or at a session, the host busy, the cap reached).
// meetingID is the meeting being moved, which no slot is refused for
// holding; empty when booking a new one.
func (s *Store) SlotOffers(ctx context.Context, host Host, seekerID, meetingID string) ([]SlotOffer, error) {
	if bad := checkPair(host, seekerID); bad != nil {
		return nil, bad
	}
	slots, err := s.Slots(ctx, host)
	if err != nil {
		return nil, err
	}
	offers := make([]SlotOffer, len(slots))
	err = s.readTx(ctx, func(tx *sqlx.Tx) error {
		w := &writer{tx: tx, store: s} // meetingClash only reads
		for i, slot := range slots {
			m := Meeting{ID: meetingID, Host: host, PersonID: seekerID, SlotID: slot.ID, Starts: slot.Starts, Ends: slot.Ends, State: MeetingBooked}
			bad, err := w.meetingClash(&m, slot.SeekerCap)
			if err != nil {
				return err
			}
			offers[i] = SlotOffer{Slot: slot, Refused: bad}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find the free slots of host %s: %w", host.Key(), err)
	}
	return offers, nil
}

// NearestFreeSlot is the slot nearest in time to a meeting's own that
// the meeting could move to (its host's, with its seeker free then), or
// ErrNoFreeSlot.
func (s *Store) NearestFreeSlot(ctx context.Context, meetingID string) (MeetingSlot, error) {
	m, err := s.Meeting(ctx, meetingID)
	if err != nil {
		return MeetingSlot{}, err
	}
	offers, err := s.SlotOffers(ctx, m.Host, m.PersonID, m.ID)
	if err != nil {
		return MeetingSlot{}, err
	}
	var best *MeetingSlot
	for i := range offers {
		o := &offers[i]
		if !o.Offered() || o.Slot.ID == m.SlotID {
			continue
		}
		// The earlier of two equally near slots wins: offers are in start order.
		if best == nil || o.Slot.Starts.Sub(m.Starts).Abs() < best.Starts.Sub(m.Starts).Abs() {
			best = &o.Slot
		}
	}
	if best == nil {
		return MeetingSlot{}, fmt.Errorf("meeting %s: %w", m.ID, ErrNoFreeSlot)
	}
	return *best, nil
}

// MeetingsTotal is the sum of the scores of the meetings in list that hold
// their slot, and how many they are.
func MeetingsTotal(list []Meeting) (total, n int) {
	for _, m := range list {
		if m.State.Holds() {
			total += m.Score
			n++
		}
	}
	return total, n
}

// UnmetRequests lists the requests in asked with no meeting of the pair
// in list that holds its slot: whom the schedule has not served yet.
func UnmetRequests(asked []MeetingRequest, list []Meeting) []MeetingRequest {
	met := map[string]bool{}
	for _, m := range list {
		if m.State.Holds() {
			met[pairID(m.Host, m.PersonID)] = true
		}
	}
	var unmet []MeetingRequest
	for _, r := range asked {
		if !met[pairID(r.Host, r.PersonID)] {
			unmet = append(unmet, r)
		}
	}
	return unmet
}

// SlotTimes lists the distinct start times of slots, earliest first: the
// timetable's columns.
func SlotTimes(slots []MeetingSlot) []time.Time {
	var times []time.Time
	for _, s := range slots {
		if !slices.ContainsFunc(times, s.Starts.Equal) {
			times = append(times, s.Starts)
		}
	}
	slices.SortFunc(times, time.Time.Compare)
	return times
}
