package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Two laptops book while apart: one slot twice, and one seeker in two
// places. After sync both hold the same two double-booking conflicts;
// moving the later meeting to the nearest free slot settles one, and
// every laptop converges on it.
func TestDoubleBookingOfflineIsOneConflictOnBoth(t *testing.T) {
	ctx := context.Background()
	a, b := newReplica(t, nil), newReplica(t, nil)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	alice := Person{GivenName: "Alice", Roles: NewSet("job_seeker")}
	bob := Person{GivenName: "Bob", Roles: NewSet("job_seeker")}
	carol := Person{GivenName: "Carol", Roles: NewSet("job_seeker")}
	taro := Person{GivenName: "Taro", Roles: NewSet("mentor")}
	for _, p := range []*Person{&alice, &bob, &carol, &taro} {
		a.save(t, p)
	}
	booth := Booth{Code: "A01"}
	must(a.st.SaveBooth(ctx, &booth, nil))
	at := func(h, m int) time.Time { return time.Date(2026, 10, 23, h, m, 0, 0, time.UTC) }
	slot := func(h Host, start time.Time) MeetingSlot {
		s := MeetingSlot{Host: h, Starts: start, Ends: start.Add(15 * time.Minute)}
		must(a.st.SaveSlot(ctx, &s))
		return s
	}
	s1, s2, s3 := slot(BoothHost(booth.ID), at(10, 0)), slot(BoothHost(booth.ID), at(10, 15)), slot(BoothHost(booth.ID), at(10, 30))
	t1 := slot(PersonHost(taro.ID), at(10, 20))
	exchangeAll(t, []*replica{a, b})

	book := func(r *replica, h Host, seeker, slot string) Meeting {
		m := Meeting{Host: h, PersonID: seeker, SlotID: slot}
		must(r.st.SaveMeeting(ctx, &m))
		return m
	}
	first := book(a, BoothHost(booth.ID), alice.ID, s1.ID)
	book(a, BoothHost(booth.ID), carol.ID, s2.ID)
	second := book(b, BoothHost(booth.ID), bob.ID, s1.ID)
	book(b, PersonHost(taro.ID), carol.ID, t1.ID) // 10:20, in her 10:15 meeting at the booth
	exchangeAll(t, []*replica{a, b})

	ca, cb := a.conflicts(t, false), b.conflicts(t, false)
	if len(ca) != 2 || len(cb) != 2 {
		t.Fatalf("conflicts: %+v and %+v", ca, cb)
	}
	var slotConflict Conflict
	for i, c := range ca {
		if c.ID != cb[i].ID || c.Kind != KindDoubleBooking {
			t.Errorf("laptops differ: %+v, %+v", c, cb[i])
		}
		switch c.Table {
		case "meetings":
			slotConflict = c
			if c.Kept != min(first.ID, second.ID) || c.Other != max(first.ID, second.ID) {
				t.Errorf("slot conflict names %s and %s", c.Kept, c.Other)
			}
		case "people":
			if c.RowID != carol.ID {
				t.Errorf("the seeker's conflict is about %s", c.RowID)
			}
		default:
			t.Errorf("conflict about %s", c.Table)
		}
	}
	if a.dump(t) != b.dump(t) {
		t.Fatal("the laptops differ after the double booking")
	}

	moved, err := b.st.MoveDoubleBooked(ctx, slotConflict.ID)
	must(err)
	// 10:15 is Carol's: the nearest free slot is 10:30.
	if moved.ID != slotConflict.Other || moved.SlotID != s3.ID || !moved.Starts.Equal(at(10, 30)) {
		t.Errorf("moved %+v", moved)
	}
	exchangeAll(t, []*replica{a, b})
	if a.dump(t) != b.dump(t) {
		t.Fatal("the laptops differ after the move")
	}
	if open := a.conflicts(t, false); len(open) != 1 || open[0].Table != "people" {
		t.Errorf("open after the move: %+v", open)
	}
	// The other conflict's later meeting is Carol's with Taro, who has no
	// other slot: it has nowhere to go, and nothing changes.
	var seeker Conflict
	for _, c := range a.conflicts(t, false) {
		seeker = c
	}
	before := a.dump(t)
	if _, err := a.st.MoveDoubleBooked(ctx, seeker.ID); !errors.Is(err, ErrNoFreeSlot) {
		t.Errorf("moving with no free slot: %v", err)
	}
	if a.dump(t) != before {
		t.Error("a refused move changed the database")
	}
}
