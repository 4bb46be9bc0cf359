package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Two laptops that book while apart can put two meetings in one slot, or
// one job seeker in two places at once. Each keeps working; when the
// second meeting arrives by sync, the merge records a "double_booking"
// conflict. Its id is made of the two meetings' ids, so every laptop that
// finds it (each finds it when the other's meeting arrives) makes the
// same row, and a resolution reaches them all.
//
// A conflict over one slot is about the slot's meeting (tbl meetings),
// so it goes where the meeting goes: its booth and the organisers. A
// seeker in two places may span two hosts, two booths: it is about the
// person (tbl people) and goes to organisers only, so that no booth
// learns of another's meeting.

// KindDoubleBooking is the conflict kind of two meetings that clash.
const KindDoubleBooking = "double_booking"

// ChoiceMoved resolves a double booking by moving the other meeting.
const ChoiceMoved = "moved"

// doubleBookingsQuery pairs each live holding meeting of the JSON array
// ?1 with the other live holding meetings in its slot, or of its seeker,
// at an overlapping time.
const doubleBookingsQuery = `SELECT m.id AS a, o.id AS b, m.person_id AS seeker, m.slot_id = o.slot_id AS same_slot, max(m.hlc, o.hlc) AS hlc
	FROM json_each(?1) n CROSS JOIN meetings m CROSS JOIN meetings o
	WHERE m.id = n.value AND m.deleted = 0 AND m.state NOT IN ('declined', 'cancelled')
	AND o.id <> m.id AND o.deleted = 0 AND o.state NOT IN ('declined', 'cancelled')
	AND (o.slot_id = m.slot_id OR o.person_id = m.person_id) AND o.starts_at < m.ends_at AND m.starts_at < o.ends_at`

// flagDoubleBookings records the double bookings that the batch's
// meetings make.
func (m *merger) flagDoubleBookings(stats *ApplyStats) error {
	if len(m.meetings) == 0 {
		return nil
	}
	ids, err := json.Marshal(m.meetings)
	if err != nil {
		return err
	}
	var pairs []struct {
		A, B     string
		Seeker   string
		SameSlot bool `db:"same_slot"`
		HLC      int64
	}
	if err := m.w.tx.Select(&pairs, doubleBookingsQuery, string(ids)); err != nil {
		return fmt.Errorf("look for double bookings: %w", err)
	}
	for _, p := range pairs {
		a, b := min(p.A, p.B), max(p.A, p.B)
		c := conflictRow{ID: conflictID(KindDoubleBooking, a, b), Kind: KindDoubleBooking, Table: meetingsTable.name, RowID: a,
			Kept: a, Other: b, At: HLC(p.HLC)}
		if !p.SameSlot {
			c.Table, c.RowID = peopleTable.name, p.Seeker
		}
		if err := m.addConflict(c, stats); err != nil {
			return err
		}
	}
	return nil
}

// MoveDoubleBooked settles a double booking: the later of its two
// meetings (the one ordered second by id, UUIDv7 being made in time
// order) moves to the free slot of its host nearest in time where its
// seeker is free, and the conflict is resolved as moved. When no slot
// is free, nothing changes and ErrNoFreeSlot says so.
func (s *Store) MoveDoubleBooked(ctx context.Context, conflictID string) (Meeting, error) {
	var moved Meeting
	err := s.write(ctx, func(w *writer) error {
		c, err := w.conflict(conflictID)
		if err != nil {
			return err
		}
		if c.Kind != KindDoubleBooking {
			return fmt.Errorf("conflict %s is not a double booking", conflictID)
		}
		var rec meetingRecord
		if err := w.get(&rec, meetingsTable.selectByID(), c.Other); err != nil {
			return fmt.Errorf("meeting %s: %w", c.Other, notFound(err))
		}
		m := rec.meeting()
		var slots []slotRecord
		if err := w.tx.Select(&slots, "SELECT "+meetingSlotsTable.selectList()+", "+isDeleted+
			" FROM meeting_slots WHERE booth_id = ? AND host_id = ? AND deleted = 0 AND id <> ?", m.BoothID, m.HostID, m.SlotID); err != nil {
			return err
		}
		gap := func(s slotRecord) time.Duration { return (parseTimeText(s.StartsAt).Sub(m.Starts)).Abs() }
		slices.SortStableFunc(slots, func(a, b slotRecord) int {
			if d := gap(a) - gap(b); d != 0 {
				return int(d / time.Second)
			}
			return 0
		})
		for _, slot := range slots {
			try := m
			try.SlotID, try.Place, try.Link = slot.ID, "", ""
			err := w.saveMeeting(&try)
			var bad FieldErrors
			if errors.As(err, &bad) {
				continue // taken, or the seeker is busy then
			}
			if err != nil {
				return err
			}
			moved = try
			return w.setResolution(c, ChoiceMoved)
		}
		return fmt.Errorf("meeting %s: %w", m.ID, ErrNoFreeSlot)
	})
	if err != nil {
		return Meeting{}, fmt.Errorf("move a double-booked meeting: %w", err)
	}
	return moved, nil
}

// ErrNoFreeSlot is a host with no slot left that a meeting could move to.
var ErrNoFreeSlot = errors.New("its host has no free slot when its job seeker is free; cancel it or add a slot")
